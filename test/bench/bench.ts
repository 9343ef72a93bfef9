/**
 * `npm run bench`: the figures of product.md's "What good means in numbers", measured side by side
 * in one run on this machine. Prints a table; `npm run bench -- --json` prints one JSON object with
 * exactly the issue's keys; `npm run bench -- --update-docs` also rewrites docs/benchmarks.md.
 * Benchmarks, not tests: nothing here fails a build.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, platform, release, totalmem } from 'node:os';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { openCore, type Core } from '../../electron/app/core';
import { exportAssessmentWorkbook, exportReadinessReport, writeDemoData } from '../../electron/export';
import { createExchangeFile } from '../../electron/exchange/write';
import { writeFileDurably } from '../../electron/store/durable-write';
import type { Assessment } from '../../shared/assessment/schema';
import { criteriaOf } from '../../shared/framework/schema';
import { launchApp, launchBrowser } from '../e2e/harness';
import { makeParty, partnerProfile } from '../support/exchange-factories';
import { sampleProfile } from '../support/factories';
import { rendererDist, repoRoot, templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';

const { values: flags } = parseArgs({ options: { json: { type: 'boolean', default: false }, 'update-docs': { type: 'boolean', default: false }, saves: { type: 'string', default: '150' } } });
const log = (message: string) => {
  if (!flags.json) process.stderr.write(`${message}\n`);
};
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

const openStore = (dataDir: string) =>
  openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'bench', platform: process.platform, systemLocale: 'en-GB', snapshotEveryMs: Number.MAX_SAFE_INTEGER });

// ------------------------------------------------------------------------------------------------
// big stores, written directly in the store's format

interface BigStore {
  dataDir: string;
  count: number;
  target: string;
}

/**
 * A store of `count` assessments: the own institution and one half-answered self-assessment made
 * through the services, then that document copied `count - 1` times with new ids, written as the
 * store writes documents, and listed in the catalogue (marked as cleanly closed). 10,000 service
 * calls would take minutes; the files are the same.
 */
async function bigStore(root: string, count: number): Promise<BigStore> {
  const dataDir = join(root, `store-${count}`);
  const core = await openStore(dataDir);
  const own = await core.institutions.saveOwn(sampleProfile());
  await core.store.updateSettings({ userName: 'Jordi Puig', userRole: 'Quality officer', setupCompleted: true });
  const guide = core.frameworks.list().find((item) => item.origin === 'built-in')!;
  const first = await core.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey: guide.key, language: 'en', title: 'Self-assessment 1' });
  const criteria = criteriaOf(core.assessments.frameworkOf(first));
  for (const [index, criterion] of criteria.entries()) {
    if (index % 2) continue;
    await core.assessments.saveAnswer(first.id, criterion.id, { level: (index % 5) as 0 | 1 | 2 | 3 | 4, justification: `Documented in the quality manual, section ${index}; reviewed by the quality committee in 2026.` });
  }
  const template = await core.assessments.get(first.id);
  const kind = core.assessments.kind;
  await core.close();

  const index = JSON.parse(await readFile(join(dataDir, 'index.json'), 'utf8')) as { cleanShutdown: boolean; collections: Record<string, Record<string, unknown>> };
  const folder = join(dataDir, 'documents', 'assessments');
  const batch: Array<Promise<void>> = [];
  for (let i = 1; i < count; i += 1) {
    const id = randomUUID();
    const copy: Assessment = { ...template, id, seriesId: id, title: `Self-assessment ${i + 1}`, updatedAt: new Date(Date.parse(template.updatedAt) - i * 60_000).toISOString() };
    index.collections['assessments']![id] = kind.summarise(copy);
    batch.push(writeFile(join(folder, `${id}.json`), JSON.stringify(copy) + '\n'));
    if (batch.length >= 200) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  index.cleanShutdown = true;
  await writeFile(join(dataDir, 'index.json'), JSON.stringify(index) + '\n');
  return { dataDir, count, target: first.id };
}

// ------------------------------------------------------------------------------------------------

