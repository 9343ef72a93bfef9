/**
 * The data folder's own lock: `trustbridge.lock`, a small JSON file naming who works on the folder
 * (computer, user, process, since when, app version). Electron's single-instance lock only knows
 * one user on one computer; a data folder on a USB stick, a network share or a synced folder
 * (OneDrive, Nextcloud) can be opened by two computers or two users at once, and both would write
 * to it. The lock is in the folder itself, so every opener, wherever it runs, sees it.
 *
 * A lock is stale when its holder cannot be working any more:
 *   - on this computer: its process is gone (`process.kill(pid, 0)` answers ESRCH), or it was taken
 *     before the computer last started, or it is this very process (a store of this process that
 *     was never closed);
 *   - on another computer: only the officer can know; they confirm it (`takeOver`).
 * A new lock is written whole to a temporary file and linked into place, which fails when a lock
 * exists (as O_EXCL does), then synced with its folder. A stale lock is first claimed by renaming it aside (an atomic step only one opener can
 * win), checked to be the lock that was judged stale, and then replaced exclusively.
 *
 * Plain Node: no Electron import.
 */
import { randomUUID } from 'node:crypto';
import { link, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname, uptime, userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { bestEffort, removeQuietly } from '../platform/files';

export const folderLockFileName = 'trustbridge.lock';

const holderSchema = z.object({
  host: z.string(),
  user: z.string(),
  pid: z.number().int(),
  startedAt: z.string(),
  appVersion: z.string(),
  token: z.string(),
});
export type FolderLockHolder = z.infer<typeof holderSchema>;

/** What a lock says about this process, and how to tell whether a process is alive (for tests). */
export interface FolderLockEnvironment {
  host: string;
  user: string;
  pid: number;
  /** When this computer last started. */
  bootedAt: Date;
  isAlive(pid: number): boolean;
}

export function thisProcess(): FolderLockEnvironment {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No entry for this user in the system's user list (some containers): the lock still works.
  }
  return { host: hostname(), user, pid: process.pid, bootedAt: new Date(Date.now() - uptime() * 1000), isAlive: processIsAlive };
}

/** `kill(pid, 0)` sends nothing and checks that the process exists; EPERM means it exists but belongs to another user. */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface AcquireOptions {
  dataDir: string;
  appVersion: string;
  now: () => Date;
  /** The officer confirmed that whoever holds the lock (on another computer) no longer works on the folder. */
  takeOver?: boolean;
  environment?: FolderLockEnvironment;
  /** Told when a stale lock was replaced. */
  onTakeOver?: (previous: FolderLockHolder | undefined, why: string) => void;
}

/** A lock file written a moment ago may still be being written; one this old without content is left over. */
const unreadableLockGraceMs = 30_000;

export class FolderLock {
  private released = false;

  private constructor(
    readonly path: string,
    readonly holder: FolderLockHolder,
  ) {}

  /** Takes the data folder's lock, or refuses (AppError LOCKED) naming who holds it and what to do. */
  static async acquire(options: AcquireOptions): Promise<FolderLock> {
    const environment = options.environment ?? thisProcess();
    const path = join(options.dataDir, folderLockFileName);
    const holder: FolderLockHolder = {
      host: environment.host,
      user: environment.user,
      pid: environment.pid,
      startedAt: options.now().toISOString(),
      appVersion: options.appVersion,
      token: randomUUID(),
    };
    const text = `${JSON.stringify(holder, null, 2)}\n`;
    if (await createExclusively(path, text)) return FolderLock.taken(path, holder);

    const existing = await readLock(path);
    if (existing.holder === 'missing') {
      // Released between our attempt and our look: try once more, exclusively.
      if (await createExclusively(path, text)) return FolderLock.taken(path, holder);
      throw busyError(path, (await readLock(path)).holder, environment.host);
    }
    const why = await staleness(existing.holder, path, environment, options.takeOver === true);
    if (!why) throw busyError(path, existing.holder, environment.host);

    // Claim the stale lock by moving it aside under a name of our own: of several openers taking
    // it over at once, exactly one rename finds it. The moved file is read back: if it is not the
    // stale lock we judged (someone else took over in between and we moved their new lock), it is
    // put back and we are refused.
    const claimed = `${path}.${holder.token}.stale`;
    try {
      await rename(path, claimed);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw busyError(path, (await readLock(path)).holder, environment.host);
    }
    const moved = await readLock(claimed);
    if (moved.text !== existing.text) {
      await putBack(claimed, path);
      throw busyError(path, moved.holder, environment.host);
    }
    await rm(claimed, { force: true });
    if (!(await createExclusively(path, text))) throw busyError(path, (await readLock(path)).holder, environment.host);
    options.onTakeOver?.(typeof existing.holder === 'object' ? existing.holder : undefined, why);
    return FolderLock.taken(path, holder);
  }

