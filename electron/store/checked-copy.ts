/**
 * The second copy of every file the store cannot rebuild (documents, settings, notices, keys): a
 * file under `<dataDir>/copies/…`, written after the file itself is durably in place, that carries
 * the SHA-256 of what it holds in its own bytes:
 *
 *   trustbridge-copy 1 sha256=<64 hex> bytes=<length>\n<the file's bytes, unchanged>
 *
 * Why this shape:
 * - The copy checks itself: a damaged copy (truncated, overwritten, emptied) never passes for a
 *   good one, and a good copy tells whether the file beside the documents is intact (same hash) or
 *   not, even when damage left that file parseable.
 * - It is written from the first write on, so a document stored once is protected too (a `.bak`
 *   only exists from the second save, and a snapshot may be a day old).
 * - The file is written (and fsynced, folder included) before its copy. A crash between the two
 *   leaves the new file and the copy of the previous save; the save was not acknowledged, so going
 *   back to the copy is allowed. When the file's `.bak` equals the copy, that is exactly what
 *   happened (the previous content moved to `.bak`, the new one in place, the copy not yet
 *   rewritten): the new file is complete and fsynced, and it is kept.
 * - Any ONE damaged file is recovered: the file from its copy, the copy from the file. Only when
 *   both are unusable does the caller fall back to older copies (`.bak`, snapshots) or refuse.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { backupSuffix, fsyncFolder, putInPlace, writeFileDurably, writeTempDurably } from './durable-write';
import { storageError } from './storage-errors';
import { DamagedFileError } from './damaged-file';
import { bestEffort, removeQuietly, settled } from '../platform/files';
import { AppError } from '../../shared/errors';

export const copiesFolderName = 'copies';
const copySuffix = '.copy';
const headerPattern = /^trustbridge-copy 1 sha256=([0-9a-f]{64}) bytes=(\d+)\n/;

/** Where the copy of `path` (a file inside `dataDir`) lives. */
export function copyPathOf(dataDir: string, path: string): string {
  const inside = relative(dataDir, path);
  // A fault of the caller: every protected file lives in the data folder.
  if (inside.startsWith('..') || inside === '') throw new AppError({ code: 'INTERNAL', message: `${path} is not inside ${dataDir}` });
  return join(dataDir, copiesFolderName, inside.split(sep).join('/') + copySuffix);
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function copyBytes(data: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`trustbridge-copy 1 sha256=${sha256Of(data)} bytes=${data.length}\n`, 'utf8'), data]);
}

type CopyState =
  | { state: 'absent' }
  | { state: 'damaged'; reason: 'empty' | 'no-header' | 'checksum' | 'unreadable' }
  | { state: 'good'; bytes: Buffer; sha256: string };

