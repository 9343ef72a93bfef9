/**
 * Team assessment through the real IPC router over real data folders: a coordinator and two
 * colleagues, each with their own TrustBridge, key and folder; signed requests and contributions
 * going back and forth as files; consolidation into the assessment's answers.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName, RequestOf, ResponseOf } from '../../../../shared/ipc/contract';
import type { AppErrorData } from '../../../../shared/errors';
import { testCore, testPassphrase, type TestCore } from '../../../support/core';
import { sampleProfile } from '../../../support/factories';
import { tempFolder } from '../../../support/temp';

let files: Awaited<ReturnType<typeof tempFolder>>;
let coordinator: TestCore;
let ana: TestCore;
let ben: TestCore;

const universidad = () => sampleProfile({ legalName: 'Universidad de Ejemplo', country: 'ES', city: 'Valencia', erasmusCode: 'E  VALENCI99' });

async function call<C extends ChannelName>(core: TestCore, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await core.router.invoke(channel, request);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { data: result.error });
  return result.value as ResponseOf<C>;
}

async function refusal<C extends ChannelName>(core: TestCore, channel: C, request: RequestOf<C>): Promise<AppErrorData> {
  const result = await core.router.invoke(channel, request);
  if (result.ok) throw new Error(`${channel} was expected to fail`);
  return result.error;
}

async function person(core: TestCore, name: string): Promise<void> {
  await core.institutions.saveOwn(universidad());
  await core.store.updateSettings({ userName: name, userRole: 'Programme leader', setupCompleted: true });
  await core.identity.createKey(testPassphrase);
}

/** Every file of a data folder with its SHA-256: to prove a refused import changed nothing. */
async function fingerprintFolder(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if ((await stat(path)).isFile()) result[relative(dir, path)] = createHash('sha256').update(await readFile(path)).digest('hex');
    }
  };
  await walk(dir);
  return result;
}

async function selfAssessment(): Promise<string> {
  const own = coordinator.institutions.ownId()!;
  const guide = coordinator.frameworks.list().find((item) => item.origin === 'built-in' && item.language === 'en')!;
  const assessment = await call(coordinator, 'assessments.create', { kind: 'self', subjectId: own, frameworkKey: guide.key, language: 'en', title: 'QA self-assessment 2026' });
  return assessment.id;
}

/** The coordinator exports a signed request; the colleague opens it, rates, and exports the signed answer. */
async function roundTrip(colleague: TestCore, assessmentId: string, contributorId: string, ratings: Record<string, 0 | 1 | 2 | 3 | 4 | 'na'>, name: string): Promise<string> {
  const requestPath = join(files.path, `${name}-request.trustbridge`);
  coordinator.dialogs.answerSave(requestPath);
  await call(coordinator, 'team.exportRequest', { id: assessmentId, contributorId, format: 'trustbridge', language: 'en' });
  const opened = (await call(colleague, 'team.openRequest', { path: requestPath }))!;
  for (const [criterionId, value] of Object.entries(ratings)) {
    await call(colleague, 'team.rate', { requestId: opened.requestId, criterionId, value, justification: `${name} says ${value} for ${criterionId}`, evidence: [{ label: 'Policy', url: 'https://example.org/policy' }] });
  }
  const contributionPath = join(files.path, `${name}-contribution.trustbridge`);
  colleague.dialogs.answerSave(contributionPath);
  await call(colleague, 'team.exportContribution', { requestId: opened.requestId });
  return contributionPath;
}

// Three data folders with a signing key each (a passphrase-protected key is slow to make): made
// once; every test works on assessments of its own.
beforeAll(async () => {
  files = await tempFolder('trustbridge-team-');
  coordinator = await testCore();
  ana = await testCore();
  ben = await testCore();
  await person(coordinator, 'Carmen Coordinadora');
  await person(ana, 'Ana Registrar');
  await person(ben, 'Ben Datenschutz');
}, 240_000);

afterAll(async () => {
  await Promise.all([coordinator.dispose(), ana.dispose(), ben.dispose()]);
  await files.remove();
});

