/**
 * Ed25519 keys and detached JWS signatures, with Node's crypto for keys and `jose` for JWS.
 * Private keys live in memory as `KeyObject`s and on disk only sealed
 * (PKCS #8 DER, encrypted by a SecretProtector).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { FlattenedSign, flattenedVerify } from 'jose';
import { ed25519PublicJwkSchema, type Ed25519PublicJwk, type JwsSignature, type ProtectedHeader } from '../../shared/exchange/schema';

export function generateSigningKey(): KeyObject {
  return generateKeyPairSync('ed25519').privateKey;
}

/** The public half as a JWK with only the thumbprint members (`kty`, `crv`, `x`). */
export function publicJwkOf(key: KeyObject): Ed25519PublicJwk {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  return ed25519PublicJwkSchema.parse({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });
}

export function privateKeyToPkcs8(key: KeyObject): Uint8Array {
  return new Uint8Array(key.export({ format: 'der', type: 'pkcs8' }));
}

export function privateKeyFromPkcs8(der: Uint8Array): KeyObject {
  const key = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('not an Ed25519 private key');
  return key;
}

// PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410): SEQUENCE { version 0, AlgorithmIdentifier
// id-Ed25519, OCTET STRING { OCTET STRING seed } }.
const pkcs8SeedPrefix = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A key from a 32-byte seed: only for fixed, public example keys (docs/examples). */
export function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new TypeError('an Ed25519 seed is 32 bytes');
  return privateKeyFromPkcs8(Buffer.concat([pkcs8SeedPrefix, seed]));
}

export function base64url(data: Uint8Array | string): string {
  return Buffer.from(typeof data === 'string' ? Buffer.from(data, 'utf8') : data).toString('base64url');
}

/**
 * Signs the canonical payload text; returns the signature object of the General Serialization
 * without `payload` (RFC 7515 Appendix F, detached content). The JWS signing input is
 * `BASE64URL(protected header) || '.' || BASE64URL(UTF-8 of the canonical payload)`.
 */
export async function signDetached(canonicalPayload: string, header: ProtectedHeader, privateKey: KeyObject): Promise<JwsSignature> {
  const jws = await new FlattenedSign(new TextEncoder().encode(canonicalPayload)).setProtectedHeader(header).sign(privateKey);
  if (jws.protected === undefined) throw new TypeError('jose returned no protected header');
  return { protected: jws.protected, signature: jws.signature };
}

/** Verifies one detached signature against the canonical payload text and a public key. */
export async function verifyDetached(signature: JwsSignature, canonicalPayload: string, jwk: Ed25519PublicJwk): Promise<boolean> {
  try {
    await flattenedVerify(
      { protected: signature.protected, signature: signature.signature, payload: base64url(canonicalPayload) },
      { kty: jwk.kty, crv: jwk.crv, x: jwk.x },
      { algorithms: ['EdDSA'] },
    );
    return true;
  } catch {
    // jose throws for a wrong signature and for anything malformed; to the reader both mean the
    // same: this signature does not vouch for this payload.
    return false;
  }
}
