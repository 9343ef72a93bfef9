/**
 * The checks `npm test` runs, side by side: the four type checks, lint (ESLint, and oxlint for the
 * type-aware rules), the import cycle check, the production build, and Electronegativity once the
 * build has passed (it reads the built page). The electron-builder configuration is validated by
 * the package tests (test/package), which build from it; `npm run check:builder` still validates
 * it alone.
 * Each is one process that mostly computes alone, so as many run at once as the machine has
 * cores (at least two). Every check's output is printed whole when it ends, with its time; the
 * script exits non-zero if any check failed, after all have ended, so one run shows every failure.
 *
 * With `--then-tests` (what `npm test` uses) the tests (`vitest run`) start as soon as the build
 * has passed, the one check they need, beside the checks still running: lint alone takes half a
 * minute on one core, and the other core would otherwise wait for it. Vitest's output is shown as
 * it comes; a check ending meanwhile prints its result between Vitest's lines. If the build fails
 * the tests do not start. Electronegativity runs beside the tests too.
 *
 * Checks at a lower priority (`nice -n 10`), to fill the moments the tests wait, were tried and
 * made the run slower: two full runs each way, the processor time of the whole run grew by 66 and
 * 153 CPU-s with them (937 against 871, 1,077 against 924), more than the idle time they filled.
 *
 *   npx tsx scripts/checks.ts               # all of them
 *   npx tsx scripts/checks.ts lint          # the ones whose name contains "lint"
 *   npx tsx scripts/checks.ts --then-tests  # all of them, and the tests once the build passed
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, statfs, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

interface Check {
  name: string;
  command: string;
  args: string[];
  /** A check that must have passed first (in this run, when it is in it). */
  after?: Check;
}

const bin = (name: string) => resolve(import.meta.dirname, '..', 'node_modules', '.bin', name);
const tsx = (script: string): Check['args'] => [resolve(import.meta.dirname, script)];
/**
 * Where lint and the type checks keep what they learnt about unchanged files, so a second run
 * checks only what changed; undefined (every file checked afresh) with TRUSTBRIDGE_NO_CACHE=1.
 * - ESLint's own cache (`--cache`, by each file's content): a file whose text, and the
 *   configuration, are those of the last run gets the last run's findings. Every rule in
 *   eslint.config.js reads only the file it checks (the layers are rules on a file's own
 *   imports; cycles are check:cycles' job), so nothing another file changed can alter them. The
 *   folder is named by the hash of package-lock.json and eslint.config.js: another version of any
 *   package, or of the configuration, starts an empty cache.
 * - TypeScript's incremental build information (`--incremental`, one file per project): it records
 *   every input file's hash, the libraries and the installed types included, and checks again
 *   what depends on any that changed.
 * Both live in node_modules/.cache, which a fresh install (`npm ci`) starts without: CI's run on
 * a clean clone checks everything. Measured alone on this 2-core machine: lint 27 s (32 CPU-s)
 * cold against 2.7 s warm; the test project's type check 6.2 s against 1.8 s.
 */
const cacheDir = process.env['TRUSTBRIDGE_NO_CACHE']
  ? undefined
  : join(
      resolve(import.meta.dirname, '..', 'node_modules', '.cache', 'trustbridge-checks'),
      createHash('sha256')
        .update(readFileSync(resolve(import.meta.dirname, '..', 'package-lock.json')))
        .update(readFileSync(resolve(import.meta.dirname, '..', 'eslint.config.js')))
        .digest('hex')
        .slice(0, 16),
    );
const eslintCache = cacheDir ? ['--cache', '--cache-strategy', 'content', '--cache-location', join(cacheDir, 'eslint')] : [];

/**
 * The type checks run on TypeScript 7, the native compiler (about six times faster here); lint
 * keeps TypeScript 6 (`typescript`), because typescript-eslint needs the compiler's JS API, which 7
 * does not have. Both packages name their command `tsc`, so this one is called by its path.
 */
