/**
 * Whole-store backup: the entire data folder — documents, catalogue, settings, notices, the keys
 * folder, evidence files, deleted and quarantined items — in ONE zip archive the user can keep
 * elsewhere or carry to another computer, and its restore into an empty folder.
 *
 *   trustbridge-backup.json   the manifest: format, version, when, and every file's size and SHA-256
 *   data/<path>               each file of the data folder, under its path relative to the folder
 *
 * Why a zip: users can open it with the tools they have, and a zip's central directory lets the
 * restore check every entry's name and size before it writes a byte. The manifest is the archive's
 * last entry, written from the very bytes that went into the archive (each file is hashed while it
 * is streamed), so the archive is consistent with itself even while the app keeps saving: the store
 * replaces files by rename, and a file already open keeps its old content.
 *
 * Left out: temporary files of interrupted writes, and the rotating snapshots under `backups/`
 * (older copies of the same documents; the archive is itself a backup, and the restored store
 * starts its own snapshots). The copies kept before migrations (`backups/migrations/`) are in.
 *
 * The restore treats the archive as untrusted input: only a folder that is empty (or does not exist
 * yet) is accepted; every entry name is checked (no absolute paths, no `..`, nothing outside the
 * folder), the number of entries and every size is bounded before anything is read, each file is
 * checked against the manifest's hash, and everything is written into a staging folder first and
 * moved into place only when all of it verified. A damaged or foreign archive is refused with a
 * sentence that says what is wrong, and leaves the target folder as it was.
 *
 * The own signing key in `keys/` is sealed with the operating system's key storage where available;
 * on another computer it opens only with the key backup's passphrase (Settings → signing key).
 *
 * Plain Node: no Electron here; the Settings screen and its dialogs are wired elsewhere.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rmdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { z } from 'zod';
import { AppError, nameForMessage } from '../../shared/errors';
import { parseUntrustedJson } from '../platform/json';
import { fsyncFolder } from '../store/durable-write';
import { folderLockFileName } from '../store/folder-lock';
import { storageError } from '../store/storage-errors';
import { lstatIfExists, removeQuietly, statIfExists } from '../platform/files';

export const backupFormat = 'trustbridge-store-backup';
const backupFormatVersion = 1;
export const manifestName = 'trustbridge-backup.json';
const dataPrefix = 'data/';

/** What a restore accepts at most: far beyond a real store, far below what would harm the machine. */
const backupLimits = {
  /** A store of 10,000 assessments has about 20,000 files (each with its `.bak`). */
  entries: 500_000,
  /** Evidence files are at most 200 MB each (electron/store/evidence-store.ts). */
  entryBytes: 256 * 1024 * 1024,
  totalBytes: 64 * 1024 * 1024 * 1024,
  manifestBytes: 128 * 1024 * 1024,
  pathLength: 400,
  pathDepth: 12,
};
type BackupLimits = typeof backupLimits;

type BackupProgress = (done: number, total: number) => void;

interface BackupResult {
  path: string;
  files: number;
  /** Bytes of the files stored (before compression). */
  bytes: number;
  /** Bytes of the archive. */
  archiveBytes: number;
  /** Files left out because their names cannot be stored portably (reported, never silently lost). */
  skipped: string[];
}

interface RestoreResult {
  dataDir: string;
  files: number;
  bytes: number;
  created: string;
}

const sha256Pattern = /^[0-9a-f]{64}$/;

