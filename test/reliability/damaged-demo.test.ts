/**
 * Every file of the demo data folder, damaged in turn in three ways (truncated, random bytes,
 * emptied): the app opens, loses nothing (every document, the settings, the keys and the evidence
 * read back exactly as in the undamaged folder), writes the readiness report, and a notice names
 * what was damaged and restored. Documents, settings, notices, keys and evidence have a second,
 * self-checking copy (electron/store/checked-copy.ts); the catalogue is rebuilt from the documents;
 * a damaged `.bak`, the previous save, is only read when a file and its copy are both damaged.
 */
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/app/core';
import { exportReadinessReport, loadPartnershipReport } from '../../electron/export';
import type { DemoResult } from '../../electron/demo/demo-data';
import { agreementKind } from '../../electron/services/agreements';
import { frameworkKind } from '../../electron/services/frameworks';
import { institutionKind } from '../../electron/services/institutions';
import { partnershipKind } from '../../electron/services/partnerships';
import type { DocumentKind, StoredDocument } from '../../electron/store/store';
import { seededRandom } from '../../shared/seeded-random';
import type { StoreNotice } from '../../shared/store/notices';
import { filesUnder } from '../support/file-tree';
import { templatesDir } from '../support/paths';
import { copyOfDemo } from '../support/shared-demo';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';

const now = () => new Date('2026-11-23T09:00:00.000Z');
let work: Awaited<ReturnType<typeof tempFolder>>;
let pristine: string;
let demo: DemoResult;
let expected: Awaited<ReturnType<typeof everything>>;
let files: string[];

const open = (dataDir: string) => openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB', now });

/** Every document (read through the store, so damage is found and repaired), settings, keys, evidence, report. */
async function everything(core: Core) {
  const kinds: Array<DocumentKind<StoredDocument>> = [institutionKind, frameworkKind, core.assessments.kind, partnershipKind, agreementKind] as Array<DocumentKind<StoredDocument>>;
  const documents: Record<string, unknown> = {};
  for (const kind of kinds) {
    for (const entry of core.store.entries(kind)) documents[`${kind.collection}/${entry.id}`] = await core.store.read(kind, entry.id);
  }
  const evidence: Record<string, boolean> = {};
  for (const name of await readdir(join(core.store.evidenceDir), { recursive: true })) {
    if (/^[0-9a-f]{2}[\\/][0-9a-f]{64}$/.test(name)) evidence[name.slice(3)] = await core.evidence.verify(name.slice(3));
  }
  return {
    documents,
    settings: core.store.settings,
    key: core.identity.keyStatus(),
    partners: core.identity.partnerIssuers(),
    evidence,
    report: await loadPartnershipReport(core, demo.partnership, 'en', now),
  };
}

/** What the notice about a damaged file must say: which file it was, and what was done. */
function expectedNotice(path: string): Partial<StoreNotice> | 'none' {
  const document = /^(copies\/)?documents\/([a-z]+)\/([0-9a-f-]+)\.json(\.copy)?$/.exec(path);
  if (document) return { kind: document[1] ? 'copy-repaired' : 'restored-from-copy', collection: document[2]!, documentId: document[3]! };
  const key = /^(copies\/)?keys\/(own-key|partner-keys)\.json(\.copy)?$/.exec(path);
  if (key) return { kind: key[1] ? 'copy-repaired' : 'restored-from-copy', collection: 'keys', documentId: key[2]! };
  const evidence = /^(copies\/)?evidence\/[0-9a-f]{2}\/([0-9a-f]{64})$/.exec(path);
  if (evidence) return { kind: evidence[1] ? 'copy-repaired' : 'restored-from-copy', collection: 'evidence', documentId: evidence[2]! };
  const beside = /^(copies\/)?(settings|notices)\.json(\.copy)?$/.exec(path);
  if (beside) return { kind: beside[1] ? 'copy-repaired' : 'restored-from-copy', collection: beside[2]! };
  if (path === 'index.json') return { kind: 'index-rebuilt', collection: 'index' };
  // The previous save (.bak) and the snapshots are read only when a file and its copy are both damaged.
  return 'none';
}

const random = seededRandom(16);
const damages = {
  truncated: (original: Buffer) => original.subarray(0, Math.floor(original.length / 2)),
  'random bytes': (original: Buffer) => Buffer.from(Array.from({ length: Math.max(8, Math.min(original.length, 512)) }, () => Math.floor(random() * 256))),
  emptied: () => Buffer.alloc(0),
} as const;

beforeAll(async () => {
  work = await tempFolder('trustbridge-damaged-demo-');
  pristine = join(work.path, 'pristine');
  ({ demo } = await copyOfDemo({ dataDir: pristine, outDir: join(work.path, 'exchange') }));
  const core = await open(pristine);
  try {
    expected = await everything(core);
  } finally {
    await core.close();
  }
  files = (await filesUnder(pristine)).filter((path) => !path.startsWith('backups/'));
}, 120_000);

afterAll(async () => {
  await work?.remove();
});

describe('one damaged file in the demo data folder', () => {
  it('covers every kind of file the folder holds', () => {
    // The list the loop below walks: documents and their copies, keys, settings, catalogue, evidence.
    expect(files).toEqual(expect.arrayContaining(['index.json', 'settings.json', 'copies/settings.json.copy', 'keys/own-key.json', 'keys/partner-keys.json', 'copies/keys/own-key.json.copy']));
    for (const collection of ['institutions', 'assessments', 'partnerships', 'agreements']) {
      expect(files.some((path) => path.startsWith(`documents/${collection}/`))).toBe(true);
      expect(files.some((path) => path.startsWith(`copies/documents/${collection}/`))).toBe(true);
    }
    expect(files.some((path) => path.startsWith('evidence/'))).toBe(true);
    expect(files.some((path) => path.startsWith('copies/evidence/'))).toBe(true);
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  it('is recovered, whichever file and whichever damage: nothing is lost, the report is written, a notice says what was restored', async () => {
    let cases = 0;
    for (const path of files) {
      for (const [damageName, damage] of Object.entries(damages)) {
        const dataDir = join(work.path, `case-${cases}`);
        await cp(pristine, dataDir, { recursive: true });
        const damaged = damage(await readFile(join(dataDir, path)));
        await writeFile(join(dataDir, path), damaged);
        const label = `${path}, ${damageName}`;

        const core = await open(dataDir);
        try {
          expect(await everything(core), label).toEqual(expected);
          const report = await exportReadinessReport({ core, templatesDir, language: 'en', id: demo.partnership, outPath: join(dataDir, 'report.docx'), now });
          expect(report.bytes, label).toBeGreaterThan(10_000);
          const notice = expectedNotice(path);
          if (notice === 'none') expect(core.store.notices, label).toEqual([]);
          else {
            expect(core.store.notices, label).toEqual([expect.objectContaining(notice)]);
            const [found] = core.store.notices;
            // The damaged file is kept, byte for byte, where the notice says.
            expect(await readFile(found!.setAsidePath!), label).toEqual(damaged);
          }
        } finally {
          await core.close();
        }
        // Restored: the file is whole again (its next opening tells nothing new).
        const again = await open(dataDir);
        try {
          expect(await everything(again), `${label}, reopened`).toEqual(expected);
          expect(again.store.notices.length, `${label}, reopened`).toBeLessThanOrEqual(1);
        } finally {
          await again.close();
        }
        await rm(dataDir, { recursive: true, force: true });
        cases += 1;
      }
    }
    expect(cases).toBe(files.length * 3);
  }, 600_000);
});
