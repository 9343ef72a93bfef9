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
 * A snapshot survives a power cut whole or not at all: it is built in a hidden `.<name>.partial`
 * folder through the store's file operations (durable-write.ts, FileOps), every copy fsynced and
 * every folder of it fsynced, and only then renamed to its real name (and `backups/` fsynced). An
 * old snapshot is removed the other way round: renamed out of sight first, then deleted, so a cut
 * half-way never leaves a listed snapshot with files missing. Hidden leftovers are cleared at the
 * next snapshot. test/reliability/power-loss.test.ts checks this at every point.
 *
 * Evidence files are content-addressed and never rewritten, so snapshots leave them out.
 */
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { snapshotManifestSchema, type SnapshotManifest } from '../../shared/store/files';
import { journalFileName } from './catalogue-journal';
import { currentFileOps, writeFileDurably, type FileOps } from './durable-write';
import { DamagedFileError, readJsonDocument } from './json-file';
import type { Logger } from '../platform/logger';
import { readIfExists, settled, statIfExists } from '../platform/files';

interface SnapshotInfo {
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

  /** The snapshot being taken, if any: takes run one after the other. */
  private taking: Promise<unknown> = Promise.resolve();

  /**
   * Takes a snapshot; the previous ones of the same reason beyond `kept` are removed. Takes run one
   * at a time (the periodic one the store starts at open may still run when the officer asks for
   * one): a take clears the hidden leftovers of a cut-short one, which must never be the other's
   * folder in the making.
   */
  take(reason: 'periodic' | 'manual' | 'before-restore' | 'before-migration'): Promise<SnapshotInfo> {
    const run = this.taking.then(() => this.takeNow(reason));
    // The take's failure goes to its caller; the next take runs regardless.
    this.taking = settled(run);
    return run;
  }

  private async takeNow(reason: 'periodic' | 'manual' | 'before-restore' | 'before-migration'): Promise<SnapshotInfo> {
    const ops = currentFileOps();
    const stamp = this.options.now().toISOString().replace(/[:.]/g, '-');
    const name = `${stamp}-${reason}`;
    const dataDir = this.options.dataDir;
    const hadFolder = await stat(this.folder).then((info) => info.isDirectory(), () => false);
    if (!hadFolder) {
      await ops.makeFolder(this.folder);
      await ops.syncFolder(dataDir);
    }
    await this.clearLeftovers(ops);
    const building = join(this.folder, `.${name}.partial`);
    await ops.makeFolder(building);
    const previous = (await this.list())[0];
    const previousManifest = previous ? await readManifest(previous.path) : { files: {} };
    const manifest: SnapshotManifest = { files: {} };
    const files = [join(dataDir, 'index.json'), join(dataDir, journalFileName), join(dataDir, 'settings.json'), ...(await listJsonFiles(join(dataDir, 'documents')))];
    // The snapshot's folders, each created once (parents first) and fsynced at the end (children first).
    const folders = [building];
    const ensureFolder = async (folder: string): Promise<void> => {
      if (folders.includes(folder) || !folder.startsWith(building + sep)) return;
      await ensureFolder(join(folder, '..'));
      await ops.makeFolder(folder);
      folders.push(folder);
    };
    for (const file of files) {
      // A file that is not there (no journal yet, no settings saved) is not part of the snapshot.
      const info = await statIfExists(file);
      if (!info?.isFile()) continue;
      const path = relative(dataDir, file).split(sep).join('/');
      const target = join(building, path);
      await ensureFolder(join(target, '..'));
      const before = previousManifest.files[path];
      const unchanged = previous && before && before.size === info.size && before.mtimeMs === info.mtimeMs;
      if (!(unchanged && (await tryLink(ops, join(previous.path, path), target)))) {
        // Gone since it was listed (a document deleted meanwhile): not part of the snapshot either.
        const content = await readIfExists(file);
        if (!content) continue;
        await writeSynced(ops, target, content);
      }
      manifest.files[path] = { size: info.size, mtimeMs: info.mtimeMs };
    }
    await writeSynced(ops, join(building, 'manifest.json'), JSON.stringify(manifest));
    for (const folder of [...folders].reverse()) await ops.syncFolder(folder);
    // Only a complete snapshot gets its real name, so a crash mid-way leaves no half snapshot
    // that recovery could mistake for a good one.
    await ops.rename(building, join(this.folder, name));
    await ops.syncFolder(this.folder);
    await this.prune(ops, reason);
    this.options.logger.info(`Snapshot taken: ${name}`);
    return { name, path: join(this.folder, name), takenAt: stampToIso(stamp), reason };
  }

  /** Keeps the file as it was before a migration changed it, beside the snapshots. */
  async backupBeforeMigration(path: string, collection: string, fromVersion: number): Promise<void> {
    const folder = join(this.folder, 'migrations', collection);
    await mkdir(folder, { recursive: true });
    const target = join(folder, `${basename(path)}.v${fromVersion}`);
    const exists = await stat(target).then(() => true, () => false);
    if (!exists) await writeFileDurably(target, await readFile(path));
  }

  private async prune(ops: FileOps, reason: string): Promise<void> {
    const same = (await this.list()).filter((snapshot) => snapshot.reason === reason);
    for (const old of same.slice(this.options.kept)) {
      // Out of the list first (one rename), then deleted: never a listed snapshot with files missing.
      const hidden = join(this.folder, `.${old.name}.removing`);
      await ops.rename(old.path, hidden);
      await ops.syncFolder(this.folder);
      await ops.removeFolder(hidden);
    }
  }

  /** A snapshot cut short by a crash (`.partial`) or one half removed (`.removing`) is cleared. */
  private async clearLeftovers(ops: FileOps): Promise<void> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    for (const name of names) {
      if (name.startsWith('.') && (name.endsWith('.partial') || name.endsWith('.removing'))) await ops.removeFolder(join(this.folder, name));
    }
  }
}

/** A new file with `content`, fsynced (its folder is fsynced by the caller). */
async function writeSynced(ops: FileOps, path: string, content: string | Uint8Array): Promise<void> {
  const file = await ops.openNew(path);
  try {
    await file.write(content);
    await file.sync();
  } finally {
    await file.close();
  }
}

async function tryLink(ops: FileOps, from: string, to: string): Promise<boolean> {
  try {
    await ops.link(from, to);
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
