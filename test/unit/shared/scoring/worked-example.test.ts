/**
 * The worked example of docs/scoring.md, number for number. If this test changes, the document
 * must change with it.
 */
import { describe, expect, it } from 'vitest';
import {
  compareSelfAndPeer,
  partnershipReadiness,
  roundScore,
  scoreAssessment,
  sideReadiness,
} from '../../../../shared/scoring';
import { criterion, dimension, framework, notApplicable, rated } from './factories';

const guide = framework([
  dimension(
    'QA',
    2,
    criterion('QA-01', { weight: 2, critical: true }),
    criterion('QA-02', { weight: 2 }),
    criterion('QA-03', { weight: 1 }),
  ),
  dimension('REC', 1, criterion('REC-01', { weight: 1 }), criterion('REC-02', { weight: 1 })),
]);

const selfAssessmentOfA = {
  'QA-01': rated(3),
  'QA-02': rated(4),
  'QA-03': notApplicable('We do not run joint programmes.'),
  'REC-01': rated(2),
  'REC-02': rated(1),
};

const auditOfAByB = {
  'QA-01': rated(2),
  'QA-02': rated(2),
  'QA-03': notApplicable('Agreed: no joint programmes.'),
  'REC-01': rated(2),
  'REC-02': rated(1),
};

const auditOfBByA = {
  'QA-01': rated(3),
  'QA-02': rated(3),
  'QA-03': notApplicable('No joint programmes.'),
  'REC-01': rated(3),
  'REC-02': rated(3),
};

describe('worked example (docs/scoring.md)', () => {
  it('step 1–4: scores the self-assessment of A as ready with conditions at 70.8', () => {
    const score = scoreAssessment(guide, selfAssessmentOfA);

    // Step 1: QA = (2×3 + 2×4) / ((2 + 2) × 4) = 14 / 16; QA-03 is N/A and left out.
    expect(score.dimensions[0]).toEqual({
      id: 'QA',
      weight: 2,
      score: 87.5,
      rated: 2,
      notApplicable: 1,
      missing: 0,
      total: 3,
    });
    // Step 2: REC = (1×2 + 1×1) / ((1 + 1) × 4) = 3 / 8.
    expect(score.dimensions[1]?.score).toBe(37.5);
    // Step 3: overall = (2 × 87.5 + 1 × 37.5) / (2 + 1) = 212.5 / 3.
    expect(score.overall).toBeCloseTo(70.833333333, 8);
    expect(roundScore(score.overall)).toBe(70.8);
    // Step 4: five of five answered; QA-01 (critical) at 3 is no blocker; 70.8 is below 75 but not below 50.
    expect(score.completeness).toEqual({ answered: 5, total: 5, ratio: 1 });
    expect(score.complete).toBe(true);
    expect(score.blockers).toEqual([]);
    expect(score.criticalBelowConditional).toEqual([]);
    expect(score.band).toBe('conditional');
  });

  it('step 5: lines up A’s self-assessment with B’s audit of A, calibration 75', () => {
    const comparison = compareSelfAndPeer(guide, selfAssessmentOfA, auditOfAByB);

    expect(comparison.rows.map((row) => [row.criterionId, row.self, row.peer, row.gap, row.flags])).toEqual([
      ['QA-01', 3, 2, -1, ['critical-overrated']],
      ['QA-02', 4, 2, -2, ['large-gap']],
      ['QA-03', 'na', 'na', null, []],
      ['REC-01', 2, 2, 0, []],
      ['REC-02', 1, 1, 0, []],
    ]);
    // 100 × (1 − (2×1 + 2×2 + 1×0 + 1×0) / ((2 + 2 + 1 + 1) × 4)) = 100 × (1 − 6/24)
    expect(comparison.calibration).toBe(75);
    expect(comparison.calibrationBasis).toBe(4);
    expect(comparison.flagged).toBe(2);
  });

  it('step 6: A’s readiness rests on B’s audit — 45.8, not ready', () => {
    const sideA = sideReadiness(guide, { self: selfAssessmentOfA, auditByPartner: auditOfAByB });

    expect(sideA.basis).toBe('audit');
    // QA = (2×2 + 2×2) / 16 = 50; REC = 37.5; overall = (2×50 + 1×37.5) / 3 = 137.5 / 3.
    expect(sideA.score?.dimensions.map((d) => d.score)).toEqual([50, 37.5]);
    expect(sideA.overall).toBeCloseTo(45.833333333, 8);
    expect(roundScore(sideA.overall)).toBe(45.8);
    // QA-01 at 2 is exactly at the blocker level, so it does not block.
    expect(sideA.blockers).toEqual([]);
    expect(sideA.band).toBe('not-ready');
    expect(sideA.calibration).toBe(75);
  });

  it('step 7: the partnership is bounded by A — not ready at 45.8', () => {
    const sideA = sideReadiness(guide, { self: selfAssessmentOfA, auditByPartner: auditOfAByB });
    const sideB = sideReadiness(guide, { auditByPartner: auditOfBByA });

    // B: every rated criterion at 3 → QA 12/16 and REC 6/8, both 75 → overall 75, ready.
    expect(sideB.score?.dimensions.map((d) => d.score)).toEqual([75, 75]);
    expect(sideB.overall).toBe(75);
    expect(sideB.band).toBe('ready');
    const partnership = partnershipReadiness(sideA, sideB);
    expect(partnership.band).toBe('not-ready');
    expect(roundScore(partnership.overall)).toBe(45.8);
    expect(partnership.boundedBy).toBe('A');
  });
});
