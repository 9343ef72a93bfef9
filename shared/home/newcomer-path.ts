/**
 * The path a quality officer follows from an empty data folder to a signed agreement, and where
 * this data folder stands on it: institution profile → self-assessment → partner → audit of the
 * partner → readiness decision → agreement. Home shows it as a checklist whose main button is the
 * next step.
 *
 * Each step is done or not from the data alone (never from a flag the user ticks), so the list
 * cannot drift from what is stored: a demo folder shows the path walked, a fresh one shows it
 * ahead. The first step not done is "next"; every other step not done is "later" — the path is an
 * order to follow, yet a step done out of order (a partner added before the self-assessment) still
 * counts as done.
 */
import type { AgreementSummary } from '../agreement/summary';
import { latestRevisions, type AssessmentSummary } from '../assessment/summary';
import type { PartnershipSummary } from '../partnership/summary';

export const pathSteps = ['profile', 'selfAssessment', 'partner', 'audit', 'decision', 'agreement'] as const;
type PathStep = (typeof pathSteps)[number];
type PathStepState = 'done' | 'next' | 'later';

/**
 * What the step's button does: start it, or continue a piece of work already begun (a draft).
 * The renderer words it from `home.path.<step>.<verb>`.
 */
type PathVerb = 'start' | 'continue' | 'open';

interface PathStepStatus {
  step: PathStep;
  state: PathStepState;
  verb: PathVerb;
  /** The screen that does the step, as an app route (`/assessments/new?kind=self`). */
  href: string;
}

export interface NewcomerPath {
  steps: PathStepStatus[];
  /** The step to do now, or null once the whole path has been walked. */
  next: PathStepStatus | null;
  done: number;
}

export interface NewcomerPathInput {
  /** Institutions in the data folder: the own one (its profile is validated when saved) and partners. */
  institutions: ReadonlyArray<{ id: string; kind: 'own' | 'partner' }>;
  assessments: readonly AssessmentSummary[];
  partnerships: readonly PartnershipSummary[];
  agreements: readonly AgreementSummary[];
}

const encode = encodeURIComponent;

export function newcomerPath(input: NewcomerPathInput): NewcomerPath {
  const own = input.institutions.find((item) => item.kind === 'own');
  const partners = new Set(input.institutions.filter((item) => item.kind === 'partner').map((item) => item.id));
  const latest = latestRevisions(input.assessments);
  const selfAssessments = latest.filter((summary) => summary.kind === 'self' && own !== undefined && summary.subject.institutionId === own.id);
  const audits = latest.filter((summary) => summary.kind === 'audit' && partners.has(summary.subject.institutionId) && (own === undefined || summary.assessor.institutionId === own.id));
  const completedSelf = selfAssessments.some((summary) => summary.status === 'complete');
  const draftSelf = newest(selfAssessments.filter((summary) => summary.status === 'draft'));
  const completedAudit = audits.some((summary) => summary.status === 'complete');
  const draftAudit = newest(audits.filter((summary) => summary.status === 'draft'));
  const partnerships = [...input.partnerships].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const decided = partnerships.filter((partnership) => partnership.decision !== undefined);
  // An agreement can be drafted once a partnership is decided ready (with or without conditions).
  const agreeable = decided.find((partnership) => partnership.decision!.outcome !== 'not-ready');

  const facts: Record<PathStep, { done: boolean; verb: PathVerb; href: string }> = {
    profile: { done: own !== undefined, verb: 'start', href: '/settings/institution' },
    selfAssessment: draftSelf
      ? { done: completedSelf, verb: 'continue', href: `/assessments/${encode(draftSelf.id)}` }
      : { done: completedSelf, verb: 'start', href: '/assessments/new?kind=self' },
    partner: { done: partners.size > 0, verb: 'start', href: '/partners/new' },
    audit: draftAudit
      ? { done: completedAudit, verb: 'continue', href: `/assessments/${encode(draftAudit.id)}` }
      : { done: completedAudit, verb: 'start', href: '/assessments/new?kind=audit' },
    decision: partnerships[0]
      ? { done: decided.length > 0, verb: 'open', href: `/partnerships/${encode(partnerships[0].id)}?tab=decision` }
      : { done: false, verb: 'start', href: '/partnerships?new=1' },
    agreement: {
      done: input.agreements.length > 0,
      verb: agreeable ? 'start' : 'open',
      href: agreeable ? `/partnerships/${encode(agreeable.id)}?tab=decision` : partnerships[0] ? `/partnerships/${encode(partnerships[0].id)}?tab=decision` : '/partnerships',
    },
  };

  let next: PathStepStatus | null = null;
  const steps = pathSteps.map((step): PathStepStatus => {
    const fact = facts[step];
    const state: PathStepState = fact.done ? 'done' : next ? 'later' : 'next';
    const status = { step, state, verb: fact.verb, href: fact.href };
    if (state === 'next') next = status;
    return status;
  });
  return { steps, next, done: steps.filter((status) => status.state === 'done').length };
}

function newest(summaries: readonly AssessmentSummary[]): AssessmentSummary | undefined {
  return [...summaries].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
}

