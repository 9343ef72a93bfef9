/**
 * Partners' keys, trusted on first use (TOFU), as SSH does with host keys: the first key seen for
 * an institution is remembered; later files must be signed by a remembered key, or by a new key
 * that a remembered key vouched for (a rotation statement). Any other key is a *changed* key:
 * perhaps the partner reinstalled and lost its key, perhaps someone else is writing in its name.
 * TrustBridge never accepts that silently; the user compares fingerprints with the partner (by
 * phone or e-mail) and accepts the new key explicitly, and the acceptance is recorded.
 *
 *   <dataDir>/keys/partner-keys.json
 *
 * Institutions are keyed by their exchange id (the issuing installation's stable id), not by name:
 * names are typed by people and change; the exchange id does not.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { fingerprintForDisplay, keyFingerprint } from '../../shared/exchange/fingerprint';
import { ed25519PublicJwkSchema, exchangeIdSchema, sha256HexPattern, type Ed25519PublicJwk } from '../../shared/exchange/schema';
import { copyPathOf, readProtectedFile, writeWithCopy, type ProtectedFileNotice } from '../store/checked-copy';
import { parseJsonDocument } from '../store/json-file';
import { storageError } from '../store/storage-errors';
import { rotationPath, type KeyRotation } from './rotation';
import { settled } from '../platform/files';

const partnerKeyStatuses = ['unconfirmed', 'confirmed', 'retired'] as const;
export type PartnerKeyStatus = (typeof partnerKeyStatuses)[number];

const partnerKeySchema = z.strictObject({
  fingerprint: z.string().regex(sha256HexPattern),
  jwk: ed25519PublicJwkSchema,
  /** unconfirmed: seen, not yet checked with the partner; confirmed: the user compared fingerprints; retired: replaced. */
  status: z.enum(partnerKeyStatuses),
  /** How the key became known. */
  source: z.enum(['first-use', 'rotation', 'accepted-change']),
  firstSeen: z.string(),
  lastSeen: z.string(),
  confirmedAt: z.string().optional(),
  retiredAt: z.string().optional(),
});
export type PartnerKey = z.infer<typeof partnerKeySchema>;

const partnerKeyEventSchema = z.strictObject({
  at: z.string(),
  kind: z.enum(['first-use', 'confirmed', 'rotated', 'changed-key-accepted', 'renamed']),
  fingerprint: z.string().regex(sha256HexPattern),
  /** Rotations and accepted changes: the keys the new one replaced. */
  replaced: z.array(z.string().regex(sha256HexPattern)).optional(),
  /** Who confirmed or accepted, as the user is named in Settings. */
  by: z.string().max(200).optional(),
  note: z.string().max(1000).optional(),
});
type PartnerKeyEvent = z.infer<typeof partnerKeyEventSchema>;

const partnerIssuerSchema = z.strictObject({
  exchangeId: exchangeIdSchema,
  /** The institution's legal name as last seen in a verified file. */
  institutionName: z.string().max(300),
  keys: z.array(partnerKeySchema),
  events: z.array(partnerKeyEventSchema),
});
export type PartnerIssuer = z.infer<typeof partnerIssuerSchema>;

const partnerKeysFileSchema = z.strictObject({
  format: z.literal('trustbridge-partner-keys'),
  formatVersion: z.literal(1),
  issuers: z.array(partnerIssuerSchema),
});
type PartnerKeysFile = z.infer<typeof partnerKeysFileSchema>;

const eventsKept = 200;

/** What the registry says about a key presented for an institution. */
type KeyAssessment =
  /** The institution was never seen: trust on first use, remembered when the import is applied. */
  | { verdict: 'new-issuer' }
  /** A remembered key (which may be unconfirmed, confirmed, or retired by a later rotation). */
  | { verdict: 'known'; key: PartnerKey; institutionName: string }
  /** A new key, reached from a remembered key by valid rotation statements. */
  | { verdict: 'rotated'; from: PartnerKey; path: KeyRotation[]; institutionName: string }
  /** A different key and no proof: flag loudly, accept only explicitly. */
  | { verdict: 'changed'; knownKeys: PartnerKey[]; institutionName: string };

/** A key seen on a verified signature: what `remember` needs. */
export interface KeySighting {
  exchangeId: string;
  institutionName: string;
  jwk: Ed25519PublicJwk;
  /** Verified rotation statements the signature carried. */
  rotations?: readonly KeyRotation[];
}

