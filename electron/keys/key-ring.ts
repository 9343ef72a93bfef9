/**
 * The own institution's signing key: an Ed25519 key pair generated at first run.
 *
 *   <dataDir>/keys/own-key.json
 *     { "format": "trustbridge-own-key", "formatVersion": 1,
 *       "exchangeId": "tb-<uuid>",                       the institution's stable id in exchange files
 *       "current": { "jwk", "fingerprint", "createdAt",
 *                    "protection": "os-keychain" | "passphrase",
 *                    "sealedPrivateKey": "<base64 of what the SecretProtector returned>" },
 *       "retired": [ { "jwk", "fingerprint", "createdAt", "retiredAt" } ],
 *       "rotations": [ "<compact JWS: old key vouches for the next>" ] }
 *
 * The exchange id lives with the key, not with the profile: it is what partners remember the
 * institution by, so it must survive a reinstall exactly when the key does (through a backup).
 * Retired private keys are not kept: an old key only ever signs the statement that hands over to
 * its successor, at the moment of replacement.
 *
 * The private key is unsealed once (`ensureKey`) and then kept in memory for signing; with a
 * passphrase that is one prompt per session rather than one per signature.
 */
import { randomUUID, type KeyObject } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { AppError } from '../../shared/errors';
import { fingerprintForDisplay, keyFingerprint, verificationCode } from '../../shared/exchange/fingerprint';
import {
  ed25519PublicJwkSchema,
  exchangeIdSchema,
  exchangeLimits,
  publicKeyFileSchema,
  sha256HexPattern,
  signerSchema,
  type Ed25519PublicJwk,
  type JwsSignature,
  type ProtectedHeader,
  type PublicKeyFile,
  type Signer,
} from '../../shared/exchange/schema';
import { fieldIssues } from '../../shared/ipc/zod-issues';
import { bestEffort } from '../platform/files';
import { copyPathOf, readProtectedFile, writeWithCopy, type ProtectedFileNotice } from '../store/checked-copy';
import { parseJsonDocument } from '../store/json-file';
import { storageError } from '../store/storage-errors';
import { generateSigningKey, privateKeyFromPkcs8, privateKeyToPkcs8, publicJwkOf, signDetached } from './ed25519';
import { createPassphraseProtector, type PassphraseProtectorOptions } from './passphrase-protector';
import { createRotationStatement } from './rotation';
import { protectionMethods, type ProtectionMethod, type SecretProtector } from './secret-protector';

const fingerprintSchema = z.string().regex(sha256HexPattern);
const base64Schema = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const retiredKeySchema = z.strictObject({
  jwk: ed25519PublicJwkSchema,
  fingerprint: fingerprintSchema,
  createdAt: z.string(),
  retiredAt: z.string(),
});

const ownKeyFileSchema = z.strictObject({
  format: z.literal('trustbridge-own-key'),
  formatVersion: z.literal(1),
  exchangeId: exchangeIdSchema,
  current: z.strictObject({
    jwk: ed25519PublicJwkSchema,
    fingerprint: fingerprintSchema,
    createdAt: z.string(),
    protection: z.enum(protectionMethods),
    sealedPrivateKey: base64Schema,
  }),
  retired: z.array(retiredKeySchema),
  rotations: z.array(z.string()),
});
type OwnKeyFile = z.infer<typeof ownKeyFileSchema>;

/** The key pair in a backup, before it is sealed with the backup's passphrase. */
const backupContentSchema = z.strictObject({
  format: z.literal('trustbridge-key-backup-content'),
  exchangeId: exchangeIdSchema,
  current: z.strictObject({ pkcs8: base64Schema, createdAt: z.string() }),
  retired: z.array(retiredKeySchema),
  rotations: z.array(z.string()),
});

/**
 * A key backup file: what it holds is readable before unlocking (so the user sees which key it
 * is), the key pair itself is sealed with the backup's passphrase.
 */
const keyBackupFileSchema = z.strictObject({
  format: z.literal('trustbridge-key-backup'),
  formatVersion: z.literal(1),
  exchangeId: exchangeIdSchema,
  fingerprint: fingerprintSchema,
  madeAt: z.string(),
  sealed: base64Schema,
});
type KeyBackupInfo = Omit<z.infer<typeof keyBackupFileSchema>, 'sealed' | 'format' | 'formatVersion'>;

