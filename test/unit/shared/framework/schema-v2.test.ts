/**
 * The framework format 2 (guide 2.0): profiles, the crosswalk, auditor guidance and the stricter
 * decision thresholds — and that format 1 files (the guide 1.0) read exactly as before.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessmentSchema } from '../../../../shared/assessment/schema';
import { frameworkFingerprint } from '../../../../shared/framework/fingerprint';
import { frameworkSchema, type Framework } from '../../../../shared/framework/schema';
import { partnershipSchema } from '../../../../shared/partnership/schema';
import { guide2Fixture } from '../../../support/guide2-factory';
import { templatesDir } from '../../../support/paths';

function messages(value: unknown): string[] {
  const result = frameworkSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const edit = (change: (fw: Framework) => void): Framework => {
  const fw = structuredClone(guide2Fixture());
  change(fw);
  return fw;
};

describe('framework format 2', () => {
  it.each(['en', 'es', 'de'] as const)('the test guide 2 in %s is valid', (language) => {
    expect(messages(guide2Fixture(language))).toEqual([]);
  });

  it('reads a format 2 file back unchanged (no defaults added, so its fingerprint is its content)', () => {
    const fw = guide2Fixture();
    expect(frameworkSchema.parse(JSON.parse(JSON.stringify(fw)))).toEqual(fw);
  });

  it('needs at least three profiles, the source elements, and covers and guidance on every criterion', () => {
    const fw = edit((f) => {
      f.profiles = f.profiles!.slice(0, 2);
      delete f.sourceElements;
      delete f.dimensions[0]!.criteria[0]!.covers;
      delete f.dimensions[0]!.criteria[1]!.auditorGuidance;
    });
    expect(messages(fw)).toEqual(
      expect.arrayContaining([
        'profiles: formatVersion 2 needs at least three cooperation profiles',
        'sourceElements: is required in formatVersion 2: the source elements the criteria cover',
        'dimensions.0.criteria.0.covers: is required in formatVersion 2: list the source elements this criterion covers',
        'dimensions.0.criteria.1.auditorGuidance: is required in formatVersion 2',
      ]),
    );
  });

  it('refuses thresholds that would let a critical criterion at 2 read Ready, or one below 2 read Ready with conditions', () => {
    const fw = edit((f) => {
      f.thresholds = { ...f.thresholds, blockerBelowLevel: 2, conditionalMinCriticalLevel: 1, ready: 80 };
    });
    expect(messages(fw)).toEqual([
      'thresholds.blockerBelowLevel: must be 3 or more in formatVersion 2: Ready needs every critical criterion at level 3 or above',
      'thresholds.conditionalMinCriticalLevel: must be 2 or more in formatVersion 2: a critical criterion below 2 means Not ready',
      'thresholds.ready: must be 75 or less in formatVersion 2, so that level 3 everywhere is Ready',
    ]);
  });

  it('checks every reference: covered elements, excluded and overridden criteria, carried-over criteria, unique ids', () => {
    const fw = edit((f) => {
      f.dimensions[0]!.criteria[0]!.covers = ['annexII-99'];
      f.profiles![0]!.excluded = ['XYZ-01', 'DES-03', 'DES-03'];
      f.profiles![1]!.overrides = { 'ABC-01': { weight: 2 } };
      f.profiles![2]!.overrides = { 'GOV-02': { critical: true } };
      f.profiles![2]!.id = f.profiles![0]!.id;
      f.sourceElements!.push({ ...f.sourceElements![0]! });
      f.carriedFrom![0]!.criteria['NEW-01'] = 'LEG-01';
    });
    expect(messages(fw).sort()).toEqual(
      [
        'dimensions.0.criteria.0.covers.0: annexII-99 is not one of the framework\'s sourceElements',
        'profiles.0.excluded.0: XYZ-01 is not a criterion of this framework',
        'profiles.0.excluded.2: DES-03 is excluded twice',
        'profiles.1.overrides.ABC-01: ABC-01 is not a criterion of this framework',
        'profiles.2.overrides.GOV-02: GOV-02 is excluded by this profile, so it cannot be overridden',
        'profiles.2.id: duplicate profile mutual-recognition',
        'sourceElements.17.id: duplicate source element annexII-01',
        'carriedFrom.0.criteria.NEW-01: NEW-01 is not a criterion of this framework',
      ].sort(),
    );
  });

  it('refuses a profile that leaves no criterion, and badly formed profile and element ids', () => {
    const all = guide2Fixture().dimensions.flatMap((d) => d.criteria.map((c) => c.id));
    const fw = edit((f) => {
      f.profiles![0]!.excluded = all;
      f.profiles![1]!.id = 'Joint';
      f.sourceElements![0]!.id = '1-annex';
    });
    const found = messages(fw);
    expect(found).toContain('profiles.0.excluded: excludes every criterion: a profile must leave at least one');
    expect(found.some((m) => m.startsWith('profiles.1.id: must be 2–41 lower-case letters'))).toBe(true);
    expect(found.some((m) => m.startsWith('sourceElements.0.id: must start with a lower-case letter'))).toBe(true);
  });

  it('knows the AI Act and eIDAS 2 as instruments', () => {
    const fw = edit((f) => {
      f.sourceElements!.push(
        { id: 'ai-act-annex-III-3', group: 'ai-act', title: 'Education', citation: { instrument: 'ai-act', locator: 'Annex III, point 3', celex: '32024R1689', eli: 'http://data.europa.eu/eli/reg/2024/1689/oj' }, verified: true },
        { id: 'eidas-2-wallet', group: 'eidas', title: 'Wallet', citation: { instrument: 'eidas-2', locator: 'Art. 5a' }, verified: false },
      );
    });
    expect(messages(fw)).toEqual([]);
  });
});

describe('framework format 1 (the guide 1.0)', () => {
  it('refuses the members of format 2, so an older TrustBridge never meets them in a file that says format 1', () => {
    const v2 = guide2Fixture();
    const fw = { ...v2, formatVersion: 1, thresholds: { ...v2.thresholds, blockerBelowLevel: 2, conditionalMinCriticalLevel: 1 } };
    const found = messages(fw);
    expect(found).toEqual(
      expect.arrayContaining([
        'profiles: needs "formatVersion": 2',
        'sourceElements: needs "formatVersion": 2',
        'carriedFrom: needs "formatVersion": 2',
        'dimensions.0.criteria.0.allowsNotApplicable: needs "formatVersion": 2',
        'dimensions.0.criteria.0.covers: needs "formatVersion": 2',
        'dimensions.0.criteria.0.auditorGuidance: needs "formatVersion": 2',
      ]),
    );
  });

  it.each(['en', 'es', 'de'])('the built-in guide 1.0 (%s) stays valid, read back byte for byte as the same content', async (language) => {
    const raw = JSON.parse(await readFile(join(templatesDir, 'frameworks/trustbridge-guide', `${language}.json`), 'utf8')) as Framework;
    const parsed = frameworkSchema.parse(raw);
    expect(parsed.formatVersion).toBe(1);
    expect(frameworkFingerprint(parsed)).toBe(frameworkFingerprint(raw));
  });
});

describe('profileId on assessments and partnerships', () => {
  it('is optional: documents stored before it existed stay valid without a migration, and it is kept when set', async () => {
    const { sampleAssessment } = await import('../../../support/exchange-factories');
    const assessment = sampleAssessment();
    expect('profileId' in assessment).toBe(false);
    expect(assessmentSchema.parse(assessment)).toEqual(assessment);
    expect(assessmentSchema.parse({ ...assessment, profileId: 'stacking' }).profileId).toBe('stacking');
    expect(assessmentSchema.safeParse({ ...assessment, profileId: 'Not A Profile' }).success).toBe(false);
    const partnership = {
      schemaVersion: 1, id: 'p1', title: 'With Bologna', institutionA: 'a', institutionB: 'b', assessments: {},
      actions: [], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
    };
    expect(partnershipSchema.parse(partnership)).toEqual(partnership);
    expect(partnershipSchema.parse({ ...partnership, profileId: 'mutual-recognition' }).profileId).toBe('mutual-recognition');
  });
});
