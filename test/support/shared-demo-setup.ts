/**
 * Global setup of the unit, reliability, component and e2e projects: the folder of the run's
 * shared demo (shared-demo.ts), removed at the end of the run.
 */
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The run's folder for the shared demo; undefined outside a run that vitest.config.ts named. */
export function sharedDemoRoot(): string | undefined {
  const run = process.env['TRUSTBRIDGE_TEST_RUN'];
  return run ? join(tmpdir(), `trustbridge-shared-demo-${run}`) : undefined;
}

export default function setup(): () => Promise<void> {
  return async () => {
    const root = sharedDemoRoot();
    if (root) await rm(root, { recursive: true, force: true });
  };
}
