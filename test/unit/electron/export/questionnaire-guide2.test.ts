/**
 * A partner questionnaire for a format 2 framework: "not applicable" on a criterion that may never
 * be N/A is an error that names the row and the criterion, and the questionnaire cannot be stored.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../../electron/app/core';
import { exportQuestionnaire } from '../../../../electron/export';
import { acceptQuestionnaire, previewQuestionnaire } from '../../../../electron/import/questionnaire';
import { columns, sheetNames } from '../../../../electron/export/xlsx/questionnaire-layout';
import { sampleProfile } from '../../../support/factories';
import { guide2Fixture } from '../../../support/guide2-factory';
import { templatesDir } from '../../../support/paths';
import { ScriptedDialogs } from '../../../support/scripted-dialogs';
import { tempFolder } from '../../../support/temp';

const now = () => new Date('2026-11-23T09:00:00.000Z');
let folder: Awaited<ReturnType<typeof tempFolder>>;
let core: Core;

beforeEach(async () => {
  folder = await tempFolder('trustbridge-questionnaire-2-');
  core = await openCore({ dataDir: join(folder.path, 'data'), templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB', now });
});

afterEach(async () => {
  await core.close();
  await folder.remove();
});

/** A questionnaire for the test guide 2 answered at 3 everywhere, with `na` marked N/A. */
async function answered(na: string[]): Promise<string> {
  await core.institutions.saveOwn(sampleProfile());
  const partner = await core.institutions.createPartner(sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: '' }));
  const frameworkKey = (await core.frameworks.storeImported(guide2Fixture())).key;
  const path = join(folder.path, 'questionnaire.xlsx');
  await exportQuestionnaire({ core, templatesDir, language: 'en', institutionId: partner.id, frameworkKey, outPath: path, now });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(sheetNames.questionnaire)!;
  sheet.eachRow((row, r) => {
    const id = String(row.getCell(columns.key).value ?? '');
    if (r === 1 || !/^[A-Z]{2,4}-\d{2}$/.test(id)) return;
    if (na.includes(id)) {
      row.getCell(columns.notApplicable).value = 'yes';
      row.getCell(columns.naReason).value = 'Our agency is not in EQAR.';
    } else row.getCell(columns.level).value = 3;
  });
  await writeFile(path, Buffer.from(await workbook.xlsx.writeBuffer()));
  return path;
}

describe('questionnaire for a format 2 framework', () => {
  it('refuses N/A on a criterion that may never be N/A, naming the row and the criterion, and stores nothing', async () => {
    const path = await answered(['LEG-02', 'DES-03']);
    const preview = await previewQuestionnaire({ core, path, now });
    const errors = preview.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.code, p.criterionId, p.column])).toEqual([['notApplicableNotAllowed', 'LEG-02', 'N']].map(([code, id]) => [code, id, expect.any(String)]));
    expect(errors[0]!.row).toBeGreaterThan(1);
    expect(errors[0]!.problem).toBe('LEG-02 is marked not applicable, but it applies to every partnership and may not be N/A.');
    expect(errors[0]!.whatToDo).toBe('Ask the partner for a level from 0 to 4 and a new copy of the questionnaire.');
    expect(preview.canAccept).toBe(false);
    const before = core.assessments.list().length;
    await expect(acceptQuestionnaire({ core, preview })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(core.assessments.list()).toHaveLength(before);
  });

  it('accepts N/A where the guide allows it', async () => {
    const preview = await previewQuestionnaire({ core, path: await answered(['DES-03']), now });
    expect(preview.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(preview.counts).toMatchObject({ notApplicable: 1, rated: 9 });
  });
});
