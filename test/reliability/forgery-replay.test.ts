/**
 * Forgery and replay, over the demo's two data folders and real keys:
 *   - a file re-signed with another key in the name of a known partner (same exchange id) is
 *     refused by `trustbridge verify --data-dir` and by the import, and both say the key changed;
 *   - replaying an older file after a newer one was accepted changes no document, for every item
 *     type: assessments, framework, institution, partnership and the agreement.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/app/core';
import { runCli } from '../../electron/cli/run';
import { demoPassphrase, type writeDemo } from '../../electron/demo/demo-exchange';
import { serialiseExchangeFile } from '../../electron/exchange/write';
import { KeyRing } from '../../electron/keys/key-ring';
import { createPassphraseProtector } from '../../electron/keys/passphrase-protector';
import { AppError } from '../../shared/errors';
import type { Signer } from '../../shared/exchange/schema';
import { expectClearMessage } from '../unit/electron/exchange/refusals';
import { forgeSignature } from '../support/exchange-factories';
import { fileTree } from '../support/file-tree';
import { templatesDir } from '../support/paths';
import { copyOfDemo } from '../support/shared-demo';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';

const now = () => new Date('2026-11-23T09:00:00.000Z');
let work: Awaited<ReturnType<typeof tempFolder>>;
let demo: Awaited<ReturnType<typeof writeDemo>>;
let ejemplo: KeyRing;
const ejemploSigner: Signer = { name: 'Dra. Elena Martín', role: 'Rectora', institution: 'Universidad de Ejemplo' };
type Payload = { issuedAt: string; issuer: { exchangeId: string }; items: Array<Record<string, unknown>> };

const open = (dataDir: string) => openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB', now });
const payloadOf = async (path: string) => (JSON.parse(await readFile(path, 'utf8')) as { payload: Payload }).payload;

beforeAll(async () => {
  work = await tempFolder('trustbridge-forgery-');
  demo = await copyOfDemo({ dataDir: join(work.path, 'ejemplo'), outDir: join(work.path, 'exchange') });
  ejemplo = await KeyRing.open({ dataDir: join(work.path, 'ejemplo'), now });
  await ejemplo.unlock(createPassphraseProtector(demoPassphrase));
}, 180_000);

afterAll(async () => {
  await work?.remove();
});

async function copyOf(source: string, name: string): Promise<string> {
  const target = join(work.path, name);
  await cp(source, target, { recursive: true });
  return target;
}

/** Imports a file as the Import page does; the refusal's code and message, or the items it added. */
async function importFile(core: Core, path: string): Promise<{ ok: true; added: number } | { ok: false; code: string; message: string }> {
  const [preview] = await core.exchange.preview([path]);
  if (!preview) throw new Error('no preview');
  if (!preview.ok) return { ok: false, code: preview.error!.code, message: preview.error!.message };
  try {
    const [result] = await core.exchange.apply([preview.token]);
    return { ok: true, added: result?.added ?? 0 };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ok: false, code: error.code, message: error.message };
  }
}

describe('a file re-signed with another key in the name of a known partner', () => {
  it('is refused by verify --data-dir and by the import, and both say the key changed', async () => {
    const receiver = await copyOf(demo.demo.dataDir, 'forgery-receiver');
    const genuine = await payloadOf(demo.exchange.files.fromB);
    const signer: Signer = { name: 'Laura Virtanen', role: 'Head of Quality Services', institution: 'Tampere Test University' };
    const { signature } = await forgeSignature(genuine, { exchangeId: genuine.issuer.exchangeId, signer });
    const forged = join(work.path, 'forged.trustbridge');
    await writeFile(forged, serialiseExchangeFile(genuine, [signature]));

    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['verify', forged, '--data-dir', receiver], { out: (line) => out.push(line), err: (line) => err.push(line), cwd: work.path });
    expect(code, out.join('\n')).toBe(1);
    expect(err.join('\n')).toMatch(/key.*changed|changed.*key/i);
    expect(err.join('\n')).toContain('Tampere Test University');

    const before = await fileTree(receiver);
    const core = await open(receiver);
    try {
      // The periodic snapshot the opening takes is done first.
      await core.store.snapshotSettled();
      await core.store.flush();
      const treeBefore = await fileTree(receiver);
      const result = await importFile(core, forged);
      expect(result).toMatchObject({ ok: false, code: 'KEY_CHANGED' });
      if (result.ok) throw new Error('unreachable');
      expect(result.message).toMatch(/key.*changed|changed.*key/i);
      expectClearMessage(result.message);
      await core.store.flush();
      expect(await fileTree(receiver)).toEqual(treeBefore);
    } finally {
      await core.close();
    }
    expect(Object.keys(before).length).toBeGreaterThan(10);
  }, 120_000);
});

