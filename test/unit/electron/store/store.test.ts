import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diskFileOps, useFileOps, type FileOps } from '../../../../electron/store/durable-write';
import { catalogueOnDisk } from '../../../../electron/store/catalogue-journal';
import { Store } from '../../../../electron/store/store';
import { tempFolder } from '../../../support/temp';
import { note, noteKind } from './fixtures';

let folder: Awaited<ReturnType<typeof tempFolder>>;
let store: Store | undefined;

const open = async (options: { now?: () => Date } = {}) => {
  store = await Store.open({ dataDir: folder.path, kinds: [noteKind], indexFlushDelayMs: 10, ...options });
  return store;
};
const notePath = (id: string) => join(folder.path, 'documents', 'notes', `${id}.json`);
/** The document's second, self-checking copy (checked-copy.ts). */
const copyPath = (id: string) => join(folder.path, 'copies', 'documents', 'notes', `${id}.json.copy`);
const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

beforeEach(async () => {
  folder = await tempFolder('trustbridge-store-');
});

afterEach(async () => {
  await store?.close();
  store = undefined;
  await folder.remove();
});

describe('the store on real files', () => {
  it('keeps one file per document and a catalogue of summaries', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'First'));
    await s.create(noteKind, note('b', 'Second', 2));

    expect(await readJson(notePath('a'))).toEqual(note('a', 'First'));
    expect(s.entries(noteKind)).toEqual(
      expect.arrayContaining([
        { id: 'a', summary: { title: 'First', count: 0 } },
        { id: 'b', summary: { title: 'Second', count: 2 } },
      ]),
    );
    // On disk: index.json and the changes appended to its journal since (catalogue-journal.ts).
    expect((await catalogueOnDisk(folder.path))['notes']?.['b']).toEqual({ title: 'Second', count: 2 });
  });

  it('saving one document rewrites that document only, and keeps the previous save as .bak', async () => {
    const s = await open();
    await s.create(noteKind, note('a'));
    await s.create(noteKind, note('b'));
    await s.flush();
    const before = (await stat(notePath('b'))).mtimeMs;

    await s.update(noteKind, 'a', (draft) => ({ ...draft, count: 1 }));
    await s.update(noteKind, 'a', (draft) => ({ ...draft, count: 2 }));

    expect((await readJson(notePath('a'))).count).toBe(2);
    expect((await readJson(notePath('a') + '.bak')).count).toBe(1);
    expect((await stat(notePath('b'))).mtimeMs).toBe(before);
    expect((await readdir(join(folder.path, 'documents', 'notes'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('saves with its copy when the copies folder was removed since the last save', async () => {
    const s = await open();
    await s.create(noteKind, note('a'));
    await s.update(noteKind, 'a', (draft) => ({ ...draft, count: 1 }));
    await s.flush();
    await rm(join(folder.path, 'copies'), { recursive: true });

    await s.update(noteKind, 'a', (draft) => ({ ...draft, count: 2 }));

    expect((await readJson(notePath('a'))).count).toBe(2);
    const copy = await readFile(copyPath('a'));
    expect(JSON.parse(copy.subarray(copy.indexOf(0x0a) + 1).toString('utf8')).count).toBe(2);
  });

  it('gives out copies: changing what read returned changes nothing stored', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'Original'));
    const copy = await s.read(noteKind, 'a');
    copy.title = 'Changed in memory';
    expect((await s.read(noteKind, 'a')).title).toBe('Original');
  });

  it('serialises concurrent changes to one document, losing none', async () => {
    const s = await open();
    await s.create(noteKind, note('a'));
    await Promise.all(Array.from({ length: 25 }, () => s.update(noteKind, 'a', (draft) => ({ ...draft, count: draft.count + 1 }))));
    expect((await s.read(noteKind, 'a')).count).toBe(25);
    expect((await readJson(notePath('a'))).count).toBe(25);
  });

  it('refuses an invalid change and leaves the stored document as it was', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'Kept'));
    await expect(s.update(noteKind, 'a', (draft) => ({ ...draft, count: 1.5 }))).rejects.toThrow();
    expect(await readJson(notePath('a'))).toEqual(note('a', 'Kept'));
    expect((await s.read(noteKind, 'a')).count).toBe(0);
  });

  it('refuses identifiers that could leave the documents folder', async () => {
    const s = await open();
    await expect(s.create(noteKind, note('../escape'))).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('moves a removed document to deleted/, where it can be recovered', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'Gone'));
    await s.remove(noteKind, 'a');
    expect(s.has(noteKind, 'a')).toBe(false);
    await expect(s.read(noteKind, 'a')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const deleted = await readdir(join(folder.path, 'deleted', 'notes'));
    expect(deleted).toHaveLength(1);
    expect(await readJson(join(folder.path, 'deleted', 'notes', deleted[0]!))).toMatchObject({ title: 'Gone' });
  });

  it('keeps settings in their own small file, validated', async () => {
    const s = await open();
    await s.updateSettings({ userName: 'Ana', theme: 'dark' });
    await expect(s.updateSettings({ theme: 'neon' as 'dark' })).rejects.toThrow();
    expect((await readJson(join(folder.path, 'settings.json'))).theme).toBe('dark');
    await s.close();
    const reopened = await open();
    expect(reopened.settings).toMatchObject({ userName: 'Ana', theme: 'dark' });
  });
});

