/**
 * Rotating snapshots of the whole store (documents, catalogue, settings) under `backups/`.
 *
 * A snapshot is made of hard links, so it costs a directory walk rather than a copy: a save never
 * writes into an existing file (it renames a new one into place), so the linked inode keeps the
 * content it had when the snapshot was taken. Where hard links are not possible (some network
 * drives, FAT), files are copied instead. Evidence files are content-addressed and never
 * rewritten, so snapshots leave them out.
 */
import { copyFile, link, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Logger } from './store';

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
    for (const file of ['index.json', 'settings.json']) {
      await linkOrCopy(join(dataDir, file), join(building, file));
    }
    await this.linkTree(join(dataDir, 'documents'), join(building, 'documents'));
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

  private async linkTree(from: string, to: string): Promise<void> {
    const entries = await readdir(from, { withFileTypes: true }).catch(() => []);
    await mkdir(to, { recursive: true });
    for (const entry of entries) {
      if (entry.isDirectory()) await this.linkTree(join(from, entry.name), join(to, entry.name));
      else if (entry.isFile() && entry.name.endsWith('.json')) await linkOrCopy(join(from, entry.name), join(to, entry.name));
    }
  }

  private async prune(reason: string): Promise<void> {
    const same = (await this.list()).filter((snapshot) => snapshot.reason === reason);
    for (const old of same.slice(this.options.kept)) {
      await rm(old.path, { recursive: true, force: true });
    }
  }
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    await copyFile(from, to);
  }
}

function stampToIso(stamp: string): string {
  // 2026-11-23T10-15-30-123Z → 2026-11-23T10:15:30.123Z
  return stamp.replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, 'T$1:$2:$3.$4Z');
}
