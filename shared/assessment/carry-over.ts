/**
 * "Start from the previous cycle": which answers of an earlier assessment become the new cycle's
 * starting point, criterion by criterion. Within one version, and between versions without a
 * shipped mapping, a criterion carries to the criterion with the same identifier (identifiers are
 * never reused). A version that ships a mapping for the earlier one (`carriedFrom`, version 2 of
 * the guide for 1.0) carries by that mapping instead, so merged or renumbered criteria receive the
 * answer they were cut from. The officer sees this plan and confirms it before anything is stored.
 */
import { allowsNotApplicable, carriedFromMapping, excludedCriteria } from '../framework/guide2';
import { criteriaOf, type Framework, type Level } from '../framework/schema';
import type { Answer } from './answer';
import type { Assessment } from './schema';

/** Why an answer of the earlier cycle is not carried to a criterion. */
type NotCarriedReason =
  /** Nothing in the earlier version maps to this criterion: it is new. */
  | 'new'
  /** The earlier criterion was not answered. */
  | 'unanswered'
  /** The earlier answer was N/A, which this criterion no longer allows. */
  | 'na-not-allowed'
  /** The chosen cooperation profile leaves the criterion out. */
  | 'excluded';

export interface CarryRow {
  /** The criterion of the new cycle. */
  criterionId: string;
  title: string;
  /** The criterion of the earlier cycle its answer comes from, when one maps to it. */
  fromCriterionId: string | null;
  fromTitle: string | null;
  /** The earlier answer as it was (level, or N/A). */
  previous: { level: Level | null; notApplicable: boolean } | null;
  carried: boolean;
  reason?: NotCarriedReason;
}

export interface CarryPlan {
  /** The earlier version's shipped mapping was used (otherwise criteria carry by identifier). */
  byMapping: boolean;
  rows: CarryRow[];
  carried: number;
  /** Criteria of the earlier cycle that map to no criterion of the new one. */
  leftBehind: string[];
}

const isAnswered = (answer: Answer | undefined): answer is Answer => answer !== undefined && (answer.notApplicable || answer.level !== null);

export function carryOverPlan(
  previous: { assessment: Pick<Assessment, 'answers' | 'framework'>; framework: Pick<Framework, 'dimensions'> },
  target: { framework: Pick<Framework, 'dimensions' | 'carriedFrom' | 'profiles'>; profileId?: string | undefined },
): CarryPlan {
  const mapping = carriedFromMapping(target.framework, previous.assessment.framework);
  const oldCriteria = new Map(criteriaOf(previous.framework).map((criterion) => [criterion.id, criterion]));
  const excluded = excludedCriteria(target.framework, target.profileId);
  const used = new Set<string>();
  const rows = criteriaOf(target.framework).map((criterion): CarryRow => {
    const fromId = mapping ? (mapping.criteria[criterion.id] ?? null) : oldCriteria.has(criterion.id) ? criterion.id : null;
    const from = fromId === null ? undefined : oldCriteria.get(fromId);
    if (fromId !== null) used.add(fromId);
    const answer = fromId !== null && Object.hasOwn(previous.assessment.answers, fromId) ? previous.assessment.answers[fromId] : undefined;
    const base = {
      criterionId: criterion.id,
      title: criterion.title,
      fromCriterionId: fromId,
      fromTitle: from?.title ?? null,
      previous: isAnswered(answer) ? { level: answer.notApplicable ? null : answer.level, notApplicable: answer.notApplicable } : null,
    };
    if (excluded.has(criterion.id)) return { ...base, carried: false, reason: 'excluded' };
    if (fromId === null) return { ...base, carried: false, reason: 'new' };
    if (!isAnswered(answer)) return { ...base, carried: false, reason: 'unanswered' };
    if (answer.notApplicable && !allowsNotApplicable(criterion)) return { ...base, carried: false, reason: 'na-not-allowed' };
    return { ...base, carried: true };
  });
  return {
    byMapping: mapping !== undefined,
    rows,
    carried: rows.filter((row) => row.carried).length,
    leftBehind: [...oldCriteria.keys()].filter((id) => !used.has(id)),
  };
}

/** The answers the plan carries, each marked as carried over until confirmed or changed. */
export function carriedAnswers(plan: CarryPlan, previousAnswers: Assessment['answers']): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  for (const row of plan.rows) {
    if (!row.carried || row.fromCriterionId === null) continue;
    const answer = previousAnswers[row.fromCriterionId];
    if (answer) answers[row.criterionId] = { ...answer, carriedOver: true };
  }
  return answers;
}
