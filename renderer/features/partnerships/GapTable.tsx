import { Checkbox } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ComparisonSummary, GapLine } from '../../../shared/report/model';
import { DataTable } from '../../components/DataTable';

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
        <DataTable
          label={t('partnership.gapsCaption', { name: selfName })}
          className="gap-table"
          rows={rows}
          rowKey={(line) => line.criterionId}
          rowClassName={(line) => (line.flags.length ? 'is-flagged' : undefined)}
          columns={[
            {
              id: 'criterion',
              header: t('history.criterion'),
              isRowHeader: true,
              cell: (line) => (
                <>
                  <span className="mono">{line.criterionId}</span> {line.title}
                  {line.critical && <span className="badge badge--critical">{t('guide.critical')}</span>}
                </>
              ),
            },
            { id: 'self', header: t('partnership.selfRating', { name: selfName }), cell: (line) => rating(line, 'self', t) },
            { id: 'peer', header: t('partnership.peerRating', { name: auditorName }), cell: (line) => rating(line, 'peer', t) },
            { id: 'gap', header: t('partnership.gap'), className: 'mono', cell: (line) => (line.gap === null ? '—' : line.gap > 0 ? `+${line.gap}` : String(line.gap)) },
            {
              id: 'flags',
              header: t('partnership.flags'),
              cell: (line) =>
                line.flags.map((flag) => (
                  <span key={flag} className="badge badge--critical">
                    {t(`partnership.flag.${flag}`)}
                  </span>
                )),
            },
          ]}
        />
      )}
    </>
  );
}
