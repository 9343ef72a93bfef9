/**
 * Crash safety, for real: a child process saves answers in a loop (save-loop.ts) and is killed
 * with SIGKILL at a random moment — while it opens and repairs the store, while it saves, while it
 * writes the catalogue. After each kill the store is opened through `openCore`, as the app would,
 * and checked:
 *   - every acknowledged save is there: for each criterion, the stored value is the last
 *     acknowledged one or a later one (at most the one save in flight when the kill came);
 *   - no save is mixed with another (each value's level belongs to its own save);
 *   - nothing is half-written: every JSON file parses, no temp file is left, and the store found
 *     nothing to set aside or restore;
 *   - the catalogue's summary (in memory and on disk) agrees with the document.
 * Used by the test in `npm test` (a few dozen kills) and by `npm run soak` (hundreds).
 */
import { catalogueOnDisk } from '../../../electron/store/catalogue-journal';
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { openCore } from '../../../electron/app/core';
import { seededRandom } from '../../../shared/seeded-random';
import { repoRoot, templatesDir } from '../../support/paths';
import { ScriptedDialogs } from '../../support/scripted-dialogs';
import { sampleProfile } from '../../support/factories';
import { builtInGuide } from '../../support/built-in-guides';

export interface CrashCycle {
  cycle: number;
  /** Where the kill was aimed: while opening (and repairing) the store, or while saving. */
  phase: 'opening' | 'saving';
  delayMs: number;
  acknowledged: number;
  /** The highest save number acknowledged so far, over all cycles. */
  lastAcknowledged: number;
  /** The stored values that were later than the last acknowledgement (a save in flight that completed). */
  aheadOfAcknowledged: number;
}

export interface CrashSummary {
  cycles: number;
  killedWhileOpening: number;
  killedWhileSaving: number;
  acknowledgedSaves: number;
  /** Kills after which a save in flight turned out to have completed (allowed, never required). */
  completedInFlight: number;
  durationMs: number;
}

export class CrashSafetyViolation extends Error {
  constructor(
    message: string,
    readonly cycle: number,
  ) {
    super(`cycle ${cycle}: ${message}`);
    this.name = 'CrashSafetyViolation';
  }
}

/** The child, bundled once with esbuild: a plain `node` start is fast enough for hundreds of kills. */
export async function buildSaveLoop(outDir: string): Promise<string> {
  const outfile = join(outDir, 'save-loop.cjs');
  await build({
    entryPoints: [join(repoRoot, 'test/reliability/crash/save-loop.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', '@resvg/resvg-js'],
    logLevel: 'silent',
  });
  return outfile;
}

/** A store with the own institution and a self-assessment to save answers to. */
export async function prepareCrashStore(dataDir: string): Promise<{ assessmentId: string }> {
  const core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'crash-test', platform: process.platform, systemLocale: 'en-GB' });
  try {
    const own = await core.institutions.saveOwn(sampleProfile());
    await core.store.updateSettings({ userName: 'Crash Test', setupCompleted: true });
    const guide = builtInGuide(core, '1.0');
    const assessment = await core.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey: guide.key, language: 'en', title: 'Crash test' });
    return { assessmentId: assessment.id };
  } finally {
    await core.close();
  }
}

/** The bundle lives in a temp folder; its one native dependency is found in the repository's node_modules. */
export function childEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') };
}

interface ChildRun {
  acks: Array<{ n: number; criterionId: string }>;
  ready: boolean;
  /** The number of the child's first save. */
  firstSave: number;
  /** How long the child took to open the store and say it was ready, in ms. */
  readyAfterMs: number;
  exitedOnItsOwn: boolean;
  stderr: string;
}

/**
 * Runs the child and kills it: `delayMs` after its start when `beforeReady`; otherwise `delayMs`
 * after it acknowledged `afterAcks` saves. Counting saves rather than milliseconds puts the kill
 * among saves however fast or loaded the machine is; the delay puts it at a random point of one.
 */
