/**
 * A folder the consortium shares through its sync service (Nextcloud, ownCloud, Dropbox, OneDrive,
 * SharePoint, Syncthing, Google Drive, a network drive), read as a pile of signed exchange files.
 * No server of our own: the folder is the mailbox, and every file in it is untrusted.
 *
 *   scanExchangeFolder   which `.trustbridge` files are there, which are a sync service's conflict
 *                        copies of another, and which are temporary files to leave alone;
 *   readConsortiumFolder verifies every file and decides which ones count: tampered, unverifiable
 *                        and changed-key files are refused, identical copies count once, and of a
 *                        file and its conflict copies only the newest content counts;
 *   consortiumFromFolder turns the counted files into the builder's input (institutions by
 *                        exchange id, assessments mapped to them, frameworks, decisions);
 *   summariseFolder      the same, as plain data for the workbook, the command line and the inbox.
 *
 * Decisions (each one is tested):
 * - Trust on first use within the folder. Without a partner-key registry (or for institutions the
 *   registry has never seen) the folder is its own memory: for each exchange id the files are taken
 *   in the order they say they were issued (`issuedAt`, then file name), the key of the first one
 *   is "first seen", and a later file signed for that institution with another key is refused as a
 *   changed key unless key-rotation statements lead to it from a key already seen. `issuedAt` is
 *   written by the sender, so this ordering only protects against a key change that comes later
 *   than the genuine files; a registry (`--data-dir`, or the app) is the real protection, and with
 *   one the registry decides for every institution it knows.
 * - A refused file contributes nothing: not its assessments, not its institution profiles, not its
 *   keys (a refused file never becomes the "first" key of anyone).
 * - Only what the signers made counts. An assessment counts only from a file signed by its
 *   assessor; a partner's self-assessment or audit passed on in someone else's partnership file is
 *   listed as "relayed" and not counted, since its assessor never vouched for that copy.
 *   Likewise a partnership's decision counts only from a file signed by its institution A.
 * - Conflict copies. A copy that a sync service made of a file (its name says so, and the original
 *   is in the folder) is the same document in another version when it has the same issuer and
 *   shares an assessment series, partnership or agreement with it (or both hold none): then only
 *   one counts — the one holding a higher revision of a shared assessment series, else the one
 *   issued later, else the one with more signatures, else the original. A "copy" with unrelated
 *   content (a file that merely has a similar name) is counted on its own.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Assessment, InstitutionRef } from '../../shared/assessment/schema';
import { buildConsortium } from '../../shared/consortium/build';
import type { AcceptedFile, ConsortiumFiles, ConsortiumInput, ConsortiumInstitution, ConsortiumModel, FileConflict, NotCountedAssessment, RefusedFile } from '../../shared/consortium/model';
import { fingerprintForDisplay } from '../../shared/exchange/fingerprint';
import { exchangeLimits, type ExchangePayload } from '../../shared/exchange/schema';
import { frameworkFingerprint } from '../../shared/framework/fingerprint';
import type { Framework, FrameworkRef, Language } from '../../shared/framework/schema';
import type { InstitutionProfile } from '../../shared/institution/schema';
import type { DecisionOutcome } from '../../shared/partnership/schema';
import { tooLarge, verifyExchangeFile, type VerifiedExchange, type VerifiedSignature, type VerifyOptions } from '../exchange/read';
import { rotationPath } from '../keys/rotation';
import { judgeKey, type Roster } from '../../shared/consortium/roster';

// ---------------------------------------------------------------- scanning

const exchangeExtension = '.trustbridge';

/** The sync services whose conflict copies are recognised. */
export type SyncConflictStyle = 'nextcloud' | 'owncloud' | 'dropbox' | 'onedrive' | 'syncthing' | 'windows-copy' | 'google-drive';

export interface ExchangeFolderFile {
  path: string;
  fileName: string;
  /** The name of the document without extension and without a sync service's conflict marks. */
  baseName: string;
  /** When the name marks the file as a copy of another file in the folder: that file's name. */
  conflictOf?: string;
  conflictStyle?: SyncConflictStyle;
  size: number;
  /** ISO timestamp of the last modification. */
  modifiedAt: string;
}

export interface ExchangeFolderScan {
  folder: string;
  /** Every `.trustbridge` file at the top level, in file-name order. */
  files: ExchangeFolderFile[];
  /** Temporary, partial, hidden and other non-regular `.trustbridge` entries, not read. */
  ignored: string[];
}

const isExchangeName = (name: string) => name.toLowerCase().endsWith(exchangeExtension);

