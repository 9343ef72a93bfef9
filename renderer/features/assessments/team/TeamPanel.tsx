/**
 * The Team tab of an assessment (the coordinator's side): who rates what, the request files sent to
 * colleagues and the contributions they send back (previewed before anything is stored), how well
 * they agreed, the consolidation of their ratings, and the record of who rated and who decided.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData, Result } from '../../../../shared/errors';
import type { Language } from '../../../../shared/framework/schema';
import type { ConsolidationDecision } from '../../../../shared/ipc/team-contract';
import type { ContributionPreviewView, ContributorView, TeamView } from '../../../../shared/team/view';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { FormDialog } from '../../../components/FormDialog';
import { notify } from '../../../components/Toasts';
import { useFormat, useShowName, useUiLanguage } from '../../../lib/format';
import { UnlockDialog } from '../../../components/UnlockDialog';
import { needsUnlock } from '../../../lib/signing';
import { useAction } from '../../../lib/use-action';
import { AgreementPanel } from './AgreementPanel';
import { AssignDialog, ContributorDialog, ExportRequestDialog, type RequestFormat } from './ContributorDialogs';
import { MergeView, useValueLabel } from './MergeView';
import { teamApi } from './team-api';

export function TeamPanel({ assessmentId, onAnswersChanged }: { assessmentId: string; onAnswersChanged(): void }) {
  const { t } = useTranslation();
  const language = useUiLanguage();
  const [view, setView] = useState<TeamView>();
  const [failure, setFailure] = useState<AppErrorData>();
  const run = useAction();

  useEffect(() => {
    let current = true;
    void teamApi()
      .view({ id: assessmentId, language })
      .then((result) => {
        if (!current) return;
        if (result.ok) setView(result.value);
        else setFailure(result.error);
      });
    return () => {
      current = false;
    };
  }, [assessmentId, language]);

  /**
   * Runs a call that answers with the team view; shows its error (unless the dialog that asked
   * shows it in place: toast false) and resolves to it, or nothing.
   */
  const update = useCallback(
    async (call: Promise<Result<TeamView>>, toast = true): Promise<AppErrorData | undefined> => {
      const result = await run(() => call, toast ? {} : { handledHere: () => true });
      if (!result.ok) return result.error;
      setView(result.value);
      return undefined;
    },
    [run],
  );

  if (failure) return <ErrorMessage error={failure} />;
  if (!view) return <p className="muted">{t('common.loading')}</p>;
  return (
    <div className="stack team-panel" data-testid="team-panel">
      {!view.editable && <p className="alert alert--info">{t('team.lockedNote')}</p>}
      <Contributors view={view} assessmentId={assessmentId} update={update} />
      <AgreementPanel agreement={view.agreement} dimensions={view.dimensions} raters={view.raters} flagged={view.counts.flagged} />
      <MergeView
        view={view}
        onConsolidate={async (request: ConsolidationDecision) => {
          const failed = await update(teamApi().consolidate({ id: assessmentId, ...request }));
          if (!failed) {
            notify(t('team.merge.stored', { id: request.criterionId }));
            onAnswersChanged();
          }
          return !failed;
        }}
        onConsolidateAll={async (decisions: ConsolidationDecision[]) => {
          const failed = await update(teamApi().consolidateAll({ id: assessmentId, decisions }));
          if (!failed) {
            notify(t('team.merge.storedAll', { count: decisions.length }));
            onAnswersChanged();
          }
          return !failed;
        }}
      />
      <TeamHistory view={view} />
    </div>
  );
}

type Update = (call: Promise<Result<TeamView>>, toast?: boolean) => Promise<AppErrorData | undefined>;