  /**
   * The lock is ours: what an opener killed half-way left beside it (its temporary lock, a stale
   * lock it had moved aside) is removed. Another opener's file in flight loses nothing by it: it
   * could not take the lock anyway, and its link then fails as a lost race.
   */
  private static async taken(path: string, holder: FolderLockHolder): Promise<FolderLock> {
    const folder = join(path, '..');
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      if (name.startsWith(`${folderLockFileName}.`) && (name.endsWith('.tmp') || name.endsWith('.stale'))) await removeQuietly(join(folder, name));
    }
    return new FolderLock(path, holder);
  }

  /** Removes the lock, if it is still ours (an officer may have taken it over after a confirmation). */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const current = (await readLock(this.path)).holder;
    if (typeof current === 'object' && current.token === this.holder.token) {
      await rm(this.path, { force: true });
      await bestEffort(syncFolder(join(this.path, '..')), 'Syncing the data folder after removing its lock');
    }
  }
}

async function staleness(
  existing: FolderLockHolder | 'unreadable',
  path: string,
  environment: FolderLockEnvironment,
  takeOver: boolean,
): Promise<string | undefined> {
  if (existing === 'unreadable') {
    const age = await stat(path).then((info) => Date.now() - info.mtimeMs, () => Infinity);
    if (age > unreadableLockGraceMs || takeOver) return 'the lock file was unreadable';
    return undefined;
  }
  if (existing.host === environment.host) {
    if (existing.pid === environment.pid) return 'it was held by this process';
    if (Date.parse(existing.startedAt) < environment.bootedAt.getTime()) return 'it was taken before this computer last started';
    if (!environment.isAlive(existing.pid)) return `process ${existing.pid} has ended`;
    // Same computer, live process: never taken over, even when asked (the other app is running).
    return undefined;
  }
  return takeOver ? `the officer confirmed that ${existing.host} no longer uses the folder` : undefined;
}

function busyError(path: string, holder: FolderLockHolder | 'unreadable' | 'missing', thisHost: string): AppError {
  if (typeof holder !== 'object') {
    return new AppError({
      code: 'LOCKED',
      message: `The data folder is being opened by another TrustBridge right now (its lock file ${path} is being written). Wait a moment and try again.`,
      params: { reason: 'data-folder-locked', lockPath: path, host: '?', user: '?', since: '?', sameHost: 0 },
    });
  }
  const sameHost = holder.host === thisHost;
  const advice = sameHost
    ? 'Close TrustBridge there (or wait until that user closes it), then open the folder again.'
    : `Close TrustBridge on ${holder.host}, then open the folder again. If ${holder.host} is no longer using the folder (it crashed, was switched off, or the folder was copied from it), start TrustBridge with --take-over-data-folder to confirm it and open the folder here.`;
  return new AppError({
    code: 'LOCKED',
    message: `This data folder is in use by ${holder.user} on ${holder.host} (TrustBridge ${holder.appVersion}, process ${holder.pid}) since ${holder.startedAt}. Two TrustBridge windows writing to one folder would overwrite each other's work. ${advice} (Lock file: ${path})`,
    params: { reason: 'data-folder-locked', lockPath: path, host: holder.host, user: holder.user, since: holder.startedAt, pid: holder.pid, sameHost: sameHost ? 1 : 0 },
  });
}

async function readLock(path: string): Promise<{ holder: FolderLockHolder | 'unreadable' | 'missing'; text?: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { holder: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  try {
    const parsed = holderSchema.safeParse(JSON.parse(text));
    return { holder: parsed.success ? parsed.data : 'unreadable', text };
  } catch {
    return { holder: 'unreadable', text };
  }
}

/** Puts back a live lock moved aside by mistake, unless a new one was made meanwhile (a link never replaces a file). */
async function putBack(claimed: string, path: string): Promise<void> {
  try {
    await link(claimed, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No hard links on FAT and exFAT (USB sticks): a rename, which would replace a lock made in
    // the same instant, is the best that is left.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EOPNOTSUPP') await bestEffort(rename(claimed, path), `Putting back the lock ${path}`);
  }
  await removeQuietly(claimed);
}

/**
 * Creates the lock only if there is none; false when one exists. The content is written to a
 * temporary file first and hard-linked into place (a link fails when the name exists, like O_EXCL),
 * so the lock is never seen empty, not even after a crash in the middle of taking it. Where the
 * file system has no hard links (FAT and exFAT sticks), the lock is created with O_EXCL directly.
 */
async function createExclusively(path: string, text: string): Promise<boolean> {
  const temp = `${path}.${randomUUID()}.tmp`;
  await writeSynced(temp, text, 'wx');
  try {
    await link(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // EEXIST: a lock exists; ENOENT: our temporary file was cleared by whoever took the lock.
    if (code === 'EEXIST' || code === 'ENOENT') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    try {
      await writeSynced(path, text, 'wx');
    } catch (direct) {
      if ((direct as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw direct;
    }
  } finally {
    await removeQuietly(temp);
  }
  await syncFolder(join(path, '..'));
  return true;
}

async function writeSynced(path: string, text: string, flags: 'wx'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync (NTFS journals the rename itself).
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