interface OwnKeySummary {
  exchangeId: string;
  fingerprint: string;
  /** Eight groups of four hex digits, for Settings. */
  displayFingerprint: string;
  /** Three groups, to read out on the phone. */
  verificationCode: string;
  protection: ProtectionMethod;
  createdAt: string;
  retired: Array<{ fingerprint: string; createdAt: string; retiredAt: string }>;
}

interface KeyRingOptions {
  dataDir: string;
  now?: () => Date;
  /**
   * Whether a damaged key file (or copy) is set aside and rewritten from the other; the app does,
   * the command line's verify reads the keys of a folder the app may be using and never writes.
   */
  repair?: boolean;
}

export class KeyRing {
  readonly path: string;
  private file: OwnKeyFile | undefined;
  private privateKey: KeyObject | undefined;
  private readonly now: () => Date;

  private constructor(
    private readonly dataDir: string,
    file: OwnKeyFile | undefined,
    now: () => Date,
    /** What was repaired when the key file was read, for the store's notices. */
    readonly recovery: ProtectedFileNotice | undefined,
  ) {
    this.path = ownKeyPath(dataDir);
    this.file = file;
    this.now = now;
  }

  /**
   * Reads the key file if there is one, through its copy (electron/store/checked-copy.ts): a
   * damaged key file is restored from its copy, a damaged copy from the file, and when both are
   * damaged, from the previous save. Writes only to repair, and only with `repair`.
   */
  static async open(options: KeyRingOptions): Promise<KeyRing> {
    const path = ownKeyPath(options.dataDir);
    const now = options.now ?? (() => new Date());
    const read = await readProtectedFile({
      dataDir: options.dataDir,
      path,
      collection: 'keys',
      parse: parseOwnKeyFile,
      serialise: (file) => JSON.stringify(file, null, 2) + '\n',
      repair: options.repair ?? false,
      now,
    });
    if (read.value === undefined && read.damaged) throw damagedKeyFiles(path, read.damaged);
    return new KeyRing(options.dataDir, read.value, now, 'notice' in read ? read.notice : undefined);
  }

  hasKey(): boolean {
    return this.file !== undefined;
  }

  /** True once the private key was unsealed in this session. */
  isUnlocked(): boolean {
    return this.privateKey !== undefined;
  }

  /** Which protector seals the private key, for Settings to show; undefined before first run. */
  protectionMethod(): ProtectionMethod | undefined {
    return this.file?.current.protection;
  }

  /**
   * At first run, generates the key pair and the institution's exchange id and stores the private
   * key sealed by `protector`; afterwards, unseals the stored key with it. Either way the key is
   * ready to sign.
   */
  async ensureKey(protector: SecretProtector): Promise<OwnKeySummary> {
    if (!this.file) {
      const privateKey = generateSigningKey();
      const at = this.now().toISOString();
      const file: OwnKeyFile = {
        format: 'trustbridge-own-key',
        formatVersion: 1,
        exchangeId: `tb-${randomUUID()}`,
        current: await sealedCurrent(privateKey, protector, at),
        retired: [],
        rotations: [],
      };
      await this.write(file);
      this.privateKey = privateKey;
      return this.summary();
    }
    await this.unlock(protector);
    return this.summary();
  }

  /** Unseals the stored private key and checks that it belongs to the stored public key. */
  async unlock(protector: SecretProtector): Promise<void> {
    const file = this.requireFile();
    if (protector.method !== file.current.protection) {
      throw new AppError({
        code: 'INVALID_REQUEST',
        message: `The signing key is protected by ${describeMethod(file.current.protection)}, so it must be unlocked that way.`,
        params: { method: file.current.protection },
      });
    }
    const { plain: der, reseal } = await protector.unprotect(Buffer.from(file.current.sealedPrivateKey, 'base64'));
    let privateKey: KeyObject;
    try {
      privateKey = privateKeyFromPkcs8(der);
    } catch (error) {
      throw damagedKeyFile(this.path, error);
    } finally {
      der.fill(0);
    }
    if (keyFingerprint(publicJwkOf(privateKey)) !== file.current.fingerprint) throw damagedKeyFile(this.path);
    this.privateKey = privateKey;
    // The protector asks for the key to be sealed again: the keychain's key was rotated (so the key
    // still opens once the old one is gone), or a passphrase sealed it at an older, lower cost. The
    // key is unlocked either way; a failed save (a full disk) keeps the old sealing, which still
    // opens, is logged and is tried again at the next unlock.
    if (reseal) {
      await bestEffort(
        async () => this.write({ ...file, current: await sealedCurrent(privateKey, protector, file.current.createdAt) }),
        `Sealing the signing key again under ${describeMethod(protector.method)}`,
      );
    }
  }