const backupManifestSchema = z.strictObject({
  format: z.literal(backupFormat),
  formatVersion: z.number().int().min(1),
  created: z.string().max(40),
  app: z.strictObject({ name: z.literal('TrustBridge'), version: z.string().max(60) }),
  files: z
    .array(
      z.strictObject({
        path: z.string().min(1).max(backupLimits.pathLength).refine((path) => isSafeRelativePath(path)),
        size: z.number().int().nonnegative().max(backupLimits.entryBytes),
        sha256: z.string().regex(sha256Pattern),
      }),
    )
    .max(backupLimits.entries),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

// ------------------------------------------------------------------------------------------------
// names

const windowsReserved = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A relative path that is safe to create under a folder on every operating system: forward
 * slashes only, no empty, `.` or `..` segment, no drive letter or absolute start, no character
 * Windows refuses in names, no control character, no name Windows reserves.
 */
export function isSafeRelativePath(path: string): boolean {
  if (path.length === 0 || path.length > backupLimits.pathLength) return false;
  if (path.startsWith('/') || path.includes('\\')) return false;
  const segments = path.split('/');
  if (segments.length > backupLimits.pathDepth) return false;
  return segments.every(
    (segment) =>
      segment.length > 0 &&
      segment.length <= 255 &&
      segment !== '.' &&
      segment !== '..' &&
      // eslint-disable-next-line no-control-regex
      !/[\u0000-\u001f\u007f<>:"|?*]/.test(segment) &&
      !/[ .]$/.test(segment) &&
      !windowsReserved.test(segment),
  );
}

/** Files of the data folder that belong in a backup, relative paths with forward slashes. */
function belongsInBackup(path: string): boolean {
  const name = path.split('/').pop() ?? '';
  if (name.endsWith('.tmp')) return false;
  // The lock of whoever has the folder open now: a restored folder is not open anywhere.
  if (path === folderLockFileName) return false;
  // Rotating snapshots are left out; the copies taken before migrations are kept.
  if (path.startsWith('backups/') && !path.startsWith('backups/migrations/')) return false;
  return true;
}

interface StoreFile {
  path: string;
  size: number;
  mtime: Date;
}

async function listStoreFiles(dataDir: string): Promise<{ files: StoreFile[]; skipped: string[] }> {
  const files: StoreFile[] = [];
  const skipped: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const names = (await readdir(folder)).sort();
    for (const name of names) {
      const absolute = join(folder, name);
      const path = relative(dataDir, absolute).split(sep).join('/');
      // lstat: a symbolic link is never followed out of the data folder.
      // A file removed while the backup is made is simply not in it.
      const info = await lstatIfExists(absolute);
      if (!info) continue;
      if (info.isDirectory()) {
        // Rotating snapshots (and half-taken ones) are left out; migration copies are kept.
        if (!path.startsWith('backups/') || path === 'backups/migrations' || path.startsWith('backups/migrations/')) await walk(absolute);
        continue;
      }
      if (!info.isFile() || !belongsInBackup(path)) continue;
      if (!isSafeRelativePath(path)) skipped.push(path);
      else files.push({ path, size: info.size, mtime: info.mtime });
    }
  };
  await walk(dataDir);
  return { files, skipped };
}

// ------------------------------------------------------------------------------------------------
// files

/** A new file (never an existing one) opened for a stream; rejects when it cannot be created. */
function openForWriting(path: string): Promise<WriteStream> {
  return new Promise((resolvePromise, reject) => {
    const stream = createWriteStream(path, { flags: 'wx' });
    stream.once('open', () => resolvePromise(stream));
    stream.once('error', reject);
  });
}

/** fsync applies to the file, not to the handle: the stream has closed its own. */
async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** An operating system's error (a full disk, a read-only folder), not a fault of the archive. */
function isFileSystemError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && !['EINVAL', 'ERR_STREAM_PREMATURE_CLOSE'].includes(code);
}

// ------------------------------------------------------------------------------------------------
// backup

function hashingPassThrough(onDone: (sha256: string, size: number) => void): Transform {
  const hash = createHash('sha256');
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      onDone(hash.digest('hex'), size);
      callback();
    },
  });
}

/** JSON and text compress well; evidence (PDF, Office files, images) mostly does not. */
function worthCompressing(path: string): boolean {
  return !path.startsWith('evidence/') || /\.(json|txt|csv|xml|html?)$/i.test(path);
}

/**
 * Writes the whole data folder to one archive at `outPath` (replaced atomically: the archive
 * appears under its name only once complete and on disk). `onProgress(done, total)` counts files.
 */
