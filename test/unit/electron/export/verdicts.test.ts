/**
 * An incomplete assessment has progress, not a band, in every export: the Word report, the Excel
 * workbook and `trustbridge report`, read back from the files written. A draft with a few high
 * answers and every critical criterion unanswered is "ready" on paper — the verdict it must not show.
 */
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/run';
import { exportAssessmentReport, exportAssessmentWorkbook } from '../../../../electron/export';
import { summaryVerdict } from '../../../../shared/assessment/summary-verdict';
import { criteriaOf } from '../../../../shared/framework/schema';
import { scoreAssessment } from '../../../../shared/scoring';
import { setUpCore, type TestCore } from '../../../support/core';
import { templatesDir } from '../../../support/paths';

let core: TestCore;
let draftId: string;
let blockedId: string;
let critical: number;
let total: number;

function wordText(file: string): string {
  return execFileSync('/usr/bin/unzip', ['-p', file, 'word/document.xml'], { maxBuffer: 64 * 1024 * 1024 })
    .toString('utf8')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '');
}

beforeAll(async () => {
  const set = await setUpCore();
  core = set.core;
  const draft = await core.assessments.create({ kind: 'self', subjectId: set.own.id, frameworkKey: set.guide.key, language: 'en', title: 'Draft self-assessment' });
  const framework = core.assessments.frameworkOf(draft);
  const criteria = criteriaOf(framework);
  total = criteria.length;
  critical = criteria.filter((criterion) => criterion.critical).length;
  for (const criterion of criteria.filter((c) => !c.critical).slice(0, 3)) {
    await core.assessments.saveAnswer(draft.id, criterion.id, { level: 4 });
  }
  draftId = draft.id;
  expect(scoreAssessment(framework, (await core.assessments.get(draftId)).answers).band).toBe('ready');

  // A critical criterion at 0 settles "not ready" whatever the rest.
  const blocked = await core.assessments.create({ kind: 'self', subjectId: set.own.id, frameworkKey: set.guide.key, language: 'en', title: 'Blocked self-assessment' });
  const firstCritical = criteria.find((c) => c.critical)!;
  await core.assessments.saveAnswer(blocked.id, firstCritical.id, { level: 0 });
  blockedId = blocked.id;
}, 60_000);

afterAll(async () => {
  await core?.dispose();
});

describe('an incomplete assessment in exports', () => {
  it('is listed with its progress and the number of critical criteria unanswered, not a band', () => {
    expect(summaryVerdict(core.assessments.summary(draftId))).toEqual({
      kind: 'progress',
      answered: 3,
      total,
      criticalUnanswered: critical,
      scoreSoFar: 100,
      certain: null,
      because: [],
    });
  });

  it('writes "Not decided yet" and the score so far in the Word report, never the band', async () => {
    const out = join(core.dataDir, 'draft.docx');
    await exportAssessmentReport({ core, templatesDir, language: 'en', id: draftId, outPath: out });
    const text = wordText(out);
    const result = text.split('\n').find((line) => line.startsWith('Result:'));
    expect(result).toBe(`Result: Not decided yet — 3 of ${total} answered · critical unanswered: ${critical} · 100.0% so far`);
    expect(text).not.toContain('(provisional)');
  });

  it('writes the progress in the workbook’s band cell, and the score as "so far"', async () => {
    const out = join(core.dataDir, 'draft.xlsx');
    await exportAssessmentWorkbook({ core, templatesDir, language: 'es', id: draftId, outPath: out });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const cells = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : [])));
    expect(cells).toContain(`Aún sin decidir (3 de ${total} respondidos · críticos sin responder: ${critical} · 100,0 % hasta ahora)`);
    expect(cells).toContain('Puntuación hasta ahora (no es un resultado)');
    expect(cells.some((cell) => /^Preparada/.test(cell))).toBe(false);
  });

  it('states a band already certain, with the criterion that settles it', async () => {
    const out = join(core.dataDir, 'blocked.docx');
    await exportAssessmentReport({ core, templatesDir, language: 'en', id: blockedId, outPath: out });
    const result = wordText(out).split('\n').find((line) => line.startsWith('Result:'))!;
    expect(result).toMatch(/^Result: Not ready — already decided by [A-Z]+-\d+, whatever the remaining answers · 1 of \d+ answered/);
  });

  it('is the same through `trustbridge report`', async () => {
    await core.store.flush();
    const lines: string[] = [];
    const context = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text), cwd: core.dataDir };
    process.env['TRUSTBRIDGE_TEMPLATES'] = templatesDir;
    const code = await runCli(['report', '--kind', 'self', '--format', 'docx', '--in', '.', '--id', draftId, '--out', 'cli.docx'], context);
    expect(code, lines.join('\n')).toBe(0);
    expect(wordText(join(core.dataDir, 'cli.docx'))).toContain('Result: Not decided yet — 3 of');
  });
});
