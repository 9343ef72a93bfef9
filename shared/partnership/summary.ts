import type { AssessmentSummary } from '../assessment/summary';
import { lowerBand, type ReadinessBand } from '../scoring/band';
import { noAssessmentYet, partnershipVerdict, type Verdict } from '../scoring/verdict';
import { summaryVerdict } from '../assessment/summary-verdict';
import type { ActionStatus, DecisionOutcome, Partnership } from './schema';

/** What lists show of a partnership without opening it (kept in the store's catalogue). */
export interface PartnershipSummary {
  id: string;
  title: string;
  institutionA: string;
  institutionB: string;
  assessments: Partnership['assessments'];
  decision: { outcome: DecisionOutcome; decidedAt: string } | undefined;
  actions: Array<{ status: ActionStatus; dueDate: string | undefined; isCondition: boolean }>;
  createdAt: string;
  updatedAt: string;
}

/** Actions not done whose due date has passed (dates compared as YYYY-MM-DD, in the user's day). */
export function overdueActions<T extends { status: ActionStatus; dueDate?: string | undefined }>(actions: readonly T[], today: string): T[] {
  return actions.filter((action) => action.status !== 'done' && action.dueDate !== undefined && action.dueDate < today);
}

export interface SideAtAGlance {
  basis: 'audit' | 'self' | 'none';
  band: ReadinessBand;
  overall: number | null;
  /** The assessment it rests on is not fully answered. */
  provisional: boolean;
  /** What may be said of it: a result, or progress (shared/scoring/verdict.ts). */
  verdict: Verdict;
}

/**
 * A partnership's readiness for lists, from the assessments' catalogue summaries (no document is
 * opened): each side rests on the partner's audit of it when there is one, else on its own
 * self-assessment; the weaker side bounds the partnership — the rules of shared/scoring/readiness,
 * applied to the summaries' figures.
 */
export function readinessAtAGlance(
  partnership: Pick<PartnershipSummary, 'assessments'>,
  summaries: ReadonlyMap<string, Pick<AssessmentSummary, 'band' | 'overall' | 'answered' | 'total' | 'criticalMissing' | 'certainBand' | 'decisive'>>,
): { A: SideAtAGlance; B: SideAtAGlance; band: ReadinessBand; overall: number | null; verdict: Verdict } {
  const side = (auditId: string | undefined, selfId: string | undefined): SideAtAGlance => {
    const audit = auditId ? summaries.get(auditId) : undefined;
    const self = selfId ? summaries.get(selfId) : undefined;
    const basis = audit ? 'audit' : self ? 'self' : 'none';
    const source = audit ?? self;
    return {
      basis,
      band: source?.band ?? 'not-ready',
      overall: source?.overall ?? null,
      provisional: source ? source.answered < source.total : true,
      verdict: source
        ? summaryVerdict(source)
        : noAssessmentYet,
    };
  };
  const A = side(partnership.assessments.auditOfA, partnership.assessments.selfA);
  const B = side(partnership.assessments.auditOfB, partnership.assessments.selfB);
  return {
    A,
    B,
    band: lowerBand(A.band, B.band),
    overall: A.overall === null || B.overall === null ? null : Math.min(A.overall, B.overall),
    verdict: partnershipVerdict(A.verdict, B.verdict),
  };
}
