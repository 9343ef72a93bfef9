import type { AnswerMap, ScoredAnswer } from '../assessment/answer';
import type { Criterion, Level } from '../framework/schema';

/**
 * - `rated`: a level is set and the criterion is not marked not applicable;
 * - `not-applicable`: marked not applicable (a critical criterion only with a reason);
 * - `missing`: no answer yet, or a critical criterion marked not applicable without a reason.
 */
export type CriterionStatus = 'rated' | 'not-applicable' | 'missing';

export interface CriterionStanding {
  status: CriterionStatus;
  /** The level when rated, otherwise null. */
  level: Level | null;
  /** A critical criterion was marked not applicable without saying why, so it counts as missing. */
  naReasonMissing: boolean;
}

/**
 * "Not applicable" wins over a level: an officer who rated a criterion and then marked it not
 * applicable has said it does not apply, and a stale level left in the answer must not count.
 * The guide requires a reason before a critical criterion may be left out; without one the
 * criterion stays in the work to do rather than silently dropping out of the score.
 */
export function criterionStanding(
  criterion: Pick<Criterion, 'critical'>,
  answer: ScoredAnswer | undefined,
): CriterionStanding {
  if (answer === undefined) return { status: 'missing', level: null, naReasonMissing: false };
  if (answer.notApplicable) {
    if (criterion.critical && answer.naReason.trim() === '') {
      return { status: 'missing', level: null, naReasonMissing: true };
    }
    return { status: 'not-applicable', level: null, naReasonMissing: false };
  }
  if (answer.level === null) return { status: 'missing', level: null, naReasonMissing: false };
  return { status: 'rated', level: answer.level, naReasonMissing: false };
}

/**
 * The answer recorded for a criterion. Answer maps come from files; reading only own keys keeps an
 * identifier such as `constructor` from picking up something that is not an answer.
 */
export function answerFor(answers: AnswerMap, criterionId: string): ScoredAnswer | undefined {
  return Object.hasOwn(answers, criterionId) ? answers[criterionId] : undefined;
}