async function readCopy(copyPath: string): Promise<CopyState> {
  let raw: Buffer;
  try {
    raw = await readFile(copyPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
    return { state: 'damaged', reason: 'unreadable' };
  }
  if (raw.length === 0) return { state: 'damaged', reason: 'empty' };
  const newline = raw.indexOf(0x0a);
  const match = newline > 0 && newline < 200 ? headerPattern.exec(raw.subarray(0, newline + 1).toString('latin1')) : null;
  if (!match) return { state: 'damaged', reason: 'no-header' };
  const bytes = raw.subarray(newline + 1);
  const sha256 = match[1]!;
  if (bytes.length !== Number(match[2]) || sha256Of(bytes) !== sha256) return { state: 'damaged', reason: 'checksum' };
  return { state: 'good', bytes, sha256 };
}

export async function writeCopy(copyPath: string, data: Uint8Array): Promise<void> {
  await mkdir(dirname(copyPath), { recursive: true });
  await writeFileDurably(copyPath, copyBytes(data));
}

/**
 * The fsyncs of copies folders that a save started and did not wait for (see writeWithCopy). A
 * later write into the same folder, `flush` and `close` wait for them; one that failed is made
 * again there, so its error reaches a caller that can report it.
 */
export class CopyFolderSyncs {
  private readonly pending = new Map<string, Promise<void>>();
  /** Copies folders this store made (or found) already: a save into one asks for no mkdir. */
  private readonly made = new Set<string>();

  /** Whether an earlier write made (or found) `folder`. */
  knowsFolder(folder: string): boolean {
    return this.made.has(folder);
  }

  rememberFolder(folder: string, made: boolean): void {
    if (made) this.made.add(folder);
    else this.made.delete(folder);
  }

  /** Starts the folder's fsync, which makes the renames made in it so far durable. */
  start(folder: string): void {
    const sync = fsyncFolder(folder);
    // settle() awaits it and throws its failure; until then it must not count as unhandled.
    void settled(sync);
    this.pending.set(folder, sync);
  }

  /** Resolves once every rename made in `folder` before this call is durable. */
  async settle(folder: string): Promise<void> {
    const sync = this.pending.get(folder);
    if (!sync) return;
    try {
      await sync;
    } catch {
      await fsyncFolder(folder);
    }
    if (this.pending.get(folder) === sync) this.pending.delete(folder);
  }

  async settleAll(): Promise<void> {
    for (const folder of [...this.pending.keys()]) await this.settle(folder);
  }
}

/**
 * Writes the file and its copy durably. Resolves only when the file is durably in place and the
 * copy's content is durable. The order, and why each step is where it is:
 *   1. the file's new content and the copy's are written and fsynced side by side, each in a temp
 *      file (and the copies folder's last renames made durable, see below). A failure here (a full
 *      disk) changes nothing: both temp files are removed and the error is thrown;
 *   2. the file is put in place (current → `.bak`, temp → file) and its folder fsynced;
 *   3. the copy is put in place. Its folder's fsync is left to the next write into that folder
 *      (step 1, side by side with its own content), or to `flush`/`close`, when `folderSyncs` is
 *      given; without it the folder is fsynced here.
 * A power cut after 2 and before the copy's rename is durable leaves the new file, its `.bak`
 * equal to the copy: the state of a save interrupted between its two writes, which `judge` reads
 * as the new file (complete and fsynced) and whose copy the next read writes again. The copy never
 * lands before its file (step 3 follows the fsync of step 2), so a newer copy beside an older file
 * is always damage, never a save in progress. When the copy cannot be put in place, the file is
 * put back as it was before and the error is thrown: a save reported as failed must not reappear
 * at the next start.
 */
export async function writeWithCopy(
  path: string,
  copyPath: string,
  data: string | Uint8Array,
  options: { keepBackup?: boolean; folderSyncs?: CopyFolderSyncs } = {},
): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const copyFolder = dirname(copyPath);
  const [fileTemp, copyTemp, settled] = await Promise.allSettled([
    writeTempDurably(path, bytes),
    writeCopyTemp(copyPath, copyBytes(bytes), options.folderSyncs),
    options.folderSyncs?.settle(copyFolder),
  ]);
  if (fileTemp.status === 'rejected' || copyTemp.status === 'rejected' || settled.status === 'rejected') {
    for (const temp of [fileTemp, copyTemp]) if (temp.status === 'fulfilled') await removeQuietly(temp.value);
    const failed = [fileTemp, copyTemp, settled].find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    throw storageError(failed.reason, failed === settled ? copyFolder : failed === copyTemp ? copyPath : path);
  }
  let replaced: boolean;
  try {
    replaced = await putInPlace(fileTemp.value, path, { keepBackup: options.keepBackup ?? false });
  } catch (error) {
    await removeQuietly(fileTemp.value);
    await removeQuietly(copyTemp.value);
    throw storageError(error, path);
  }
  try {
    await putInPlace(copyTemp.value, copyPath, { syncFolder: !options.folderSyncs });
    options.folderSyncs?.start(copyFolder);
  } catch (error) {
    await removeQuietly(copyTemp.value);
    // The previous content is the .bak the write just made; a first write had none.
    await bestEffort(replaced ? rename(path + backupSuffix, path) : options.keepBackup ? rm(path, { force: true }) : Promise.resolve(), `Putting back ${path} after its copy failed`);
    throw storageError(error, copyPath);
  }
}