  /** Forgets the unsealed private key (the app locks on sign-out or after idle time, if it wants). */
  lock(): void {
    this.privateKey = undefined;
  }

  exchangeId(): string {
    return this.requireFile().exchangeId;
  }

  publicKey(): Ed25519PublicJwk {
    return { ...this.requireFile().current.jwk };
  }

  fingerprint(): string {
    return this.requireFile().current.fingerprint;
  }

  summary(): OwnKeySummary {
    const file = this.requireFile();
    const { fingerprint, createdAt, protection } = file.current;
    return {
      exchangeId: file.exchangeId,
      fingerprint,
      displayFingerprint: fingerprintForDisplay(fingerprint),
      verificationCode: verificationCode(fingerprint),
      protection,
      createdAt,
      retired: file.retired.map(({ fingerprint: retired, createdAt: created, retiredAt }) => ({ fingerprint: retired, createdAt: created, retiredAt })),
    };
  }

  /** Whether a fingerprint is this installation's key, current or retired. */
  ownKeyStatus(fingerprint: string): 'current' | 'retired' | undefined {
    const file = this.file;
    if (!file) return undefined;
    if (file.current.fingerprint === fingerprint) return 'current';
    return file.retired.some((key) => key.fingerprint === fingerprint) ? 'retired' : undefined;
  }

  /** Rotation statements from the first key to the current one, oldest first. */
  rotationStatements(): string[] {
    return [...(this.file?.rotations ?? [])];
  }

  /**
   * Signs a payload (any JSON value; the RFC 8785 canonical form is what is signed) and returns
   * the detached JWS signature object for the file's `signatures` list.
   */
  async sign(payload: unknown, signer: Signer): Promise<JwsSignature> {
    return this.signCanonical(canonicalJson(payload), signer);
  }

  /** Signs canonical payload text exactly as given (countersigning signs the bytes already signed). */
  async signCanonical(canonicalPayload: string, signer: Signer): Promise<JwsSignature> {
    const file = this.requireFile();
    const privateKey = this.requireUnlocked();
    const checkedSigner = signerSchema.safeParse(signer);
    if (!checkedSigner.success) {
      throw new AppError({
        code: 'VALIDATION',
        message: 'The signer needs a name and the name of the institution they sign for.',
        issues: fieldIssues(checkedSigner.error),
      });
    }
    const rotations = file.rotations.slice(-exchangeLimits.maxRotations);
    const header: ProtectedHeader = {
      alg: 'EdDSA',
      kid: file.current.fingerprint,
      jwk: file.current.jwk,
      'tb.iss': file.exchangeId,
      'tb.signer': checkedSigner.data,
      iat: Math.floor(this.now().getTime() / 1000),
      ...(rotations.length ? { 'tb.rot': rotations } : {}),
    };
    return signDetached(canonicalPayload, header, privateKey);
  }

  /**
   * The public key as a small file to send to a partner before any exchange (see
   * docs/exchange-format.md, "Public key files").
   */
  exportPublicKey(institution: { legalName: string; country: string }): Uint8Array {
    const file = this.requireFile();
    const exported: PublicKeyFile = publicKeyFileSchema.parse({
      format: 'trustbridge-public-key',
      formatVersion: 1,
      exchangeId: file.exchangeId,
      institution: { legalName: institution.legalName, country: institution.country },
      jwk: file.current.jwk,
      fingerprint: file.current.fingerprint,
      createdAt: file.current.createdAt,
      rotations: file.rotations.slice(-exchangeLimits.maxRotations),
    });
    return new Uint8Array(Buffer.from(JSON.stringify(exported, null, 2) + '\n', 'utf8'));
  }