function Contributors({ view, assessmentId, update }: { view: TeamView; assessmentId: string; update: Update }) {
  const { t } = useTranslation();
  const showName = useShowName();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<ContributorView>();
  const [assigning, setAssigning] = useState<ContributorView>();
  const [exporting, setExporting] = useState<ContributorView>();
  const [removing, setRemoving] = useState<ContributorView>();
  const [unlockFor, setUnlockFor] = useState<() => Promise<void>>();
  const [preview, setPreview] = useState<ContributionPreviewView>();
  const run = useAction();

  const exportRequest = async (contributor: ContributorView, format: RequestFormat, language: Language) => {
    const result = await run(() => teamApi().exportRequest({ id: assessmentId, contributorId: contributor.id, format, language }), { handledHere: needsUnlock });
    if (needsUnlock(result)) return setUnlockFor(() => () => exportRequest(contributor, format, language));
    if (!result.ok) return;
    setExporting(undefined);
    if (result.value) notify(t('team.export.saved', { name: contributor.name, path: result.value.path }));
  };

  const importContribution = async () => {
    const result = await run(() => teamApi().previewContribution({ id: assessmentId }));
    if (result.ok && result.value) setPreview(result.value);
  };

  const active = view.contributors.filter((contributor) => !contributor.removedAt);
  const removed = view.contributors.filter((contributor) => contributor.removedAt);
  const dimensionIds = new Set(view.dimensions.map((dimension) => dimension.id));
  const assignmentText = (contributor: ContributorView) => {
    const parts = [...contributor.assignment.dimensions.filter((id) => dimensionIds.has(id)), ...contributor.assignment.criteria];
    return parts.length ? parts.join(', ') : t('team.contributors.nothingAssigned');
  };

  return (
    <section className="card stack" aria-labelledby="team-contributors-title">
      <div className="section-header">
        <div>
          <h3 id="team-contributors-title">{t('team.contributors.title')}</h3>
          <p className="muted">{t('team.contributors.intro')}</p>
        </div>
        {view.editable && (
          <span className="button-row">
            <Button onPress={() => setAdding(true)}>{t('team.contributors.add')}</Button>
            <Button variant="primary" onPress={() => void importContribution()} isDisabled={active.length === 0}>
              {t('team.import.action')}
            </Button>
          </span>
        )}
      </div>
      {view.contributors.length === 0 ? (
        <p className="empty-state">{t('team.contributors.empty')}</p>
      ) : (
        <DataTable
          label={t('team.contributors.title')}
          data-testid="team-contributors"
          rows={[...active, ...removed]}
          rowKey={(contributor) => contributor.id}
          rowClassName={(contributor) => (contributor.removedAt ? 'muted' : undefined)}
          columns={[
            {
              id: 'name',
              header: t('team.contributors.name'),
              isRowHeader: true,
              cell: (contributor) => (
                <>
                  {showName(contributor.name)}
                  {contributor.removedAt && <span className="badge badge--retired block-inline">{t('team.contributors.removed')}</span>}
                </>
              ),
            },
            { id: 'role', header: t('team.contributors.role'), cell: (contributor) => contributor.role || '—' },
            { id: 'email', header: t('team.contributors.email'), className: 'break', cell: (contributor) => contributor.email || '—' },
            {
              id: 'assigned',
              header: t('team.contributors.assigned'),
              cell: (contributor) => (
                <>
                  {assignmentText(contributor)}
                  <span className="muted small block">{t('team.contributors.criteriaCount', { count: contributor.assignedCriteria.length })}</span>
                </>
              ),
            },
            { id: 'rated', header: t('team.contributors.rated'), cell: (contributor) => t('team.contributors.ratedValue', { rated: contributor.rated, total: contributor.assignedCriteria.length }) },
            ...(view.editable
              ? [
                  {
                    id: 'actions',
                    header: t('common.actions'),
                    cell: (contributor: ContributorView) =>
                      !contributor.removedAt && (
                        <span className="data-table__actions">
                          <Button variant="quiet" onPress={() => setAssigning(contributor)} aria-label={t('team.contributors.assignFor', { name: contributor.name })}>
                            {t('team.contributors.assign')}
                          </Button>
                          <Button
                            variant="quiet"
                            onPress={() => setExporting(contributor)}
                            isDisabled={contributor.assignedCriteria.length === 0}
                            aria-label={t('team.contributors.requestFor', { name: contributor.name })}
                          >
                            {t('team.contributors.request')}
                          </Button>
                          <Button variant="quiet" onPress={() => setEditing(contributor)} aria-label={t('team.contributors.editFor', { name: contributor.name })}>
                            {t('common.edit')}
                          </Button>
                          <Button variant="quiet" onPress={() => setRemoving(contributor)} aria-label={t('team.contributors.removeFor', { name: contributor.name })}>
                            {t('common.remove')}
                          </Button>
                        </span>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {adding && (
        <ContributorDialog
          onClose={() => setAdding(false)}
          onSave={(contributor) => update(teamApi().addContributor({ id: assessmentId, contributor }), false)}
        />
      )}
      {editing && (
        <ContributorDialog
          contributor={editing}
          onClose={() => setEditing(undefined)}
          onSave={(contributor) => update(teamApi().updateContributor({ id: assessmentId, contributorId: editing.id, contributor }), false)}
        />
      )}
      {assigning && (
        <AssignDialog
          view={view}
          contributor={assigning}
          onClose={() => setAssigning(undefined)}
          onSave={(assignment) => update(teamApi().assign({ id: assessmentId, contributorId: assigning.id, assignment }), false)}
        />
      )}
      {exporting && <ExportRequestDialog contributor={exporting} onClose={() => setExporting(undefined)} onExport={(format, language) => exportRequest(exporting, format, language)} />}
      {unlockFor && (
        <UnlockDialog
          onClose={() => setUnlockFor(undefined)}
          onUnlocked={() => {
            const retry = unlockFor;
            setUnlockFor(undefined);
            void retry();
          }}
        />
      )}
      <ConfirmDialog
        isOpen={Boolean(removing)}
        title={t('team.contributors.removeTitle', { name: removing?.name ?? '' })}
        confirmLabel={t('common.remove')}
        destructive
        onCancel={() => setRemoving(undefined)}
        onConfirm={() => {
          const contributor = removing!;
          setRemoving(undefined);
          void update(teamApi().removeContributor({ id: assessmentId, contributorId: contributor.id }));
        }}
      >
        <p>{t(removing && removing.rated > 0 ? 'team.contributors.removeKept' : 'team.contributors.removeDeleted')}</p>
      </ConfirmDialog>
      {preview && (
        <ContributionPreviewDialog
          preview={preview}
          onClose={() => setPreview(undefined)}
          onAccept={async () => {
            const failed = await update(teamApi().applyContribution({ token: preview.token }));
            if (!failed) {
              notify(t('team.import.stored', { count: preview.ratings.length, name: preview.contributor.name }));
              setPreview(undefined);
            }
          }}
        />
      )}
    </section>
  );
}

/** What a returned contribution holds and what accepting it would store; nothing is stored before. */
function ContributionPreviewDialog({ preview, onAccept, onClose }: { preview: ContributionPreviewView; onAccept(): Promise<void>; onClose(): void }) {
  const { t } = useTranslation();
  const valueLabel = useValueLabel();
  const errors = preview.problems.filter((problem) => problem.severity === 'error');
  return (
    <FormDialog
      title={t('team.import.title', { name: preview.contributor.name })}
      wide
      testId="contribution-preview"
      cancelLabel={t('team.import.refuse')}
      submitLabel={t('team.import.accept')}
      isSubmitDisabled={!preview.canApply}
      onSubmit={onAccept}
      onClose={onClose}
    >
          <dl className="facts">
            <dt>{t('team.import.file')}</dt>
            <dd className="break">{preview.fileName}</dd>
            <dt>{t('team.import.kind')}</dt>
            <dd>{t(`team.import.kinds.${preview.kind}`)}</dd>
            <dt>{t('team.import.assessment')}</dt>
            <dd>{preview.assessment.title}</dd>
            <dt>{t('team.import.contributor')}</dt>
            <dd>{[preview.contributor.name, preview.contributor.role].filter(Boolean).join(', ')}</dd>
            {preview.signer && (
              <>
                <dt>{t('team.import.signer')}</dt>
                <dd>
                  {preview.signer.name}
                  <span className="mono small block">{preview.signer.displayFingerprint}</span>
                  <span className="muted small block">{t(preview.signer.firstUse ? 'team.import.firstKey' : 'team.import.knownKey')}</span>
                </dd>
              </>
            )}
            <dt>{t('team.import.counts')}</dt>
            <dd>{t('team.import.countsValue', preview.counts)}</dd>
          </dl>
          {errors.length > 0 ? (
            <p className="alert alert--error" role="alert">
              {t('team.import.refused', { count: errors.length })}
            </p>
          ) : (
            <p className="alert alert--info">{t('team.import.willStore', { count: preview.ratings.length })}</p>
          )}
          {preview.problems.length > 0 && (
            <ul className="stack team-problems">
              {preview.problems.map((problem, index) => (
                <li key={index} className={problem.severity === 'error' ? 'alert alert--error' : 'alert alert--warning'}>
                  {problem.criterionId && <strong>{problem.criterionId}: </strong>}
                  {String(t(`teamProblems.${problem.code}.problem`, { ...problem.params, defaultValue: problem.problem }))}{' '}
                  {String(t(`teamProblems.${problem.code}.whatToDo`, { ...problem.params, defaultValue: problem.whatToDo }))}
                </li>
              ))}
            </ul>
          )}
          {preview.ratings.length > 0 && (
            // Scrolls inside the dialog; the grid itself takes the focus and its rows scroll into view.
            <div className="scroll-table">
              <DataTable
                label={t('team.import.ratings')}
                className="data-table--compact"
                rows={preview.ratings}
                rowKey={(rating) => rating.criterionId}
                columns={[
                  { id: 'criterion', header: t('team.import.criterion'), isRowHeader: true, cell: (rating) => rating.criterionId },
                  { id: 'value', header: t('team.import.value'), cell: (rating) => valueLabel(rating.value) },
                  { id: 'previous', header: t('team.import.previous'), cell: (rating) => (rating.previous === null ? t('team.import.new') : valueLabel(rating.previous)) },
                  { id: 'justification', header: t('team.merge.justification'), className: 'team-ratings__text', cell: (rating) => rating.justification || '—' },
                  { id: 'evidence', header: t('team.merge.evidence'), cell: (rating) => rating.evidence },
                ]}
              />
            </div>
          )}
    </FormDialog>
  );
}

function TeamHistory({ view }: { view: TeamView }) {
  const { t } = useTranslation();
  const showName = useShowName();
  const format = useFormat();
  const names = new Map(view.contributors.map((contributor) => [contributor.id, contributor.name]));
  // Keyed by their place in the stored history, which only grows at its end.
  const entries = view.history.map((entry, index) => ({ entry, key: String(index) })).reverse();
  return (
    <section className="stack" aria-labelledby="team-history-title">
      <h3 id="team-history-title">{t('team.history.title')}</h3>
      {entries.length === 0 ? (
        <p className="empty-state">{t('team.history.empty')}</p>
      ) : (
        // Scrolls in its own box; the grid itself takes the focus and its rows scroll into view.
        <div className="scroll-table team-history">
          <DataTable
            labelledBy="team-history-title"
            className="data-table--compact"
            data-testid="team-history"
            rows={entries}
            rowKey={(row) => row.key}
            columns={[
              { id: 'when', header: t('history.when'), cell: ({ entry }) => format.dateTime(entry.at) },
              { id: 'who', header: t('history.who'), cell: ({ entry }) => showName(entry.by) },
              { id: 'what', header: t('team.history.what'), cell: ({ entry }) => t(`team.history.actions.${entry.action}`) },
              { id: 'colleague', header: t('team.history.colleague'), cell: ({ entry }) => (entry.contributorId ? (names.get(entry.contributorId) ?? entry.contributorId) : '—') },
              { id: 'criterion', header: t('history.criterion'), cell: ({ entry }) => entry.criterionId ?? '—' },
            ]}
          />
        </div>
      )}
    </section>
  );
}
