import type { Thresholds } from '../framework/schema';

/** The decision a side or a partnership is in: ready, ready with conditions, or not ready. */
export type ReadinessBand = 'ready' | 'conditional' | 'not-ready';

/** Worst first, so that a higher rank is a better band. */
export const readinessBands: readonly ReadinessBand[] = ['not-ready', 'conditional', 'ready'];

/** 0 for not-ready, 1 for conditional, 2 for ready: compare bands by their rank. */
export function bandRank(band: ReadinessBand): number {
  return readinessBands.indexOf(band);
}

/** The weaker of two bands. */
export function lowerBand(a: ReadinessBand, b: ReadinessBand): ReadinessBand {
  return bandRank(a) <= bandRank(b) ? a : b;
}

/**
 * Scores are computed in binary floating point, where a weighted mean that is exactly 75 on paper
 * can come out as 74.99999999999999. A decision must follow the arithmetic a QA officer would do by
 * hand, so a score within a billionth of a percentage point below a threshold counts as reaching it.
 */
export const thresholdTolerance = 1e-9;

export function reachesThreshold(score: number, threshold: number): boolean {
  return score >= threshold - thresholdTolerance;
}

/** What the band decision reads from a scored assessment. */
export interface BandEvidence {
  overall: number | null;
  /** Number of critical criteria rated below `thresholds.blockerBelowLevel`. */
  blockerCount: number;
  /** Number of critical criteria rated below `thresholds.conditionalMinCriticalLevel`. */
  criticalBelowConditionalCount: number;
}

/**
 * Ready: overall at or above `ready` and no blocker. Ready with conditions: overall at or above
 * `conditional` and no critical criterion below `conditionalMinCriticalLevel`. Otherwise not
 * ready; an assessment with no score at all is not ready.
 */
export function readinessBand(evidence: BandEvidence, thresholds: Thresholds): ReadinessBand {
  const { overall } = evidence;
  if (overall === null) return 'not-ready';
  if (reachesThreshold(overall, thresholds.ready) && evidence.blockerCount === 0) return 'ready';
  if (reachesThreshold(overall, thresholds.conditional) && evidence.criticalBelowConditionalCount === 0) {
    return 'conditional';
  }
  return 'not-ready';
}
