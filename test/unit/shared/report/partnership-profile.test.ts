/**
 * A partnership that names a cooperation profile is decided under it: both sides are scored on the
 * criteria the profile keeps, with its weights and critical flags.
 */
import { describe, expect, it } from 'vitest';
import { partnershipReport } from '../../../../shared/report/partnership-report';
import { scoreAssessment } from '../../../../shared/scoring';
import { structureForProfile } from '../../../../shared/scoring/framework-structure';
import { assessmentOf, lineA, lineB, partnershipOf, smallFramework, uniA, uniB } from '../../../support/report-fixtures';

const fw = {
  ...smallFramework(),
  profiles: [
    { id: 'records-first', title: 'Records first', summary: 'Security of records is critical; joint review does not apply.', excluded: ['GOV-02'], overrides: { 'DAT-02': { critical: true } } },
  ],
};
const ratings = { 'GOV-01': 3, 'GOV-02': 0, 'DAT-01': 4, 'DAT-02': 1 } as const;
const auditOfA = assessmentOf(fw, { kind: 'audit', subject: uniA, assessor: uniB, ratings });
const auditOfB = assessmentOf(fw, { kind: 'audit', subject: uniB, assessor: uniA, ratings: { 'GOV-01': 4, 'GOV-02': 4, 'DAT-01': 4, 'DAT-02': 4 } });
const build = (profileId?: string) =>
  partnershipReport({
    framework: fw,
    partnership: { ...partnershipOf({}), ...(profileId ? { profileId } : {}) },
    institutions: { A: lineA, B: lineB },
    assessments: { auditOfA, auditOfB },
    today: '2026-11-20',
  });

describe('a partnership under a cooperation profile', () => {
  it('given no profile, when modelled, then every criterion counts and DAT-02 is no blocker', () => {
    const report = build();
    expect(report.sides.A.criteria.map((row) => row.criterionId)).toContain('GOV-02');
    expect(report.blockers.map((blocker) => blocker.criterionId)).not.toContain('DAT-02');
    expect(report.sides.A.overall.raw).toBeCloseTo(scoreAssessment(fw, auditOfA.answers).overall!, 9);
  });

  it('given the profile, when modelled, then excluded criteria are gone, overrides apply, and the band is the profile’s', () => {
    const report = build('records-first');
    const profiled = structureForProfile(fw, 'records-first');
    expect(report.sides.A.criteria.map((row) => row.criterionId)).not.toContain('GOV-02');
    expect(report.blockers).toMatchObject([{ side: 'A', criterionId: 'DAT-02' }]);
    expect(report.sides.A.overall.raw).toBeCloseTo(scoreAssessment(profiled, auditOfA.answers).overall!, 9);
    expect(report.sides.A.band).toBe(scoreAssessment(profiled, auditOfA.answers).band);
    expect(report.sides.A.overall.raw).not.toBeCloseTo(build().sides.A.overall.raw!, 3);
  });
});
