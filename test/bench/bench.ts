/**
 * `npm run bench`: the figures of product.md's "What good means in numbers" and of issue 17,
 * measured side by side in one run on this machine. Prints a table; `npm run bench -- --json`
 * prints one JSON object with every figure's key (null when it could not be measured), plus
 * `secondsTaken` (per figure) and `machine`; `npm run bench -- --update-docs` also rewrites
 * docs/benchmarks.md. `--only save,crash` runs some groups (while developing: the whole bench is
 * heavy): save, open, export, import, home, bytes, crash, inbox, consortium. Benchmarks, not tests:
 * nothing here fails a build.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { type Core } from '../../electron/app/core';
import { exportAssessmentWorkbook, exportReadinessReport } from '../../electron/export';
import { writeDemoData } from '../../electron/demo/demo-data';
import { createExchangeFile } from '../../electron/exchange/write';
import { writeFileDurably } from '../../electron/store/durable-write';
import type { Assessment } from '../../shared/assessment/schema';
import { criteriaOf } from '../../shared/framework/schema';
import { launchApp, launchBrowser } from '../e2e/harness';
import { makeParty, partnerProfile } from '../support/exchange-factories';
import { sampleProfile } from '../support/factories';
import { rendererDist, repoRoot, templatesDir } from '../support/paths';
import { bigStore, openBenchCore as openStore, type BigStore } from './big-store';
import { consortiumFolder } from './consortium-folder';

const groups = ['save', 'open', 'export', 'import', 'home', 'bytes', 'crash', 'inbox', 'consortium'] as const;
type Group = (typeof groups)[number];
const { values: flags } = parseArgs({ options: { json: { type: 'boolean', default: false }, 'update-docs': { type: 'boolean', default: false }, saves: { type: 'string', default: '150' }, only: { type: 'string', default: groups.join(',') } } });
const selected = new Set(flags.only.split(',').map((name) => name.trim()));
const log = (message: string) => {
  if (!flags.json) process.stderr.write(`${message}\n`);
};
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

const keys = [
  'saveRatio10kTo10', 'saveVsBareWrite', 'readinessDocxMs', 'workbookXlsxMs', 'import50Ms', 'homeRender1000To10', 'rendererBundleKbGzip', 'exportPeakMb', 'openStore10kPeakMb',
  'bytesPerSave10kTo10', 'open10kCrashTo10kClean', 'open10kCleanMs', 'inboxAccept1000To10', 'consortium3000Ms', 'consortium3000PeakMb', 'rendererInitialKbGzip', 'homeFirstRenderMs',
] as const;
type Key = (typeof keys)[number];
/** A figure, or null: not measured (why is in `missing`). Never a made-up number. */
type Figures = Record<Key, number | null>;

const figures = Object.fromEntries(keys.map((key) => [key, null])) as Figures;
const secondsTaken: Partial<Record<Key, number>> = {};
const missing: Partial<Record<Key, string>> = {};
const details: Array<[string, string]> = [];
const loadAtStart = loadavg().map((value) => value.toFixed(1)).join(' / ');

/**
 * Runs one group of measurements: its figures, with the time it took, or — if it was not selected
 * or failed — each of its figures missing, with the reason.
 */
async function measure(group: Group, groupKeys: readonly Key[], work: () => Promise<Partial<Record<Key, number | null>>>): Promise<void> {
  if (!selected.has(group)) {
    for (const key of groupKeys) missing[key] = `not run (--only ${flags.only})`;
    return;
  }
  const started = performance.now();
  try {
    const result = await work();
    const seconds = round((performance.now() - started) / 1000, 1);
    for (const key of groupKeys) {
      const value = result[key];
      if (typeof value === 'number' && Number.isFinite(value)) {
        figures[key] = value;
        secondsTaken[key] = seconds;
      } else missing[key] ??= 'could not be measured';
    }
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
    for (const key of groupKeys) missing[key] = reason;
    log(`${group}: not measured: ${reason}`);
  }
}

// ------------------------------------------------------------------------------------------------
// child processes (an esbuild bundle, as the app's main process is bundled)

interface ChildResult {
  peakMb: number;
  detail: string;
  value?: number | null;
}

