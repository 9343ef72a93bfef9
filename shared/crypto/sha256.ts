/**
 * SHA-256 in pure JavaScript (`@noble/hashes`), so shared code can fingerprint content the same
 * way in the main process, the renderer and the command line.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json';

export function sha256Hex(data: Uint8Array | string): string {
  return bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data));
}

/** SHA-256 of the RFC 8785 canonical form: the same for any key order or whitespace. */
export function contentFingerprint(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** A fingerprint cut into groups people can read aloud on the phone: `3f9a 07c2 …`. */
export function shortFingerprint(hex: string, groups = 4): string {
  return (hex.slice(0, groups * 4).match(/.{4}/g) ?? []).join(' ');
}
