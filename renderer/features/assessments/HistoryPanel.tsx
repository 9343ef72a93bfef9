import { useTranslation } from 'react-i18next';
import type { Assessment, HistoryEntry } from '../../../shared/assessment/schema';
import type { Framework } from '../../../shared/framework/schema';
import { ErrorMessage } from '../../components/ErrorMessage';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { useFormat, useShowName } from '../../lib/format';
import { TableScroll } from '../../components/TableScroll';

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
  const entries = [...(history.data ?? [])].reverse();
  return (
    <section aria-labelledby="history-title" className="stack">
      <h2 id="history-title">{t('history.title')}</h2>
      <ErrorMessage error={history.error} />
      {entries.length === 0 ? (
        <p className="empty-state">{t('history.empty')}</p>
      ) : (
        <TableScroll>
          <table className="data-table">
            <caption className="visually-hidden">{t('history.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.when')}</th>
                <th scope="col">{t('history.who')}</th>
                <th scope="col">{t('history.criterion')}</th>
                <th scope="col">{t('history.what')}</th>
                <th scope="col">{t('history.from')}</th>
                <th scope="col">{t('history.to')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry, index) => (
                <tr key={index}>
                  <td>{format.dateTime(entry.at)}</td>
                  <td>{showName(entry.by)}</td>
                  <td>{entry.criterionId ? `${entry.criterionId} ${titles.get(entry.criterionId) ?? ''}` : '—'}</td>
                  <td>{t(`history.fields.${entry.field}`)}</td>
                  <td className="history__value">{value(entry, entry.from)}</td>
                  <td className="history__value">{value(entry, entry.to)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
