import { appendFile, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogueOnDisk, journalPath, journalText, readJournal } from '../../../../electron/store/catalogue-journal';
import { Store } from '../../../../electron/store/store';
import { tempFolder } from '../../../support/temp';
import { note, noteKind } from './fixtures';

let folder: Awaited<ReturnType<typeof tempFolder>>;
let store: Store | undefined;

/** A catalogue write only when asked (flush), so a test decides what reached the disk. */
const open = async () => {
  store = await Store.open({ dataDir: folder.path, kinds: [noteKind], indexFlushDelayMs: 60_000 });
  return store;
};
const indexPath = () => join(folder.path, 'index.json');
const size = async (path: string) => (await stat(path)).size;
const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

/**
 * Moves the whole stored history a minute into the past (document times, the catalogue's and every
 * journal line's time), as if the crash came long after the saves: the store then reconciles only
 * documents newer than what its catalogue says it holds, so what the journal says is what counts.
 */
async function shiftIntoThePast(ms = 60_000): Promise<void> {
  const index = await readJson(indexPath());
  await writeFile(indexPath(), JSON.stringify({ ...index, flushedAt: index.flushedAt - ms }));
  const { lines } = await readJournal(folder.path, index.journal);
  await writeFile(journalPath(folder.path), journalText(lines.map((line) => ({ ...line, at: line.at - ms }))));
  const notes = join(folder.path, 'documents', 'notes');
  for (const name of await readdir(notes)) {
    const info = await stat(join(notes, name));
    await utimes(join(notes, name), info.atime, new Date(info.mtimeMs - ms));
  }
}

beforeEach(async () => {
  folder = await tempFolder('trustbridge-journal-');
});

afterEach(async () => {
  await store?.close();
  store = undefined;
  await folder.remove();
});

describe('the catalogue journal', () => {
  it('a save appends only the changed summary: index.json is not rewritten, whatever the store holds', async () => {
    const s = await open();
    for (let i = 0; i < 300; i += 1) await s.create(noteKind, note(`n${i}`, `A note with a title long enough to matter ${i}`));
    await s.close();
    const reopened = await open();
    const indexBefore = await readFile(indexPath(), 'utf8');
    const journalBefore = await size(journalPath(folder.path));

    await reopened.update(noteKind, 'n7', (draft) => ({ ...draft, count: 1 }));
    await reopened.flush();

    expect(await readFile(indexPath(), 'utf8')).toBe(indexBefore);
    const appended = (await size(journalPath(folder.path))) - journalBefore;
    expect(appended).toBeGreaterThan(0);
    // One line, for one summary: a small fraction of the 300-entry catalogue.
    expect(appended).toBeLessThan(indexBefore.length / 50);
    expect((await catalogueOnDisk(folder.path))['notes']?.['n7']).toEqual({ title: 'A note with a title long enough to matter 7', count: 1 });
  });

  it('after a crash, the acknowledged catalogue changes are there and later saves are reconciled from the documents', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'Created'));
    await s.update(noteKind, 'a', (draft) => ({ ...draft, title: 'Journaled' }));
    await s.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Saved, but its catalogue line never written (the process is killed before the timer):
    await s.update(noteKind, 'a', (draft) => ({ ...draft, count: 5 }));
    await s.create(noteKind, note('b', 'Created just before the crash'));
    store = undefined; // no close(): as after SIGKILL

    const reopened = await open();
    expect(reopened.summary(noteKind, 'a')).toEqual({ title: 'Journaled', count: 5 });
    expect(reopened.summary(noteKind, 'b')).toEqual({ title: 'Created just before the crash', count: 0 });
    expect(reopened.notices).toEqual([]);
  });

  it('ignores a line cut short or damaged at the end of the journal, and reconciles what it would have said', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'First'));
    await s.update(noteKind, 'a', (draft) => ({ ...draft, count: 1 }));
    await s.flush();
    store = undefined; // crashed
    await shiftIntoThePast();
    // A power cut during the next append: half a line, then a line whose checksum does not match.
    const line = journalText([{ g: (await readJson(indexPath())).journal, at: Date.now(), c: 'notes', id: 'a', s: { title: 'Never acknowledged', count: 99 } }]);
    await appendFile(journalPath(folder.path), line.replace('Never acknowledged', 'Never acknowledgeX'));
    await appendFile(journalPath(folder.path), line.slice(0, 40));

    const reopened = await open();
    expect(reopened.summary(noteKind, 'a')).toEqual({ title: 'First', count: 1 });
    expect(await reopened.read(noteKind, 'a')).toEqual(note('a', 'First', 1));
  });

  it('a damaged line in the middle: nothing after it is trusted, and the documents saved since are read again', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'First'));
    await s.create(noteKind, note('b', 'Second'));
    await s.update(noteKind, 'b', (draft) => ({ ...draft, count: 2 }));
    await s.flush();
    store = undefined; // crashed
    await shiftIntoThePast();
    // The line of the update damaged (its checksum no longer matches):
    const text = await readFile(journalPath(folder.path), 'utf8');
    expect(text).toContain('"count":2');
    await writeFile(journalPath(folder.path), text.replace('"count":2', '"count":7'));

    const reopened = await open();
    expect(reopened.summary(noteKind, 'a')).toEqual({ title: 'First', count: 0 });
    expect(reopened.summary(noteKind, 'b')).toEqual({ title: 'Second', count: 2 });
  });

  it('a removal in the journal holds after a crash, with nothing to tell the user', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'Kept'));
    await s.create(noteKind, note('gone', 'Removed'));
    await s.remove(noteKind, 'gone');
    store = undefined; // crashed
    await shiftIntoThePast();

    const reopened = await open();
    expect(reopened.has(noteKind, 'gone')).toBe(false);
    expect(reopened.summary(noteKind, 'a')).toEqual({ title: 'Kept', count: 0 });
    expect(reopened.notices).toEqual([]);
  });

  it('compacts the journal into index.json once it outgrows the catalogue, losing nothing', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'x'.repeat(2000)));
    for (let i = 1; i <= 60; i += 1) {
      await s.update(noteKind, 'a', (draft) => ({ ...draft, count: i }));
      await s.flush();
    }
    // 60 lines of 2 KB passed the 64 KB limit: index.json was rewritten and the journal emptied since.
    expect(await size(journalPath(folder.path))).toBeLessThan(64 * 1024);
    expect((await readJson(indexPath())).collections.notes.a.count).toBeGreaterThan(1);
    store = undefined; // crashed
    await shiftIntoThePast();
    const reopened = await open();
    expect(reopened.summary(noteKind, 'a')).toEqual({ title: 'x'.repeat(2000), count: 60 });
  });

  it('a crash between writing index.json and emptying the journal: the old lines are ignored, the new catalogue holds them', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'Kept'));
    await s.create(noteKind, note('gone', 'Removed later'));
    await s.flush();
    const staleJournal = await readFile(journalPath(folder.path), 'utf8');
    await s.remove(noteKind, 'gone');
    await s.close(); // compacts
    store = undefined;
    // The journal as it was before the compaction (its lines would bring "gone" back):
    await writeFile(journalPath(folder.path), staleJournal);

    const reopened = await open();
    expect(reopened.has(noteKind, 'gone')).toBe(false);
    expect(reopened.summary(noteKind, 'a')).toEqual({ title: 'Kept', count: 0 });
  });

  it('a clean close leaves the whole catalogue in index.json and an empty journal', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'One'));
    await s.update(noteKind, 'a', (draft) => ({ ...draft, count: 3 }));
    await s.close();
    store = undefined;
    expect(await size(journalPath(folder.path))).toBe(0);
    expect(await readJson(indexPath())).toMatchObject({ cleanShutdown: true, collections: { notes: { a: { title: 'One', count: 3 } } } });
  });
});