interface PartnerKeysOptions {
  dataDir: string;
  now?: () => Date;
  /** Whether a damaged registry (or copy) is set aside and rewritten from the other (the app: yes; verify: never writes). */
  repair?: boolean;
}

export class PartnerKeys {
  readonly path: string;
  private data: PartnerKeysFile;
  private readonly now: () => Date;
  private writes: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly dataDir: string,
    data: PartnerKeysFile,
    now: () => Date,
    /** What was repaired when the registry was read, for the store's notices. */
    readonly recovery: ProtectedFileNotice | undefined,
  ) {
    this.path = partnerKeysPath(dataDir);
    this.data = data;
    this.now = now;
  }

  /**
   * Reads the registry through its copy (electron/store/checked-copy.ts): a damaged registry is
   * restored from its copy, a damaged copy from the registry, both damaged from the previous save.
   * Writes only to repair, and only with `repair` (the command line's `verify` opens it too).
   */
  static async open(options: PartnerKeysOptions): Promise<PartnerKeys> {
    const path = partnerKeysPath(options.dataDir);
    const now = options.now ?? (() => new Date());
    const read = await readProtectedFile({
      dataDir: options.dataDir,
      path,
      collection: 'keys',
      parse: parseRegistry,
      serialise: (file) => JSON.stringify(file, null, 2) + '\n',
      repair: options.repair ?? false,
      now,
    });
    if (read.value === undefined && read.damaged) throw damagedRegistry(path, read.damaged);
    return new PartnerKeys(options.dataDir, read.value ?? emptyFile(), now, 'notice' in read ? read.notice : undefined);
  }

  issuers(): PartnerIssuer[] {
    return structuredClone(this.data.issuers);
  }

  issuer(exchangeId: string): PartnerIssuer | undefined {
    const found = this.find(exchangeId);
    return found ? structuredClone(found) : undefined;
  }

  /** What to make of `jwk` presented for `issuer`. Pure: changes nothing. */
  assess(issuer: { exchangeId: string }, jwk: Ed25519PublicJwk, rotations: readonly KeyRotation[] = []): KeyAssessment {
    return assessIn(this.data, issuer.exchangeId, jwk, rotations);
  }

  /**
   * Records keys seen on a verified file, all in one write: new institutions are remembered
   * (unconfirmed), known keys get their last-seen date, rotated keys replace their predecessors.
   * A changed key is refused with KEY_CHANGED: only `acceptChangedKey` takes it.
   */
  async remember(sightings: KeySighting | readonly KeySighting[]): Promise<void> {
    const list: readonly KeySighting[] = Array.isArray(sightings) ? sightings : [sightings as KeySighting];
    await this.change((draft, at) => {
      for (const sighting of list) rememberIn(draft, sighting, at);
    });
  }

  /** The user compared the fingerprint with the partner (read out on the phone, or from a letter). */
  async confirm(exchangeId: string, fingerprint: string, options: { by?: string } = {}): Promise<PartnerKey> {
    let confirmed: PartnerKey | undefined;
    await this.change((draft, at) => {
      const issuer = draft.issuers.find((candidate) => candidate.exchangeId === exchangeId);
      const key = issuer?.keys.find((candidate) => candidate.fingerprint === fingerprint);
      if (!issuer || !key) {
        throw new AppError({
          code: 'NOT_FOUND',
          message: `No key with the fingerprint ${fingerprintForDisplay(fingerprint)} is known for this institution, so it cannot be confirmed. Import a file signed with it first.`,
          params: { exchangeId, fingerprint },
        });
      }
      if (key.status === 'retired') {
        throw new AppError({
          code: 'CONFLICT',
          message: `The key ${fingerprintForDisplay(fingerprint)} was replaced by a newer key of ${issuer.institutionName}; confirm the newer key instead.`,
          params: { exchangeId, fingerprint },
        });
      }
      if (key.status !== 'confirmed') {
        key.status = 'confirmed';
        key.confirmedAt = at;
        addEvent(issuer, { at, kind: 'confirmed', fingerprint, ...(options.by ? { by: options.by } : {}) });
      }
      confirmed = structuredClone(key);
    });
    return confirmed!;
  }

  /**
   * Takes a changed key after the user checked it with the partner: every key remembered for the
   * institution is retired, the new key is remembered, and the decision is recorded with who made it.
   */
  async acceptChangedKey(
    sighting: KeySighting,
    options: { by?: string; fingerprintChecked: boolean; note?: string },
  ): Promise<void> {
    await this.change((draft, at) => {
      const assessment = assessIn(draft, sighting.exchangeId, sighting.jwk, sighting.rotations ?? []);
      if (assessment.verdict !== 'changed') {
        rememberIn(draft, sighting, at);
        return;
      }
      const issuer = draft.issuers.find((candidate) => candidate.exchangeId === sighting.exchangeId)!;
      const replaced: string[] = [];
      for (const key of issuer.keys) {
        if (key.status === 'retired') continue;
        key.status = 'retired';
        key.retiredAt = at;
        replaced.push(key.fingerprint);
      }
      const fingerprint = keyFingerprint(sighting.jwk);
      issuer.keys.push({
        fingerprint,
        jwk: sighting.jwk,
        status: options.fingerprintChecked ? 'confirmed' : 'unconfirmed',
        source: 'accepted-change',
        firstSeen: at,
        lastSeen: at,
        ...(options.fingerprintChecked ? { confirmedAt: at } : {}),
      });
      issuer.institutionName = sighting.institutionName;
      addEvent(issuer, {
        at,
        kind: 'changed-key-accepted',
        fingerprint,
        replaced,
        ...(options.by ? { by: options.by } : {}),
        ...(options.note ? { note: options.note } : {}),
      });
    });
  }

  private find(exchangeId: string): PartnerIssuer | undefined {
    return this.data.issuers.find((issuer) => issuer.exchangeId === exchangeId);
  }

  /**
   * Changes are made on a copy, written durably, and only then take effect: a failed write leaves
   * the registry as it was, in memory and on disk. Changes run one after another.
   */
  private change(apply: (draft: PartnerKeysFile, at: string) => void): Promise<void> {
    // The previous change's failure went to its own caller; this change runs regardless.
    const run = settled(this.writes).then(async () => {
      const draft = structuredClone(this.data);
      apply(draft, this.now().toISOString());
      const valid = partnerKeysFileSchema.parse(draft);
      await mkdir(dirname(this.path), { recursive: true }).catch((error: unknown) => {
        throw storageError(error, this.path);
      });
      await writeWithCopy(this.path, copyPathOf(this.dataDir, this.path), JSON.stringify(valid, null, 2) + '\n', { keepBackup: true });
      this.data = valid;
    });
    this.writes = run;
    return run;
  }
}

