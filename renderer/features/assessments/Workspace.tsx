/**
 * Answering, criterion by criterion: the outline of all criteria on the left (one tab stop; arrow
 * keys and type-ahead move through it), the answer in the middle, the guide's guidance and sources
 * beside it. Shortcuts: 0–4 choose a level and N marks "not applicable" (outside text fields);
 * Alt+↓ and Alt+↑ go to the next and previous criterion from anywhere.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Checkbox, Header, ListBox, ListBoxItem, ListBoxSection } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../../shared/assessment/answer';
import type { AnswerPatch } from '../../../shared/assessment/patch';
import type { Assessment } from '../../../shared/assessment/schema';
import type { AssessmentSummary } from '../../../shared/assessment/summary';
import { allowsNotApplicable } from '../../../shared/framework/guide2';
import { criteriaOf, type Framework, type Level } from '../../../shared/framework/schema';
import { Button } from '../../components/Button';
import { Fold } from '../../components/Fold';
import { errorText } from '../../components/ErrorMessage';
import { TypedTextInput } from '../../components/TextInput';
import { notify } from '../../components/Toasts';
import { api } from '../../lib/api';
import { toFieldErrors } from '../../lib/validation';
import { useAction } from '../../lib/use-action';
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
import { CriterionBadges, CriterionDetails } from '../guide/CriterionDetails';
import { AuditorGuidancePanel } from './AuditorGuidancePanel';
import { EvidenceList } from './EvidenceList';
import { LevelCards } from './LevelCards';
import { PartnerAnswer } from './PartnerAnswer';
import { answerState, AnswerStateIcon, type AnswerState } from './answer-state';

interface WorkspaceProps {
  assessment: Assessment;
  framework: Framework;
  reviewed: Assessment | undefined;
  selected: string;
  onSelect(criterionId: string): void;
  answerOf(criterionId: string): Answer;
  onChange(criterionId: string, patch: AnswerPatch): void;
  /** A text field's change, saved at once; the screen's copy follows with `onTextSettled`. */
  onTextTyped(criterionId: string, patch: AnswerPatch): void;
  onTextSettled(criterionId: string, patch: AnswerPatch): void;
  onAnswerReplaced(criterionId: string, answer: Answer, summary: AssessmentSummary): void;
  locked: boolean;
}

const guidanceKey = 'trustbridge.guidance.open';

function readGuidanceOpen(): boolean {
  try {
    return window.localStorage.getItem(guidanceKey) !== 'false';
  } catch {
    return true;
  }
}

function writeGuidanceOpen(open: boolean): void {
  try {
    window.localStorage.setItem(guidanceKey, String(open));
  } catch {
    // A disabled localStorage only forgets the choice next time.
  }
}

function isTextTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  const tag = element.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable;
}

