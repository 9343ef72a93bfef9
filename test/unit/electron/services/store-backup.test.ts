/**
 * Whole-store backup on real files: a realistic store (the demo's two universities, four
 * assessments, a partnership, an evidence file, a signing key, a removed partner) goes into one
 * zip and comes back, byte for byte, in an empty folder; hostile and damaged archives are refused
 * and leave nothing behind.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../../../electron/app/core';
import { writeDemoData } from '../../../../electron/demo/demo-data';
import { KeyRing } from '../../../../electron/keys/key-ring';
import {
  backupFormat,
  backupStore,
  isSafeRelativePath,
  manifestName,
  restoreStore,
  type BackupManifest,
} from '../../../../electron/services/store-backup';
import { testKeychain } from '../../../support/exchange-factories';
import { sampleProfile } from '../../../support/factories';
import { fileTree } from '../../../support/file-tree';
import { templatesDir } from '../../../support/paths';
import { ScriptedDialogs } from '../../../support/scripted-dialogs';
import { tempFolder } from '../../../support/temp';
import { zipStored } from '../export/zip-builder';

let source: Awaited<ReturnType<typeof tempFolder>>;
let work: Awaited<ReturnType<typeof tempFolder>>;
let archive: string;
let progress: Array<[number, number]>;

const open = (dataDir: string) =>
  openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB' });

/** What a backup must hold: everything but rotating snapshots and temp files. */
const inBackup = (path: string) => !(path.startsWith('backups/') && !/^backups\/migrations(\/|$)/.test(path)) && !path.endsWith('.tmp');

/** The target folder is as it was before the refused restore: empty, no staging folder left. */
async function expectNothingWritten(target: string): Promise<void> {
  expect(await readdir(target)).toEqual([]);
}

beforeAll(async () => {
  source = await tempFolder('trustbridge-backup-source-');
  work = await tempFolder('trustbridge-backup-work-');
  await writeDemoData({ dataDir: source.path, templatesDir });
  // A signing key, a removed partner (kept under deleted/), a copy taken before a migration, and a
  // stray temp file of an interrupted write.
  const keyRing = await KeyRing.open({ dataDir: source.path });
  await keyRing.ensureKey(testKeychain());
  const core = await open(source.path);
  const removed = await core.institutions.createPartner(sampleProfile({ legalName: 'Removed Test University', country: 'PT', city: 'Porto', erasmusCode: 'P  PORTO99' }));
  await core.institutions.removePartner(removed.id);
  await core.close();
  await mkdir(join(source.path, 'backups', 'migrations', 'institutions'), { recursive: true });
  await writeFile(join(source.path, 'backups', 'migrations', 'institutions', 'old.json.v1'), '{"schemaVersion":1}\n');
  await writeFile(join(source.path, 'documents', 'assessments', 'x.json.0a1b2c.tmp'), '{"half');

  archive = join(work.path, 'TrustBridge backup.zip');
  progress = [];
  await backupStore(source.path, archive, (done, total) => progress.push([done, total]));
  // Writing the demo takes far longer than the default hook timeout on a loaded machine.
}, 120_000);

afterAll(async () => {
  await source?.remove();
  await work?.remove();
});

describe('backing up the whole store', () => {
  it('restores into an empty folder every file of the store, byte for byte', async () => {
    const target = join(work.path, 'restored');
    const result = await restoreStore(archive, target);

    const expected = await fileTree(source.path, { exclude: (path) => !inBackup(path) });
    expect(await fileTree(target)).toEqual(expected);
    expect(Object.keys(expected)).toEqual(
      expect.arrayContaining([
        'index.json',
        'settings.json',
        'keys/own-key.json',
        'backups/migrations/institutions/old.json.v1',
        expect.stringMatching(/^evidence\/[0-9a-f]{2}\/[0-9a-f]{64}$/),
        expect.stringMatching(/^documents\/assessments\/.+\.json\.bak$/),
        expect.stringMatching(/^deleted\/institutions\/.+\.json$/),
      ]),
    );
    expect(result.files).toBe(Object.keys(expected).length);
    // The rotating snapshot of the source is not in the archive, nor the temp file.
    expect((await readdir(join(source.path, 'backups'))).some((name) => name.endsWith('-periodic'))).toBe(true);
    expect(Object.keys(await fileTree(target)).some((path) => path.endsWith('.tmp') || /^backups\/\d/.test(path))).toBe(false);
  });

  it('opens the restored store with the same institutions, assessments and partnership', async () => {
    const target = join(work.path, 'restored-opened');
    await restoreStore(archive, target);
    const original = await open(source.path);
    const restored = await open(target);
    try {
      expect(restored.assessments.list()).toEqual(original.assessments.list());
      expect(restored.institutions.list()).toEqual(original.institutions.list());
      expect(restored.partnerships.list()).toEqual(original.partnerships.list());
      for (const summary of original.assessments.list()) {
        expect(await restored.assessments.get(summary.id)).toEqual(await original.assessments.get(summary.id));
      }
      expect(restored.store.settings).toEqual(original.store.settings);
      expect(restored.store.notices).toEqual([]);
    } finally {
      await original.close();
      await restored.close();
    }
  });

  it('reports progress file by file, ending at the total', () => {
    expect(progress[0]).toEqual([0, expect.any(Number)]);
    const last = progress.at(-1)!;
    expect(last[0]).toBe(last[1]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
  });

  it('records format, version, date and the SHA-256 of every file in the manifest', async () => {
    const manifest = await manifestOf(archive);
    expect(manifest).toMatchObject({ format: backupFormat, formatVersion: 1, app: { name: 'TrustBridge' } });
    expect(Date.parse(manifest.created)).not.toBeNaN();
    // (The source store was opened since, so compare with what the archive restores.)
    const target = join(work.path, 'restored-manifest');
    await restoreStore(archive, target);
    expect(Object.fromEntries(manifest.files.map((file) => [file.path, file.sha256]))).toEqual(await fileTree(target));
  });

  it('refuses to write the backup inside the data folder it backs up', async () => {
    await expect(backupStore(source.path, join(source.path, 'backup.zip'))).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('outside the data folder') });
    expect((await readdir(source.path)).some((name) => name.startsWith('backup.zip'))).toBe(false);
  });
});

