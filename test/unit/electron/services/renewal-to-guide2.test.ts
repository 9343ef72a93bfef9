/**
 * A new cycle started from a guide 1.0 assessment in guide 2.0, over a real core whose catalogue
 * holds both versions: the officer previews what carries (nothing stored), then starts, and the
 * stored answers are exactly the previewed ones. The 1.0 assessment is left as it was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { compareAssessments } from '../../../../shared/assessment/compare';
import { criteriaOf } from '../../../../shared/framework/schema';
import { setUpCore, type TestCore } from '../../../support/core';
import { templatesWithGuide2 } from '../../../support/guide2-fixture';

let core: TestCore | undefined;
let templates: Awaited<ReturnType<typeof templatesWithGuide2>> | undefined;
afterEach(async () => {
  await core?.dispose();
  await templates?.remove();
  core = undefined;
  templates = undefined;
});

async function withBothVersions() {
  templates = await templatesWithGuide2();
  const set = await setUpCore({ templatesDir: templates.path });
  core = set.core;
  const builtIns = core.frameworks.list().filter((item) => item.origin === 'built-in');
  const v1 = builtIns.find((item) => item.version === '1.0')!;
  const v2 = builtIns.find((item) => item.version === '2.0')!;
  return { ...set, core: set.core, v1, v2 };
}

describe('starting the next cycle of a 1.0 assessment in 2.0', () => {
  it('previews the carry-over by the shipped mapping without storing anything, then stores exactly that', async () => {
    const { core: c, own, v1, v2 } = await withBothVersions();
    const previous = await c.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey: v1.key, language: 'en', title: 'Self 2024' });
    await c.assessments.saveAnswer(previous.id, 'REC-05', { level: 2, justification: 'Stacking rules adopted in 2023' });
    await c.assessments.saveAnswer(previous.id, 'DES-06', { level: 4 });
    await c.assessments.saveAnswer(previous.id, 'LEG-02', { notApplicable: true, naReason: 'No external review yet' });
    await c.assessments.saveAnswer(previous.id, 'LEG-01', { level: 3 });
    const before = c.assessments.list().length;
    const previousText = JSON.stringify(await c.assessments.get(previous.id));

    const plan = await c.assessments.previewCarryOver({ fromId: previous.id, frameworkKey: v2.key, language: 'en' });
    expect(c.assessments.list()).toHaveLength(before);
    expect(plan.byMapping).toBe(true);
    expect(plan.rows.find((row) => row.criterionId === 'REC-09')).toMatchObject({ fromCriterionId: 'REC-05', carried: true });
    expect(plan.rows.find((row) => row.criterionId === 'LEG-02')).toMatchObject({ carried: false, reason: 'na-not-allowed' });
    expect(plan.leftBehind).toContain('DES-06');

    const next = await c.assessments.startFromPrevious({ fromId: previous.id, frameworkKey: v2.key, language: 'en', title: 'Self 2026' });
    expect(next.framework.version).toBe('2.0');
    expect(Object.keys(next.answers).sort()).toEqual(plan.rows.filter((row) => row.carried).map((row) => row.criterionId).sort());
    expect(next.answers['REC-09']).toMatchObject({ level: 2, carriedOver: true, justification: 'Stacking rules adopted in 2023' });
    expect(next.answers['LEG-02']).toBeUndefined();
    expect(JSON.stringify(await c.assessments.get(previous.id))).toBe(previousText);
  });

  it('compares the 1.0 cycle with the 2.0 one criterion by criterion, following the mapping', async () => {
    const { core: c, own, v1, v2 } = await withBothVersions();
    const previous = await c.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey: v1.key, language: 'en', title: 'Self 2024' });
    await c.assessments.saveAnswer(previous.id, 'REC-05', { level: 2 });
    await c.assessments.saveAnswer(previous.id, 'LEG-01', { level: 2 });
    const next = await c.assessments.startFromPrevious({ fromId: previous.id, frameworkKey: v2.key, language: 'en', title: 'Self 2026' });
    await c.assessments.saveAnswer(next.id, 'REC-09', { level: 3 });
    const a = await c.assessments.get(previous.id);
    const b = await c.assessments.get(next.id);
    const comparison = compareAssessments({ assessment: a, framework: c.assessments.frameworkOf(a) }, { assessment: b, framework: c.assessments.frameworkOf(b) });
    expect(comparison.sameFramework).toBe(false);
    const rec = comparison.rows.find((row) => row.criterionId === 'REC-09')!;
    expect(rec).toMatchObject({ only: null, delta: 1, a: { level: 2, present: true }, b: { level: 3 } });
    expect(comparison.rows.find((row) => row.criterionId === 'LEG-01')).toMatchObject({ delta: 0 });
    expect(comparison.rows.find((row) => row.criterionId === 'GOV-09')).toMatchObject({ only: 'b' });
    expect(comparison.rows.find((row) => row.criterionId === 'DES-06')).toMatchObject({ only: 'a' });
    // Every criterion of both versions appears once: 2.0's, then what only 1.0 had.
    expect(comparison.rows).toHaveLength(criteriaOf(c.assessments.frameworkOf(b)).length + 1);
  });
});

describe('cooperation profiles', () => {
  it('stores the profile an assessment and a partnership name, and refuses a partnership profile no guide has', async () => {
    const { core: c, own, partner, v2 } = await withBothVersions();
    const assessment = await c.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey: v2.key, language: 'en', title: 'Self 2026', profileId: 'mutual-recognition' });
    expect((await c.assessments.get(assessment.id)).profileId).toBe('mutual-recognition');
    const partnership = await c.partnerships.create({ partnerId: partner.id, title: 'With Tampere', profileId: 'stacking' });
    expect((await c.partnerships.get(partnership.id)).profileId).toBe('stacking');
    const before = c.partnerships.list().length;
    await expect(c.partnerships.create({ partnerId: partner.id, title: 'Bad', profileId: 'no-such-profile' })).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'profileId', message: 'guide2.profileUnknown' }],
    });
    expect(c.partnerships.list()).toHaveLength(before);
  });
});
