/**
 * Word and Excel files made from the sample data folder, read back: the Word file's structure
 * (headings with Word's heading styles, tables with widths in DXA, the chart as SVG with its PNG
 * fallback, the running header and "page X of Y"), the workbook cell by cell with exceljs, and both
 * again with an independent reader (python-docx and openpyxl under /usr/bin/python3).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../../electron/app/core';
import { exportAssessmentReport, exportAssessmentWorkbook, exportReadinessReport, loadPartnershipReport } from '../../../../electron/export';
import { writeDemoData, type DemoResult } from '../../../../electron/demo/demo-data';
import { criteriaOf } from '../../../../shared/framework/schema';
import { roundScore, scoreAssessment } from '../../../../shared/scoring';
import { structureForKnownProfile } from '../../../../shared/scoring/framework-structure';
import { ScriptedDialogs } from '../../../support/scripted-dialogs';
import { templatesDir } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';

const python = '/usr/bin/python3';
const now = () => new Date('2026-11-23T09:00:00.000Z');
let folder: Awaited<ReturnType<typeof tempFolder>>;
let demo: DemoResult;
let core: Core;

beforeAll(async () => {
  folder = await tempFolder('trustbridge-export-');
  demo = await writeDemoData({ dataDir: join(folder.path, 'data'), templatesDir });
  core = await openCore({ dataDir: demo.dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB', now });
}, 180_000);

afterAll(async () => {
  await core?.close();
  await folder?.remove();
});

/** The guide version and cooperation profile the demo assessment was scored with, as the app scores it. */
async function scoredWith(id: string) {
  const assessment = await core.assessments.get(id);
  return { assessment, framework: structureForKnownProfile(core.assessments.frameworkOf(assessment), assessment.profileId) };
}

