/**
 * `trustbridge raters` and the demo's team assessment, through the bundled command line as users
 * run it: `demo` writes a self-assessment rated by three colleagues, `raters` reports who rated
 * what and how well they agreed, checked against the stored document and an independent
 * computation of alpha from the ratings printed.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ordinalAlpha } from '../../../../shared/team/alpha';
import { currentRatings, type RatingValue } from '../../../../shared/team/schema';
import { assessmentSchema } from '../../../../shared/assessment/schema';
import { buildCli } from '../../../support/built-cli';
import { tempFolder } from '../../../support/temp';

let cli: Awaited<ReturnType<typeof buildCli>>;
let folder: Awaited<ReturnType<typeof tempFolder>>;
let dataDir: string;
let teamId: string;
let demoOut: string;

beforeAll(async () => {
  [cli, folder] = await Promise.all([buildCli(), tempFolder('trustbridge-raters-')]);
  dataDir = join(folder.path, 'demo');
  const demo = cli.run(['demo', '--out', dataDir]);
  expect(demo.status, demo.stderr).toBe(0);
  demoOut = demo.stdout;
  teamId = /^team-assessment\s+(\S+)/m.exec(demo.stdout)?.[1] ?? '';
}, 240_000);

afterAll(async () => {
  await cli?.dispose();
  await folder?.remove();
});

interface RatersOutput {
  raters: number;
  alpha: number | null;
  pairable: number;
  byDimension: Record<string, number | null>;
  ratings: Record<string, Record<string, RatingValue>>;
  flagged: string[];
  consolidated: number;
}

describe('trustbridge raters', () => {
  it('demo prints the team assessment’s id on its own line and keeps the other lines', () => {
    expect(teamId).toMatch(/^[0-9a-f-]{36}$/);
    for (const line of ['partnership', 'self-assessment (A)', 'self-assessment (B)', 'audit of B by A', 'audit of A by B']) expect(demoOut).toMatch(new RegExp(`^ {2}${line.replace(/[()]/g, '\\$&')}\\s+\\S+$`, 'm'));
  });

  it('prints raters, alpha overall and by dimension, and every rating by rater name, as the stored document holds them', async () => {
    const run = cli.run(['raters', '--in', dataDir, '--id', teamId, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout) as RatersOutput;

    // The stored document, read from disk.
    const stored = assessmentSchema.parse(JSON.parse(await readFile(join(dataDir, 'documents', 'assessments', `${teamId}.json`), 'utf8')));
    const team = stored.team!;
    const names = new Map(team.contributors.map((contributor) => [contributor.id, contributor.name]));
    const expected: Record<string, Record<string, RatingValue>> = {};
    for (const rating of currentRatings(team)) (expected[rating.criterionId] ??= {})[names.get(rating.contributorId)!] = rating.value;
    expect(output.ratings).toEqual(expected);
    expect(output.raters).toBe(new Set(Object.values(output.ratings).flatMap((byRater) => Object.keys(byRater))).size);
    expect(output.raters).toBeGreaterThanOrEqual(3);

    // The demo's promise: at least 20 criteria rated twice, some in disagreement, all consolidated.
    const double = Object.values(output.ratings).filter((byRater) => Object.keys(byRater).length >= 2);
    expect(double.length).toBeGreaterThanOrEqual(20);
    expect(double.some((byRater) => new Set(Object.values(byRater)).size > 1)).toBe(true);
    expect(output.consolidated).toBe(Object.keys(output.ratings).length);
    expect(Object.keys(output.ratings).every((criterionId) => stored.answers[criterionId]?.level !== null || stored.answers[criterionId]?.notApplicable)).toBe(true);

    // Alpha recomputed from the printed ratings, dimension by dimension (the criterion id's prefix).
    const units = (prefix?: string) => Object.entries(output.ratings).filter(([criterionId]) => !prefix || criterionId.startsWith(`${prefix}-`)).map(([, byRater]) => Object.values(byRater));
    const overall = ordinalAlpha(units());
    expect(output.pairable).toBe(overall.pairable);
    // The command rounds to three decimals.
    expect(output.alpha).toBeCloseTo(overall.alpha!, 2);
    for (const [dimension, alpha] of Object.entries(output.byDimension)) {
      const figure = ordinalAlpha(units(dimension));
      if (figure.alpha === null) expect(alpha).toBeNull();
      else expect(alpha).toBeCloseTo(figure.alpha, 2);
    }
    // Flagged: a spread of two levels or more.
    for (const [criterionId, byRater] of Object.entries(output.ratings)) {
      const levels = Object.values(byRater).flatMap((value) => (value === 'na' ? [] : [value]));
      const flagged = levels.length >= 2 && Math.max(...levels) - Math.min(...levels) >= 2;
      expect(output.flagged.includes(criterionId), criterionId).toBe(flagged);
    }
  });

  it('gives zero raters and a null alpha for an assessment rated by one officer alone', () => {
    const selfA = /^ {2}self-assessment \(A\)\s+(\S+)$/m.exec(demoOut)![1]!;
    const run = cli.run(['raters', '--in', dataDir, '--id', selfA, '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ raters: 0, alpha: null, ratings: {} });
  });

  it('names the problem: unknown id, missing --json, no such folder', () => {
    const unknown = cli.run(['raters', '--in', dataDir, '--id', 'no-such-assessment', '--json']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('no-such-assessment: no assessment with this id');
    const noJson = cli.run(['raters', '--in', dataDir, '--id', teamId]);
    expect(noJson.status).toBe(2);
    expect(noJson.stderr).toContain('--json');
    const noFolder = cli.run(['raters', '--in', join(folder.path, 'missing'), '--id', teamId, '--json']);
    expect(noFolder.status).toBe(1);
    expect(noFolder.stderr).toContain('no such data folder');
  });
});
