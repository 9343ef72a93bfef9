/**
 * All assessments (the newest revision of each), with their status, progress and score. Opens
 * quickly with hundreds of them: the list comes from the store's catalogue, not from the documents.
 */
import { useMemo, useState } from 'react';
import { Checkbox } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { latestRevisions } from '../../../shared/assessment/summary';
import { VerdictBadge } from '../../components/VerdictBadge';
import { summaryVerdict } from '../../../shared/assessment/summary-verdict';
import { Button } from '../../components/Button';
import { DataTable } from '../../components/DataTable';
import { notifySaved } from '../../components/ExportDialog';
import { UnlockDialog } from '../../components/UnlockDialog';
import { needsUnlock } from '../../lib/signing';
import { LinkButton } from '../../components/LinkButton';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { ImportQuestionnaireButton } from './QuestionnaireImport';
import { api } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { useAction } from '../../lib/use-action';
import { useFormat } from '../../lib/format';

const pageSize = 50;

export function AssessmentsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const run = useAction();
  const list = useResource(() => api().assessments.list(), []);
  const [filter, setFilter] = useState<'all' | 'draft' | 'complete' | 'self' | 'audit'>('all');
  const [shown, setShown] = useState(pageSize);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [unlocking, setUnlocking] = useState(false);
  const [sending, setSending] = useState(false);
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  // Several assessments in one signed file, e.g. a consortium member's whole cycle.
  const send = async () => {
    setSending(true);
    const result = await run(() => api().exchange.export({ assessmentIds: [...selected] }), { handledHere: needsUnlock });
    setSending(false);
    if (needsUnlock(result)) return setUnlocking(true);
    if (!result.ok || !result.value) return;
    setSelected(new Set());
    notifySaved(t, result.value.path);
  };
  const rows = useMemo(() => {
    const latest = latestRevisions(list.data ?? []).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return latest.filter((summary) => filter === 'all' || summary.status === filter || summary.kind === filter);
  }, [list.data, filter]);

  return (
    <Page
      title={t('nav.assessments')}
      intro={t('assessments.intro')}
      actions={
        <>
          <ImportQuestionnaireButton />
          <LinkButton href="/assessments/new" variant="primary">
            {t('assessments.new')}
          </LinkButton>
        </>
      }
      resource={list}
    >
      {(all) => (
        <>
          {!all.length ? (
            <div className="empty-state">
              <p>{t('assessments.empty')}</p>
              <LinkButton href="/assessments/new?kind=self" variant="primary">
                {t('home.path.selfAssessment.start')}
              </LinkButton>
            </div>
          ) : (
            <>
              <div className="toolbar">
                <SelectField
                  label={t('assessments.show')}
                  value={filter}
                  options={(['all', 'draft', 'complete', 'self', 'audit'] as const).map((value) => ({ value, label: t(`assessments.filter.${value}`) }))}
                  onChange={(value) => {
                    setFilter(value);
                    setShown(pageSize);
                  }}
                  name="filter"
                />
                <p className="muted" role="status">
                  {t('assessments.count', { count: rows.length })}
                </p>
                <Button onPress={() => void send()} isDisabled={selected.size === 0 || sending}>
                  {selected.size ? t('assessments.sendSelected', { count: selected.size }) : t('assessments.sendNone')}
                </Button>
              </div>
              <DataTable
                label={t('nav.assessments')}
                rows={rows.slice(0, shown)}
                rowKey={(summary) => summary.id}
                columns={[
                  {
                    id: 'select',
                    header: t('assessments.columns.select'),
                    hideHeader: true,
                    cell: (summary) => (
                      <Checkbox className="checkbox" isSelected={selected.has(summary.id)} onChange={(on) => toggle(summary.id, on)} aria-label={t('assessments.selectOne', { title: summary.title })}>
                        <span className="checkbox__box" aria-hidden="true" />
                      </Checkbox>
                    ),
                  },
                  {
                    id: 'title',
                    header: t('assessments.columns.title'),
                    isRowHeader: true,
                    cell: (summary) => (
                      <>
                        <a href={`#/assessments/${summary.id}`}>{summary.title}</a>
                        {summary.revision > 1 && <span className="muted small block">{t('assessment.revision', { revision: summary.revision })}</span>}
                      </>
                    ),
                  },
                  { id: 'kind', header: t('assessments.columns.kind'), cell: (summary) => t(`assessment.kind.${summary.kind}`) },
                  { id: 'institution', header: t('assessments.columns.institution'), cell: (summary) => summary.subject.legalName },
                  {
                    id: 'status',
                    header: t('assessments.columns.status'),
                    cell: (summary) => (
                      <>
                        <span className={`badge badge--${summary.status === 'complete' ? 'published' : 'draft'}`}>{t(`assessments.status.${summary.status}`)}</span>
                        {summary.carriedOver > 0 && <span className="muted small block">{t('assessments.carriedOver', { count: summary.carriedOver })}</span>}
                      </>
                    ),
                  },
                  { id: 'progress', header: t('assessments.columns.progress'), cell: (summary) => t('assessment.progressShort', { done: summary.answered, total: summary.total }) },
                  { id: 'score', header: t('assessments.columns.score'), cell: (summary) => <VerdictBadge verdict={summaryVerdict(summary)} showProgress={false} /> },
                  { id: 'updated', header: t('assessments.columns.updated'), cell: (summary) => format.date(summary.updatedAt) },
                ]}
              />
              {rows.length > shown && (
                <Button onPress={() => setShown((n) => n + pageSize)}>{t('assessments.showMore', { count: Math.min(pageSize, rows.length - shown) })}</Button>
              )}
            </>
          )}
          {unlocking && (
            <UnlockDialog
              onClose={() => setUnlocking(false)}
              onUnlocked={() => {
                setUnlocking(false);
                void send();
              }}
            />
          )}
        </>
      )}
    </Page>
  );
}
