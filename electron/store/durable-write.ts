/**
 * Durable, atomic file replacement. lowdb's own writer (steno) renames a temp file into place but
 * never calls fsync, so a power cut can leave an empty or stale file; TrustBridge promises that an
 * acknowledged save survives a crash or a power cut. Here a write:
 *   1. writes a temp file beside the target and fsyncs it;
 *   2. moves the current file to `<name>.bak` (one generation of backup, kept for recovery);
 *   3. renames the temp file into place and fsyncs the folder, so the rename itself is durable.
 * A crash at any point leaves either the old content (as the file or as `.bak`) or the new one,
 * never a half-written file under the real name.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { storageError } from './storage-errors';

export const backupSuffix = '.bak';
const isWindows = process.platform === 'win32';

export async function fsyncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync, and NTFS journals the rename itself.
  if (isWindows) return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeFileDurably(
  path: string,
  data: string | Uint8Array,
  options: { keepBackup?: boolean } = {},
): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.keepBackup) {
      try {
        await rename(path, path + backupSuffix);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    await rename(temp, path);
    await fsyncFolder(dirname(path));
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw storageError(error, path);
  }
}