function unzipText(file: string, part: string): string {
  return execFileSync('/usr/bin/unzip', ['-p', file, part], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
}

function hasPython(modules: string): boolean {
  const result = spawnSync(python, ['-c', `import ${modules}`]);
  return result.status === 0;
}

function runPython(script: string, ...args: string[]): unknown {
  return JSON.parse(execFileSync(python, ['-c', script, ...args], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8'));
}

describe('Word reports', () => {
  it('given the sample partnership, when the readiness report is exported, then it has the executive summary, Word headings, sized tables, the chart and page numbers', async () => {
    const out = join(folder.path, 'readiness.docx');
    const progress: Array<[number, number]> = [];
    const result = await exportReadinessReport({ core, templatesDir, language: 'en', id: demo.partnership, outPath: out, now, onProgress: (done, total) => progress.push([done, total]) });
    expect(result.bytes).toBeGreaterThan(10_000);
    expect(progress.at(-1)).toEqual([4, 4]);

    const document = unzipText(out, 'word/document.xml');
    const headingTexts = [...document.matchAll(/<w:pStyle w:val="Heading1"\/>.*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    // A guide with cooperation profiles and a crosswalk (format 2) adds its profile part and the
    // coverage appendix; the demo uses whichever built-in version is newest.
    const { framework: guide } = await scoredWith(demo.assessments.auditOfB);
    const withProfiles = (guide.profiles ?? []).length > 0;
    expect(headingTexts).toEqual([
      'Executive summary',
      'Readiness of each institution',
      'Results by dimension',
      'Discrepancies between self-assessment and audit',
      'Decision and rationale',
      'Action plan',
      ...(withProfiles ? ['Cooperation profile and “not applicable”'] : []),
      'Appendix: criterion by criterion',
      ...(withProfiles ? ['Appendix: coverage of the sources'] : []),
      'About this report',
    ]);
    expect(document).toContain('<w:pStyle w:val="Heading2"/>');
    expect(document).toContain('<w:pStyle w:val="Heading3"/>');
    expect(document).toContain('TOC \\h \\o &quot;1-2&quot;');
    expect(unzipText(out, 'word/settings.xml')).toMatch(/<w:updateFields(?: w:val="true")?\/>/);
    // Every table has a grid in DXA and a fixed layout.
    const tables = document.split('<w:tbl>').length - 1;
    expect(tables).toBeGreaterThan(10);
    expect(document.split('<w:tblLayout w:type="fixed"/>').length - 1).toBe(tables);
    expect(document).not.toMatch(/w:type="pct"/);
    // Cells are padded once per table (its default cell margins), never cell by cell.
    expect(document.split('<w:tblCellMar><w:top w:type="dxa" w:w="50"/><w:left w:type="dxa" w:w="90"/><w:bottom w:type="dxa" w:w="50"/><w:right w:type="dxa" w:w="90"/></w:tblCellMar>').length - 1).toBe(tables);
    expect(document).not.toContain('<w:tcMar>');
    // No empty paragraph in a table cell.
    expect(document).not.toMatch(/<w:tc>(?:(?!<\/w:tc>).)*<w:p>(?:<w:pPr>(?:(?!<\/w:pPr>).)*<\/w:pPr>)?<\/w:p>/);
    // The chart: SVG with a PNG fallback.
    const listing = execFileSync('/usr/bin/unzip', ['-l', out]).toString();
    expect(listing).toMatch(/word\/media\/[^\s]+\.svg/);
    expect(listing).toMatch(/word\/media\/[^\s]+\.png/);
    expect(document).toContain('asvg:svgBlip');
    // The decision, the blocker, and the conditions on the first page of the report proper.
    const text = document.replace(/<[^>]+>/g, '');
    expect(text).toContain('Ready with conditions');
    const dat01 = criteriaOf(guide).find((criterion) => criterion.id === 'DAT-01')!;
    expect(text).toContain(`DAT-01 ${dat01.title}`);
    expect(text).toContain('Sign a joint-controller agreement (Art. 26 GDPR)');
    expect(text).toContain('OVERDUE');
    // Evidence files with their full fingerprints (grouped by four).
    expect(text).toMatch(/SHA-256 ([0-9a-f]{4} ){15}[0-9a-f]{4}/);
    // Header and footer: institution and title, "Page X of Y" as fields.
    const headers = execFileSync('/usr/bin/unzip', ['-l', out]).toString().match(/word\/(header|footer)\d+\.xml/g) ?? [];
    const furniture = headers.map((part) => unzipText(out, part)).join('');
    expect(furniture).toContain('Universidad de Ejemplo and Tampere Test University');
    expect(furniture).toContain('Partnership readiness report');
    expect(furniture).toMatch(/PAGE/);
    expect(furniture).toMatch(/NUMPAGES/);

    if (!hasPython('docx')) {
      console.warn('python-docx is not installed for /usr/bin/python3: skipping the independent Word reader (apt-get install python3-docx).');
      return;
    }
    const read = runPython(
      'import sys, json, docx\nd = docx.Document(sys.argv[1])\nprint(json.dumps({"headings": [[p.style.name, p.text] for p in d.paragraphs if p.style.name.startswith("Heading")], "tables": len(d.tables), "images": len(d.inline_shapes), "first": [c.text for c in d.tables[0].rows[0].cells]}))',
      out,
    ) as { headings: Array<[string, string]>; tables: number; images: number; first: string[] };
    expect(read.headings.filter(([style]) => style === 'Heading 1').map(([, text]) => text)[0]).toBe('Executive summary');
    expect(read.headings.some(([style]) => style === 'Heading 3')).toBe(true);
    expect(read.tables).toBe(tables);
    expect(read.images).toBe(1);
    // Page 1 is the executive summary: its table is the document's first, before the cover details.
    expect(read.first).toEqual([' ', 'Universidad de Ejemplo', 'Tampere Test University', 'Partnership']);
  });

  it('given an audit, when reported in Spanish, then the texts are Spanish and the figures are the audit’s', async () => {
    const out = join(folder.path, 'audit-es.docx');
    await exportAssessmentReport({ core, templatesDir, language: 'es', id: demo.assessments.auditOfB, outPath: out, now });
    const text = unzipText(out, 'word/document.xml').replace(/<[^>]+>/g, ' ');
    expect(text).toContain('Informe de auditoría');
    expect(text).toContain('Comparación con la autoevaluación');
    const { assessment, framework } = await scoredWith(demo.assessments.auditOfB);
    const overall = roundScore(scoreAssessment(framework, assessment.answers).overall)!;
    expect(text).toContain(`${overall.toFixed(1).replace('.', ',')} %`);
    expect(text).not.toContain('[[');
  });

  it('given a self-assessment, when reported in German, then it is a self-assessment report with every criterion in the appendix', async () => {
    const out = join(folder.path, 'self-de.docx');
    await exportAssessmentReport({ core, templatesDir, language: 'de', id: demo.assessments.selfA, outPath: out, now });
    const text = unzipText(out, 'word/document.xml').replace(/<[^>]+>/g, ' ');
    expect(text).toContain('Bericht zur Selbstbewertung');
    expect(text).toContain('Anhang: Einzelheiten zu den Kriterien');
    // The guide in German: a criterion title from de.json.
    expect(text).toMatch(/LEG-01/);
    expect(text).not.toContain('[[');
  });
});

describe('Excel workbook', () => {
  it('given the sample partnership, when the workbook is exported, then every sheet reads back cell by cell with the model’s numbers', async () => {
    const out = join(folder.path, 'workbook.xlsx');
    await exportAssessmentWorkbook({ core, templatesDir, language: 'en', id: demo.partnership, outPath: out, now });
    const report = await loadPartnershipReport(core, demo.partnership, 'en', now);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(out)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Criteria', 'Gaps', 'Action plan']);

    const summary = workbook.getWorksheet('Summary')!;
    const valueOf = (label: string) => {
      for (let r = 1; r <= summary.rowCount; r += 1) if (summary.getCell(r, 1).value === label) return summary.getCell(r, 2);
      throw new Error(`no row ${label}`);
    };
    expect(valueOf('Decision').value).toBe('Ready with conditions');
    expect(valueOf('Overall').value).toBe(report.readiness.overall.display! / 100);
    expect(valueOf('Overall').numFmt).toBe('0.0%');
    expect(valueOf('Decided on').value).toEqual(new Date('2026-11-20T00:00:00.000Z'));

    const criteria = workbook.getWorksheet('Criteria')!;
    expect(criteria.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(criteria.autoFilter).toBeTruthy();
    expect(criteria.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    // One row per criterion of the guide version the demo uses, for each of the two institutions.
    const criterionCount = criteriaOf((await scoredWith(demo.assessments.selfA)).framework).length;
    const lastRow = 1 + 2 * criterionCount;
    expect(criteria.rowCount).toBe(lastRow);
    const row = criteria.getRow(2);
    expect(row.getCell(1).value).toBe('Universidad de Ejemplo');
    expect(row.getCell(3).value).toBe('LEG-01');
    expect(typeof row.getCell(5).value).toBe('number');
    const selfRow = report.sides.A.criteria[0]!.self!;
    expect(row.getCell(7).value).toBe(selfRow.level);
    for (let r = 2; r <= criteria.rowCount; r += 1) {
      for (const c of [7, 9]) {
        const value = criteria.getCell(r, c).value;
        expect(value === null || (typeof value === 'number' && value >= 0 && value <= 4)).toBe(true);
      }
    }
    // Conditional formatting by level on both level columns.
    const formats = (criteria as unknown as { conditionalFormattings: Array<{ ref: string }> }).conditionalFormattings;
    expect(formats.map((format) => format.ref)).toEqual([`G2:G${lastRow}`, `I2:I${lastRow}`]);

    const gaps = workbook.getWorksheet('Gaps')!;
    const dat01 = [...Array(gaps.rowCount).keys()].map((i) => gaps.getRow(i + 1)).find((r) => r.getCell(1).value === 'Tampere Test University' && r.getCell(4).value === 'DAT-01')!;
    // Tampere rated DAT-01 at 3 itself; Ejemplo's audit found 2: a critical criterion rated lower is flagged.
    const levelOf = async (id: string) => (await core.assessments.get(id)).answers['DAT-01']!.level;
    const [selfLevel, auditLevel] = [await levelOf(demo.assessments.selfB), await levelOf(demo.assessments.auditOfB)];
    expect(auditLevel).toBeLessThan(selfLevel!);
    expect([dat01.getCell(8).value, dat01.getCell(9).value, dat01.getCell(10).value, dat01.getCell(11).value]).toEqual([selfLevel, auditLevel, auditLevel! - selfLevel!, 'Yes']);

    const actions = workbook.getWorksheet('Action plan')!;
    expect(actions.rowCount).toBe(1 + report.actions.length);
    expect(actions.getCell(3, 8).value).toEqual(new Date('2026-10-31T00:00:00.000Z'));
    expect(actions.getCell(3, 10).value).toBe('Yes');
    // No formula anywhere.
    for (const sheet of workbook.worksheets) sheet.eachRow((r) => r.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));

    if (!hasPython('openpyxl')) {
      console.warn('openpyxl is not installed for /usr/bin/python3: skipping the independent Excel reader (apt-get install python3-openpyxl).');
      return;
    }
    const read = runPython(
      'import sys, json, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nc = wb["Criteria"]\na = wb["Action plan"]\nprint(json.dumps({"sheets": wb.sheetnames, "id": c.cell(2, 3).value, "level": c.cell(2, 7).value, "rows": c.max_row, "freeze": c.freeze_panes, "due": a.cell(3, 8).value.isoformat(), "dueIsDate": a.cell(3, 8).is_date, "landscape": c.page_setup.orientation}))',
      out,
    ) as Record<string, unknown>;
    expect(read).toEqual({ sheets: ['Summary', 'Criteria', 'Gaps', 'Action plan'], id: 'LEG-01', level: selfRow.level, rows: lastRow, freeze: 'E2', due: '2026-10-31T00:00:00', dueIsDate: true, landscape: 'landscape' });
  });

  it('given a self-assessment, when the workbook is exported, then it has no gaps or action plan sheet and its score is the assessment’s', async () => {
    const out = join(folder.path, 'self.xlsx');
    await exportAssessmentWorkbook({ core, templatesDir, language: 'es', id: demo.assessments.selfA, outPath: out, now });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(out)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Resumen', 'Criterios']);
    const { assessment, framework } = await scoredWith(demo.assessments.selfA);
    const overall = roundScore(scoreAssessment(framework, assessment.answers).overall)!;
    const summary = workbook.getWorksheet('Resumen')!;
    let found: unknown;
    summary.eachRow((r) => {
      if (r.getCell(1).value === 'Global') found = r.getCell(2).value;
    });
    expect(found).toBe(Math.round(overall * 10) / 1000);
  });
});
