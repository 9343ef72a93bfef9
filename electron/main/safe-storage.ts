/**
 * The `os-keychain` SecretProtector: Electron's safeStorage (Keychain on macOS, DPAPI on Windows,
 * libsecret or KWallet on Linux). Undefined when the system offers no real secret store — on Linux
 * without one, Electron falls back to a hard-coded password ("basic_text"), which protects nothing,
 * so TrustBridge asks for a passphrase instead.
 */
import { safeStorage } from 'electron';
import type { SecretProtector } from '../keys/secret-protector';

export function osKeychainProtector(): SecretProtector | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    method: 'os-keychain',
    // safeStorage encrypts strings; the key bytes travel as base64.
    protect: async (plain) => new Uint8Array(safeStorage.encryptString(Buffer.from(plain).toString('base64'))),
    unprotect: async (sealed) => new Uint8Array(Buffer.from(safeStorage.decryptString(Buffer.from(sealed)), 'base64')),
  };
}
