import { useTranslation } from 'react-i18next';
import type { Assessment, HistoryEntry } from '../../../shared/assessment/schema';
import type { Framework } from '../../../shared/framework/schema';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { useFormat, useShowName } from '../../lib/format';
import { DataTable } from '../../components/DataTable';
import { Loaded } from '../../components/Page';

/** Who changed what, when, from what to what — newest first. */
export function HistoryPanel({ assessment, framework }: { assessment: Assessment; framework: Framework }) {
  const { t } = useTranslation();
  const showName = useShowName();
  const format = useFormat();
  const history = useResource(() => api().assessments.history({ id: assessment.id }), [assessment.id]);
  const titles = new Map(framework.dimensions.flatMap((d) => d.criteria.map((c) => [c.id, c.title] as const)));
  const value = (entry: HistoryEntry, text: string) => {
    if (entry.field === 'level' && text !== '') return `${text} · ${framework.scale[Number(text)]?.label ?? ''}`;
    if (text === 'yes' || text === 'no') return t(`common.${text}`);
    // The status is stored as a code ("draft", "complete", "revision 2"): shown in the user's words.
    if (entry.field === 'status') {
      if (text === 'draft' || text === 'complete') return t(`assessments.status.${text}`);
      const revision = /^revision (\d+)$/.exec(text);
      if (revision) return t('assessment.revision', { revision: Number(revision[1]) });
    }
    return text;
  };
  return (
    <section aria-labelledby="history-title" className="stack">
      <h2 id="history-title">{t('history.title')}</h2>
      {/* "No changes yet" only once the history has arrived: while it loads, or when reading it
          failed, the panel says so instead. */}
      <Loaded resource={history}>
        {(data) => {
          // Keyed by their place in the stored history, which only grows at its end.
          const entries = data.map((entry, index) => ({ entry, key: String(index) })).reverse();
          return (
            <DataTable
              labelledBy="history-title"
              empty={<p className="empty-state">{t('history.empty')}</p>}
              rows={entries}
              rowKey={(row) => row.key}
              columns={[
                { id: 'when', header: t('history.when'), cell: ({ entry }) => format.dateTime(entry.at) },
                { id: 'who', header: t('history.who'), cell: ({ entry }) => showName(entry.by) },
                { id: 'criterion', header: t('history.criterion'), cell: ({ entry }) => (entry.criterionId ? `${entry.criterionId} ${titles.get(entry.criterionId) ?? ''}` : '—') },
                { id: 'what', header: t('history.what'), cell: ({ entry }) => t(`history.fields.${entry.field}`) },
                { id: 'from', header: t('history.from'), className: 'history__value', cell: ({ entry }) => value(entry, entry.from) },
                { id: 'to', header: t('history.to'), className: 'history__value', cell: ({ entry }) => value(entry, entry.to) },
              ]}
            />
          );
        }}
      </Loaded>
    </section>
  );
}
