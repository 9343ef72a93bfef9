/** The passphrase protector with its real cost (scrypt N = 2^17): each unlock takes a moment. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { createPassphraseProtector, defaultScryptParameters } from '../../../../electron/keys/passphrase-protector';
import { expectClearMessage, text, utf8 } from './refusals';

const secret = utf8('the private key, say');

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  expectClearMessage((error as AppError).message);
  return error as AppError;
}

describe('passphrase protector', () => {
  it('seals and unseals, storing every parameter beside the ciphertext', async () => {
    const protector = createPassphraseProtector('correct horse battery staple');
    const sealed = await protector.protect(secret);
    const stored = JSON.parse(text(sealed)) as Record<string, Record<string, unknown>>;
    expect(stored['kdf']).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1, keyLength: 32 });
    expect(Buffer.from(stored['kdf']!['salt'] as string, 'base64')).toHaveLength(16);
    expect(stored['cipher']).toMatchObject({ name: 'aes-256-gcm' });
    expect(Buffer.from(stored['cipher']!['iv'] as string, 'base64')).toHaveLength(12);
    expect(text(sealed)).not.toContain('the private key');
    expect((await protector.unprotect(sealed)).plain).toEqual(secret);
    expect(defaultScryptParameters).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });

  it('asks for data sealed at a lower cost than its own to be sealed again, and only then', async () => {
    const at = (N: number, r = 8) => createPassphraseProtector('correct horse battery staple', { scrypt: { N, r, p: 1 } });
    const sealed = await at(2 ** 14).protect(secret);
    expect(await at(2 ** 15).unprotect(sealed)).toEqual({ plain: secret, reseal: true });
    expect(await at(2 ** 14, 16).unprotect(sealed)).toEqual({ plain: secret, reseal: true });
    expect(await at(2 ** 14).unprotect(sealed)).toEqual({ plain: secret, reseal: false });
    expect(await at(2 ** 14).unprotect(await at(2 ** 15).protect(secret))).toEqual({ plain: secret, reseal: false });
  });

  it('uses a fresh salt and IV every time', async () => {
    const protector = createPassphraseProtector('correct horse battery staple', { scrypt: { N: 2 ** 14, r: 8, p: 1 } });
    const [first, second] = [JSON.parse(text(await protector.protect(secret))), JSON.parse(text(await protector.protect(secret)))] as Array<{
      kdf: { salt: string };
      cipher: { iv: string };
    }>;
    expect(first!.kdf.salt).not.toBe(second!.kdf.salt);
    expect(first!.cipher.iv).not.toBe(second!.cipher.iv);
  });

  it('refuses a wrong passphrase with a clear message', async () => {
    const sealed = await createPassphraseProtector('correct horse battery staple').protect(secret);
    const error = await refusal(createPassphraseProtector('correct horse battery stable').unprotect(sealed));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/passphrase is not right/);
    expect(error.issues).toEqual([{ path: 'passphrase', message: 'validation.passphraseWrong' }]);
  });

  it('unlocks with the same passphrase typed in another Unicode normal form', async () => {
    const composed = 'contraseña de Peñíscola'; // ñ and í as single code points
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const sealed = await createPassphraseProtector(composed, { scrypt: { N: 2 ** 14, r: 8, p: 1 } }).protect(secret);
    expect((await createPassphraseProtector(decomposed).unprotect(sealed)).plain).toEqual(secret);
  });

  it('refuses tampered ciphertext and tampered parameters', async () => {
    const protector = createPassphraseProtector('correct horse battery staple', { scrypt: { N: 2 ** 14, r: 8, p: 1 } });
    const sealed = JSON.parse(text(await protector.protect(secret))) as { ciphertext: string; kdf: { r: number } };
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] = flipped[0]! ^ 0x01;
    const tamperedCiphertext = utf8(JSON.stringify({ ...sealed, ciphertext: flipped.toString('base64') }));
    expect((await refusal(protector.unprotect(tamperedCiphertext))).message).toMatch(/changed since it was written/);

    // The parameters are authenticated too: lowering the cost is noticed, not silently used.
    const tamperedParameters = utf8(JSON.stringify({ ...sealed, kdf: { ...sealed.kdf, r: 4 } }));
    expect((await refusal(protector.unprotect(tamperedParameters))).code).toBe('VALIDATION');

    expect((await refusal(protector.unprotect(utf8('not sealed at all')))).code).toBe('DAMAGED_FILE');
    const absurd = utf8(JSON.stringify({ ...sealed, kdf: { ...sealed.kdf, N: 2 ** 30 } }));
    expect((await refusal(protector.unprotect(absurd))).code).toBe('DAMAGED_FILE');
  });

  it('refuses to seal with a short passphrase', async () => {
    const error = await refusal(createPassphraseProtector('short').protect(secret));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/at least 10 characters/);
  });
});
