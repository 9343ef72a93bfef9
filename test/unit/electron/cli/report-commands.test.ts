/**
 * `trustbridge demo` and `trustbridge report` through runCli with a captured context: the demo
 * folder opens, its numbers are the same every time, and reports written from it open.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/run';
import { openCore } from '../../../../electron/app/core';
import { loadPartnershipReport } from '../../../../electron/export';
import { ScriptedDialogs } from '../../../support/scripted-dialogs';
import { repoRoot, templatesDir } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';

function context() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, context: { out: (text: string) => out.push(text), err: (text: string) => err.push(text), cwd: folder.path } };
}

let folder: Awaited<ReturnType<typeof tempFolder>>;
let ids: Record<string, string>;

beforeAll(async () => {
  folder = await tempFolder('trustbridge-cli-');
  process.env['TRUSTBRIDGE_TEMPLATES'] = templatesDir;
  const { out, err, context: ctx } = context();
  expect(await runCli(['demo', '--out', 'demo'], ctx), err.join('\n')).toBe(0);
  ids = Object.fromEntries([...out.join('\n').matchAll(/^ {2}(partnership|self-assessment \(A\)|self-assessment \(B\)|audit of B by A|audit of A by B)\s+(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}, 180_000);

afterAll(async () => {
  delete process.env['TRUSTBRIDGE_TEMPLATES'];
  await folder.remove();
});

describe('demo', () => {
  it('writes a data folder the app opens, with two institutions, four completed assessments, a team draft and a partnership decided with conditions', async () => {
    expect(Object.keys(ids)).toHaveLength(5);
    const core = await openCore({ dataDir: join(folder.path, 'demo'), templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB' });
    try {
      expect(core.institutions.list().map((i) => [i.kind, i.legalName])).toEqual([
        ['own', 'Universidad de Ejemplo'],
        ['partner', 'Tampere Test University'],
      ]);
      expect(core.assessments.list().map((a) => [a.kind, a.status, a.origin]).sort()).toEqual([
        ['audit', 'complete', 'exchange'],
        ['audit', 'complete', 'local'],
        ['self', 'complete', 'exchange'],
        ['self', 'complete', 'local'],
        // The committee's next self-assessment (team assessment), consolidated but not completed.
        ['self', 'draft', 'local'],
      ]);
      const report = await loadPartnershipReport(core, ids['partnership']!, 'en', () => new Date('2026-11-20T12:00:00.000Z'));
      expect(report.decision?.outcome).toBe('conditional');
      expect(report.actions).toHaveLength(6);
      expect(report.overdue).toBe(1);
      // Each condition of the decision answers a blocker: a critical criterion of Tampere's audit
      // below the level Ready needs, and nothing else blocks.
      expect(report.blockers.map((b) => [b.side, b.criterionId]).sort()).toEqual([
        ['B', 'ASM-01'],
        ['B', 'DAT-01'],
        ['B', 'GOV-01'],
      ]);
      expect(report.readiness).toMatchObject({ band: 'conditional', boundedBy: 'B', provisional: false });
      // Deterministic: a fixed clock and seeded choices give the same figures every time.
      expect([report.sides.A.overall.display, report.sides.B.overall.display]).toEqual([69, 68]);
      expect(report.conditions.map((c) => c.criterionId)).toEqual(['ASM-01', 'DAT-01', 'GOV-01']);
    } finally {
      await core.close();
    }
  });

  it('refuses to write over an existing data folder', async () => {
    const { err, context: ctx } = context();
    expect(await runCli(['demo', '--out', 'demo'], ctx)).toBe(1);
    expect(err.join('')).toContain('already holds a TrustBridge data folder');
  });
});

describe('report', () => {
  it('writes the readiness report, the workbook and both assessment reports from the demo folder', async () => {
    const cases: Array<[string[], string]> = [
      [['--kind', 'readiness', '--format', 'docx', '--id', ids['partnership']!], 'readiness.docx'],
      [['--kind', 'readiness', '--format', 'xlsx', '--id', ids['partnership']!], 'readiness.xlsx'],
      [['--kind', 'self', '--format', 'docx', '--id', ids['self-assessment (A)']!, '--language', 'es'], 'self.docx'],
      [['--kind', 'audit', '--format', 'docx', '--id', ids['audit of B by A']!, '--language', 'de'], 'audit.docx'],
      [['--kind', 'audit', '--format', 'xlsx', '--id', ids['audit of A by B']!], 'audit.xlsx'],
    ];
    for (const [args, file] of cases) {
      const { out, err, context: ctx } = context();
      expect(await runCli(['report', '--in', 'demo', '--out', file, ...args], ctx), err.join('\n')).toBe(0);
      expect(out.join('')).toContain(`Wrote ${join(folder.path, file)}`);
      expect(existsSync(join(folder.path, file))).toBe(true);
      // It opens: the zip is whole and holds its main part.
      const listing = execFileSync('/usr/bin/unzip', ['-l', join(folder.path, file)]).toString();
      expect(listing).toContain(file.endsWith('.docx') ? 'word/document.xml' : 'xl/workbook.xml');
    }
  }, 180_000);

  it('explains wrong options, an unknown id and the wrong kind', async () => {
    const missing = context();
    expect(await runCli(['report', '--kind', 'summary'], missing.context)).toBe(2);
    expect(missing.err.join('\n')).toContain('--kind must be readiness, brief, self or audit');
    expect(missing.err.join('\n')).toContain('.trustbridge exchange file');

    const unknown = context();
    expect(await runCli(['report', '--kind', 'readiness', '--in', 'demo', '--id', 'nope', '--out', 'x.docx'], unknown.context)).toBe(1);
    expect(unknown.err.join('')).toContain('no partnership with this id');

    const wrongKind = context();
    expect(await runCli(['report', '--kind', 'self', '--in', 'demo', '--id', ids['audit of B by A']!, '--out', 'x.docx'], wrongKind.context)).toBe(1);
    expect(wrongKind.err.join('')).toContain('use --kind audit');
  });

  it('is listed in the command line help', async () => {
    const { out, context: ctx } = context();
    await runCli(['--help'], ctx);
    expect(out.join('')).toMatch(/report --kind/);
    expect(out.join('')).toMatch(/demo --out/);
    expect(repoRoot).toBeTruthy();
  });
});
