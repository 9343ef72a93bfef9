/**
 * The consortium key roster (shared/consortium/roster.ts, electron/consortium/roster.ts): a key
 * planted in the shared folder before the real partner's counts for nothing once a roster signed by
 * the confirmed coordinator key is held; new rosters add, rotate and remove; an older roster
 * replayed and a roster signed by another key change nothing. Real keys, real files on disk, the
 * folder read as the command line and the inbox read it.
 */
import type { KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/app/core';
import { runCli } from '../../electron/cli/run';
import { KeyRing } from '../../electron/keys/key-ring';
import { createPassphraseProtector } from '../../electron/keys/passphrase-protector';
import { readConsortiumFolder } from '../../electron/consortium/folder';
import { RosterBook, rosterBookPath, signRoster, verifyRoster } from '../../electron/consortium/roster';
import { generateSigningKey, publicJwkOf, signDetached } from '../../electron/keys/ed25519';
import type { Roster } from '../../shared/consortium/roster';
import { keyFingerprint } from '../../shared/exchange/fingerprint';
import type { ExchangePayload, Signer } from '../../shared/exchange/schema';
import { examplePayload, forgeSignature, serialiseExchange } from '../support/exchange-factories';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';

const today = '2026-11-23';
const now = () => new Date(`${today}T10:00:00.000Z`);
const coordinatorId = 'tb-coordinator-0001';
const ids = { porto: 'tb-porto-00000001', tampere: 'tb-tampere-0000002', graz: 'tb-graz-000000003' };

let folder: Awaited<ReturnType<typeof tempFolder>>;
let data: Awaited<ReturnType<typeof tempFolder>>;
let coordinatorKey: KeyObject;
let keys: Record<keyof typeof ids, KeyObject>;

beforeEach(async () => {
  folder = await tempFolder('trustbridge-roster-folder-');
  data = await tempFolder('trustbridge-roster-data-');
  coordinatorKey = generateSigningKey();
  keys = { porto: generateSigningKey(), tampere: generateSigningKey(), graz: generateSigningKey() };
});

afterEach(async () => {
  await folder.remove();
  await data.remove();
});

const fingerprintOf = (key: KeyObject) => keyFingerprint(publicJwkOf(key));

function roster(sequence: number, members: Array<[keyof typeof ids, KeyObject[]]>, overrides: Partial<Roster> = {}): Roster {
  return {
    format: 'trustbridge-consortium-roster',
    formatVersion: 1,
    consortiumId: 'eu-alliance-unite',
    consortiumName: 'UNITE European University',
    sequence,
    issuedAt: `${today}T08:00:00.000Z`,
    validFrom: '2026-09-01',
    validUntil: '2027-08-31',
    coordinator: { exchangeId: coordinatorId, keyFingerprint: fingerprintOf(coordinatorKey) },
    members: members.map(([name, memberKeys]) => ({ exchangeId: ids[name], legalName: `University of ${name}`, keyFingerprints: memberKeys.map(fingerprintOf) })),
    ...overrides,
  };
}

/** A roster file signed by `key` in the coordinator's name. */
async function rosterFile(content: Roster, key: KeyObject = coordinatorKey): Promise<Uint8Array> {
  const signer: Signer = { name: 'Marta Coordinadora', role: 'Consortium coordinator', institution: 'UNITE coordination office' };
  return signRoster(content, (canonical) =>
    signDetached(canonical, { alg: 'EdDSA', kid: fingerprintOf(key), jwk: publicJwkOf(key), 'tb.iss': coordinatorId, 'tb.signer': signer, iat: Date.parse(`${today}T08:00:00Z`) / 1000 }, key),
  );
}

/** An exchange file in the shared folder, issued for `member` and signed with `key`. */
async function exchangeFile(name: string, member: keyof typeof ids, key: KeyObject, issuedAt: string): Promise<string> {
  const payload: ExchangePayload = { ...examplePayload(), issuedAt };
  payload.issuer = { ...payload.issuer, exchangeId: ids[member], profile: { ...payload.issuer.profile, legalName: `University of ${member}` } };
  const { signature } = await forgeSignature(payload, { exchangeId: ids[member], signer: { name: 'Someone', role: 'QA', institution: `University of ${member}` }, key });
  const path = join(folder.path, name);
  await writeFile(path, serialiseExchange(payload, [signature]));
  return path;
}

async function confirmedBook(): Promise<RosterBook> {
  const book = await RosterBook.open(data.path);
  await book.confirmCoordinator({ consortiumId: 'eu-alliance-unite', exchangeId: coordinatorId, fingerprint: fingerprintOf(coordinatorKey) }, now());
  return book;
}

const counted = async (rosterInForce?: Roster) => {
  const read = await readConsortiumFolder(folder.path, { now, ...(rosterInForce ? { roster: rosterInForce } : {}) });
  return { accepted: read.accepted.map((file) => file.fileName), refused: Object.fromEntries(read.refused.map((file) => [file.fileName, file])), keyCheck: read.keyCheck };
};

describe('the consortium key roster', () => {
  it('refuses a planted first key that trust on first use would have believed', async () => {
    // Given someone who wrote to the shared folder before the real Tampere did, in Tampere's name
    const attacker = generateSigningKey();
    await exchangeFile('tampere-planted.trustbridge', 'tampere', attacker, '2026-11-01T09:00:00.000Z');
    await exchangeFile('tampere-genuine.trustbridge', 'tampere', keys.tampere, '2026-11-20T09:00:00.000Z');
    await exchangeFile('porto.trustbridge', 'porto', keys.porto, '2026-11-20T09:00:00.000Z');

    // Without a roster the planted key is "first seen" and the genuine file is refused
    const withoutRoster = await counted();
    expect(withoutRoster.accepted).toEqual(['porto.trustbridge', 'tampere-planted.trustbridge']);
    expect(withoutRoster.refused['tampere-genuine.trustbridge']?.code).toBe('KEY_CHANGED');

    // With the roster signed by the confirmed coordinator key, the roster decides
    const book = await confirmedBook();
    const offer = await book.offer(await rosterFile(roster(1, [['porto', [keys.porto]], ['tampere', [keys.tampere]]])));
    expect(offer.decision.outcome).toBe('accepted');
    const withRoster = await counted(book.roster);
    expect(withRoster.keyCheck).toBe('roster');
    expect(withRoster.accepted).toEqual(['porto.trustbridge', 'tampere-genuine.trustbridge']);
    expect(withRoster.refused['tampere-planted.trustbridge']).toMatchObject({ code: 'NOT_ON_ROSTER', reason: expect.stringMatching(/University of tampere with a key .* that the consortium roster \(number 1\) does not list/) });
  });

  it('accepts nothing before the coordinator key is confirmed, and refuses a roster signed by another key', async () => {
    const book = await RosterBook.open(data.path);
    const unconfirmed = await book.offer(await rosterFile(roster(1, [['porto', [keys.porto]]])));
    expect(unconfirmed.decision).toEqual({ outcome: 'refused', reason: 'not-confirmed' });
    expect(unconfirmed.message).toMatch(/Confirm the coordinator's key first: compare its fingerprint/);
    await expect(readFile(rosterBookPath(data.path))).rejects.toMatchObject({ code: 'ENOENT' });

    const confirmed = await confirmedBook();
    await confirmed.offer(await rosterFile(roster(1, [['porto', [keys.porto]]])));
    const before = await readFile(rosterBookPath(data.path), 'utf8');
    // A forged roster: a higher number, the coordinator's name, but someone else's key
    const forger = generateSigningKey();
    const forged = await confirmed.offer(await rosterFile(roster(9, [['porto', [forger]]]), forger));
    expect(forged.decision).toEqual({ outcome: 'refused', reason: 'forged' });
    expect(forged.message).toMatch(/not with the coordinator key you confirmed/);
    expect(confirmed.roster?.sequence).toBe(1);
    expect(await readFile(rosterBookPath(data.path), 'utf8')).toBe(before);

    // A genuine roster changed after it was signed
    const genuine = JSON.parse(Buffer.from(await rosterFile(roster(2, [['porto', [keys.porto]]]))).toString('utf8')) as { roster: Roster };
    genuine.roster.members[0]!.keyFingerprints = [fingerprintOf(forger)];
    const tampered = new Uint8Array(Buffer.from(JSON.stringify(genuine)));
    expect(await verifyRoster(tampered)).toMatchObject({ ok: false, error: { code: 'SIGNATURE_INVALID' } });
    await expect(confirmed.offer(tampered)).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
    expect(await readFile(rosterBookPath(data.path), 'utf8')).toBe(before);
  });

  it('follows new rosters: a member added, a key rotated, a member removed; an older roster replayed changes nothing', async () => {
    const book = await confirmedBook();
    const tampereNew = generateSigningKey();
    await exchangeFile('porto.trustbridge', 'porto', keys.porto, '2026-11-20T09:00:00.000Z');
    await exchangeFile('tampere-old-key.trustbridge', 'tampere', keys.tampere, '2026-11-10T09:00:00.000Z');
    await exchangeFile('tampere-new-key.trustbridge', 'tampere', tampereNew, '2026-11-21T09:00:00.000Z');
    await exchangeFile('graz.trustbridge', 'graz', keys.graz, '2026-11-21T09:00:00.000Z');

    await book.offer(await rosterFile(roster(1, [['porto', [keys.porto]], ['tampere', [keys.tampere]]])));
    let now1 = await counted(book.roster);
    expect(now1.accepted).toEqual(['porto.trustbridge', 'tampere-old-key.trustbridge']);
    expect(now1.refused['graz.trustbridge']?.reason).toMatch(/not on the consortium roster/);

    // Roster 2: Graz joins, Tampere's key is replaced
    const second = await rosterFile(roster(2, [['porto', [keys.porto]], ['tampere', [tampereNew]], ['graz', [keys.graz]]]));
    const offer2 = await book.offer(second);
    expect(offer2.decision).toMatchObject({ outcome: 'accepted', changes: { added: [ids.graz], removed: [], rekeyed: [ids.tampere], coordinatorKeyChanged: false } });
    now1 = await counted(book.roster);
    expect(now1.accepted).toEqual(['graz.trustbridge', 'porto.trustbridge', 'tampere-new-key.trustbridge']);
    expect(now1.refused['tampere-old-key.trustbridge']?.code).toBe('NOT_ON_ROSTER');

    // Roster 3: Graz leaves
    const offer3 = await book.offer(await rosterFile(roster(3, [['porto', [keys.porto]], ['tampere', [tampereNew]]])));
    expect(offer3.decision).toMatchObject({ outcome: 'accepted', changes: { removed: [ids.graz] } });
    expect((await counted(book.roster)).refused['graz.trustbridge']?.code).toBe('NOT_ON_ROSTER');

    // Roster 2 replayed: nothing changes, Graz stays out, and so after a restart
    const replay = await book.offer(second);
    expect(replay.decision).toEqual({ outcome: 'unchanged', reason: 'not-newer' });
    const reopened = await RosterBook.open(data.path);
    expect(reopened.roster?.sequence).toBe(3);
    expect((await counted(reopened.roster)).accepted).toEqual(['porto.trustbridge', 'tampere-new-key.trustbridge']);
  });

  it('moves the confirmation to a new coordinator key announced by a roster the old key signed', async () => {
    const book = await confirmedBook();
    await book.offer(await rosterFile(roster(1, [['porto', [keys.porto]]])));
    const newCoordinatorKey = generateSigningKey();
    const oldKey = coordinatorKey;
    // Roster 2 is signed with the confirmed key and names the new one
    const rotation = await book.offer(await rosterFile(roster(2, [['porto', [keys.porto]]], { coordinator: { exchangeId: coordinatorId, keyFingerprint: fingerprintOf(newCoordinatorKey) } }), oldKey));
    expect(rotation.decision).toMatchObject({ outcome: 'accepted' });
    expect(book.trust?.coordinatorFingerprint).toBe(fingerprintOf(newCoordinatorKey));
    coordinatorKey = newCoordinatorKey;
    expect((await book.offer(await rosterFile(roster(3, [['porto', [keys.porto]]])))).decision.outcome).toBe('accepted');
    // The retired key can no longer issue rosters
    expect((await book.offer(await rosterFile(roster(4, [['porto', [generateSigningKey()]]]), oldKey))).decision).toEqual({ outcome: 'refused', reason: 'forged' });
  });

  it('makes the inbox flag a file whose key is not on the roster instead of offering it', async () => {
    const core = await openCore({ dataDir: data.path, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB', now });
    try {
      await core.roster.confirmCoordinator({ consortiumId: 'eu-alliance-unite', exchangeId: coordinatorId, fingerprint: fingerprintOf(coordinatorKey) }, now());
      await core.roster.offer(await rosterFile(roster(1, [['porto', [keys.porto]], ['tampere', [keys.tampere]]])));
      await mkdir(folder.path, { recursive: true });
      await exchangeFile('tampere-planted.trustbridge', 'tampere', generateSigningKey(), '2026-11-01T09:00:00.000Z');
      await exchangeFile('porto.trustbridge', 'porto', keys.porto, '2026-11-20T09:00:00.000Z');
      await core.store.updateSettings({ sharedFolder: folder.path });
      const view = await core.inbox.scan();
      const byName = Object.fromEntries(view.entries.map((entry) => [entry.fileName, entry.preview]));
      expect(byName['porto.trustbridge']).toMatchObject({ ok: true });
      expect(byName['tampere-planted.trustbridge']).toMatchObject({ ok: false, changes: 0, error: { code: 'KEY_UNKNOWN', params: { reason: 'not-on-roster', exchangeId: ids.tampere } } });
      const planted = view.entries.find((entry) => entry.fileName === 'tampere-planted.trustbridge')!;
      await expect(core.inbox.accept(planted.sha256)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(core.institutions.list().some((institution) => institution.legalName === 'University of tampere')).toBe(false);
    } finally {
      await core.close();
    }
  });

  it('is signed, checked and taken in from the command line', async () => {
    // Given a coordinator's data folder with a passphrase-protected key
    const coordinatorDir = join(data.path, 'coordinator');
    const memberDir = join(data.path, 'member');
    await mkdir(memberDir, { recursive: true });
    const ring = await KeyRing.open({ dataDir: coordinatorDir, now });
    const own = await ring.ensureKey(createPassphraseProtector('coordinator passphrase'));
    const content = { ...roster(1, [['porto', [keys.porto]]]), coordinator: { exchangeId: own.exchangeId, keyFingerprint: own.fingerprint } };
    await writeFile(join(folder.path, 'roster.json'), JSON.stringify(content));
    const cli = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['roster', ...args], { out: (line) => out.push(line), err: (line) => err.push(line), cwd: folder.path });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const previous = process.env['TRUSTBRIDGE_PASSPHRASE'];
    process.env['TRUSTBRIDGE_PASSPHRASE'] = 'coordinator passphrase';
    try {
      // When the coordinator signs it
      const signed = await cli('sign', 'roster.json', '--data-dir', coordinatorDir, '--out', 'unite.tbroster');
      expect(signed, signed.err).toMatchObject({ code: 0 });
    } finally {
      if (previous === undefined) delete process.env['TRUSTBRIDGE_PASSPHRASE'];
      else process.env['TRUSTBRIDGE_PASSPHRASE'] = previous;
    }
    // Then anyone can check it
    const verified = await cli('verify', 'unite.tbroster');
    expect(verified.code).toBe(0);
    expect(verified.out).toContain('roster number 1');
    expect(verified.out).toContain(`University of porto (${ids.porto})`);

    // A member refuses it until the coordinator's key is confirmed, and refuses a wrong fingerprint
    expect(await cli('accept', 'unite.tbroster', '--data-dir', memberDir)).toMatchObject({ code: 1, err: expect.stringMatching(/Confirm the coordinator's key first/) });
    expect(await cli('accept', 'unite.tbroster', '--data-dir', memberDir, '--confirm', fingerprintOf(generateSigningKey()))).toMatchObject({
      code: 1,
      err: expect.stringMatching(/not that of the key this roster is signed with/),
    });
    await expect(readFile(rosterBookPath(memberDir))).rejects.toMatchObject({ code: 'ENOENT' });
    const spaced = own.fingerprint.replace(/(.{4})/g, '$1 ').trim().toUpperCase();
    expect(await cli('accept', 'unite.tbroster', '--data-dir', memberDir, '--confirm', spaced)).toMatchObject({ code: 0, out: expect.stringMatching(/Roster 1 of UNITE European University is now in force/) });
    const shown = await cli('show', '--data-dir', memberDir);
    expect(shown.out).toContain('roster number 1');
    expect((await RosterBook.open(memberDir)).roster?.members.map((member) => member.exchangeId)).toEqual([ids.porto]);
  });
});
