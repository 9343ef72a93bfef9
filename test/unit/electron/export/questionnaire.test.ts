/**
 * The partner questionnaire round trip: exported, filled in programmatically as a partner would,
 * imported back — with the same scores as the same answers entered in the app — and every kind of
 * damaged, foreign or hostile workbook refused with a clear message and nothing stored.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../../electron/app/core';
import { exportQuestionnaire, exportReadinessReport } from '../../../../electron/export';
import { acceptQuestionnaire, previewQuestionnaire } from '../../../../electron/import/questionnaire';
import { columns, sheetNames } from '../../../../electron/export/xlsx/questionnaire-layout';
import { criteriaOf, type Level } from '../../../../shared/framework/schema';
import { translate } from '../../../../shared/i18n';
import { scoreAssessment } from '../../../../shared/scoring';
import { sampleProfile } from '../../../support/factories';
import { ScriptedDialogs } from '../../../support/scripted-dialogs';
import { templatesDir } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';
import { builtInGuide } from '../../../support/built-in-guides';

const now = () => new Date('2026-11-23T09:00:00.000Z');
let folder: Awaited<ReturnType<typeof tempFolder>>;
let core: Core;
let partnerId: string;
let frameworkKey: string;

beforeEach(async () => {
  folder = await tempFolder('trustbridge-questionnaire-');
  core = await openCore({ dataDir: join(folder.path, 'data'), templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB', now });
  await core.institutions.saveOwn(sampleProfile());
  partnerId = (await core.institutions.createPartner(sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: '' }))).id;
  frameworkKey = builtInGuide(core, '1.0').key;
});

afterEach(async () => {
  await core.close();
  await folder.remove();
});

async function exported(language: 'en' | 'es' | 'de' = 'en'): Promise<string> {
  const path = join(folder.path, `questionnaire-${language}.xlsx`);
  await exportQuestionnaire({ core, templatesDir, language, institutionId: partnerId, frameworkKey, outPath: path, now });
  return path;
}

async function edit(path: string, change: (workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) => void, out = path): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
  change(workbook, workbook.getWorksheet(sheetNames.questionnaire)!);
  await writeFile(out, Buffer.from(await workbook.xlsx.writeBuffer()));
  return out;
}

/** A deterministic set of answers: a level for most, N/A with a reason for a few. */
function plannedAnswer(index: number, critical: boolean): { level: Level } | { na: string } {
  if (!critical && index % 11 === 5) return { na: 'We award no joint degrees.' };
  return { level: ((index * 7) % 5) as Level };
}

