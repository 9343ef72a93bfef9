/**
 * The Word report of a team assessment gains a "Raters" section (agreement overall and per
 * dimension with its reading; every rated criterion with each colleague's level, the spread and the
 * coordinator's decision), and the readiness brief says in one line how many colleagues rated the
 * assessments of the decision and how well they agreed. Read back with python-docx, an independent
 * reader. An assessment rated by one officer alone gets neither.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../../electron/app/core';
import { writeDemoData, type DemoResult } from '../../../../electron/demo/demo-data';
import { exportAssessmentReport, exportBrief } from '../../../../electron/export';
import { ordinalAlpha } from '../../../../shared/team/alpha';
import { emptyTeam, type RatingValue } from '../../../../shared/team/schema';
import { ScriptedDialogs } from '../../../support/scripted-dialogs';
import { templatesDir } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';

const python = '/usr/bin/python3';
const hasDocx = spawnSync(python, ['-c', 'import docx']).status === 0;
const now = () => new Date('2026-11-23T09:00:00.000Z');
let folder: Awaited<ReturnType<typeof tempFolder>>;
let demo: DemoResult;
let core: Core;
const raters = ['Ana Registrar', 'Ben Datenschutz', 'Cleo Programme'];
/** Levels by criterion, one per colleague (null: not rated). */
const table: Record<string, Array<RatingValue | null>> = {};

beforeAll(async () => {
  folder = await tempFolder('trustbridge-raters-report-');
  demo = await writeDemoData({ dataDir: join(folder.path, 'data'), templatesDir });
  core = await openCore({ dataDir: demo.dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB', now });
  const assessment = await core.assessments.get(demo.assessments.selfA);
  const framework = core.assessments.frameworkOf(assessment);
  const [first, second] = framework.dimensions;
  const [a, b, c] = first!.criteria.map((criterion) => criterion.id);
  const [d, e] = second!.criteria.map((criterion) => criterion.id);
  Object.assign(table, { [a!]: [3, 3, null], [b!]: [1, 4, 2], [c!]: [2, null, 'na'], [d!]: [null, 0, 1], [e!]: [null, 3, 3] });
  // The team record of the completed self-assessment, as contributions and decisions leave it.
  await core.store.update(core.assessments.kind, demo.assessments.selfA, (draft) => {
    const team = structuredClone(draft.team ?? emptyTeam());
    const ids = raters.map(() => randomUUID());
    raters.forEach((name, index) =>
      team.contributors.push({ id: ids[index]!, name, role: 'Colleague', email: '', assignment: { dimensions: [first!.id, second!.id], criteria: [] }, addedAt: '2026-11-01T09:00:00.000Z', requests: [] }),
    );
    for (const [criterionId, values] of Object.entries(table)) {
      values.forEach((value, index) => {
        if (value !== null) {
          team.ratings.push({ id: randomUUID(), contributorId: ids[index]!, criterionId, value, justification: '', evidence: [], ratedAt: '2026-11-02T09:00:00.000Z', recordedAt: '2026-11-03T09:00:00.000Z', source: { type: 'workbook', fileName: 'c.xlsx' } });
        }
      });
    }
    team.consolidations[b!] = { criterionId: b!, value: 2, reason: 'Uneven practice across faculties', decidedBy: 'QA office', decidedAt: '2026-11-04T09:00:00.000Z', fromRatingIds: team.ratings.filter((rating) => rating.criterionId === b).map((rating) => rating.id) };
    return { ...draft, team };
  });
}, 120_000);

afterAll(async () => {
  await core?.close();
  await folder?.remove();
});

const reader = `
import sys, json, docx
d = docx.Document(sys.argv[1])
paragraphs = [[p.style.name, p.text] for p in d.paragraphs]
tables = [[[c.text for c in r.cells] for r in t.rows] for t in d.tables]
print(json.dumps({"paragraphs": paragraphs, "tables": tables}))
`;

function readDocx(path: string): { paragraphs: Array<[string, string]>; tables: string[][][] } {
  return JSON.parse(execFileSync(python, ['-c', reader, path], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8'));
}

/** Alpha worked out again from the table above, independent of the team view. */
function expectedAlpha(criteria: string[]): number | null {
  return ordinalAlpha(criteria.map((id) => table[id]!)).alpha;
}

describe.skipIf(!hasDocx)('the Raters section and the brief line', () => {
  it.each(['en', 'es'] as const)('given a self-assessment three colleagues rated, the Word report (%s) has the Raters section with alpha and every rating', async (language) => {
    const out = join(folder.path, `self-${language}.docx`);
    await exportAssessmentReport({ core, templatesDir, language, id: demo.assessments.selfA, outPath: out, now });
    const { paragraphs, tables } = readDocx(out);
    const title = language === 'en' ? 'Raters and how well they agreed' : undefined;
    const heading = paragraphs.find(([style, text]) => style === 'Heading 1' && (title ? text === title : /evaluadores/i.test(text)));
    expect(heading, JSON.stringify(paragraphs.filter(([style]) => style.startsWith('Heading')))).toBeDefined();
    expect(paragraphs.some(([, text]) => text.startsWith(language === 'en' ? '3 colleagues rated 5 criteria; 5 of them' : '3 colegas evaluaron 5 criterios; 5 de ellos'))).toBe(true);

    const agreement = tables.find((rows) => rows[0]![1] === 'α')!;
    expect(agreement).toBeDefined();
    const overall = expectedAlpha(Object.keys(table));
    expect(overall).not.toBeNull();
    const shown = new Intl.NumberFormat(language, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(overall!);
    expect(agreement[1]![1]).toBe(shown);
    // Pairable: levels on criteria with two or more levels (N/A left out): 2 + 3 + 0 + 2 + 2.
    expect(agreement[1]![2]).toBe('9');

    const ratings = tables.find((rows) => rows.some((row) => row[2]?.includes('Ana Registrar: 1')))!;
    expect(ratings).toBeDefined();
    const [, b] = Object.keys(table);
    const row = ratings.find((cells) => cells[0] === b)!;
    expect(row[2]!.split('\n')).toEqual(['Ana Registrar: 1', 'Ben Datenschutz: 4', 'Cleo Programme: 2']);
    expect(row[3]).toBe('3 !');
    expect(row[4]).toContain('Uneven practice across faculties');
    expect(row[4]).toContain('QA office');
  }, 120_000);

  it('given an assessment one officer rated alone, the Word report has no Raters section', async () => {
    const out = join(folder.path, 'audit.docx');
    await exportAssessmentReport({ core, templatesDir, language: 'en', id: demo.assessments.auditOfB, outPath: out, now });
    const { paragraphs } = readDocx(out);
    expect(paragraphs.some(([, text]) => text === 'Raters and how well they agreed')).toBe(false);
    expect(paragraphs.length).toBeGreaterThan(20);
  }, 120_000);

  it('given the partnership, the brief says in one line how many colleagues rated the self-assessment and how well they agreed', async () => {
    const out = join(folder.path, 'brief.docx');
    await exportBrief({ core, templatesDir, language: 'en', id: demo.partnership, outPath: out, now });
    const { paragraphs } = readDocx(out);
    const title = (await core.assessments.get(demo.assessments.selfA)).title;
    const lines = paragraphs.filter(([, text]) => text.includes('colleagues rated; agreement α ='));
    expect(lines).toHaveLength(1);
    const overall = new Intl.NumberFormat('en', { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(expectedAlpha(Object.keys(table))!);
    expect(lines[0]![1]).toContain(`${title}: 3 colleagues rated; agreement α = ${overall} on 9 paired ratings.`);
  }, 120_000);
});
