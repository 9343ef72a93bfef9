import { describe, expect, it } from 'vitest';
import { scoreAssessment } from '../../../../shared/scoring';
import {
  criterion,
  dimension,
  flatAnswers,
  flatFramework,
  framework,
  guideThresholds,
  notApplicable,
  rated,
} from './factories';

describe('dimension score', () => {
  it('is the weighted mean of levels as a percentage of the maximum', () => {
    // Given weights 1 and 3 rated 4 and 2
    const fw = framework([dimension('QA', 1, criterion('QA-01', { weight: 1 }), criterion('QA-02', { weight: 3 }))]);

    // When
    const score = scoreAssessment(fw, { 'QA-01': rated(4), 'QA-02': rated(2) });

    // Then (1×4 + 3×2) / ((1 + 3) × 4) = 10/16
    expect(score.dimensions[0]?.score).toBe(62.5);
  });

  it('leaves a not-applicable criterion out of the denominator', () => {
    const score = scoreAssessment(flatFramework(3), flatAnswers(4, 2, 'na'));

    // (4 + 2) / (2 × 4), not (4 + 2) / (3 × 4)
    expect(score.dimensions[0]?.score).toBe(75);
    expect(score.dimensions[0]).toMatchObject({ rated: 2, notApplicable: 1, missing: 0, total: 3 });
  });

  it('leaves a missing criterion out of the score; it counts against completeness instead', () => {
    const score = scoreAssessment(flatFramework(3), flatAnswers(4, 2, null));

    expect(score.dimensions[0]?.score).toBe(75);
    expect(score.dimensions[0]).toMatchObject({ rated: 2, notApplicable: 0, missing: 1, total: 3 });
    expect(score.completeness).toEqual({ answered: 2, total: 3, ratio: 2 / 3 });
  });

  it('is 0 when every rated criterion is at level 0, and 100 when all are at level 4', () => {
    expect(scoreAssessment(flatFramework(2), flatAnswers(0, 0)).overall).toBe(0);
    expect(scoreAssessment(flatFramework(2), flatAnswers(4, 4)).overall).toBe(100);
  });

  it('is null when nothing in the dimension is rated', () => {
    const fw = framework([dimension('QA', 1, criterion('QA-01')), dimension('REC', 1, criterion('REC-01'))]);

    const score = scoreAssessment(fw, { 'QA-01': rated(2), 'REC-01': notApplicable() });

    expect(score.dimensions[1]?.score).toBeNull();
  });
});

describe('overall score', () => {
  it('is the weighted mean of the dimension scores by dimension weight', () => {
    // Given QA (weight 3) at 100 and REC (weight 1) at 0
    const fw = framework([dimension('QA', 3, criterion('QA-01')), dimension('REC', 1, criterion('REC-01'))]);

    const score = scoreAssessment(fw, { 'QA-01': rated(4), 'REC-01': rated(0) });

    // (3×100 + 1×0) / 4
    expect(score.overall).toBe(75);
  });

  it('leaves out a dimension without a score instead of counting it as zero', () => {
    const fw = framework([dimension('QA', 3, criterion('QA-01')), dimension('REC', 1, criterion('REC-01'))]);

    const score = scoreAssessment(fw, { 'QA-01': rated(2), 'REC-01': notApplicable() });

    expect(score.overall).toBe(50);
  });

  it('is null, and the band not ready, when everything is not applicable', () => {
    const score = scoreAssessment(flatFramework(3), flatAnswers('na', 'na', 'na'));

    expect(score.overall).toBeNull();
    expect(score.band).toBe('not-ready');
    // Everything was answered: the assessment is complete, it simply has nothing to score.
    expect(score.complete).toBe(true);
  });

  it('is null, the band not ready and completeness zero when nothing is answered', () => {
    const score = scoreAssessment(flatFramework(3), {});

    expect(score.overall).toBeNull();
    expect(score.band).toBe('not-ready');
    expect(score.complete).toBe(false);
    expect(score.completeness).toEqual({ answered: 0, total: 3, ratio: 0 });
    expect(score.criteria.every((c) => c.status === 'missing')).toBe(true);
  });
});