let childBundle: Promise<string> | undefined;
function bundleChild(root: string): Promise<string> {
  const outfile = join(root, 'memory-child.cjs');
  childBundle ??= build({ entryPoints: [join(repoRoot, 'test/bench/memory-child.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['electron', '@resvg/resvg-js'], logLevel: 'silent' }).then(() => outfile);
  return childBundle;
}
const childEnv = () => ({ ...process.env, NODE_PATH: join(repoRoot, 'node_modules') });

async function runChild(root: string, args: string[]): Promise<ChildResult> {
  const outfile = await bundleChild(root);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [outfile, ...args], { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`bench child ${args[0]} failed: ${err.trim().split('\n')[0]}`));
      else resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildResult);
    });
  });
}

/** Starts saving answers in a child and kills it with SIGKILL in the middle of its saves. */
async function crashWhileSaving(root: string, store: BigStore, afterMs: number): Promise<void> {
  const outfile = await bundleChild(root);
  const child = spawn(process.execPath, [outfile, 'save-loop', store.dataDir, templatesDir, store.target], { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  await new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line === 'saving') resolve();
    });
    child.on('close', (code) => reject(new Error(`the save loop ended (${code}) before it was killed`)));
  });
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  child.kill('SIGKILL');
  await exited;
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

const gzipKb = async (path: string) => gzipSync(await readFile(path), { level: 9 }).length / 1024;

async function rendererBundleKbGzip(): Promise<{ kb: number; files: number }> {
  const assets = join(rendererDist, 'assets');
  const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
  let kb = 0;
  for (const name of scripts) kb += await gzipKb(join(assets, name));
  return { kb, files: scripts.length };
}

