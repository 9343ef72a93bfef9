/**
 * Damaged files in a real store, through the real document kinds and services: a truncated
 * assessment, an institution full of garbage bytes, an empty partnership, an institution from a
 * future TrustBridge, a missing catalogue. Each time the store opens, sets the damaged file aside
 * byte for byte, restores the last save from the document's copy (or, when the copy is damaged
 * too, the previous save), tells the user, and every other file is exactly as it was.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/app/core';
import { copyPath, damage, damageableStore, damages, documentPath, removeCatalogue, type DamageableStore } from '../support/damaged-store';
import { fileTree } from '../support/file-tree';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';

let folder: Awaited<ReturnType<typeof tempFolder>>;
let store: DamageableStore;
let core: Core | undefined;

const open = async () => {
  core = await openCore({ dataDir: folder.path, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB' });
  return core;
};

/** The live documents, for "nothing else changed". */
const documentsTree = () => fileTree(join(folder.path, 'documents'));
const without = (tree: Record<string, string>, ...prefixes: string[]) => Object.fromEntries(Object.entries(tree).filter(([path]) => !prefixes.some((prefix) => path.startsWith(prefix))));

beforeEach(async () => {
  folder = await tempFolder('trustbridge-damaged-');
  store = await damageableStore(folder.path);
});

afterEach(async () => {
  await core?.close();
  core = undefined;
  await folder.remove();
});

describe('a damaged document, through the real kinds', () => {
  it('restores a truncated assessment from its copy, keeps the damaged file and says so', async () => {
    const path = documentPath(folder.path, 'assessments', store.selfAssessment);
    const truncated = damages.truncated(await readFile(path, 'utf8'));
    await damage(path, truncated);
    const before = await documentsTree();

    const app = await open();
    const assessment = await app.assessments.get(store.selfAssessment);

    expect(assessment.answers['LEG-01']).toMatchObject({ level: 3, justification: 'Third draft.' });
    const [notice] = app.store.notices;
    expect(notice).toMatchObject({ kind: 'restored-from-copy', collection: 'assessments', documentId: store.selfAssessment, reason: 'not-json' });
    expect(await readFile(notice!.setAsidePath!, 'utf8')).toBe(truncated);
    expect(notice!.setAsidePath!.startsWith(join(folder.path, 'quarantine', 'assessments'))).toBe(true);
    // Every other document is untouched.
    expect(without(await documentsTree(), `assessments/${store.selfAssessment}`)).toEqual(without(before, `assessments/${store.selfAssessment}`));
  });

  it('restores an institution full of garbage bytes from its copy', async () => {
    await damage(documentPath(folder.path, 'institutions', store.partner), damages.garbage());
    const before = await documentsTree();
    const app = await open();

    expect((await app.institutions.get(store.partner)).city).toBe('Tampere (Kauppi)');
    expect(app.store.notices).toEqual([expect.objectContaining({ kind: 'restored-from-copy', collection: 'institutions', documentId: store.partner })]);
    expect(await readFile(app.store.notices[0]!.setAsidePath!)).toEqual(damages.garbage());
    expect(without(await documentsTree(), `institutions/${store.partner}`)).toEqual(without(before, `institutions/${store.partner}`));
  });

  it('restores an empty partnership file from its copy; with the copy emptied too, from its previous save', async () => {
    await damage(documentPath(folder.path, 'partnerships', store.partnership), damages.empty());
    let app = await open();
    expect((await app.partnerships.get(store.partnership)).decision).toMatchObject({ outcome: 'conditional' });
    expect(app.store.notices).toEqual([expect.objectContaining({ kind: 'restored-from-copy', reason: 'empty' })]);
    await app.close();

    await damage(documentPath(folder.path, 'partnerships', store.partnership), damages.empty());
    await damage(copyPath(folder.path, 'partnerships', store.partnership), damages.empty());
    app = await open();
    const partnership = await app.partnerships.get(store.partnership);
    expect(partnership.title).toBe(store.previous.partnershipTitle);
    expect(partnership.decision).toBeUndefined();
    expect(app.store.notices.at(-1)).toMatchObject({ kind: 'restored-from-backup', reason: 'empty' });
  });

  it('sets aside an institution written by a newer TrustBridge and goes on with its last save', async () => {
    const path = documentPath(folder.path, 'institutions', store.partner);
    const future = damages.futureVersion(await readFile(path, 'utf8'));
    await damage(path, future);
    const app = await open();
    expect((await app.institutions.get(store.partner)).city).toBe('Tampere (Kauppi)');
    expect(app.store.notices).toEqual([expect.objectContaining({ kind: 'restored-from-copy', collection: 'institutions', reason: 'newer-version' })]);
    // The newer file is kept, as it was, for the newer TrustBridge.
    expect(await readFile(app.store.notices[0]!.setAsidePath!, 'utf8')).toBe(future);
  });

  it('when no good copy exists, sets the file aside, lists it no more, and loses nothing else', async () => {
    // The partner's self-assessment was stored once: it has no previous save; its copy is damaged too.
    const path = documentPath(folder.path, 'assessments', store.partnerAssessment);
    await damage(path, damages.garbage());
    await damage(copyPath(folder.path, 'assessments', store.partnerAssessment), damages.garbage());
    const before = await documentsTree();
    const app = await open();

    await expect(app.assessments.get(store.partnerAssessment)).rejects.toMatchObject({ code: 'DAMAGED_FILE', message: expect.stringContaining('set aside') });
    expect(app.assessments.list().map((summary) => summary.id)).toEqual([store.selfAssessment]);
    expect(app.store.notices).toEqual([expect.objectContaining({ kind: 'set-aside', documentId: store.partnerAssessment })]);
    expect(await documentsTree()).toEqual(without(before, `assessments/${store.partnerAssessment}.json`));
    expect((await app.assessments.get(store.selfAssessment)).answers['LEG-01']?.justification).toBe('Third draft.');
  });
});

describe('a missing or damaged catalogue', () => {
  it('rebuilds a missing catalogue from the documents, finds the damaged ones on the way, and says both', async () => {
    await removeCatalogue(folder.path);
    await damage(documentPath(folder.path, 'assessments', store.selfAssessment), damages.empty());
    const app = await open();

    expect(app.institutions.list().map((item) => item.id).sort()).toEqual([store.own, store.partner].sort());
    expect(app.assessments.list().map((item) => item.id).sort()).toEqual([store.selfAssessment, store.partnerAssessment].sort());
    expect(app.partnerships.list().map((item) => item.id)).toEqual([store.partnership]);
    expect(app.store.notices.map((notice) => notice.kind).sort()).toEqual(['index-rebuilt', 'restored-from-copy']);
    expect((await app.assessments.get(store.selfAssessment)).answers['LEG-01']?.justification).toBe('Third draft.');
  });

  it('rebuilds a catalogue of garbage, keeping the damaged one aside', async () => {
    await writeFile(join(folder.path, 'index.json'), damages.garbage());
    const app = await open();
    expect(app.assessments.list()).toHaveLength(2);
    const notice = app.store.notices.find((candidate) => candidate.kind === 'index-rebuilt');
    expect(notice).toMatchObject({ collection: 'index', reason: 'not-json' });
    expect(await readFile(notice!.setAsidePath!)).toEqual(damages.garbage());
  });
});