export function partnerKeysPath(dataDir: string): string {
  return join(dataDir, 'keys', 'partner-keys.json');
}

function emptyFile(): PartnerKeysFile {
  return { format: 'trustbridge-partner-keys', formatVersion: 1, issuers: [] };
}

function parseRegistry(bytes: Buffer, path: string): PartnerKeysFile {
  return parseJsonDocument(path, bytes, partnerKeysFileSchema);
}

/**
 * A registry damaged together with its copy and its previous save is NOT replaced by an empty
 * one: every partner would then look new, and a changed key would pass as a first use. The user
 * has to restore the file.
 */
function damagedRegistry(path: string, damage: { reason: string; setAsidePath?: string; copySetAsidePath?: string }): AppError {
  const setAside = [damage.setAsidePath, damage.copySetAsidePath].filter(Boolean).join(' and ');
  return new AppError({
    code: 'DAMAGED_FILE',
    message:
      `The list of partners' keys (${path}) and its copy are both damaged (${damage.reason})` +
      (setAside ? `; the damaged files were set aside as ${setAside}` : '') +
      ". TrustBridge will not start the list afresh, because every partner's key would then look new. Restore a whole backup of the data folder (Settings › All data › Restore a backup into a new folder) and open TrustBridge on that folder.",
    params: { path, reason: damage.reason, ...(damage.setAsidePath ? { setAsidePath: damage.setAsidePath } : {}) },
  });
}

function assessIn(data: PartnerKeysFile, exchangeId: string, jwk: Ed25519PublicJwk, rotations: readonly KeyRotation[]): KeyAssessment {
  const issuer = data.issuers.find((candidate) => candidate.exchangeId === exchangeId);
  if (!issuer) return { verdict: 'new-issuer' };
  const fingerprint = keyFingerprint(jwk);
  const known = issuer.keys.find((key) => key.fingerprint === fingerprint);
  if (known) return { verdict: 'known', key: structuredClone(known), institutionName: issuer.institutionName };
  // A chain of rotation statements from a key still in use (not retired) to the presented key.
  const inUse = issuer.keys.filter((key) => key.status !== 'retired').map((key) => key.fingerprint);
  const path = rotationPath(inUse, rotations, exchangeId, fingerprint);
  if (path) {
    const from = issuer.keys.find((key) => key.fingerprint === path[0]!.fromFingerprint)!;
    return { verdict: 'rotated', from: structuredClone(from), path, institutionName: issuer.institutionName };
  }
  return { verdict: 'changed', knownKeys: structuredClone(issuer.keys), institutionName: issuer.institutionName };
}

