import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex as pureSha256Hex } from '../../../../shared/crypto/sha256';
import { keyFingerprint as pureKeyFingerprint } from '../../../../shared/exchange/fingerprint';
import { publicJwkOf, generateSigningKey } from '../../../../electron/keys/ed25519';
import { keyFingerprint, sha256Hex } from '../../../../electron/platform/sha256';

describe('native SHA-256', () => {
  it('gives the digests of the pure one, for text (any code points) and bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(pureSha256Hex(text));
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(sha256Hex(bytes)).toBe(pureSha256Hex(bytes));
      }),
      { numRuns: 100 },
    );
    // The digest of "abc" from FIPS 180-2, appendix B.1.
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives the key fingerprints of the shared code', () => {
    for (let i = 0; i < 5; i += 1) {
      const jwk = publicJwkOf(generateSigningKey());
      expect(keyFingerprint(jwk)).toBe(pureKeyFingerprint(jwk));
    }
  });
});