/**
 * Office lock files (`~$…`, `.~lock…#`), hidden files (sync services' partial downloads are
 * hidden: Nextcloud's `.name.~1a2b`, Syncthing's `.syncthing.name.tmp`), and partial downloads
 * (`.part`, `.tmp`, `.crdownload`, `.partial`).
 */
export function isTemporaryName(name: string): boolean {
  return name.startsWith('~$') || name.startsWith('.') || /\.(tmp|part|partial|crdownload)$/i.test(name);
}

const conflictPatterns: ReadonlyArray<{ style: SyncConflictStyle; pattern: RegExp }> = [
  // Nextcloud and ownCloud desktop clients: "name (conflicted copy 2026-11-23 101010)"
  { style: 'nextcloud', pattern: /^(.+?) \(conflicted copy \d{4}-\d{2}-\d{2} \d{6}\)$/ },
  // Older ownCloud clients: "name_conflict-20261123-101010"
  { style: 'owncloud', pattern: /^(.+?)_conflict-\d{8}-\d{6}$/ },
  // Dropbox: "name (Jo's conflicted copy 2026-11-23)", "… (1))" for a second one
  { style: 'dropbox', pattern: /^(.+?) \((?:[^()]*?['’]s )?conflicted copy \d{4}-\d{2}-\d{2}(?: \(\d+\))?\)$/ },
  // Syncthing: "name.sync-conflict-20261123-101010-ABCDEF7"
  { style: 'syncthing', pattern: /^(.+)\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}$/ },
  // Windows (and most browsers) when a name is taken: "name (1)"
  { style: 'windows-copy', pattern: /^(.+) \(\d{1,4}\)$/ },
  // Google Drive for desktop: "name(1)"
  { style: 'google-drive', pattern: /^(.*[^ ])\(\d{1,4}\)$/ },
];

/** A computer name as OneDrive appends it: letters, digits and hyphens, at least one letter. */
const hostnamePattern = /^(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9-]{0,62}$/;

/**
 * The names a file could be a conflict copy of, most specific first. OneDrive and SharePoint add
 * the computer's name ("name-LAPTOP42", "name-LAPTOP42-1"), which looks like any hyphenated name,
 * so those candidates only count when the original exists — as every candidate must.
 */
function conflictCandidates(fileName: string): Array<{ original: string; style: SyncConflictStyle }> {
  if (!isExchangeName(fileName)) return [];
  const extension = fileName.slice(-exchangeExtension.length);
  const stem = fileName.slice(0, -exchangeExtension.length);
  const candidates: Array<{ original: string; style: SyncConflictStyle }> = [];
  for (const { style, pattern } of conflictPatterns) {
    const match = pattern.exec(stem);
    if (match?.[1]) candidates.push({ original: `${match[1]}${extension}`, style });
  }
  // OneDrive: the longest base first, so "audit-2026-LAPTOP" is a copy of "audit-2026", not of "audit".
  for (let i = stem.lastIndexOf('-'); i > 0; i = stem.lastIndexOf('-', i - 1)) {
    const host = stem.slice(i + 1).replace(/-\d{1,4}$/, '');
    if (hostnamePattern.test(host)) candidates.push({ original: `${stem.slice(0, i)}${extension}`, style: 'onedrive' });
  }
  return candidates;
}

/**
 * Which file of `names` this one is a sync-conflict copy of, following copies of copies to the
 * first original; undefined when it is not a copy (or its original is not there).
 */
export function conflictOriginal(fileName: string, names: ReadonlySet<string>): { original: string; style: SyncConflictStyle } | undefined {
  let found: { original: string; style: SyncConflictStyle } | undefined;
  let current = fileName;
  for (let depth = 0; depth < 8; depth += 1) {
    const next = conflictCandidates(current).find((candidate) => candidate.original !== current && names.has(candidate.original));
    if (!next) break;
    found = { original: next.original, style: found?.style ?? next.style };
    current = next.original;
  }
  return found;
}

export async function scanExchangeFolder(folder: string): Promise<ExchangeFolderScan> {
  const entries = await readdir(folder, { withFileTypes: true });
  const ignored: string[] = [];
  const candidates: string[] = [];
  for (const entry of entries) {
    const name = entry.name;
    const mentionsExchange = name.toLowerCase().includes(exchangeExtension);
    if (isTemporaryName(name) || !entry.isFile()) {
      if (mentionsExchange) ignored.push(name);
      continue;
    }
    if (isExchangeName(name)) candidates.push(name);
  }
  candidates.sort(compareText);
  const names = new Set(candidates);
  const files: ExchangeFolderFile[] = [];
  for (const fileName of candidates) {
    const path = join(folder, fileName);
    // lstat: an entry replaced by a link or removed since the listing is not followed.
    // A file removed since the listing is not counted.
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isFile()) {
      ignored.push(fileName);
      continue;
    }
    const copy = conflictOriginal(fileName, names);
    const root = copy?.original ?? fileName;
    files.push({
      path,
      fileName,
      baseName: root.slice(0, -exchangeExtension.length),
      ...(copy ? { conflictOf: copy.original, conflictStyle: copy.style } : {}),
      size: info.size,
      modifiedAt: info.mtime.toISOString(),
    });
  }
  return { folder, files, ignored: ignored.sort(compareText) };
}

// ---------------------------------------------------------------- reading and deciding

export interface AcceptedExchangeFile {
  fileName: string;
  verified: VerifiedExchange;
  payloadFingerprint: string;
  conflictOf?: string;
  /** Named as a copy of a file in the folder, but with unrelated content: counted on its own. */
  countedSeparately?: true;
}

export interface ConsortiumFolderRead {
  folder: string;
  readAt: string;
  keyCheck: 'registry' | 'folder' | 'roster';
  /** The files that count, in file-name order. */
  accepted: AcceptedExchangeFile[];
  refused: RefusedFile[];
  duplicates: Array<{ fileName: string; sameAs: string }>;
  conflicts: FileConflict[];
  ignored: string[];
}

export interface ReadFolderOptions extends Pick<VerifyOptions, 'partnerKeys' | 'ownKeyRing'> {
  /**
   * The consortium's key roster in force (electron/consortium/roster.ts): when given, it decides
   * every signature instead of trust on first use, and files signed with a key not on it are refused.
   */
  roster?: Roster;
  /** The time recorded as `readAt`; the system clock by default. */
  now?: () => Date;
  /** Called after each file: (files done, files in all). */
  onProgress?: (done: number, total: number) => void;
}

/** How many files are read and verified at the same time. */
const verifyingAtOnce = 8;

/** Refusal codes besides verifyExchangeFile's error codes. */
const folderRefusalCodes = { empty: 'EMPTY', unreadable: 'UNREADABLE' } as const;

export async function readConsortiumFolder(folder: string, options: ReadFolderOptions = {}): Promise<ConsortiumFolderRead> {
  const now = options.now ?? (() => new Date());
  const scan = await scanExchangeFolder(folder);
  const refused: RefusedFile[] = [];
  const verified: Array<{ file: ExchangeFolderFile; verified: VerifiedExchange }> = [];
  const total = scan.files.length;
  // Several files are read and verified at once: each one waits for the disk and for the
  // signature check (both off the main thread), and one at a time that waiting added up to most of
  // the time with thousands of files. The outcomes are kept in file-name order.
  const outcomes: Array<Awaited<ReturnType<typeof verifyFolderFile>>> = new Array(total);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let index = next++; index < total; index = next++) {
      outcomes[index] = await verifyFolderFile(scan.files[index]!, options);
      options.onProgress?.(++done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.min(verifyingAtOnce, total) }, worker));
  for (const [index, file] of scan.files.entries()) {
    const outcome = outcomes[index]!;
    if (outcome.ok) verified.push({ file, verified: outcome.verified });
    else refused.push({ fileName: file.fileName, code: outcome.code, reason: outcome.reason });
  }

  // With a roster, the roster decides; else trust on first use within the folder, for every key
  // no registry has spoken for.
  const trusted = options.roster ? trustByRoster(verified, refused, options.roster, now().toISOString().slice(0, 10)) : trustWithinFolder(verified, refused);

  // Identical content counts once.
  const duplicates: Array<{ fileName: string; sameAs: string }> = [];
  const byPayload = new Map<string, typeof trusted>();
  for (const entry of trusted) byPayload.set(entry.verified.payloadFingerprint, [...(byPayload.get(entry.verified.payloadFingerprint) ?? []), entry]);
  const distinct: typeof trusted = [];
  for (const copies of byPayload.values()) {
    // The copy with the most signatures (a countersigned agreement), then an original over a sync
    // copy, then the shortest name ("report.trustbridge" rather than "report - Copy.trustbridge").
    const [kept, ...others] = copies.toSorted(
      (a, b) =>
        b.verified.signatures.length - a.verified.signatures.length ||
        Number(Boolean(a.file.conflictOf)) - Number(Boolean(b.file.conflictOf)) ||
        a.file.fileName.length - b.file.fileName.length ||
        compareText(a.file.fileName, b.file.fileName),
    );
    distinct.push(kept!);
    for (const other of others) duplicates.push({ fileName: other.file.fileName, sameAs: kept!.file.fileName });
  }

  const { kept, conflicts, separate } = resolveConflicts(distinct);
  const accepted = kept
    .map(({ file, verified: exchange }): AcceptedExchangeFile => ({
      fileName: file.fileName,
      verified: exchange,
      payloadFingerprint: exchange.payloadFingerprint,
      ...(file.conflictOf ? { conflictOf: file.conflictOf } : {}),
      ...(separate.has(file.fileName) ? { countedSeparately: true as const } : {}),
    }))
    .sort((a, b) => compareText(a.fileName, b.fileName));
  return {
    folder,
    readAt: now().toISOString(),
    keyCheck: options.roster ? 'roster' : options.partnerKeys ? 'registry' : 'folder',
    accepted,
    refused: refused.sort((a, b) => compareText(a.fileName, b.fileName)),
    duplicates: duplicates.sort((a, b) => compareText(a.fileName, b.fileName)),
    conflicts: conflicts.sort((a, b) => compareText(a.kept, b.kept)),
    ignored: scan.ignored,
  };
}