export function Workspace({ assessment, framework, reviewed, selected, onSelect, answerOf, onChange, onTextTyped, onTextSettled, onAnswerReplaced, locked }: WorkspaceProps) {
  const { t } = useTranslation();
  const criteria = criteriaOf(framework);
  const index = Math.max(0, criteria.findIndex((criterion) => criterion.id === selected));
  const criterion = criteria[index]!;
  const answer = answerOf(criterion.id);
  const isAudit = assessment.kind === 'audit';
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusAfterRender = useFocusAfterRender();

  const go = (offset: number) => {
    const next = criteria[index + offset];
    if (next) {
      onSelect(next.id);
      focusAfterRender(() => headingRef.current?.focus());
    }
  };

  // Shortcuts; the latest props are read through a ref so the listener is registered once. The ref
  // is refreshed in a layout effect, before the browser handles the next key: a level typed right
  // after moving on must go to the criterion now on screen, never to the one before it.
  const latest = useRef({ go, criterion, answer, locked, onChange, t });
  useLayoutEffect(() => {
    latest.current = { go, criterion, answer, locked, onChange, t };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { go: move, criterion: current, answer: currentAnswer, locked: isLocked, onChange: change, t: translate } = latest.current;
      if (event.altKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        event.preventDefault();
        move(event.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if (isLocked || event.altKey || event.ctrlKey || event.metaKey || isTextTarget(event.target)) return;
      if (/^[0-4]$/.test(event.key)) {
        event.preventDefault();
        change(current.id, { level: Number(event.key) as Level, notApplicable: false });
      } else if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        // A criterion that always applies can be taken out of N/A, never put into it.
        if (!currentAnswer.notApplicable && !allowsNotApplicable(current)) return notify(translate('guide2.naNotAllowed'), 'error');
        change(current.id, { notApplicable: !currentAnswer.notApplicable });
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // The criterion on screen is always in view in the outline too (opened from a link, from the
  // review, or resumed at the first unanswered one): the outline scrolls, the page does not.
  const outlineRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The list renders its items a moment after it mounts: try again on the next frames until the
    // item is there.
    let frame = 0;
    let tries = 0;
    const reveal = () => {
      const list = outlineRef.current?.querySelector<HTMLElement>('.outline');
      const item = list?.querySelector<HTMLElement>(`[data-key="${CSS.escape(criterion.id)}"]`);
      if (!list || !item) {
        if (tries < 30) {
          tries += 1;
          frame = requestAnimationFrame(reveal);
        }
        return;
      }
      // The outline ends inside the window (at most 70 % of its height), so that what it scrolls
      // to is on screen without the page scrolling.
      const room = window.innerHeight - list.getBoundingClientRect().top - 16;
      list.style.maxHeight = `${Math.round(Math.max(240, Math.min(room, window.innerHeight * 0.7)))}px`;
      const top = item.getBoundingClientRect().top - list.getBoundingClientRect().top + list.scrollTop;
      if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight) {
        // Near the outline's top: the outline may run past the window's bottom edge.
        list.scrollTop = Math.max(0, top - item.offsetHeight);
      }
    };
    reveal();
    return () => cancelAnimationFrame(frame);
  }, [criterion.id]);

  // Open or closed, the guidance stays as the officer left it, from criterion to criterion and
  // from one session to the next.
  const [guidanceOpen, setGuidanceOpen] = useState(() => readGuidanceOpen());
  const rememberGuidance = (open: boolean) => {
    setGuidanceOpen(open);
    writeGuidanceOpen(open);
  };

  const naAllowed = allowsNotApplicable(criterion);
  const [justificationKeptFor, setJustificationKeptFor] = useState<string>();
  const partner = isAudit && reviewed ? (reviewed.answers[criterion.id] ?? undefined) : undefined;
  const dimension = framework.dimensions.find((d) => d.id === criterion.dimensionId)!;

  const addLink = async (label: string, url: string) => {
    const result = await api().assessments.addEvidenceLink({ id: assessment.id, criterionId: criterion.id, label, url });
    if (result.ok) {
      onAnswerReplaced(criterion.id, result.value.answer, result.value.summary);
      return undefined;
    }
    return toFieldErrors(result.error.issues ?? [{ path: 'url', message: errorText(t, result.error) }], t);
  };
  const run = useAction();
  const addFiles = async () => {
    const result = await run(() => api().assessments.addEvidenceFiles({ id: assessment.id, criterionId: criterion.id }));
    if (result.ok && result.value) onAnswerReplaced(criterion.id, result.value.answer, result.value.summary);
  };

  // What the outline shows of each answer. Typing a justification changes none of it, so the
  // outline (a list of every criterion) is not drawn again for each key (CriterionOutline is memo).
  const marks = criteria.map((c): OutlineMark => {
    const current = answerOf(c.id);
    return { state: answerState(current, c.critical), level: current.level };
  });
  const selectRef = useRef(onSelect);
  useLayoutEffect(() => {
    selectRef.current = onSelect;
  });
  const select = useCallback((criterionId: string) => selectRef.current(criterionId), []);

  return (
    <div className="workspace">
      <div className="workspace__outline" ref={outlineRef}>
        <CriterionOutline framework={framework} selected={criterion.id} marks={marks} onSelect={select} />
        <p className="muted small">{t('assessment.shortcuts')}</p>
      </div>

      <section className="card workspace__answer stack" aria-labelledby="criterion-title">
        {/* Compact on purpose: where the criterion sits and its badges beside the buttons, then its
            title, so the partner's answer and the five level cards fit in the window below. */}
        <div className="criterion-head">
          <div className="criterion-head__where">
            <p className="muted small">
              {dimension.id} · {dimension.title} ·{' '}
              <span className="criterion-head__position">{t('assessment.position', { index: index + 1, total: criteria.length })}</span> <CriterionBadges criterion={criterion} />
            </p>
            <div className="criterion-head__actions">
              <Button onPress={() => go(-1)} isDisabled={index === 0}>
                {t('assessment.previous')}
              </Button>
              <Button variant="primary" onPress={() => go(1)} isDisabled={index === criteria.length - 1}>
                {t('assessment.next')}
              </Button>
            </div>
          </div>
          <h2 id="criterion-title" ref={headingRef} tabIndex={-1} className="criterion-title">
            <span className="mono">{criterion.id}</span> {criterion.title}
          </h2>
        </div>

        {answer.carriedOver && (
          <div className="alert alert--warning">
            <p>{t('assessment.carriedOverNotice', { title: assessment.carriedFrom?.title ?? '' })}</p>
            {!locked && (
              <Button onPress={() => onChange(criterion.id, { confirmCarriedOver: true })}>{t('assessment.confirmCarriedOver')}</Button>
            )}
          </div>
        )}

        {isAudit && <PartnerAnswer partnerName={assessment.subject.legalName} hasSelfAssessment={reviewed !== undefined} answer={partner} scale={framework.scale} />}

        <LevelCards
          criterion={criterion}
          scale={framework.scale}
          value={answer.notApplicable ? null : answer.level}
          onChange={(level) => onChange(criterion.id, { level, notApplicable: false })}
          isDisabled={locked}
          label={isAudit ? t('assessment.auditorLevel') : t('assessment.level')}
        />

        <Fold title={t('assessment.guidance')} headingLevel={3} isExpanded={guidanceOpen} onExpandedChange={rememberGuidance}>
          <CriterionDetails criterion={criterion} framework={framework} showLevels={false} headingLevel={4} />
        </Fold>
        {isAudit && partner && partner.evidence.length > 0 && (
          <section className="partner-answer partner-answer--evidence" aria-labelledby="partner-evidence-title">
            <h3 id="partner-evidence-title">{t('assessment.partnerEvidence', { name: assessment.subject.legalName })}</h3>
            <EvidenceList evidence={partner.evidence} readOnly headingId="partner-evidence-title" />
          </section>
        )}
        {isAudit && <AuditorGuidancePanel key={criterion.id} criterion={criterion} />}

        <Checkbox
          className="checkbox"
          isSelected={answer.notApplicable}
          onChange={(notApplicable) => onChange(criterion.id, { notApplicable })}
          isDisabled={locked || (!naAllowed && !answer.notApplicable)}
          aria-describedby={naAllowed ? undefined : 'na-not-allowed'}
        >
          <span className="checkbox__box" aria-hidden="true" />
          {t('assessment.markNotApplicable')}
        </Checkbox>
        {!naAllowed && (
          <p id="na-not-allowed" className="muted small">
            {t('guide2.naNotAllowed')}
          </p>
        )}
        {answer.notApplicable && (
          <TypedTextInput
            key={`${criterion.id}-naReason`}
            label={t('assessment.naReason')}
            description={criterion.critical ? t('assessment.naReasonCritical') : t('assessment.naReasonOptional')}
            value={answer.naReason}
            onType={(naReason) => {
              onTextTyped(criterion.id, { naReason });
              // The missing reason of a critical criterion is flagged until one is written.
              if (criterion.critical && (naReason.trim() === '') !== (answer.naReason.trim() === '')) onTextSettled(criterion.id, { naReason });
            }}
            onSettle={(naReason) => onTextSettled(criterion.id, { naReason })}
            isRequired={criterion.critical}
            error={criterion.critical && !answer.naReason.trim() ? t('assessment.naReasonNeeded') : undefined}
            multiline
            rows={2}
            isReadOnly={locked}
            name="naReason"
          />
        )}

        {/* Not applicable asks for one thing, its reason: the justification box goes away while
            N/A is chosen, unless it holds text (nothing written is hidden) or is being edited. */}
        {(!answer.notApplicable || answer.justification.trim() !== '' || justificationKeptFor === criterion.id) && (
          <TypedTextInput
            key={`${criterion.id}-justification`}
            label={isAudit ? t('assessment.finding') : t('assessment.justification')}
            description={isAudit ? t('assessment.findingHelp') : t('assessment.justificationHelp')}
            value={answer.justification}
            onType={(justification) => {
              if (answer.notApplicable) setJustificationKeptFor(criterion.id);
              onTextTyped(criterion.id, { justification });
            }}
            onSettle={(justification) => onTextSettled(criterion.id, { justification })}
            multiline
            rows={5}
            isReadOnly={locked}
            name="justification"
          />
        )}
        {isAudit && (
          <TypedTextInput
            key={`${criterion.id}-requestedEvidence`}
            label={t('assessment.requestedEvidence')}
            description={t('assessment.requestedEvidenceHelp')}
            value={answer.requestedEvidence}
            onType={(requestedEvidence) => onTextTyped(criterion.id, { requestedEvidence })}
            onSettle={(requestedEvidence) => onTextSettled(criterion.id, { requestedEvidence })}
            multiline
            rows={2}
            isReadOnly={locked}
            name="requestedEvidence"
          />
        )}

        <section aria-labelledby="evidence-title" className="stack">
          <h3 id="evidence-title">{t('assessment.evidence')}</h3>
          <EvidenceList
            evidence={answer.evidence}
            readOnly={locked}
            headingId="evidence-title"
            onAddLink={addLink}
            onAddFiles={() => void addFiles()}
            onOpen={(item) =>
              void run(() => api().assessments.openEvidence({ id: assessment.id, criterionId: criterion.id, evidenceId: item.id }))
            }
            onRemove={(item) =>
              void run(() => api().assessments.removeEvidence({ id: assessment.id, criterionId: criterion.id, evidenceId: item.id })).then(
                (result) => result.ok && onAnswerReplaced(criterion.id, result.value.answer, result.value.summary),
              )
            }
          />
        </section>
      </section>

    </div>
  );
}

interface OutlineMark {
  state: AnswerState;
  level: Level | null;
}

interface CriterionOutlineProps {
  framework: Framework;
  selected: string;
  /** One per criterion, in the framework's order. */
  marks: readonly OutlineMark[];
  onSelect(criterionId: string): void;
}

const sameMarks = (a: readonly OutlineMark[], b: readonly OutlineMark[]) => a.length === b.length && a.every((mark, i) => mark.state === b[i]!.state && mark.level === b[i]!.level);

/**
 * The outline of every criterion, by dimension, with each answer's mark: one tab stop, arrow keys
 * and type-ahead move through it. Drawn again only when what it shows changes (the criterion
 * selected, a mark), not on every key typed in the answer beside it.
 */
const CriterionOutline = memo(
  function CriterionOutline({ framework, selected, marks, onSelect }: CriterionOutlineProps) {
    const { t } = useTranslation();
    const markOf = new Map(criteriaOf(framework).map((c, i) => [c.id, marks[i]!]));
    return (
      <ListBox
        className="outline"
        aria-label={t('assessment.criteria')}
        selectionMode="single"
        disallowEmptySelection
        selectedKeys={[selected]}
        onSelectionChange={(keys) => {
          const [key] = [...(keys as Set<string>)];
          if (key) onSelect(String(key));
        }}
      >
        {framework.dimensions.map((d) => {
          const done = d.criteria.filter((c) => markOf.get(c.id)!.state !== 'missing').length;
          return (
            <ListBoxSection key={d.id} className="outline__section">
              <Header className="outline__header">
                <span className="outline__title">
                  {d.id} · {d.title}
                </span>
                <span className="outline__progress">{t('assessment.progressShort', { done, total: d.criteria.length })}</span>
              </Header>
              {d.criteria.map((c) => {
                const { state, level } = markOf.get(c.id)!;
                return (
                  <ListBoxItem key={c.id} id={c.id} textValue={`${c.id} ${c.title}`} className="outline__item">
                    <AnswerStateIcon state={state} level={level} />
                    <span className="mono">{c.id}</span> {c.title}
                    <span className="visually-hidden">{t(`assessment.state.${state}`)}</span>
                  </ListBoxItem>
                );
              })}
            </ListBoxSection>
          );
        })}
      </ListBox>
    );
  },
  (before, after) => before.framework === after.framework && before.selected === after.selected && before.onSelect === after.onSelect && sameMarks(before.marks, after.marks),
);