describe('after a crash', () => {
  it('rebuilds stale summaries from the documents when the last session did not close cleanly', async () => {
    // A catalogue write that never comes (a minute away), as when the process is killed: with the
    // usual 10 ms it would land while the folder is being removed after the test.
    const s = await Store.open({ dataDir: folder.path, kinds: [noteKind], indexFlushDelayMs: 60_000 });
    await s.create(noteKind, note('a', 'Before'));
    await s.flush();
    // A save whose catalogue update never reached the disk (the process was killed):
    await s.update(noteKind, 'a', (draft) => ({ ...draft, title: 'After' }));
    store = undefined; // no close(): as after SIGKILL

    const reopened = await Store.open({ dataDir: folder.path, kinds: [noteKind] });
    store = reopened;
    expect(reopened.summary(noteKind, 'a')).toEqual({ title: 'After', count: 0 });
  });

  it('finds a document whose save was interrupted between the two renames, from its .bak', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'Acknowledged'));
    await s.update(noteKind, 'a', (draft) => ({ ...draft, count: 1 }));
    await s.close();
    store = undefined;
    // The state a crash leaves in the next save after "current → .bak" and before "temp → current":
    await rename(notePath('a'), notePath('a') + '.bak');
    await writeFile(notePath('a') + '.abc123.tmp', '{"half": ');

    const reopened = await open();
    expect(await reopened.read(noteKind, 'a')).toEqual(note('a', 'Acknowledged', 1));
    expect(reopened.notices).toEqual([]);
  });

  it('adds documents the catalogue never heard of and drops entries whose files are gone for good', async () => {
    const s = await open();
    await s.create(noteKind, note('a'));
    await s.close();
    store = undefined;
    await writeFile(notePath('orphan'), JSON.stringify(note('orphan', 'Written before the crash')));
    const index = await readJson(join(folder.path, 'index.json'));
    index.cleanShutdown = false;
    index.collections.notes.ghost = { title: 'Never written', count: 0 };
    await writeFile(join(folder.path, 'index.json'), JSON.stringify(index));

    const reopened = await open();
    expect(reopened.summary(noteKind, 'orphan')).toEqual({ title: 'Written before the crash', count: 0 });
    expect(reopened.has(noteKind, 'ghost')).toBe(false);
  });
});