async function verifyFolderFile(
  file: ExchangeFolderFile,
  options: ReadFolderOptions,
): Promise<{ ok: true; verified: VerifiedExchange } | { ok: false; code: string; reason: string }> {
  if (file.size === 0) {
    return {
      ok: false,
      code: folderRefusalCodes.empty,
      reason: 'The file is empty: the sync service may still be copying it, or an upload was interrupted. Wait until the folder has finished syncing, or ask the sender for the file again.',
    };
  }
  if (file.size > exchangeLimits.maxBytes) {
    const refusal = tooLarge(file.size, exchangeLimits.maxBytes);
    return { ok: false, code: refusal.error.code, reason: refusal.error.message };
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file.path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return { ok: false, code: folderRefusalCodes.unreadable, reason: `The file could not be read (${code}). It may have been moved or locked by the sync service; try again later.` };
  }
  const result = await verifyExchangeFile(bytes, { ...(options.partnerKeys ? { partnerKeys: options.partnerKeys } : {}), ...(options.ownKeyRing ? { ownKeyRing: options.ownKeyRing } : {}) });
  return result.ok ? result : { ok: false, code: result.error.code, reason: result.error.message };
}

interface FolderEntry {
  file: ExchangeFolderFile;
  verified: VerifiedExchange;
}

