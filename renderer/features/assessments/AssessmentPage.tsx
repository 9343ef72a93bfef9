/**
 * One assessment: answering it criterion by criterion, reviewing what is missing, completing it,
 * its results and its change history. A QA officer spends hours here; every change is saved at
 * once (see answer-saver.ts) and the screen says so.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { validityOn, validUntil } from '../../../shared/assessment/validity';
import { LinkButton } from '../../components/LinkButton';
import { today } from '../../lib/dates';
import { useParams, useSearchParams } from 'react-router';
import { emptyAnswer, type Answer } from '../../../shared/assessment/answer';
import type { AnswerPatch } from '../../../shared/assessment/patch';
import type { AppErrorData } from '../../../shared/errors';
import { profileOf } from '../../../shared/framework/guide2';
import { structureForKnownProfile } from '../../../shared/scoring/framework-structure';
import { criteriaOf } from '../../../shared/framework/schema';
import type { AssessmentView } from '../../../shared/ipc/contract';
import { Button } from '../../components/Button';
import { errorText } from '../../components/ErrorMessage';
import { ExportDialog, useExchangeChoices } from '../../components/ExportDialog';
import { Page } from '../../components/Page';
import { SaveState } from '../../components/SaveState';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { useAction } from '../../lib/use-action';
import { AnswerSaver } from './answer-saver';
import { AssessmentStatusLine } from './AssessmentStatusLine';
import { HistoryPanel } from './HistoryPanel';
import { ResultsPanel } from './ResultsPanel';
import { ReviewPanel } from './ReviewPanel';
import { Workspace } from './Workspace';
import { answerState } from './answer-state';
import { SaveStatusStore, WithSaveStatus } from './save-status';
import { TeamPanel } from './team/TeamPanel';
import { useFormat, useShowName, useUiLanguage } from '../../lib/format';

export function AssessmentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const language = useUiLanguage();
  const [view, setView] = useState<AssessmentView>();
  const [failure, setFailure] = useState<{ id: string; error: AppErrorData }>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    void (async () => {
      // Changes that never reached the store last time (the window closed mid-save) go first.
      const saver = new AnswerSaver(id, (criterionId, patch) => api().assessments.saveAnswer({ id, criterionId, patch }), () => undefined);
      if (Object.keys(saver.pendingFromBefore).length) await saver.flush();
      const result = await api().assessments.view({ id, language });
      if (!current) return;
      if (result.ok) {
        setView(result.value);
        setFailure(undefined);
      } else setFailure({ id, error: result.error });
    })();
    return () => {
      current = false;
    };
  }, [id, language, generation]);

  // Opened from another assessment (a link, the address bar), the screen says it is loading until
  // this one arrives: never the last assessment's content under the new address, where a change
  // would go to the assessment the address does not name.
  const shown = view?.assessment.id === id ? view : undefined;
  const error = failure?.id === id ? failure.error : undefined;
  if (error || !shown) {
    return <Page title={t('nav.assessments')} resource={{ data: undefined, error, loading: !error, reload: () => setGeneration((g) => g + 1) }} />;
  }
  return <AssessmentScreen key={`${shown.assessment.id}-${shown.assessment.status}`} initial={shown} onReload={() => setGeneration((g) => g + 1)} />;
}

function AssessmentScreen({ initial, onReload }: { initial: AssessmentView; onReload(): void }) {
  const { t } = useTranslation();
  const showName = useShowName();
  const run = useAction();
  const format = useFormat();
  const language = useUiLanguage();
  const [params, setParams] = useSearchParams();
  const { reviewed } = initial;
  // Under a cooperation profile, the criteria it leaves out are not part of the assessment at all.
  const framework = useMemo(
    () => structureForKnownProfile(initial.framework, initial.assessment.profileId),
    [initial.framework, initial.assessment.profileId],
  );
  const profile = profileOf(initial.framework, initial.assessment.profileId);
  const [assessment, setAssessment] = useState(initial.assessment);
  // The number of answered criteria the store last counted; until a save, the screen counts.
  const [answeredStored, setAnsweredStored] = useState<number>();
  const [saveStatus] = useState(() => new SaveStatusStore());
  const criteria = useMemo(() => criteriaOf(framework), [framework]);
  const tab = params.get('tab') ?? 'answer';
  // Opened without a criterion, the assessment resumes where the work stopped: at its first
  // criterion still without an answer. When every criterion is answered (or the assessment is
  // complete), it opens at the first criterion: the Review tab beside it says what is left to do.
  const [firstOpen] = useState(() => firstUnansweredOf(criteria, initial.assessment.answers) ?? criteria[0]?.id ?? '');
  const selected = params.get('criterion') ?? firstOpen;
  const locked = assessment.status === 'complete';

  const saverRef = useRef<AnswerSaver | undefined>(undefined);
  useEffect(() => {
    saverRef.current = new AnswerSaver(
      assessment.id,
      (criterionId, patch) => api().assessments.saveAnswer({ id: assessment.id, criterionId, patch }),
      (event) => {
        if (event.type === 'state') saveStatus.set(event.status);
        if (event.type === 'saved') setAnsweredStored(event.result.summary.answered);
        // Not useAction: the saver sends answers from its own queue and reports a refusal as an event.
        if (event.type === 'failed') notify(errorText(t, event.error), 'error');
      },
    );
  }, [assessment.id, t, saveStatus]);

  const setParam = useCallback(
    (changes: Record<string, string>) => setParams((current) => ({ ...Object.fromEntries(current), ...changes }), { replace: true }),
    [setParams],
  );

  const answerOf = (criterionId: string): Answer => assessment.answers[criterionId] ?? emptyAnswer;

  /** Changes the answer on screen at once and saves it. */
  const change = (criterionId: string, patch: AnswerPatch) => {
    show(criterionId, patch);
    save(criterionId, patch);
  };
  /** The answer on screen. */
  const show = (criterionId: string, patch: AnswerPatch) => {
    setAssessment((current) => {
      const before = current.answers[criterionId] ?? { ...emptyAnswer, evidence: [] };
      const { confirmCarriedOver, ...fields } = patch;
      const after: Answer = { ...before, ...(fields as Partial<Answer>) };
      const changed = (Object.keys(fields) as Array<keyof typeof fields>).some((key) => before[key] !== after[key]);
      if (before.carriedOver && (changed || confirmCarriedOver)) after.carriedOver = false;
      return { ...current, answers: { ...current.answers, [criterionId]: after } };
    });
  };
  /** The answer in the store (and, until it is there, in the journal). */
  const save = (criterionId: string, patch: AnswerPatch) => {
    saveStatus.set('saving');
    saverRef.current?.save(criterionId, patch);
  };

  /** Evidence changes go straight to the store (files are copied there); the answer comes back. */
  const replaceAnswer = (criterionId: string, answer: Answer, newSummary: { answered: number }) => {
    setAssessment((current) => ({ ...current, answers: { ...current.answers, [criterionId]: answer } }));
    setAnsweredStored(newSummary.answered);
  };

  const [exporting, setExporting] = useState(false);
  const exchangeChoices = useExchangeChoices({ assessmentIds: [assessment.id] });
  /** A consolidation in the Team tab writes answers in the store: the screen takes them over. */
  const refreshAnswers = async () => {
    const result = await run(() => api().assessments.view({ id: assessment.id, language }));
    if (!result.ok) return;
    setAssessment(result.value.assessment);
    setAnsweredStored(undefined);
  };
  const answered = answeredStored ?? Object.values(assessment.answers).filter((a) => a.level !== null || a.notApplicable).length;

  return (
    // The wrapper lets the stylesheet make this screen's header compact (see .assessment-screen).
    <div className="assessment-screen">
      <Page
        title={assessment.title}
        intro={
          <AssessmentStatusLine assessment={assessment} framework={framework} answered={answered} total={criteria.length}>
            {profile && (
              <span data-testid="assessment-profile">
                {t('guide2.profileShown', { title: profile.title })}
                {profile.excluded.length > 0 && <> · {t('guide2.profileExcluded', { ids: profile.excluded.join(', ') })}</>}
              </span>
            )}
          </AssessmentStatusLine>
        }
        actions={
          <>
            {!locked && <WithSaveStatus store={saveStatus}>{(status) => <SaveState status={status} />}</WithSaveStatus>}
            <LinkButton href={`/compare?a=${encodeURIComponent(assessment.id)}`}>{t('assessmentCompare.action')}</LinkButton>
            <Button onPress={() => setExporting(true)}>{t('exports.export')}</Button>
          </>
        }
      >
        {locked && assessment.completed && (
          <p className="alert alert--info" role="status">
            {t('assessment.lockedBanner', { by: showName(assessment.completed.by), date: format.dateTime(assessment.completed.at) })}
          </p>
        )}
        {assessment.completed && <ValidityNote assessmentId={assessment.id} lastValidDay={validUntil(assessment.completed.at, framework.validityMonths)} />}
        {assessment.carriedFrom && (
          <p className="muted">
            {t('assessment.renewalOf', { title: assessment.carriedFrom.title })}{' '}
            <a href={`#/compare?a=${encodeURIComponent(assessment.carriedFrom.assessmentId)}&b=${encodeURIComponent(assessment.id)}`}>{t('assessment.compareWithPrevious')}</a>
          </p>
        )}
        <Tabs selectedKey={tab} onSelectionChange={(key) => setParam({ tab: String(key) })} className="tabs">
          <TabList aria-label={t('assessment.sections')} className="tabs__list">
            <Tab id="answer" className="tabs__tab">
              {locked ? t('assessment.answers') : t('assessment.answer')}
            </Tab>
            <Tab id="team" className="tabs__tab">
              {t('team.tab')}
            </Tab>
            <Tab id="review" className="tabs__tab">
              {t('assessment.review')}
            </Tab>
            <Tab id="results" className="tabs__tab">
              {t('assessment.results')}
            </Tab>
            <Tab id="history" className="tabs__tab">
              {t('assessment.history')}
            </Tab>
          </TabList>
          <TabPanel id="answer" className="tabs__panel">
            <Workspace
              assessment={assessment}
              framework={framework}
              reviewed={reviewed}
              selected={selected}
              onSelect={(criterionId) => setParam({ criterion: criterionId })}
              answerOf={answerOf}
              onChange={change}
              // Typed text: saved at each key, shown by the rest of the screen once typing pauses.
              onTextTyped={save}
              onTextSettled={show}
              onAnswerReplaced={replaceAnswer}
              locked={locked}
            />
          </TabPanel>
          <TabPanel id="team" className="tabs__panel">
            <TeamPanel assessmentId={assessment.id} onAnswersChanged={() => void refreshAnswers()} />
          </TabPanel>
          <TabPanel id="review" className="tabs__panel">
            <WithSaveStatus store={saveStatus}>
              {(status) => (
                <ReviewPanel
                  assessment={assessment}
                  framework={framework}
                  onGoTo={(criterionId) => setParam({ tab: 'answer', criterion: criterionId })}
                  onCompleted={onReload}
                  saving={status === 'saving'}
                />
              )}
            </WithSaveStatus>
          </TabPanel>
          <TabPanel id="results" className="tabs__panel">
            <ResultsPanel assessment={assessment} framework={framework} />
          </TabPanel>
          <TabPanel id="history" className="tabs__panel">
            <HistoryPanel assessment={assessment} framework={framework} />
          </TabPanel>
        </Tabs>
        {exporting && (
          <ExportDialog
            title={t('exports.assessmentTitle', { title: assessment.title })}
            onClose={() => setExporting(false)}
            choices={[
              { id: 'report', label: t(assessment.kind === 'audit' ? 'exports.auditReport' : 'exports.selfReport'), run: (language) => api().exports.assessmentReport({ id: assessment.id, language }) },
              { id: 'workbook', label: t('exports.workbook'), run: (language) => api().exports.workbook({ id: assessment.id, language, of: 'assessment' }) },
              ...exchangeChoices,
            ]}
          />
        )}
      </Page>
    </div>
  );
}

/** The first criterion, in the guide's order, that has no answer yet; none when all are answered. */
function firstUnansweredOf(criteria: ReadonlyArray<{ id: string; critical: boolean }>, answers: Record<string, Answer | undefined>): string | undefined {
  return criteria.find((criterion) => answerState(answers[criterion.id] ?? emptyAnswer, criterion.critical) === 'missing')?.id;
}

/** How long a completed assessment counts, and the way to its renewal when the end is near. */
function ValidityNote({ assessmentId, lastValidDay }: { assessmentId: string; lastValidDay: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const validity = validityOn(lastValidDay, today());
  if (validity === 'valid') return <p className="muted">{t('assessment.validUntil', { date: format.day(lastValidDay) })}</p>;
  return (
    <div className={`alert ${validity === 'expired' ? 'alert--error' : 'alert--warning'}`} role="status">
      <p>{t(validity === 'expired' ? 'assessment.expired' : 'assessment.expiring', { date: format.day(lastValidDay) })}</p>
      <LinkButton href={`/assessments/new?from=${encodeURIComponent(assessmentId)}`} variant="primary">
        {t('assessment.startRenewal')}
      </LinkButton>
    </div>
  );
}