describe('restoring refuses what it must not restore, and writes nothing', () => {
  it('refuses a folder that is not empty and leaves what is there untouched', async () => {
    const target = join(work.path, 'not-empty');
    await mkdir(target);
    await writeFile(join(target, 'notes.txt'), 'mine');
    await expect(restoreStore(archive, target)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('not empty') });
    expect(await readdir(target)).toEqual(['notes.txt']);
    expect(await readFile(join(target, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses a zip that is not a TrustBridge backup', async () => {
    const foreign = join(work.path, 'holiday-photos.zip');
    await writeFile(foreign, zipStored([['photo.jpg', Buffer.from([0xff, 0xd8, 0xff])]]));
    const target = await emptyTarget('foreign');
    await expect(restoreStore(foreign, target)).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('not a TrustBridge backup') });
    await expectNothingWritten(target);
  });

  it('refuses a file that is not a zip at all, and one that was cut off', async () => {
    const notZip = join(work.path, 'not-a-zip.zip');
    await writeFile(notZip, 'just some text');
    const cut = join(work.path, 'cut.zip');
    const bytes = await readFile(archive);
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    for (const path of [notZip, cut]) {
      const target = await emptyTarget(`broken-${path.length}`);
      await expect(restoreStore(path, target)).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringMatching(/^This backup cannot be restored: .+\./) });
      await expectNothingWritten(target);
    }
  });

  it('refuses an archive whose file content was changed after it was made, restoring none of it', async () => {
    // The evidence file is stored uncompressed: change one byte of it inside the archive. A zip's
    // own CRC is not checked by every reader; the manifest's SHA-256 is.
    const evidence = Object.keys(await fileTree(source.path)).find((path) => path.startsWith('evidence/'))!;
    const content = await readFile(join(source.path, evidence));
    const bytes = Buffer.from(await readFile(archive));
    const at = bytes.indexOf(content);
    expect(at).toBeGreaterThan(0);
    bytes[at + 10] = bytes[at + 10]! ^ 0x20;
    const tampered = join(work.path, 'tampered.zip');
    await writeFile(tampered, bytes);
    const target = await emptyTarget('tampered');
    await expect(restoreStore(tampered, target)).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('does not match the fingerprint') });
    await expectNothingWritten(target);
  });

  it('does not create the folder when it did not exist and the archive is refused', async () => {
    const target = join(work.path, 'never-created');
    const foreign = join(work.path, 'foreign-2.zip');
    await writeFile(foreign, zipStored([['readme.txt', 'hello']]));
    await expect(restoreStore(foreign, target)).rejects.toMatchObject({ code: 'INVALID_FILE' });
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  for (const [label, name] of [
    ['a path that climbs out of the folder', 'data/../../escaped.txt'],
    ['an absolute path', '/tmp/trustbridge-escaped.txt'],
    ['a Windows path with backslashes', 'data\\..\\..\\escaped.txt'],
    ['a drive letter', 'data/C:/escaped.txt'],
    ['a name outside data/', 'elsewhere/escaped.txt'],
  ] as const) {
    it(`refuses ${label} (zip slip) before writing anything`, async () => {
      const content = Buffer.from('escaped');
      const manifest = manifestFor([{ path: name.replace(/^data\//, ''), content }]);
      const hostile = join(work.path, `slip-${label.length}.zip`);
      await writeFile(hostile, zipStored([[name, content], [manifestName, JSON.stringify(manifest)]]));
      const target = await emptyTarget(`slip-${label.length}`);
      await expect(restoreStore(hostile, target)).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('outside the restored folder') });
      await expectNothingWritten(target);
      expect(await readdir(dirname(target))).not.toContain('escaped.txt');
      await expect(stat('/tmp/trustbridge-escaped.txt')).rejects.toMatchObject({ code: 'ENOENT' });
    });
  }

  it('quotes a name with line breaks and control characters on one clean line, in the archive or in its manifest', async () => {
    const name = 'docu\nments/\u0001evil\r\n.json';
    const content = Buffer.from('{}');
    const manifest = manifestFor([{ path: name, content }]);
    // The name in the archive (marked UTF-8, so read as it is), then only in the manifest.
    for (const [index, archive] of [
      zipStored([[`data/${name}`, content], [manifestName, JSON.stringify(manifest)]], { utf8Names: true }),
      zipStored([['data/documents/plain.json', content], [manifestName, JSON.stringify(manifest)]]),
    ].entries()) {
      const hostile = join(work.path, `control-${index}.zip`);
      await writeFile(hostile, archive);
      const target = await emptyTarget(`control-${index}`);
      const refusal = await restoreStore(hostile, target).then(() => undefined, (error: unknown) => error);
      expect(refusal).toMatchObject({ code: 'INVALID_FILE' });
      // eslint-disable-next-line no-control-regex -- the message must hold none
      expect((refusal as Error).message).toMatch(/^This backup cannot be restored: [^\u0000-\u001f\u2028\u2029]+$/);
      await expectNothingWritten(target);
    }
  });

  it('refuses an entry that claims a huge size, before reading it', async () => {
    const content = Buffer.from('{}');
    const zip = zipStored([['data/index.json', content], [manifestName, JSON.stringify(manifestFor([{ path: 'index.json', content }]))]]);
    // The central directory's sizes of the first entry (stored, so both are equal): 3 GB.
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(3 * 1024 * 1024 * 1024, central + 20);
    zip.writeUInt32LE(3 * 1024 * 1024 * 1024, central + 24);
    const bomb = join(work.path, 'bomb.zip');
    await writeFile(bomb, zip);
    const target = await emptyTarget('bomb');
    await expect(restoreStore(bomb, target)).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('more than any file of a TrustBridge store') });
    await expectNothingWritten(target);
  });

  it('refuses an archive with more entries than the limit, from its table of contents alone', async () => {
    const target = await emptyTarget('too-many');
    await expect(restoreStore(archive, target, undefined, { limits: { entries: 3 } })).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('more than any TrustBridge store') });
    await expectNothingWritten(target);
  });

  it('refuses a file that is in the archive but not in its manifest', async () => {
    const content = Buffer.from('{}');
    const extra = join(work.path, 'extra.zip');
    await writeFile(extra, zipStored([['data/index.json', content], ['data/settings.json', content], [manifestName, JSON.stringify(manifestFor([{ path: 'index.json', content }]))]]));
    const target = await emptyTarget('extra');
    await expect(restoreStore(extra, target)).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('not in its manifest') });
    await expectNothingWritten(target);
  });

  it('refuses a backup made by a newer TrustBridge, saying to update', async () => {
    const content = Buffer.from('{}');
    const newer = join(work.path, 'newer.zip');
    await writeFile(newer, zipStored([['data/index.json', content], [manifestName, JSON.stringify({ ...manifestFor([{ path: 'index.json', content }]), formatVersion: 2 })]]));
    const target = await emptyTarget('newer');
    await expect(restoreStore(newer, target)).rejects.toMatchObject({ code: 'NEWER_VERSION', message: expect.stringContaining('Update TrustBridge') });
    await expectNothingWritten(target);
  });
});

