import { useTranslation } from 'react-i18next';
import type { AgreementSummary } from '../../../shared/agreement/summary';
import { useFormat } from '../../lib/format';
import { AgreementStateBadge } from './AgreementStateBadge';
import { DataTable } from '../../components/DataTable';

/** Agreements with their state, who signed the current text and when they end. */
export function AgreementsTable({ agreements }: { agreements: readonly AgreementSummary[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DataTable
      label={t('agreements.title')}
      rows={agreements}
      rowKey={(agreement) => agreement.id}
      columns={[
        {
          id: 'agreement',
          header: t('agreements.columns.agreement'),
          isRowHeader: true,
          cell: (agreement) => (
            <>
              <a href={`#/agreements/${agreement.id}`}>{agreement.title}</a>
              <span className="muted small block">{t('agreement.between', { a: agreement.parties.A.legalName, b: agreement.parties.B.legalName })}</span>
            </>
          ),
        },
        { id: 'state', header: t('agreements.columns.state'), cell: (agreement) => <AgreementStateBadge state={agreement.state} /> },
        {
          id: 'signedBy',
          header: t('agreements.columns.signedBy'),
          cell: (agreement) => (agreement.signedBy.length ? agreement.signedBy.map((side) => agreement.parties[side].legalName).join(', ') : t('agreements.none')),
        },
        { id: 'ends', header: t('agreements.columns.ends'), cell: (agreement) => (agreement.endsOn ? format.day(agreement.endsOn) : '—') },
      ]}
    />
  );
}
