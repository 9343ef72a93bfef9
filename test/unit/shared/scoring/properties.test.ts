/**
 * Properties that must hold for every framework and every set of answers, not only the
 * hand-computed cases: fast-check generates hundreds of random frameworks and answers per run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerMap } from '../../../../shared/assessment/answer';
import {
  bandRank,
  compareSelfAndPeer,
  partnershipReadiness,
  scoreAssessment,
  sideReadiness,
} from '../../../../shared/scoring';
import type { AssessmentScore } from '../../../../shared/scoring';
import {
  levelArb,
  scaleCriterionWeights,
  scaleDimensionWeights,
  scoringCaseArb,
  withoutCriterion,
} from './arbitraries';
import { notApplicable, rated } from './factories';

const runs = { numRuns: 300 };
const tolerance = 1e-9;

function pick<T>(list: readonly T[], index: number): T {
  const item = list[index % list.length];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function allScores(score: AssessmentScore): Array<number | null> {
  return [score.overall, ...score.dimensions.map((d) => d.score)];
}

function expectSameScores(actual: AssessmentScore, expected: AssessmentScore, within: number): void {
  const a = allScores(actual);
  const e = allScores(expected);
  expect(a.map((x) => x === null)).toEqual(e.map((x) => x === null));
  a.forEach((x, i) => {
    const y = e[i];
    if (x !== null && y !== null && y !== undefined) expect(Math.abs(x - y)).toBeLessThanOrEqual(within);
  });
}

const maybe = (present: boolean, answers: AnswerMap) => (present ? answers : undefined);

describe('scoring properties', () => {
  it('keeps every dimension score and the overall score within 0–100', () => {
    fc.assert(
      fc.property(scoringCaseArb, ({ framework, self }) => {
        const score = scoreAssessment(framework, self);

        for (const value of allScores(score)) {
          if (value !== null) {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(100);
          }
        }
      }),
      runs,
    );
  });

  it('gives a criterion marked not applicable the same scores as removing it from the framework', () => {
    fc.assert(
      fc.property(scoringCaseArb, fc.nat(), ({ framework, criterionIds, self }, index) => {
        // Given one criterion marked not applicable (with a reason, so critical ones count too)
        const id = pick(criterionIds, index);
        const markedNa = scoreAssessment(framework, { ...self, [id]: notApplicable('Does not apply to us.') });

        // When the same criterion is removed from the framework instead
        const removed = scoreAssessment(withoutCriterion(framework, id), self);

        // Then no other criterion's contribution changed: every score is identical
        expect(allScores(markedNa)).toEqual(allScores(removed));
        expect(markedNa.blockers).toEqual(removed.blockers);
        expect(markedNa.criteria.filter((c) => c.criterionId !== id)).toEqual(removed.criteria);
      }),
      runs,
    );
  });

  it('never lowers the dimension score, the overall score or the band when one level is raised', () => {
    fc.assert(
      fc.property(
        scoringCaseArb,
        fc.nat(),
        levelArb,
        levelArb,
        ({ framework, criterionIds, self }, index, x, y) => {
          // Given one criterion rated at a lower and at a higher level, all else equal
          const id = pick(criterionIds, index);
          const [low, high] = x <= y ? [x, y] : [y, x];
          const before = scoreAssessment(framework, { ...self, [id]: rated(low) });
          const after = scoreAssessment(framework, { ...self, [id]: rated(high) });

          // Then nothing got worse
          const dimensionOf = (score: AssessmentScore) =>
            score.dimensions.find((d) => d.id === id.slice(0, id.indexOf('-')))?.score ?? null;
          expect(dimensionOf(after)).not.toBeNull();
          expect(dimensionOf(after)!).toBeGreaterThanOrEqual(dimensionOf(before)!);
          expect(after.overall!).toBeGreaterThanOrEqual(before.overall!);
          expect(bandRank(after.band)).toBeGreaterThanOrEqual(bandRank(before.band));
        },
      ),
      runs,
    );
  });

  it('changes no score when all criterion weights are multiplied by the same positive factor', () => {
    fc.assert(
      fc.property(
        scoringCaseArb,
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        ({ framework, self }, factor) => {
          expectSameScores(
            scoreAssessment(scaleCriterionWeights(framework, factor), self),
            scoreAssessment(framework, self),
            tolerance,
          );
        },
      ),
      runs,
    );
  });

  it('changes no score when all dimension weights are multiplied by the same positive factor', () => {
    fc.assert(
      fc.property(
        scoringCaseArb,
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        ({ framework, self }, factor) => {
          expectSameScores(
            scoreAssessment(scaleDimensionWeights(framework, factor), self),
            scoreAssessment(framework, self),
            tolerance,
          );
        },
      ),
      runs,
    );
  });

  it('keeps completeness within 0–1, equal to 1 exactly when nothing is missing', () => {
    fc.assert(
      fc.property(scoringCaseArb, ({ framework, self }) => {
        const { completeness, complete, criteria } = scoreAssessment(framework, self);

        expect(completeness.ratio).toBeGreaterThanOrEqual(0);
        expect(completeness.ratio).toBeLessThanOrEqual(1);
        const nothingMissing = criteria.every((c) => c.status !== 'missing');
        expect(completeness.ratio === 1).toBe(nothingMissing);
        expect(complete).toBe(nothingMissing);
      }),
      runs,
    );
  });
});

describe('mutual audit properties', () => {
  it('keeps calibration within 0–100, and null exactly when no criterion is rated by both sides', () => {
    fc.assert(
      fc.property(scoringCaseArb, ({ framework, self, peer }) => {
        const { calibration, calibrationBasis } = compareSelfAndPeer(framework, self, peer);

        expect(calibration === null).toBe(calibrationBasis === 0);
        if (calibration !== null) {
          expect(calibration).toBeGreaterThanOrEqual(0);
          expect(calibration).toBeLessThanOrEqual(100);
        }
      }),
      runs,
    );
  });

  it('gives calibration 100 exactly, and no flag, when self and peer agree everywhere', () => {
    fc.assert(
      fc.property(scoringCaseArb, ({ framework, self }) => {
        const comparison = compareSelfAndPeer(framework, self, self);

        expect(comparison.calibration === null || comparison.calibration === 100).toBe(true);
        expect(comparison.flagged).toBe(0);
      }),
      runs,
    );
  });

  it('never makes the partnership better than either side', () => {
    fc.assert(
      fc.property(
        scoringCaseArb,
        fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()),
        ({ framework, self, peer, otherSelf, otherPeer }, [hasSelfA, hasAuditA, hasSelfB, hasAuditB]) => {
          const a = sideReadiness(framework, { self: maybe(hasSelfA, self), auditByPartner: maybe(hasAuditA, peer) });
          const b = sideReadiness(framework, {
            self: maybe(hasSelfB, otherSelf),
            auditByPartner: maybe(hasAuditB, otherPeer),
          });

          const partnership = partnershipReadiness(a, b);

          expect(bandRank(partnership.band)).toBeLessThanOrEqual(Math.min(bandRank(a.band), bandRank(b.band)));
          if (partnership.overall !== null) {
            expect(partnership.overall).toBeLessThanOrEqual(a.overall!);
            expect(partnership.overall).toBeLessThanOrEqual(b.overall!);
          }
          if (partnership.boundedBy !== 'both') {
            const bounding = partnership.boundedBy === 'A' ? a : b;
            expect(bounding.band).toBe(partnership.band);
          }
        },
      ),
      runs,
    );
  });
});
