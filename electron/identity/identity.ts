/**
 * The institution's identity in one place: its own signing key (created at first run, protected
 * by the system's keychain or a passphrase, unlocked, rotated, backed up), the signer that key
 * signs for, and the partners' keys remembered so far. Built first, before any service, and handed
 * to the services that sign or verify (exchange, agreements, consortium), so none of them owns the
 * keys of another and none reaches into another's key ring.
 */
import { readFile } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import type { KeyStatus } from '../../shared/exchange/app';
import { fingerprintForDisplay, verificationCode } from '../../shared/exchange/fingerprint';
import type { Signer } from '../../shared/exchange/schema';
import type { PartnerKeysView } from '../../shared/ipc/contract';
import { verifyExchangeFileDetail, type VerifiedFileDetail } from '../exchange/read';
import { countersign, createExchangeFile, type CreateExchangeInput } from '../exchange/write';
import type { ProtectedFileNotice } from '../store/checked-copy';
import { writeFileDurably } from '../store/durable-write';
import { KeyRing } from '../keys/key-ring';
import { createPassphraseProtector, type ScryptParameters } from '../keys/passphrase-protector';
import { PartnerKeys, type KeySighting, type PartnerIssuer, type PartnerKey } from '../keys/partner-keys';
import type { SecretProtector } from '../keys/secret-protector';
import { bestEffort } from '../platform/files';
import type { Logger } from '../platform/logger';

interface IdentityServiceOptions {
  dataDir: string;
  now: () => Date;
  /** The system keychain, where the platform offers one (Electron's safeStorage). */
  osProtector?: () => SecretProtector | undefined;
  /** Told when a damaged key file was repaired from its copy (the store records it as a notice). */
  notify?: (notice: ProtectedFileNotice) => Promise<void> | void;
  /** Where a failed unlock through the system keychain is reported (the key then asks for its passphrase). */
  logger?: Logger;
  /**
   * The scrypt cost a passphrase-protected key is sealed with. The app never sets it (the
   * default, about half a second of work per guess); tests set a smaller one, because they make
   * and unlock keys by the hundred. Unlocking reads the cost from the sealed file, and seals the
   * key again at this cost if the file's is lower.
   */
  passphraseCost?: ScryptParameters;
}

export class IdentityService {
  private constructor(
    private readonly options: IdentityServiceOptions,
    private readonly keyRing: KeyRing,
    private readonly partners: PartnerKeys,
  ) {}

  static async open(options: IdentityServiceOptions): Promise<IdentityService> {
    // The app repairs a damaged key file from its copy (or the copy from the file) and says so.
    const keyRing = await KeyRing.open({ dataDir: options.dataDir, now: options.now, repair: true });
    const partnerKeys = await PartnerKeys.open({ dataDir: options.dataDir, now: options.now, repair: true });
    for (const recovery of [keyRing.recovery, partnerKeys.recovery]) if (recovery) await options.notify?.(recovery);
    // With the system keychain, the key unlocks without asking anything.
    const os = options.osProtector?.();
    // When that fails, the key stays locked and the user is asked for its passphrase when signing.
    if (keyRing.hasKey() && keyRing.protectionMethod() === 'os-keychain' && os) await bestEffort(keyRing.unlock(os), 'Unlocking the signing key through the system keychain', options.logger);
    return new IdentityService(options, keyRing, partnerKeys);
  }

  // ---------------------------------------------------------------- the own key

  keyStatus(): KeyStatus {
    const { keyRing } = this;
    const has = keyRing.hasKey();
    const fingerprint = has ? keyRing.fingerprint() : null;
    return {
      hasKey: has,
      unlocked: has && keyRing.isUnlocked(),
      method: has ? (keyRing.protectionMethod() ?? null) : null,
      osKeychainAvailable: this.options.osProtector?.() !== undefined,
      fingerprint,
      displayFingerprint: fingerprint ? fingerprintForDisplay(fingerprint) : null,
      verificationCode: fingerprint ? verificationCode(fingerprint) : null,
      exchangeId: has ? keyRing.exchangeId() : null,
      retired: has ? keyRing.summary().retired.length : 0,
    };
  }

  hasKey(): boolean {
    return this.keyRing.hasKey();
  }

  /** The own exchange id; throws when there is no key yet. */
  exchangeId(): string {
    return this.keyRing.exchangeId();
  }

  /** The own exchange id, or undefined before the key is created. */
  ownExchangeId(): string | undefined {
    return this.keyRing.hasKey() ? this.keyRing.exchangeId() : undefined;
  }

  /** The fingerprint of the current own key; throws when there is no key yet. */
  fingerprint(): string {
    return this.keyRing.fingerprint();
  }

  /** The protector for a new or replaced key: the system keychain, else the passphrase given. */
  private protector(passphrase: string | undefined): SecretProtector {
    const os = this.options.osProtector?.();
    if (os) return os;
    if (!passphrase) {
      throw new AppError({
        code: 'VALIDATION',
        message: 'This computer offers no keychain for the signing key: choose a passphrase to protect it.',
        issues: [{ path: 'passphrase', message: 'validation.required' }],
      });
    }
    return this.passphraseProtector(passphrase);
  }