/** Signatures whose key nobody has vouched for yet: no registry, or an institution the registry has never seen. */
function needsFolderTrust(signature: VerifiedSignature): boolean {
  return signature.trust.status === 'not-checked' || signature.trust.status === 'new-issuer';
}

/**
 * Files in the order they say they were issued, then by name. For each exchange id the first
 * file's key is remembered; a later key is accepted when rotation statements lead to it from a
 * remembered key that has not been replaced, as PartnerKeys does; any other key refuses the file.
 * A refused file teaches nothing.
 */
function trustWithinFolder(entries: readonly FolderEntry[], refused: RefusedFile[]): FolderEntry[] {
  const ordered = entries.toSorted((a, b) => Date.parse(a.verified.payload.issuedAt) - Date.parse(b.verified.payload.issuedAt) || compareText(a.file.fileName, b.file.fileName));
  const seen = new Map<string, FolderKeys>();
  const trusted: FolderEntry[] = [];
  for (const entry of ordered) {
    // Changes are made on copies and kept only when the whole file passes.
    const draft = new Map<string, FolderKeys>();
    const keysOf = (exchangeId: string): FolderKeys | undefined => {
      const held = draft.get(exchangeId) ?? seen.get(exchangeId);
      if (!held) return undefined;
      const copy = draft.get(exchangeId) ?? { ...held, active: new Set(held.active), retired: new Set(held.retired) };
      draft.set(exchangeId, copy);
      return copy;
    };
    let refusal: string | undefined;
    for (const signature of entry.verified.signatures) {
      if (!needsFolderTrust(signature)) continue;
      const fingerprint = signature.fingerprint;
      const known = keysOf(signature.exchangeId);
      if (!known) {
        draft.set(signature.exchangeId, { active: new Set([fingerprint]), retired: new Set(), firstFile: entry.file.fileName, firstKey: fingerprint });
        continue;
      }
      if (known.active.has(fingerprint) || known.retired.has(fingerprint)) continue;
      const path = rotationPath(known.active, signature.rotations, signature.exchangeId, fingerprint);
      if (path) {
        for (const rotation of path) {
          known.active.delete(rotation.fromFingerprint);
          known.retired.add(rotation.fromFingerprint);
        }
        known.active.add(fingerprint);
        continue;
      }
      const institution = signature.byIssuer ? entry.verified.issuer.legalName : signature.signer.institution;
      refusal =
        `Signature ${signature.position} is made for ${institution} with a key (${fingerprintForDisplay(fingerprint)}) other than the one that signed its earlier files in this folder ` +
        `(${fingerprintForDisplay(known.firstKey)}, first in ${known.firstFile}), and no key-rotation statement links the two. ` +
        `Someone else may be writing in ${institution}'s name, or it lost its key. The file was not counted: compare both fingerprints with your contact at ${institution} by phone or e-mail.`;
      break;
    }
    if (refusal) {
      refused.push({ fileName: entry.file.fileName, code: 'KEY_CHANGED', reason: refusal });
      continue;
    }
    for (const [exchangeId, keys] of draft) seen.set(exchangeId, keys);
    trusted.push(entry);
  }
  return trusted;
}

