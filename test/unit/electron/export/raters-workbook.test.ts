/**
 * The assessment workbook of a team assessment gains a "Raters" sheet (in the report's language):
 * who rated what, the spread, the flag, the consolidated rating, and alpha overall and per
 * dimension. Read back with openpyxl, an independent reader.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAssessmentWorkbook } from '../../../../electron/export';
import type { Language } from '../../../../shared/framework/schema';
import { emptyTeam, type RatingValue } from '../../../../shared/team/schema';
import { setUpCore, type TestCore } from '../../../support/core';
import { templatesDir } from '../../../support/paths';

const python = '/usr/bin/python3';
const now = () => new Date('2026-11-23T09:00:00.000Z');
let core: TestCore;
let id: string;

/** Ratings by criterion: one entry per colleague (null: not rated). */
const table: Record<string, Array<RatingValue | null>> = {};

beforeAll(async () => {
  const setup = await setUpCore();
  core = setup.core;
  const assessment = await core.assessments.create({ kind: 'self', subjectId: setup.own.id, frameworkKey: setup.guide.key, language: 'en', title: 'Committee self-assessment' });
  id = assessment.id;
  for (const person of [
    { name: 'Ana Registrar', role: 'Registrar', email: '' },
    { name: 'Ben Datenschutz', role: 'Data protection officer', email: '' },
    { name: 'Cleo Programme', role: 'Programme leader', email: '' },
  ])
    await core.team.addContributor(id, person);
  let view = await core.team.view(id);
  const [c1, c2, c3, c4] = view.dimensions[0]!.criteria.map((criterion) => criterion.id) as [string, string, string, string];
  const [d1, d2] = view.dimensions[1]!.criteria.map((criterion) => criterion.id) as [string, string];
  Object.assign(table, { [c1]: [3, 3, null], [c2]: [1, 4, 2], [c3]: [2, null, 2], [c4]: [4, null, null], [d1]: [null, 0, 1], [d2]: [null, 3, 3] });
  // The colleagues' ratings as an applied contribution records them.
  await core.store.update(core.assessments.kind, id, (draft) => {
    const team = structuredClone(draft.team ?? emptyTeam());
    for (const [criterionId, values] of Object.entries(table)) {
      values.forEach((value, index) => {
        if (value === null) return;
        team.ratings.push({
          id: `${criterionId}-${index}`,
          contributorId: team.contributors[index]!.id,
          criterionId,
          value,
          justification: `Rating ${value}`,
          evidence: [],
          ratedAt: '2026-11-20T10:00:00.000Z',
          recordedAt: '2026-11-21T10:00:00.000Z',
          source: { type: 'workbook', fileName: 'contribution.xlsx' },
        });
      });
    }
    return { ...draft, team };
  });
  view = await core.team.view(id);
  const ratingIds = (criterionId: string) => view.criteria.find((criterion) => criterion.criterionId === criterionId)!.ratings.map((rating) => rating.ratingId);
  await core.team.consolidate(id, { criterionId: c2, value: 2, reason: 'Uneven practice across faculties', fromRatingIds: ratingIds(c2) });
  await core.team.consolidate(id, { criterionId: c1, value: 3, reason: '', fromRatingIds: ratingIds(c1) });
}, 60_000);

afterAll(async () => {
  await core?.dispose();
});

function hasOpenpyxl(): boolean {
  return spawnSync(python, ['-c', 'import openpyxl']).status === 0;
}

const reader = `
import sys, json, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
name = sys.argv[2]
s = wb[name]
rows = [[c for c in r] for r in s.iter_rows(values_only=True)]
print(json.dumps({"sheets": wb.sheetnames, "rows": rows}, default=str))
`;

describe('the Raters sheet of the assessment workbook', () => {
  it.each([
    ['en', 'Raters', 'Yes'],
    ['es', 'Evaluadores', 'Sí'],
    ['de', 'Bewertende', 'Ja'],
  ] as const)('in %s: lists every rating by colleague, the spread, the flag and the decision, and alpha overall and per dimension', async (language: Language, sheet, yes) => {
    if (!hasOpenpyxl()) {
      console.warn('openpyxl is not installed for /usr/bin/python3: skipping (apt-get install python3-openpyxl).');
      return;
    }
    const out = join(core.dataDir, `team-${language}.xlsx`);
    await exportAssessmentWorkbook({ core, templatesDir, language, id, outPath: out, now });
    const read = JSON.parse(execFileSync(python, ['-c', reader, out, sheet]).toString('utf8')) as { sheets: string[]; rows: Array<Array<string | number | null>> };
    expect(read.sheets.at(-1)).toBe(sheet);
    const header = read.rows[2]!;
    expect(header.slice(3, 6)).toEqual(['Ana Registrar (Registrar)', 'Ben Datenschutz (Data protection officer)', 'Cleo Programme (Programme leader)']);
    const view = await core.team.view(id, language);
    for (const [criterionId, values] of Object.entries(table)) {
      const row = read.rows.find((cells) => cells[1] === criterionId)!;
      expect(row, criterionId).toBeDefined();
      expect(row.slice(3, 6)).toEqual(values);
      const criterion = view.criteria.find((candidate) => candidate.criterionId === criterionId)!;
      expect(row[6]).toBe(criterion.spread);
      expect(row[7] ?? '').toBe(criterion.flagged ? yes : '');
      expect(row[8] ?? null).toBe(criterion.consolidation?.value ?? null);
    }
    // c2: rated 1, 4 and 2: spread 3, flagged, consolidated 2 with the reason and who decided.
    const c2 = read.rows.find((cells) => cells[4] === 4)!;
    expect(c2.slice(6, 11)).toEqual([3, yes, 2, 'Uneven practice across faculties', 'Jordi Puig']);
    // Agreement rows: overall first, then dimensions; alpha as the view has it, to three decimals.
    const overallRow = read.rows.find((cells) => typeof cells[2] === 'number' && cells[0] !== null && String(cells[0]).length > 4 && cells[3] !== null && typeof cells[1] === 'number')!;
    expect(overallRow[1]).toBe(Math.round(view.agreement.overall.alpha! * 1000) / 1000);
    expect(overallRow[2]).toBe(view.agreement.overall.pairable);
    const firstDimension = view.dimensions[0]!.id;
    const dimensionRow = read.rows.find((cells) => cells[0] === firstDimension && typeof cells[2] === 'number')!;
    expect(dimensionRow[1]).toBe(Math.round(view.agreement.byDimension[firstDimension]!.alpha! * 1000) / 1000);
  });
});