describe('partner questionnaire', () => {
  it('given an exported questionnaire, then it has instructions, drop-downs, protected structure with unlocked answer cells and hidden identifiers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await exported('de'))) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ['Instructions', 'visible'],
      ['Questionnaire', 'visible'],
      ['TrustBridge', 'veryHidden'],
    ]);
    const instructions = workbook.getWorksheet('Instructions')!;
    expect(instructions.getCell(1, 1).value).toBe('Fragebogen für die Partnerhochschule');
    const sheet = workbook.getWorksheet('Questionnaire')!;
    const framework = await core.frameworks.get(frameworkKey, 'de');
    expect(sheet.rowCount).toBe(1 + criteriaOf(framework).length);
    expect(sheet.getColumn(columns.key).hidden).toBe(true);
    expect(sheet.getCell(2, columns.key).value).toBe('LEG-01');
    expect(sheet.getCell(2, columns.criterion).value).toBe(criteriaOf(framework)[0]!.title);
    expect(sheet.getCell(2, columns.level0).value).toBe(criteriaOf(framework)[0]!.levels[0]);
    expect(sheet.getCell(2, columns.level).dataValidation).toMatchObject({ type: 'list', formulae: ["'TrustBridge'!$D$1:$D$5"] });
    expect(sheet.getCell(2, columns.notApplicable).dataValidation).toMatchObject({ type: 'list' });
    expect(sheet.getCell(2, columns.level).protection).toMatchObject({ locked: false });
    expect(sheet.getCell(2, columns.criterion).protection?.locked).not.toBe(false);
    expect((sheet as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    const identity = workbook.getWorksheet('TrustBridge')!;
    expect(identity.getCell(1, 2).value).toBe('trustbridge-questionnaire');
    expect(identity.getCell(4, 2).value).toBe('1.0');
  });

  it('round trip: the imported answers score exactly as the same answers entered in the app', async () => {
    const path = await exported();
    const framework = await core.frameworks.get(frameworkKey, 'en');
    const criteria = criteriaOf(framework);
    await edit(path, (workbook, sheet) => {
      criteria.forEach((criterion, i) => {
        const answer = plannedAnswer(i, criterion.critical);
        const row = i + 2;
        if ('level' in answer) sheet.getCell(row, columns.level).value = `${answer.level} – ${framework.scale[answer.level].label}`;
        else {
          sheet.getCell(row, columns.notApplicable).value = 'Yes';
          sheet.getCell(row, columns.naReason).value = answer.na;
        }
        sheet.getCell(row, columns.justification).value = `Our practice for ${criterion.id}.`;
        sheet.getCell(row, columns.evidence).value = `Quality manual: https://www.tampere-test.example/quality/${criterion.id.toLowerCase()}.pdf`;
      });
      const instructions = workbook.getWorksheet('Instructions')!;
      instructions.getCell(5, 3).value = 'Laura Virtanen';
      instructions.getCell(6, 3).value = 'Quality Manager';
    });

    const before = core.assessments.list().length;
    const preview = await previewQuestionnaire({ core, path, now });
    expect(core.assessments.list()).toHaveLength(before);
    expect(preview.problems).toEqual([]);
    expect(preview.canAccept).toBe(true);
    expect(preview.framework.match).toBe('exact');
    expect(preview.subject.legalName).toBe('Tampere Test University');
    expect(preview.assessment).toMatchObject({ kind: 'self', status: 'complete', origin: { type: 'questionnaire', fileName: 'questionnaire-en.xlsx' }, completed: { by: 'Laura Virtanen', role: 'Quality Manager' } });
    expect(preview.assessment.answers['LEG-01']?.evidence[0]).toMatchObject({ kind: 'link', label: 'Quality manual', url: 'https://www.tampere-test.example/quality/leg-01.pdf' });

    const stored = await acceptQuestionnaire({ core, preview });
    expect(core.assessments.list()).toHaveLength(before + 1);
    expect(core.assessments.summary(stored.id)).toMatchObject({ kind: 'self', origin: 'questionnaire', subject: { institutionId: partnerId } });

    // The same answers through the app's own service.
    const own = core.institutions.ownId()!;
    const manual = await core.assessments.create({ kind: 'self', subjectId: own, frameworkKey, language: 'en', title: 'Manual' });
    for (const [i, criterion] of criteria.entries()) {
      const answer = plannedAnswer(i, criterion.critical);
      await core.assessments.saveAnswer(manual.id, criterion.id, 'level' in answer ? { level: answer.level } : { notApplicable: true, naReason: answer.na });
    }
    const entered = scoreAssessment(framework, (await core.assessments.get(manual.id)).answers);
    const imported = scoreAssessment(framework, (await core.assessments.get(stored.id)).answers);
    expect(imported).toEqual(entered);
    expect(preview.score.overall.raw).toBe(entered.overall);
  });

  it('reads levels written as a number or by their name in any language, and reports what it cannot read row by row', async () => {
    const path = await edit(await exported(), (_workbook, sheet) => {
      sheet.getCell(2, columns.level).value = 3; // LEG-01: a bare number
      sheet.getCell(3, columns.level).value = 'Etabliert'; // LEG-02: German label
      sheet.getCell(4, columns.level).value = 'Quite good'; // LEG-03: unknown
      sheet.getCell(5, columns.notApplicable).value = 'Sí'; // LEG-04 not applicable, no reason (not critical: accepted)
      sheet.getCell(8, columns.notApplicable).value = 'Yes'; // IQA-01 is critical: needs a reason
      sheet.getCell(9, columns.level).value = '2'; // IQA-02
      sheet.getCell(9, columns.evidence).value = 'Sent by e-mail';
      sheet.getCell(10, columns.justification).value = 'x'.repeat(20_500); // IQA-03
    });
    const preview = await previewQuestionnaire({ core, path, now });
    const answers = preview.assessment.answers;
    expect(answers['LEG-01']?.level).toBe(3);
    expect(answers['LEG-02']?.level).toBe(3);
    expect(answers['LEG-03']).toBeUndefined();
    expect(answers['LEG-04']).toMatchObject({ notApplicable: true, level: null });
    expect(answers['IQA-02']).toMatchObject({ level: 2, evidence: [] });
    const byCell = preview.problems.map((problem) => [problem.row, problem.column, problem.severity, problem.criterionId]);
    expect(byCell).toEqual([
      [4, 'M', 'warning', 'LEG-03'],
      [8, 'O', 'warning', 'IQA-01'],
      [9, 'Q', 'warning', 'IQA-02'],
      [10, 'P', 'warning', 'IQA-03'],
    ]);
    expect(preview.problems[0]!.problem).toContain('“Quite good” is not one of the levels 0–4');
    expect(preview.problems[0]!.whatToDo).toContain('drop-down');
    // Each problem carries a code and its values, so the app words it in the user's language.
    expect(preview.problems.map((problem) => problem.code)).toEqual(['levelValue', 'criticalNotApplicableWithoutReason', 'evidenceNotLink', 'justificationShortened']);
    for (const problem of preview.problems) {
      expect(translate('en', `questionnaireProblems.${problem.code}.problem`, problem.params)).toBe(problem.problem);
      for (const language of ['es', 'de'] as const) {
        const text = translate(language, `questionnaireProblems.${problem.code}.problem`, problem.params);
        expect(text).not.toBe(problem.problem);
        expect(text).not.toMatch(/\{\{|questionnaireProblems/);
        for (const value of Object.values(problem.params)) expect(text).toContain(String(value));
      }
    }
    expect(translate('es', 'questionnaireProblems.levelValue.problem', preview.problems[0]!.params)).toBe('«Quite good» no es ninguno de los niveles 0–4.');
    expect(answers['IQA-03']?.justification).toHaveLength(20_000);
    expect(preview.assessment.status).toBe('draft');
    expect(preview.canAccept).toBe(true);
  });

  it('refuses to store a questionnaire with a formula in an answer cell or a criterion answered twice, and says where', async () => {
    const path = await edit(await exported(), (_workbook, sheet) => {
      sheet.getCell(2, columns.level).value = { formula: 'CONCAT("4"," – Exemplary")', result: '4 – Exemplary' } as ExcelJS.CellFormulaValue;
      sheet.getCell(4, columns.key).value = 'LEG-02';
    });
    const before = core.assessments.list().length;
    const preview = await previewQuestionnaire({ core, path, now });
    expect(preview.canAccept).toBe(false);
    expect(preview.problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.column, p.criterionId])).toEqual([
      [2, 'M', 'LEG-01'],
      [4, 'A', 'LEG-02'],
    ]);
    expect(preview.problems[0]!.problem).toContain('formula');
    await expect(acceptQuestionnaire({ core, preview })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Nothing was stored') });
    expect(core.assessments.list()).toHaveLength(before);
  });

  it('maps a questionnaire of another version of the guide by criterion identifier, and reports what it could not map', async () => {
    const path = await edit(await exported(), (workbook, sheet) => {
      const identity = workbook.getWorksheet(sheetNames.identity)!;
      identity.getCell(4, 2).value = '0.9';
      identity.getCell(5, 2).value = 'f'.repeat(64);
      identity.getCell(6, 2).value = 'e'.repeat(64);
      sheet.getCell(2, columns.key).value = 'LEG-99';
      sheet.getCell(2, columns.level).value = '2 – Developing';
      sheet.getCell(3, columns.level).value = '4 – Exemplary';
    });
    const preview = await previewQuestionnaire({ core, path, now });
    expect(preview.framework).toMatchObject({ match: 'mapped', version: '1.0', madeFor: { version: '0.9' } });
    expect(preview.problems[0]).toMatchObject({ severity: 'warning', problem: expect.stringContaining('mapped by criterion identifier') });
    expect(preview.problems.some((p) => p.criterionId === 'LEG-99' && p.problem.includes('no counterpart'))).toBe(true);
    expect(preview.problems.some((p) => p.criterionId === 'LEG-01' && p.row === null)).toBe(true);
    expect(preview.assessment.answers['LEG-02']?.level).toBe(4);
    expect(preview.canAccept).toBe(true);
  });

  it('refuses a questionnaire for a framework this data folder has no version of', async () => {
    const path = await edit(await exported(), (workbook, sheet) => {
      const identity = workbook.getWorksheet(sheetNames.identity)!;
      identity.getCell(3, 2).value = 'another-guide';
      identity.getCell(4, 2).value = '2.0';
      identity.getCell(5, 2).value = 'f'.repeat(64);
      for (let r = 2; r <= sheet.rowCount; r += 1) sheet.getCell(r, columns.key).value = `ZZ-${String(r).padStart(2, '0')}`;
    });
    await expect(previewQuestionnaire({ core, path, now })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('“another-guide” version 2.0, which is not in this data folder') });
  });

  describe('damaged, foreign and hostile files', () => {
    const refused = async (bytes: Uint8Array | string, name: string) => {
      const path = join(folder.path, name);
      await writeFile(path, bytes);
      const before = core.assessments.list().length;
      const error = await previewQuestionnaire({ core, path, now }).then(
        () => undefined,
        (caught: unknown) => caught as { code: string; message: string },
      );
      expect(core.assessments.list()).toHaveLength(before);
      return error;
    };

    it('refuses random bytes as not a workbook', async () => {
      const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
      expect(await refused(bytes, 'random.xlsx')).toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('not even a zip archive') });
    });

    it('refuses an old binary Excel file with what to do instead', async () => {
      const bytes = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);
      expect(await refused(bytes, 'old.xls')).toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('save it as an Excel workbook (.xlsx)') });
    });

    it('refuses a zip that is not a workbook (a Word document)', async () => {
      const demoPartnership = await core.partnerships.create({ partnerId, title: 'P' });
      const docx = join(folder.path, 'report.docx');
      await exportReadinessReport({ core, templatesDir, language: 'en', id: demoPartnership.id, outPath: docx, now });
      expect(await refused(await readFile(docx), 'report.xlsx')).toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('has no workbook inside') });
    });

    it('refuses a workbook with other sheets', async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('Sheet1').getCell('A1').value = 'Budget 2027';
      const error = await refused(Buffer.from(await workbook.xlsx.writeBuffer()), 'budget.xlsx');
      expect(error).toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('not a TrustBridge questionnaire') });
      expect(error?.message).toContain('“Sheet1”');
    });

    it('refuses a huge sheet before the spreadsheet library parses it', async () => {
      const path = await edit(await exported(), (_workbook, sheet) => {
        for (let r = 60; r < 2600; r += 1) sheet.getCell(r, columns.justification).value = 'padding';
      });
      expect(await refused(await readFile(path), 'huge.xlsx')).toMatchObject({ code: 'INVALID_FILE', message: expect.stringMatching(/has \d+ rows; a questionnaire has at most 2000/) });
    });

    it('refuses a file larger than any questionnaire without reading it', async () => {
      expect(await refused(Buffer.alloc(6 * 1024 * 1024, 1), 'large.xlsx')).toMatchObject({ code: 'FILE_TOO_LARGE' });
    });

    it('refuses a part that declares XML entities', async () => {
      // A stored (uncompressed) zip with a workbook part that declares an entity.
      const { zipStored } = await import('./zip-builder');
      const bytes = zipStored([
        ['[Content_Types].xml', '<?xml version="1.0"?><Types/>'],
        ['xl/workbook.xml', '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><workbook>&lol;</workbook>'],
      ]);
      expect(await refused(bytes, 'entities.xlsx')).toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('declares XML entities') });
    });
  });
});
