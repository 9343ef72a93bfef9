/**
 * Ed25519 keys and detached JWS signatures (RFC 7515, RFC 8037), all with Node's crypto. Private
 * keys live in memory as `KeyObject`s and on disk only sealed (PKCS #8 DER, encrypted by a
 * SecretProtector). ed25519.test.ts checks the signatures made here against jose's.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
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
  // What jose's FlattenedSign checked before it signed: the algorithm, no extension, the key.
  if (header.alg !== 'EdDSA' || 'crit' in header || 'b64' in header) throw new TypeError('an EdDSA header without extensions is required');
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') throw new TypeError('an Ed25519 private key is required');
  // Ed25519 is deterministic: the same bytes jose made (ed25519.test.ts compares them), about four
  // times faster for a large file, where jose encoded the payload to base64url in JavaScript.
  const protectedHeader = base64url(JSON.stringify(header));
  const signature = sign(null, Buffer.from(`${protectedHeader}.${base64url(canonicalPayload)}`, 'latin1'), privateKey);
  return { protected: protectedHeader, signature: signature.toString('base64url') };
}

/**
 * Public keys already imported, by their `x`: a consortium's folder holds thousands of files signed
 * by a few hundred keys, and importing a key costs more than checking a signature with it. Bounded:
 * past the limit it starts again.
 */
const publicKeys = new Map<string, KeyObject>();
const publicKeysHeld = 4096;

function publicKeyOf(jwk: Ed25519PublicJwk): KeyObject | undefined {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') return undefined;
  const held = publicKeys.get(jwk.x);
  if (held) return held;
  let key: KeyObject;
  try {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
  } catch {
    return undefined;
  }
  if (key.asymmetricKeyType !== 'ed25519') return undefined;
  if (publicKeys.size >= publicKeysHeld) publicKeys.clear();
  publicKeys.set(jwk.x, key);
  return key;
}

const base64urlText = /^[A-Za-z0-9_-]*$/;

/**
 * Checks an Ed25519 JWS signature (RFC 7515 section 5.2, RFC 8037) over its signing input
 * `protected || '.' || payload`, both already in base64url, with Node's crypto and a cached key.
 * Only the cryptography: the caller has already read the protected header and checked that it asks
 * for `EdDSA` and no extension (`crit`, `b64`), as `verifyDetached` does. The signature must be
 * 64 bytes in canonical base64url (one spelling per signature).
 */
export function verifySigningInput(protectedHeader: string, payloadBase64url: string, signature: string, jwk: Ed25519PublicJwk): boolean {
  if (!base64urlText.test(protectedHeader) || !base64urlText.test(payloadBase64url) || !base64urlText.test(signature)) return false;
  const signatureBytes = Buffer.from(signature, 'base64url');
  if (signatureBytes.length !== 64 || signatureBytes.toString('base64url') !== signature) return false;
  const key = publicKeyOf(jwk);
  if (!key) return false;
  try {
    return verify(null, Buffer.from(`${protectedHeader}.${payloadBase64url}`, 'latin1'), key, signatureBytes);
  } catch {
    return false;
  }
}

/**
 * Verifies one detached signature against the canonical payload text and a public key: its
 * protected header must be a JSON object asking for `EdDSA` and for no extension (`crit`), and the
 * signature must be valid over the header and the payload.
 */
export function verifyDetached(signature: JwsSignature, canonicalPayload: string, jwk: Ed25519PublicJwk): Promise<boolean> {
  return Promise.resolve(checkDetached(signature, canonicalPayload, jwk));
}

function checkDetached(signature: JwsSignature, canonicalPayload: string, jwk: Ed25519PublicJwk): boolean {
  if (typeof signature.protected !== 'string' || !base64urlText.test(signature.protected)) return false;
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(signature.protected, 'base64url').toString('utf8'));
  } catch {
    return false;
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) return false;
  const fields = header as Record<string, unknown>;
  // No extension is understood here (RFC 7515 4.1.11), so none may be critical.
  if (fields['alg'] !== 'EdDSA' || 'crit' in fields) return false;
  return verifySigningInput(signature.protected, base64url(canonicalPayload), signature.signature, jwk);
}
