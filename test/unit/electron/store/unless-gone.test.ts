/**
 * Documents left out of a list: one damaged beyond repair (set aside by the store, which says so in
 * a notice) or removed since the listing is left out and logged; any other failure is thrown, so a
 * list is never shown shorter than it is without a word.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../../electron/platform/logger';
import { Store } from '../../../../electron/store/store';
import { unlessGone } from '../../../../electron/store/unless-gone';
import { AppError } from '../../../../shared/errors';
import { tempFolder } from '../../../support/temp';
import { note, noteKind } from './fixtures';

let folder: Awaited<ReturnType<typeof tempFolder>>;
let store: Store | undefined;
let lines: string[];

/** A logger that keeps what it was told; the store logs through it too. */
const logger: Logger = {
  info: (message) => lines.push(`INFO ${message}`),
  warn: (message) => lines.push(`WARN ${message}`),
  error: (message) => lines.push(`ERROR ${message}`),
};

const open = async () => {
  store = await Store.open({ dataDir: folder.path, kinds: [noteKind], indexFlushDelayMs: 10, logger });
  return store;
};
const notePath = (id: string) => join(folder.path, 'documents', 'notes', `${id}.json`);
const copyPath = (id: string) => join(folder.path, 'copies', 'documents', 'notes', `${id}.json.copy`);

beforeEach(async () => {
  folder = await tempFolder('trustbridge-unless-gone-');
  lines = [];
});

afterEach(async () => {
  await store?.close();
  store = undefined;
  await folder.remove();
});

describe('unlessGone', () => {
  it('leaves out a document damaged beyond repair, logs it, and the store tells the user in a notice', async () => {
    // Given a store with two notes, the first damaged together with its copy
    await (await open()).close();
    const first = await open();
    await first.create(noteKind, note('a', 'Lost'));
    await first.create(noteKind, note('b', 'Kept'));
    await first.close();
    store = undefined;
    await writeFile(notePath('a'), 'garbage');
    await writeFile(copyPath('a'), '');
    const reopened = await open();
    lines = [];

    // When every listed note is read for a list
    const listed: string[] = [];
    for (const entry of reopened.entries(noteKind)) {
      const document = await unlessGone(reopened.read(noteKind, entry.id), reopened.logger, `the note ${entry.id}`);
      if (document) listed.push(document.title);
    }

    // Then the good one is listed, the damaged one is left out with a log line and a notice
    expect(listed).toEqual(['Kept']);
    expect(lines).toContain('WARN Left out the note a: damaged, set aside (see the notices)');
    expect(reopened.notices).toEqual([expect.objectContaining({ kind: 'set-aside', collection: 'notes', documentId: 'a' })]);
  });

  it('leaves out a document removed since it was listed, and logs it', async () => {
    const s = await open();
    await s.create(noteKind, note('a'));
    await s.remove(noteKind, 'a');
    lines = [];
    expect(await unlessGone(s.read(noteKind, 'a'), s.logger, 'the note a')).toBeUndefined();
    expect(lines).toEqual(['WARN Left out the note a: no longer stored']);
  });

  it('throws any other failure instead of shortening the list', async () => {
    const s = await open();
    const unreadable = new AppError({ code: 'UNREADABLE', message: `${notePath('a')} cannot be read`, params: { path: notePath('a') } });
    await expect(unlessGone(Promise.reject(unreadable), s.logger, 'the note a')).rejects.toBe(unreadable);
    await expect(unlessGone(Promise.reject(new Error('a fault')), s.logger, 'the note a')).rejects.toThrow('a fault');
    expect(lines.filter((line) => line.startsWith('WARN Left out'))).toEqual([]);
  });
});