/**
 * The copy's content in a temp file in its folder, made first unless an earlier save of this store
 * made it (one filesystem call less per save). When that folder has gone since (removed by hand),
 * it is made again and the write tried once more.
 */
async function writeCopyTemp(copyPath: string, content: Uint8Array, syncs: CopyFolderSyncs | undefined): Promise<string> {
  const folder = dirname(copyPath);
  if (syncs?.knowsFolder(folder)) {
    try {
      return await writeTempDurably(copyPath, content);
    } catch {
      syncs.rememberFolder(folder, false);
    }
  }
  await mkdir(folder, { recursive: true });
  const temp = await writeTempDurably(copyPath, content);
  syncs?.rememberFolder(folder, true);
  return temp;
}

export async function removeCopy(copyPath: string): Promise<void> {
  await rm(copyPath, { force: true });
}

/** The file's bytes, or undefined when it does not exist; other read errors are damage. */
async function readPrimary(path: string): Promise<Buffer | undefined | 'unreadable'> {
  try {
    return await readFile(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : 'unreadable';
  }
}

/**
 * What to believe, from the file, its `.bak` and its copy, before parsing:
 * - `primary`: the file agrees with a good copy, or the copy was not (yet) written, or the copy is
 *   damaged (`copyDamaged` says so), or an interrupted save left a newer complete file;
 * - `copy`: the file is missing, damaged or different from a good copy: the copy is the last
 *   complete save.
 */
type CopyVerdict =
  | { use: 'primary'; copy: CopyState; interrupted?: boolean }
  | { use: 'copy'; copy: CopyState; bytes: Buffer; primary: Buffer | undefined | 'unreadable'; interrupted: boolean };

export async function judge(path: string, copyPath: string, backupPath: string | undefined): Promise<CopyVerdict> {
  const copy = await readCopy(copyPath);
  if (copy.state !== 'good') return { use: 'primary', copy };
  const primary = await readPrimary(path);
  if (primary instanceof Buffer && sha256Of(primary) === copy.sha256) return { use: 'primary', copy };
  // The previous content moved to `.bak` and equal to the copy: a save was interrupted after its
  // file was in place and before its copy. A missing file there is the same save, interrupted
  // between its two renames: the copy is its previous content.
  const backup = backupPath ? await readPrimary(backupPath) : undefined;
  const interrupted = backup instanceof Buffer && sha256Of(backup) === copy.sha256;
  if (interrupted && primary instanceof Buffer) return { use: 'primary', copy, interrupted: true };
  return { use: 'copy', copy, bytes: copy.bytes, primary, interrupted };
}

export type CheckedRead<T> =
  /** The file is good (its copy was written or rewritten quietly when it was missing). */
  | { outcome: 'ok'; value: T; copyWritten?: boolean }
  /** Neither the file nor its copy exists. */
  | { outcome: 'absent' }
  /** The file was damaged or missing and was rewritten from the copy (quietly when `interrupted`). */
  | { outcome: 'restored-from-copy'; value: T; reason: string; interrupted: boolean; setAsidePath?: string }
  /** The copy was damaged; it was set aside and written again from the good file. */
  | { outcome: 'copy-repaired'; value: T; reason: string; setAsidePath?: string }
  /** Nothing usable: the file (and the copy, when damaged) were set aside. */
  | { outcome: 'damaged'; error: DamagedFileError; setAsidePath?: string; copySetAsidePath?: string; copyReason?: string };

interface CheckedReadOptions<T> {
  path: string;
  copyPath: string;
  /** Turns bytes into a value, or throws (a DamagedFileError) when they are unusable. */
  parse: (bytes: Buffer, from: string) => T | Promise<T>;
  /** Moves a damaged file out of the way, returns where it went. */
  setAside: (path: string) => Promise<string>;
  /** The file's previous content, written by `writeFileDurably(…, { keepBackup: true })`. */
  backupPath?: string;
  /** False for readers that must never write (the command line's verify): nothing is repaired. */
  repair?: boolean;
}

/**
 * Reads a file protected by a copy, repairing whichever of the two is damaged from the other.
 * Errors other than damage (the parse callback's own failures that are not damage) propagate.
 */
export async function readChecked<T>(options: CheckedReadOptions<T>): Promise<CheckedRead<T>> {
  const { path, copyPath, parse } = options;
  const repair = options.repair ?? true;
  const verdict = await judge(path, copyPath, options.backupPath);
  const tryParse = async (bytes: Buffer, from: string): Promise<{ value: T } | { error: DamagedFileError }> => {
    try {
      return { value: await parse(bytes, from) };
    } catch (error) {
      if (error instanceof DamagedFileError) return { error };
      throw error;
    }
  };
  if (verdict.use === 'copy') {
    const fromCopy = await tryParse(verdict.bytes, copyPath);
    if ('value' in fromCopy) {
      let reason = 'missing';
      let setAsidePath: string | undefined;
      if (verdict.primary === 'unreadable') reason = 'unreadable';
      else if (verdict.primary !== undefined) {
        const primary = await tryParse(verdict.primary, path);
        // Parseable but different from the copy: damage that kept the syntax, caught by the checksum.
        reason = 'error' in primary ? primary.error.reason : 'checksum';
      }
      if (repair) {
        if (verdict.primary !== undefined) setAsidePath = await options.setAside(path);
        await writeFileDurably(path, verdict.bytes);
      }
      return { outcome: 'restored-from-copy', value: fromCopy.value, reason, interrupted: verdict.interrupted, ...(setAsidePath ? { setAsidePath } : {}) };
    }
    // A good copy whose content this TrustBridge cannot use (a newer version): judged by the file.
  }
  const primaryBytes = await readPrimary(path);
  if (primaryBytes === undefined && verdict.copy.state === 'absent') return { outcome: 'absent' };
  const fromPrimary =
    primaryBytes instanceof Buffer
      ? await tryParse(primaryBytes, path)
      : { error: new DamagedFileError(path, 'unreadable', primaryBytes === undefined ? 'missing' : '') };
  if ('value' in fromPrimary) {
    if (verdict.copy.state === 'good' && !(verdict.use === 'primary' && verdict.interrupted)) return { outcome: 'ok', value: fromPrimary.value };
    if (!repair || !(primaryBytes instanceof Buffer)) return { outcome: 'ok', value: fromPrimary.value };
    if (verdict.copy.state === 'damaged') {
      const setAsidePath = await options.setAside(copyPath);
      await writeCopy(copyPath, primaryBytes);
      return { outcome: 'copy-repaired', value: fromPrimary.value, reason: verdict.copy.reason, setAsidePath };
    }
    // No copy yet (a store from before copies, or a crash between the file and its first copy),
    // or an interrupted save whose copy is the previous content.
    await writeCopy(copyPath, primaryBytes);
    return { outcome: 'ok', value: fromPrimary.value, copyWritten: true };
  }
  // The file is unusable and so is the copy (damaged, absent, or holding what cannot be used).
  if (verdict.copy.state === 'good') {
    const fromCopy = await tryParse(verdict.copy.bytes, copyPath);
    if ('value' in fromCopy) {
      // The interrupted-save case with a file damaged since: the copy is the previous save.
      const setAsidePath = repair && primaryBytes !== undefined ? await options.setAside(path) : undefined;
      if (repair) await writeFileDurably(path, verdict.copy.bytes);
      return { outcome: 'restored-from-copy', value: fromCopy.value, reason: fromPrimary.error.reason, interrupted: false, ...(setAsidePath ? { setAsidePath } : {}) };
    }
  }
  const setAsidePath = repair && primaryBytes !== undefined ? await options.setAside(path) : undefined;
  const copySetAsidePath = repair && verdict.copy.state === 'damaged' ? await options.setAside(copyPath) : undefined;
  return {
    outcome: 'damaged',
    error: fromPrimary.error,
    ...(setAsidePath ? { setAsidePath } : {}),
    ...(copySetAsidePath ? { copySetAsidePath } : {}),
    ...(verdict.copy.state === 'damaged' ? { copyReason: verdict.copy.reason } : {}),
  };
}

/** Moves a damaged file into `<dataDir>/quarantine/<collection>/`, under a name that never collides. */
export async function setAsideFile(dataDir: string, collection: string, path: string, now: Date): Promise<string> {
  const folder = join(dataDir, 'quarantine', collection);
  await mkdir(folder, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = join(folder, `${basename(path)}.${stamp}.${randomBytes(4).toString('hex')}`);
  await rename(path, target);
  return target;
}

/** What a protected file outside the store (a key file) says to the officer, as a store notice. */
export interface ProtectedFileNotice {
  kind: 'restored-from-copy' | 'copy-repaired' | 'restored-from-backup';
  collection: string;
  documentId: string;
  reason: string;
  setAsidePath?: string;
}

type ProtectedRead<T> =
  | { value: T; notice?: ProtectedFileNotice }
  | { value: undefined; damaged?: { reason: string; setAsidePath?: string; copySetAsidePath?: string } };

/**
 * A JSON file outside the store's documents, protected the same way (the key files): the file, its
 * copy, then its `.bak` (the save before). Never writes when `repair` is false (the command line's
 * verify reads the keys of a folder the app may be using).
 */
export async function readProtectedFile<T>(options: {
  dataDir: string;
  path: string;
  collection: string;
  parse: (bytes: Buffer, from: string) => T;
  serialise: (value: T) => string;
  repair: boolean;
  now?: () => Date;
}): Promise<ProtectedRead<T>> {
  const { path, repair } = options;
  const copyPath = copyPathOf(options.dataDir, path);
  const now = options.now ?? (() => new Date());
  const id = basename(path).replace(/\.json$/, '');
  const read = await readChecked({
    path,
    copyPath,
    backupPath: path + '.bak',
    parse: options.parse,
    repair,
    setAside: (file) => setAsideFile(options.dataDir, options.collection, file, now()),
  });
  const about = { collection: options.collection, documentId: id };
  if (read.outcome === 'ok') return { value: read.value };
  if (read.outcome === 'restored-from-copy' || read.outcome === 'copy-repaired') {
    if (read.outcome === 'restored-from-copy' && read.interrupted) return { value: read.value };
    return { value: read.value, notice: { kind: read.outcome, ...about, reason: read.reason, ...(read.setAsidePath ? { setAsidePath: read.setAsidePath } : {}) } };
  }
  // Neither file nor copy (a folder from before copies, interrupted between two renames), or both
  // damaged: the previous save.
  let previous: T | undefined;
  try {
    const bytes = await readFile(path + '.bak');
    previous = options.parse(bytes, path + '.bak');
  } catch (error) {
    if (!(error instanceof DamagedFileError) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (previous !== undefined) {
    if (repair) await writeWithCopy(path, copyPath, options.serialise(previous));
    if (read.outcome === 'absent') return { value: previous };
    return { value: previous, notice: { kind: 'restored-from-backup', ...about, reason: read.error.reason, ...(read.setAsidePath ? { setAsidePath: read.setAsidePath } : {}) } };
  }
  if (read.outcome === 'absent') return { value: undefined };
  return {
    value: undefined,
    damaged: {
      reason: read.error.reason,
      ...(read.setAsidePath ? { setAsidePath: read.setAsidePath } : {}),
      ...(read.copySetAsidePath ? { copySetAsidePath: read.copySetAsidePath } : {}),
    },
  };
}