  /** A passphrase's protector at the cost this app seals with (what unlocking seals again to, if lower). */
  private passphraseProtector(passphrase: string): SecretProtector {
    return createPassphraseProtector(passphrase, this.options.passphraseCost ? { scrypt: this.options.passphraseCost } : {});
  }

  async createKey(passphrase?: string): Promise<KeyStatus> {
    if (this.keyRing.hasKey()) return this.keyStatus();
    await this.keyRing.ensureKey(this.protector(passphrase));
    return this.keyStatus();
  }

  async unlock(passphrase: string): Promise<KeyStatus> {
    await this.keyRing.unlock(this.passphraseProtector(passphrase));
    return this.keyStatus();
  }

  /** Forgets the unlocked key until it is unlocked again. */
  lock(): void {
    this.keyRing.lock();
  }

  /** Rotation: a new key, signed over by the old one, which is kept as retired. */
  async replaceKey(passphrase?: string): Promise<KeyStatus> {
    await this.keyRing.replaceKey(this.protector(passphrase));
    return this.keyStatus();
  }

  /** Writes the public key, named for the institution that holds it. */
  async exportPublicKey(path: string, owner: { legalName: string; country: string }): Promise<void> {
    await writeFileDurably(path, this.keyRing.exportPublicKey(owner));
  }

  async backupKey(path: string, passphrase: string): Promise<void> {
    await writeFileDurably(path, await this.keyRing.backup(passphrase));
  }

  async restoreKey(path: string, backupPassphrase: string, newPassphrase?: string): Promise<KeyStatus> {
    const bytes = new Uint8Array(await readFile(path));
    await this.keyRing.restore(bytes, backupPassphrase, this.protector(newPassphrase ?? backupPassphrase));
    return this.keyStatus();
  }

  /** Throws when signing is not possible now (no key, or a locked one): asked before any dialog. */
  assertUnlocked(): void {
    if (!this.keyRing.hasKey()) {
      throw new AppError({ code: 'KEY_UNKNOWN', message: 'Your institution has no signing key yet. Create it in Settings.' });
    }
    if (!this.keyRing.isUnlocked()) {
      throw new AppError({ code: 'LOCKED', message: 'The signing key is locked. Enter its passphrase to sign.', params: { reason: 'key-locked' } });
    }
  }

  // ---------------------------------------------------------------- signing and verifying

  /** A new exchange file, signed with the own key for the signer given. */
  signFile(input: CreateExchangeInput, signer: Signer): Promise<Uint8Array> {
    return createExchangeFile(input, this.keyRing, signer, { now: this.options.now });
  }

  /** Adds the own signature to a file signed by partners, checked against the partner keys first. */
  countersign(bytes: Uint8Array, signer: Signer): Promise<Uint8Array> {
    return countersign(bytes, this.keyRing, signer, { partnerKeys: this.partners });
  }

  /**
   * Verifies an exchange file, recognising the own signatures and, unless `partners` is false,
   * judging the partners' keys against those remembered here.
   */
  verify(bytes: Uint8Array, options: { partners?: boolean } = {}): Promise<VerifiedFileDetail> {
    return verifyExchangeFileDetail(bytes, {
      ...(this.keyRing.hasKey() ? { ownKeyRing: this.keyRing } : {}),
      ...(options.partners === false ? {} : { partnerKeys: this.partners }),
    });
  }

  // ---------------------------------------------------------------- partner keys

  partnerIssuers(): PartnerIssuer[] {
    return this.partners.issuers();
  }

  /** The partner keys as the settings page lists them: fingerprints spelled for reading aloud. */
  partnerKeysView(): PartnerKeysView[] {
    return this.partnerIssuers().map((issuer) => ({
      exchangeId: issuer.exchangeId,
      institutionName: issuer.institutionName,
      keys: issuer.keys.map((key) => ({
        fingerprint: key.fingerprint,
        displayFingerprint: fingerprintForDisplay(key.fingerprint),
        verificationCode: verificationCode(key.fingerprint),
        status: key.status,
        firstSeen: key.firstSeen,
        lastSeen: key.lastSeen,
        source: key.source,
      })),
      events: issuer.events.map((event) => ({ at: event.at, kind: event.kind, fingerprint: event.fingerprint, by: event.by })),
    }));
  }

  /** The user compared a partner key's fingerprint with the partner. */
  confirmPartnerKey(exchangeId: string, fingerprint: string, options: { by?: string } = {}): Promise<PartnerKey> {
    return this.partners.confirm(exchangeId, fingerprint, options);
  }

  /** Keys seen in an accepted file, remembered on first use. */
  rememberPartnerKeys(sightings: KeySighting | readonly KeySighting[]): Promise<void> {
    return this.partners.remember(sightings);
  }

  /** A partner's changed key, accepted after the user checked it with the partner. */
  acceptChangedPartnerKey(sighting: KeySighting, options: { by: string; fingerprintChecked: boolean }): Promise<void> {
    return this.partners.acceptChangedKey(sighting, options);
  }
}