const tsc = resolve(import.meta.dirname, '..', 'node_modules', 'typescript7', 'bin', 'tsc');
/**
 * One project's type check, on one thread. By default TypeScript 7 checks with four threads: on
 * this 2-core machine, where the checks run beside lint and the tests, that took about 80 % more
 * processor time for the same wall time (the four checks: 23 s against 13 s of CPU, measured one
 * after the other with /usr/bin/time).
 */
const typecheck = (project: string): Check['args'] => ['-p', project, '--singleThreaded', ...(cacheDir ? ['--incremental', '--tsBuildInfoFile', join(cacheDir, `tsc-${project}.tsbuildinfo`)] : [])];

/** The build, which the tests wait for. */
const build: Check = { name: 'build', command: 'npm', args: ['run', '-s', 'build'] };
/** Electronegativity reads the built page (its content security policy): it waits for the build. */
const security: Check = { name: 'check:security', command: bin('tsx'), args: tsx('electronegativity.ts'), after: build };
/** The build first, then the others longest first, so the slowest never start last. */
const checks: Check[] = [
  build,
  { name: 'lint', command: bin('eslint'), args: ['.', ...eslintCache] },
  { name: 'typecheck test', command: tsc, args: typecheck('test') },
  // The type-aware lint rules, on TypeScript 7 (tsgolint): .oxlintrc.json.
  { name: 'lint promises', command: bin('oxlint'), args: ['--type-aware'] },
  { name: 'typecheck renderer', command: tsc, args: typecheck('renderer') },
  { name: 'typecheck electron', command: tsc, args: typecheck('electron') },
  security,
  { name: 'check:cycles', command: bin('tsx'), args: tsx('check-cycles.ts') },
  { name: 'typecheck shared', command: tsc, args: typecheck('shared') },
];

interface Outcome {
  name: string;
  code: number;
  seconds: number;
}

