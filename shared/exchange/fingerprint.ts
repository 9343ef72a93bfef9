/**
 * Key fingerprints: how people tell keys apart. The fingerprint is SHA-256 over the RFC 7638
 * thumbprint input of the public JWK (`{"crv":"Ed25519","kty":"OKP","x":"…"}`: the required
 * members in lexicographic order, no whitespace, which is also their RFC 8785 canonical form), in
 * lower-case hex. It is the same digest as the RFC 7638 thumbprint, only hex instead of base64url,
 * so people can read it aloud.
 */
import { canonicalJson } from '../crypto/canonical-json';
import { sha256Hex, shortFingerprint } from '../crypto/sha256';
import type { Ed25519PublicJwk } from './schema';

export function thumbprintInput(jwk: Ed25519PublicJwk): string {
  return canonicalJson({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
}

export function keyFingerprint(jwk: Ed25519PublicJwk): string {
  return sha256Hex(thumbprintInput(jwk));
}

/**
 * The fingerprint as Settings and the verify screen show it: eight groups of four hex digits
 * (128 bits), `3f9a 07c2 …`. Enough that no one can make a key that looks the same.
 */
export function fingerprintForDisplay(fingerprint: string): string {
  return shortFingerprint(fingerprint, 8);
}

/**
 * The first three groups: short enough to read out on the phone or print under a signature line,
 * as a quick check that both sides look at the same key. Comparing the full display form is the
 * thorough check.
 */
export function verificationCode(fingerprint: string): string {
  return shortFingerprint(fingerprint, 3);
}