describe('portable names', () => {
  it('accepts the names a store uses and refuses the ones that could escape or break on Windows', () => {
    for (const ok of ['index.json', 'documents/assessments/3c70-ab.json.bak', 'evidence/f5/' + 'f'.repeat(64), 'quarantine/index/index.json.2026-11-23T10-00-00-000Z.ab12cd34']) {
      expect(isSafeRelativePath(ok), ok).toBe(true);
    }
    for (const bad of ['', '/abs', '../up', 'a/../b', 'a//b', 'a\\b', 'C:/x', 'con', 'a/nul.txt', 'trailing.', 'tab\there', 'a/b/c/d/e/f/g/h/i/j/k/l/m']) {
      expect(isSafeRelativePath(bad), bad).toBe(false);
    }
  });
});

// ------------------------------------------------------------------------------------------------

async function emptyTarget(name: string): Promise<string> {
  const target = join(work.path, `target-${name}`);
  await rm(target, { recursive: true, force: true });
  await mkdir(target);
  return target;
}

function manifestFor(files: Array<{ path: string; content: Buffer }>): BackupManifest {
  return {
    format: backupFormat,
    formatVersion: 1,
    created: '2026-11-23T10:00:00.000Z',
    app: { name: 'TrustBridge', version: 'test' },
    files: files.map(({ path, content }) => ({ path, size: content.length, sha256: createHash('sha256').update(content).digest('hex') })),
  };
}

async function manifestOf(path: string): Promise<BackupManifest> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== manifestName) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as BackupManifest;
    }
    throw new Error('no manifest');
  } finally {
    zip.close();
  }
}
