/**
 * What a screen or a report may say about an assessment, a side or a partnership: a result only
 * when every answer is in, otherwise the progress — with the score marked as "so far" — and a band
 * only when the missing answers can no longer change it (certain-band.ts). One rule, so that no
 * view and no export states a readiness that the answers do not support.
 */
import type { AnswerMap } from '../assessment/answer';
import { scoreAssessment } from './assessment-score';
import type { AssessmentScore } from './assessment-score';
import { lowerBand } from './band';
import type { ReadinessBand } from './band';
import { certainBand } from './band-certainty';
import type { FrameworkStructure } from './framework-structure';

export interface VerdictResult {
  kind: 'result';
  band: ReadinessBand;
  /** 0–100 with full precision, or null when nothing is rated (every criterion not applicable). */
  overall: number | null;
}

export interface VerdictProgress {
  kind: 'progress';
  answered: number;
  total: number;
  /** Critical criteria not answered yet: each could still turn out to be a blocker. */
  criticalUnanswered: number;
  /** The score of the answers given so far; never a result. */
  scoreSoFar: number | null;
  /** The band the remaining answers can no longer change, or null while they can. */
  certain: ReadinessBand | null;
  /** The criteria already deciding the certain band (critical criteria rated too low), by id. */
  because: string[];
}

export type Verdict = VerdictResult | VerdictProgress;

/** What a verdict is read from: a full score, a catalogue summary or a report's figures. */
export interface VerdictEvidence {
  band: ReadinessBand;
  overall: number | null;
  answered: number;
  total: number;
  /** Unknown in catalogues written before it was recorded: then 0. */
  criticalUnanswered?: number | undefined;
  certainBand?: ReadinessBand | null | undefined;
  because?: readonly string[] | undefined;
}

export function verdictOf(evidence: VerdictEvidence): Verdict {
  if (evidence.answered >= evidence.total && evidence.total > 0) {
    return { kind: 'result', band: evidence.band, overall: evidence.overall };
  }
  const certain = evidence.total > 0 ? (evidence.certainBand ?? null) : null;
  return {
    kind: 'progress',
    answered: evidence.answered,
    total: evidence.total,
    criticalUnanswered: evidence.criticalUnanswered ?? 0,
    scoreSoFar: evidence.overall,
    certain,
    because: certain === null ? [] : [...(evidence.because ?? [])],
  };
}

/**
 * The criteria that settle a certain band before the assessment is complete: for "not ready", the
 * critical criteria below the level "ready with conditions" demands; for "ready with conditions",
 * the blockers that rule out "ready".
 */
export function decisiveCriteria(score: AssessmentScore, band: ReadinessBand | null): string[] {
  if (band === 'not-ready') return [...score.criticalBelowConditional];
  if (band === 'conditional') return score.blockers.map((blocker) => blocker.criterionId);
  return [];
}

/** The evidence of one scored assessment, with its certain band. */
export function scoreEvidence(framework: FrameworkStructure, answers: AnswerMap, score: AssessmentScore = scoreAssessment(framework, answers)): Required<VerdictEvidence> {
  const certain = score.complete ? score.band : certainBand(framework, answers);
  return {
    band: score.band,
    overall: score.overall,
    answered: score.completeness.answered,
    total: score.completeness.total,
    criticalUnanswered: score.criticalMissing.length,
    certainBand: certain,
    because: decisiveCriteria(score, certain),
  };
}

export function assessmentVerdict(framework: FrameworkStructure, answers: AnswerMap, score?: AssessmentScore): Verdict {
  return verdictOf(scoreEvidence(framework, answers, score));
}

/** A side with no assessment yet: nothing answered, nothing decided. */
export const noAssessmentYet: VerdictProgress = Object.freeze({
  kind: 'progress',
  answered: 0,
  total: 0,
  criticalUnanswered: 0,
  scoreSoFar: null,
  certain: null,
  because: [],
}) as VerdictProgress;

/** The band a verdict already settles: its result, or its certain band; null while open. */
export function settledBand(verdict: Verdict): ReadinessBand | null {
  return verdict.kind === 'result' ? verdict.band : verdict.certain;
}

/**
 * A partnership's verdict: the weaker side bounds it. It is a result only when both sides are;
 * before that it is certain when one side is already certainly not ready, or when both sides'
 * bands are settled.
 */
export function partnershipVerdict(a: Verdict, b: Verdict): Verdict {
  if (a.kind === 'result' && b.kind === 'result') {
    return {
      kind: 'result',
      band: lowerBand(a.band, b.band),
      overall: a.overall === null || b.overall === null ? null : Math.min(a.overall, b.overall),
    };
  }
  const bandA = settledBand(a);
  const bandB = settledBand(b);
  const certain =
    bandA === 'not-ready' || bandB === 'not-ready' ? 'not-ready' : bandA !== null && bandB !== null ? lowerBand(bandA, bandB) : null;
  // The progress still to make is the incomplete sides' (a complete side adds nothing to do).
  const open = [a, b].filter((side): side is VerdictProgress => side.kind === 'progress');
  const soFar = (side: Verdict) => (side.kind === 'result' ? side.overall : side.scoreSoFar);
  const scoreA = soFar(a);
  const scoreB = soFar(b);
  return {
    kind: 'progress',
    answered: open.reduce((sum, side) => sum + side.answered, 0),
    total: open.reduce((sum, side) => sum + side.total, 0),
    criticalUnanswered: open.reduce((sum, side) => sum + side.criticalUnanswered, 0),
    scoreSoFar: scoreA === null || scoreB === null ? null : Math.min(scoreA, scoreB),
    certain,
    because: certain === null ? [] : open.flatMap((side) => (side.certain === certain ? side.because : [])),
  };
}
