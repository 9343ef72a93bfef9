/**
 * SHA-256 with Node's own crypto, for the main process and the command line: the same digests as
 * shared/crypto/sha256.ts (pure JavaScript, which the renderer needs), about ten times faster and
 * without the garbage, which counts when thousands of files are read at once (a consortium's folder).
 */
import { createHash } from 'node:crypto';
import { thumbprintInput } from '../../shared/exchange/fingerprint';
import type { Ed25519PublicJwk } from '../../shared/exchange/schema';

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `keyFingerprint` of shared/exchange/fingerprint.ts, natively. */
export function keyFingerprint(jwk: Ed25519PublicJwk): string {
  return sha256Hex(thumbprintInput(jwk));
}