function runAndKill(childPath: string, args: readonly string[], kill: { beforeReady: boolean; delayMs: number; afterAcks: number }): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: childEnvironment() });
    const spawnedAt = Date.now();
    const run: ChildRun = { acks: [], ready: false, firstSave: 0, readyAfterMs: 0, exitedOnItsOwn: false, stderr: '' };
    let killed = false;
    const killNow = () => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    let timer: NodeJS.Timeout | undefined;
    if (kill.beforeReady) timer = setTimeout(killNow, kill.delayMs);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const [word, n, criterionId] = line.split(' ');
      if (word === 'ready' && n) {
        run.ready = true;
        run.firstSave = Number(n);
        run.readyAfterMs = Date.now() - spawnedAt;
        // A child that stops acknowledging is still killed (and the check then says what it saw).
        if (!kill.beforeReady) timer = setTimeout(killNow, 30_000);
      } else if (word === 'ack' && n && criterionId) {
        run.acks.push({ n: Number(n), criterionId });
        if (!kill.beforeReady && run.acks.length === kill.afterAcks) {
          clearTimeout(timer);
          timer = setTimeout(killNow, kill.delayMs);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      run.stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    // 'close' comes after the pipes are drained: every line the child wrote before dying is read.
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      run.exitedOnItsOwn = !killed || code !== null;
      resolve(run);
    });
  });
}

async function filesUnder(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else found.push(relative(root, path).split(sep).join('/'));
    }
  };
  await walk(root);
  return found;
}

export interface CrashOptions {
  dataDir: string;
  assessmentId: string;
  childPath: string;
  kills: number;
  seed?: number;
  /** The share of kills aimed at the child's start (opening and repairing the store). */
  openingShare?: number;
  /** Kills while saving come after this many acknowledged saves, at most (at least a quarter of it). */
  maxAcksBeforeKill?: number;
  /** … and then this long after the last of them, at most. */
  maxSavingDelayMs?: number;
  onCycle?: (cycle: CrashCycle) => void;
}

/** Runs `kills` kill-and-check cycles; throws a CrashSafetyViolation at the first broken promise. */
export async function runCrashCycles(options: CrashOptions): Promise<CrashSummary> {
  const started = Date.now();
  const random = seededRandom(options.seed ?? 1);
  // For each criterion, the value it must hold at least: its last acknowledged save, or a later
  // one that an earlier check found stored (a save in flight that completed).
  const floor = new Map<string, number>();
  let maxAck = 0;
  const summary: CrashSummary = { cycles: 0, killedWhileOpening: 0, killedWhileSaving: 0, acknowledgedSaves: 0, completedInFlight: 0, durationMs: 0 };
  // How long the child takes to get ready, learnt from the first runs, so kills "while opening"
  // land inside the opening.
  let startupMs = 400;
  for (let cycle = 1; cycle <= options.kills; cycle += 1) {
    const beforeReady = cycle > 2 && random() < (options.openingShare ?? 0.25);
    const delayMs = Math.round(beforeReady ? random() * startupMs : random() * (options.maxSavingDelayMs ?? 30));
    const maxAcks = options.maxAcksBeforeKill ?? 16;
    const afterAcks = Math.ceil(maxAcks / 4) + Math.floor(random() * (maxAcks - Math.ceil(maxAcks / 4) + 1));
    const run = await runAndKill(options.childPath, [options.dataDir, templatesDir, options.assessmentId], { beforeReady, delayMs, afterAcks });
    if (run.exitedOnItsOwn) throw new CrashSafetyViolation(`the child stopped by itself before it was killed:\n${run.stderr}`, cycle);
    if (!beforeReady && run.ready) startupMs = Math.max(100, Math.round(0.7 * startupMs + 0.3 * run.readyAfterMs));
    for (const ack of run.acks) {
      floor.set(ack.criterionId, Math.max(floor.get(ack.criterionId) ?? 0, ack.n));
      maxAck = Math.max(maxAck, ack.n);
    }
    // The one save that may have been under way when the kill came.
    const inFlight = run.acks.length ? run.acks.at(-1)!.n + 1 : run.ready ? run.firstSave : undefined;
    summary.acknowledgedSaves += run.acks.length;
    if (beforeReady && !run.ready) summary.killedWhileOpening += 1;
    else summary.killedWhileSaving += 1;

    const ahead = await checkStore(options, cycle, floor, inFlight);
    if (ahead > 0) summary.completedInFlight += 1;
    summary.cycles = cycle;
    options.onCycle?.({ cycle, phase: beforeReady && !run.ready ? 'opening' : 'saving', delayMs, acknowledged: run.acks.length, lastAcknowledged: maxAck, aheadOfAcknowledged: ahead });
  }
  summary.durationMs = Date.now() - started;
  return summary;
}