/**
 * Files whose every signature is by a key the roster lists for that signature's institution; any
 * other file is refused (`NOT_ON_ROSTER`), whatever it was signed first or later: a key planted in
 * the folder before the real partner's counts for nothing.
 */
function trustByRoster(entries: readonly FolderEntry[], refused: RefusedFile[], roster: Roster, today: string): FolderEntry[] {
  const trusted: FolderEntry[] = [];
  for (const entry of entries) {
    let refusal: string | undefined;
    for (const signature of entry.verified.signatures) {
      const judgement = judgeKey(roster, signature.exchangeId, signature.fingerprint, today);
      if (judgement.status === 'on-roster') continue;
      const institution = signature.byIssuer ? entry.verified.issuer.legalName : signature.signer.institution;
      const key = fingerprintForDisplay(signature.fingerprint);
      refusal =
        judgement.status === 'roster-not-valid'
          ? `The consortium roster held is valid from ${judgement.validFrom} to ${judgement.validUntil}, not today, so no key can be checked against it. Ask the coordinator for the current roster.`
          : judgement.status === 'not-a-member'
            ? `Signature ${signature.position} is made for ${institution} (${signature.exchangeId}), which is not on the consortium roster (number ${roster.sequence}). The file was not counted: ask the coordinator whether ${institution} has joined, and for a new roster.`
            : `Signature ${signature.position} is made for ${judgement.member.legalName} with a key (${key}) that the consortium roster (number ${roster.sequence}) does not list for it. Someone else may be writing in ${judgement.member.legalName}'s name, or it changed its key. The file was not counted: ask the coordinator for a new roster, or compare the fingerprint with your contact at ${judgement.member.legalName}.`;
      break;
    }
    if (refusal) refused.push({ fileName: entry.file.fileName, code: rosterRefusalCode, reason: refusal });
    else trusted.push(entry);
  }
  return trusted;
}

/** The refusal code of a file signed with a key the roster does not list. */
export const rosterRefusalCode = 'NOT_ON_ROSTER';

interface FolderKeys {
  active: Set<string>;
  retired: Set<string>;
  /** Where the first key of the institution was seen, for the refusal message. */
  firstFile: string;
  firstKey: string;
}

/** What makes two files versions of one document: the assessment series, partnerships and agreements they hold. */
function documentIdentities(payload: ExchangePayload): Set<string> {
  const identities = new Set<string>();
  for (const item of payload.items) {
    if (item.type === 'assessment') identities.add(`series:${item.assessment.seriesId}`);
    else if (item.type === 'partnership') identities.add(`partnership:${item.partnership.id}`);
    else if (item.type === 'agreement') identities.add(`agreement:${item.agreement.id}`);
  }
  return identities;
}

function sameDocument(a: FolderEntry, b: FolderEntry): boolean {
  if (a.verified.issuer.exchangeId !== b.verified.issuer.exchangeId) return false;
  const ia = documentIdentities(a.verified.payload);
  const ib = documentIdentities(b.verified.payload);
  if (ia.size === 0 && ib.size === 0) return true;
  return [...ia].some((identity) => ib.has(identity));
}

function highestRevisions(payload: ExchangePayload): Map<string, { revision: number; title: string }> {
  const revisions = new Map<string, { revision: number; title: string }>();
  for (const item of payload.items) {
    if (item.type !== 'assessment') continue;
    const held = revisions.get(item.assessment.seriesId);
    if (!held || item.assessment.revision > held.revision) revisions.set(item.assessment.seriesId, { revision: item.assessment.revision, title: item.assessment.title });
  }
  return revisions;
}