describe('replaying an older file after a newer one was accepted', () => {
  /** Signs a payload as Universidad de Ejemplo, with its real key. */
  async function signedByEjemplo(name: string, payload: Payload): Promise<string> {
    const path = join(work.path, name);
    await writeFile(path, serialiseExchangeFile(payload, [await ejemplo.sign(payload, ejemploSigner)]));
    return path;
  }

  it('changes no document, for assessments, framework, institution, partnership and the agreement', async () => {
    // Tampere's data folder receives from Ejemplo: first the file as Ejemplo sent it, then a newer
    // one (a new revision of each assessment, a changed profile and partnership title), then the
    // first again. And the agreement: countersigned (newer) already held, then Ejemplo's first
    // signed file again.
    const receiver = await copyOf(demo.exchange.partnerDataDir, 'replay-receiver');
    const first = await payloadOf(demo.exchange.files.fromA);
    const types = new Set(first.items.map((item) => item['type']));
    expect(types).toEqual(new Set(['framework', 'institution', 'partnership', 'assessment']));
    const newer: Payload = structuredClone(first);
    newer.issuedAt = '2026-11-22T09:00:00.000Z';
    for (const item of newer.items) {
      if (item['type'] === 'assessment') {
        const assessment = item['assessment'] as Record<string, unknown>;
        assessment['id'] = `${String(assessment['id']).slice(0, 30)}-rev2`;
        assessment['revision'] = Number(assessment['revision']) + 1;
        assessment['title'] = `${String(assessment['title'])} (revised)`;
        assessment['updatedAt'] = '2026-11-22T08:00:00.000Z';
      }
      if (item['type'] === 'institution') (item['profile'] as Record<string, unknown>)['city'] = 'Changed City';
      if (item['type'] === 'partnership') (item['partnership'] as Record<string, unknown>)['title'] = 'A newer title';
    }
    const firstPath = await signedByEjemplo('first.trustbridge', first);
    const newerPath = await signedByEjemplo('newer.trustbridge', newer);

    const core = await open(receiver);
    try {
      expect(await importFile(core, firstPath)).toMatchObject({ ok: true });
      const afterFirst = core.assessments.list().length;
      const newerResult = await importFile(core, newerPath);
      expect(newerResult, JSON.stringify(newerResult)).toMatchObject({ ok: true });
      expect(core.assessments.list().length).toBeGreaterThan(afterFirst);
      await core.store.flush();
      const documents = await fileTree(join(receiver, 'documents'));

      const replay = await importFile(core, firstPath);
      // Refused or accepted with nothing added: either way no document changed.
      if (replay.ok) expect(replay.added).toBe(0);
      else expectClearMessage(replay.message);
      const replayAgreement = await importFile(core, demo.exchange.files.agreementSignedByA);
      if (replayAgreement.ok) expect(replayAgreement.added).toBe(0);
      else expectClearMessage(replayAgreement.message);
      await core.store.flush();
      expect(await fileTree(join(receiver, 'documents'))).toEqual(documents);
      expect((await core.agreements.view(demo.exchange.agreementId)).state).toBe('concluded');
    } finally {
      await core.close();
    }
  }, 180_000);
});