describe('damaged files', () => {
  for (const [damage, content] of [
    ['truncated', '{"schemaVersion":2,"id":"a","tit'],
    ['garbage bytes', '\u0000\u00ff\u0013garbage'],
    ['empty', ''],
    ['not an object', '[1,2,3]'],
    ['invalid content', '{"schemaVersion":2,"id":"a","title":42,"count":0}'],
    ['from a future version', '{"schemaVersion":9,"id":"a","title":"Future","count":0}'],
  ] as const) {
    it(`sets a ${damage} document aside, restores the last save from its copy and says so`, async () => {
      const s = await open();
      await s.create(noteKind, note('a', 'Good', 1));
      await s.update(noteKind, 'a', (draft) => ({ ...draft, count: 2 }));
      await s.close();
      store = undefined;
      await writeFile(notePath('a'), content);

      const reopened = await open();
      const restored = await reopened.read(noteKind, 'a');
      expect(restored).toEqual(note('a', 'Good', 2));
      const [notice] = reopened.notices;
      expect(notice).toMatchObject({ kind: 'restored-from-copy', collection: 'notes', documentId: 'a' });
      // The damaged file is kept for inspection, byte for byte.
      expect(await readFile(notice!.setAsidePath!, 'utf8')).toBe(content);
      expect(await readJson(notePath('a'))).toEqual(note('a', 'Good', 2));
    });

    it(`writes a ${damage} copy again from the good document and says so`, async () => {
      const s = await open();
      await s.create(noteKind, note('a', 'Written once', 1));
      await s.close();
      store = undefined;
      await writeFile(copyPath('a'), content);

      const reopened = await open();
      expect(await reopened.read(noteKind, 'a')).toEqual(note('a', 'Written once', 1));
      const [notice] = reopened.notices;
      expect(notice).toMatchObject({ kind: 'copy-repaired', collection: 'notes', documentId: 'a' });
      expect(await readFile(notice!.setAsidePath!, 'utf8')).toBe(content);
      // The copy is good again: damage to the document now is recovered from it.
      await reopened.close();
      await writeFile(notePath('a'), content);
      const again = await open();
      expect(await again.read(noteKind, 'a')).toEqual(note('a', 'Written once', 1));
      expect(again.notices.at(-1)).toMatchObject({ kind: 'restored-from-copy', documentId: 'a' });
    });

    it(`restores a document written once whose file is ${damage}, from its copy`, async () => {
      const s = await open();
      await s.create(noteKind, note('a', 'Written once', 1));
      await s.close();
      store = undefined;
      await writeFile(notePath('a'), content);

      const reopened = await open();
      expect(await reopened.read(noteKind, 'a')).toEqual(note('a', 'Written once', 1));
      expect(reopened.notices).toEqual([expect.objectContaining({ kind: 'restored-from-copy', documentId: 'a' })]);
    });
  }

  it('catches damage that still parses by the checksum of the copy', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'Right', 5));
    await s.close();
    store = undefined;
    await writeFile(notePath('a'), `${JSON.stringify(note('a', 'Right', 6))}\n`);

    const reopened = await open();
    expect(await reopened.read(noteKind, 'a')).toEqual(note('a', 'Right', 5));
    expect(reopened.notices).toEqual([expect.objectContaining({ kind: 'restored-from-copy', documentId: 'a', reason: 'checksum' })]);
  });

  it('restores the previous save from .bak when the document and its copy are both damaged', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'Good', 1));
    await s.update(noteKind, 'a', (draft) => ({ ...draft, count: 2 }));
    await s.close();
    store = undefined;
    await writeFile(notePath('a'), 'garbage');
    await writeFile(copyPath('a'), 'garbage copy');

    const reopened = await open();
    expect(await reopened.read(noteKind, 'a')).toEqual(note('a', 'Good', 1));
    expect(reopened.notices).toEqual([expect.objectContaining({ kind: 'restored-from-backup', documentId: 'a' })]);
  });

  it('restores from the newest snapshot that holds a good copy when the .bak is damaged too', async () => {
    let clock = new Date('2026-11-01T09:00:00Z');
    const s = await open({ now: () => clock });
    await s.create(noteKind, note('a', 'In the snapshot', 7));
    await s.snapshots.take('manual');
    clock = new Date('2026-11-02T09:00:00Z');
    await s.update(noteKind, 'a', (draft) => ({ ...draft, count: 8 }));
    await s.close();
    store = undefined;
    await writeFile(notePath('a'), 'garbage');
    await writeFile(notePath('a') + '.bak', 'garbage too');
    await writeFile(copyPath('a'), 'garbage as well');

    const reopened = await open({ now: () => clock });
    expect(await reopened.read(noteKind, 'a')).toEqual(note('a', 'In the snapshot', 7));
    expect(reopened.notices[0]).toMatchObject({ kind: 'restored-from-snapshot', restoredFrom: '2026-11-01T09:00:00.000Z' });
  });

  it('when no good copy exists: sets the file aside, drops it from the list, and the rest is untouched', async () => {
    // The first open takes a snapshot in the background; let it finish on the empty store, or it
    // may copy 'a' and become the good copy this test says does not exist.
    await (await open()).close();
    const s = await open();
    await s.create(noteKind, note('a', 'Lost'));
    await s.create(noteKind, note('b', 'Safe'));
    await s.close();
    store = undefined;
    await writeFile(notePath('a'), 'garbage');
    await writeFile(copyPath('a'), '');

    const reopened = await open();
    // The message names the file, where the damaged files went, and how to get the data back.
    await expect(reopened.read(noteKind, 'a')).rejects.toMatchObject({
      code: 'DAMAGED_FILE',
      message: expect.stringMatching(new RegExp(`${notePath('a').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}.*set aside in .*quarantine.*restore a whole backup`)),
    });
    expect(reopened.has(noteKind, 'a')).toBe(false);
    expect(reopened.notices[0]).toMatchObject({ kind: 'set-aside', documentId: 'a' });
    expect(await readFile(reopened.notices[0]!.setAsidePath!, 'utf8')).toBe('garbage');
    expect(await readFile(reopened.notices[0]!.copySetAsidePath!, 'utf8')).toBe('');
    expect(await reopened.read(noteKind, 'b')).toEqual(note('b', 'Safe'));
  });

  it('rebuilds a damaged or missing catalogue from the documents', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'One'));
    await s.create(noteKind, note('b', 'Two'));
    await s.close();
    store = undefined;

    await writeFile(join(folder.path, 'index.json'), '{not json');
    let reopened = await open();
    expect(reopened.entries(noteKind).map((e) => e.id).sort()).toEqual(['a', 'b']);
    expect(reopened.notices.map((n) => n.kind)).toContain('index-rebuilt');
    await reopened.close();

    await rm(join(folder.path, 'index.json'));
    await rm(join(folder.path, 'index.json.bak'), { force: true });
    reopened = await open();
    expect(reopened.entries(noteKind).map((e) => e.id).sort()).toEqual(['a', 'b']);
  });

  it('falls back to default settings, keeping the damaged file, when settings.json is garbage', async () => {
    const s = await open();
    await s.close();
    store = undefined;
    await writeFile(join(folder.path, 'settings.json'), '\u0000\u0001');
    await rm(join(folder.path, 'settings.json.bak'), { force: true });
    const reopened = await open();
    expect(reopened.settings.setupCompleted).toBe(false);
    expect(reopened.notices[0]).toMatchObject({ collection: 'settings', kind: 'set-aside' });
  });

  it('restores damaged settings from their copy, written at the first save', async () => {
    const s = await open();
    await s.updateSettings({ userName: 'Ana', setupCompleted: true });
    await s.close();
    store = undefined;
    await writeFile(join(folder.path, 'settings.json'), '{"userName": "An');
    const reopened = await open();
    expect(reopened.settings).toMatchObject({ userName: 'Ana', setupCompleted: true });
    expect(reopened.notices).toEqual([expect.objectContaining({ collection: 'settings', kind: 'restored-from-copy', reason: 'not-json' })]);
  });

  it('restores damaged notices from their copy, and starts them afresh (saying so) only when both are damaged', async () => {
    const s = await open();
    await s.create(noteKind, note('a'));
    await s.close();
    store = undefined;
    await writeFile(notePath('a'), '');
    let reopened = await open();
    await reopened.read(noteKind, 'a');
    expect(reopened.notices).toHaveLength(1);
    await reopened.close();
    store = undefined;

    await writeFile(join(folder.path, 'notices.json'), 'garbage');
    reopened = await open();
    expect(reopened.notices.map((notice) => [notice.collection, notice.kind])).toEqual([
      ['notes', 'restored-from-copy'],
      ['notices', 'restored-from-copy'],
    ]);
    await reopened.close();
    store = undefined;

    await writeFile(join(folder.path, 'notices.json'), 'garbage');
    await writeFile(join(folder.path, 'copies', 'notices.json.copy'), 'garbage');
    await rm(join(folder.path, 'notices.json.bak'), { force: true });
    reopened = await open();
    expect(reopened.notices).toEqual([expect.objectContaining({ collection: 'notices', kind: 'set-aside' })]);
    expect(await readFile(reopened.notices[0]!.copySetAsidePath!, 'utf8')).toBe('garbage');
  });
});