/** Which of two versions wins, and by which rule. Negative: `a` wins. */
function compareVersionsOfDocument(a: FolderEntry, b: FolderEntry): { order: number; basis: FileConflict['basis'] } {
  const ra = highestRevisions(a.verified.payload);
  const rb = highestRevisions(b.verified.payload);
  let aHigher = false;
  let bHigher = false;
  for (const [series, { revision }] of ra) {
    const other = rb.get(series);
    if (!other) continue;
    if (revision > other.revision) aHigher = true;
    if (revision < other.revision) bHigher = true;
  }
  if (aHigher !== bHigher) return { order: aHigher ? -1 : 1, basis: 'revision' };
  const issued = Date.parse(b.verified.payload.issuedAt) - Date.parse(a.verified.payload.issuedAt);
  if (issued !== 0) return { order: issued, basis: 'issued-later' };
  const signatures = b.verified.signatures.length - a.verified.signatures.length;
  if (signatures !== 0) return { order: signatures, basis: 'more-signatures' };
  return { order: Number(Boolean(a.file.conflictOf)) - Number(Boolean(b.file.conflictOf)) || compareText(a.file.fileName, b.file.fileName), basis: 'file-name' };
}

function resolveConflicts(entries: readonly FolderEntry[]): { kept: FolderEntry[]; conflicts: FileConflict[]; separate: Set<string> } {
  const groups = new Map<string, FolderEntry[]>();
  for (const entry of entries) {
    const root = entry.file.conflictOf ?? entry.file.fileName;
    groups.set(root, [...(groups.get(root) ?? []), entry]);
  }
  const kept: FolderEntry[] = [];
  const conflicts: FileConflict[] = [];
  const separate = new Set<string>();
  for (const members of groups.values()) {
    // Clusters of versions of one document within the group (connected by `sameDocument`).
    const clusters: FolderEntry[][] = [];
    for (const member of members) {
      const joined = clusters.filter((cluster) => cluster.some((other) => sameDocument(member, other)));
      const merged = [member, ...joined.flat()];
      for (const cluster of joined) clusters.splice(clusters.indexOf(cluster), 1);
      clusters.push(merged);
    }
    for (const cluster of clusters) {
      if (cluster.length === 1) {
        // A copy by its name whose group holds other files it has nothing in common with.
        if (cluster[0]!.file.conflictOf && members.length > 1) separate.add(cluster[0]!.file.fileName);
        kept.push(cluster[0]!);
        continue;
      }
      const ranked = cluster.toSorted((a, b) => compareVersionsOfDocument(a, b).order);
      const winner = ranked[0]!;
      const runnerUp = ranked[1]!;
      const { basis } = compareVersionsOfDocument(winner, runnerUp);
      kept.push(winner);
      conflicts.push({
        files: cluster.map((entry) => entry.file.fileName).sort(compareText),
        kept: winner.file.fileName,
        basis,
        why: conflictWhy(winner, ranked.slice(1), basis),
      });
    }
  }
  return { kept, conflicts, separate };
}

function conflictWhy(winner: FolderEntry, losers: readonly FolderEntry[], basis: FileConflict['basis']): string {
  const others = losers.map((entry) => entry.file.fileName).join(', ');
  const head = `${winner.file.fileName} and ${others} are versions of the same file made by the sync service; only ${winner.file.fileName} was counted`;
  switch (basis) {
    case 'revision': {
      const mine = highestRevisions(winner.verified.payload);
      const theirs = highestRevisions(losers[0]!.verified.payload);
      const series = [...mine].find(([id, { revision }]) => (theirs.get(id)?.revision ?? revision) < revision);
      return series
        ? `${head}, because it holds revision ${series[1].revision} of "${series[1].title}" and the other holds revision ${theirs.get(series[0])!.revision}.`
        : `${head}, because it holds newer revisions.`;
    }
    case 'issued-later':
      return `${head}, because it was issued later (${winner.verified.payload.issuedAt} against ${losers[0]!.verified.payload.issuedAt}).`;
    case 'more-signatures':
      return `${head}, because it carries more signatures (${winner.verified.signatures.length}).`;
    case 'file-name':
      return `${head}: both were issued at the same moment, so the original name was preferred.`;
  }
}

// ---------------------------------------------------------------- the builder's input

/** What consortiumFromFolder needs to find frameworks: FrameworkCatalog (built-in guide) fits. */
export interface FrameworkLookup {
  byRef(ref: Pick<FrameworkRef, 'fingerprint'>, language?: Language): Framework | undefined;
}

