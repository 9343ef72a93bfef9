import { describe, expect, it } from 'vitest';
import { compareSelfAndPeer } from '../../../../shared/scoring';
import { criterion, dimension, flatAnswers, flatFramework, framework, guideThresholds, notApplicable, rated } from './factories';

const oneCriterion = (critical: boolean, largeGapLevels = guideThresholds.largeGapLevels) =>
  framework([dimension('QA', 1, criterion('QA-01', { critical }))], {
    thresholds: { ...guideThresholds, largeGapLevels },
  });

describe('self and peer comparison', () => {
  it('gives gap = peer − self, negative when the institution rated itself higher than its auditor', () => {
    const comparison = compareSelfAndPeer(flatFramework(2), flatAnswers(3, 1), flatAnswers(2, 2));

    expect(comparison.rows.map((row) => row.gap)).toEqual([-1, 1]);
    expect(comparison.rows[0]).toMatchObject({ criterionId: 'QA-01', dimensionId: 'QA', self: 3, peer: 2, weight: 1 });
  });

  it('has no gap when either side has not rated the criterion', () => {
    const comparison = compareSelfAndPeer(flatFramework(3), flatAnswers(3, 'na', null), flatAnswers(null, 2, 2));

    expect(comparison.rows.map((row) => [row.self, row.peer, row.gap])).toEqual([
      [3, null, null],
      ['na', 2, null],
      [null, 2, null],
    ]);
  });

  it('flags a gap of exactly the large-gap level, in either direction', () => {
    const comparison = compareSelfAndPeer(flatFramework(3), flatAnswers(4, 1, 3), flatAnswers(2, 3, 2));

    expect(comparison.rows.map((row) => row.flags)).toEqual([['large-gap'], ['large-gap'], []]);
    expect(comparison.flagged).toBe(2);
  });

  it('follows the large-gap level the framework sets', () => {
    const comparison = compareSelfAndPeer(oneCriterion(false, 3), { 'QA-01': rated(4) }, { 'QA-01': rated(2) });

    expect(comparison.rows[0]?.flags).toEqual([]);
  });

  it('flags any overrating of a critical criterion, even by one level', () => {
    const comparison = compareSelfAndPeer(oneCriterion(true), { 'QA-01': rated(3) }, { 'QA-01': rated(2) });

    expect(comparison.rows[0]?.flags).toEqual(['critical-overrated']);
  });

  it('flags a critical criterion overrated by a large gap twice over', () => {
    const comparison = compareSelfAndPeer(oneCriterion(true), { 'QA-01': rated(4) }, { 'QA-01': rated(1) });

    expect(comparison.rows[0]?.flags).toEqual(['large-gap', 'critical-overrated']);
    expect(comparison.flagged).toBe(1);
  });

  it('does not flag a critical criterion the auditor rated higher than the institution did', () => {
    const comparison = compareSelfAndPeer(oneCriterion(true), { 'QA-01': rated(2) }, { 'QA-01': rated(3) });

    expect(comparison.rows[0]?.flags).toEqual([]);
  });

  it('flags a dispute when one side says not applicable and the other gives a level', () => {
    const comparison = compareSelfAndPeer(flatFramework(3), flatAnswers('na', 2, 'na'), flatAnswers(1, 'na', 'na'));

    expect(comparison.rows.map((row) => row.flags)).toEqual([['na-disputed'], ['na-disputed'], []]);
  });

  it('does not call an N/A facing an unanswered criterion a dispute', () => {
    const comparison = compareSelfAndPeer(flatFramework(1), flatAnswers('na'), {});

    expect(comparison.rows[0]?.flags).toEqual([]);
  });

  it('shows a critical criterion marked not applicable without a reason as unanswered', () => {
    const comparison = compareSelfAndPeer(oneCriterion(true), { 'QA-01': notApplicable('') }, { 'QA-01': rated(2) });

    expect(comparison.rows[0]).toMatchObject({ self: null, peer: 2, gap: null, flags: [] });
  });
});

describe('calibration', () => {
  it('is 100 × (1 − Σ weight×|gap| / Σ weight×4) over criteria both sides rated', () => {
    // Given weights 1 and 3, gaps −2 and +1, and a third criterion only one side rated
    const fw = framework([
      dimension('QA', 1, criterion('QA-01', { weight: 1 }), criterion('QA-02', { weight: 3 }), criterion('QA-03')),
    ]);

    const comparison = compareSelfAndPeer(
      fw,
      { 'QA-01': rated(4), 'QA-02': rated(1), 'QA-03': rated(4) },
      { 'QA-01': rated(2), 'QA-02': rated(2) },
    );

    // 100 × (1 − (1×2 + 3×1) / ((1 + 3) × 4)) = 100 × (1 − 5/16)
    expect(comparison.calibration).toBe(68.75);
    expect(comparison.calibrationBasis).toBe(2);
  });

  it('is 100 when both sides agree on every criterion', () => {
    const comparison = compareSelfAndPeer(flatFramework(3), flatAnswers(0, 2, 'na'), flatAnswers(0, 2, 'na'));

    expect(comparison.calibration).toBe(100);
    expect(comparison.calibrationBasis).toBe(2);
  });

  it('is 0 when every rating is four levels apart', () => {
    const comparison = compareSelfAndPeer(flatFramework(2), flatAnswers(4, 0), flatAnswers(0, 4));

    expect(comparison.calibration).toBe(0);
  });

  it('is null, resting on no criterion, when the two sides rated no criterion in common', () => {
    const comparison = compareSelfAndPeer(flatFramework(3), flatAnswers(3, null, 'na'), flatAnswers(null, 2, 1));

    expect(comparison.calibration).toBeNull();
    expect(comparison.calibrationBasis).toBe(0);
  });
});
