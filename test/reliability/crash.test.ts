/**
 * Kill -9 at random moments, a few dozen times (`npm run soak` does hundreds): every acknowledged
 * save survives, nothing is half-written, the catalogue agrees with the documents. See
 * crash/crash-cycles.ts for what is checked after each kill.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../support/temp';
import { buildSaveLoop, prepareCrashStore, runCrashCycles, type CrashCycle } from './crash/crash-cycles';

const kills = Number(process.env['CRASH_KILLS'] ?? 30);
const seed = Number(process.env['CRASH_SEED'] ?? Date.now() % 100_000);

let work: Awaited<ReturnType<typeof tempFolder>>;
let childPath: string;

beforeAll(async () => {
  work = await tempFolder('trustbridge-crash-');
  childPath = await buildSaveLoop(work.path);
  // Bundling the child with esbuild takes a few seconds, more on a loaded machine.
}, 120_000);

afterAll(async () => {
  await work?.remove();
});

describe('a process killed with SIGKILL while it saves', () => {
  it(`keeps every acknowledged save and leaves nothing half-written, over ${kills} kills (seed ${seed})`, async () => {
    const dataDir = `${work.path}/data`;
    const { assessmentId } = await prepareCrashStore(dataDir);
    const cycles: CrashCycle[] = [];

    const summary = await runCrashCycles({ dataDir, assessmentId, childPath, kills, seed, onCycle: (cycle) => cycles.push(cycle) });

    expect(summary.cycles).toBe(kills);
    // The kills landed where they should: each kill while saving after at least four acknowledged
    // saves, some kills while the store was being opened and repaired after the previous kill.
    expect(summary.acknowledgedSaves).toBeGreaterThanOrEqual(summary.killedWhileSaving * 4);
    expect(summary.killedWhileOpening).toBeGreaterThan(0);
    expect(cycles.filter((cycle) => cycle.phase === 'saving' && cycle.acknowledged > 0).length).toBeGreaterThan(kills / 2);
    console.info(`crash test (seed ${seed}): ${JSON.stringify(summary)}`);
  }, 120_000);
});
