/**
 * The store's notices (`notices.json`): what the store repaired, set aside or found beside its
 * documents, kept until the officer dismisses it. Written like every side file, with its copy
 * (checked-copy.ts), and checked against its schema when read.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { StoreNotice } from '../../shared/store/notices';
import { noticesFileSchema } from '../../shared/store/files';
import type { Logger } from '../platform/logger';
import { copyPathOf, readChecked, type CheckedRead } from './checked-copy';
import { backupSuffix } from './durable-write';
import { DurableJsonFile, parseJsonDocument } from './json-file';

export type NewNotice = Omit<StoreNotice, 'id' | 'at'>;

export class StoreNotices {
  private readonly path: string;
  private readonly db: Low<{ notices: StoreNotice[] }>;

  constructor(
    private readonly dataDir: string,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {
    this.path = join(dataDir, 'notices.json');
    this.db = new Low(new DurableJsonFile(this.path, noticesFileSchema, { indent: 2, copyPath: copyPathOf(dataDir, this.path) }), { notices: [] });
  }

  /** A copy of every notice kept: changing it changes nothing. */
  list(): StoreNotice[] {
    return structuredClone(this.db.data.notices);
  }

  /** The notices themselves, to look at without copying them. */
  peek(): readonly StoreNotice[] {
    return this.db.data.notices;
  }

  async dismiss(id: string): Promise<void> {
    const next = { notices: this.db.data.notices.filter((notice) => notice.id !== id) };
    await this.db.adapter.write(next);
    this.db.data = next;
  }

  /**
   * Keeps a notice. A notice that cannot be written is still kept for this session and logged:
   * the store goes on opening, and the officer still reads it.
   */
  async add(notice: NewNotice): Promise<void> {
    const full: StoreNotice = { id: randomUUID(), at: this.now().toISOString(), ...notice };
    this.logger.warn(`Store notice: ${notice.kind} ${notice.collection}/${notice.documentId ?? ''}`, full);
    const next = { notices: [...this.db.data.notices, full] };
    try {
      await this.db.adapter.write(next);
    } catch (error) {
      this.logger.error('Could not record a store notice', error);
    }
    this.db.data = next;
  }

  /** The notice for a file read through its copy, when there is something to tell. */
  async ofCheckedRead(read: CheckedRead<unknown>, collection: string, documentId?: string): Promise<void> {
    const about = { collection, ...(documentId ? { documentId } : {}) };
    if (read.outcome === 'restored-from-copy' && read.interrupted) {
      this.logger.info(`Recovered ${collection}/${documentId ?? ''} after an interrupted save`);
    } else if (read.outcome === 'restored-from-copy' || read.outcome === 'copy-repaired') {
      await this.add({ kind: read.outcome, ...about, reason: read.reason, ...(read.setAsidePath ? { setAsidePath: read.setAsidePath } : {}) });
    }
  }

  /**
   * Reads the notices at open, through their copy; when both are damaged the notices start again
   * empty, with one notice saying so.
   */
  async open(setAside: (collection: string, path: string) => Promise<string>): Promise<void> {
    const read = await readChecked({
      path: this.path,
      copyPath: copyPathOf(this.dataDir, this.path),
      backupPath: this.path + backupSuffix,
      parse: (bytes, from) => parseJsonDocument(from, bytes, noticesFileSchema),
      setAside: (file) => setAside('notices', file),
    });
    if (read.outcome === 'absent') return;
    if (read.outcome !== 'damaged') {
      this.db.data = read.value;
      await this.ofCheckedRead(read, 'notices');
      return;
    }
    this.db.data = { notices: [] };
    await this.add({
      kind: 'set-aside',
      collection: 'notices',
      reason: read.error.reason,
      ...(read.setAsidePath ? { setAsidePath: read.setAsidePath } : {}),
      ...(read.copySetAsidePath ? { copySetAsidePath: read.copySetAsidePath } : {}),
    });
  }
}
