/**
 * Evidence files stored by their SHA-256: `evidence/ab/abcdef…`. The same file attached twice is
 * stored once, a stored file is never rewritten, and re-hashing it proves it was not changed.
 * Each is stored twice: a second copy under `copies/evidence/ab/abcdef…` is written once the first
 * is in place, and a file found damaged (its hash differs) is set aside and restored from the copy.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { StoreNotice } from '../../shared/store/notices';
import { setAsideFile } from './checked-copy';
import { currentFileOps } from './durable-write';
import { storageError } from './storage-errors';
import { bestEffort, removeQuietly, statIfExists } from '../platform/files';

/** Evidence larger than this is better linked than copied into the store. */
const maxEvidenceBytes = 200 * 1024 * 1024;

interface EvidenceStoreOptions {
  /** The data folder: the copies and the quarantine are found from it. Without it, no copies. */
  dataDir?: string;
  /** Tells the officer what was restored or set aside. */
  notify?: (notice: Omit<StoreNotice, 'id' | 'at'>) => Promise<void>;
  /** The clock that dates the names of files set aside (the store's). */
  now?: () => Date;
}

type EvidenceCheck =
  | { state: 'good' }
  | { state: 'restored'; setAsidePath?: string }
  | { state: 'damaged'; setAsidePath?: string; copySetAsidePath?: string };

export class EvidenceStore {
  constructor(
    readonly folder: string,
    private readonly options: EvidenceStoreOptions = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  copyPathOf(sha256: string): string | undefined {
    this.pathOf(sha256);
    return this.options.dataDir ? join(this.options.dataDir, 'copies', 'evidence', sha256.slice(0, 2), sha256) : undefined;
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) {
      throw new AppError({ code: 'INVALID_REQUEST', message: 'Not a SHA-256 fingerprint' });
    }
    return join(this.folder, sha256.slice(0, 2), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  /** Copies a file into the store while hashing it; returns its fingerprint and size. */
  async addFile(sourcePath: string): Promise<{ sha256: string; size: number }> {
    // Answered below as "the file is not there".
    const info = await statIfExists(sourcePath);
    if (!info?.isFile()) {
      throw new AppError({ code: 'NOT_FOUND', message: `${sourcePath} is not a readable file`, params: { path: sourcePath } });
    }
    if (info.size > maxEvidenceBytes) {
      throw new AppError({
        code: 'FILE_TOO_LARGE',
        message: `${sourcePath} is larger than ${maxEvidenceBytes / 1024 / 1024} MB. Store it elsewhere and add a link instead.`,
        params: { path: sourcePath, maxMb: maxEvidenceBytes / 1024 / 1024 },
      });
    }
    await mkdir(this.folder, { recursive: true });
    const temp = join(this.folder, `.${randomBytes(8).toString('hex')}.tmp`);
    const hash = createHash('sha256');
    let size = 0;
    // Through the store's file operations, so the power-loss test sees every step.
    const ops = currentFileOps();
    try {
      const out = await ops.openNew(temp);
      try {
        for await (const chunk of createReadStream(sourcePath)) {
          const bytes = chunk as Buffer;
          hash.update(bytes);
          size += bytes.length;
          await out.write(bytes);
        }
        await out.sync();
      } finally {
        await out.close();
      }
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      if (await this.has(sha256)) {
        await ops.remove(temp);
      } else {
        await mkdir(join(this.folder, sha256.slice(0, 2)), { recursive: true });
        await ops.rename(temp, target);
        // The rename moves an entry between two folders: both are made durable.
        await ops.syncFolder(join(this.folder, sha256.slice(0, 2)));
        await ops.syncFolder(this.folder);
      }
      const copy = this.copyPathOf(sha256);
      if (copy && (await hashOf(copy)) !== sha256) await writeCopyOf(target, copy);
      return { sha256, size };
    } catch (error) {
      // Best effort: the error that matters is rethrown.
      await removeQuietly(temp);
      throw storageError(error, this.folder);
    }
  }

  /** Hashes the stored file again: true when it still has the fingerprint it is stored under (restored from its copy if needed). */
  async verify(sha256: string): Promise<boolean> {
    return (await this.check(sha256)).state !== 'damaged';
  }

  /**
   * Hashes the stored file and its copy: a damaged or missing file is set aside and restored from a
   * good copy, a damaged or missing copy is written again from a good file; the officer is told.
   */
  async check(sha256: string): Promise<EvidenceCheck> {
    const path = this.pathOf(sha256);
    const copy = this.copyPathOf(sha256);
    const fileHash = await hashOf(path);
    const copyHash = copy ? await hashOf(copy) : undefined;
    const dataDir = this.options.dataDir;
    if (fileHash === sha256) {
      if (copy && copyHash !== sha256) {
        const copySetAsidePath = copyHash !== undefined && dataDir ? await setAsideFile(dataDir, 'evidence', copy, this.now()) : undefined;
        await writeCopyOf(path, copy);
        // A copy missing is a file stored before copies existed: written quietly.
        if (copySetAsidePath) await this.options.notify?.({ kind: 'copy-repaired', collection: 'evidence', documentId: sha256, reason: 'checksum', setAsidePath: copySetAsidePath });
      }
      return { state: 'good' };
    }
    const setAsidePath = fileHash !== undefined && dataDir ? await setAsideFile(dataDir, 'evidence', path, this.now()) : undefined;
    if (copy && copyHash === sha256) {
      await mkdir(dirname(path), { recursive: true });
      await writeCopyOf(copy, path);
      await this.options.notify?.({ kind: 'restored-from-copy', collection: 'evidence', documentId: sha256, reason: fileHash === undefined ? 'missing' : 'checksum', ...(setAsidePath ? { setAsidePath } : {}) });
      return { state: 'restored', ...(setAsidePath ? { setAsidePath } : {}) };
    }
    const copySetAsidePath = copy && copyHash !== undefined && dataDir ? await setAsideFile(dataDir, 'evidence', copy, this.now()) : undefined;
    await this.options.notify?.({
      kind: 'set-aside',
      collection: 'evidence',
      documentId: sha256,
      reason: fileHash === undefined ? 'missing' : 'checksum',
      ...(setAsidePath ? { setAsidePath } : {}),
      ...(copySetAsidePath ? { copySetAsidePath } : {}),
    });
    return { state: 'damaged', ...(setAsidePath ? { setAsidePath } : {}), ...(copySetAsidePath ? { copySetAsidePath } : {}) };
  }
}

/** The SHA-256 of a file, or undefined when it cannot be read. */
async function hashOf(path: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** Copies `from` to `to` durably: a temp file, fsynced, renamed into place, folder fsynced. */
async function writeCopyOf(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  const temp = `${to}.${randomBytes(6).toString('hex')}.tmp`;
  const ops = currentFileOps();
  try {
    const out = await ops.openNew(temp);
    try {
      for await (const chunk of createReadStream(from)) await out.write(chunk as Buffer);
      await out.sync();
    } finally {
      await out.close();
    }
    await ops.rename(temp, to);
    await ops.syncFolder(dirname(to));
  } catch (error) {
    await bestEffort(ops.remove(temp), `Removing the temp file ${temp}`);
    throw storageError(error, to);
  }
}