describe('sync-conflict copies beside the documents', () => {
  it('names each conflict copy a sync service left, once, and never reads or prefers it', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'Ours', 1));
    await s.updateSettings({ userName: 'Ana' });
    await s.close();
    store = undefined;
    const theirs = join(folder.path, 'documents', 'notes', 'a (Laptop conflicted copy 2026-11-23).json');
    const syncthing = join(folder.path, 'settings.sync-conflict-20261123-101500-ABCDEFG.json');
    await writeFile(theirs, JSON.stringify(note('a', 'Theirs', 9)));
    await writeFile(syncthing, '{"userName": "Someone else"}');

    let reopened = await open();
    expect(await reopened.read(noteKind, 'a')).toEqual(note('a', 'Ours', 1));
    expect(reopened.settings.userName).toBe('Ana');
    expect(reopened.notices.map((notice) => [notice.kind, notice.collection, notice.setAsidePath])).toEqual(
      expect.arrayContaining([
        ['sync-conflict', 'notes', theirs],
        ['sync-conflict', 'settings', syncthing],
      ]),
    );
    expect(reopened.notices).toHaveLength(2);
    await reopened.close();
    reopened = await open();
    expect(reopened.notices).toHaveLength(2);
    expect(await readFile(theirs, 'utf8')).toBe(JSON.stringify(note('a', 'Theirs', 9)));
  });
});