/** Opens the store as the app does after a crash and checks every promise; returns how many values were ahead of their ack. */
async function checkStore(options: CrashOptions, cycle: number, floor: Map<string, number>, inFlight: number | undefined): Promise<number> {
  const fail = (message: string) => new CrashSafetyViolation(message, cycle);
  const core = await openCore({ dataDir: options.dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'crash-check', platform: process.platform, systemLocale: 'en-GB' });
  let ahead = 0;
  try {
    // A crash is no damage: any notice (a file restored, a catalogue rebuilt because it was
    // missing or damaged) means a write was not crash-safe.
    if (core.store.notices.length) throw fail(`the store found something to repair after a crash: ${JSON.stringify(core.store.notices)}`);
    for (const path of await filesUnder(options.dataDir)) {
      // A snapshot still being built has a name that says so and is never read.
      if (/(^|\/)\.[^/]+\.partial\//.test(path)) continue;
      // The store removes the temp files of interrupted writes when it opens after a crash.
      if (path.endsWith('.tmp')) throw fail(`a temp file was left after opening: ${path}`);
      if (!/\.json(\.bak)?$/.test(path)) continue;
      const text = await readFile(join(options.dataDir, path), 'utf8');
      try {
        JSON.parse(text);
      } catch {
        throw fail(`${path} is half-written: ${JSON.stringify(text.slice(0, 120))}…`);
      }
    }
    const assessment = await core.assessments.get(options.assessmentId);
    for (const [criterionId, answer] of Object.entries(assessment.answers)) {
      const match = /^save (\d+)$/.exec(answer.justification);
      if (!match) throw fail(`${criterionId} holds ${JSON.stringify(answer.justification)}, not a saved value`);
      const n = Number(match[1]);
      if (answer.level !== n % 5) throw fail(`${criterionId} mixes two saves: "save ${n}" with level ${answer.level}`);
      if (n > (floor.get(criterionId) ?? 0)) {
        // Only the one save in flight when the kill came may have completed unacknowledged.
        if (n !== inFlight) throw fail(`${criterionId} holds save ${n}, but its last acknowledged save is ${floor.get(criterionId) ?? 'none'} and only save ${inFlight ?? 'none'} could be in flight`);
        ahead += 1;
        floor.set(criterionId, n);
      }
    }
    for (const [criterionId, n] of floor) {
      const stored = /^save (\d+)$/.exec(assessment.answers[criterionId]?.justification ?? '');
      const storedN = stored ? Number(stored[1]) : 0;
      if (storedN < n) throw fail(`save ${n} of ${criterionId} was acknowledged (or found stored before) but the store holds ${storedN ? `save ${storedN}` : 'nothing'}: a save was lost`);
    }
    const expected = core.assessments.kind.summarise(assessment);
    const inMemory = core.assessments.summary(options.assessmentId);
    if (JSON.stringify(inMemory) !== JSON.stringify(expected)) throw fail(`the catalogue summary disagrees with the document: ${JSON.stringify({ inMemory, expected })}`);
    // What the next opening reads: index.json with the journal of changes since (catalogue-journal.ts).
    const onDisk = await catalogueOnDisk(options.dataDir);
    const diskSummary = onDisk['assessments']?.[options.assessmentId];
    if (JSON.stringify(diskSummary) !== JSON.stringify(expected)) throw fail(`the catalogue file's summary disagrees with the document: ${JSON.stringify({ diskSummary, expected })}`);
  } finally {
    await core.close();
  }
  return ahead;
}
