import type { AnswerMap, ScoredAnswer } from '../assessment/answer';
import type { Criterion, Level } from '../framework/schema';

/**
 * - `rated`: a level is set and the criterion is not marked not applicable;
 * - `not-applicable`: marked not applicable (a critical criterion only with a reason), on a
 *   criterion that allows it;
 * - `missing`: no answer yet, a critical criterion marked not applicable without a reason, or a
 *   criterion that may not be N/A marked N/A.
 */
export type CriterionStatus = 'rated' | 'not-applicable' | 'missing';

export interface CriterionStanding {
  status: CriterionStatus;
  /** The level when rated, otherwise null. */
  level: Level | null;
  /** A critical criterion was marked not applicable without saying why, so it counts as missing. */
  naReasonMissing: boolean;
  /** Marked not applicable although the criterion may not be (`allowsNotApplicable: false`), so it counts as missing. */
  naNotAllowed: boolean;
}

/** Whether an officer may mark the criterion not applicable: yes unless the framework says `allowsNotApplicable: false`. */
export function allowsNotApplicable(criterion: Pick<Criterion, 'allowsNotApplicable'>): boolean {
  return criterion.allowsNotApplicable !== false;
}

/**
 * The one message every place that saves or imports answers gives when N/A is refused (the
 * assessment service, exchange import, questionnaire import, the scoring command).
 */
export function notApplicableRefusedMessage(criterionId: string): string {
  return `${criterionId} may not be marked not applicable: it applies to every partnership. Give it a level from 0 to 4.`;
}

/**
 * "Not applicable" wins over a level: an officer who rated a criterion and then marked it not
 * applicable has said it does not apply, and a stale level left in the answer must not count.
 * The guide requires a reason before a critical criterion may be left out; without one the
 * criterion stays in the work to do rather than silently dropping out of the score.
 */
export function criterionStanding(
  criterion: Pick<Criterion, 'critical' | 'allowsNotApplicable'>,
  answer: ScoredAnswer | undefined,
): CriterionStanding {
  const missing = { status: 'missing', level: null, naReasonMissing: false, naNotAllowed: false } as const;
  if (answer === undefined) return missing;
  if (answer.notApplicable) {
    // An N/A the guide does not allow (refused where answers are saved, but files from elsewhere
    // or older copies may hold one) leaves the criterion to answer, never out of the score.
    if (!allowsNotApplicable(criterion)) return { ...missing, naNotAllowed: true };
    if (criterion.critical && answer.naReason.trim() === '') return { ...missing, naReasonMissing: true };
    return { status: 'not-applicable', level: null, naReasonMissing: false, naNotAllowed: false };
  }
  if (answer.level === null) return missing;
  return { status: 'rated', level: answer.level, naReasonMissing: false, naNotAllowed: false };
}

/**
 * The answer recorded for a criterion. Answer maps come from files; reading only own keys keeps an
 * identifier such as `constructor` from picking up something that is not an answer.
 */
export function answerFor(answers: AnswerMap, criterionId: string): ScoredAnswer | undefined {
  return Object.hasOwn(answers, criterionId) ? answers[criterionId] : undefined;
}
