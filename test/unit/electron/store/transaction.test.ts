/**
 * Store transactions (electron/store/transaction.ts) on real files: several writes that stand
 * together or not at all, whether the work fails in the app or a crash stops it part-way.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../../../electron/store/store';
import { tempFolder } from '../../../support/temp';
import { note, noteKind } from './fixtures';

let folder: Awaited<ReturnType<typeof tempFolder>>;
let store: Store | undefined;

const open = async () => {
  store = await Store.open({ dataDir: folder.path, kinds: [noteKind], indexFlushDelayMs: 10 });
  return store;
};
const notePath = (id: string) => join(folder.path, 'documents', 'notes', `${id}.json`);
const copyPath = (id: string) => join(folder.path, 'copies', 'documents', 'notes', `${id}.json.copy`);
const transactionsDir = () => join(folder.path, 'transactions');
const exists = (path: string) => readFile(path).then(() => true, () => false);
const records = async () => (await readdir(transactionsDir()).catch(() => [] as string[])).filter((name) => name.endsWith('.json'));

beforeEach(async () => {
  folder = await tempFolder('trustbridge-transaction-');
});

afterEach(async () => {
  await store?.close();
  store = undefined;
  await folder.remove();
});

describe('a store transaction', () => {
  it('keeps every write once its work succeeds, and leaves no record behind', async () => {
    // Given a store with one note
    const s = await open();
    await s.create(noteKind, note('kept', 'Before', 1));
    // When a transaction creates two notes and changes the third
    const result = await s.transaction(async () => {
      await s.create(noteKind, note('a', 'First'));
      await s.create(noteKind, note('b', 'Second'));
      await s.update(noteKind, 'kept', (draft) => ({ ...draft, count: 2 }));
      return 'done';
    });
    // Then all three stand, on disk too, and the record is gone
    expect(result).toBe('done');
    expect(s.entries(noteKind).map((entry) => entry.id).sort()).toEqual(['a', 'b', 'kept']);
    expect(JSON.parse(await readFile(notePath('kept'), 'utf8')).count).toBe(2);
    expect(await records()).toEqual([]);
  });

  it('takes every write back when its work throws: created documents gone, changed ones as before', async () => {
    // Given a store with one note
    const s = await open();
    await s.create(noteKind, note('kept', 'Before', 1));
    // When a transaction creates a note, changes another, removes none, then fails
    await expect(
      s.transaction(async () => {
        await s.create(noteKind, note('a', 'First'));
        await s.update(noteKind, 'kept', (draft) => ({ ...draft, title: 'During', count: 5 }));
        await s.update(noteKind, 'kept', (draft) => ({ ...draft, count: 6 }));
        throw new Error('the import failed part-way');
      }),
    ).rejects.toThrow('the import failed part-way');
    // Then the store holds what it held before, in memory and on disk
    expect(s.has(noteKind, 'a')).toBe(false);
    expect(await exists(notePath('a'))).toBe(false);
    expect(await exists(copyPath('a'))).toBe(false);
    expect(await s.read(noteKind, 'kept')).toEqual(note('kept', 'Before', 1));
    expect(JSON.parse(await readFile(notePath('kept'), 'utf8'))).toEqual(note('kept', 'Before', 1));
    expect(s.summary(noteKind, 'kept')).toEqual({ title: 'Before', count: 1 });
    expect(await records()).toEqual([]);
    // And after reopening as well
    await s.close();
    const reopened = await open();
    expect(reopened.entries(noteKind).map((entry) => entry.id)).toEqual(['kept']);
    expect(reopened.notices).toEqual([]);
  });

  it('puts back a document the failed transaction removed', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'Removed then restored', 3));
    await expect(
      s.transaction(async () => {
        await s.remove(noteKind, 'a');
        throw new Error('failed after the removal');
      }),
    ).rejects.toThrow('failed after the removal');
    expect(await s.read(noteKind, 'a')).toEqual(note('a', 'Removed then restored', 3));
    expect(s.summary(noteKind, 'a')).toEqual({ title: 'Removed then restored', count: 3 });
  });

  it('does not take back a save made outside it while it ran', async () => {
    // Given a transaction under way, and a save of another note made meanwhile outside it
    const s = await open();
    await s.create(noteKind, note('other', 'Other', 0));
    let release!: () => void;
    const waiting = new Promise<void>((resolve) => (release = resolve));
    const failing = s.transaction(async () => {
      await s.create(noteKind, note('a'));
      await waiting;
      throw new Error('failed');
    });
    await s.update(noteKind, 'other', (draft) => ({ ...draft, count: 9 }));
    release();
    await expect(failing).rejects.toThrow('failed');
    // Then the outside save stands
    expect((await s.read(noteKind, 'other')).count).toBe(9);
    expect(s.has(noteKind, 'a')).toBe(false);
  });

  it('is rolled back at the next open when a crash interrupted it (its record left behind)', async () => {
    // Given a store, and a transaction that wrote its documents but never committed: its record
    // stays, as a crash before the commit would leave it
    const s = await open();
    await s.create(noteKind, note('kept', 'Before', 1));
    await s.flush();
    await mkdir(transactionsDir(), { recursive: true });
    const record = {
      format: 'trustbridge-transaction',
      formatVersion: 1,
      id: 'interrupted',
      label: 'partner.trustbridge',
      startedAt: new Date().toISOString(),
      documents: [
        { collection: 'notes', id: 'kept', before: note('kept', 'Before', 1) },
        { collection: 'notes', id: 'new', before: null },
      ],
    };
    await s.update(noteKind, 'kept', (draft) => ({ ...draft, title: 'Written by the import', count: 7 }));
    await s.create(noteKind, note('new', 'Written by the import'));
    await writeFile(join(transactionsDir(), 'interrupted.json'), JSON.stringify(record));
    await s.close();
    // When the store opens again
    const reopened = await open();
    // Then both documents are as they were before the transaction, the catalogue follows, and
    // nothing is reported as damage
    expect(reopened.entries(noteKind).map((entry) => entry.id)).toEqual(['kept']);
    expect(await reopened.read(noteKind, 'kept')).toEqual(note('kept', 'Before', 1));
    expect(await exists(notePath('new'))).toBe(false);
    expect(await exists(copyPath('new'))).toBe(false);
    expect(reopened.notices).toEqual([]);
    expect(await records()).toEqual([]);
    // And it stays so: the next open finds nothing to do
    await reopened.close();
    const again = await open();
    expect(again.entries(noteKind).map((entry) => entry.id)).toEqual(['kept']);
    expect(again.summary(noteKind, 'kept')).toEqual({ title: 'Before', count: 1 });
  });

  it('sets aside a damaged record and tells the user, leaving the documents as they are', async () => {
    const s = await open();
    await s.create(noteKind, note('a'));
    await s.close();
    await mkdir(transactionsDir(), { recursive: true });
    await writeFile(join(transactionsDir(), 'damaged.json'), '{"format": "trustbridge-transaction", "documents": [');
    const reopened = await open();
    expect(reopened.has(noteKind, 'a')).toBe(true);
    expect(reopened.notices).toEqual([expect.objectContaining({ kind: 'set-aside', collection: 'transactions' })]);
    expect(await records()).toEqual([]);
  });

  it('joins a transaction already under way instead of starting a second one', async () => {
    const s = await open();
    await expect(
      s.transaction(async () => {
        await s.create(noteKind, note('outer'));
        await s.transaction(async () => s.create(noteKind, note('inner')));
        throw new Error('the outer work failed');
      }),
    ).rejects.toThrow('the outer work failed');
    expect(s.entries(noteKind)).toEqual([]);
  });
});
