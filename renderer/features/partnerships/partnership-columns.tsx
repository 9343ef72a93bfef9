/**
 * The first three columns of every list of partnerships (Home, the partnership list): the
 * partnership with its partner, its readiness, and the decision. Each screen says where its rows
 * keep these; the columns look and read the same everywhere.
 */
import type { TFunction } from 'i18next';
import type { ReadinessBand } from '../../../shared/scoring/band';
import type { Verdict } from '../../../shared/scoring/verdict';
import { BandBadge } from '../../components/BandBadge';
import type { DataColumn } from '../../components/DataTable';
import { VerdictBadge } from '../../components/VerdictBadge';

interface PartnershipRow<R> {
  id(row: R): string;
  title(row: R): string;
  partnerName(row: R): string;
  verdict(row: R): Verdict;
  decision(row: R): ReadinessBand | undefined;
}

export function partnershipColumns<R>(t: TFunction, of: PartnershipRow<R>): Array<DataColumn<R>> {
  return [
    {
      id: 'partnership',
      header: t('partnerships.columns.partnership'),
      isRowHeader: true,
      cell: (row) => (
        <>
          <a href={`#/partnerships/${of.id(row)}`}>{of.title(row)}</a>
          <span className="muted small block">{of.partnerName(row)}</span>
        </>
      ),
    },
    { id: 'readiness', header: t('partnerships.columns.readiness'), cell: (row) => <VerdictBadge verdict={of.verdict(row)} /> },
    {
      id: 'decision',
      header: t('partnerships.columns.decision'),
      cell: (row) => {
        const band = of.decision(row);
        return band ? <BandBadge band={band} /> : <span className="muted">{t('partnerships.undecided')}</span>;
      },
    },
  ];
}