async function main(): Promise<void> {
  const needsBrowser = selected.has('home');
  if (needsBrowser) buildRendererForProduction();
  const root = await mkdtemp(join(tmpdir(), 'trustbridge-bench-'));
  const storeCache = new Map<number, Promise<BigStore>>();
  const storeOf = (count: number) => {
    if (!storeCache.has(count)) {
      log(`Building a store of ${count.toLocaleString('en')} assessments …`);
      const started = performance.now();
      storeCache.set(count, bigStore(root, count).then((store) => {
        details.push([`store of ${count.toLocaleString('en')} assessments written (s)`, ((performance.now() - started) / 1000).toFixed(1)]);
        return store;
      }));
    }
    return storeCache.get(count)!;
  };
  try {
    // ---- saving one answer with 10, 1,000 and 10,000 stored assessments, and a bare write
    await measure('save', ['saveRatio10kTo10', 'saveVsBareWrite'], async () => {
      const stores = [await storeOf(10), await storeOf(1000), await storeOf(10_000)];
      const cores: Core[] = [];
      for (const store of stores) cores.push(await openStore(store.dataDir));
      const criteria = criteriaOf(cores[0]!.assessments.frameworkOf(await cores[0]!.assessments.get(stores[0]!.target))).map((criterion) => criterion.id);
      const saves = Number(flags.saves);
      const timings: number[][] = stores.map(() => []);
      const bare: number[] = [];
      const left: number[] = [];
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
          // What a save leaves to be done after it is acknowledged (the copies folder's fsync, the
          // catalogue's journal line) is done here, untimed, as it is between an officer's saves:
          // otherwise it would run during the next timed write and slow that instead.
          const leftStarted = performance.now();
          await cores[s]!.store.flush();
          if (i >= 10 && s === stores.length - 1) left.push(performance.now() - leftStarted);
        }
        const started = performance.now();
        // The bare atomic write the save is compared with: the store's own durable write (temp file,
        // fsync, rename, fsync of the folder) without the .bak a save keeps.
        await writeFileDurably(barePath, bytes, { keepBackup: false });
        if (i >= 10) bare.push(performance.now() - started);
      }
      const [save10, save1k, save10k] = timings.map(median) as [number, number, number];
      const bareMs = median(bare);
      details.push(['save, 10 assessments (median ms)', save10.toFixed(2)], ['save, 1,000 assessments (median ms)', save1k.toFixed(2)], ['save, 10,000 assessments (median ms)', save10k.toFixed(2)], ['bare atomic write of the same bytes (median ms)', bareMs.toFixed(2)], ['after a save, 10,000 assessments: copies folder fsync and catalogue journal, untimed (median ms)', median(left).toFixed(2)]);
      for (const core of cores) await core.close();
      return { saveRatio10kTo10: round(save10k / save10), saveVsBareWrite: round(save10k / bareMs) };
    });

    // ---- memory: opening the store of 10,000 assessments and listing them
    await measure('open', ['openStore10kPeakMb'], async () => {
      const store = await storeOf(10_000);
      log('Opening the store of 10,000 assessments in a child process …');
      const openPeak = await runChild(root, ['open', store.dataDir, templatesDir]);
      details.push(['open 10,000 + list', openPeak.detail]);
      return { openStore10kPeakMb: round(openPeak.peakMb, 0) };
    });

    // ---- bytes written per saved answer over a one-minute editing session
    await measure('bytes', ['bytesPerSave10kTo10'], async () => {
      const stores = [await storeOf(10), await storeOf(10_000)];
      log('Two one-minute editing sessions (one save every 200 ms), 10 and 10,000 assessments, side by side …');
      const [small, large] = await Promise.all(stores.map((store) => runChild(root, ['session', store.dataDir, templatesDir, store.target, '300', '200'])));
      details.push(['editing session, 10 assessments', `${small!.detail}, ${small!.value === null ? 'unmeasured' : `${Math.round(small!.value!)} B per save`}`], ['editing session, 10,000 assessments', `${large!.detail}, ${large!.value === null ? 'unmeasured' : `${Math.round(large!.value!)} B per save`}`]);
      if (typeof small!.value !== 'number' || typeof large!.value !== 'number') throw new Error('bytes written cannot be read on this system (/proc/self/io)');
      return { bytesPerSave10kTo10: round(large!.value / small!.value) };
    });

    // ---- opening the store of 10,000 after a crash and after a clean shutdown
    await measure('crash', ['open10kCrashTo10kClean', 'open10kCleanMs'], async () => {
      const store = await storeOf(10_000);
      const crash: number[] = [];
      const clean: number[] = [];
      log('Opening the store of 10,000 assessments after SIGKILL during a save, and after a clean shutdown (3 rounds) …');
      // A first clean opening, so both kinds start from a store the app has opened before.
      await runChild(root, ['open-timed', store.dataDir, templatesDir]);
      let crashDetail = '';
      for (let round = 0; round < 3; round += 1) {
        await crashWhileSaving(root, store, 300 + round * 150);
        const afterCrash = await runChild(root, ['open-timed', store.dataDir, templatesDir]);
        crash.push(afterCrash.value!);
        crashDetail = afterCrash.detail;
        // The opening above closed cleanly.
        clean.push((await runChild(root, ['open-timed', store.dataDir, templatesDir])).value!);
      }
      details.push(['open 10,000 until Home is ready, after a crash / clean (median ms)', `${median(crash).toFixed(0)} / ${median(clean).toFixed(0)} (${crashDetail})`]);
      return { open10kCrashTo10kClean: round(median(crash) / median(clean)), open10kCleanMs: round(median(clean), 0) };
    });

    // ---- the readiness report and the workbook of a full mutual audit
    const demoDir = join(root, 'demo');
    let demo: Awaited<ReturnType<typeof writeDemoData>> | undefined;
    const demoData = async () => (demo ??= await writeDemoData({ dataDir: demoDir, templatesDir }));
    await measure('export', ['readinessDocxMs', 'workbookXlsxMs', 'exportPeakMb'], async () => {
      log('Writing the demo data (a full mutual audit) and exporting …');
      const { partnership } = await demoData();
      const demoCore = await openStore(demoDir);
      const docxTimes: number[] = [];
      const xlsxTimes: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        let started = performance.now();
        await exportReadinessReport({ core: demoCore, templatesDir, language: 'en', id: partnership, outPath: join(root, 'readiness.docx') });
        if (i > 0) docxTimes.push(performance.now() - started);
        started = performance.now();
        await exportAssessmentWorkbook({ core: demoCore, templatesDir, language: 'en', id: partnership, outPath: join(root, 'workbook.xlsx') });
        if (i > 0) xlsxTimes.push(performance.now() - started);
      }
      await demoCore.close();
      const exportPeak = await runChild(root, ['export', demoDir, templatesDir, partnership, root]);
      details.push(['export child', exportPeak.detail]);
      return { readinessDocxMs: round(median(docxTimes), 0), workbookXlsxMs: round(median(xlsxTimes), 0), exportPeakMb: round(exportPeak.peakMb, 0) };
    });

    // ---- signed exchange files of one partner (import and inbox)
    const partnerFiles = async (party: Awaited<ReturnType<typeof makeParty>>, folder: string, count: number) => {
      const { assessments } = await demoData();
      const core = await openStore(demoDir);
      const demoAssessment = await core.assessments.get(assessments.selfB).finally(() => core.close());
      await mkdir(folder, { recursive: true });
      const subject = { institutionId: 'partner-local-id', legalName: party.profile.legalName, country: party.profile.country };
      const paths: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const id = randomUUID();
        const assessment: Assessment = { ...demoAssessment, id, seriesId: id, title: `Self-assessment ${2026 - (i % 20)} (${i + 1})`, subject, assessor: subject, origin: { type: 'local' } };
        // As the app exports them: the issuer's institution with the assessment.
        const items = [{ type: 'institution' as const, institutionId: subject.institutionId, exchangeId: party.issuer.exchangeId, profile: party.profile }, { type: 'assessment' as const, assessment }];
        const bytes = await createExchangeFile({ issuer: party.issuer, items }, party.keyRing, party.signer);
        const path = join(folder, `partner-${String(i).padStart(4, '0')}.trustbridge`);
        await writeFile(path, bytes);
        paths.push(path);
      }
      return paths;
    };
    const receiverCore = async (dataDir: string) => {
      const core = await openStore(dataDir);
      await core.institutions.saveOwn(sampleProfile());
      await core.store.updateSettings({ userName: 'Jordi Puig', setupCompleted: true });
      return core;
    };

    // ---- importing and verifying 50 exchange files
    await measure('import', ['import50Ms'], async () => {
      log('Making 50 signed exchange files and importing them …');
      const party = await makeParty(partnerProfile(), 'Prof. Dr. Anna Schmidt');
      try {
        const paths = await partnerFiles(party, join(root, 'exchange'), 50);
        const receiver = await receiverCore(join(root, 'receiver'));
        const importStarted = performance.now();
        const previews = await receiver.exchange.preview(paths);
        const accepted = previews.filter((preview) => preview.ok);
        const applied = (await receiver.exchange.apply(accepted.map((preview) => preview.token))).reduce((sum, result) => sum + result.added, 0);
        const import50Ms = performance.now() - importStarted;
        details.push(['import 50 files', `${accepted.length} verified, ${applied} items added, ${previews.length - accepted.length} refused${previews.find((p) => !p.ok)?.error ? ` (${previews.find((p) => !p.ok)!.error!.message})` : ''}`]);
        await receiver.close();
        return { import50Ms: round(import50Ms, 0) };
      } finally {
        await party.remove();
      }
    });

    // ---- accepting one inbox file with 1,000 and with 10 pending
    await measure('inbox', ['inboxAccept1000To10'], async () => {
      log('Making 1,010 signed exchange files and accepting inbox files with 10 and 1,000 pending …');
      const party = await makeParty(partnerProfile(), 'Prof. Dr. Anna Schmidt');
      try {
        const times: Record<number, number[]> = {};
        for (const pending of [10, 1000]) {
          await partnerFiles(party, join(root, `inbox-${pending}`), pending);
          const core = await receiverCore(join(root, `inbox-receiver-${pending}`));
          const listed = await core.inbox.setFolder(join(root, `inbox-${pending}`));
          if (listed.entries.length !== pending) throw new Error(`the inbox listed ${listed.entries.length} of ${pending} files`);
          times[pending] = [];
          for (let i = 0; i < 5; i += 1) {
            const entry = core.inbox.view().entries[i]!;
            const started = performance.now();
            const { view } = await core.inbox.accept(entry.sha256);
            times[pending]!.push(performance.now() - started);
            if (view.entries.length !== pending - i - 1) throw new Error(`after accepting, ${view.entries.length} files are listed instead of ${pending - i - 1}`);
          }
          await core.inbox.stop();
          await core.close();
        }
        details.push(['accept one inbox file, 10 / 1,000 pending (median ms of 5)', `${median(times[10]!).toFixed(1)} / ${median(times[1000]!).toFixed(1)}`]);
        details.push(['each accept, 10 / 1,000 pending (ms; the first from a new partner re-reads its files)', `${times[10]!.map((t) => t.toFixed(0)).join(', ')} / ${times[1000]!.map((t) => t.toFixed(0)).join(', ')}`]);
        return { inboxAccept1000To10: round(median(times[1000]!) / median(times[10]!)) };
      } finally {
        await party.remove();
      }
    });

    // ---- a consortium of 300 members, 10 signed files each
    await measure('consortium', ['consortium3000Ms', 'consortium3000PeakMb'], async () => {
      log('Making a shared folder of 300 members × 10 signed files …');
      const started = performance.now();
      const folder = await consortiumFolder(root, 300, 10);
      details.push(['consortium folder of 3,000 files written (s)', ((performance.now() - started) / 1000).toFixed(1)]);
      log('Trust matrix and workbook of the 3,000 files, in a child process …');
      const out = join(root, 'consortium-out');
      await mkdir(out, { recursive: true });
      const result = await runChild(root, ['consortium', folder, templatesDir, out]);
      details.push(['consortium of 300 members', result.detail]);
      return { consortium3000Ms: typeof result.value === 'number' ? round(result.value, 0) : null, consortium3000PeakMb: round(result.peakMb, 0) };
    });

    // ---- first render of Home with 1,000 vs 10 assessments, in Chromium; what it loads
    await measure('home', ['homeRender1000To10', 'homeFirstRenderMs', 'rendererBundleKbGzip', 'rendererInitialKbGzip'], async () => {
      const stores = [await storeOf(10), await storeOf(1000)];
      log('Rendering Home with 1,000 and 10 assessments in Chromium …');
      const browser = await launchBrowser();
      const homeTimes: Record<number, number[]> = { 10: [], 1000: [] };
      let initialKb = 0;
      let initialFiles = 0;
      try {
        const apps = [await launchApp({ dataDir: stores[0]!.dataDir, browser }), await launchApp({ dataDir: stores[1]!.dataDir, browser })];
        for (let round = 0; round < 8; round += 1) {
          for (const [a, app] of apps.entries()) {
            const scripts: string[] = [];
            const onResponse = (response: { url(): string; request(): { resourceType(): string } }) => {
              if (response.request().resourceType() === 'script') scripts.push(response.url());
            };
            app.page.on('response', onResponse);
            const started = performance.now();
            await app.page.goto(`${app.baseUrl}/index.html`);
            await app.page.getByRole('heading', { level: 1 }).waitFor();
            await app.page.locator('section[aria-labelledby="home-assessments"] table tbody tr').first().waitFor();
            const elapsed = performance.now() - started;
            app.page.off('response', onResponse);
            if (round > 0) homeTimes[a === 0 ? 10 : 1000]!.push(elapsed);
            if (round === 1 && a === 1) {
              // The scripts fetched before Home showed its first row, as built files, gzipped.
              const files = [...new Set(scripts.map((url) => new URL(url).pathname.replace(/^\//, '')))];
              initialFiles = files.length;
              for (const file of files) initialKb += await gzipKb(join(rendererDist, file));
            }
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
      details.push(['renderer bundle', `${bundle.files} script file(s), ${initialFiles} loaded before Home`]);
      return {
        homeRender1000To10: round(home1000 / home10),
        homeFirstRenderMs: round(home1000, 0),
        rendererBundleKbGzip: round(bundle.kb, 0),
        rendererInitialKbGzip: initialFiles ? round(initialKb, 0) : null,
      };
    });

    report();
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const rows: Array<{ key: Key; what: string; bar: string; ok?: (value: number) => boolean }> = [
  { key: 'saveRatio10kTo10', what: 'saving one answer, 10,000 : 10 stored assessments', bar: '≤ 1.5', ok: (v) => v <= 1.5 },
  { key: 'saveVsBareWrite', what: 'saving one answer : bare atomic write of the same bytes', bar: '≤ 2', ok: (v) => v <= 2 },
  { key: 'readinessDocxMs', what: 'readiness report (docx), full mutual audit, ms', bar: 'well under 1,000', ok: (v) => v < 1000 },
  { key: 'workbookXlsxMs', what: 'assessment workbook (xlsx), full mutual audit, ms', bar: 'well under 1,000', ok: (v) => v < 1000 },
  { key: 'import50Ms', what: 'import and verify 50 exchange files, ms', bar: 'a few seconds', ok: (v) => v < 5000 },
  { key: 'homeRender1000To10', what: 'first render of Home, 1,000 : 10 assessments', bar: '≤ 1.3', ok: (v) => v <= 1.3 },
  { key: 'rendererBundleKbGzip', what: 'renderer bundle, all scripts, gzipped, KB', bar: '(reported)' },
  { key: 'exportPeakMb', what: 'peak memory, readiness report + workbook, MB', bar: '< 300', ok: (v) => v < 300 },
  { key: 'openStore10kPeakMb', what: 'peak memory, opening 10,000 assessments and listing them, MB', bar: '< 200', ok: (v) => v < 200 },
  { key: 'bytesPerSave10kTo10', what: 'bytes written per saved answer in a one-minute session, 10,000 : 10', bar: '≤ 1.5', ok: (v) => v <= 1.5 },
  { key: 'open10kCrashTo10kClean', what: 'opening 10,000 until Home is ready, after SIGKILL : after a clean shutdown', bar: '≤ 2', ok: (v) => v <= 2 },
  { key: 'open10kCleanMs', what: 'opening 10,000 after a clean shutdown until Home is ready, ms', bar: '≤ 1,500', ok: (v) => v <= 1500 },
  { key: 'inboxAccept1000To10', what: 'accepting one inbox file, 1,000 : 10 pending', bar: '≤ 1.5', ok: (v) => v <= 1.5 },
  { key: 'consortium3000Ms', what: 'trust matrix + workbook, 300 members × 10 signed files, ms', bar: '≤ 15,000', ok: (v) => v <= 15_000 },
  { key: 'consortium3000PeakMb', what: 'peak memory of that, in a child process, MB', bar: '≤ 400', ok: (v) => v <= 400 },
  { key: 'rendererInitialKbGzip', what: 'scripts loaded before Home is shown, gzipped, KB', bar: '≤ 250', ok: (v) => v <= 250 },
  { key: 'homeFirstRenderMs', what: 'Home with its first row visible, 1,000 assessments, production build, ms', bar: '(reported)' },
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
  // The load average (1, 5, 15 minutes) when the run ended: timings in milliseconds depend on it.
  const load = platform() === 'win32' ? '' : `, load average ${loadavg().map((value) => value.toFixed(1)).join(' / ')} at the end (at the start ${loadAtStart})`;
  return `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 1024 ** 3)} GB RAM, ${os}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}${load}`;
}

function table(): string {
  const lines = ['| figure | key | result | bar | took (s) |', '| --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    const value = figures[row.key];
    const shown = value === null ? `missing (${missing[row.key] ?? 'not measured'})` : `${value}${row.ok ? (row.ok(value) ? ' ✓' : ' ✗') : ''}`;
    lines.push(`| ${row.what} | \`${row.key}\` | ${shown} | ${row.bar} | ${secondsTaken[row.key] ?? '–'} |`);
  }
  return lines.join('\n');
}

function report(): void {
  if (flags.json) {
    process.stdout.write(JSON.stringify({ ...figures, secondsTaken, missing, machine: machine() }) + '\n');
    return;
  }
  const text = `${table()}\n\nDetails\n${details.map(([label, value]) => `- ${label}: ${value}`).join('\n')}\n\nMachine: ${machine()}\n`;
  process.stdout.write(text);
  if (flags['update-docs']) void updateDocs();
}

async function updateDocs(): Promise<void> {
  const path = join(repoRoot, 'docs', 'benchmarks.md');
  const current = await readFile(path, 'utf8').catch(() => '');
  const start = current.indexOf('<!-- results -->');
  const end = current.indexOf('<!-- /results -->');
  const block = `<!-- results -->\nMachine: ${machine()}\n\n${table()}\n\n${details.map(([label, value]) => `- ${label}: ${value}`).join('\n')}\n<!-- /results -->`;
  const next = start >= 0 && end > start ? current.slice(0, start) + block + current.slice(end + '<!-- /results -->'.length) : `${current}\n${block}\n`;
  await writeFile(path, next);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
