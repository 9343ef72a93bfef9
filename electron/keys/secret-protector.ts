/**
 * How the private signing key is kept encrypted at rest. Two ways, one interface:
 * - `os-keychain`: the operating system's secure storage (Keychain on macOS, DPAPI on Windows,
 *   libsecret or KWallet on Linux), through Electron's `safeStorage` — see electron/main/safe-storage.ts;
 * - `passphrase`: a passphrase the user types, stretched with scrypt — see passphrase-protector.ts.
 * The key ring never sees how; it hands plain bytes in and stores what comes out.
 */
export const protectionMethods = ['os-keychain', 'passphrase'] as const;
export type ProtectionMethod = (typeof protectionMethods)[number];

export interface SecretProtector {
  readonly method: ProtectionMethod;
  /** Encrypts; the result carries everything `unprotect` needs except the secret (passphrase, OS key). */
  protect(plain: Uint8Array): Promise<Uint8Array>;
  /** Decrypts; rejects with an AppError whose message says what to do when it cannot. */
  unprotect(sealed: Uint8Array): Promise<Unprotected>;
}

export interface Unprotected {
  plain: Uint8Array;
  /**
   * The protector asks for the data to be sealed again. Electron's safeStorage says so
   * (`shouldReEncrypt`) when its key was rotated or a key of another security level is available:
   * the old sealing still opens, and sealing again keeps it opening after the old key is gone. The
   * passphrase protector says so when the data was sealed at a lower scrypt cost than its own.
   */
  reseal: boolean;
}
