/**
 * The assessment service with a format 2 framework: an assessment names its cooperation profile
 * and is scored under it, and an N/A the guide forbids is refused where the answer is saved.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { criteriaOf } from '../../../../shared/framework/schema';
import { setUpCore, type TestCore } from '../../../support/core';
import { guide2Fixture } from '../../../support/guide2-factory';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

async function withGuide2() {
  const set = await setUpCore();
  core = set.core;
  const item = await core.frameworks.storeImported(guide2Fixture());
  return { ...set, core: set.core, key: item.key };
}

describe('an assessment under a cooperation profile', () => {
  it('stores the profile and is scored without the criteria the profile excludes', async () => {
    const { core: c, own, key } = await withGuide2();
    const assessment = await c.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey: key, language: 'en', title: 'Stacking 2026', profileId: 'stacking' });
    expect(assessment.profileId).toBe('stacking');
    expect((await c.assessments.get(assessment.id)).profileId).toBe('stacking');
    expect(c.assessments.summary(assessment.id)).toMatchObject({ answered: 0, total: 9 });

    for (const criterion of criteriaOf(guide2Fixture()).filter((cr) => cr.id !== 'GOV-02')) {
      await c.assessments.saveAnswer(assessment.id, criterion.id, { level: 3 });
    }
    expect(c.assessments.summary(assessment.id)).toMatchObject({ answered: 9, total: 9, band: 'ready' });
    // GOV-02 is not part of the assessment under this profile: it can be completed without it.
    expect((await c.assessments.complete(assessment.id)).status).toBe('complete');
  });

  it('without a profile, every criterion is part of the assessment', async () => {
    const { core: c, own, key } = await withGuide2();
    const assessment = await c.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey: key, language: 'en', title: 'All criteria' });
    expect('profileId' in assessment).toBe(false);
    expect(c.assessments.summary(assessment.id)).toMatchObject({ total: 10 });
  });

  it('is chosen through the app’s request channel too, which refuses a malformed profile id', async () => {
    const { core: c, own, key } = await withGuide2();
    const request = { kind: 'self', subjectId: own.id, frameworkKey: key, language: 'en', title: 'Joint 2027' };
    const created = await c.router.invoke('assessments.create', { ...request, profileId: 'joint-micro-credential' });
    expect(created).toMatchObject({ ok: true, value: { profileId: 'joint-micro-credential' } });
    expect(await c.router.invoke('assessments.create', { ...request, profileId: 'Joint Micro' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('refuses a profile the framework does not have, and stores nothing', async () => {
    const { core: c, own, key } = await withGuide2();
    const before = c.assessments.list().length;
    const attempt = c.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey: key, language: 'en', title: 'X', profileId: 'franchise' });
    await expect(attempt).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Unknown profile "franchise"') });
    expect(c.assessments.list()).toHaveLength(before);
  });
});

describe('N/A on a criterion that may not be N/A', () => {
  it('is refused when saved, with the criterion named, and the stored answer is unchanged', async () => {
    const { core: c, own, key } = await withGuide2();
    const assessment = await c.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey: key, language: 'en', title: 'Legal' });
    await c.assessments.saveAnswer(assessment.id, 'LEG-02', { level: 2, justification: 'Review by a national agency.' });

    const error = await c.assessments.saveAnswer(assessment.id, 'LEG-02', { notApplicable: true, naReason: 'Not in EQAR.' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'VALIDATION',
      message: 'LEG-02 may not be marked not applicable: it applies to every partnership. Give it a level from 0 to 4.',
      issues: [{ path: 'notApplicable', message: 'validation.notApplicableNotAllowed', params: { criterionId: 'LEG-02' } }],
    });
    const stored = await c.assessments.get(assessment.id);
    expect(stored.answers['LEG-02']).toMatchObject({ level: 2, notApplicable: false, naReason: '', justification: 'Review by a national agency.' });
  });

  it('is accepted, as before, on a criterion that allows it', async () => {
    const { core: c, own, key } = await withGuide2();
    const assessment = await c.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey: key, language: 'en', title: 'Design' });
    const saved = await c.assessments.saveAnswer(assessment.id, 'DES-03', { notApplicable: true, naReason: 'We do not stack.' });
    expect(saved.answers['DES-03']).toMatchObject({ notApplicable: true });
  });
});