async function childPeakMb(root: string, args: string[]): Promise<{ peakMb: number; detail: string }> {
  const outfile = join(root, 'memory-child.cjs');
  await build({ entryPoints: [join(repoRoot, 'test/bench/memory-child.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['electron', '@resvg/resvg-js'], logLevel: 'silent' });
  const result = spawnSync(process.execPath, [outfile, ...args], { encoding: 'utf8', env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') } });
  if (result.status !== 0) throw new Error(`memory child failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as { peakMb: number; detail: string };
}

/**
 * Builds the renderer as users get it. A build left by the end-to-end tests is not that: Vitest
 * sets NODE_ENV=test, so Vite builds React's development version (larger and slower, with its
 * warnings, which the e2e harness counts as page errors).
 */
function buildRendererForProduction(): void {
  log('Building the renderer for production (npm run build:renderer, NODE_ENV=production) …');
  execFileSync('npm', ['run', 'build:renderer'], { cwd: repoRoot, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
}

async function rendererBundleKbGzip(): Promise<{ kb: number; files: number }> {
  const assets = join(rendererDist, 'assets');
  const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
  let bytes = 0;
  for (const name of scripts) bytes += gzipSync(await readFile(join(assets, name)), { level: 9 }).length;
  return { kb: bytes / 1024, files: scripts.length };
}

async function main(): Promise<void> {
  buildRendererForProduction();
  const root = await mkdtemp(join(tmpdir(), 'trustbridge-bench-'));
  const details: Array<[string, string]> = [];
  try {
    // ---- saving one answer with 10, 1,000 and 10,000 stored assessments, and a bare write
    log('Building stores of 10, 1,000 and 10,000 assessments …');
    const stores = [await bigStore(root, 10), await bigStore(root, 1000), await bigStore(root, 10_000)];
    const cores: Core[] = [];
    for (const store of stores) cores.push(await openStore(store.dataDir));
    const criteria = criteriaOf(cores[0]!.assessments.frameworkOf(await cores[0]!.assessments.get(stores[0]!.target))).map((criterion) => criterion.id);
    const saves = Number(flags.saves);
    const timings: number[][] = stores.map(() => []);
    const bare: number[] = [];
    const barePath = join(root, 'bare.json');
    log(`Saving ${saves} answers in each store, round robin, and as many bare atomic writes …`);
    for (let i = 0; i < saves + 10; i += 1) {
      const criterionId = criteria[i % criteria.length]!;
      let bytes = '';
      for (const [s, store] of stores.entries()) {
        const started = performance.now();
        const saved = await cores[s]!.assessments.saveAnswer(store.target, criterionId, { level: (i % 5) as 0 | 1 | 2 | 3 | 4, justification: `Save ${i}: documented in the quality manual and reviewed in 2026.` });
        const elapsed = performance.now() - started;
        if (i >= 10) timings[s]!.push(elapsed);
        bytes = JSON.stringify(saved) + '\n';
      }
      const started = performance.now();
      // The bare atomic write the save is compared with: the store's own durable write (temp file,
      // fsync, rename, fsync of the folder) without the .bak a save keeps.
      await writeFileDurably(barePath, bytes, { keepBackup: false });
      if (i >= 10) bare.push(performance.now() - started);
    }
    const [save10, save1k, save10k] = timings.map(median) as [number, number, number];
    const bareMs = median(bare);
    details.push(['save, 10 assessments (median ms)', save10.toFixed(2)], ['save, 1,000 assessments (median ms)', save1k.toFixed(2)], ['save, 10,000 assessments (median ms)', save10k.toFixed(2)], ['bare atomic write of the same bytes (median ms)', bareMs.toFixed(2)]);
    for (const core of cores) await core.close();

    // ---- memory: opening the store of 10,000 assessments and listing them
    log('Opening the store of 10,000 assessments in a child process …');
    const openPeak = await childPeakMb(root, ['open', stores[2]!.dataDir, templatesDir]);
    details.push(['open 10,000 + list', openPeak.detail]);

    // ---- the readiness report and the workbook of a full mutual audit
    log('Writing the demo data (a full mutual audit) and exporting …');
    const demoDir = join(root, 'demo');
    const demo = await writeDemoData({ dataDir: demoDir, templatesDir });
    const demoCore = await openStore(demoDir);
    const docxTimes: number[] = [];
    const xlsxTimes: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      let started = performance.now();
      await exportReadinessReport({ core: demoCore, templatesDir, language: 'en', id: demo.partnership, outPath: join(root, 'readiness.docx') });
      if (i > 0) docxTimes.push(performance.now() - started);
      started = performance.now();
      await exportAssessmentWorkbook({ core: demoCore, templatesDir, language: 'en', id: demo.partnership, outPath: join(root, 'workbook.xlsx') });
      if (i > 0) xlsxTimes.push(performance.now() - started);
    }
    await demoCore.close();
    const exportPeak = await childPeakMb(root, ['export', demoDir, templatesDir, demo.partnership, root]);
    details.push(['export child', exportPeak.detail]);

    // ---- importing and verifying 50 exchange files
    log('Making 50 signed exchange files and importing them …');
    const party = await makeParty(partnerProfile(), 'Prof. Dr. Anna Schmidt');
    const filesDir = join(root, 'exchange');
    await mkdir(filesDir);
    const paths: string[] = [];
    const subject = { institutionId: 'partner-local-id', legalName: party.profile.legalName, country: party.profile.country };
    const demoAssessment = await (async () => {
      const core = await openStore(demoDir);
      try {
        return await core.assessments.get(demo.assessments.selfB);
      } finally {
        await core.close();
      }
    })();
    for (let i = 0; i < 50; i += 1) {
      const id = randomUUID();
      const assessment: Assessment = { ...demoAssessment, id, seriesId: id, title: `Self-assessment ${2026 - i}`, subject, assessor: subject, origin: { type: 'local' } };
      const bytes = await createExchangeFile({ issuer: party.issuer, items: [{ type: 'assessment', assessment }] }, party.keyRing, party.signer);
      const path = join(filesDir, `partner-${String(i).padStart(2, '0')}.trustbridge`);
      await writeFile(path, bytes);
      paths.push(path);
    }
    const receiverDir = join(root, 'receiver');
    const receiver = await openStore(receiverDir);
    await receiver.institutions.saveOwn(sampleProfile());
    await receiver.store.updateSettings({ userName: 'Jordi Puig', setupCompleted: true });
    const importStarted = performance.now();
    const previews = await receiver.exchange.preview(paths);
    const accepted = previews.filter((preview) => preview.ok);
    let applied = 0;
    try {
      applied = (await receiver.exchange.apply(accepted.map((preview) => preview.token))).reduce((sum, result) => sum + result.added, 0);
    } catch (error) {
      details.push(['import: apply', `not applied (${(error as Error).message})`]);
    }
    const import50Ms = performance.now() - importStarted;
    details.push(['import 50 files', `${accepted.length} verified, ${applied} items added, ${previews.length - accepted.length} refused${previews.find((p) => !p.ok)?.error ? ` (${previews.find((p) => !p.ok)!.error!.message})` : ''}`]);
    await receiver.close();
    await party.remove();

    // ---- first render of Home with 1,000 vs 10 assessments, in Chromium
    log('Rendering Home with 1,000 and 10 assessments in Chromium …');
    const browser = await launchBrowser();
    const homeTimes: Record<number, number[]> = { 10: [], 1000: [] };
    try {
      const apps = [await launchApp({ dataDir: stores[0]!.dataDir, browser }), await launchApp({ dataDir: stores[1]!.dataDir, browser })];
      for (let round = 0; round < 8; round += 1) {
        for (const [a, app] of apps.entries()) {
          const started = performance.now();
          await app.page.goto(`${app.baseUrl}/index.html`);
          await app.page.getByRole('heading', { level: 1 }).waitFor();
          await app.page.locator('section[aria-labelledby="home-assessments"] table tbody tr').first().waitFor();
          const elapsed = performance.now() - started;
          if (round > 0) homeTimes[a === 0 ? 10 : 1000]!.push(elapsed);
        }
      }
      for (const app of apps) await app.close();
    } finally {
      await browser.close();
    }
    const home10 = median(homeTimes[10]!);
    const home1000 = median(homeTimes[1000]!);
    details.push(['Home first render, 10 / 1,000 assessments (median ms)', `${home10.toFixed(0)} / ${home1000.toFixed(0)}`]);

    const bundle = await rendererBundleKbGzip();
    details.push(['renderer bundle', `${bundle.files} script file(s)`]);

    const figures = {
      saveRatio10kTo10: round(save10k / save10),
      saveVsBareWrite: round(save10k / bareMs),
      readinessDocxMs: round(median(docxTimes), 0),
      workbookXlsxMs: round(median(xlsxTimes), 0),
      import50Ms: round(import50Ms, 0),
      homeRender1000To10: round(home1000 / home10),
      rendererBundleKbGzip: round(bundle.kb, 0),
      exportPeakMb: round(exportPeak.peakMb, 0),
      openStore10kPeakMb: round(openPeak.peakMb, 0),
    };
    report(figures, details);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

type Figures = Record<'saveRatio10kTo10' | 'saveVsBareWrite' | 'readinessDocxMs' | 'workbookXlsxMs' | 'import50Ms' | 'homeRender1000To10' | 'rendererBundleKbGzip' | 'exportPeakMb' | 'openStore10kPeakMb', number>;

const rows: Array<{ key: keyof Figures; what: string; bar: string; ok?: (value: number) => boolean }> = [
  { key: 'saveRatio10kTo10', what: 'saving one answer, 10,000 : 10 stored assessments', bar: '≤ 1.5', ok: (v) => v <= 1.5 },
  { key: 'saveVsBareWrite', what: 'saving one answer : bare atomic write of the same bytes', bar: '≤ 2', ok: (v) => v <= 2 },
  { key: 'readinessDocxMs', what: 'readiness report (docx), full mutual audit, ms', bar: 'well under 1,000', ok: (v) => v < 1000 },
  { key: 'workbookXlsxMs', what: 'assessment workbook (xlsx), full mutual audit, ms', bar: 'well under 1,000', ok: (v) => v < 1000 },
  { key: 'import50Ms', what: 'import and verify 50 exchange files, ms', bar: 'a few seconds', ok: (v) => v < 5000 },
  { key: 'homeRender1000To10', what: 'first render of Home, 1,000 : 10 assessments', bar: '≤ 1.3', ok: (v) => v <= 1.3 },
  { key: 'rendererBundleKbGzip', what: 'renderer bundle, gzipped, KB', bar: '(reported)' },
  { key: 'exportPeakMb', what: 'peak memory, readiness report + workbook, MB', bar: '< 300', ok: (v) => v < 300 },
  { key: 'openStore10kPeakMb', what: 'peak memory, opening 10,000 assessments and listing them, MB', bar: '< 200', ok: (v) => v < 200 },
];

function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  let os = `${platform()} ${release()}`;
  try {
    const pretty = /PRETTY_NAME="([^"]+)"/.exec(execFileSync('cat', ['/etc/os-release'], { encoding: 'utf8' }))?.[1];
    if (pretty) os = `${pretty} (${release()})`;
  } catch {
    // not Linux
  }
  return `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 1024 ** 3)} GB RAM, ${os}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

function table(figures: Figures): string {
  const lines = ['| figure | key | result | bar |', '| --- | --- | --- | --- |'];
  for (const row of rows) {
    const value = figures[row.key];
    const verdict = row.ok ? (row.ok(value) ? ' ✓' : ' ✗') : '';
    lines.push(`| ${row.what} | \`${row.key}\` | ${value}${verdict} | ${row.bar} |`);
  }
  return lines.join('\n');
}

function report(figures: Figures, details: Array<[string, string]>): void {
  if (flags.json) {
    process.stdout.write(JSON.stringify(figures) + '\n');
    return;
  }
  const text = `${table(figures)}\n\nDetails\n${details.map(([label, value]) => `- ${label}: ${value}`).join('\n')}\n\nMachine: ${machine()}\n`;
  process.stdout.write(text);
  if (flags['update-docs']) void updateDocs(figures, details);
}

async function updateDocs(figures: Figures, details: Array<[string, string]>): Promise<void> {
  const path = join(repoRoot, 'docs', 'benchmarks.md');
  const current = await readFile(path, 'utf8').catch(() => '');
  const start = current.indexOf('<!-- results -->');
  const end = current.indexOf('<!-- /results -->');
  const block = `<!-- results -->\nMachine: ${machine()}\n\n${table(figures)}\n\n${details.map(([label, value]) => `- ${label}: ${value}`).join('\n')}\n<!-- /results -->`;
  const next = start >= 0 && end > start ? current.slice(0, start) + block + current.slice(end + '<!-- /results -->'.length) : `${current}\n${block}\n`;
  await writeFile(path, next);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
