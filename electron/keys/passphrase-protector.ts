/**
 * A SecretProtector that needs nothing from the operating system: a passphrase, stretched with
 * scrypt (memory-hard, so guessing costs memory as well as time) into an AES-256-GCM key.
 *
 * The sealed form is a small JSON document that names every parameter, so a later version can
 * raise the cost without making existing keys and backups unreadable:
 *
 *   { "format": "trustbridge-sealed", "formatVersion": 1,
 *     "kdf": { "name": "scrypt", "N": 131072, "r": 8, "p": 1, "keyLength": 32, "salt": "<base64>" },
 *     "cipher": { "name": "aes-256-gcm", "iv": "<base64>", "tag": "<base64>" },
 *     "ciphertext": "<base64>" }
 *
 * Everything but the ciphertext and tag is bound as additional authenticated data, so changing a
 * parameter is detected like changing the ciphertext. A wrong passphrase and a changed file fail
 * the same way (GCM cannot tell them apart), and the message says both. Data sealed at a lower
 * cost than the protector's own still opens, and `unprotect` asks for it to be sealed again.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { AppError } from '../../shared/errors';
import type { SecretProtector } from './secret-protector';

export interface ScryptParameters {
  /** CPU and memory cost, a power of two. Memory used is 128 · N · r bytes (128 MiB by default). */
  N: number;
  r: number;
  p: number;
}

/** OWASP's and the scrypt paper's interactive-login range, nudged up: about half a second today. */
export const defaultScryptParameters: ScryptParameters = { N: 2 ** 17, r: 8, p: 1 };

/** What unprotect accepts from a file: enough to read any sealed data we wrote, not enough to be made to use gigabytes. */
const acceptedN = { min: 2 ** 14, max: 2 ** 20 };
export const minimumPassphraseLength = 10;

const base64 = z.string().max(1_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/);

const sealedHeaderSchema = z.strictObject({
  format: z.literal('trustbridge-sealed'),
  formatVersion: z.literal(1),
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(acceptedN.min)
      .max(acceptedN.max)
      .refine((n) => (n & (n - 1)) === 0, 'must be a power of two'),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    keyLength: z.literal(32),
    salt: base64,
  }),
  cipher: z.strictObject({ name: z.literal('aes-256-gcm'), iv: base64 }),
});

const sealedSchema = sealedHeaderSchema.extend({
  cipher: z.strictObject({ name: z.literal('aes-256-gcm'), iv: base64, tag: base64 }),
  ciphertext: base64,
});
type SealedHeader = z.infer<typeof sealedHeaderSchema>;

export interface PassphraseProtectorOptions {
  scrypt?: ScryptParameters;
}

/**
 * The passphrase is normalised to Unicode NFC first, so "é" typed as one character or as e and
 * an accent (macOS input methods differ) unlocks the same key.
 */
export function createPassphraseProtector(passphrase: string, options: PassphraseProtectorOptions = {}): SecretProtector {
  const secret = passphrase.normalize('NFC');
  const parameters = options.scrypt ?? defaultScryptParameters;
  return {
    method: 'passphrase',
    async protect(plain) {
      if ([...secret].length < minimumPassphraseLength) {
        throw new AppError({
          code: 'VALIDATION',
          message: `The passphrase is too short. Use at least ${minimumPassphraseLength} characters; a few unrelated words are easy to remember and hard to guess.`,
          params: { min: minimumPassphraseLength },
          issues: [{ path: 'passphrase', message: 'validation.passphraseTooShort', params: { min: minimumPassphraseLength } }],
        });
      }
      const header: SealedHeader = {
        format: 'trustbridge-sealed',
        formatVersion: 1,
        kdf: { name: 'scrypt', ...parameters, keyLength: 32, salt: randomBytes(16).toString('base64') },
        cipher: { name: 'aes-256-gcm', iv: randomBytes(12).toString('base64') },
      };
      const key = await deriveKey(secret, header);
      try {
        const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(header.cipher.iv, 'base64'));
        cipher.setAAD(Buffer.from(canonicalJson(header), 'utf8'));
        const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
        const sealed = {
          ...header,
          cipher: { ...header.cipher, tag: cipher.getAuthTag().toString('base64') },
          ciphertext: ciphertext.toString('base64'),
        };
        return new Uint8Array(Buffer.from(JSON.stringify(sealed), 'utf8'));
      } finally {
        key.fill(0);
      }
    },
    async unprotect(sealedBytes) {
      const sealed = parseSealed(sealedBytes);
      const { tag, ...cipherHeader } = sealed.cipher;
      const header: SealedHeader = { format: sealed.format, formatVersion: sealed.formatVersion, kdf: sealed.kdf, cipher: cipherHeader };
      const key = await deriveKey(secret, header);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.cipher.iv, 'base64'));
        decipher.setAAD(Buffer.from(canonicalJson(header), 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        const plain = new Uint8Array(Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]));
        // Data sealed at a lower cost than this protector seals with (an older version's default)
        // is sealed again at today's, so a stolen copy of the file costs a guesser what it should.
        return { plain, reseal: costOf(sealed.kdf) < costOf(parameters) };
      } catch (error) {
        throw new AppError(
          {
            code: 'VALIDATION',
            message:
              'The passphrase is not right, or the protected data was changed since it was written. Check the passphrase (capitals count) and try again.',
            params: { reason: 'wrong-passphrase' },
            issues: [{ path: 'passphrase', message: 'validation.passphraseWrong' }],
          },
          { cause: error },
        );
      } finally {
        key.fill(0);
      }
    },
  };
}

function parseSealed(bytes: Uint8Array) {
  const damaged = (cause?: unknown) =>
    new AppError(
      {
        code: 'DAMAGED_FILE',
        message: 'The protected data is damaged or was not written by TrustBridge, so it cannot be unlocked. Use a backup of the key.',
      },
      { cause },
    );
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw damaged(error);
  }
  const parsed = sealedSchema.safeParse(value);
  if (!parsed.success) throw damaged(parsed.error);
  return parsed.data;
}

/** What one guess costs a guesser, in scrypt's units: its work grows with N · r · p (its memory with N · r). */
function costOf({ N, r, p }: ScryptParameters): number {
  return N * r * p;
}

function deriveKey(secret: string, header: SealedHeader): Promise<Buffer> {
  const { N, r, p, keyLength, salt } = header.kdf;
  // Node refuses scrypt above 32 MiB unless told otherwise; N = 2^17, r = 8 needs 128 MiB.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r * p };
  return new Promise((resolve, reject) => {
    scryptCallback(Buffer.from(secret, 'utf8'), Buffer.from(salt, 'base64'), keyLength, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}
