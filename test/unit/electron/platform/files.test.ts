/**
 * The named file helpers on real files: only "nothing is there" reads as undefined; every other
 * failure the disk reports (a folder where a file is read, a symbolic-link loop, a name too long)
 * comes back as an UNREADABLE error naming the path. The tests run as root, who is never refused
 * for permissions, so EACCES is stood in for by these real errors.
 */
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import {
  bestEffort,
  logCleanupTo,
  isMissingFileError,
  lstatIfExists,
  readIfExists,
  readTextIfExists,
  removeQuietly,
  SerialQueue,
  settled,
  statIfExists,
  unreadableError,
} from '../../../../electron/platform/files';
import type { Logger } from '../../../../electron/platform/logger';
import { tempFolder } from '../../../support/temp';

let folder: Awaited<ReturnType<typeof tempFolder>>;

beforeEach(async () => {
  folder = await tempFolder('trustbridge-files-');
});

afterEach(async () => {
  await folder.remove();
});

/** A logger that keeps what it was told, to read back. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string, detail?: unknown) => lines.push(`${level} ${message}${detail instanceof Error ? ` ${detail.message}` : ''}`);
  return { lines, info: keep('INFO'), warn: keep('WARN'), error: keep('ERROR') };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('statIfExists, lstatIfExists, readIfExists, readTextIfExists', () => {
  it('answer what is there', async () => {
    const path = join(folder.path, 'a.txt');
    await writeFile(path, 'hello');
    expect((await statIfExists(path))?.size).toBe(5);
    expect((await lstatIfExists(path))?.isFile()).toBe(true);
    expect((await readIfExists(path))?.toString('utf8')).toBe('hello');
    expect(await readTextIfExists(path)).toBe('hello');
  });

  it('answer undefined for a missing file and for a path through a file (ENOENT, ENOTDIR)', async () => {
    const file = join(folder.path, 'a.txt');
    await writeFile(file, 'x');
    for (const path of [join(folder.path, 'missing.txt'), join(folder.path, 'no-folder', 'b.txt'), join(file, 'inside.txt')]) {
      expect(await statIfExists(path)).toBeUndefined();
      expect(await lstatIfExists(path)).toBeUndefined();
      expect(await readIfExists(path)).toBeUndefined();
      expect(await readTextIfExists(path)).toBeUndefined();
    }
  });

  it('refuse to call a folder read as a file "missing": an UNREADABLE error naming the path (EISDIR)', async () => {
    const path = join(folder.path, 'sub');
    await mkdir(path);
    for (const read of [readIfExists, readTextIfExists]) {
      const error = await caught(read(path));
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('UNREADABLE');
      expect((error as AppError).params).toMatchObject({ path, errno: 'EISDIR' });
      expect((error as AppError).message).toBe(`${path} cannot be read: it is a folder, not a file (EISDIR).`);
    }
    // stat itself reads a folder fine.
    expect((await statIfExists(path))?.isDirectory()).toBe(true);
  });

  it('throw the other errors the disk reports: a symbolic-link loop (ELOOP), a name too long (ENAMETOOLONG)', async () => {
    const loop = join(folder.path, 'loop');
    await symlink(loop, loop);
    const statError = await caught(statIfExists(loop));
    expect((statError as AppError).code).toBe('UNREADABLE');
    expect((statError as AppError).params).toMatchObject({ path: loop, errno: 'ELOOP' });
    // lstat looks at the link itself, which is there.
    expect((await lstatIfExists(loop))?.isSymbolicLink()).toBe(true);
    const long = join(folder.path, 'x'.repeat(300));
    const longError = await caught(readIfExists(long));
    expect((longError as AppError).params).toMatchObject({ path: long, errno: 'ENAMETOOLONG' });
  });

  it('tells a missing file from other failures', () => {
    expect(isMissingFileError(Object.assign(new Error('gone'), { code: 'ENOENT' }))).toBe(true);
    expect(isMissingFileError(Object.assign(new Error('through a file'), { code: 'ENOTDIR' }))).toBe(true);
    expect(isMissingFileError(Object.assign(new Error('refused'), { code: 'EACCES' }))).toBe(false);
    expect(isMissingFileError(new Error('no code'))).toBe(false);
    expect(unreadableError(Object.assign(new Error('refused'), { code: 'EACCES' }), '/x').message).toBe('/x cannot be read: permission denied (EACCES).');
  });
});

describe('removeQuietly and bestEffort', () => {
  it('removes a file, and a folder with recursive; a path already gone is fine and not logged', async () => {
    const logger = recordingLogger();
    const file = join(folder.path, 'temp.tmp');
    const sub = join(folder.path, 'staging');
    await writeFile(file, 'x');
    await mkdir(sub);
    await writeFile(join(sub, 'inside'), 'y');
    await removeQuietly(file, { logger });
    await removeQuietly(sub, { recursive: true, logger });
    await removeQuietly(join(folder.path, 'never-there'), { logger });
    expect(await readdir(folder.path)).toEqual([]);
    expect(logger.lines).toEqual([]);
  });

  it('logs a removal that fails, leaves the file, and does not throw', async () => {
    const logger = recordingLogger();
    const sub = join(folder.path, 'full');
    await mkdir(sub);
    await writeFile(join(sub, 'inside'), 'y');
    // Without recursive, a folder that holds files cannot be removed.
    await removeQuietly(sub, { logger });
    expect(await readdir(sub)).toEqual(['inside']);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toContain(`WARN Could not remove ${sub}; it is left behind`);
  });

  it('bestEffort runs the work, and logs its failure instead of throwing it', async () => {
    const logger = recordingLogger();
    const path = join(folder.path, 'written');
    await bestEffort(() => writeFile(path, 'x'), 'Writing a file', logger);
    expect(await readTextIfExists(path)).toBe('x');
    await bestEffort(writeFile(join(folder.path, 'no-folder', 'f'), 'x'), 'Putting back the file', logger);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^WARN Putting back the file failed; carrying on ENOENT/);
  });

  it('send the failures of callers without a logger where logCleanupTo says (the app log), until undone', async () => {
    const appLog = recordingLogger();
    const sub = join(folder.path, 'full');
    await mkdir(sub);
    await writeFile(join(sub, 'inside'), 'y');
    const undo = logCleanupTo(appLog);
    try {
      await removeQuietly(sub);
      await bestEffort(writeFile(join(folder.path, 'no-folder', 'f'), 'x'), 'Putting back the file');
    } finally {
      undo();
    }
    expect(appLog.lines).toEqual([expect.stringContaining(`WARN Could not remove ${sub}; it is left behind`), expect.stringMatching(/^WARN Putting back the file failed; carrying on ENOENT/)]);
    // Undone: the next failure no longer reaches that log.
    await bestEffort(Promise.reject(new Error('after')), 'Later work');
    expect(appLog.lines).toHaveLength(2);
  });
});

describe('settled and SerialQueue', () => {
  it('settled resolves after a promise fulfils or rejects', async () => {
    await expect(settled(Promise.resolve(1))).resolves.toBeUndefined();
    await expect(settled(Promise.reject(new Error('given to its own caller')))).resolves.toBeUndefined();
    await expect(settled(undefined)).resolves.toBeUndefined();
  });

  it('runs work one at a time, in order; a failure goes to its caller and the next work still runs', async () => {
    const queue = new SerialQueue();
    const path = join(folder.path, 'log.txt');
    const events: string[] = [];
    const append = (text: string) => async () => {
      const before = (await readTextIfExists(path)) ?? '';
      // Another piece of work running in between would lose this one's line.
      await new Promise((resolve) => setImmediate(resolve));
      await writeFile(path, before + text);
      events.push(text);
      return text;
    };
    const first = queue.run(append('a'));
    const failing = queue.run(async () => {
      throw new Error('this one fails');
    });
    const third = queue.run(append('b'));
    await expect(first).resolves.toBe('a');
    await expect(failing).rejects.toThrow('this one fails');
    await expect(third).resolves.toBe('b');
    await queue.idle();
    expect(await readTextIfExists(path)).toBe('ab');
    expect(events).toEqual(['a', 'b']);
  });
});