  /**
   * The key pair (and the exchange id, retired keys and rotation statements) sealed with a
   * passphrase, to keep somewhere safe: restoring it on a new computer keeps the institution's
   * identity, so partners need not accept a changed key.
   */
  async backup(passphrase: string, options: PassphraseProtectorOptions = {}): Promise<Uint8Array> {
    const file = this.requireFile();
    const privateKey = this.requireUnlocked();
    const der = privateKeyToPkcs8(privateKey);
    const content = {
      format: 'trustbridge-key-backup-content' as const,
      exchangeId: file.exchangeId,
      current: { pkcs8: Buffer.from(der).toString('base64'), createdAt: file.current.createdAt },
      retired: file.retired,
      rotations: file.rotations,
    };
    der.fill(0);
    const plain = Buffer.from(JSON.stringify(content), 'utf8');
    try {
      const sealed = await createPassphraseProtector(passphrase, options).protect(plain);
      const backupFile = {
        format: 'trustbridge-key-backup' as const,
        formatVersion: 1 as const,
        exchangeId: file.exchangeId,
        fingerprint: file.current.fingerprint,
        madeAt: this.now().toISOString(),
        sealed: Buffer.from(sealed).toString('base64'),
      };
      return new Uint8Array(Buffer.from(JSON.stringify(backupFile, null, 2) + '\n', 'utf8'));
    } finally {
      plain.fill(0);
    }
  }

  /**
   * Restores a backup into this data folder and seals the private key with `protector`. Refused
   * when the folder already holds a different key: that key would be lost, and `replaceKey` is
   * the way to change keys.
   */
  async restore(bytes: Uint8Array, passphrase: string, protector: SecretProtector): Promise<OwnKeySummary> {
    const info = readKeyBackupInfo(bytes);
    if (!info.ok) throw new AppError(info.error);
    const { backup } = info;
    if (this.file && (this.file.exchangeId !== backup.exchangeId || this.file.current.fingerprint !== backup.fingerprint)) {
      throw new AppError({
        code: 'CONFLICT',
        message: `This installation already has a different signing key (${fingerprintForDisplay(this.file.current.fingerprint)}). Restoring the backup would lose it; restore into a new data folder, or keep the current key.`,
        params: { fingerprint: this.file.current.fingerprint, backupFingerprint: backup.fingerprint },
      });
    }
    const { plain } = await createPassphraseProtector(passphrase).unprotect(Buffer.from(backup.sealed, 'base64'));
    let privateKey: KeyObject;
    let content: z.infer<typeof backupContentSchema>;
    try {
      content = backupContentSchema.parse(JSON.parse(Buffer.from(plain).toString('utf8')));
      privateKey = privateKeyFromPkcs8(Buffer.from(content.current.pkcs8, 'base64'));
    } catch (error) {
      throw damagedBackup(error);
    } finally {
      plain.fill(0);
    }
    const jwk = publicJwkOf(privateKey);
    if (content.exchangeId !== backup.exchangeId || keyFingerprint(jwk) !== backup.fingerprint) throw damagedBackup();
    const file: OwnKeyFile = {
      format: 'trustbridge-own-key',
      formatVersion: 1,
      exchangeId: content.exchangeId,
      current: await sealedCurrent(privateKey, protector, content.current.createdAt),
      retired: content.retired,
      rotations: content.rotations,
    };
    await this.write(file);
    this.privateKey = privateKey;
    return this.summary();
  }

  /**
   * Replaces the key: a new key pair, sealed with `protector`; the old public key is kept as
   * retired, and the old key signs a rotation statement for the new one, which every later
   * signature carries so partners accept the new key without a phone call. The exchange id stays.
   */
  async replaceKey(protector: SecretProtector): Promise<OwnKeySummary> {
    const file = this.requireFile();
    const oldKey = this.requireUnlocked();
    const next = generateSigningKey();
    const nextJwk = publicJwkOf(next);
    const at = this.now();
    const statement = await createRotationStatement({ exchangeId: file.exchangeId, previousKey: oldKey, next: nextJwk, rotatedAt: at });
    const replaced: OwnKeyFile = {
      ...file,
      current: await sealedCurrent(next, protector, at.toISOString()),
      retired: [
        ...file.retired,
        { jwk: file.current.jwk, fingerprint: file.current.fingerprint, createdAt: file.current.createdAt, retiredAt: at.toISOString() },
      ],
      rotations: [...file.rotations, statement],
    };
    await this.write(replaced);
    this.privateKey = next;
    return this.summary();
  }