describe('team assessment', () => {
  it('reads an assessment without team data as an empty team', async () => {
    const id = await selfAssessment();
    const view = await call(coordinator, 'team.view', { id });
    expect(view.contributors).toEqual([]);
    expect(view.raters).toBe(0);
    expect(view.agreement.overall).toEqual({ alpha: null, pairable: 0, units: 0, reading: 'too-little' });
    expect(view.criteria.every((criterion) => criterion.state === 'unrated')).toBe(true);
    expect((await coordinator.assessments.get(id)).team).toBeUndefined();
  });

  it('two colleagues rate the same dimension from their own copies; the coordinator sees the spread and alpha and consolidates with history', async () => {
    const id = await selfAssessment();
    let view = await call(coordinator, 'team.addContributor', { id, contributor: { name: 'Ana Registrar', role: 'Registrar', email: 'ana@example.es' } });
    view = await call(coordinator, 'team.addContributor', { id, contributor: { name: 'Ben Datenschutz', role: 'Data protection officer', email: 'ben@example.es' } });
    const [anaId, benId] = view.contributors.map((contributor) => contributor.id) as [string, string];
    const dimension = view.dimensions[0]!;
    const [c1, c2, c3] = dimension.criteria.map((criterion) => criterion.id) as [string, string, string];
    await call(coordinator, 'team.assign', { id, contributorId: anaId, assignment: { dimensions: [dimension.id], criteria: [] } });
    view = await call(coordinator, 'team.assign', { id, contributorId: benId, assignment: { dimensions: [], criteria: [c1, c2, c3] } });
    expect(view.criteria.find((criterion) => criterion.criterionId === c1)!.assignedTo).toEqual([anaId, benId]);

    const fromAna = await roundTrip(ana, id, anaId, { [c1]: 3, [c2]: 1, [c3]: 2 }, 'ana');
    const fromBen = await roundTrip(ben, id, benId, { [c1]: 3, [c2]: 4, [c3]: 'na' }, 'ben');

    const preview = (await call(coordinator, 'team.previewContribution', { id, path: fromAna }))!;
    expect(preview).toMatchObject({ kind: 'signed', contributor: { name: 'Ana Registrar' }, canApply: true, counts: { rated: 3, notApplicable: 0 } });
    expect(preview.signer).toMatchObject({ name: 'Ana Registrar', firstUse: true });
    // A preview stores nothing.
    expect((await coordinator.assessments.get(id)).team!.ratings).toEqual([]);
    await call(coordinator, 'team.applyContribution', { token: preview.token });
    const second = (await call(coordinator, 'team.previewContribution', { id, path: fromBen }))!;
    view = await call(coordinator, 'team.applyContribution', { token: second.token });

    const row = (criterionId: string) => view.criteria.find((criterion) => criterion.criterionId === criterionId)!;
    expect(row(c1)).toMatchObject({ state: 'agreed', spread: 0, flagged: false, proposal: 3 });
    expect(row(c2)).toMatchObject({ state: 'conflict', spread: 3, flagged: true, proposal: null });
    // One level and one N/A: a disagreement to settle, though no spread can be measured.
    expect(row(c3)).toMatchObject({ state: 'conflict', spread: null, flagged: false });
    expect(row(c2).ratings.map((rating) => [rating.name, rating.value, rating.justification])).toEqual([
      ['Ana Registrar', 1, `ana says 1 for ${c2}`],
      ['Ben Datenschutz', 4, `ben says 4 for ${c2}`],
    ]);
    expect(view.raters).toBe(2);
    // Units: c1 {3,3}, c2 {1,4}; c3 has one level (N/A left out). Values 1,3,3,4: n = 4.
    expect(view.agreement.overall.pairable).toBe(4);
    expect(view.agreement.overall.units).toBe(2);
    expect(view.agreement.overall.alpha).not.toBeNull();
    expect(view.agreement.overall.alpha!).toBeLessThan(0.667);
    expect(view.agreement.overall.reading).toBe('unreliable');
    expect(view.agreement.byDimension[dimension.id]).toEqual(view.agreement.overall);

    // Disagreement needs a reason; with it, the answer is written and the history says who decided.
    const noReason = await refusal(coordinator, 'team.consolidate', { id, criterionId: c2, value: 2, reason: '', fromRatingIds: row(c2).ratings.map((rating) => rating.ratingId) });
    expect(noReason.code).toBe('VALIDATION');
    view = await call(coordinator, 'team.consolidate', {
      id,
      criterionId: c2,
      value: 2,
      reason: 'Policy exists, practice uneven across faculties',
      fromRatingIds: row(c2).ratings.map((rating) => rating.ratingId),
    });
    expect(row(c2)).toMatchObject({ state: 'consolidated', consolidation: { value: 2, decidedBy: 'Carmen Coordinadora' }, answer: { level: 2 } });
    const stored = await coordinator.assessments.get(id);
    expect(stored.answers[c2]).toMatchObject({ level: 2, notApplicable: false });
    expect(stored.answers[c2]!.justification).toContain('Ana Registrar: ana says 1');
    expect(stored.history.some((entry) => entry.criterionId === c2 && entry.field === 'level' && entry.to === '2' && entry.by === 'Carmen Coordinadora')).toBe(true);
    const actions = stored.team!.history.map((entry) => entry.action);
    expect(actions).toEqual(['contributor-added', 'contributor-added', 'assigned', 'assigned', 'request-exported', 'request-exported', 'contribution-applied', 'contribution-applied', 'consolidated']);
    expect(stored.team!.history.at(-1)!.detail).toContain('Ana Registrar 1, Ben Datenschutz 4');

    // A newer contribution from Ana replaces her earlier rating without deleting it.
    const again = await roundTrip(ana, id, anaId, { [c2]: 2 }, 'ana-again');
    const third = (await call(coordinator, 'team.previewContribution', { id, path: again }))!;
    expect(third.ratings).toEqual([expect.objectContaining({ criterionId: c2, value: 2, previous: 1 })]);
    view = await call(coordinator, 'team.applyContribution', { token: third.token });
    expect(row(c2)).toMatchObject({ newerThanConsolidation: true, state: 'conflict' });
    const team = (await coordinator.assessments.get(id)).team!;
    expect(team.ratings.filter((rating) => rating.criterionId === c2 && rating.contributorId === anaId)).toHaveLength(2);
    // Deciding from the old ratings is refused: they changed meanwhile.
    const stale = await refusal(coordinator, 'team.consolidate', { id, criterionId: c2, value: 2, reason: 'x', fromRatingIds: [] });
    expect(stale).toMatchObject({ code: 'CONFLICT', params: { reason: 'team-ratings-changed' } });

    // A colleague who rated is kept on record when removed.
    view = await call(coordinator, 'team.removeContributor', { id, contributorId: benId });
    expect(view.contributors.find((contributor) => contributor.id === benId)!.removedAt).toBeDefined();
  });

  it('takes over every undisputed proposal in one request, or none of them when one is refused', async () => {
    const id = await selfAssessment();
    let view = await call(coordinator, 'team.addContributor', { id, contributor: { name: 'Ana Registrar', role: 'Registrar', email: '' } });
    const anaId = view.contributors[0]!.id;
    const dimension = view.dimensions[0]!;
    const ids = dimension.criteria.map((criterion) => criterion.id).slice(0, 4);
    await call(coordinator, 'team.assign', { id, contributorId: anaId, assignment: { dimensions: [dimension.id], criteria: [] } });
    const levels = [3, 2, 4, 1] as const;
    const fromAna = await roundTrip(ana, id, anaId, Object.fromEntries(ids.map((criterionId, index) => [criterionId, levels[index]!])), 'ana-all');
    const preview = (await call(coordinator, 'team.previewContribution', { id, path: fromAna }))!;
    view = await call(coordinator, 'team.applyContribution', { token: preview.token });
    const proposals = view.criteria
      .filter((criterion) => ids.includes(criterion.criterionId))
      .map((criterion) => ({ criterionId: criterion.criterionId, value: criterion.proposal!, reason: '', fromRatingIds: criterion.ratings.map((rating) => rating.ratingId) }));
    expect(proposals.map((proposal) => proposal.value)).toEqual([...levels]);

    // One decision that needs a reason and has none: the whole request is refused, no file changes.
    const before = await fingerprintFolder(coordinator.dataDir);
    const withoutReason = await refusal(coordinator, 'team.consolidateAll', { id, decisions: [...proposals.slice(0, 3), { ...proposals[3]!, value: 0 }] });
    expect(withoutReason.code).toBe('VALIDATION');
    const twice = await refusal(coordinator, 'team.consolidateAll', { id, decisions: [proposals[0]!, proposals[0]!] });
    expect(twice).toMatchObject({ code: 'VALIDATION', params: { criterionId: ids[0] } });
    expect(await fingerprintFolder(coordinator.dataDir)).toEqual(before);
    expect((await coordinator.assessments.get(id)).team!.consolidations).toEqual({});

    view = await call(coordinator, 'team.consolidateAll', { id, decisions: proposals });
    expect(view.criteria.filter((criterion) => ids.includes(criterion.criterionId)).map((criterion) => [criterion.state, criterion.answer?.level])).toEqual(
      levels.map((level) => ['consolidated', level]),
    );
    const stored = await coordinator.assessments.get(id);
    expect(ids.map((criterionId) => stored.answers[criterionId]!.level)).toEqual([...levels]);
    // Each answer's change is in the assessment's history, and each decision in the team's record.
    for (const criterionId of ids) expect(stored.history.filter((entry) => entry.criterionId === criterionId && entry.field === 'level')).toHaveLength(1);
    expect(stored.team!.history.filter((entry) => entry.action === 'consolidated').map((entry) => entry.criterionId)).toEqual(ids);
  });

  describe('hostile contribution files are refused and nothing is stored', () => {
    let id: string;
    let anaId: string;
    let criteria: string[];

    beforeEach(async () => {
      id = await selfAssessment();
      const view = await call(coordinator, 'team.addContributor', { id, contributor: { name: 'Ana Registrar', role: 'Registrar', email: '' } });
      anaId = view.contributors[0]!.id;
      criteria = view.dimensions[0]!.criteria.map((criterion) => criterion.id);
      await call(coordinator, 'team.assign', { id, contributorId: anaId, assignment: { dimensions: [], criteria: criteria.slice(0, 2) } });
    });

    async function refusedWithNothingStored(path: string): Promise<AppErrorData> {
      // The catalogue is written a moment after each change: settle it first, so only the refusal is compared.
      await coordinator.store.flush();
      const before = await fingerprintFolder(coordinator.dataDir);
      const error = await refusal(coordinator, 'team.previewContribution', { id, path });
      await coordinator.store.flush();
      expect(await fingerprintFolder(coordinator.dataDir)).toEqual(before);
      return error;
    }

    it('a contribution changed after signing', async () => {
      const path = await roundTrip(ana, id, anaId, { [criteria[0]!]: 3 }, 'ana');
      const text = await readFile(path, 'utf8');
      await writeFile(path, text.replace('ana says 3', 'ana says 4'));
      expect((await refusedWithNothingStored(path)).code).toBe('SIGNATURE_INVALID');
    });

    it('a contribution for another assessment', async () => {
      const other = await selfAssessment();
      const view = await call(coordinator, 'team.addContributor', { id: other, contributor: { name: 'Ana Registrar', role: 'Registrar', email: '' } });
      await call(coordinator, 'team.assign', { id: other, contributorId: view.contributors[0]!.id, assignment: { dimensions: [], criteria: criteria.slice(0, 1) } });
      const path = await roundTrip(ana, other, view.contributors[0]!.id, { [criteria[0]!]: 3 }, 'ana-other');
      expect(await refusedWithNothingStored(path)).toMatchObject({ code: 'VALIDATION', params: { reason: 'team-wrong-assessment' } });
    });

    it('ratings of criteria not assigned to the colleague', async () => {
      const path = await roundTrip(ana, id, anaId, { [criteria[0]!]: 3 }, 'ana');
      // The coordinator narrows the assignment after the request went out.
      await call(coordinator, 'team.assign', { id, contributorId: anaId, assignment: { dimensions: [], criteria: [criteria[1]!] } });
      const preview = (await call(coordinator, 'team.previewContribution', { id, path }))!;
      expect(preview.canApply).toBe(false);
      expect(preview.problems).toEqual([expect.objectContaining({ criterionId: criteria[0], severity: 'error', code: 'notAssigned' })]);
      await coordinator.store.flush();
      const before = await fingerprintFolder(coordinator.dataDir);
      expect((await refusal(coordinator, 'team.applyContribution', { token: preview.token })).code).toBe('VALIDATION');
      await coordinator.store.flush();
      expect(await fingerprintFolder(coordinator.dataDir)).toEqual(before);
    });

    it('an oversized file', async () => {
      const path = join(files.path, 'huge.trustbridge');
      await writeFile(path, Buffer.alloc(5 * 1024 * 1024, 0x20));
      expect((await refusedWithNothingStored(path)).code).toBe('FILE_TOO_LARGE');
    });

    it('a damaged workbook', async () => {
      const path = join(files.path, 'damaged.xlsx');
      await writeFile(path, Buffer.from('PK\u0003\u0004 not really a workbook'));
      coordinator.dialogs.answerOpen([path]);
      await coordinator.store.flush();
      const before = await fingerprintFolder(coordinator.dataDir);
      const error = await refusal(coordinator, 'team.previewContribution', { id });
      await coordinator.store.flush();
      expect(error.code).toBe('INVALID_FILE');
      expect(await fingerprintFolder(coordinator.dataDir)).toEqual(before);
    });

    it('the request itself, and a contribution from someone not on the team', async () => {
      const requestPath = join(files.path, 'request.trustbridge');
      coordinator.dialogs.answerSave(requestPath);
      await call(coordinator, 'team.exportRequest', { id, contributorId: anaId, format: 'trustbridge', language: 'en' });
      expect(await refusedWithNothingStored(requestPath)).toMatchObject({ code: 'INVALID_FILE', params: { reason: 'team-request-not-contribution' } });

      const path = await roundTrip(ana, id, anaId, { [criteria[0]!]: 3 }, 'ana');
      await call(coordinator, 'team.removeContributor', { id, contributorId: anaId });
      expect(await refusedWithNothingStored(path)).toMatchObject({ code: 'VALIDATION', params: { reason: 'team-unknown-contributor' } });
    });

    it('a contribution signed by another key than the colleague’s first one', async () => {
      const first = await roundTrip(ana, id, anaId, { [criteria[0]!]: 3 }, 'ana');
      const preview = (await call(coordinator, 'team.previewContribution', { id, path: first }))!;
      await call(coordinator, 'team.applyContribution', { token: preview.token });
      // Ben answers Ana's next request with his own key.
      const second = await roundTrip(ben, id, anaId, { [criteria[1]!]: 2 }, 'ben-as-ana');
      expect(await refusedWithNothingStored(second)).toMatchObject({ code: 'KEY_CHANGED', params: { reason: 'team-key-changed' } });
    });
  });

  it('a colleague without TrustBridge answers in the Excel questionnaire limited to their criteria', async () => {
    const id = await selfAssessment();
    let view = await call(coordinator, 'team.addContributor', { id, contributor: { name: 'Dora Dekanat', role: 'Dean', email: 'dora@example.es' } });
    const doraId = view.contributors[0]!.id;
    const criteria = view.dimensions[1]!.criteria.map((criterion) => criterion.id).slice(0, 3);
    await call(coordinator, 'team.assign', { id, contributorId: doraId, assignment: { dimensions: [], criteria } });
    const path = join(files.path, 'dora.xlsx');
    coordinator.dialogs.answerSave(path);
    await call(coordinator, 'team.exportRequest', { id, contributorId: doraId, format: 'workbook', language: 'es' });

    // Dora fills it in with a spreadsheet program (here: ExcelJS).
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet('Questionnaire')!;
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2)).filter((row) => String(row.getCell(1).value ?? '').trim());
    expect(rows.map((row) => String(row.getCell(1).value))).toEqual(criteria);
    rows[0]!.getCell(13).value = '3';
    rows[0]!.getCell(16).value = 'Reglamento aprobado en 2024';
    rows[1]!.getCell(13).value = '1';
    await workbook.xlsx.writeFile(path);

    coordinator.dialogs.answerOpen([path]);
    const preview = (await call(coordinator, 'team.previewContribution', { id }))!;
    expect(preview).toMatchObject({ kind: 'workbook', signer: null, canApply: true, counts: { rated: 2, unanswered: 1 } });
    expect(preview.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    view = await call(coordinator, 'team.applyContribution', { token: preview.token });
    const rated = view.criteria.filter((criterion) => criterion.ratings.length > 0);
    expect(rated.map((criterion) => [criterion.criterionId, criterion.ratings[0]!.value, criterion.ratings[0]!.source.type])).toEqual([
      [criteria[0], 3, 'workbook'],
      [criteria[1], 1, 'workbook'],
    ]);
    expect(rated[0]!.ratings[0]!.justification).toBe('Reglamento aprobado en 2024');
  });

  it('refuses team changes once the assessment is completed', async () => {
    const id = await selfAssessment();
    const assessment = await coordinator.assessments.get(id);
    await coordinator.store.update(coordinator.assessments.kind, id, () => ({ ...assessment, status: 'complete' as const }));
    const error = await refusal(coordinator, 'team.addContributor', { id, contributor: { name: 'Late Colleague', role: '', email: '' } });
    expect(error.code).toBe('LOCKED');
  });

  it('leaves team data out of an assessment sent to a partner', async () => {
    const id = await selfAssessment();
    await call(coordinator, 'team.addContributor', { id, contributor: { name: 'Ana Registrar', role: 'Registrar', email: 'ana@example.es' } });
    const bytes = await coordinator.exchange.exportItems({ assessmentIds: [id] });
    const text = Buffer.from(bytes).toString('utf8');
    expect(text).toContain('QA self-assessment 2026');
    expect(text).not.toContain('ana@example.es');
  });
});