describe('summaries read from disk', () => {
  /** Rewrites index.json's summary of `id` (the store closed cleanly, so no journal line overrides it). */
  async function forgeInIndex(id: string, summary: unknown): Promise<void> {
    const index = await readJson(indexPath());
    index.collections.notes[id] = summary;
    await writeFile(indexPath(), JSON.stringify(index) + '\n');
  }

  it('a summary in index.json that does not match its kind is dropped and summarised again from its document', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'Kept as it was', 1));
    await s.create(noteKind, note('b', 'Forged', 2));
    await s.close();
    store = undefined;
    await forgeInIndex('b', { title: 'Forged', count: 'many' });

    const reopened = await open();
    expect(reopened.summary(noteKind, 'b')).toEqual({ title: 'Forged', count: 2 });
    expect(reopened.summary(noteKind, 'a')).toEqual({ title: 'Kept as it was', count: 1 });
    await reopened.close();
    store = undefined;
    expect((await catalogueOnDisk(folder.path))['notes']).toEqual({ a: { title: 'Kept as it was', count: 1 }, b: { title: 'Forged', count: 2 } });
  });

  it('a summary in a journal line that does not match its kind is dropped, though its checksum is right', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'In the journal', 4));
    await s.flush();
    store = undefined; // crashed
    await shiftIntoThePast();
    const generation = (await readJson(indexPath())).journal;
    await appendFile(journalPath(folder.path), journalText([{ g: generation, at: Date.now() - 60_000, c: 'notes', id: 'a', s: { title: 404, count: 4 } }]));
    // The document older than anything the catalogue says: only the check sends the store to read it.
    const old = new Date(Date.now() - 3_600_000);
    await utimes(join(folder.path, 'documents', 'notes', 'a.json'), old, old);

    const reopened = await open();
    expect(reopened.summary(noteKind, 'a')).toEqual({ title: 'In the journal', count: 4 });
  });

  it('a summary with members a later version added keeps only what this version knows', async () => {
    const s = await open();
    await s.create(noteKind, note('a', 'Newer', 3));
    await s.close();
    store = undefined;
    await forgeInIndex('a', { title: 'Newer', count: 3, addedLater: { by: 'a later TrustBridge' } });

    const reopened = await open();
    expect(Object.keys(reopened.summary(noteKind, 'a') ?? {}).sort()).toEqual(['count', 'title']);
    await reopened.close();
    store = undefined;
    expect((await readJson(indexPath())).collections.notes.a).toEqual({ title: 'Newer', count: 3 });
  });

  it('index.json written at close is the catalogue as JSON, whatever the characters of its summaries', async () => {
    const s = await open();
    const titles = ['Plain', 'Partner’s “quality” manual', 'Zürich – Ελληνικά – 日本語 – 🎓', 'Quote " and backslash \\ and tab \t'];
    for (const [i, title] of titles.entries()) await s.create(noteKind, note(`n${i}`, title, i));
    await s.close();
    store = undefined;

    const text = await readFile(indexPath(), 'utf8');
    const parsed = JSON.parse(text);
    expect(text).toBe(JSON.stringify(parsed) + '\n');
    expect(parsed).toMatchObject({ cleanShutdown: true, collections: { notes: Object.fromEntries(titles.map((title, i) => [`n${i}`, { title, count: i }])) } });
    const reopened = await open();
    for (const [i, title] of titles.entries()) expect(reopened.summary(noteKind, `n${i}`)).toEqual({ title, count: i });
  });
});
