/**
 * Two computers, one folder: the data folder's own lock (electron/store/folder-lock.ts), with real
 * second processes (a bundled child that opens a store on the same folder, and the command line)
 * and real lock files on disk.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FolderLock, folderLockFileName, thisProcess, type FolderLockHolder } from '../../electron/store/folder-lock';
import { Store } from '../../electron/store/store';
import { buildCli } from '../support/built-cli';
import { repoRoot } from '../support/paths';
import { tempFolder } from '../support/temp';

let bundleDir: Awaited<ReturnType<typeof tempFolder>>;
let holdStore: string;
let data: Awaited<ReturnType<typeof tempFolder>>;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  bundleDir = await tempFolder('trustbridge-lock-child-');
  holdStore = join(bundleDir.path, 'hold-store.cjs');
  await build({
    entryPoints: [join(repoRoot, 'test/reliability/folder-lock/hold-store.ts')],
    outfile: holdStore,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    logLevel: 'silent',
  });
});

afterAll(async () => {
  await bundleDir.remove();
});

beforeEach(async () => {
  data = await tempFolder('trustbridge-lock-');
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
  await data.remove();
});

/** Another TrustBridge on the same folder: a separate process, driven line by line. */
function otherProcess(dataDir: string) {
  const child = spawn(process.execPath, [holdStore, dataDir]);
  children.push(child);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    pid: child.pid!,
    child,
    next: async (): Promise<string> => {
      const line = await lines.next();
      if (line.done) throw new Error(`the other process ended without answering (stderr: ${child.stderr.read() ?? ''})`);
      return line.value;
    },
    close: () => child.stdin.write('close\n'),
  };
}

const open = (takeOver = false) => Store.open({ dataDir: data.path, kinds: [], folderLock: { appVersion: 'test', ...(takeOver ? { takeOver: true } : {}) } });
const lockPath = () => join(data.path, folderLockFileName);
const readLockFile = async (): Promise<FolderLockHolder> => JSON.parse(await readFile(lockPath(), 'utf8')) as FolderLockHolder;
const me = thisProcess();

function lockOf(overrides: Partial<FolderLockHolder>): string {
  const holder: FolderLockHolder = {
    host: 'laptop-of-ana',
    user: 'ana',
    pid: 4242,
    startedAt: '2026-11-30T08:15:00.000Z',
    appVersion: '1.4.0',
    token: 'a1b2c3',
    ...overrides,
  };
  return JSON.stringify(holder);
}