  /** Seals the current key with another protector (Settings: switch between OS storage and a passphrase). */
  async changeProtection(protector: SecretProtector): Promise<OwnKeySummary> {
    const file = this.requireFile();
    const privateKey = this.requireUnlocked();
    await this.write({ ...file, current: await sealedCurrent(privateKey, protector, file.current.createdAt) });
    return this.summary();
  }

  private async write(file: OwnKeyFile): Promise<void> {
    const valid = ownKeyFileSchema.parse(file);
    await mkdir(dirname(this.path), { recursive: true }).catch((error: unknown) => {
        throw storageError(error, this.path);
      });
    await writeWithCopy(this.path, copyPathOf(this.dataDir, this.path), JSON.stringify(valid, null, 2) + '\n', { keepBackup: true });
    this.file = valid;
  }

  private requireFile(): OwnKeyFile {
    if (!this.file) {
      throw new AppError({
        code: 'KEY_UNKNOWN',
        message: 'This installation has no signing key yet. Finish the first-run setup, or restore the key from its backup.',
      });
    }
    return this.file;
  }

  private requireUnlocked(): KeyObject {
    if (!this.privateKey) {
      throw new AppError({
        code: 'LOCKED',
        message: 'The signing key is locked. Unlock it (with the passphrase, or the system’s key storage) and try again.',
      });
    }
    return this.privateKey;
  }
}

export function ownKeyPath(dataDir: string): string {
  return join(dataDir, 'keys', 'own-key.json');
}

/** What a backup file holds, readable without the passphrase. */
export function readKeyBackupInfo(
  bytes: Uint8Array,
): { ok: true; info: KeyBackupInfo; backup: z.infer<typeof keyBackupFileSchema> } | { ok: false; error: { code: 'INVALID_FILE'; message: string } } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = keyBackupFileSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, error: { code: 'INVALID_FILE', message: 'This is not a TrustBridge key backup, or it is damaged.' } };
  }
  const { exchangeId, fingerprint, madeAt } = parsed.data;
  return { ok: true, info: { exchangeId, fingerprint, madeAt }, backup: parsed.data };
}

async function sealedCurrent(privateKey: KeyObject, protector: SecretProtector, createdAt: string): Promise<OwnKeyFile['current']> {
  const jwk = publicJwkOf(privateKey);
  const der = privateKeyToPkcs8(privateKey);
  try {
    const sealed = await protector.protect(der);
    return {
      jwk,
      fingerprint: keyFingerprint(jwk),
      createdAt,
      protection: protector.method,
      sealedPrivateKey: Buffer.from(sealed).toString('base64'),
    };
  } finally {
    der.fill(0);
  }
}

function parseOwnKeyFile(bytes: Buffer, path: string): OwnKeyFile {
  return parseJsonDocument(path, bytes, ownKeyFileSchema);
}

function damagedKeyFile(path: string, cause?: unknown): AppError {
  return new AppError(
    {
      code: 'DAMAGED_FILE',
      message: `The signing key file (${path}) is damaged. Restore the key from its backup; TrustBridge does not make a new key by itself, because partners would then see a changed key.`,
      params: { path },
    },
    { cause },
  );
}

function damagedKeyFiles(path: string, damage: { reason: string; setAsidePath?: string; copySetAsidePath?: string }): AppError {
  const setAside = [damage.setAsidePath, damage.copySetAsidePath].filter(Boolean).join(' and ');
  return new AppError({
    code: 'DAMAGED_FILE',
    message:
      `The signing key file (${path}) and its copy are both damaged (${damage.reason})` +
      (setAside ? `; the damaged files were set aside as ${setAside}` : '') +
      '. Restore the key from its key backup (Settings › Signing key › Restore from backup), or restore a whole backup of the data folder (Settings › All data › Restore a backup into a new folder). TrustBridge does not make a new key by itself, because partners would then see a changed key.',
    params: { path, reason: damage.reason, ...(damage.setAsidePath ? { setAsidePath: damage.setAsidePath } : {}) },
  });
}

function damagedBackup(cause?: unknown): AppError {
  return new AppError(
    { code: 'INVALID_FILE', message: 'The key backup opened, but what it holds is damaged or inconsistent. Use another backup.' },
    { cause },
  );
}

function describeMethod(method: ProtectionMethod): string {
  return method === 'os-keychain' ? "the system's key storage" : 'a passphrase';
}
