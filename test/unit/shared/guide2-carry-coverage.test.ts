import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../shared/assessment/answer';
import { carriedAnswers, carryOverPlan } from '../../../shared/assessment/carry-over';
import { coverageOf, defaultFrameworkFor, profileOf } from '../../../shared/framework/guide2';
import { structureForProfile, UnknownProfileError } from '../../../shared/scoring';
import type { Framework } from '../../../shared/framework/schema';
import { criteriaOf } from '../../../shared/framework/schema';
import { guide2FromV1 } from '../../support/guide2-fixture';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { templatesDir } from '../../support/paths';

const v1 = async () => JSON.parse(await readFile(join(templatesDir, 'frameworks/trustbridge-guide/en.json'), 'utf8')) as Framework;
const v2 = async () => (await guide2FromV1('en')) as unknown as Framework;
const answer = (level: Answer['level'], notApplicable = false): Answer => ({
  level,
  notApplicable,
  naReason: notApplicable ? 'Not offered' : '',
  justification: `level ${String(level)}`,
  evidence: [],
  requestedEvidence: '',
  carriedOver: false,
});
const ref = { id: 'trustbridge-guide', version: '1.0', fingerprint: '0'.repeat(64), language: 'en' as const };

describe('carrying a 1.0 cycle over to 2.0', () => {
  it('carries by the shipped mapping: renamed criteria receive their old answer, merged ones are left behind, new ones start empty', async () => {
    const previous = { framework: ref, answers: { 'LEG-01': answer(3), 'REC-05': answer(2), 'DES-06': answer(4), 'IQA-01': answer(1) } };
    const plan = carryOverPlan({ assessment: previous, framework: await v1() }, { framework: await v2() });
    expect(plan.byMapping).toBe(true);
    const row = (id: string) => plan.rows.find((r) => r.criterionId === id)!;
    expect(row('REC-09')).toMatchObject({ fromCriterionId: 'REC-05', carried: true, previous: { level: 2, notApplicable: false } });
    expect(row('GOV-09')).toMatchObject({ fromCriterionId: null, carried: false, reason: 'new' });
    expect(row('LRN-01')).toMatchObject({ fromCriterionId: 'LRN-01', carried: false, reason: 'unanswered' });
    expect(plan.leftBehind).toEqual(['DES-06']);
    const carried = carriedAnswers(plan, previous.answers);
    expect(Object.keys(carried).sort()).toEqual(['IQA-01', 'LEG-01', 'REC-09']);
    expect(carried['REC-09']).toMatchObject({ level: 2, carriedOver: true, justification: 'level 2' });
  });

  it('does not carry N/A onto a criterion that no longer allows it, and says why', async () => {
    const previous = { framework: ref, answers: { 'LEG-02': answer(null, true), 'LEG-03': answer(null, true) } };
    const plan = carryOverPlan({ assessment: previous, framework: await v1() }, { framework: await v2() });
    expect(plan.rows.find((r) => r.criterionId === 'LEG-02')).toMatchObject({ carried: false, reason: 'na-not-allowed', previous: { level: null, notApplicable: true } });
    expect(plan.rows.find((r) => r.criterionId === 'LEG-03')).toMatchObject({ carried: true });
  });

  it('leaves out what the chosen profile excludes', async () => {
    const previous = { framework: ref, answers: { 'GOV-07': answer(3) } };
    const plan = carryOverPlan({ assessment: previous, framework: await v1() }, { framework: await v2(), profileId: 'mutual-recognition' });
    expect(plan.rows.find((r) => r.criterionId === 'GOV-07')).toMatchObject({ carried: false, reason: 'excluded' });
  });

  it('carries by identifier within one version, as before', async () => {
    const framework = await v1();
    const previous = { framework: ref, answers: { 'DES-06': answer(4) } };
    const plan = carryOverPlan({ assessment: previous, framework }, { framework });
    expect(plan.byMapping).toBe(false);
    expect(plan.rows).toHaveLength(criteriaOf(framework).length);
    expect(plan.rows.find((r) => r.criterionId === 'DES-06')).toMatchObject({ fromCriterionId: 'DES-06', carried: true });
  });
});

describe('coverage of the sources', () => {
  it('lists each source element by group with its covering criteria and what the assessment says', async () => {
    const framework = await v2();
    const groups = coverageOf(framework, { answers: { 'DES-01': answer(2), 'DES-02': answer(4), 'DES-03': answer(null, true) }, profileId: 'mutual-recognition' });
    expect(groups.map((g) => [g.id, g.total])).toEqual([
      ['annexII', 10],
      ['annexI', 11],
      ['esg', 10],
      ['other', 1],
    ]);
    const annexIa = groups[1]!.rows.find((row) => row.element.id === 'annexI-a')!;
    expect(annexIa.criteria.map((c) => c.criterionId)).toEqual(['DES-01', 'DES-02', 'DES-03', 'DES-04', 'DES-05', 'DES-07']);
    expect(annexIa.criteria.find((c) => c.criterionId === 'DES-07')!.excluded).toBe(true);
    expect(annexIa.criteria.find((c) => c.criterionId === 'DES-03')).toMatchObject({ notApplicable: true, level: null });
    expect(annexIa.lowestLevel).toBe(2);
    // Annex I elements (c) to (k) are covered by no criterion of the fixture.
    expect(groups[1]!.covered).toBe(2);
  });

  it('is empty for a framework without a crosswalk (1.0)', async () => {
    expect(coverageOf(await v1())).toEqual([]);
  });
});

describe('the framework under a cooperation profile', () => {
  it('leaves out the excluded criteria and applies the overrides; without a profile it is the framework itself', async () => {
    const framework = await v2();
    const mutual = structureForProfile(framework, 'mutual-recognition');
    const ids = criteriaOf(mutual).map((c) => c.id);
    expect(ids).not.toContain('GOV-07');
    expect(ids).not.toContain('DES-07');
    expect(ids).toHaveLength(criteriaOf(framework).length - 2);
    const joint = criteriaOf(structureForProfile(framework, 'joint-micro-credential')).find((c) => c.id === 'DES-04')!;
    expect([joint.weight, joint.critical]).toEqual([3, true]);
    expect(structureForProfile(framework, undefined)).toBe(framework);
    const v1Framework = await v1();
    expect(structureForProfile(v1Framework, profileOf(v1Framework, 'mutual-recognition')?.id).dimensions).toHaveLength(9);
    expect(() => structureForProfile(v1Framework, 'mutual-recognition')).toThrow(UnknownProfileError);
  });
});

describe('the version a new assessment starts with', () => {
  const item = (version: string, languages: string[], origin = 'built-in', status = 'published') => ({ version, languages, origin, status });
  it('is the newest built-in version, in the officer’s language where one has it', () => {
    const items = [item('1.0', ['en', 'es', 'de']), item('2.0', ['en']), item('9.0', ['en'], 'custom')];
    expect(defaultFrameworkFor(items)?.version).toBe('2.0');
    expect(defaultFrameworkFor(items, 'en')?.version).toBe('2.0');
    expect(defaultFrameworkFor(items, 'es')?.version).toBe('1.0');
    expect(defaultFrameworkFor([item('1.10', ['en']), item('1.9', ['en'])])?.version).toBe('1.10');
  });
});
