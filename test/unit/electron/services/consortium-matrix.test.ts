/**
 * The consortium matrix counts what the partnership page counts, over the real demo (both data
 * folders and the signed files between them), and says which assessment it leaves out and why —
 * on the model the screen shows and in the workbook, read back.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../../electron/app/core';
import { exportConsortiumWorkbook } from '../../../../electron/export';
import type { DemoResult } from '../../../../electron/demo/demo-data';
import { ScriptedDialogs } from '../../../support/scripted-dialogs';
import { templatesDir } from '../../../support/paths';
import { copyOfDemo } from '../../../support/shared-demo';
import { tempFolder } from '../../../support/temp';

let folder: Awaited<ReturnType<typeof tempFolder>>;
let demo: DemoResult;
let core: Core;

beforeAll(async () => {
  folder = await tempFolder('trustbridge-matrix-');
  ({ demo } = await copyOfDemo({ dataDir: join(folder.path, 'data'), outDir: join(folder.path, 'exchange') }));
  core = await openCore({ dataDir: demo.dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB' });
}, 120_000);

afterAll(async () => {
  await core?.close();
  await folder?.remove();
});

describe('the trust matrix over the demo', () => {
  it('counts every assessment the partnership page counts', async () => {
    const partnership = await core.partnerships.get(demo.partnership);
    const model = await core.consortium.model('en', '2026-11-23');
    const { A, B } = demo.institutions;
    const cell = (assessor: string, subject: string) => model.cells.find((c) => c.assessor === assessor && c.subject === subject);
    const diagonal = (institution: string) => model.selfAssessments.find((c) => c.assessor === institution);

    expect(diagonal(A)?.assessmentId).toBe(partnership.assessments.selfA);
    expect(diagonal(B)?.assessmentId).toBe(partnership.assessments.selfB);
    expect(cell(A, B)?.assessmentId).toBe(partnership.assessments.auditOfB);
    expect(cell(B, A)?.assessmentId).toBe(partnership.assessments.auditOfA);
    expect(model.totals.audits).toBe(2);
    // Each member has a score on every dimension, from the partner's audit of it.
    for (const row of model.dimensions) {
      expect(row.scores[A], row.id).not.toBeNull();
      expect(row.scores[B], row.id).not.toBeNull();
    }
    expect(model.skipped).toEqual([]);
  });

  it('says which assessment it leaves out and why, on screen and in the workbook', async () => {
    // A copy of Tampere's audit not signed with Tampere's key: held, but not Tampere's word.
    await core.store.update(core.assessments.kind, demo.assessments.auditOfA, (held) =>
      held.origin.type === 'exchange' ? { ...held, origin: { ...held.origin, keyFingerprint: '0'.repeat(64) } } : held,
    );
    const model = await core.consortium.model('en', '2026-11-23');
    expect(model.cells.find((c) => c.assessmentId === demo.assessments.auditOfA)).toBeUndefined();
    expect(model.skipped).toEqual([expect.objectContaining({ assessmentId: demo.assessments.auditOfA, reason: 'relayed' })]);

    const out = join(folder.path, 'consortium.xlsx');
    await exportConsortiumWorkbook({ model, templatesDir, language: 'en', outPath: out });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const texts = workbook.worksheets[0]!.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map((value) => String(value)) : []));
    expect(texts).toContain('Assessments not counted');
    expect(texts.some((text) => text.startsWith('“') && text.includes('was passed on by another institution'))).toBe(true);
  });
});
