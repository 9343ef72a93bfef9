/**
 * fast-check generators: frameworks of random dimensions, criteria, weights, critical flags and
 * thresholds, each criterion carrying random answers for up to four assessments.
 */
import fc from 'fast-check';
import type { AnswerMap, ScoredAnswer } from '../../../../shared/assessment/answer';
import type { Framework, Level, Thresholds } from '../../../../shared/framework/schema';
import { criterion, criterionId, dimension, framework, notApplicable, rated, unanswered } from './factories';

export const levelArb: fc.Arbitrary<Level> = fc.constantFrom(0, 1, 2, 3, 4);

/** Whole-number weights like the guide's, and awkward fractional ones that stress the arithmetic. */
export const weightArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 100 }),
  fc.double({ min: 0.01, max: 100, noNaN: true }),
);

/** Mostly rated, with every other kind of answer represented. */
export const answerArb: fc.Arbitrary<ScoredAnswer | undefined> = fc.oneof(
  { weight: 6, arbitrary: levelArb.map(rated) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant(unanswered()) },
  { weight: 1, arbitrary: fc.constant(notApplicable('Not offered here.')) },
  { weight: 1, arbitrary: fc.constant(notApplicable('')) },
);

export const thresholdsArb: fc.Arbitrary<Thresholds> = fc
  .record({
    scores: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
    blockerBelowLevel: levelArb,
    conditionalMinCriticalLevel: levelArb,
    largeGapLevels: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ scores: [x, y], ...levels }) => ({ ready: Math.max(x, y), conditional: Math.min(x, y), ...levels }));

const criterionSpecArb = fc.record({
  weight: weightArb,
  critical: fc.boolean(),
  answers: fc.tuple(answerArb, answerArb, answerArb, answerArb),
});

const dimensionSpecArb = fc.record({
  weight: weightArb,
  criteria: fc.array(criterionSpecArb, { minLength: 1, maxLength: 6 }),
});

type Answers = Record<string, ScoredAnswer>;

export interface ScoringCase {
  framework: Framework;
  /** Every criterion id in framework order. */
  criterionIds: string[];
  /** Four independent sets of answers: A's self-assessment, B's audit of A, B's self-assessment, A's audit of B. */
  self: AnswerMap;
  peer: AnswerMap;
  otherSelf: AnswerMap;
  otherPeer: AnswerMap;
}

export const scoringCaseArb: fc.Arbitrary<ScoringCase> = fc
  .record({ thresholds: thresholdsArb, dimensions: fc.array(dimensionSpecArb, { minLength: 1, maxLength: 5 }) })
  .map(({ thresholds, dimensions }) => {
    const answerMaps: [Answers, Answers, Answers, Answers] = [{}, {}, {}, {}];
    const criterionIds: string[] = [];
    const built = dimensions.map((spec, d) => {
      const dimensionId = `D${String.fromCharCode(65 + d)}`;
      const criteria = spec.criteria.map((c, i) => {
        const id = criterionId(dimensionId, i + 1);
        criterionIds.push(id);
        c.answers.forEach((answer, k) => {
          if (answer !== undefined) answerMaps[k]![id] = answer;
        });
        return criterion(id, { weight: c.weight, critical: c.critical });
      });
      return dimension(dimensionId, spec.weight, ...criteria);
    });
    const [self, peer, otherSelf, otherPeer] = answerMaps;
    return { framework: framework(built, { thresholds }), criterionIds, self, peer, otherSelf, otherPeer };
  });

/** A copy of the framework without one criterion (its dimension stays, possibly empty). */
export function withoutCriterion(fw: Framework, id: string): Framework {
  return {
    ...fw,
    dimensions: fw.dimensions.map((d) => ({ ...d, criteria: d.criteria.filter((c) => c.id !== id) })),
  };
}

export function scaleCriterionWeights(fw: Framework, factor: number): Framework {
  return {
    ...fw,
    dimensions: fw.dimensions.map((d) => ({
      ...d,
      criteria: d.criteria.map((c) => ({ ...c, weight: c.weight * factor })),
    })),
  };
}

export function scaleDimensionWeights(fw: Framework, factor: number): Framework {
  return { ...fw, dimensions: fw.dimensions.map((d) => ({ ...d, weight: d.weight * factor })) };
}
