import type { AnswerMap } from '../assessment/answer';
import { maxLevel } from '../framework/schema';
import type { Level } from '../framework/schema';
import { readinessBand } from './band';
import type { ReadinessBand } from './band';
import { answerFor, criterionStanding } from './criterion-status';
import type { CriterionStatus } from './criterion-status';
import type { FrameworkStructure } from './framework-structure';

export interface CriterionResult {
  criterionId: string;
  dimensionId: string;
  weight: number;
  critical: boolean;
  status: CriterionStatus;
  /** The level when rated, otherwise null. */
  level: Level | null;
  /** A critical criterion marked not applicable without a reason (counted as missing). */
  naReasonMissing: boolean;
  /** Marked not applicable although the criterion may not be (counted as missing). */
  naNotAllowed: boolean;
}

export interface DimensionScore {
  id: string;
  weight: number;
  /** 0–100, or null when no criterion of the dimension is rated. */
  score: number | null;
  rated: number;
  notApplicable: number;
  missing: number;
  total: number;
}

export interface Completeness {
  /** Criteria rated or accepted as not applicable. */
  answered: number;
  total: number;
  /** answered / total, 0..1; 1 for a framework without criteria, where nothing is missing. */
  ratio: number;
}

export interface Blocker {
  criterionId: string;
  dimensionId: string;
  level: Level;
}

export interface AssessmentScore {
  /** 0–100, or null when no dimension has a score. Full precision: round only for display. */
  overall: number | null;
  band: ReadinessBand;
  /** Every criterion answered. When false, the band is provisional. */
  complete: boolean;
  completeness: Completeness;
  dimensions: DimensionScore[];
  /** Every criterion, in framework order. */
  criteria: CriterionResult[];
  /** Critical criteria rated below `thresholds.blockerBelowLevel`. */
  blockers: Blocker[];
  /** Critical criteria rated below `thresholds.conditionalMinCriticalLevel`. */
  criticalBelowConditional: string[];
  /**
   * Critical criteria not yet answered (including those marked not applicable without a reason).
   * They are not blockers, but until they are answered the band is only provisional.
   */
  criticalMissing: string[];
}

/** 0–100: Σ(weight × level) / Σ(weight × 4) × 100 over the rated criteria; null when none is rated. */
export function weightedLevelScore(rated: ReadonlyArray<{ weight: number; level: number }>): number | null {
  let achieved = 0;
  let possible = 0;
  for (const { weight, level } of rated) {
    achieved += weight * level;
    possible += weight * maxLevel;
  }
  return possible > 0 ? (achieved / possible) * 100 : null;
}

/**
 * The weighted mean of dimension scores by dimension weight, over the dimensions that have a
 * score. A mean of values in 0–100 is in 0–100 on paper; the clamp only absorbs the last bit of
 * floating-point rounding so that no report ever shows 100.00000000000001.
 */
export function overallScore(dimensions: ReadonlyArray<Pick<DimensionScore, 'weight' | 'score'>>): number | null {
  let weighted = 0;
  let weights = 0;
  for (const { weight, score } of dimensions) {
    if (score === null) continue;
    weighted += weight * score;
    weights += weight;
  }
  return weights > 0 ? Math.min(100, Math.max(0, weighted / weights)) : null;
}

/** Scores one assessment (a self-assessment or an audit of a partner) against a framework. */
export function scoreAssessment(framework: FrameworkStructure, answers: AnswerMap): AssessmentScore {
  const { thresholds } = framework;
  const criteria: CriterionResult[] = [];
  const dimensions: DimensionScore[] = [];

  for (const dimension of framework.dimensions) {
    const results = dimension.criteria.map((criterion): CriterionResult => ({
      criterionId: criterion.id,
      dimensionId: dimension.id,
      weight: criterion.weight,
      critical: criterion.critical,
      ...criterionStanding(criterion, answerFor(answers, criterion.id)),
    }));
    criteria.push(...results);
    const rated = results.flatMap((r) => (r.level === null ? [] : [{ weight: r.weight, level: r.level }]));
    dimensions.push({
      id: dimension.id,
      weight: dimension.weight,
      score: weightedLevelScore(rated),
      rated: rated.length,
      notApplicable: results.filter((r) => r.status === 'not-applicable').length,
      missing: results.filter((r) => r.status === 'missing').length,
      total: results.length,
    });
  }

  const total = criteria.length;
  const answered = criteria.filter((c) => c.status !== 'missing').length;
  const completeness: Completeness = { answered, total, ratio: total === 0 ? 1 : answered / total };
  const complete = answered === total;

  const blockers: Blocker[] = [];
  const criticalBelowConditional: string[] = [];
  const criticalMissing: string[] = [];
  for (const c of criteria) {
    if (!c.critical) continue;
    if (c.status === 'missing') criticalMissing.push(c.criterionId);
    if (c.level === null) continue;
    if (c.level < thresholds.blockerBelowLevel) {
      blockers.push({ criterionId: c.criterionId, dimensionId: c.dimensionId, level: c.level });
    }
    if (c.level < thresholds.conditionalMinCriticalLevel) criticalBelowConditional.push(c.criterionId);
  }

  const overall = overallScore(dimensions);
  const band = readinessBand(
    { overall, blockerCount: blockers.length, criticalBelowConditionalCount: criticalBelowConditional.length },
    thresholds,
  );

  return {
    overall,
    band,
    complete,
    completeness,
    dimensions,
    criteria,
    blockers,
    criticalBelowConditional,
    criticalMissing,
  };
}