function rememberIn(draft: PartnerKeysFile, sighting: KeySighting, at: string): void {
  const fingerprint = keyFingerprint(sighting.jwk);
  const assessment = assessIn(draft, sighting.exchangeId, sighting.jwk, sighting.rotations ?? []);
  switch (assessment.verdict) {
    case 'new-issuer': {
      const issuer: PartnerIssuer = { exchangeId: sighting.exchangeId, institutionName: sighting.institutionName, keys: [], events: [] };
      issuer.keys.push({ fingerprint, jwk: sighting.jwk, status: 'unconfirmed', source: 'first-use', firstSeen: at, lastSeen: at });
      addEvent(issuer, { at, kind: 'first-use', fingerprint });
      draft.issuers.push(issuer);
      return;
    }
    case 'known': {
      const issuer = draft.issuers.find((candidate) => candidate.exchangeId === sighting.exchangeId)!;
      const key = issuer.keys.find((candidate) => candidate.fingerprint === fingerprint)!;
      key.lastSeen = at;
      renameIfNeeded(issuer, sighting.institutionName, fingerprint, at);
      return;
    }
    case 'rotated': {
      const issuer = draft.issuers.find((candidate) => candidate.exchangeId === sighting.exchangeId)!;
      // The new key inherits the trust of the key that vouched for it: a statement signed by a
      // confirmed key is as good as a confirmation.
      const inherited = assessment.from.status === 'confirmed' ? 'confirmed' : 'unconfirmed';
      const replaced: string[] = [];
      for (const rotation of assessment.path) {
        const old = issuer.keys.find((key) => key.fingerprint === rotation.fromFingerprint);
        if (old && old.status !== 'retired') {
          old.status = 'retired';
          old.retiredAt = at;
        }
        replaced.push(rotation.fromFingerprint);
        const isLast = rotation.toFingerprint === fingerprint;
        issuer.keys.push({
          fingerprint: rotation.toFingerprint,
          jwk: rotation.to,
          status: isLast ? inherited : 'retired',
          source: 'rotation',
          firstSeen: at,
          lastSeen: at,
          ...(isLast && inherited === 'confirmed' ? { confirmedAt: at } : {}),
          ...(isLast ? {} : { retiredAt: at }),
        });
      }
      addEvent(issuer, { at, kind: 'rotated', fingerprint, replaced });
      renameIfNeeded(issuer, sighting.institutionName, fingerprint, at);
      return;
    }
    case 'changed':
      throw keyChangedError(sighting, assessment.knownKeys);
  }
}

function renameIfNeeded(issuer: PartnerIssuer, institutionName: string, fingerprint: string, at: string): void {
  if (issuer.institutionName === institutionName) return;
  addEvent(issuer, { at, kind: 'renamed', fingerprint, note: `${issuer.institutionName} → ${institutionName}` });
  issuer.institutionName = institutionName;
}

function addEvent(issuer: PartnerIssuer, event: PartnerKeyEvent): void {
  issuer.events.push(event);
  if (issuer.events.length > eventsKept) issuer.events.splice(0, issuer.events.length - eventsKept);
}

/** The loud message for a changed key: both fingerprints, and what to do. */
export function keyChangedError(sighting: Pick<KeySighting, 'exchangeId' | 'institutionName' | 'jwk'>, knownKeys: readonly PartnerKey[]): AppError {
  const fingerprint = keyFingerprint(sighting.jwk);
  const active = knownKeys.filter((key) => key.status !== 'retired');
  const known = (active.length ? active : knownKeys).map((key) => fingerprintForDisplay(key.fingerprint));
  return new AppError({
    code: 'KEY_CHANGED',
    message: `The key of ${sighting.institutionName} has changed: this file is signed with a key TrustBridge has not seen for it before (${fingerprintForDisplay(fingerprint)}), and nothing proves that the key you know (${known.join(', ')}) handed over to it. Do not import it until you have called your contact there and compared the new key's fingerprint; if it matches, accept the new key.`,
    params: {
      exchangeId: sighting.exchangeId,
      institution: sighting.institutionName,
      fingerprint,
      knownFingerprints: knownKeys.map((key) => key.fingerprint).join(','),
    },
  });
}
