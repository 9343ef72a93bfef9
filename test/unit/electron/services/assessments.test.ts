import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { frameworkFingerprint } from '../../../../shared/framework/fingerprint';
import { criteriaOf, type Framework } from '../../../../shared/framework/schema';
import { scoreAssessment } from '../../../../shared/scoring/assessment-score';
import { setUpCore, type TestCore } from '../../../support/core';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

/** A clock the test moves forward by hand. */
function manualClock(start = '2026-11-23T09:00:00Z') {
  let time = Date.parse(start);
  return { now: () => new Date(time), advance: (minutes: number) => (time += minutes * 60_000) };
}

async function answerAll(c: TestCore, id: string, framework: Framework, level: 0 | 1 | 2 | 3 | 4 = 3) {
  for (const criterion of criteriaOf(framework)) {
    await c.assessments.saveAnswer(id, criterion.id, { level, justification: `Evidence for ${criterion.id}` });
  }
}

describe('a self-assessment', () => {
  it('pins the exact framework, saves each answer at once and keeps the catalogue score current', async () => {
    const set = await setUpCore();
    core = set.core;
    const assessment = await core.assessments.create({ kind: 'self', subjectId: set.own.id, frameworkKey: set.guide.key, language: 'es', title: 'Autoevaluación 2026' });
    expect(assessment.framework).toMatchObject({ id: 'trustbridge-guide', version: '1.0', language: 'es' });
    expect(assessment.framework.fingerprint).toBe(frameworkFingerprint(await core.frameworks.get(set.guide.key, 'es')));

    await core.assessments.saveAnswer(assessment.id, 'LEG-01', { level: 4 });
    await core.assessments.saveAnswer(assessment.id, 'LEG-02', { level: 1 });
    const summary = core.assessments.summary(assessment.id);
    const framework = core.assessments.frameworkOf(assessment);
    const expected = scoreAssessment(framework, (await core.assessments.get(assessment.id)).answers);
    expect(summary).toMatchObject({ answered: 2, total: 55, overall: expected.overall, band: expected.band, blockers: 1 });
  });

  it('refuses a self-assessment of a partner and an audit of the own institution', async () => {
    const set = await setUpCore();
    core = set.core;
    await expect(core.assessments.create({ kind: 'self', subjectId: set.partner.id, frameworkKey: set.guide.key, language: 'en', title: 'x' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(core.assessments.create({ kind: 'audit', subjectId: set.own.id, frameworkKey: set.guide.key, language: 'en', title: 'x' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('records who changed what, when, from what to what — one entry per field while typing', async () => {
    const clock = manualClock();
    const set = await setUpCore({ now: clock.now });
    core = set.core;
    const { id } = await core.assessments.create({ kind: 'self', subjectId: set.own.id, frameworkKey: set.guide.key, language: 'en', title: 'Self 2026' });
    await core.assessments.saveAnswer(id, 'IQA-01', { level: 2 });
    for (const text of ['P', 'Po', 'Pol', 'Policy adopted 2024']) {
      clock.advance(0.1);
      await core.assessments.saveAnswer(id, 'IQA-01', { justification: text });
    }
    clock.advance(30);
    await core.assessments.saveAnswer(id, 'IQA-01', { level: 3 });
    const { history } = await core.assessments.get(id);
    expect(history.map(({ by, criterionId, field, from, to }) => ({ by, criterionId, field, from, to }))).toEqual([
      { by: 'Jordi Puig', criterionId: 'IQA-01', field: 'level', from: '', to: '2' },
      { by: 'Jordi Puig', criterionId: 'IQA-01', field: 'justification', from: '', to: 'Policy adopted 2024' },
      { by: 'Jordi Puig', criterionId: 'IQA-01', field: 'level', from: '2', to: '3' },
    ]);
    expect(history[2]!.at).toBe('2026-11-23T09:30:24.000Z');
  });

  it('stores evidence files by fingerprint, once, and a link; removing one keeps the other', async () => {
    const set = await setUpCore();
    core = set.core;
    const { id } = await core.assessments.create({ kind: 'self', subjectId: set.own.id, frameworkKey: set.guide.key, language: 'en', title: 'Self 2026' });
    const policy = join(core.dataDir, 'qa-policy.pdf');
    await writeFile(policy, '%PDF-1.7 a quality policy');
    core.dialogs.answerOpen([policy]);
    const added = await core.router.invoke('assessments.addEvidenceFiles', { id, criterionId: 'IQA-01' });
    expect(added.ok).toBe(true);
    await core.router.invoke('assessments.addEvidenceLink', { id, criterionId: 'IQA-01', label: 'Policy online', url: 'https://www.uni-ejemplo.es/calidad' });
    expect(await core.router.invoke('assessments.addEvidenceLink', { id, criterionId: 'IQA-01', label: 'x', url: 'javascript:alert(1)' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    const answer = (await core.assessments.get(id)).answers['IQA-01']!;
    expect(answer.evidence.map((e) => e.kind)).toEqual(['file', 'link']);
    const file = answer.evidence[0]!;
    expect(file).toMatchObject({ fileName: 'qa-policy.pdf', size: 25 });
    expect(file.kind === 'file' && (await core.evidence.verify(file.sha256))).toBe(true);

    await core.router.invoke('assessments.openEvidence', { id, criterionId: 'IQA-01', evidenceId: file.id });
    expect(core.dialogs.openedFiles[0]).toMatch(/qa-policy\.pdf$/);

    await core.assessments.removeEvidence(id, 'IQA-01', file.id);
    expect((await core.assessments.get(id)).answers['IQA-01']!.evidence.map((e) => e.kind)).toEqual(['link']);
  });

  it('completes only when every criterion is answered, then locks; reopening makes a new revision', async () => {
    const set = await setUpCore();
    core = set.core;
    const { id } = await core.assessments.create({ kind: 'self', subjectId: set.own.id, frameworkKey: set.guide.key, language: 'en', title: 'Self 2026' });
    const framework = core.assessments.frameworkOf(await core.assessments.get(id));
    await core.assessments.saveAnswer(id, 'LEG-01', { level: 3 });
    await expect(core.assessments.complete(id)).rejects.toMatchObject({ code: 'VALIDATION' });
    await answerAll(core, id, framework);
    // A critical criterion marked not applicable needs its reason before completion.
    await core.assessments.saveAnswer(id, 'DAT-01', { notApplicable: true, naReason: '' });
    await expect(core.assessments.complete(id)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('DAT-01') });
    await core.assessments.saveAnswer(id, 'DAT-01', { naReason: 'No learner data is exchanged in this partnership' });

    const completed = await core.assessments.complete(id);
    expect(completed).toMatchObject({ status: 'complete', completed: { by: 'Jordi Puig', role: 'Quality officer' } });
    await expect(core.assessments.saveAnswer(id, 'LEG-01', { level: 4 })).rejects.toMatchObject({ code: 'LOCKED' });

    const revision = await core.assessments.reopen(id);
    expect(revision).toMatchObject({ status: 'draft', revision: 2, previousRevisionId: id, seriesId: id });
    expect(revision.answers).toEqual(completed.answers);
    await core.assessments.saveAnswer(revision.id, 'LEG-01', { level: 4 });
    expect((await core.assessments.get(id)).answers['LEG-01']!.level).toBe(3);
    expect(core.assessments.revisions(id).map((s) => [s.revision, s.status])).toEqual([
      [1, 'complete'],
      [2, 'draft'],
    ]);
    await expect(core.assessments.reopen(id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('starts from the previous cycle with every carried answer marked until confirmed or changed', async () => {
    const set = await setUpCore();
    core = set.core;
    const previous = await core.assessments.create({ kind: 'self', subjectId: set.own.id, frameworkKey: set.guide.key, language: 'en', title: 'Self 2024' });
    await core.assessments.saveAnswer(previous.id, 'LEG-01', { level: 3, justification: 'Accredited by decree' });
    await core.assessments.saveAnswer(previous.id, 'LEG-02', { level: 2 });
    const next = await core.assessments.startFromPrevious({ fromId: previous.id, title: 'Self 2026' });
    expect(next.carriedFrom).toEqual({ assessmentId: previous.id, title: 'Self 2024' });
    expect(Object.entries(next.answers).map(([c, a]) => [c, a.level, a.carriedOver])).toEqual([
      ['LEG-01', 3, true],
      ['LEG-02', 2, true],
    ]);
    expect(core.assessments.summary(next.id)).toMatchObject({ carriedOver: 2, carriedFromId: previous.id });
    await core.assessments.saveAnswer(next.id, 'LEG-01', { confirmCarriedOver: true });
    await core.assessments.saveAnswer(next.id, 'LEG-02', { level: 3 });
    const after = await core.assessments.get(next.id);
    expect([after.answers['LEG-01']!.carriedOver, after.answers['LEG-02']!.carriedOver]).toEqual([false, false]);
    expect(after.answers['LEG-01']!.justification).toBe('Accredited by decree');
  });
});

describe('validity', () => {
  it('keeps in the catalogue the last valid day of a completed assessment, from the framework’s months', async () => {
    const clock = manualClock('2026-01-31T10:00:00Z');
    const set = await setUpCore({ now: clock.now });
    core = set.core;
    const assessment = await core.assessments.create({ kind: 'self', subjectId: set.own.id, frameworkKey: set.guide.key, language: 'en', title: 'Self 2026' });
    const framework = core.assessments.frameworkOf(assessment);
    await answerAll(core, assessment.id, framework);
    expect(core.assessments.summary(assessment.id).validUntil).toBeUndefined();
    await core.assessments.complete(assessment.id);
    // The guide: valid for 24 months, from 31 January 2026 to 31 January 2028.
    expect(framework.validityMonths).toBe(24);
    expect(core.assessments.summary(assessment.id)).toMatchObject({ completedAt: '2026-01-31T10:00:00.000Z', validUntil: '2028-01-31' });
  });
});

describe('partnerships', () => {
  it('joins two institutions, finds their assessments, records a decision and an action plan', async () => {
    const set = await setUpCore();
    core = set.core;
    const selfA = await core.assessments.create({ kind: 'self', subjectId: set.own.id, frameworkKey: set.guide.key, language: 'en', title: 'Self' });
    const auditOfB = await core.assessments.create({ kind: 'audit', subjectId: set.partner.id, frameworkKey: set.guide.key, language: 'en', title: 'Audit' });
    const partnership = await core.partnerships.create({ partnerId: set.partner.id, title: 'Joint micro-credentials in data literacy' });
    expect(partnership.assessments).toEqual({ selfA: selfA.id, auditOfB: auditOfB.id });

    await expect(core.partnerships.link(partnership.id, 'selfB', selfA.id)).rejects.toMatchObject({ code: 'VALIDATION' });
    await core.partnerships.link(partnership.id, 'auditOfB', null);
    expect((await core.partnerships.get(partnership.id)).assessments).toEqual({ selfA: selfA.id });

    await expect(core.partnerships.decide(partnership.id, { outcome: 'conditional', rationale: '  ' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await core.partnerships.decide(partnership.id, { outcome: 'conditional', rationale: 'Strong QA; the agreement must cover data protection.' });
    await core.partnerships.saveAction(partnership.id, {
      title: 'Sign a joint-controller arrangement',
      criterionId: 'DAT-01',
      side: 'B',
      owner: 'Data protection officer',
      dueDate: '2026-10-01',
      status: 'open',
      isCondition: true,
      notes: '',
    });
    const stored = await core.partnerships.get(partnership.id);
    expect(stored.decision).toMatchObject({ outcome: 'conditional', decidedBy: 'Jordi Puig' });
    expect(stored.actions).toHaveLength(1);
    const summary = core.partnerships.list()[0]!;
    expect(summary.decision?.outcome).toBe('conditional');
    expect(summary.actions).toEqual([{ status: 'open', dueDate: '2026-10-01', isCondition: true }]);
  });
});
