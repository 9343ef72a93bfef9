/**
 * Rotating snapshots of the whole store (documents, catalogue, settings) under `backups/`.
 *
 * Each snapshot holds its own copies, never links to the live files: a live file damaged in place
 * (by a disk fault, or an editor that writes in place) must not take its backup down with it. To
 * keep daily snapshots cheap, a file that has not changed since the previous snapshot is shared
 * with that snapshot by a hard link (as `rsync --link-dest` does): the copies are shared among
 * snapshots, but never with the live store. A manifest records each live file's size and
 * modification time, which is how "unchanged" is decided.
 *
 * Evidence files are content-addressed and never rewritten, so snapshots leave them out.
 */
import { copyFile, link, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { snapshotManifestSchema, type SnapshotManifest } from '../../shared/store/files';
import { journalFileName } from './catalogue-journal';
import { DamagedFileError, readJsonDocument } from './json-file';
import type { Logger } from '../platform/logger';

export interface SnapshotInfo {
  name: string;
  path: string;
  takenAt: string;
  reason: string;
}

const snapshotPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-([a-z-]+)$/;

export class Snapshots {
  readonly folder: string;

  constructor(
    private readonly options: { dataDir: string; now: () => Date; logger: Logger; kept: number },
  ) {
    this.folder = join(options.dataDir, 'backups');
  }

  /** Snapshots, newest first. */
  async list(): Promise<SnapshotInfo[]> {
    // No backups folder yet: no snapshots.
    const names = await readdir(this.folder).catch(() => [] as string[]);
    return names
      .map((name) => ({ name, match: snapshotPattern.exec(name) }))
      .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
      .map(({ name, match }) => ({
        name,
        path: join(this.folder, name),
        takenAt: stampToIso(match[1] ?? ''),
        reason: match[2] ?? '',
      }))
      .sort((a, b) => b.name.localeCompare(a.name));
  }

  async takeIfOlderThan(ageMs: number): Promise<SnapshotInfo | undefined> {
    const newest = (await this.list()).find((snapshot) => snapshot.reason === 'periodic');
    if (newest && this.options.now().getTime() - Date.parse(newest.takenAt) < ageMs) return undefined;
    return this.take('periodic');
  }

  /** Takes a snapshot; the previous ones of the same reason beyond `kept` are removed. */
  async take(reason: 'periodic' | 'manual' | 'before-restore' | 'before-migration'): Promise<SnapshotInfo> {
    const stamp = this.options.now().toISOString().replace(/[:.]/g, '-');
    const name = `${stamp}-${reason}`;
    const building = join(this.folder, `.${name}.partial`);
    await rm(building, { recursive: true, force: true });
    await mkdir(building, { recursive: true });
    const dataDir = this.options.dataDir;
    const previous = (await this.list())[0];
    const previousManifest = previous ? await readManifest(previous.path) : { files: {} };
    const manifest: SnapshotManifest = { files: {} };
    const files = [join(dataDir, 'index.json'), join(dataDir, journalFileName), join(dataDir, 'settings.json'), ...(await listJsonFiles(join(dataDir, 'documents')))];
    for (const file of files) {
      // A file that is not there (no journal yet, no settings saved) is not part of the snapshot.
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      const path = relative(dataDir, file).split(sep).join('/');
      const target = join(building, path);
      await mkdir(join(target, '..'), { recursive: true });
      const before = previousManifest.files[path];
      const unchanged = previous && before && before.size === info.size && before.mtimeMs === info.mtimeMs;
      if (!(unchanged && (await tryLink(join(previous.path, path), target)))) await copyFile(file, target);
      manifest.files[path] = { size: info.size, mtimeMs: info.mtimeMs };
    }
    await writeFile(join(building, 'manifest.json'), JSON.stringify(manifest));
    // Only a complete snapshot gets its real name, so a crash mid-way leaves no half snapshot
    // that recovery could mistake for a good one.
    await rename(building, join(this.folder, name));
    await this.prune(reason);
    this.options.logger.info(`Snapshot taken: ${name}`);
    return { name, path: join(this.folder, name), takenAt: stampToIso(stamp), reason };
  }

  /** Keeps the file as it was before a migration changed it, beside the snapshots. */
  async backupBeforeMigration(path: string, collection: string, fromVersion: number): Promise<void> {
    const folder = join(this.folder, 'migrations', collection);
    await mkdir(folder, { recursive: true });
    const target = join(folder, `${basename(path)}.v${fromVersion}`);
    const exists = await stat(target).then(() => true, () => false);
    if (!exists) await copyFile(path, target);
  }

  private async prune(reason: string): Promise<void> {
    const same = (await this.list()).filter((snapshot) => snapshot.reason === reason);
    for (const old of same.slice(this.options.kept)) {
      await rm(old.path, { recursive: true, force: true });
    }
  }
}

async function tryLink(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch {
    return false;
  }
}

async function listJsonFiles(folder: string): Promise<string[]> {
  // No documents folder yet: nothing to copy.
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await listJsonFiles(path)));
    else if (entry.isFile() && entry.name.endsWith('.json')) files.push(path);
  }
  return files;
}

/** A missing or damaged manifest only costs sharing: every file of the next snapshot is copied. */
async function readManifest(snapshotPath: string): Promise<SnapshotManifest> {
  try {
    return (await readJsonDocument(join(snapshotPath, 'manifest.json'), snapshotManifestSchema)) ?? { files: {} };
  } catch (error) {
    if (!(error instanceof DamagedFileError)) throw error;
    return { files: {} };
  }
}

function stampToIso(stamp: string): string {
  // 2026-11-23T10-15-30-123Z → 2026-11-23T10:15:30.123Z
  return stamp.replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, 'T$1:$2:$3.$4Z');
}