describe('migrations', () => {
  it('migrates an older document on read, keeping a copy of the old version first', async () => {
    const s = await open();
    await s.close();
    store = undefined;
    await mkdir(join(folder.path, 'documents', 'notes'), { recursive: true });
    const old = { schemaVersion: 1, id: 'old', name: 'Written by version 1', count: 3 };
    await writeFile(notePath('old'), JSON.stringify(old));

    const reopened = await open();
    // Not in the catalogue yet (written behind the app's back), so reconcile after a forced unclean start:
    expect(await reopened.read(noteKind, 'old').catch(() => undefined)).toBeUndefined();
    await reopened.close();
    const index = await readJson(join(folder.path, 'index.json'));
    index.cleanShutdown = false;
    await writeFile(join(folder.path, 'index.json'), JSON.stringify(index));
    const migrated = await open();

    expect(await migrated.read(noteKind, 'old')).toEqual({ schemaVersion: 2, id: 'old', title: 'Written by version 1', count: 3 });
    expect(await readJson(notePath('old'))).toMatchObject({ schemaVersion: 2, title: 'Written by version 1' });
    expect(await readJson(join(folder.path, 'backups', 'migrations', 'notes', 'old.json.v1'))).toEqual(old);
    expect(migrated.notices.map((n) => n.kind)).toContain('migrated');
  });
});

describe('a copy that cannot be written', () => {
  it('fails the save and puts the document back as it was, so the failed save never reappears', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'Saved', 1));
    const failCopies: FileOps = {
      ...diskFileOps,
      openNew: async (path) => {
        if (path.includes(`${sep}copies${sep}`)) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        return diskFileOps.openNew(path);
      },
    };
    const restore = useFileOps(failCopies);
    try {
      await expect(s.update(noteKind, 'a', (draft) => ({ ...draft, count: 2 }))).rejects.toMatchObject({ code: 'DISK_FULL' });
      await expect(s.create(noteKind, note('b', 'Never stored'))).rejects.toMatchObject({ code: 'DISK_FULL' });
    } finally {
      restore();
    }
    expect(await s.read(noteKind, 'a')).toEqual(note('a', 'Saved', 1));
    await s.close();
    store = undefined;
    const reopened = await open();
    expect(await reopened.read(noteKind, 'a')).toEqual(note('a', 'Saved', 1));
    expect(reopened.has(noteKind, 'b')).toBe(false);
    expect(reopened.notices).toEqual([]);
  });
});