export async function backupStore(
  dataDir: string,
  outPath: string,
  onProgress?: BackupProgress,
  options: { now?: () => Date; appVersion?: string } = {},
): Promise<BackupResult> {
  const root = resolve(dataDir);
  const target = resolve(outPath);
  // Answered below as "no such folder".
  const info = await statIfExists(root);
  if (!info?.isDirectory()) {
    throw new AppError({ code: 'NOT_FOUND', message: `There is no data folder at ${root} to back up.`, params: { path: root } });
  }
  if (target === root || target.startsWith(root + sep)) {
    throw new AppError({
      code: 'VALIDATION',
      message: 'Save the backup outside the data folder (on another disk or a USB stick): a backup inside the folder it backs up would be lost with it.',
      params: { path: target },
    });
  }
  const { files, skipped } = await listStoreFiles(root);
  const now = options.now ?? (() => new Date());
  const manifest: BackupManifest = {
    format: backupFormat,
    formatVersion: backupFormatVersion,
    created: now().toISOString(),
    app: { name: 'TrustBridge', version: options.appVersion ?? '' },
    files: [],
  };
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  let out: WriteStream;
  try {
    await mkdir(dirname(target), { recursive: true });
    out = await openForWriting(temp);
  } catch (error) {
    throw storageError(error, target);
  }

  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  let done = 0;
  let failure: unknown;
  // yazl reports a failing input on the zip object, not on its output: end the output with it, so
  // the write below fails instead of waiting for data that never comes.
  const fail = (error: unknown) => {
    failure ??= error;
    output.destroy(error as Error);
  };
  zip.on('error', fail);
  onProgress?.(0, files.length);
  for (const file of files) {
    zip.addReadStreamLazy(dataPrefix + file.path, { compress: worthCompressing(file.path), mtime: file.mtime }, (callback) => {
      // Opened only when the archive gets to this entry, so thousands of files never hold
      // thousands of open handles.
      const source = createReadStream(join(root, ...file.path.split('/')));
      const hashed = hashingPassThrough((sha256, size) => {
        manifest.files.push({ path: file.path, size, sha256 });
        done += 1;
        onProgress?.(done, files.length);
      });
      source.on('error', fail);
      callback(null, source.pipe(hashed));
    });
  }
  // The manifest comes last and is built when the archive reaches it: after every file was hashed.
  zip.addReadStreamLazy(manifestName, { mtime: now() }, (callback) => {
    const bytes = new PassThrough();
    bytes.end(Buffer.from(JSON.stringify(manifest, null, 1) + '\n', 'utf8'));
    callback(null, bytes);
  });
  zip.end();

  let archiveBytes = 0;
  try {
    const counting = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        archiveBytes += chunk.length;
        callback(null, chunk);
      },
    });
    await pipeline(output, counting, out);
    if (failure) throw failure;
    await fsyncFile(temp);
    await rename(temp, target);
    await fsyncFolder(dirname(target));
  } catch (error) {
    // Best effort: the error that matters is rethrown.
    await removeQuietly(temp);
    if (failure && (failure as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError(
        { code: 'STORAGE_FAILED', message: 'A file of the data folder disappeared while the backup was written (it was removed in the app meanwhile). Try again.', params: { reason: 'ENOENT' } },
        { cause: failure },
      );
    }
    throw storageError(failure ?? error, target);
  }
  return { path: target, files: manifest.files.length, bytes: manifest.files.reduce((sum, file) => sum + file.size, 0), archiveBytes, skipped };
}

// ------------------------------------------------------------------------------------------------
// restore

const refused = (message: string, params?: Record<string, string | number>) =>
  new AppError({ code: 'INVALID_FILE', message: `This backup cannot be restored: ${message}`, ...(params ? { params } : {}) });
/** A name from the archive or its manifest as a refusal quotes it: one line, at most 200 characters. */
const quoted = (name: string) => nameForMessage(name, 200);

async function openArchive(archivePath: string): Promise<yauzl.ZipFile> {
  // Answered below as "no such file".
  const info = await statIfExists(archivePath);
  if (!info?.isFile()) throw new AppError({ code: 'NOT_FOUND', message: `${archivePath} is not a readable file.`, params: { path: archivePath } });
  try {
    return await yauzl.openPromise(archivePath, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: true,
      validateEntrySizes: true,
      strictFileNames: true,
    });
  } catch (error) {
    throw refused(`it is not a zip archive, or it is damaged (${(error as Error).message}). Choose the .zip file TrustBridge wrote when you made the backup.`);
  }
}

