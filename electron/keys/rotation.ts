/**
 * Key-rotation statements: when an institution replaces its signing key, the OLD key signs a
 * statement naming the new one. Partners who know the old key can then accept the new key
 * without a phone call, because only the holder of the old key could have written it. Each
 * statement is a compact JWS (RFC 7515) whose protected header carries the old key (`jwk`, `kid`)
 * and `typ: "trustbridge-key-rotation"`, and whose payload is
 * `{ exchangeId, next: <new public JWK>, nextKid: <its fingerprint>, rotatedAt }`.
 * Signatures carry the chain of statements that leads to their key in the header `tb.rot`.
 */
import type { KeyObject } from 'node:crypto';
import { CompactSign, compactVerify } from 'jose';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { exchangeLimits, keyRotationHeaderSchema, keyRotationPayloadSchema, keyRotationType, type Ed25519PublicJwk } from '../../shared/exchange/schema';
import { keyFingerprint } from '../../shared/exchange/fingerprint';
import { readStrictJson, type JsonLimits } from '../platform/json';
import { publicJwkOf } from './ed25519';

export interface KeyRotation {
  exchangeId: string;
  from: Ed25519PublicJwk;
  fromFingerprint: string;
  to: Ed25519PublicJwk;
  toFingerprint: string;
  rotatedAt: string;
}

const smallJson: JsonLimits = { maxDepth: 8, maxStringLength: 4000, maxArrayLength: 16, maxObjectKeys: 32 };

export async function createRotationStatement(options: {
  exchangeId: string;
  previousKey: KeyObject;
  next: Ed25519PublicJwk;
  rotatedAt: Date;
}): Promise<string> {
  const previous = publicJwkOf(options.previousKey);
  const payload = keyRotationPayloadSchema.parse({
    exchangeId: options.exchangeId,
    next: options.next,
    nextKid: keyFingerprint(options.next),
    rotatedAt: options.rotatedAt.toISOString(),
  });
  return new CompactSign(new TextEncoder().encode(canonicalJson(payload)))
    .setProtectedHeader({ alg: 'EdDSA', typ: keyRotationType, kid: keyFingerprint(previous), jwk: previous })
    .sign(options.previousKey);
}

/** Checks one statement: well formed, fingerprints right, signed by the key it names as the old one. */
export async function verifyRotationStatement(statement: string): Promise<{ ok: true; rotation: KeyRotation } | { ok: false; reason: string }> {
  const parts = statement.split('.');
  if (parts.length !== 3 || !parts.every((part) => /^[A-Za-z0-9_-]*$/.test(part))) {
    return { ok: false, reason: 'it is not a compact JWS' };
  }
  const header = readStrictJson(Buffer.from(parts[0] ?? '', 'base64url'), smallJson);
  const parsedHeader = header.ok ? keyRotationHeaderSchema.safeParse(header.value) : undefined;
  if (!parsedHeader?.success) return { ok: false, reason: 'its header is not that of a key-rotation statement' };
  const { jwk, kid } = parsedHeader.data;
  if (keyFingerprint(jwk) !== kid) return { ok: false, reason: 'its key fingerprint does not match its key' };
  if ('crit' in parsedHeader.data) return { ok: false, reason: 'it uses extensions TrustBridge does not know' };
  let payloadBytes: Uint8Array;
  try {
    ({ payload: payloadBytes } = await compactVerify(statement, { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, { algorithms: ['EdDSA'] }));
  } catch {
    return { ok: false, reason: 'its signature does not verify' };
  }
  const payload = readStrictJson(payloadBytes, smallJson);
  const parsed = payload.ok ? keyRotationPayloadSchema.safeParse(payload.value) : undefined;
  if (!parsed?.success) return { ok: false, reason: 'its content is not that of a key-rotation statement' };
  if (keyFingerprint(parsed.data.next) !== parsed.data.nextKid) return { ok: false, reason: 'the new key’s fingerprint does not match the new key' };
  if (parsed.data.nextKid === kid) return { ok: false, reason: 'it replaces a key by itself' };
  return {
    ok: true,
    rotation: {
      exchangeId: parsed.data.exchangeId,
      from: jwk,
      fromFingerprint: kid,
      to: parsed.data.next,
      toFingerprint: parsed.data.nextKid,
      rotatedAt: parsed.data.rotatedAt,
    },
  };
}

/** Verifies a list of statements (a signature's `tb.rot`); the first failure is reported. */
export async function verifyRotationStatements(
  statements: readonly string[],
): Promise<{ ok: true; rotations: KeyRotation[] } | { ok: false; index: number; reason: string }> {
  const rotations: KeyRotation[] = [];
  for (const [index, statement] of statements.slice(0, exchangeLimits.maxRotations).entries()) {
    const result = await verifyRotationStatement(statement);
    if (!result.ok) return { ok: false, index, reason: result.reason };
    rotations.push(result.rotation);
  }
  return { ok: true, rotations };
}

/**
 * A chain of rotation statements of one institution (`exchangeId`) that leads from one of the
 * keys in `from` to `target`, each statement signed by the key before it; undefined when there is
 * none. Callers start only from keys still in use: starting from a retired key would let whoever
 * holds an old, replaced (perhaps stolen) key announce a successor of their choosing.
 */
export function rotationPath(from: Iterable<string>, rotations: readonly KeyRotation[], exchangeId: string, target: string): KeyRotation[] | undefined {
  const paths = new Map<string, KeyRotation[]>([...from].map((fingerprint) => [fingerprint, []]));
  const usable = rotations.filter((rotation) => rotation.exchangeId === exchangeId);
  for (let grew = true; grew; ) {
    grew = false;
    for (const rotation of usable) {
      const before = paths.get(rotation.fromFingerprint);
      if (before && !paths.has(rotation.toFingerprint)) {
        paths.set(rotation.toFingerprint, [...before, rotation]);
        grew = true;
      }
    }
  }
  const path = paths.get(target);
  return path && path.length > 0 ? path : undefined;
}
