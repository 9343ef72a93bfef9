/**
 * Word reports under guide 2.0, read back from the files: the profile and the use of "not
 * applicable", the coverage appendix with citations (CELEX, "not verified"), excluded criteria left
 * out — and a 1.0 assessment's report in the same data folder exactly as before (no new part, the
 * same figures as scoring gives).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { exportAssessmentReport, exportQuestionnaire, exportReadinessReport, loadAssessmentReport } from '../../../../electron/export';
import { previewQuestionnaire } from '../../../../electron/import/questionnaire';
import { criteriaOf } from '../../../../shared/framework/schema';
import { roundScore, scoreAssessment } from '../../../../shared/scoring';
import { setUpCore, type TestCore } from '../../../support/core';
import { templatesWithGuide2 } from '../../../support/guide2-fixture';

const now = () => new Date('2026-11-23T09:00:00.000Z');
let templates: Awaited<ReturnType<typeof templatesWithGuide2>>;
let core: TestCore;
let own: { id: string };
let partner: { id: string };

beforeAll(async () => {
  templates = await templatesWithGuide2();
  ({ core, own, partner } = await setUpCore({ templatesDir: templates.path, now }));
}, 60_000);
afterAll(async () => {
  await core?.dispose();
  await templates?.remove();
});

const version = (v: string) => core.frameworks.list().find((item) => item.origin === 'built-in' && item.version === v)!;
const documentText = (file: string) =>
  execFileSync('/usr/bin/unzip', ['-p', file, 'word/document.xml'], { maxBuffer: 64 * 1024 * 1024 })
    .toString('utf8')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
const headings = (file: string) =>
  [...execFileSync('/usr/bin/unzip', ['-p', file, 'word/document.xml'], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8').matchAll(/<w:pStyle w:val="Heading1"\/>.*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]);

async function answeredAssessment(frameworkKey: string, profileId?: string) {
  const assessment = await core.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey, language: 'en', title: `Self ${frameworkKey}`, ...(profileId ? { profileId } : {}) });
  const framework = core.assessments.frameworkOf(assessment);
  for (const [index, criterion] of criteriaOf(framework).entries()) {
    if (criterion.id === 'LEG-03') await core.assessments.saveAnswer(assessment.id, criterion.id, { notApplicable: true, naReason: 'No joint awards planned' });
    else await core.assessments.saveAnswer(assessment.id, criterion.id, { level: ([3, 2, 4, 3] as const)[index % 4] });
  }
  return assessment;
}

describe('Word reports of a 2.0 assessment', () => {
  it('name the profile, list N/A with its reason, leave out excluded criteria and carry the coverage appendix', async () => {
    const assessment = await answeredAssessment(version('2.0').key, 'mutual-recognition');
    const out = join(templates.path, 'self-2.docx');
    await exportAssessmentReport({ core, templatesDir: templates.path, language: 'en', id: assessment.id, outPath: out, now });
    expect(headings(out)).toContain('Cooperation profile and “not applicable”');
    expect(headings(out)).toContain('Appendix: coverage of the sources');
    const text = documentText(out);
    expect(text).toContain('Cooperation profile: Mutual recognition.');
    expect(text).toContain('Not part of the assessment under this profile: GOV-07, DES-07.');
    expect(text).toMatch(/LEG-03 [^\n]*: No joint awards planned/);
    expect(text).toContain('Annex II of the 2022 Recommendation: principles');
    expect(text).toContain('10 of 10 elements covered.');
    expect(text).toContain('GDPR, Art. 35 · CELEX 32016R0679 · (not verified)');
    expect(text).toMatch(/Element \(a\).*DES-01 \(2\)[^\n]*DES-07 \(left out by the profile\)/s);
    // Excluded criteria are not rated in the report's criterion appendix.
    expect(text).not.toContain('GOV-07 Agreement');
    const report = await loadAssessmentReport(core, assessment.id, 'en', now);
    expect(report.criteria.map((row) => row.criterionId)).not.toContain('GOV-07');
  });

  it('the readiness report names the partnership’s profile', async () => {
    const partnership = await core.partnerships.create({ partnerId: partner.id, title: 'With Tampere', profileId: 'stacking' });
    const self = await answeredAssessment(version('2.0').key);
    await core.partnerships.link(partnership.id, 'selfA', self.id);
    const out = join(templates.path, 'readiness-2.docx');
    await exportReadinessReport({ core, templatesDir: templates.path, language: 'es', id: partnership.id, outPath: out, now });
    const text = documentText(out);
    expect(text).toContain('Perfil de cooperación: Stacking into a programme.');
    expect(text).toContain('Anexo: cobertura de las fuentes');
  });
});

describe('Word report of a 1.0 assessment', () => {
  it('has no guide 2.0 part and the figures scoring gives', async () => {
    const assessment = await answeredAssessment(version('1.0').key);
    const out = join(templates.path, 'self-1.docx');
    await exportAssessmentReport({ core, templatesDir: templates.path, language: 'en', id: assessment.id, outPath: out, now });
    const text = documentText(out);
    expect(text).not.toContain('Cooperation profile');
    expect(text).not.toContain('coverage of the sources');
    expect(headings(out)).toEqual(['Summary', 'Results by dimension', 'Appendix: criterion details', 'About this report']);
    const stored = await core.assessments.get(assessment.id);
    const score = scoreAssessment(core.assessments.frameworkOf(stored), stored.answers);
    const report = await loadAssessmentReport(core, assessment.id, 'en', now);
    expect(report.guide2).toBeUndefined();
    expect(report.score.overall.display).toBe(roundScore(score.overall!));
    expect(report.criteria).toHaveLength(55);
  });
});

describe('the partner questionnaire of guide 2.0', () => {
  it('carries the guidance for auditors on its own protected sheet, in the questionnaire’s language, and still imports', async () => {
    const out = join(templates.path, 'questionnaire-2-de.xlsx');
    await exportQuestionnaire({ core, templatesDir: templates.path, language: 'de', institutionId: partner.id, frameworkKey: version('2.0').key, outPath: out, now });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Instructions', 'Questionnaire', 'TrustBridge', 'Hinweise Begutachtung']);
    const sheet = workbook.getWorksheet('Hinweise Begutachtung')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'ID', 'Kriterium', 'Was zu prüfen ist', 'Was stichprobenartig zu prüfen ist', 'Warnsignale', 'Stufe 2 oder Stufe 3?']);
    const dat = sheet.getColumn(1).values.indexOf('DAT-01');
    expect(sheet.getRow(dat).getCell(3).value).toBe('Ask for the policy and the records behind DAT-01.');
    expect(sheet.getRow(dat).getCell(5).value).toBe('• No record older than a year for DAT-01.\n• Documents signed by nobody.');
    expect(sheet.getRow(dat).getCell(3).protection?.locked).not.toBe(false);
    expect(execFileSync('/usr/bin/unzip', ['-p', out, 'xl/worksheets/sheet4.xml']).toString('utf8')).toContain('<sheetProtection');
    // The added sheet does not disturb the import.
    const preview = await previewQuestionnaire({ core, path: out, now });
    expect(preview.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('has no guidance sheet for 1.0', async () => {
    const out = join(templates.path, 'questionnaire-1.xlsx');
    await exportQuestionnaire({ core, templatesDir: templates.path, language: 'en', institutionId: partner.id, frameworkKey: version('1.0').key, outPath: out, now });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Instructions', 'Questionnaire', 'TrustBridge']);
  });
});
