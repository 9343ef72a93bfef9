/**
 * Stores written by earlier versions of TrustBridge (test/fixtures/stores/v<N>/, real files) open
 * and migrate: every document ends at the current schema version, the file as the old version
 * wrote it is copied to backups/migrations/ before it is changed, and the user is told. Both ways
 * an older store arrives: closed cleanly (documents migrate as they are read) and after a crash
 * (the store's reconciliation at open migrates what it reads).
 */
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/app/core';
import { frameworkKind } from '../../electron/services/frameworks';
import { institutionKind } from '../../electron/services/institutions';
import { partnershipKind } from '../../electron/services/partnerships';
import type { DocumentKind, StoredDocument } from '../../electron/store/store';
import { repoRoot, templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';

const fixturesDir = join(repoRoot, 'test', 'fixtures', 'stores');
let folder: Awaited<ReturnType<typeof tempFolder>>;
let core: Core | undefined;

const open = async (dataDir: string) => {
  core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB' });
  return core;
};
const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;

/** Every fixture document: store folder, collection, id and the version it was written in. */
async function fixtureDocuments(): Promise<Array<{ store: string; collection: string; id: string; version: number; path: string }>> {
  const found = [];
  for (const store of await readdir(fixturesDir, { withFileTypes: true })) {
    if (!store.isDirectory()) continue;
    const documents = join(fixturesDir, store.name, 'documents');
    for (const collection of await readdir(documents)) {
      for (const name of await readdir(join(documents, collection))) {
        const path = join(documents, collection, name);
        found.push({ store: store.name, collection, id: name.replace(/\.json$/, ''), version: (await readJson(path))['schemaVersion'] as number, path });
      }
    }
  }
  return found;
}

beforeEach(async () => {
  folder = await tempFolder('trustbridge-migrate-');
});

afterEach(async () => {
  await core?.close();
  core = undefined;
  await folder.remove();
});

describe('fixture stores of every earlier schema version', () => {
  it('exist for every earlier version of every kind of document', async (context) => {
    const probe = await open(join(folder.path, 'probe'));
    const kinds: Array<DocumentKind<StoredDocument>> = [institutionKind, frameworkKind, probe.assessments.kind, partnershipKind];
    const documents = await fixtureDocuments();
    for (const kind of kinds) {
      for (let version = 1; version < kind.schemaVersion; version += 1) {
        expect(
          documents.some((document) => document.collection === kind.collection && document.version === version),
          `no fixture ${kind.collection} document of schema version ${version} in test/fixtures/stores`,
        ).toBe(true);
      }
    }
    context.annotate(`fixture documents: ${documents.map((d) => `${d.store}/${d.collection}/${d.id} v${d.version}`).join(', ')}`);
  });

  for (const shutdown of ['closed cleanly', 'after a crash'] as const) {
    it(`migrates every document of the v1 store (${shutdown}), keeping each old file first, and tells the user`, async () => {
      const dataDir = join(folder.path, 'v1');
      await cp(join(fixturesDir, 'v1'), dataDir, { recursive: true });
      if (shutdown === 'after a crash') {
        const index = await readJson(join(dataDir, 'index.json'));
        await writeFile(join(dataDir, 'index.json'), JSON.stringify({ ...index, cleanShutdown: false }));
      }
      const olderDocuments = (await fixtureDocuments()).filter((document) => document.store === 'v1');
      const outdated = olderDocuments.filter((document) => document.collection === 'institutions' && document.version < institutionKind.schemaVersion);
      expect(outdated.length).toBeGreaterThan(0);

      const app = await open(dataDir);
      // Everything the app lists is there and opens.
      expect(app.institutions.list().map((item) => item.legalName).sort()).toEqual(['Tampere Test University', 'Universidad de Ejemplo']);
      expect((await app.institutions.getOwn())?.legalName).toBe('Universidad de Ejemplo');
      expect(app.store.settings).toMatchObject({ userName: 'Jordi Puig', setupCompleted: true });
      for (const document of olderDocuments) {
        if (document.collection === 'institutions') await app.institutions.get(document.id);
        if (document.collection === 'assessments') expect((await app.assessments.get(document.id)).answers['LEG-01']?.level).toBe(3);
        if (document.collection === 'partnerships') await app.partnerships.get(document.id);
      }

      for (const document of outdated) {
        const migrated = await readJson(join(dataDir, 'documents', 'institutions', `${document.id}.json`));
        expect(migrated).toMatchObject({ schemaVersion: institutionKind.schemaVersion, id: document.id, exchangeId: null });
        // The old file, byte for byte, was kept before the migration changed it.
        expect(await readFile(join(dataDir, 'backups', 'migrations', 'institutions', `${document.id}.json.v${document.version}`), 'utf8')).toBe(await readFile(document.path, 'utf8'));
      }
      const migratedNotices = app.store.notices.filter((notice) => notice.kind === 'migrated');
      expect(migratedNotices.map((notice) => notice.documentId).sort()).toEqual(outdated.map((document) => document.id).sort());
      expect(migratedNotices.every((notice) => notice.reason === `1→${institutionKind.schemaVersion}`)).toBe(true);
      expect(app.store.notices.filter((notice) => notice.kind !== 'migrated' && notice.kind !== 'index-rebuilt')).toEqual([]);

      // Opened again: nothing left to migrate, no new notice.
      await app.close();
      core = undefined;
      const again = await open(dataDir);
      for (const document of outdated) await again.institutions.get(document.id);
      expect(again.store.notices.filter((notice) => notice.kind === 'migrated')).toHaveLength(outdated.length);
    });
  }
});
