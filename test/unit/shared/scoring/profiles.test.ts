/**
 * Scoring under a cooperation profile: the profile's excluded criteria are not part of the
 * assessment (unlike N/A, which is an answer), and its overrides change weight and critical flag.
 */
import { describe, expect, it } from 'vitest';
import { notApplicableRefused, scoreAssessment, structureForProfile, UnknownProfileError } from '../../../../shared/scoring';
import { criteriaOf } from '../../../../shared/framework/schema';
import { guide2Fixture } from '../../../support/guide2-factory';
import { notApplicable, rated } from './factories';

const guide = guide2Fixture();
const allAt = (level: 0 | 1 | 2 | 3 | 4) => Object.fromEntries(criteriaOf(guide).map((c) => [c.id, rated(level)]));

describe('structureForProfile', () => {
  it('without a profile is the framework itself', () => {
    expect(structureForProfile(guide, undefined)).toBe(guide);
  });

  it('keeps everything but the dimensions as the framework has it (texts, crosswalk, profiles)', () => {
    const structure = structureForProfile(guide, 'mutual-recognition');
    expect(structure).toEqual({ ...guide, dimensions: structure.dimensions });
    expect(structure.dimensions).not.toEqual(guide.dimensions);
  });

  it('removes the excluded criteria, and counts them neither as answered nor as missing', () => {
    const structure = structureForProfile(guide, 'mutual-recognition');
    expect(criteriaOf(structure).map((c) => c.id)).not.toContain('DES-03');
    expect(criteriaOf(structure)).toHaveLength(criteriaOf(guide).length - 1);
    const answers = allAt(3);
    delete answers['DES-03'];
    const score = scoreAssessment(structure, answers);
    expect(score.complete).toBe(true);
    expect(score.completeness).toEqual({ answered: 9, total: 9, ratio: 1 });
    // Without the profile the same answers leave DES-03 missing.
    expect(scoreAssessment(guide, answers).complete).toBe(false);
  });

  it('an excluded criterion scores differently from an N/A one only in that N/A is an answer', () => {
    const structure = structureForProfile(guide, 'mutual-recognition');
    const answers = { ...allAt(2), 'DES-03': rated(0) };
    const withProfile = scoreAssessment(structure, answers);
    const withNa = scoreAssessment(guide, { ...answers, 'DES-03': notApplicable('No stacking.') });
    expect(withProfile.overall).toBe(withNa.overall);
    expect(scoreAssessment(guide, answers).overall).toBeLessThan(withProfile.overall!);
  });

  it('applies overrides: DES-02 becomes critical with weight 3 under the joint micro-credential profile', () => {
    const structure = structureForProfile(guide, 'joint-micro-credential');
    const des02 = criteriaOf(structure).find((c) => c.id === 'DES-02')!;
    expect(des02).toMatchObject({ weight: 3, critical: true });
    const answers = { ...allAt(4), 'DES-02': rated(2) };
    expect(scoreAssessment(guide, answers).band).toBe('ready');
    const profiled = scoreAssessment(structure, answers);
    expect(profiled.band).toBe('conditional');
    expect(profiled.blockers.map((b) => b.criterionId)).toEqual(['DES-02']);
    // The framework itself is not changed.
    expect(criteriaOf(guide).find((c) => c.id === 'DES-02')).toMatchObject({ weight: 2, critical: false });
  });

  it('drops a dimension whose criteria are all excluded', () => {
    const fw = guide2Fixture('en', { profiles: [...guide.profiles!, { id: 'no-governance', title: 'T', summary: 'S', excluded: ['GOV-01', 'GOV-02'] }] });
    expect(structureForProfile(fw, 'no-governance').dimensions.map((d) => d.id)).toEqual(['LEG', 'DES', 'DAT']);
  });

  it('refuses an unknown profile with a one-line message naming the ones there are', () => {
    expect(() => structureForProfile(guide, 'franchise')).toThrow(UnknownProfileError);
    expect(() => structureForProfile(guide, 'franchise')).toThrow('Unknown profile "franchise": this framework has "mutual-recognition", "joint-micro-credential", "stacking"');
    expect(() => structureForProfile({ dimensions: guide.dimensions, thresholds: guide.thresholds }, 'x')).toThrow('this framework has no cooperation profiles');
  });
});

describe('N/A on a criterion that may not be N/A', () => {
  it('counts as unanswered, so the band is not final and nothing drops out of the score', () => {
    const answers = { ...allAt(4), 'LEG-02': notApplicable('Our agency is not in EQAR.') };
    const score = scoreAssessment(guide, answers);
    expect(score.complete).toBe(false);
    expect(score.criticalMissing).toEqual(['LEG-02']);
    expect(score.criteria.find((c) => c.criterionId === 'LEG-02')).toMatchObject({ status: 'missing', naNotAllowed: true });
    expect(notApplicableRefused(guide, answers)).toEqual(['LEG-02']);
    expect(notApplicableRefused(guide, { ...answers, 'DES-03': notApplicable('x') })).toEqual(['LEG-02']);
  });
});
