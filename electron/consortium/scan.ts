/**
 * Which `.trustbridge` files a shared folder holds: the sync services' conflict copies recognised by
 * their names, temporary and partial files left alone (see folder.ts for how they are counted).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lstatIfExists } from '../platform/files';

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
    const info = await lstatIfExists(path);
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

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
