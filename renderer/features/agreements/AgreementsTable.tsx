import { useTranslation } from 'react-i18next';
import type { AgreementSummary } from '../../../shared/agreement/summary';
import { useFormat } from '../../lib/format';
import { AgreementStateBadge } from './AgreementStateBadge';
import { TableScroll } from '../../components/TableScroll';

/** Agreements with their state, who signed the current text and when they end. */
export function AgreementsTable({ agreements }: { agreements: readonly AgreementSummary[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <TableScroll>
      <table className="data-table">
        <caption className="visually-hidden">{t('agreements.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agreements.columns.agreement')}</th>
            <th scope="col">{t('agreements.columns.state')}</th>
            <th scope="col">{t('agreements.columns.signedBy')}</th>
            <th scope="col">{t('agreements.columns.ends')}</th>
          </tr>
        </thead>
        <tbody>
          {agreements.map((agreement) => (
            <tr key={agreement.id}>
              <th scope="row">
                <a href={`#/agreements/${agreement.id}`}>{agreement.title}</a>
                <span className="muted small block">{t('agreement.between', { a: agreement.parties.A.legalName, b: agreement.parties.B.legalName })}</span>
              </th>
              <td>
                <AgreementStateBadge state={agreement.state} />
              </td>
              <td>{agreement.signedBy.length ? agreement.signedBy.map((side) => agreement.parties[side].legalName).join(', ') : t('agreements.none')}</td>
              <td>{agreement.endsOn ? format.day(agreement.endsOn) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
