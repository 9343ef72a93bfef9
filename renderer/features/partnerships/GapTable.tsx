import { Checkbox } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ComparisonSummary, GapLine } from '../../../shared/report/model';
import { TableScroll } from '../../components/TableScroll';

function rating(line: GapLine, which: 'self' | 'peer', t: (key: string) => string): string {
  const value = line[which];
  if (value === 'na') return t('assessment.notApplicable');
  if (value === null) return '—';
  const label = which === 'self' ? line.selfLabel : line.peerLabel;
  return `${value} · ${label ?? ''}`;
}

/** Self vs. peer, criterion by criterion; flagged rows first when filtered. */
export function GapTable({
  comparison,
  flaggedOnly,
  onFlaggedOnly,
  selfName,
  auditorName,
}: {
  comparison: ComparisonSummary;
  flaggedOnly: boolean;
  onFlaggedOnly(value: boolean): void;
  selfName: string;
  auditorName: string;
}) {
  const { t } = useTranslation();
  const rows = flaggedOnly ? comparison.flaggedRows : comparison.rows;
  return (
    <>
      <Checkbox className="checkbox" isSelected={flaggedOnly} onChange={onFlaggedOnly}>
        <span className="checkbox__box" aria-hidden="true" />
        {t('partnership.flaggedOnly', { count: comparison.flaggedRows.length, total: comparison.rows.length })}
      </Checkbox>
      {rows.length === 0 ? (
        <p className="muted">{t('partnership.noFlags')}</p>
      ) : (
        <TableScroll>
          <table className="data-table gap-table">
            <caption className="visually-hidden">{t('partnership.gapsCaption', { name: selfName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.criterion')}</th>
                <th scope="col">{t('partnership.selfRating', { name: selfName })}</th>
                <th scope="col">{t('partnership.peerRating', { name: auditorName })}</th>
                <th scope="col">{t('partnership.gap')}</th>
                <th scope="col">{t('partnership.flags')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((line) => (
                <tr key={line.criterionId} className={line.flags.length ? 'is-flagged' : undefined}>
                  <th scope="row">
                    <span className="mono">{line.criterionId}</span> {line.title}
                    {line.critical && <span className="badge badge--critical">{t('guide.critical')}</span>}
                  </th>
                  <td>{rating(line, 'self', t)}</td>
                  <td>{rating(line, 'peer', t)}</td>
                  <td className="mono">{line.gap === null ? '—' : line.gap > 0 ? `+${line.gap}` : String(line.gap)}</td>
                  <td>
                    {line.flags.map((flag) => (
                      <span key={flag} className="badge badge--critical">
                        {t(`partnership.flag.${flag}`)}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
