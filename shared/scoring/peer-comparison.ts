import type { AnswerMap } from '../assessment/answer';
import { maxLevel } from '../framework/schema';
import type { Criterion, Level } from '../framework/schema';
import { answerFor, criterionStanding } from './criterion-status';
import type { FrameworkStructure } from './framework-structure';

/**
 * - `large-gap`: self and peer ratings differ by `thresholds.largeGapLevels` levels or more;
 * - `critical-overrated`: a critical criterion the institution rated higher than its auditor did;
 * - `na-disputed`: one side says the criterion does not apply while the other gave it a level.
 */
export type GapFlag = 'large-gap' | 'critical-overrated' | 'na-disputed';

/** A side's rating as the comparison shows it: a level, `'na'` (accepted not applicable), or null (missing). */
export type SideRating = Level | 'na' | null;

export interface GapRow {
  criterionId: string;
  dimensionId: string;
  critical: boolean;
  weight: number;
  /** The institution's rating of itself. */
  self: SideRating;
  /** The partner's audit rating of the institution. */
  peer: SideRating;
  /** peer − self when both are rated (negative: the institution rated itself higher); else null. */
  gap: number | null;
  flags: GapFlag[];
}

export interface PeerComparison {
  /** Every criterion, in framework order. */
  rows: GapRow[];
  /** 0–100: how closely the self-assessment matches the partner's audit; null when no criterion is rated by both. */
  calibration: number | null;
  /** How many criteria (rated by both sides) the calibration rests on. */
  calibrationBasis: number;
  /** Rows with at least one flag. */
  flagged: number;
}

/**
 * The same acceptance rules as scoring: a critical criterion marked not applicable without a
 * reason counts as unanswered here too, so a comparison never shows an N/A the score refused.
 */
function sideRating(criterion: Pick<Criterion, 'id' | 'critical' | 'allowsNotApplicable'>, answers: AnswerMap): SideRating {
  const standing = criterionStanding(criterion, answerFor(answers, criterion.id));
  if (standing.status === 'not-applicable') return 'na';
  return standing.level;
}

function flagsFor(
  critical: boolean,
  self: SideRating,
  peer: SideRating,
  gap: number | null,
  largeGapLevels: number,
): GapFlag[] {
  const flags: GapFlag[] = [];
  if (gap !== null && Math.abs(gap) >= largeGapLevels) flags.push('large-gap');
  if (critical && gap !== null && gap < 0) flags.push('critical-overrated');
  // A dispute needs two opinions: an N/A facing a side that has not answered yet is only unfinished work.
  const oneSaysNa = (self === 'na') !== (peer === 'na');
  if (oneSaysNa && self !== null && peer !== null) flags.push('na-disputed');
  return flags;
}

/**
 * Lines up an institution's self-assessment with its partner's audit of it, criterion by criterion.
 * Calibration = 100 × (1 − Σ(weight × |gap|) / Σ(weight × 4)) over the criteria both sides rated:
 * 100 when they agree everywhere, 0 when every rating is four levels apart.
 */
export function compareSelfAndPeer(framework: FrameworkStructure, self: AnswerMap, peer: AnswerMap): PeerComparison {
  const { largeGapLevels } = framework.thresholds;
  const rows: GapRow[] = [];
  let weightedGaps = 0;
  let weightedMaximum = 0;
  let calibrationBasis = 0;

  for (const dimension of framework.dimensions) {
    for (const criterion of dimension.criteria) {
      const selfRating = sideRating(criterion, self);
      const peerRating = sideRating(criterion, peer);
      const bothRated = typeof selfRating === 'number' && typeof peerRating === 'number';
      const gap = bothRated ? peerRating - selfRating : null;
      if (gap !== null) {
        weightedGaps += criterion.weight * Math.abs(gap);
        weightedMaximum += criterion.weight * maxLevel;
        calibrationBasis += 1;
      }
      rows.push({
        criterionId: criterion.id,
        dimensionId: dimension.id,
        critical: criterion.critical,
        weight: criterion.weight,
        self: selfRating,
        peer: peerRating,
        gap,
        flags: flagsFor(criterion.critical, selfRating, peerRating, gap, largeGapLevels),
      });
    }
  }

  const calibration =
    weightedMaximum > 0 ? Math.min(100, Math.max(0, (1 - weightedGaps / weightedMaximum) * 100)) : null;
  return { rows, calibration, calibrationBasis, flagged: rows.filter((row) => row.flags.length > 0).length };
}
