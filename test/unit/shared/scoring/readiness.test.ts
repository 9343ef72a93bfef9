import { describe, expect, it } from 'vitest';
import { bandRank, lowerBand, partnershipReadiness, sideReadiness } from '../../../../shared/scoring';
import type { ReadinessBand, SideReadiness } from '../../../../shared/scoring';
import { criterion, dimension, flatAnswers, flatFramework, framework, rated } from './factories';

const fw = flatFramework(2);

/** A side as partnershipReadiness reads it. */
function side(band: ReadinessBand, overall: number | null, complete = true): SideReadiness {
  return {
    basis: 'audit',
    score: null,
    band,
    overall,
    complete,
    blockers: [],
    comparison: null,
    calibration: null,
  };
}

describe('band order', () => {
  it('ranks not ready below ready with conditions below ready', () => {
    expect(bandRank('not-ready')).toBeLessThan(bandRank('conditional'));
    expect(bandRank('conditional')).toBeLessThan(bandRank('ready'));
    expect(lowerBand('ready', 'conditional')).toBe('conditional');
    expect(lowerBand('not-ready', 'ready')).toBe('not-ready');
  });
});

describe('side readiness', () => {
  it('rests on the partner’s audit when it exists, not on the self-assessment', () => {
    // Given a glowing self-assessment and a sober audit
    const readiness = sideReadiness(fw, { self: flatAnswers(4, 4), auditByPartner: flatAnswers(2, 2) });

    expect(readiness.basis).toBe('audit');
    expect(readiness.overall).toBe(50);
    expect(readiness.band).toBe('conditional');
    expect(readiness.calibration).toBe(50);
    expect(readiness.comparison?.rows).toHaveLength(2);
  });

  it('rests on the self-assessment, as self-declared, when there is no audit', () => {
    const readiness = sideReadiness(fw, { self: flatAnswers(4, 4) });

    expect(readiness.basis).toBe('self');
    expect(readiness.band).toBe('ready');
    expect(readiness.comparison).toBeNull();
    expect(readiness.calibration).toBeNull();
  });

  it('rests on an audit that has been started, provisionally, rather than falling back to self-declaration', () => {
    const readiness = sideReadiness(fw, { self: flatAnswers(4, 4), auditByPartner: flatAnswers(3, null) });

    expect(readiness.basis).toBe('audit');
    expect(readiness.complete).toBe(false);
  });

  it('is not ready without a score when there is nothing to rest on', () => {
    expect(sideReadiness(fw, {})).toEqual({
      basis: 'none',
      score: null,
      band: 'not-ready',
      overall: null,
      complete: false,
      blockers: [],
      comparison: null,
      calibration: null,
    });
  });

  it('carries the blockers of the assessment it rests on', () => {
    const critical = framework([dimension('QA', 1, criterion('QA-01', { critical: true }))]);

    const readiness = sideReadiness(critical, { self: { 'QA-01': rated(4) }, auditByPartner: { 'QA-01': rated(1) } });

    expect(readiness.blockers).toEqual([{ criterionId: 'QA-01', dimensionId: 'QA', level: 1 }]);
  });
});

describe('partnership readiness', () => {
  it('takes the lower band and the lower score, bounded by the weaker side', () => {
    const partnership = partnershipReadiness(side('ready', 80), side('conditional', 60));

    expect(partnership).toMatchObject({ band: 'conditional', overall: 60, boundedBy: 'B' });
  });

  it('is bounded by the side with the lower band even when that side has the higher score', () => {
    // Given A blocked at 90 and B ready with conditions at 60
    const partnership = partnershipReadiness(side('not-ready', 90), side('conditional', 60));

    expect(partnership).toMatchObject({ band: 'not-ready', overall: 60, boundedBy: 'A' });
  });

  it('is bounded by the lower score between equal bands, and by both when they are equal too', () => {
    expect(partnershipReadiness(side('ready', 78), side('ready', 91)).boundedBy).toBe('A');
    expect(partnershipReadiness(side('ready', 80), side('ready', 80)).boundedBy).toBe('both');
  });

  it('has no score when either side has none, and is bounded by the side without one', () => {
    const partnership = partnershipReadiness(side('not-ready', 40), side('not-ready', null, false));

    expect(partnership).toMatchObject({ band: 'not-ready', overall: null, boundedBy: 'B', complete: false });
  });

  it('is complete only when both sides rest on complete assessments, and records each basis', () => {
    const a = sideReadiness(fw, { auditByPartner: flatAnswers(3, 3) });
    const b = sideReadiness(fw, { self: flatAnswers(3, null) });

    const partnership = partnershipReadiness(a, b);

    expect(partnership.complete).toBe(false);
    expect(partnership.basis).toEqual({ A: 'audit', B: 'self' });
  });
});
