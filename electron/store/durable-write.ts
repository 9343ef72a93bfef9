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
import { link, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { storageError } from './storage-errors';
import { bestEffort } from '../platform/files';

export const backupSuffix = '.bak';
const isWindows = process.platform === 'win32';

/**
 * The file operations a durable write is made of, in one small interface: the power-loss test
 * (test/reliability/power-loss.test.ts) records them and builds every state a power cut could
 * leave between them. Everything the store writes goes through `writeFileDurably`.
 */
export interface FileOps {
  /** Creates a file that must not exist yet. */
  openNew(path: string): Promise<NewFile>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** Makes the folder's entries (created, renamed, removed files) durable. */
  syncFolder(folder: string): Promise<void>;
  /** Creates one folder (its parent must exist); a folder already there is no error. */
  makeFolder(path: string): Promise<void>;
  /** A second name for a file that is never rewritten in place (a snapshot's unchanged file). */
  link(from: string, to: string): Promise<void>;
  /** Removes a folder and everything in it (a snapshot already renamed out of sight). */
  removeFolder(path: string): Promise<void>;
}

interface NewFile {
  write(data: string | Uint8Array): Promise<void>;
  /** Makes the file's content durable. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export const diskFileOps: FileOps = {
  async openNew(path) {
    const handle = await open(path, 'wx');
    return {
      write: async (data) => {
        await handle.writeFile(data);
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
  async syncFolder(folder) {
    // Windows cannot open a folder for fsync, and NTFS journals the rename itself.
    if (isWindows) return;
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async makeFolder(path) {
    await mkdir(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  },
  link: (from, to) => link(from, to),
  removeFolder: (path) => rm(path, { recursive: true, force: true }),
};

let fileOps: FileOps = diskFileOps;

/** Replaces the file operations (for the power-loss test); returns a function that puts the previous ones back. */
export function useFileOps(ops: FileOps): () => void {
  const previous = fileOps;
  fileOps = ops;
  return () => {
    fileOps = previous;
  };
}

/** The file operations in use (the disk's, or the power-loss test's recording). */
export function currentFileOps(): FileOps {
  return fileOps;
}

export async function fsyncFolder(folder: string): Promise<void> {
  await fileOps.syncFolder(folder);
}

export async function writeFileDurably(
  path: string,
  data: string | Uint8Array,
  options: { keepBackup?: boolean } = {},
): Promise<void> {
  const temp = await writeTempDurably(path, data);
  try {
    await putInPlace(temp, path, options);
  } catch (error) {
    await bestEffort(fileOps.remove(temp), `Removing the temp file ${temp}`);
    throw storageError(error, path);
  }
}

/**
 * Step 1 of a durable write on its own: the content in a new temp file beside `path`, fsynced.
 * Returns the temp file's path (removed again when the write fails).
 */
export async function writeTempDurably(path: string, data: string | Uint8Array): Promise<string> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const file = await fileOps.openNew(temp);
    try {
      await file.write(data);
      await file.sync();
    } finally {
      await file.close();
    }
    return temp;
  } catch (error) {
    // Best effort: the write error is rethrown; a stray .tmp is removed at the next open.
    await bestEffort(fileOps.remove(temp), `Removing the temp file ${temp}`);
    throw storageError(error, path);
  }
}

/**
 * Steps 2 and 3: the current file to `.bak` (with `keepBackup`), the temp file into place, and,
 * unless `syncFolder` is false (the caller makes the folder durable later), the folder fsynced.
 * Resolves with whether a previous file was there (moved to `.bak`); without `keepBackup`, false.
 */
export async function putInPlace(temp: string, path: string, options: { keepBackup?: boolean; syncFolder?: boolean } = {}): Promise<boolean> {
  let replaced = false;
  if (options.keepBackup) {
    try {
      await fileOps.rename(path, path + backupSuffix);
      replaced = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  await fileOps.rename(temp, path);
  if (options.syncFolder ?? true) await fileOps.syncFolder(dirname(path));
  return replaced;
}