function run(check: Check): Promise<Outcome> {
  const started = performance.now();
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    const child = spawn(check.command, check.args, { cwd: resolve(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const finish = (code: number) => {
      const seconds = (performance.now() - started) / 1000;
      const output = Buffer.concat(chunks).toString().trimEnd();
      process.stdout.write(`${code === 0 ? '✓' : '✗'} ${check.name} (${seconds.toFixed(1)} s)\n${output ? `${output}\n` : ''}`);
      done({ name: check.name, code, seconds });
    };
    child.on('error', (error) => {
      chunks.push(Buffer.from(String(error)));
      finish(1);
    });
    child.on('close', (code) => finish(code ?? 1));
  });
}

/** What the tests' temporary folders may need at most at once, with room to spare (160 MB was seen). */
const testTempNeeds = 2 ** 30;

/**
 * A folder for the tests' temporary files (TMPDIR) in a RAM file system, or undefined for the
 * system's own. The tests save through the app's durable writes: thousands of fsyncs, each a
 * journal commit and a disk flush on a disk, nothing on tmpfs. The file-system calls, the files and
 * their bytes are the same; only the flush is not there to wait for. Measured one after the other
 * on this 2-core machine (twice), unit and reliability took 365 and 398 CPU-s (189 and 206 s)
 * with their temp folders in /dev/shm against 448 and 449 CPU-s (237 and 238 s) on the disk.
 * Durability itself is proven by the power-loss and crash tests, which do not depend on the
 * medium; the benchmarks (`npm run bench`) measure on the disk.
 *
 * TRUSTBRIDGE_TEST_TMP names another folder, or `disk` for the system's temp folder. A RAM folder
 * is used only if it has room for the tests (`testTempNeeds`) and lets a file there run (the
 * package test starts the app it built): a 64 MB /dev/shm, as in a default Docker container, or
 * one mounted noexec, is passed over.
 */
async function testTempRoot(): Promise<string | undefined> {
  const choice = process.env['TRUSTBRIDGE_TEST_TMP'] || '/dev/shm';
  if (choice === 'disk') return undefined;
  try {
    const { bavail, bsize } = await statfs(choice);
    if (bavail * bsize < testTempNeeds) return undefined;
    const root = await mkdtemp(join(choice, 'trustbridge-tests-'));
    const probe = join(root, 'probe.sh');
    await writeFile(probe, '#!/bin/sh\nexit 0\n');
    await chmod(probe, 0o755);
    const runs = await new Promise<boolean>((answer) => {
      const child = spawn(probe, [], { stdio: 'ignore' });
      child.on('error', () => answer(false));
      child.on('close', (code) => answer(code === 0));
    });
    await rm(probe);
    if (runs) return root;
    await rm(root, { recursive: true, force: true });
  } catch {
    // No such folder, or not ours to write: the system's temp folder serves.
  }
  return undefined;
}

/** `vitest run` with its output shown as it comes; the build is done, so its e2e setup skips it. */
async function runTests(): Promise<Outcome> {
  const started = performance.now();
  const temp = await testTempRoot();
  process.stdout.write(temp ? `Temporary files of the tests: ${temp} (in memory; TRUSTBRIDGE_TEST_TMP=disk keeps them on the disk)\n` : '');
  const outcome = await new Promise<Outcome>((done) => {
    const child = spawn(bin('vitest'), ['run'], { cwd: resolve(import.meta.dirname, '..'), stdio: 'inherit', env: { ...process.env, E2E_SKIP_BUILD: '1', ...(temp ? { TMPDIR: temp } : {}) } });
    const finish = (code: number) => done({ name: 'tests (vitest run)', code, seconds: (performance.now() - started) / 1000 });
    child.on('error', (error) => {
      process.stdout.write(`✗ vitest did not start: ${String(error)}\n`);
      finish(1);
    });
    child.on('close', (code) => finish(code ?? 1));
  });
  if (temp && !process.env['KEEP_TEST_DATA']) await rm(temp, { recursive: true, force: true });
  return outcome;
}

async function main(): Promise<number> {
  if (cacheDir) await mkdir(cacheDir, { recursive: true });
  const arguments_ = process.argv.slice(2);
  const withTests = arguments_.includes('--then-tests');
  const filter = arguments_.find((argument) => !argument.startsWith('--'));
  const queue = checks.filter((check) => !filter || check.name.includes(filter));
  const outcomes: Outcome[] = [];
  const running: Array<Promise<unknown>> = [];
  const ended = new Map<Check, Promise<Outcome>>();
  const runCheck = async (check: Check): Promise<Outcome> => {
    const first = check.after && ended.get(check.after);
    if (first && (await first).code !== 0) {
      process.stdout.write(`✗ ${check.name} (not run: ${check.after!.name} failed)\n`);
      return { name: check.name, code: 1, seconds: 0 };
    }
    return run(check);
  };
  const workers = Array.from({ length: Math.max(2, availableParallelism()) }, async () => {
    for (let check = queue.shift(); check; check = queue.shift()) {
      const pending = runCheck(check);
      ended.set(check, pending);
      const outcome = await pending;
      outcomes.push(outcome);
      if (withTests && check === build) {
        if (outcome.code === 0) running.push(runTests().then((tests) => outcomes.push(tests)));
        else process.stdout.write('The tests do not start: the build failed.\n');
      }
    }
  });
  await Promise.all(workers);
  await Promise.all(running);
  const failed = outcomes.filter((outcome) => outcome.code !== 0);
  if (withTests && !outcomes.some((outcome) => outcome.name === 'tests (vitest run)')) failed.push({ name: 'tests (not run)', code: 1, seconds: 0 });
  if (failed.length > 0) {
    process.stdout.write(`\n${failed.length} check(s) failed: ${failed.map((outcome) => outcome.name).join(', ')}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