export interface FolderConsortiumOptions {
  /** Frameworks held here (the built-in guide in every language); the files' snapshots are used otherwise. */
  frameworks?: FrameworkLookup;
  /** Dimension and framework titles in this language where a translation with the same structure exists. */
  language?: Language;
  /** This installation's exchange id: its institution is marked `own`. */
  ownExchangeId?: string;
}

export type FolderConsortium = Omit<ConsortiumInput, 'today'> & {
  /** Assessments in accepted files that do not count, and why. */
  notCounted: NotCountedAssessment[];
};

interface KnownInstitution {
  key: string;
  legalName: string;
  country: string;
  city?: string;
  erasmusCode?: string;
  /** 2: the institution's own profile (as issuer); 1: as another file names it. */
  authority: number;
  issuedAt: string;
}

const normaliseCode = (code: string) => code.replace(/\s+/g, '').toUpperCase();
const normaliseName = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

/** The builder's input from the accepted files (everything but `today`). */
export function consortiumFromFolder(read: Pick<ConsortiumFolderRead, 'accepted'>, options: FolderConsortiumOptions = {}): FolderConsortium {
  const files = [...read.accepted].sort((a, b) => compareText(a.fileName, b.fileName));
  const known = new Map<string, KnownInstitution>();
  const remember = (key: string, profile: Pick<InstitutionProfile, 'legalName' | 'country' | 'city' | 'erasmusCode'>, authority: number, issuedAt: string) => {
    const held = known.get(key);
    if (held && (held.authority > authority || (held.authority === authority && held.issuedAt >= issuedAt))) return;
    known.set(key, {
      key,
      legalName: profile.legalName,
      country: profile.country,
      ...(profile.city ? { city: profile.city } : {}),
      ...(profile.erasmusCode ? { erasmusCode: profile.erasmusCode } : {}),
      authority,
      issuedAt,
    });
  };

  // 1. Institutions with an exchange id: the issuers (their own word), then as others name them.
  for (const { verified } of files) {
    const { payload } = verified;
    remember(payload.issuer.exchangeId, payload.issuer.profile, 2, payload.issuedAt);
    for (const item of payload.items) {
      if (item.type === 'institution' && item.exchangeId) remember(item.exchangeId, item.profile, 1, payload.issuedAt);
      if (item.type === 'partnership') {
        for (const party of [item.parties.A, item.parties.B]) if (party.exchangeId) remember(party.exchangeId, party.profile, 1, payload.issuedAt);
      }
    }
  }
  const withExchangeId = [...known.values()];
  const byName = new Map<string, KnownInstitution>();

  /** An institution named without exchange id: a known one by Erasmus code, then name and country; else keyed by name. */
  const match = (profile: { legalName: string; country: string; erasmusCode?: string; city?: string }, issuedAt: string): string => {
    const code = profile.erasmusCode ? normaliseCode(profile.erasmusCode) : '';
    if (code) {
      const found = withExchangeId.find((candidate) => candidate.erasmusCode && normaliseCode(candidate.erasmusCode) === code);
      if (found) return found.key;
    }
    const name = normaliseName(profile.legalName);
    const found = withExchangeId.find((candidate) => candidate.country === profile.country && normaliseName(candidate.legalName) === name);
    if (found) return found.key;
    const nameKey = `${profile.country}:${name}`;
    const held = byName.get(nameKey);
    if (held) return held.key;
    const key = `name:${profile.country}:${profile.legalName.trim().replace(/\s+/g, ' ')}`;
    const entry: KnownInstitution = { key, legalName: profile.legalName, country: profile.country, ...(profile.city ? { city: profile.city } : {}), ...(profile.erasmusCode ? { erasmusCode: profile.erasmusCode } : {}), authority: 0, issuedAt };
    byName.set(nameKey, entry);
    known.set(key, entry);
    return key;
  };

  const fileFrameworks = new Map<string, Framework>();
  for (const { verified } of files) {
    for (const item of verified.payload.items) if (item.type === 'framework') fileFrameworks.set(frameworkFingerprint(item.framework), item.framework);
  }
  const frameworkOf = (ref: Pick<FrameworkRef, 'fingerprint'>): Framework | undefined => options.frameworks?.byRef(ref, options.language) ?? fileFrameworks.get(ref.fingerprint);

  const members = new Set<string>();
  const assessments: Assessment[] = [];
  const decisions: NonNullable<ConsortiumInput['decisions']>[number][] = [];
  const notCounted: NotCountedAssessment[] = [];
  for (const { fileName, verified } of files) {
    const { payload } = verified;
    const issuerKey = payload.issuer.exchangeId;
    members.add(issuerKey);
    const signers = new Set(verified.signatures.map((signature) => signature.exchangeId));
    const local = new Map<string, string>();
    for (const item of payload.items) {
      if (item.type === 'institution') local.set(item.institutionId, item.exchangeId ?? match(item.profile, payload.issuedAt));
    }
    const keyOf = (ref: InstitutionRef): string => {
      const mapped = local.get(ref.institutionId);
      if (mapped) return mapped;
      // A file without institution items (another implementation): the issuer names itself by its profile.
      if (ref.country === payload.issuer.profile.country && normaliseName(ref.legalName) === normaliseName(payload.issuer.profile.legalName)) return issuerKey;
      return match(ref, payload.issuedAt);
    };
    for (const item of payload.items) {
      if (item.type === 'assessment') {
        const { assessment } = item;
        const assessor = keyOf(assessment.assessor);
        const subject = keyOf(assessment.subject);
        const skip = (reason: NotCountedAssessment['reason']) =>
          notCounted.push({ fileName, assessmentId: assessment.id, title: assessment.title, assessor: assessment.assessor.legalName, subject: assessment.subject.legalName, reason });
        if (!signers.has(assessor)) {
          skip('relayed');
          continue;
        }
        if (!frameworkOf(assessment.framework)) {
          skip('unknown-framework');
          continue;
        }
        members.add(assessor).add(subject);
        assessments.push({ ...assessment, assessor: { ...assessment.assessor, institutionId: assessor }, subject: { ...assessment.subject, institutionId: subject } });
      } else if (item.type === 'partnership' && item.partnership.decision) {
        const partyKey = (party: typeof item.parties.A) => party.exchangeId ?? local.get(party.institutionId) ?? match(party.profile, payload.issuedAt);
        const from = partyKey(item.parties.A);
        if (!signers.has(from)) continue;
        decisions.push({ from, to: partyKey(item.parties.B), outcome: item.partnership.decision.outcome as DecisionOutcome, decidedAt: item.partnership.decision.decidedAt });
      }
    }
  }

  const institutions: ConsortiumInstitution[] = [...members].map((key) => {
    const { authority: _authority, issuedAt: _issuedAt, ...institution } = known.get(key)!;
    return { ...institution, ...(options.ownExchangeId && key === options.ownExchangeId ? { own: true } : {}) };
  });
  return {
    institutions,
    assessments,
    frameworkOf: (assessment) => frameworkOf(assessment.framework),
    decisions,
    ...(options.language ? { language: options.language } : {}),
    notCounted,
  };
}

