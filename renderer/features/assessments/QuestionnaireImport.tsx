/**
 * Importing a filled questionnaire: the file is read and checked, every problem shown with its row,
 * column and what to do; nothing is stored until the user accepts the result.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { QuestionnairePreviewView } from '../../../shared/ipc/contract';
import { VerdictBadge } from '../../components/VerdictBadge';
import { verdictOf } from '../../../shared/scoring/verdict';
import { Button } from '../../components/Button';
import { FormDialog } from '../../components/FormDialog';
import { api } from '../../lib/api';
import { useAction } from '../../lib/use-action';
import { DataTable } from '../../components/DataTable';

export function ImportQuestionnaireButton() {
  const { t } = useTranslation();
  const run = useAction();
  const [preview, setPreview] = useState<QuestionnairePreviewView>();
  const open = async () => {
    const result = await run(() => api().imports.questionnairePreview());
    if (result.ok && result.value) setPreview(result.value);
  };
  return (
    <>
      <Button onPress={() => void open()}>{t('questionnaire.import')}</Button>
      {preview && <PreviewDialog preview={preview} onClose={() => setPreview(undefined)} />}
    </>
  );
}

function PreviewDialog({ preview, onClose }: { preview: QuestionnairePreviewView; onClose(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const run = useAction();
  const accept = async () => {
    const result = await run(() => api().imports.questionnaireAccept({ token: preview.token }), { success: t('questionnaire.imported', { name: preview.subject.legalName }) });
    if (!result.ok) return;
    onClose();
    navigate(`/assessments/${result.value.id}`);
  };
  const errors = preview.problems.filter((problem) => problem.severity === 'error').length;
  return (
    <FormDialog
      title={t('questionnaire.previewTitle', { name: preview.subject.legalName })}
      wide
      cancelLabel={t('questionnaire.refuse')}
      submitLabel={t('questionnaire.accept')}
      isSubmitDisabled={!preview.canAccept}
      onSubmit={accept}
      onClose={onClose}
    >
      <dl className="facts">
        <dt>{t('questionnaire.file')}</dt>
        <dd className="break">{preview.fileName}</dd>
        <dt>{t('guide.framework')}</dt>
        <dd>
          {preview.framework.title} {preview.framework.version}
          {preview.framework.match === 'mapped' && preview.framework.madeFor && (
            <span className="muted small block">{t('questionnaire.mapped', { version: preview.framework.madeFor.version })}</span>
          )}
        </dd>
        <dt>{t('questionnaire.respondent')}</dt>
        <dd>{[preview.respondent.name, preview.respondent.role, preview.respondent.email].filter(Boolean).join(', ') || '—'}</dd>
        <dt>{t('questionnaire.answers')}</dt>
        <dd>{t('questionnaire.counts', preview.counts)}</dd>
        <dt>{t('results.overall')}</dt>
        <dd>
          <VerdictBadge verdict={verdictOf(preview.score)} />
        </dd>
      </dl>
      {preview.problems.length === 0 ? (
        <p className="alert alert--info">{t('questionnaire.noProblems')}</p>
      ) : (
        <>
          <p className={errors ? 'alert alert--error' : 'alert alert--warning'}>{errors ? t('questionnaire.problemsErrors', { count: errors, total: preview.problems.length }) : t('questionnaire.problemsWarnings', { count: preview.problems.length })}</p>
          {/* A scrolling region must be reachable by keyboard to be scrolled (WCAG 2.1.1). */}
          {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
          <div className="scroll-table" tabIndex={0} role="region" aria-label={t('questionnaire.problemsTable')}>
            <DataTable
              label={t('questionnaire.problemsTable')}
              rows={preview.problems.map((problem, index) => ({ problem, key: String(index) }))}
              rowKey={(row) => row.key}
              columns={[
                {
                  id: 'where',
                  header: t('questionnaire.where'),
                  isRowHeader: true,
                  cell: ({ problem }) => (
                    <>
                      {problem.row !== null ? t('questionnaire.cell', { row: problem.row, column: problem.column ?? '' }) : '—'}
                      <span className={`badge block-inline ${problem.severity === 'error' ? 'badge--critical' : 'badge--draft'}`}>{t(`questionnaire.severity.${problem.severity}`)}</span>
                    </>
                  ),
                },
                { id: 'problem', header: t('questionnaire.problem'), cell: ({ problem }) => String(t(`questionnaireProblems.${problem.code}.problem`, { ...problem.params, defaultValue: problem.problem })) },
                { id: 'whatToDo', header: t('questionnaire.whatToDo'), cell: ({ problem }) => String(t(`questionnaireProblems.${problem.code}.whatToDo`, { ...problem.params, defaultValue: problem.whatToDo })) },
              ]}
            />
          </div>
        </>
      )}
    </FormDialog>
  );
}
