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
import { readFile } from 'node:fs/promises';
import { buildConsortium } from '../../shared/consortium/build';
import type { AcceptedFile, ConsortiumFiles, ConsortiumModel, FileConflict, RefusedFile } from '../../shared/consortium/model';
import { exchangeLimits } from '../../shared/exchange/schema';
import { tooLarge, verifyExchangeFile, type VerifiedExchange, type VerifyOptions } from '../exchange/read';
import type { Roster } from '../../shared/consortium/roster';
import { resolveConflicts } from './conflicts';
import { consortiumFromFolder, type AcceptedExchangeFile, type FolderConsortium, type FolderConsortiumOptions } from './model';
import { compareText, scanExchangeFolder, type ExchangeFolderFile } from './scan';
import { trustByRoster, trustWithinFolder } from './trust';

// The jobs are in files of their own: scan.ts (which files, which are conflict copies), trust.ts
// (which keys count), conflicts.ts (which version of a document counts), model.ts (the builder's
// input). This file reads and verifies, and puts them together.
export { conflictOriginal, isTemporaryName, scanExchangeFolder, type ExchangeFolderFile, type ExchangeFolderScan, type SyncConflictStyle } from './scan';
export { rosterRefusalCode } from './trust';
export { consortiumFromFolder, type AcceptedExchangeFile, type FolderConsortium, type FolderConsortiumOptions, type FrameworkLookup } from './model';

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
