/**
 * `trustbridge consortium <folder> --out …` on a generated consortium of thirty members: the
 * workbook and the summary are written, read back by independent readers (openpyxl, python-docx)
 * and agree with the files — every counted direction has its cell with the right band and score,
 * a tampered or changed-key file's audit has none — and both open in LibreOffice.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/run';
import { loadReportTexts } from '../../../../electron/platform/templates';
import type { Assessment } from '../../../../shared/assessment/schema';
import type { ReportTexts } from '../../../../shared/report/texts';
import { roundScore, scoreAssessment } from '../../../../shared/scoring';
import { generateConsortium, type GeneratedConsortium } from '../../../support/consortium-factories';
import { templatesDir } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';

const python = '/usr/bin/python3';
const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((path) => existsSync(path));
const hasPython = (modules: string) => existsSync(python) && spawnSync(python, ['-c', `import ${modules}`]).status === 0;
const readWith = (script: string, ...args: string[]) => JSON.parse(execFileSync(python, ['-c', script, ...args], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8'));

let consortium: GeneratedConsortium;
let folder: Awaited<ReturnType<typeof tempFolder>>;
let texts: ReportTexts;

function context() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, context: { out: (text: string) => out.push(text), err: (text: string) => err.push(text), cwd: folder.path } };
}

async function cli(...args: string[]) {
  const run = context();
  const code = await runCli(['consortium', ...args], run.context);
  return { code, out: run.out.join('\n'), err: run.err.join('\n') };
}

/** What an independent reader should find for a cell: the band and score the real scoring gives. */
function expectedFigures(assessment: Assessment) {
  const score = scoreAssessment(consortium.frameworkOf(assessment), assessment.answers);
  return { band: score.band, display: roundScore(score.overall) };
}

beforeAll(async () => {
  process.env['TRUSTBRIDGE_TEMPLATES'] = templatesDir;
  folder = await tempFolder('trustbridge-cli-consortium-');
  consortium = await generateConsortium();
  texts = await loadReportTexts(templatesDir, 'en');
}, 60_000);

afterAll(async () => {
  delete process.env['TRUSTBRIDGE_TEMPLATES'];
  await consortium?.remove();
  await folder?.remove();
});