describe('completeness', () => {
  it('counts rated and accepted not-applicable criteria as answered', () => {
    const score = scoreAssessment(flatFramework(4), flatAnswers(3, 'na', null, 1));

    expect(score.completeness).toEqual({ answered: 3, total: 4, ratio: 0.75 });
    expect(score.complete).toBe(false);
  });

  it('counts a critical criterion marked not applicable without a reason as missing, and reports it', () => {
    // Given a critical criterion marked N/A with no reason
    const fw = framework([dimension('QA', 1, criterion('QA-01', { critical: true }), criterion('QA-02'))]);

    // When
    const score = scoreAssessment(fw, { 'QA-01': notApplicable(''), 'QA-02': rated(4) });

    // Then it is missing, not N/A, and the result says why
    expect(score.criteria[0]).toMatchObject({ criterionId: 'QA-01', status: 'missing', naReasonMissing: true });
    expect(score.completeness).toEqual({ answered: 1, total: 2, ratio: 0.5 });
    expect(score.complete).toBe(false);
    expect(score.criticalMissing).toEqual(['QA-01']);
    // It does not enter the score either way.
    expect(score.overall).toBe(100);
  });

  it('accepts a non-critical criterion marked not applicable without a reason', () => {
    const score = scoreAssessment(flatFramework(2), {
      'QA-01': notApplicable(''),
      'QA-02': rated(3),
    });

    expect(score.criteria[0]).toMatchObject({ status: 'not-applicable', naReasonMissing: false, naNotAllowed: false });
    expect(score.complete).toBe(true);
  });

  it('keeps the band but marks it provisional while criteria are missing', () => {
    const score = scoreAssessment(flatFramework(2), flatAnswers(4, null));

    expect(score.band).toBe('ready');
    expect(score.complete).toBe(false);
  });
});

describe('blockers', () => {
  const withCritical = (level: 0 | 1 | 2 | 3 | 4) =>
    scoreAssessment(
      framework([dimension('QA', 1, criterion('QA-01', { critical: true }), criterion('QA-02'))]),
      { 'QA-01': rated(level), 'QA-02': rated(4) },
    );

  it('is a critical criterion rated below the blocker level', () => {
    expect(withCritical(1).blockers).toEqual([{ criterionId: 'QA-01', dimensionId: 'QA', level: 1 }]);
  });

  it('is not raised by a critical criterion rated exactly at the blocker level', () => {
    expect(withCritical(2).blockers).toEqual([]);
  });

  it('is not raised by a non-critical criterion at level 0', () => {
    const score = scoreAssessment(flatFramework(2), flatAnswers(0, 4));

    expect(score.blockers).toEqual([]);
  });

  it('is not raised by an unanswered critical criterion, which is reported as missing instead', () => {
    const fw = framework([dimension('QA', 1, criterion('QA-01', { critical: true }), criterion('QA-02'))]);

    const score = scoreAssessment(fw, { 'QA-02': rated(4) });

    expect(score.blockers).toEqual([]);
    expect(score.criticalMissing).toEqual(['QA-01']);
    expect(score.complete).toBe(false);
  });

  it('follows the blocker level the framework sets', () => {
    const fw = framework([dimension('QA', 1, criterion('QA-01', { critical: true }))], {
      thresholds: { ...guideThresholds, blockerBelowLevel: 3 },
    });

    expect(scoreAssessment(fw, { 'QA-01': rated(2) }).blockers).toHaveLength(1);
    expect(scoreAssessment(fw, { 'QA-01': rated(3) }).blockers).toHaveLength(0);
  });
});

