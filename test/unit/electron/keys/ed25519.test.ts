/**
 * Making and checking detached Ed25519 signatures with Node's crypto: the same bytes jose makes,
 * the same verdicts jose gives, never kinder.
 */
import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { FlattenedSign, flattenedVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../shared/crypto/canonical-json';
import type { JwsSignature, ProtectedHeader } from '../../../../shared/exchange/schema';
import { keyFingerprint } from '../../../../shared/exchange/fingerprint';
import { base64url, generateSigningKey, publicJwkOf, signDetached, verifyDetached, verifySigningInput } from '../../../../electron/keys/ed25519';

const payload = canonicalJson({ items: [{ level: 3 }], issuer: 'Universidad de Ejemplo' });

async function signed(extra: Record<string, unknown> = {}) {
  const key = generateSigningKey();
  const jwk = publicJwkOf(key);
  const header = { alg: 'EdDSA', kid: keyFingerprint(jwk), jwk, 'tb.iss': 'tb-0000-example', 'tb.signer': { name: 'Ana', role: 'QA', institution: 'Uni' }, iat: 1795428000, ...extra } as ProtectedHeader;
  if (!('crit' in extra) && !('alg' in extra)) return { jwk, signature: await signDetached(payload, header, key) };
  // Headers jose will not sign: signed by hand (RFC 7515 section 5.1).
  const protectedHeader = base64url(JSON.stringify(header));
  const bytes = sign(null, Buffer.from(`${protectedHeader}.${base64url(payload)}`), key);
  return { jwk, signature: { protected: protectedHeader, signature: bytes.toString('base64url') } };
}

/** jose's verdict on the same signature, for comparison. */
async function joseSays(signature: JwsSignature, text: string, jwk: ReturnType<typeof publicJwkOf>): Promise<boolean> {
  try {
    await flattenedVerify({ protected: signature.protected, signature: signature.signature, payload: base64url(text) }, { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, { algorithms: ['EdDSA'] });
    return true;
  } catch {
    return false;
  }
}

describe('verifyDetached', () => {
  it('accepts a good signature and refuses a changed payload, another key or a changed signature, as jose does', async () => {
    const { jwk, signature } = await signed();
    const other = await signed();
    const flipped = signature.signature.slice(0, 10) + (signature.signature[10] === 'A' ? 'B' : 'A') + signature.signature.slice(11);
    const cases: Array<[JwsSignature, string, typeof jwk, boolean]> = [
      [signature, payload, jwk, true],
      [signature, payload.replace('3', '4'), jwk, false],
      [signature, payload, other.jwk, false],
      [{ ...signature, signature: flipped }, payload, jwk, false],
      [other.signature, payload, other.jwk, true],
    ];
    // Twice: the second time the keys come from the cache, and must not be mixed up.
    for (let round = 0; round < 2; round += 1) {
      for (const [sig, text, key, expected] of cases) {
        expect(await verifyDetached(sig, text, key)).toBe(expected);
        expect(await joseSays(sig, text, key)).toBe(expected);
      }
    }
  });

  it('refuses a header that asks for another algorithm or for an extension, and malformed parts', async () => {
    const { jwk, signature } = await signed({ crit: ['b64'], b64: true });
    expect(await verifyDetached(signature, payload, jwk)).toBe(false);
    const unknownExtension = await signed({ crit: ['tb.future'], 'tb.future': 1 });
    expect(await verifyDetached(unknownExtension.signature, payload, unknownExtension.jwk)).toBe(false);
    expect(await joseSays(unknownExtension.signature, payload, unknownExtension.jwk)).toBe(false);
    const wrongAlgorithm = await signed({ alg: 'ES256' });
    expect(await verifyDetached(wrongAlgorithm.signature, payload, wrongAlgorithm.jwk)).toBe(false);
    expect(await joseSays(wrongAlgorithm.signature, payload, wrongAlgorithm.jwk)).toBe(false);
    const good = await signed();
    expect(await verifyDetached({ ...good.signature, protected: `${good.signature.protected}=` }, payload, good.jwk)).toBe(false);
    expect(await verifyDetached({ ...good.signature, protected: base64url('not json') }, payload, good.jwk)).toBe(false);
    expect(await verifyDetached({ ...good.signature, signature: good.signature.signature.slice(0, -2) }, payload, good.jwk)).toBe(false);
    expect(await verifyDetached(good.signature, payload, { ...good.jwk, x: good.jwk.x.slice(0, -4) })).toBe(false);
  });

  it('refuses a signature that is not in canonical base64url, although it decodes to the same bytes', async () => {
    const { jwk, signature } = await signed();
    // The last character carries four bits that must be zero: another spelling of the same 64 bytes.
    const last = signature.signature.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytes = signature.signature.slice(0, -1) + alphabet[alphabet.indexOf(last) + 1]!;
    expect(Buffer.from(sameBytes, 'base64url')).toEqual(Buffer.from(signature.signature, 'base64url'));
    expect(verifySigningInput(signature.protected, base64url(payload), signature.signature, jwk)).toBe(true);
    expect(verifySigningInput(signature.protected, base64url(payload), sameBytes, jwk)).toBe(false);
  });
});

describe('signDetached', () => {
  it('makes the very signature jose makes, for any payload text (non-ASCII and large included), and jose accepts it', async () => {
    const key = generateSigningKey();
    const jwk = publicJwkOf(key);
    const header = { alg: 'EdDSA', kid: keyFingerprint(jwk), jwk, 'tb.iss': 'tb-0000-example', 'tb.signer': { name: 'Añа Müller', role: 'QA', institution: 'Uni' }, iat: 1795428000 } as ProtectedHeader;
    const payloads = [payload, canonicalJson({ text: 'Évaluation — Qualitätssicherung 質保 😀', lone: '\ud800' }), canonicalJson({ big: 'x'.repeat(300_000) }), ''];
    for (const text of payloads) {
      const ours = await signDetached(text, header, key);
      const theirs = await new FlattenedSign(new TextEncoder().encode(text)).setProtectedHeader(header).sign(key);
      expect(ours, text.slice(0, 40)).toEqual({ protected: theirs.protected, signature: theirs.signature });
      expect(await joseSays(ours, text, jwk)).toBe(true);
      expect(await verifyDetached(ours, text, jwk)).toBe(true);
    }
  });

  it('refuses another algorithm, an extension or a key that is not an Ed25519 private key, as jose did', async () => {
    const key = generateSigningKey();
    const jwk = publicJwkOf(key);
    const header = { alg: 'EdDSA', kid: keyFingerprint(jwk), jwk, 'tb.iss': 'tb-0000-example', 'tb.signer': { name: 'Ana', role: 'QA', institution: 'Uni' }, iat: 1795428000 } as ProtectedHeader;
    await expect(signDetached(payload, { ...header, alg: 'ES256' } as unknown as ProtectedHeader, key)).rejects.toThrow(TypeError);
    await expect(signDetached(payload, { ...header, crit: ['tb.x'] } as ProtectedHeader, key)).rejects.toThrow(TypeError);
    await expect(signDetached(payload, { ...header, b64: false } as ProtectedHeader, key)).rejects.toThrow(TypeError);
    await expect(signDetached(payload, header, createPublicKey(key))).rejects.toThrow(TypeError);
    await expect(signDetached(payload, header, generateKeyPairSync('ed448').privateKey)).rejects.toThrow(TypeError);
  });
});
