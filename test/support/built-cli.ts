/**
 * The command line as users get it: bundled with the project's own esbuild settings
 * (scripts/build-electron.ts), then run as a separate Node process. The bundle goes under
 * node_modules/.cache so the few packages left outside it resolve as they do in an install.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundles } from '../../scripts/build-electron';
import { repoRoot } from './paths';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export async function buildCli(): Promise<{ run: (args: string[], cwd?: string) => CliRun; dispose: () => Promise<void> }> {
  const folder = join(repoRoot, 'node_modules/.cache/trustbridge-test-cli', randomUUID());
  await mkdir(folder, { recursive: true });
  const outfile = join(folder, 'trustbridge.cjs');
  await build({ ...bundles.cli, outfile, sourcemap: false, absWorkingDir: repoRoot });
  return {
    run: (args, cwd = repoRoot) => {
      const result = spawnSync(process.execPath, [outfile, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    dispose: () => rm(folder, { recursive: true, force: true }),
  };
}
