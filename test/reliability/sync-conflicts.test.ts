/**
 * A sync service's second version of a document (`… (conflicted copy …).json`), found at open: it
 * is compared with the document and resolved by the officer's choice, and whichever version is not
 * kept is moved to quarantine/, never deleted. Real files, a real store.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/app/core';
import { compareSyncConflict, resolveSyncConflict } from '../../electron/store/sync-conflicts';
import { damageableStore, documentPath, type DamageableStore } from '../support/damaged-store';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';

let work: Awaited<ReturnType<typeof tempFolder>>;
let stored: DamageableStore;
let core: Core | undefined;
const open = () => openCore({ dataDir: work.path, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB' });

beforeEach(async () => {
  work = await tempFolder('trustbridge-sync-conflict-');
  stored = await damageableStore(work.path);
});

afterEach(async () => {
  await core?.close();
  core = undefined;
  await work.remove();
});

/** A second version of the partner institution, as Nextcloud names it, with another city (or other bytes). */
async function conflictCopy(change: (document: Record<string, unknown>) => string): Promise<string> {
  const document = JSON.parse(await readFile(documentPath(work.path, 'institutions', stored.partner), 'utf8')) as Record<string, unknown>;
  const path = join(work.path, 'documents', 'institutions', `${stored.partner} (conflicted copy 2026-11-23 101010).json`);
  await writeFile(path, change(document));
  return path;
}
const withCity = (city: string) => (document: Record<string, unknown>) => JSON.stringify({ ...document, profile: { ...(document['profile'] as object), city } });

describe('a sync service’s second version of a document', () => {
  it('is compared with the document, and kept in its place when the officer chooses it', async () => {
    const path = await conflictCopy(withCity('Tampere (from the laptop)'));
    core = await open();
    const notice = core.store.notices.find((candidate) => candidate.kind === 'sync-conflict')!;
    expect(notice).toMatchObject({ collection: 'institutions', setAsidePath: path });

    const comparison = await compareSyncConflict(core.store, notice.id);
    expect(comparison).toMatchObject({ collection: 'institutions', documentId: stored.partner, conflictPath: path });
    expect(comparison.conflictProblem).toBeUndefined();
    expect(comparison.differences).toEqual([{ path: 'profile.city', left: 'Tampere (Kauppi)', right: 'Tampere (from the laptop)' }]);

    const { setAsidePath } = await resolveSyncConflict(core.store, notice.id, 'conflict-copy');
    expect((await core.institutions.get(stored.partner)).city).toBe('Tampere (from the laptop)');
    expect(core.store.notices.filter((candidate) => candidate.kind === 'sync-conflict')).toEqual([]);
    // Nothing lost: the second version and the version it replaced are both in quarantine
    expect(setAsidePath.startsWith(join(work.path, 'quarantine', 'institutions'))).toBe(true);
    const quarantined = await readdir(join(work.path, 'quarantine', 'institutions'));
    expect(quarantined).toHaveLength(2);
    const replaced = quarantined.find((name) => name.includes('replaced-by-sync-version'))!;
    expect(JSON.parse(await readFile(join(work.path, 'quarantine', 'institutions', replaced), 'utf8')).profile.city).toBe('Tampere (Kauppi)');

    // and after a restart the choice stands, with nothing new to report
    await core.close();
    core = await open();
    expect((await core.institutions.get(stored.partner)).city).toBe('Tampere (from the laptop)');
    expect(core.store.notices).toEqual([]);
  });

  it('is set aside when the officer keeps the document, which stays as it was', async () => {
    await conflictCopy(withCity('Tampere (from the laptop)'));
    core = await open();
    const notice = core.store.notices.find((candidate) => candidate.kind === 'sync-conflict')!;
    const before = await readFile(documentPath(work.path, 'institutions', stored.partner));
    await resolveSyncConflict(core.store, notice.id, 'document');
    expect(await readFile(documentPath(work.path, 'institutions', stored.partner))).toEqual(before);
    expect(await readdir(join(work.path, 'quarantine', 'institutions'))).toEqual([expect.stringContaining('(conflicted copy 2026-11-23 101010).json')]);
    expect(core.store.notices).toEqual([]);
  });

  it('says why a half-copied second version cannot replace the document, and changes nothing', async () => {
    const path = await conflictCopy((document) => withCity('Tampere (from the laptop)')(document).slice(0, 60));
    core = await open();
    const notice = core.store.notices.find((candidate) => candidate.kind === 'sync-conflict')!;
    const comparison = await compareSyncConflict(core.store, notice.id);
    expect(comparison.conflictProblem).toMatch(/not complete JSON/);
    const before = await readFile(documentPath(work.path, 'institutions', stored.partner));
    await expect(resolveSyncConflict(core.store, notice.id, 'conflict-copy')).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('The document was kept as it is') });
    expect(await readFile(documentPath(work.path, 'institutions', stored.partner))).toEqual(before);
    expect(await readFile(path, 'utf8')).toHaveLength(60);
    expect(core.store.notices.map((candidate) => candidate.id)).toContain(notice.id);
  });
});
