/** The own signing key: generated once, sealed at rest, backed up, restored, replaced. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../shared/crypto/canonical-json';
import { keyFingerprint } from '../../../../shared/exchange/fingerprint';
import { verifyDetached } from '../../../../electron/keys/ed25519';
import { KeyRing, ownKeyPath, readKeyBackupInfo } from '../../../../electron/keys/key-ring';
import { logCleanupTo } from '../../../../electron/platform/files';
import { createPassphraseProtector } from '../../../../electron/keys/passphrase-protector';
import { readPublicKeyFile } from '../../../../electron/keys/public-key-file';
import { verifyRotationStatement } from '../../../../electron/keys/rotation';
import { testKeychain } from '../../../support/exchange-factories';
import { tempFolder } from '../../../support/temp';
import { text } from './refusals';

let folder: Awaited<ReturnType<typeof tempFolder>>;
const now = () => new Date('2026-11-23T10:00:00Z');
const ownKeyCopyPath = () => join(folder.path, 'copies', 'keys', 'own-key.json.copy');
const signer = { name: 'Dra. Elena Martín', role: 'Rectora', institution: 'Universidad de Ejemplo' };

beforeEach(async () => {
  folder = await tempFolder();
});

afterEach(async () => {
  await folder.remove();
});

describe('the own key', () => {
  it('is generated at first run, stored sealed, and unlocked again after a restart', async () => {
    // Given a fresh data folder
    const keychain = testKeychain();
    const ring = await KeyRing.open({ dataDir: folder.path, now });
    expect(ring.hasKey()).toBe(false);
    expect(ring.protectionMethod()).toBeUndefined();

    // When the key is ensured
    const summary = await ring.ensureKey(keychain);

    // Then it has an exchange id, a fingerprint in groups, and the private key is not in the file in clear
    expect(summary.exchangeId).toMatch(/^tb-[0-9a-f-]{36}$/);
    expect(summary.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.displayFingerprint).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
    expect(summary.verificationCode).toBe(summary.displayFingerprint.slice(0, 14));
    expect(summary).toMatchObject({ protection: 'os-keychain', createdAt: '2026-11-23T10:00:00.000Z', retired: [] });
    const stored = JSON.parse(await readFile(ownKeyPath(folder.path), 'utf8')) as { current: Record<string, unknown> };
    expect(Object.keys(stored.current).sort()).toEqual(['createdAt', 'fingerprint', 'jwk', 'protection', 'sealedPrivateKey']);

    // And after a restart the same key is unlocked, not replaced
    const again = await KeyRing.open({ dataDir: folder.path, now });
    expect(again.isUnlocked()).toBe(false);
    await expect(again.sign({}, signer)).rejects.toMatchObject({ code: 'LOCKED' });
    expect((await again.ensureKey(keychain)).fingerprint).toBe(summary.fingerprint);
    expect(again.exchangeId()).toBe(summary.exchangeId);
  });

  it('fingerprints keys as the SHA-256 of the RFC 7638 thumbprint input', async () => {
    const ring = await KeyRing.open({ dataDir: folder.path, now });
    await ring.ensureKey(testKeychain());
    const jwk = ring.publicKey();
    expect(Object.keys(jwk).sort()).toEqual(['crv', 'kty', 'x']);
    const thumbprint = await calculateJwkThumbprint(jwk, 'sha256');
    expect(ring.fingerprint()).toBe(Buffer.from(thumbprint, 'base64url').toString('hex'));
    expect(keyFingerprint(jwk)).toBe(ring.fingerprint());
  });

  it('signs a payload so that the signature verifies over its canonical form, and names the signer', async () => {
    const ring = await KeyRing.open({ dataDir: folder.path, now });
    await ring.ensureKey(testKeychain());
    const payload = { b: 1, a: [true, 'é'] };
    const signature = await ring.sign(payload, signer);
    expect(await verifyDetached(signature, canonicalJson({ a: [true, 'é'], b: 1 }), ring.publicKey())).toBe(true);
    expect(await verifyDetached(signature, canonicalJson({ a: [true, 'e'], b: 1 }), ring.publicKey())).toBe(false);
    const header = JSON.parse(Buffer.from(signature.protected, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(header).toEqual({ alg: 'EdDSA', kid: ring.fingerprint(), jwk: ring.publicKey(), 'tb.iss': ring.exchangeId(), 'tb.signer': signer, iat: 1795428000 });
    await expect(ring.sign(payload, { ...signer, name: '' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('unlocks when sealing it again, as the keychain asked, fails, and keeps the sealing that still opens', async () => {
    const keychain = testKeychain();
    const ring = await KeyRing.open({ dataDir: folder.path, now });
    await ring.ensureKey(keychain);
    const stored = await readFile(ownKeyPath(folder.path));
    // The keychain asks for the key to be sealed again, then refuses to seal (its new key is not usable).
    const asking = {
      method: keychain.method,
      unprotect: async (sealed: Uint8Array) => ({ ...(await keychain.unprotect(sealed)), reseal: true }),
      protect: async (): Promise<Uint8Array> => {
        throw new Error('Encryption is not available.');
      },
    };
    const warnings: string[] = [];
    const restore = logCleanupTo({ info: () => undefined, warn: (message) => warnings.push(message), error: () => undefined });
    try {
      const again = await KeyRing.open({ dataDir: folder.path, now });
      await again.unlock(asking);
      expect(again.isUnlocked()).toBe(true);
      expect(warnings).toEqual(["Sealing the signing key again under the system's key storage failed; carrying on"]);
    } finally {
      restore();
    }
    expect(await readFile(ownKeyPath(folder.path))).toEqual(stored);
    const third = await KeyRing.open({ dataDir: folder.path, now });
    await third.unlock(keychain);
    expect(third.isUnlocked()).toBe(true);
  });

  it('refuses to unlock with a protector of another kind', async () => {
    const ring = await KeyRing.open({ dataDir: folder.path, now });
    await ring.ensureKey(testKeychain());
    const again = await KeyRing.open({ dataDir: folder.path, now });
    await expect(again.ensureKey(createPassphraseProtector('correct horse battery staple'))).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: "The signing key is protected by the system's key storage, so it must be unlocked that way.",
    });
  });

  it('is kept under a passphrase when the system offers no key storage, and says so for Settings', async () => {
    const protector = createPassphraseProtector('correct horse battery staple', { scrypt: { N: 2 ** 14, r: 8, p: 1 } });
    const ring = await KeyRing.open({ dataDir: folder.path, now });
    await ring.ensureKey(protector);
    expect(ring.protectionMethod()).toBe('passphrase');
    const again = await KeyRing.open({ dataDir: folder.path, now });
    await expect(again.ensureKey(createPassphraseProtector('wrong horse battery staple'))).rejects.toMatchObject({ code: 'VALIDATION' });
    await again.ensureKey(protector);
    expect(again.isUnlocked()).toBe(true);

    // Switching to the system's key storage re-seals the same key
    const keychain = testKeychain();
    await again.changeProtection(keychain);
    const third = await KeyRing.open({ dataDir: folder.path, now });
    expect(third.protectionMethod()).toBe('os-keychain');
    expect((await third.ensureKey(keychain)).fingerprint).toBe(ring.fingerprint());
  });

  it('seals a passphrase key again when it was sealed at a lower scrypt cost than today’s, and never at a lower one', async () => {
    const passphrase = 'correct horse battery staple';
    const at = (N: number) => createPassphraseProtector(passphrase, { scrypt: { N, r: 8, p: 1 } });
    const sealedN = async () => {
      const file = JSON.parse(await readFile(ownKeyPath(folder.path), 'utf8')) as { exchangeId: string; current: { fingerprint: string; sealedPrivateKey: string } };
      const sealed = JSON.parse(Buffer.from(file.current.sealedPrivateKey, 'base64').toString('utf8')) as { kdf: { N: number } };
      return { N: sealed.kdf.N, exchangeId: file.exchangeId, fingerprint: file.current.fingerprint };
    };
    // Sealed by an older version, whose cost was lower.
    const ring = await KeyRing.open({ dataDir: folder.path, now });
    await ring.ensureKey(at(2 ** 14));
    const before = await sealedN();
    expect(before.N).toBe(2 ** 14);

    // Today's version unlocks it, and seals the same key again at its own cost.
    const today = await KeyRing.open({ dataDir: folder.path, now });
    await today.unlock(at(2 ** 15));
    expect(today.isUnlocked()).toBe(true);
    expect(await sealedN()).toEqual({ ...before, N: 2 ** 15 });

    // At the same cost nothing is written; an older version still opens it and never lowers it.
    const stored = await readFile(ownKeyPath(folder.path));
    for (const N of [2 ** 15, 2 ** 14]) {
      const later = await KeyRing.open({ dataDir: folder.path, now });
      await later.unlock(at(N));
      expect(later.fingerprint()).toBe(before.fingerprint);
      expect(await readFile(ownKeyPath(folder.path))).toEqual(stored);
    }
  });

  it('restores a damaged key file from its copy, and a damaged copy from the key file, and says so', async () => {
    const keychain = testKeychain();
    const ring = await KeyRing.open({ dataDir: folder.path, now });
    await ring.ensureKey(keychain);
    const original = await readFile(ownKeyPath(folder.path), 'utf8');
    await writeFile(ownKeyPath(folder.path), '{"format": "trustbridge-own-key", "formatVers');

    const restored = await KeyRing.open({ dataDir: folder.path, now, repair: true });
    expect(restored.fingerprint()).toBe(ring.fingerprint());
    expect(restored.recovery).toMatchObject({ kind: 'restored-from-copy', collection: 'keys', documentId: 'own-key', reason: 'not-json' });
    expect(await readFile(restored.recovery!.setAsidePath!, 'utf8')).toBe('{"format": "trustbridge-own-key", "formatVers');
    expect(await readFile(ownKeyPath(folder.path), 'utf8')).toBe(original);
    // The restored file unseals the same private key.
    await restored.ensureKey(keychain);
    expect(restored.isUnlocked()).toBe(true);

    await writeFile(ownKeyCopyPath(), 'garbage');
    const repaired = await KeyRing.open({ dataDir: folder.path, now, repair: true });
    expect(repaired.recovery).toMatchObject({ kind: 'copy-repaired', documentId: 'own-key' });
    expect((await readFile(ownKeyCopyPath(), 'utf8')).endsWith(original)).toBe(true);
  });

  it('reads a damaged key file from its copy without writing when it may not repair (verify)', async () => {
    const ring = await KeyRing.open({ dataDir: folder.path, now });
    await ring.ensureKey(testKeychain());
    await writeFile(ownKeyPath(folder.path), '');
    const reader = await KeyRing.open({ dataDir: folder.path, now });
    expect(reader.fingerprint()).toBe(ring.fingerprint());
    expect(await readFile(ownKeyPath(folder.path), 'utf8')).toBe('');
  });

  it('refuses to start when the key file and its copy are both damaged, instead of silently making a new key', async () => {
    const ring = await KeyRing.open({ dataDir: folder.path, now });
    await ring.ensureKey(testKeychain());
    await writeFile(ownKeyPath(folder.path), '{"format": "trustbridge-own-key", "formatVers');
    await writeFile(ownKeyCopyPath(), '');
    await expect(KeyRing.open({ dataDir: folder.path, now, repair: true })).rejects.toMatchObject({
      code: 'DAMAGED_FILE',
      message: expect.stringMatching(/own-key\.json\) and its copy are both damaged.*set aside as .*quarantine.*Restore the key from its key backup.*restore a whole backup of the data folder/) as unknown,
    });
  });

  it('exports its public key as a file a partner can read', async () => {
    const ring = await KeyRing.open({ dataDir: folder.path, now });
    await ring.ensureKey(testKeychain());
    const exported = ring.exportPublicKey({ legalName: 'Universidad de Ejemplo', country: 'ES' });
    const read = await readPublicKeyFile(exported);
    expect(read.ok && read.publicKey).toMatchObject({ format: 'trustbridge-public-key', exchangeId: ring.exchangeId(), fingerprint: ring.fingerprint(), jwk: ring.publicKey() });
    expect(read.ok && read.sighting).toEqual({ exchangeId: ring.exchangeId(), institutionName: 'Universidad de Ejemplo', jwk: ring.publicKey(), rotations: [] });
    const lying = text(exported).replace(ring.fingerprint(), '0'.repeat(64));
    expect(await readPublicKeyFile(Buffer.from(lying))).toMatchObject({ ok: false, error: { code: 'INVALID_FILE' } });
  });
});

describe('backup and restore', () => {
  it('restores a backup into an empty folder: same key, same exchange id, signatures that verify', async () => {
    // Given a key with a backup
    const ring = await KeyRing.open({ dataDir: folder.path, now });
    await ring.ensureKey(testKeychain());
    const backup = await ring.backup('correct horse battery staple');
    expect(text(backup)).not.toContain('pkcs8');
    const info = readKeyBackupInfo(backup);
    expect(info.ok && info.info).toEqual({ exchangeId: ring.exchangeId(), fingerprint: ring.fingerprint(), madeAt: '2026-11-23T10:00:00.000Z' });

    // When it is restored on a new computer (an empty data folder)
    const elsewhere = await tempFolder();
    try {
      const keychain = testKeychain();
      const restored = await KeyRing.open({ dataDir: elsewhere.path, now });
      await expect(restored.restore(backup, 'correct horse battery stable', keychain)).rejects.toMatchObject({ code: 'VALIDATION' });
      const summary = await restored.restore(backup, 'correct horse battery staple', keychain);

      // Then it is the same institution and key, and it signs
      expect(summary).toMatchObject({ exchangeId: ring.exchangeId(), fingerprint: ring.fingerprint(), protection: 'os-keychain' });
      const signature = await restored.sign({ hello: 'partner' }, signer);
      expect(await verifyDetached(signature, canonicalJson({ hello: 'partner' }), ring.publicKey())).toBe(true);
      const afterRestart = await KeyRing.open({ dataDir: elsewhere.path, now });
      expect((await afterRestart.ensureKey(keychain)).fingerprint).toBe(ring.fingerprint());
    } finally {
      await elsewhere.remove();
    }
  });

  it('refuses to restore over a different key', async () => {
    const ring = await KeyRing.open({ dataDir: folder.path, now });
    await ring.ensureKey(testKeychain());
    const backup = await ring.backup('correct horse battery staple', { scrypt: { N: 2 ** 14, r: 8, p: 1 } });
    const other = await tempFolder();
    try {
      const otherRing = await KeyRing.open({ dataDir: other.path, now });
      await otherRing.ensureKey(testKeychain());
      await expect(otherRing.restore(backup, 'correct horse battery staple', testKeychain())).rejects.toMatchObject({ code: 'CONFLICT' });
    } finally {
      await other.remove();
    }
    expect(readKeyBackupInfo(Buffer.from('{"nope": 1}'))).toMatchObject({ ok: false, error: { code: 'INVALID_FILE' } });
  });
});

describe('replacing the key', () => {
  it('keeps the old public key as retired and a rotation statement signed by the old key', async () => {
    const keychain = testKeychain();
    const ring = await KeyRing.open({ dataDir: folder.path, now });
    const first = await ring.ensureKey(keychain);
    const second = await ring.replaceKey(keychain);

    expect(second.exchangeId).toBe(first.exchangeId);
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect(second.retired).toEqual([{ fingerprint: first.fingerprint, createdAt: first.createdAt, retiredAt: '2026-11-23T10:00:00.000Z' }]);
    expect(ring.ownKeyStatus(first.fingerprint)).toBe('retired');
    expect(ring.ownKeyStatus(second.fingerprint)).toBe('current');

    const [statement] = ring.rotationStatements();
    const verified = await verifyRotationStatement(statement!);
    expect(verified.ok && verified.rotation).toMatchObject({ exchangeId: first.exchangeId, fromFingerprint: first.fingerprint, toFingerprint: second.fingerprint });

    // Every signature made with the new key carries the statement
    const signature = await ring.sign({}, signer);
    const header = JSON.parse(Buffer.from(signature.protected, 'base64url').toString('utf8')) as { 'tb.rot'?: string[] };
    expect(header['tb.rot']).toEqual([statement]);

    // A statement altered in transit does not verify
    const [h, p, s] = statement!.split('.');
    expect((await verifyRotationStatement(`${h}.${p}x.${s}`)).ok).toBe(false);
  });
});