async function readEntryBytes(zip: yauzl.ZipFile, entry: yauzl.Entry, maxBytes: number): Promise<Buffer> {
  if (entry.uncompressedSize > maxBytes) throw refused(`${quoted(entry.fileName)} is larger than any TrustBridge backup writes.`);
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.destroy();
      throw refused(`${quoted(entry.fileName)} is larger than it claims.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads and checks the archive's table of contents and manifest, before anything is written. */
async function checkArchive(zip: yauzl.ZipFile, limits: BackupLimits): Promise<{ manifest: BackupManifest; entries: Map<string, yauzl.Entry> }> {
  // The count comes from the end of the archive: refused before a single entry is read.
  if (zip.entryCount > limits.entries + 1) {
    throw refused(`it holds ${zip.entryCount} files, more than any TrustBridge store (at most ${limits.entries}).`, { entries: zip.entryCount });
  }
  const entries = new Map<string, yauzl.Entry>();
  let manifestEntry: yauzl.Entry | undefined;
  let unexpected: string | undefined;
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      if (name === manifestName) {
        if (manifestEntry) throw refused('it has two manifests.');
        manifestEntry = entry;
        continue;
      }
      const path = name.startsWith(dataPrefix) ? name.slice(dataPrefix.length) : undefined;
      if (path === undefined || !isSafeRelativePath(path)) {
        unexpected ??= name;
        continue;
      }
      if (entry.isEncrypted()) throw refused(`${quoted(name)} is encrypted, which TrustBridge backups never are.`);
      if (!entry.canDecodeFileData()) throw refused(`${quoted(name)} is compressed in a way TrustBridge backups never are.`);
      if (entries.has(path)) throw refused(`${quoted(name)} appears twice.`);
      if (entry.uncompressedSize > limits.entryBytes) {
        throw refused(`${quoted(name)} claims ${entry.uncompressedSize} bytes, more than any file of a TrustBridge store.`);
      }
      total += entry.uncompressedSize;
      if (total > limits.totalBytes) throw refused('its files add up to more than any TrustBridge store.');
      entries.set(path, entry);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = (error as Error).message;
    // yauzl checks names too, and stops at the first absolute or `..` path.
    if (/relative path|absolute path|invalid characters/i.test(message)) {
      throw refused(`it contains a file name that would write outside the restored folder (${message}). It was not made by TrustBridge.`);
    }
    throw refused(`it is damaged (${message}).`);
  }
  if (!manifestEntry) {
    throw refused(`it is not a TrustBridge backup (it has no ${manifestName}). Choose the .zip file TrustBridge wrote when you made the backup.`);
  }
  if (unexpected !== undefined) {
    throw refused(`it contains "${quoted(unexpected)}", a name that could write outside the restored folder or that TrustBridge never writes.`);
  }
  const manifestBytes = await readEntryBytes(zip, manifestEntry, limits.manifestBytes).catch((error: unknown) => {
    if (error instanceof AppError) throw error;
    throw refused(`its manifest is damaged (${(error as Error).message}).`);
  });
  const json = parseUntrustedJson(manifestBytes.toString('utf8'));
  if (!json.ok) throw refused(`its manifest is damaged (${json.error.message})`);
  const format = (json.value as { format?: unknown; formatVersion?: unknown } | null)?.format;
  const formatVersion = (json.value as { formatVersion?: unknown } | null)?.formatVersion;
  if (format === backupFormat && typeof formatVersion === 'number' && formatVersion > backupFormatVersion) {
    throw new AppError({
      code: 'NEWER_VERSION',
      message: `This backup was made by a newer TrustBridge (backup format ${formatVersion}). Update TrustBridge, then restore it.`,
      params: { version: formatVersion },
    });
  }
  const parsed = backupManifestSchema.safeParse(json.value);
  if (!parsed.success || parsed.data.formatVersion !== backupFormatVersion) {
    throw refused(`its manifest is not the manifest of a TrustBridge backup (${parsed.success ? 'unknown version' : parsed.error.issues[0]?.path.join('.') || 'format'}).`);
  }
  const manifest = parsed.data;
  const listed = new Set<string>();
  for (const file of manifest.files) {
    if (listed.has(file.path)) throw refused(`its manifest lists ${quoted(file.path)} twice.`);
    listed.add(file.path);
    const entry = entries.get(file.path);
    if (!entry) throw refused(`${quoted(file.path)} is listed in its manifest but missing from the archive. The archive is incomplete.`);
    if (entry.uncompressedSize !== file.size) throw refused(`${quoted(file.path)} does not have the size its manifest records. The archive was changed or damaged.`);
  }
  for (const path of entries.keys()) {
    if (!listed.has(path)) throw refused(`${quoted(dataPrefix + path)} is in the archive but not in its manifest. The archive was changed after it was made.`);
  }
  return { manifest, entries };
}

/**
 * Restores a backup into `emptyDir`, which must be empty or not exist yet. Every file is checked
 * against the manifest's SHA-256 before the restored store appears in the folder; on any problem
 * nothing is left behind. `onProgress(done, total)` counts files.
 */
export async function restoreStore(
  archivePath: string,
  emptyDir: string,
  onProgress?: BackupProgress,
  options: { limits?: Partial<BackupLimits> } = {},
): Promise<RestoreResult> {
  const limits: BackupLimits = { ...backupLimits, ...options.limits };
  const target = resolve(emptyDir);
  // Absent is what is wanted: the restore makes a new folder.
  const existing = await statIfExists(target);
  if (existing && !existing.isDirectory()) {
    throw new AppError({ code: 'CONFLICT', message: `${target} is a file, not a folder. Choose an empty folder to restore into.`, params: { path: target } });
  }
  if (existing && (await readdir(target)).length > 0) {
    throw new AppError({
      code: 'CONFLICT',
      message: `${target} is not empty. Restore into an empty folder, so that nothing already there is overwritten or mixed with the backup.`,
      params: { path: target },
    });
  }
  const zip = await openArchive(archivePath);
  let createdTarget = false;
  let staging: string | undefined;
  try {
    const { manifest, entries } = await checkArchive(zip, limits);
    try {
      if (!existing) {
        await mkdir(target, { recursive: true });
        createdTarget = true;
      }
      staging = join(target, `.trustbridge-restore-${randomBytes(6).toString('hex')}`);
      await mkdir(staging);
    } catch (error) {
      throw storageError(error, target);
    }
    let done = 0;
    onProgress?.(0, manifest.files.length);
    const folders = new Set<string>();
    for (const file of manifest.files) {
      const entry = entries.get(file.path)!;
      const path = join(staging, ...file.path.split('/'));
      // The checked name stays inside the staging folder; checked again on the joined path.
      if (!path.startsWith(staging + sep)) throw refused(`${quoted(file.path)} would be written outside the restored folder.`);
      const folder = dirname(path);
      if (!folders.has(folder)) {
        await mkdir(folder, { recursive: true }).catch((error: unknown) => {
          throw storageError(error, folder);
        });
        folders.add(folder);
      }
      let sha256 = '';
      let size = 0;
      let source: Readable;
      try {
        source = await zip.openReadStreamPromise(entry);
      } catch (error) {
        throw refused(`${quoted(file.path)} is damaged (${(error as Error).message}).`);
      }
      const out = await openForWriting(path).catch((error: unknown) => {
        source.destroy();
        throw storageError(error, path);
      });
      try {
        await pipeline(
          source,
          hashingPassThrough((hash, bytes) => {
            sha256 = hash;
            size = bytes;
          }),
          out,
        );
        await fsyncFile(path);
      } catch (error) {
        if (isFileSystemError(error)) throw storageError(error, path);
        throw refused(`${quoted(file.path)} is damaged (${(error as Error).message}).`);
      }
      if (sha256 !== file.sha256 || size !== file.size) {
        throw refused(`${quoted(file.path)} does not match the fingerprint its manifest records. The archive was changed or damaged; nothing was restored.`);
      }
      done += 1;
      onProgress?.(done, manifest.files.length);
    }
    try {
      for (const folder of folders) await fsyncFolder(folder);
      // Everything verified: move it out of the staging folder into place.
      for (const name of await readdir(staging)) await rename(join(staging, name), join(target, name));
      await rmdir(staging);
      staging = undefined;
      await fsyncFolder(target);
    } catch (error) {
      throw storageError(error, target);
    }
    return { dataDir: target, files: manifest.files.length, bytes: manifest.files.reduce((sum, file) => sum + file.size, 0), created: manifest.created };
  } catch (error) {
    // Best effort, both: the restore error rethrown below is what the user reads.
    if (staging) await removeQuietly(staging, { recursive: true });
    if (createdTarget) await removeQuietly(target, { recursive: true });
    throw error;
  } finally {
    zip.close();
  }
}

/** The suggested file name of a backup made at `now` (the core's clock): `TrustBridge backup 2026-11-23.zip`. */
export function backupFileName(now: Date): string {
  return `TrustBridge backup ${now.toISOString().slice(0, 10)}.zip`;
}
