/**
 * The `os-keychain` SecretProtector: Electron's safeStorage (Keychain on macOS, DPAPI on Windows,
 * libsecret or KWallet on Linux). Undefined when the system offers no real secret store — on Linux
 * without one, Electron falls back to a hard-coded password ("basic_text"), which protects nothing,
 * so TrustBridge asks for a passphrase instead.
 *
 * Electron 45 deprecates the synchronous calls (isEncryptionAvailable, encryptString,
 * decryptString); the asynchronous ones are used, and only after the app is ready (the
 * asynchronous encryptor starts lazily on first use). Data sealed by the old synchronous
 * `encryptString` opens with `decryptStringAsync`, which also says when the keychain wants the
 * data sealed again (`shouldReEncrypt`); the key ring then seals the key again (key-ring.ts, unlock).
 */
import { safeStorage } from 'electron';
import type { SecretProtector } from '../keys/secret-protector';

export async function osKeychainProtector(): Promise<SecretProtector | undefined> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    method: 'os-keychain',
    // safeStorage encrypts strings; the key bytes travel as base64.
    protect: async (plain) => new Uint8Array(await safeStorage.encryptStringAsync(Buffer.from(plain).toString('base64'))),
    unprotect: async (sealed) => {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(sealed));
      return { plain: new Uint8Array(Buffer.from(result, 'base64')), reseal: shouldReEncrypt };
    },
  };
}
