import type { AnswerMap } from '../assessment/answer';
import { bandRank, lowerBand } from './band';
import type { ReadinessBand } from './band';
import { scoreAssessment } from './assessment-score';
import type { AssessmentScore, Blocker } from './assessment-score';
import type { FrameworkStructure } from './framework-structure';
import { compareSelfAndPeer } from './peer-comparison';
import type { PeerComparison } from './peer-comparison';

/**
 * What a side's readiness rests on: the partner's audit of it, its own self-assessment
 * (self-declared, weaker evidence), or nothing yet.
 */
export type ReadinessBasis = 'audit' | 'self' | 'none';

export interface SideReadiness {
  basis: ReadinessBasis;
  /** The score of the assessment the readiness rests on; null when there is none. */
  score: AssessmentScore | null;
  band: ReadinessBand;
  overall: number | null;
  /** The assessment it rests on is fully answered; when false the band is provisional. */
  complete: boolean;
  blockers: Blocker[];
  /** Self-assessment against the partner's audit, when both exist. */
  comparison: PeerComparison | null;
  /** `comparison.calibration`, or null when there is no comparison or it rests on no criterion. */
  calibration: number | null;
}

export type PartnershipSide = 'A' | 'B';

export interface PartnershipReadiness {
  /** The lower of the two sides' bands. */
  band: ReadinessBand;
  /** The lower of the two sides' overall scores; null when either side has none. */
  overall: number | null;
  /** The side that bounds the partnership, or `both` when neither is weaker. */
  boundedBy: PartnershipSide | 'both';
  /** Both sides rest on fully answered assessments. */
  complete: boolean;
  basis: Record<PartnershipSide, ReadinessBasis>;
}

/**
 * An institution's readiness as its partner should see it. The partner's audit is independent
 * evidence, so once it exists it decides — even while it is still being filled in (then the band
 * is provisional) — rather than falling back to what the institution says about itself.
 */
export function sideReadiness(
  framework: FrameworkStructure,
  input: { self?: AnswerMap; auditByPartner?: AnswerMap },
): SideReadiness {
  const { self, auditByPartner } = input;
  const basis: ReadinessBasis = auditByPartner !== undefined ? 'audit' : self !== undefined ? 'self' : 'none';
  const answers = auditByPartner ?? self;
  const score = answers === undefined ? null : scoreAssessment(framework, answers);
  const comparison =
    self !== undefined && auditByPartner !== undefined ? compareSelfAndPeer(framework, self, auditByPartner) : null;
  return {
    basis,
    score,
    band: score?.band ?? 'not-ready',
    overall: score?.overall ?? null,
    complete: score?.complete ?? false,
    blockers: score?.blockers ?? [],
    comparison,
    calibration: comparison?.calibration ?? null,
  };
}

/** A missing score is weaker than any score. Negative: a is weaker; positive: b is weaker. */
function compareScores(a: number | null, b: number | null): number {
  if (a === null || b === null) return (a === null ? 0 : 1) - (b === null ? 0 : 1);
  return a - b;
}

/**
 * The weaker side bounds the partnership. Which side bounds it is decided by the band first
 * (the band is the decision top management reads) and by the overall score only between equal bands.
 */
export function partnershipReadiness(a: SideReadiness, b: SideReadiness): PartnershipReadiness {
  const byBand = bandRank(a.band) - bandRank(b.band);
  const order = byBand !== 0 ? byBand : compareScores(a.overall, b.overall);
  return {
    band: lowerBand(a.band, b.band),
    overall: a.overall === null || b.overall === null ? null : Math.min(a.overall, b.overall),
    boundedBy: order < 0 ? 'A' : order > 0 ? 'B' : 'both',
    complete: a.complete && b.complete,
    basis: { A: a.basis, B: b.basis },
  };
}
