import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp folder per test; removed afterwards unless KEEP_TEST_DATA is set (for looking at it). */
export async function tempFolder(prefix = 'trustbridge-'): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return {
    path,
    remove: async () => {
      if (!process.env['KEEP_TEST_DATA']) await rm(path, { recursive: true, force: true });
    },
  };
}