describe('readiness band', () => {
  it('is ready at exactly 75 with no blocker', () => {
    const score = scoreAssessment(flatFramework(4), flatAnswers(3, 3, 3, 3));

    expect(score.overall).toBe(75);
    expect(score.band).toBe('ready');
  });

  it('is ready with conditions just below 75', () => {
    // (3+3+3+3+3+3+3+2) / 32 = 23/32 = 71.875
    const score = scoreAssessment(flatFramework(8), flatAnswers(3, 3, 3, 3, 3, 3, 3, 2));

    expect(score.band).toBe('conditional');
  });

  it('is ready with conditions at exactly 50', () => {
    const score = scoreAssessment(flatFramework(2), flatAnswers(2, 2));

    expect(score.overall).toBe(50);
    expect(score.band).toBe('conditional');
  });

  it('is not ready just below 50', () => {
    // (2+2+2+1) / 16 = 43.75
    const score = scoreAssessment(flatFramework(4), flatAnswers(2, 2, 2, 1));

    expect(score.band).toBe('not-ready');
  });

  it('reaches a threshold that the arithmetic reaches on paper despite floating-point rounding', () => {
    // Given dimension weights 0.1 and 0.2, both dimensions at 75: in binary floating point the
    // weighted mean comes out as 74.99999999999999
    const fw = framework([dimension('QA', 0.1, criterion('QA-01')), dimension('REC', 0.2, criterion('REC-01'))]);

    const score = scoreAssessment(fw, { 'QA-01': rated(3), 'REC-01': rated(3) });

    expect(score.overall).toBeCloseTo(75, 12);
    expect(score.band).toBe('ready');
  });

  it('is ready with conditions, not ready, when a blocker stands in the way of a high score', () => {
    // Given a critical criterion at 1 (a blocker, but not below the conditional minimum of 1)
    const fw = framework([
      dimension('QA', 1, criterion('QA-01', { critical: true }), criterion('QA-02', { weight: 9 })),
    ]);

    const score = scoreAssessment(fw, { 'QA-01': rated(1), 'QA-02': rated(4) });

    // (1×1 + 9×4) / 40 = 92.5
    expect(score.overall).toBe(92.5);
    expect(score.band).toBe('conditional');
  });

  it('is not ready when a critical criterion is below the conditional minimum, however high the score', () => {
    const fw = framework([
      dimension('QA', 1, criterion('QA-01', { critical: true }), criterion('QA-02', { weight: 9 })),
    ]);

    const score = scoreAssessment(fw, { 'QA-01': rated(0), 'QA-02': rated(4) });

    expect(score.overall).toBe(90);
    expect(score.criticalBelowConditional).toEqual(['QA-01']);
    expect(score.band).toBe('not-ready');
  });

  it('follows the thresholds the framework sets', () => {
    const fw = flatFramework(2, { ready: 90, conditional: 80 });

    expect(scoreAssessment(fw, flatAnswers(4, 3)).band).toBe('conditional'); // 87.5
    expect(scoreAssessment(fw, flatAnswers(3, 3)).band).toBe('not-ready'); // 75
  });
});

describe('criterion results', () => {
  it('lists every criterion in framework order with its dimension, weight and critical flag', () => {
    const fw = framework([
      dimension('QA', 1, criterion('QA-01', { weight: 2, critical: true })),
      dimension('REC', 1, criterion('REC-01')),
    ]);

    const score = scoreAssessment(fw, { 'QA-01': rated(3) });

    expect(score.criteria).toEqual([
      {
        criterionId: 'QA-01',
        dimensionId: 'QA',
        weight: 2,
        critical: true,
        status: 'rated',
        level: 3,
        naReasonMissing: false,
        naNotAllowed: false,
      },
      {
        criterionId: 'REC-01',
        dimensionId: 'REC',
        weight: 1,
        critical: false,
        status: 'missing',
        level: null,
        naReasonMissing: false,
        naNotAllowed: false,
      },
    ]);
  });

  it('ignores answers to criteria the framework does not have', () => {
    const score = scoreAssessment(flatFramework(1), { ...flatAnswers(2), 'XX-01': rated(0) });

    expect(score.overall).toBe(50);
    expect(score.completeness.total).toBe(1);
  });
});