/**
 * A folder's consortium in one call: reads and verifies the files, builds the model and summarises
 * what was counted. Only the model and the summary come back: the verified files' content (every
 * answer of every assessment) is no longer needed by then, and with thousands of files it is most
 * of the memory, so it is not kept while the workbook or the summary is written after.
 */
export async function consortiumOfFolder(
  folder: string,
  options: ReadFolderOptions & FolderConsortiumOptions & { today: string },
): Promise<{ model: ConsortiumModel; files: ConsortiumFiles }> {
  const read = await readConsortiumFolder(folder, options);
  const input = consortiumFromFolder(read, options);
  const model = buildConsortium({ ...input, today: options.today });
  return { model, files: summariseFolder(read, input) };
}

/** The folder's outcome as plain data (no verified objects): for the workbook, the CLI and the inbox. */
export function summariseFolder(read: ConsortiumFolderRead, consortium: Pick<FolderConsortium, 'notCounted'>): ConsortiumFiles {
  const notCountedByFile = new Map<string, number>();
  for (const item of consortium.notCounted) notCountedByFile.set(item.fileName, (notCountedByFile.get(item.fileName) ?? 0) + 1);
  const accepted = read.accepted.map(({ fileName, verified, conflictOf, countedSeparately }): AcceptedFile => {
    const assessments = verified.payload.items.filter((item) => item.type === 'assessment').length;
    return {
      fileName,
      issuer: verified.issuer.legalName,
      issuerKey: verified.issuer.exchangeId,
      issuedAt: verified.payload.issuedAt,
      signedBy: verified.signatures.map((signature) => `${signature.signer.name}, ${signature.signer.institution}`),
      assessments,
      counted: assessments - (notCountedByFile.get(fileName) ?? 0),
      ...(conflictOf ? { conflictOf } : {}),
      ...(countedSeparately ? { countedSeparately } : {}),
    };
  });
  return {
    folder: read.folder,
    readAt: read.readAt,
    keyCheck: read.keyCheck,
    accepted,
    duplicates: read.duplicates,
    conflicts: read.conflicts,
    refused: read.refused,
    ignored: read.ignored,
    notCounted: consortium.notCounted,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
