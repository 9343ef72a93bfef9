/**
 * Evidence files stored by their SHA-256: `evidence/ab/abcdef…`. The same file attached twice is
 * stored once, a stored file is never rewritten, and re-hashing it proves it was not changed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { fsyncFolder } from './durable-write';
import { storageError } from './storage-errors';

/** Evidence larger than this is better linked than copied into the store. */
export const maxEvidenceBytes = 200 * 1024 * 1024;

export class EvidenceStore {
  constructor(readonly folder: string) {}

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
    const info = await stat(sourcePath).catch(() => undefined);
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
    try {
      const out = await open(temp, 'wx');
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
        await rm(temp, { force: true });
      } else {
        await mkdir(join(this.folder, sha256.slice(0, 2)), { recursive: true });
        await rename(temp, target);
        await fsyncFolder(join(this.folder, sha256.slice(0, 2)));
      }
      return { sha256, size };
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw storageError(error, this.folder);
    }
  }

  /** Hashes the stored file again: true when it still has the fingerprint it is stored under. */
  async verify(sha256: string): Promise<boolean> {
    if (!(await this.has(sha256))) return false;
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(this.pathOf(sha256))) hash.update(chunk as Buffer);
    return hash.digest('hex') === sha256;
  }
}