describe('trustbridge consortium', () => {
  let workbook: string;
  let summary: string;
  let report: string;

  beforeAll(async () => {
    const xlsx = await cli(consortium.folder, '--out', 'consortium.xlsx', '--today', consortium.today);
    expect(xlsx.code, xlsx.err).toBe(0);
    const docx = await cli(consortium.folder, '--out', 'consortium.docx', '--today', consortium.today);
    expect(docx.code, docx.err).toBe(0);
    const spanish = await cli(consortium.folder, '--out', 'consortium-es.docx', '--language', 'es', '--today', consortium.today);
    expect(spanish.code, spanish.err).toBe(0);
    workbook = join(folder.path, 'consortium.xlsx');
    summary = join(folder.path, 'consortium.docx');
    report = xlsx.out;
  }, 60_000);

  it('writes the workbook and the summary, says what it counted, and lists every refused file with its reason', () => {
    expect(existsSync(workbook) && existsSync(summary)).toBe(true);
    expect(report).toContain(`Wrote ${workbook}`);
    expect(report).toContain('30 institutions');
    expect(report).toContain(`${consortium.expected.cells.size} audits`);
    expect(report).toContain(`REFUSED, not counted: ${consortium.expected.refused.length} files`);
    for (const refused of consortium.expected.refused) expect(report).toMatch(new RegExp(`^  ${escape(refused.fileName)}: ${refused.code} — .{40,}$`, 'm'));
    for (const duplicate of consortium.expected.duplicates) expect(report).toContain(`${duplicate.fileName}  (same as ${duplicate.sameAs})`);
    expect(report).toContain(`Sync conflicts: ${consortium.expected.conflicts.length}`);
    expect(report).toContain('checked within the folder only');
  });

  it('the workbook agrees with the files: a cell for each counted direction with its band and score, none for a refused file’s audit', () => {
    if (!hasPython('openpyxl')) {
      console.warn('openpyxl is not installed for /usr/bin/python3: skipping the independent Excel reader (apt-get install python3-openpyxl).');
      return;
    }
    const read = readWith(
      [
        'import sys, json, openpyxl',
        'wb = openpyxl.load_workbook(sys.argv[1])',
        'ov = wb["Overview"]',
        'start = next(r for r in range(1, ov.max_row + 1) if ov.cell(r, 2).value == "Short name")',
        'members = [[ov.cell(r, c).value for c in range(1, 7)] for r in range(start + 1, ov.max_row + 1) if ov.cell(r, 2).value]',
        'm = wb["Trust matrix"]',
        'columns = [m.cell(3, c).value for c in range(2, m.max_column + 1)]',
        'matrix = {}',
        'for r in range(4, m.max_row + 1):',
        '    label = m.cell(r, 1).value',
        '    if not label: continue',
        '    row = label[label.rindex("(") + 1:-1]',
        '    for i, col in enumerate(columns):',
        '        c = m.cell(r, i + 2)',
        '        matrix[row + "|" + col] = [c.value, c.comment.text if c.comment else None]',
        'a = wb["Audits"]',
        'audits = [[a.cell(r, c).value for c in range(1, a.max_column + 1)] for r in range(2, a.max_row + 1)]',
        'for row in audits:',
        '    for i, v in enumerate(row):',
        '        if hasattr(v, "isoformat"): row[i] = v.isoformat()[:10]',
        'f = wb["Files"]',
        'files = [[f.cell(r, 1).value, f.cell(r, 2).value] for r in range(2, f.max_row + 1)]',
        'print(json.dumps({"sheets": wb.sheetnames, "members": members, "matrix": matrix, "audits": audits, "files": files, "freeze": a.freeze_panes, "filter": a.auto_filter.ref, "landscape": m.page_setup.orientation}))',
      ].join('\n'),
      workbook,
    ) as {
      sheets: string[];
      members: string[][];
      matrix: Record<string, [string | null, string | null]>;
      audits: Array<Array<string | number | null>>;
      files: string[][];
      freeze: string;
      filter: string;
      landscape: string;
    };
    expect(read.sheets).toEqual(['Overview', 'Trust matrix', 'Audits', 'Dimensions', 'Files']);
    expect(read.freeze).toBe('C2');
    expect(read.filter).toMatch(/^A1:Q\d+$/);
    expect(read.landscape).toBe('landscape');

    const abbreviationOf = new Map(read.members.map((row) => [row[5]!, row[1]!]));
    const nameOf = new Map(consortium.members.map((member) => [member.exchangeId, member.profile.legalName]));
    expect(abbreviationOf.size).toBe(consortium.members.length);

    // Audits sheet: assessor, subject, kind, title, status, overall, band, blockers, date, valid until, validity, framework, decision, decided on, renewal, revision, id
    const auditRows = read.audits.filter((row) => row[2] === 'Audit');
    expect(auditRows).toHaveLength(consortium.expected.cells.size);
    for (const expected of consortium.expected.cells.values()) {
      const { band, display } = expectedFigures(expected.assessment);
      const row = auditRows.find((candidate) => candidate[0] === nameOf.get(expected.assessor) && candidate[1] === nameOf.get(expected.subject));
      expect(row, `${nameOf.get(expected.assessor)} → ${nameOf.get(expected.subject)}`).toBeDefined();
      expect(row![16]).toBe(expected.assessment.id);
      expect(row![15]).toBe(expected.assessment.revision);
      expect(row![6]).toBe(texts.t(`bands.${band}`));
      expect(row![5]).toBeCloseTo((display ?? 0) / 100, 6);
      expect(row![4]).toBe(texts.t(`consortium.status.${expected.status}`));

      const [text, comment] = read.matrix[`${abbreviationOf.get(expected.assessor)}|${abbreviationOf.get(expected.subject)}`]!;
      expect(text).toContain(texts.t(`consortium.bandShort.${band}`));
      expect(text).toContain(texts.percent(display));
      expect(comment).toContain(expected.assessment.title);
    }
    const selfRows = read.audits.filter((row) => row[2] === 'Self-assessment');
    expect(selfRows.map((row) => row[16]).sort()).toEqual([...consortium.expected.self.values()].map((assessment) => assessment.id).sort());

    // Nothing from a refused file: no row, an empty cell.
    for (const direction of consortium.expected.refusedDirections) {
      expect(auditRows.some((row) => row[0] === nameOf.get(direction.assessor) && row[1] === nameOf.get(direction.subject))).toBe(false);
      expect(read.matrix[`${abbreviationOf.get(direction.assessor)}|${abbreviationOf.get(direction.subject)}`]![0]).toBeNull();
    }
    const ids = new Set(read.audits.map((row) => row[16]));
    for (const never of consortium.expected.neverCounted.filter((item) => item.why !== 'conflict lost')) expect(ids.has(never.id), never.id).toBe(false);

    // The Files sheet lists every refused file as refused.
    for (const refused of consortium.expected.refused) {
      expect(read.files.find(([fileName]) => fileName === refused.fileName)?.[1], refused.fileName).toMatch(/^Refused: /);
    }
  });

  it('the summary’s matrix agrees with the files, and it lists every refused file', () => {
    if (!hasPython('docx')) {
      console.warn('python-docx is not installed for /usr/bin/python3: skipping the independent Word reader (apt-get install python3-docx).');
      return;
    }
    const read = readWith(
      [
        'import sys, json, docx',
        'd = docx.Document(sys.argv[1])',
        'matrix = next(t for t in d.tables if t.rows[0].cells[0].text.startswith("By"))',
        'head = [c.text for c in matrix.rows[0].cells[1:]]',
        'cells = {}',
        // python-docx builds row.cells anew on every access: once per row.
        'for row in matrix.rows[1:]:',
        '    texts = [c.text for c in row.cells]',
        '    for i, text in enumerate(texts[1:]):',
        '        cells[texts[0] + "|" + head[i]] = text',
        'legend = [[c.text for c in r.cells] for t in d.tables if t.rows[0].cells[0].text == "Short name" for r in t.rows[1:]]',
        'refused = [r.cells[0].text for t in d.tables if [c.text for c in t.rows[0].cells] == ["File", "Reason"] for r in t.rows[1:]]',
        'headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]',
        'sections = [str(s.orientation) for s in d.sections]',
        'print(json.dumps({"cells": cells, "legend": legend, "refused": refused, "headings": headings, "sections": sections}))',
      ].join('\n'),
      summary,
    ) as { cells: Record<string, string>; legend: string[][]; refused: string[]; headings: string[]; sections: string[] };

    expect(read.headings).toEqual(
      expect.arrayContaining(['What was counted', 'Key figures', 'The weakest dimensions', 'Audits expired or expiring', 'Directions without an audit', 'Trust matrix', 'Short names', 'Files refused', 'How this overview is made']),
    );
    expect(read.sections.map((orientation) => orientation.includes('LANDSCAPE'))).toEqual([false, true, false]);
    // The legend: every member's short name, in three pairs of columns per row.
    const legend = new Map<string, string>();
    for (const row of read.legend) for (let i = 0; i + 1 < row.length; i += 2) if (row[i]) legend.set(row[i + 1]!.replace(/ \([A-Z]{2}\)$/, ''), row[i]!);
    const abbreviationOf = new Map(consortium.members.map((member) => [member.exchangeId, legend.get(member.profile.legalName)!]));
    expect(new Set(abbreviationOf.values()).size).toBe(consortium.members.length);

    for (const expected of consortium.expected.cells.values()) {
      const { display } = expectedFigures(expected.assessment);
      const text = read.cells[`${abbreviationOf.get(expected.assessor)}|${abbreviationOf.get(expected.subject)}`];
      expect(text, `${expected.assessor} → ${expected.subject}`).toMatch(new RegExp(`^${Math.round(display!)}[!…]?$`));
    }
    for (const direction of consortium.expected.refusedDirections) {
      expect(read.cells[`${abbreviationOf.get(direction.assessor)}|${abbreviationOf.get(direction.subject)}`]).toBe('');
    }
    expect(read.refused.sort()).toEqual(consortium.expected.refused.map((file) => file.fileName).sort());
  });

  it.skipIf(!soffice)('both documents, and the summary in Spanish, open in LibreOffice', () => {
    const outDir = join(folder.path, 'pdf');
    const files = [workbook, summary, join(folder.path, 'consortium-es.docx')];
    // Distinct names: the workbook and the summary would both become consortium.pdf.
    execFileSync('/bin/cp', [workbook, join(folder.path, 'workbook.xlsx')]);
    files[0] = join(folder.path, 'workbook.xlsx');
    const run = spawnSync(soffice!, ['--headless', `-env:UserInstallation=file://${join(folder.path, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', outDir, ...files], { encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    for (const name of ['workbook.pdf', 'consortium.pdf', 'consortium-es.pdf']) {
      const pdf = join(outDir, name);
      expect(existsSync(pdf), `${pdf} was not written`).toBe(true);
      expect(statSync(pdf).size).toBeGreaterThan(20_000);
    }
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('/usr/bin/pdftotext', [join(outDir, 'consortium-es.pdf'), '-']).toString('utf8');
      expect(text).toContain('Matriz de confianza');
      expect(text).toContain('Archivos rechazados');
    }
  }, 300_000);

  it('with a data folder, its partner keys decide, and the same files are refused', async () => {
    const dataDir = await consortium.registryDataDir();
    const result = await cli(consortium.folder, '--out', 'registry.xlsx', '--data-dir', dataDir, '--today', consortium.today);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('checked against the partner keys of the data folder');
    for (const refused of consortium.expected.refused) expect(result.out).toContain(`  ${refused.fileName}: ${refused.code} — `);
  }, 60_000);
});

describe('trustbridge consortium, when it cannot', () => {
  it('explains wrong options and exits 1', async () => {
    const none = await cli();
    expect(none.code).toBe(1);
    expect(none.err).toContain('Name the folder of exchange files.');
    expect(none.err).toContain('Usage: trustbridge consortium');

    const pdf = await cli(folder.path, '--out', 'overview.pdf');
    expect(pdf.code).toBe(1);
    expect(pdf.err).toContain('--out must end in .xlsx');

    const day = await cli(folder.path, '--out', 'overview.xlsx', '--today', '2026-02-30');
    expect(day.code).toBe(1);
    expect(day.err).toContain('--today must be a date');

    const missing = await cli(join(folder.path, 'no-such-folder'), '--out', 'overview.xlsx');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('There is no folder');

    const dataDir = await cli(folder.path, '--out', 'overview.xlsx', '--data-dir', 'nowhere');
    expect(dataDir.code).toBe(1);
    expect(dataDir.err).toContain('There is no data folder');

    const unknown = await cli(folder.path, '--out', 'overview.xlsx', '--colour', 'blue');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Unknown option --colour.');
  });

  it('exits 2 and writes nothing when no file could be counted', async () => {
    const empty = join(folder.path, 'empty-folder');
    await mkdir(empty);
    const nothing = await cli(empty, '--out', 'nothing.xlsx');
    expect(nothing.code).toBe(2);
    expect(nothing.err).toContain('No .trustbridge file was found');

    const broken = join(folder.path, 'broken-folder');
    await mkdir(broken);
    await writeFile(join(broken, 'audit.trustbridge'), '{"format": "trustbridge-exchange"');
    const refused = await cli(broken, '--out', 'refused.docx');
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('audit.trustbridge: INVALID_FILE');
    expect(refused.err).toContain('No assessment in the folder could be counted');
    expect(existsSync(join(folder.path, 'refused.docx'))).toBe(false);
  });

  it('is listed in the command line help', async () => {
    const run = context();
    await runCli(['--help'], run.context);
    expect(run.out.join('')).toContain('consortium <folder> --out <file.xlsx|file.docx>');
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('--data-dir');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
