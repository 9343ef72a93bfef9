import type { AssessmentScore, CriterionResult } from './assessment-score';

export interface CriterionRanking {
  /** Up to n rated criteria, highest level first. */
  strongest: CriterionResult[];
  /** Up to n rated criteria, lowest level first. */
  weakest: CriterionResult[];
}

/**
 * The strongest and weakest rated criteria of an assessment. Between equal levels the heavier
 * criterion comes first in both lists — it matters more, as a strength and as a weakness — and
 * then framework order, so the lists never depend on sort stability. With fewer than 2n rated
 * criteria the two lists share criteria; unrated ones appear in neither.
 */
export function rankCriteria(score: AssessmentScore, n: number): CriterionRanking {
  const count = Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0;
  const rated = score.criteria
    .map((criterion, order) => ({ criterion, order, level: criterion.level }))
    .filter((entry): entry is typeof entry & { level: number } => entry.level !== null);
  const byWeightThenOrder = (a: (typeof rated)[number], b: (typeof rated)[number]) =>
    b.criterion.weight - a.criterion.weight || a.order - b.order;
  const strongest = rated.toSorted((a, b) => b.level - a.level || byWeightThenOrder(a, b));
  const weakest = rated.toSorted((a, b) => a.level - b.level || byWeightThenOrder(a, b));
  return {
    strongest: strongest.slice(0, count).map((entry) => entry.criterion),
    weakest: weakest.slice(0, count).map((entry) => entry.criterion),
  };
}
