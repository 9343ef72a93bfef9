/** Partners' keys, trusted on first use: what is new, known, rotated and changed. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../../../shared/exchange/fingerprint';
import { generateSigningKey, publicJwkOf } from '../../../../electron/keys/ed25519';
import { PartnerKeys, partnerKeysPath } from '../../../../electron/keys/partner-keys';
import { createRotationStatement, verifyRotationStatement, type KeyRotation } from '../../../../electron/keys/rotation';
import { tempFolder } from '../../../support/temp';

let folder: Awaited<ReturnType<typeof tempFolder>>;
let clock = new Date('2026-11-23T10:00:00Z');
const now = () => clock;
const partner = { exchangeId: 'tb-11111111-2222-4333-8444-555555555555', institutionName: 'Hochschule Musterstadt' };

beforeEach(async () => {
  folder = await tempFolder();
  clock = new Date('2026-11-23T10:00:00Z');
});

afterEach(async () => {
  await folder.remove();
});

async function rotation(from: ReturnType<typeof generateSigningKey>, to: ReturnType<typeof generateSigningKey>, exchangeId = partner.exchangeId): Promise<KeyRotation> {
  const statement = await createRotationStatement({ exchangeId, previousKey: from, next: publicJwkOf(to), rotatedAt: clock });
  const verified = await verifyRotationStatement(statement);
  if (!verified.ok) throw new Error(verified.reason);
  return verified.rotation;
}

describe('trust on first use', () => {
  it('remembers the first key of an institution, unconfirmed, and knows it afterwards', async () => {
    const registry = await PartnerKeys.open({ dataDir: folder.path, now });
    const key = publicJwkOf(generateSigningKey());
    expect(registry.assess(partner, key)).toEqual({ verdict: 'new-issuer' });

    await registry.remember({ ...partner, jwk: key });
    clock = new Date('2026-12-01T10:00:00Z');
    const reopened = await PartnerKeys.open({ dataDir: folder.path, now });
    const known = reopened.assess(partner, key);
    expect(known).toMatchObject({ verdict: 'known', institutionName: 'Hochschule Musterstadt', key: { status: 'unconfirmed', source: 'first-use' } });

    await reopened.remember({ ...partner, jwk: key });
    expect(reopened.issuer(partner.exchangeId)?.keys[0]).toMatchObject({ firstSeen: '2026-11-23T10:00:00.000Z', lastSeen: '2026-12-01T10:00:00.000Z' });
  });

  it('confirms a fingerprint, and records who did', async () => {
    const registry = await PartnerKeys.open({ dataDir: folder.path, now });
    const key = publicJwkOf(generateSigningKey());
    await registry.remember({ ...partner, jwk: key });
    const confirmed = await registry.confirm(partner.exchangeId, keyFingerprint(key), { by: 'Lukas Weber' });
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedAt: '2026-11-23T10:00:00.000Z' });
    expect(registry.issuer(partner.exchangeId)?.events.at(-1)).toMatchObject({ kind: 'confirmed', by: 'Lukas Weber' });
    await expect(registry.confirm(partner.exchangeId, '0'.repeat(64))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('flags a different key without proof as changed, and takes it only when accepted explicitly', async () => {
    // Given a remembered, confirmed key
    const registry = await PartnerKeys.open({ dataDir: folder.path, now });
    const original = publicJwkOf(generateSigningKey());
    await registry.remember({ ...partner, jwk: original });
    await registry.confirm(partner.exchangeId, keyFingerprint(original));

    // When another key arrives for the same institution
    const other = publicJwkOf(generateSigningKey());
    const assessment = registry.assess(partner, other);

    // Then it is changed, and remembering it is refused
    expect(assessment.verdict).toBe('changed');
    await expect(registry.remember({ ...partner, jwk: other })).rejects.toMatchObject({ code: 'KEY_CHANGED' });

    // When the user has called the partner and accepts it
    await registry.acceptChangedKey({ ...partner, jwk: other }, { by: 'Lukas Weber', fingerprintChecked: true, note: 'New server after a disk failure.' });

    // Then the new key is known and confirmed, the old one retired, and the decision recorded
    expect(registry.issuer(partner.exchangeId)?.keys.map((key) => [key.fingerprint, key.status])).toEqual([
      [keyFingerprint(original), 'retired'],
      [keyFingerprint(other), 'confirmed'],
    ]);
    expect(registry.issuer(partner.exchangeId)?.events.at(-1)).toEqual({
      at: '2026-11-23T10:00:00.000Z',
      kind: 'changed-key-accepted',
      fingerprint: keyFingerprint(other),
      replaced: [keyFingerprint(original)],
      by: 'Lukas Weber',
      note: 'New server after a disk failure.',
    });
    // An old file signed with the retired key is still recognised as the partner's, as retired
    expect(registry.assess(partner, original)).toMatchObject({ verdict: 'known', key: { status: 'retired' } });
  });

  it('accepts a chain of rotations from a known key, and the new key inherits its confirmation', async () => {
    const k1 = generateSigningKey();
    const k2 = generateSigningKey();
    const k3 = generateSigningKey();
    const registry = await PartnerKeys.open({ dataDir: folder.path, now });
    await registry.remember({ ...partner, jwk: publicJwkOf(k1) });
    await registry.confirm(partner.exchangeId, keyFingerprint(publicJwkOf(k1)));

    const chain = [await rotation(k2, k3), await rotation(k1, k2)]; // any order
    const assessment = registry.assess(partner, publicJwkOf(k3), chain);
    expect(assessment).toMatchObject({ verdict: 'rotated', from: { fingerprint: keyFingerprint(publicJwkOf(k1)) } });
    await registry.remember({ ...partner, jwk: publicJwkOf(k3), rotations: chain });
    expect(registry.issuer(partner.exchangeId)?.keys.map((key) => key.status)).toEqual(['retired', 'retired', 'confirmed']);
  });

  it('does not accept a rotation signed by a retired key, nor one made for another institution', async () => {
    // Given k1 was replaced by k2 (k1 retired): whoever still holds k1 could announce any successor
    const k1 = generateSigningKey();
    const k2 = generateSigningKey();
    const attacker = generateSigningKey();
    const registry = await PartnerKeys.open({ dataDir: folder.path, now });
    await registry.remember({ ...partner, jwk: publicJwkOf(k1) });
    await registry.remember({ ...partner, jwk: publicJwkOf(k2), rotations: [await rotation(k1, k2)] });

    expect(registry.assess(partner, publicJwkOf(attacker), [await rotation(k1, attacker)]).verdict).toBe('changed');
    expect(registry.assess(partner, publicJwkOf(attacker), [await rotation(k2, attacker, 'tb-99999999-2222-4333-8444-555555555555')]).verdict).toBe('changed');
    expect(registry.assess(partner, publicJwkOf(attacker), [await rotation(k2, attacker)]).verdict).toBe('rotated');
  });

  it('restores a damaged registry from its copy, and says so', async () => {
    const registry = await PartnerKeys.open({ dataDir: folder.path, now });
    const key = publicJwkOf(generateSigningKey());
    await registry.remember({ ...partner, jwk: key });
    await writeFile(partnerKeysPath(folder.path), '{"format": "trustbridge-partner-keys", "issuers": [');

    const reopened = await PartnerKeys.open({ dataDir: folder.path, now, repair: true });
    expect(reopened.assess(partner, key)).toMatchObject({ verdict: 'known' });
    expect(reopened.recovery).toMatchObject({ kind: 'restored-from-copy', collection: 'keys', documentId: 'partner-keys', reason: 'not-json' });
    expect(JSON.parse(await readFile(partnerKeysPath(folder.path), 'utf8'))).toMatchObject({ issuers: [{ exchangeId: partner.exchangeId }] });
  });

  it('refuses to start when the registry and its copy are both damaged, rather than forget every partner', async () => {
    const registry = await PartnerKeys.open({ dataDir: folder.path, now });
    await registry.remember({ ...partner, jwk: publicJwkOf(generateSigningKey()) });
    await writeFile(partnerKeysPath(folder.path), '{"format": "trustbridge-partner-keys", "issuers": [');
    await writeFile(join(folder.path, 'copies', 'keys', 'partner-keys.json.copy'), '');
    await expect(PartnerKeys.open({ dataDir: folder.path, now, repair: true })).rejects.toMatchObject({
      code: 'DAMAGED_FILE',
      message: expect.stringMatching(/and its copy are both damaged.*set aside as .*quarantine.*will not start the list afresh.*Restore a whole backup of the data folder/) as unknown,
    });
  });
});