describe('the data folder lock', () => {
  it('refuses a second process on the same folder, naming who holds it, and lets it in once the first closes', async () => {
    // Given a store open in this process
    const first = await open();
    const held = await readLockFile();
    expect(held).toMatchObject({ host: hostname(), user: me.user, pid: process.pid, appVersion: 'test' });
    expect(Date.parse(held.startedAt)).not.toBeNaN();

    // When another process opens the same folder, then it is refused with who, where and since when
    const other = otherProcess(data.path);
    const answer = await other.next();
    expect(answer).toMatch(/^refused LOCKED /);
    expect(answer).toContain(`in use by ${me.user} on ${hostname()}`);
    expect(answer).toContain(`process ${process.pid}`);
    expect(answer).toContain(held.startedAt);
    expect(answer).toMatch(/Close TrustBridge there/);
    await once(other.child, 'exit');
    // and the lock is still ours, untouched
    expect(await readLockFile()).toEqual(held);

    // When the first store closes, the lock is gone, and the other process opens the folder
    await first.close();
    await expect(readFile(lockPath())).rejects.toMatchObject({ code: 'ENOENT' });
    const second = otherProcess(data.path);
    expect(await second.next()).toBe('open');
    expect(await readLockFile()).toMatchObject({ pid: second.pid, appVersion: 'lock-test' });

    // and now this process is the one refused, even when it claims the other one is stale
    await expect(open(true)).rejects.toMatchObject({ code: 'LOCKED', params: { host: hostname(), pid: second.pid, sameHost: 1 } });

    // When the other process closes cleanly, it releases the lock
    second.close();
    expect(await second.next()).toBe('closed');
    await expect(readFile(lockPath())).rejects.toMatchObject({ code: 'ENOENT' });
    const again = await open();
    await again.close();
  });

  it('takes over a lock whose process was killed, and leaves nothing of it behind', async () => {
    // Given another process that held the folder and was killed (no clean close)
    const other = otherProcess(data.path);
    expect(await other.next()).toBe('open');
    other.child.kill('SIGKILL');
    await once(other.child, 'exit');
    expect(await readLockFile()).toMatchObject({ pid: other.pid });

    // When this process opens the folder, then it takes the lock over
    const store = await open();
    expect(await readLockFile()).toMatchObject({ pid: process.pid, host: hostname() });
    expect((await readdir(data.path)).filter((name) => name.startsWith(folderLockFileName))).toEqual([folderLockFileName]);
    await store.close();
    await expect(readFile(lockPath())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a lock held on another computer unless the officer confirms it is stale', async () => {
    // Given a lock written by TrustBridge on another computer
    const theirs = lockOf({});
    await writeFile(lockPath(), theirs);

    // When the folder is opened here, then it is refused, naming that computer and what to do
    const refusal = open();
    await expect(refusal).rejects.toMatchObject({
      code: 'LOCKED',
      params: { reason: 'data-folder-locked', host: 'laptop-of-ana', user: 'ana', since: '2026-11-30T08:15:00.000Z', sameHost: 0 },
    });
    await expect(refusal).rejects.toThrow(/in use by ana on laptop-of-ana .*--take-over-data-folder/s);
    // and nothing was written: not the lock, not the store's files
    expect(await readFile(lockPath(), 'utf8')).toBe(theirs);
    expect((await readdir(data.path)).sort()).toEqual(['evidence', folderLockFileName]);

    // When the officer confirms that the other computer no longer uses the folder, then it opens
    const store = await open(true);
    expect(await readLockFile()).toMatchObject({ host: hostname(), pid: process.pid });
    await store.close();
    await expect(readFile(lockPath())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over a lock of this computer taken before it last started, even when the pid is in use again', async () => {
    await writeFile(lockPath(), lockOf({ host: me.host, pid: 1, startedAt: '2020-01-01T00:00:00.000Z' }));
    const lock = await FolderLock.acquire({
      dataDir: data.path,
      appVersion: 'test',
      now: () => new Date(),
      environment: { ...me, bootedAt: new Date('2021-01-01T00:00:00Z'), isAlive: () => true },
    });
    expect(await readLockFile()).toMatchObject({ token: lock.holder.token });
    await lock.release();
  });

  it('of several openers taking over the same stale lock at once, exactly one wins', async () => {
    const stale = lockOf({ host: me.host, pid: 999_999 });
    for (let round = 0; round < 20; round += 1) {
      await writeFile(lockPath(), stale);
      const attempts = await Promise.allSettled(
        [1, 2, 3, 4].map((n) =>
          FolderLock.acquire({
            dataDir: data.path,
            appVersion: `opener ${n}`,
            now: () => new Date(),
            environment: { ...me, pid: 100_000 + n, isAlive: (pid) => pid !== 999_999 },
          }),
        ),
      );
      const winners = attempts.filter((attempt): attempt is PromiseFulfilledResult<FolderLock> => attempt.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      for (const attempt of attempts) if (attempt.status === 'rejected') expect(attempt.reason).toMatchObject({ code: 'LOCKED' });
      expect(await readLockFile()).toMatchObject({ token: winners[0]!.value.holder.token });
      expect((await readdir(data.path)).filter((name) => name.startsWith(folderLockFileName))).toEqual([folderLockFileName]);
      await winners[0]!.value.release();
    }
  });

  it('clears what an opener killed half-way left beside the lock', async () => {
    await writeFile(join(data.path, `${folderLockFileName}.0b9c.tmp`), lockOf({ host: me.host, pid: 999_999 }));
    await writeFile(join(data.path, `${folderLockFileName}.5e1d.stale`), lockOf({ host: me.host, pid: 999_998 }));
    const store = await open();
    expect((await readdir(data.path)).filter((name) => name.startsWith(folderLockFileName))).toEqual([folderLockFileName]);
    await store.close();
  });

  it('leaves a lock it no longer holds alone when it closes', async () => {
    const store = await open();
    // The officer on another computer confirmed this one stale and took the folder over.
    const taken = lockOf({ host: 'laptop-of-ana' });
    await writeFile(lockPath(), taken);
    await store.close();
    expect(await readFile(lockPath(), 'utf8')).toBe(taken);
  });

  it('makes the command line refuse to write to a folder another process holds', async () => {
    const cli = await buildCli();
    try {
      const other = otherProcess(data.path);
      expect(await other.next()).toBe('open');
      const run = cli.run(['export', '--data-dir', data.path, '--id', 'anything', '--out', join(data.path, 'out.trustbridge')]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`export: This data folder is in use by ${me.user} on ${hostname()}`);
      expect(run.stderr).toContain(`process ${other.pid}`);
      expect(await readLockFile()).toMatchObject({ pid: other.pid });
      other.close();
      expect(await other.next()).toBe('closed');
    } finally {
      await cli.dispose();
    }
  });
});
