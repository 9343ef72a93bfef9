/**
 * The checks `npm test` runs before Vitest, side by side: the four type checks, lint, the import
 * cycle check, the production build then Electronegativity (which reads the built page), and the
 * electron-builder configuration.
 * Each is one process that mostly computes alone, so as many run at once as the machine has
 * cores (at least two). Every check's output is printed whole when it ends, with its time; the
 * script exits non-zero if any check failed, after all have ended, so one run shows every failure.
 *
 *   npx tsx scripts/checks.ts           # all of them
 *   npx tsx scripts/checks.ts lint      # the ones whose name contains "lint"
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

interface Check {
  name: string;
  command: string;
  args: string[];
}

const bin = (name: string) => resolve(import.meta.dirname, '..', 'node_modules', '.bin', name);
const tsx = (script: string): Check['args'] => [resolve(import.meta.dirname, script)];
/**
 * The type checks run on TypeScript 7, the native compiler (about six times faster here); lint
 * keeps TypeScript 6 (`typescript`), because typescript-eslint needs the compiler's JS API, which 7
 * does not have. Both packages name their command `tsc`, so this one is called by its path.
 */
const tsc = resolve(import.meta.dirname, '..', 'node_modules', 'typescript7', 'bin', 'tsc');

/** Longest first, so the slowest ones never start last. */
const checks: Check[] = [
  { name: 'lint', command: bin('eslint'), args: ['.'] },
  { name: 'typecheck test', command: tsc, args: ['-p', 'test'] },
  { name: 'typecheck renderer', command: tsc, args: ['-p', 'renderer'] },
  // Electronegativity reads the built page (its content security policy): after the build.
  { name: 'build, check:security', command: 'sh', args: ['-c', `npm run -s build && ${JSON.stringify(bin('tsx'))} ${JSON.stringify(tsx('electronegativity.ts')[0])}`] },
  { name: 'typecheck electron', command: tsc, args: ['-p', 'electron'] },
  { name: 'typecheck shared', command: tsc, args: ['-p', 'shared'] },
  { name: 'check:cycles', command: bin('tsx'), args: tsx('check-cycles.ts') },
  { name: 'check:builder', command: bin('tsx'), args: tsx('validate-builder-config.ts') },
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

async function main(): Promise<number> {
  const filter = process.argv[2];
  const queue = checks.filter((check) => !filter || check.name.includes(filter));
  const outcomes: Outcome[] = [];
  const workers = Array.from({ length: Math.max(2, availableParallelism()) }, async () => {
    for (let check = queue.shift(); check; check = queue.shift()) outcomes.push(await run(check));
  });
  await Promise.all(workers);
  const failed = outcomes.filter((outcome) => outcome.code !== 0);
  if (failed.length > 0) {
    process.stdout.write(`\n${failed.length} check(s) failed: ${failed.map((outcome) => outcome.name).join(', ')}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
