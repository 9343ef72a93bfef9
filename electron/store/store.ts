/**
 * The local store: one folder, plain JSON files, written through lowdb with durable atomic writes.
 *
 *   <dataDir>/settings.json                      settings (one small file)
 *   <dataDir>/index.json                         catalogue: a summary per document (for lists)
 *   <dataDir>/documents/<collection>/<id>.json   one file per institution, assessment, …
 *   <dataDir>/evidence/<ab>/<sha256>             evidence files, stored by content hash
 *   <dataDir>/backups/<stamp>/…                  rotating snapshots: copies, never links to the live
 *                                                files; unchanged files shared between snapshots (snapshots.ts)
 *   <dataDir>/copies/…                           a self-checking second copy of every document,
 *                                                settings and notices (checked-copy.ts)
 *   <dataDir>/quarantine/…                       damaged files, set aside and never deleted
 *
 * Why this shape: saving an answer rewrites one small document file, never a file that grows with
 * the number of stored assessments. The catalogue changes with every save too (scores,
 * completeness), so its writes are coalesced, and they append only the changed summaries to
 * `index.journal` (catalogue-journal.ts), which is folded into index.json now and then; after a
 * crash the catalogue is reconciled from the documents changed since its last write, which are the
 * truth. A damaged document is set aside and restored from its copy (the last save), a damaged
 * copy is written again from the document; only when both are damaged does the store fall back to
 * the `.bak` (the previous save) or the newest snapshot that holds a good copy. The user is told
 * each time.
 *
 * The store is one object for its callers, made of parts in files of their own: the documents
 * (here: reads, writes with locks and a cache, migration and recovery, transactions), the
 * catalogue (catalogue.ts), the settings (settings.ts), the notices (notices.ts), and what opening
 * finds left by a crash or a sync service (crash-recovery.ts). Every JSON file read from disk is
 * checked against its schema.
 *
 * Plain Node: no Electron import, so tests and the command line use it as the app does.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import type { StoreNotice } from '../../shared/store/notices';
import { CopyFolderSyncs, copyPathOf, readChecked, removeCopy, writeWithCopy, type CheckedRead } from './checked-copy';
import { backupSuffix, currentFileOps, fsyncFolder } from './durable-write';
import { DamagedFileError, parseJsonText, readJsonFile } from './json-file';
import { Snapshots } from './snapshots';
import { deepFreeze } from './frozen';
import { FolderLock, type FolderLockEnvironment } from './folder-lock';
import { jsonText } from './json-text';
import { parseChange } from './validate-change';
import { storageError } from './storage-errors';
import { Catalogue, type CatalogueEntry } from './catalogue';
import { finishInterruptedWrites, findSyncConflicts } from './crash-recovery';
import { StoreNotices, type NewNotice } from './notices';
import { StoreSettings } from './settings';
import type { DocumentKind, StoredDocument } from './document-kind';
import { readUnfinishedTransactions, removeRecord, TransactionRecord, transactionsFolderName, type UnfinishedTransaction } from './transaction';
import { silentLogger, type Logger } from '../platform/logger';
import { bestEffort, removeQuietly, settled } from '../platform/files';

export type { CatalogueEntry, DocumentKind, StoredDocument };

interface StoreOptions {
  dataDir: string;
  // Kinds of every document type the app stores; they differ in their document type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  kinds: ReadonlyArray<DocumentKind<any, any>>;
  now?: () => Date;
  logger?: Logger;
  /** How long catalogue-only changes wait before they are written together. */
  indexFlushDelayMs?: number;
  /** A snapshot is taken at open when the newest is older than this. */
  snapshotEveryMs?: number;
  snapshotsKept?: number;
  /** The data folder's lock (folder-lock.ts): what it records, and the officer's confirmation that another computer's lock is stale. */
  folderLock?: { appVersion: string; takeOver?: boolean; environment?: FolderLockEnvironment };
}

const cacheLimit = 64;

export class Store {
  readonly dataDir: string;
  readonly documentsDir: string;
  readonly evidenceDir: string;
  readonly quarantineDir: string;
  readonly transactionsDir: string;
  readonly snapshots: Snapshots;

  /** The clock every date the store writes follows (the core's). */
  readonly now: () => Date;
  /** Where the store and the services reading through it report what they repaired or left out. */
  readonly logger: Logger;
  private readonly kinds: Map<string, DocumentKind<StoredDocument>>;
  private readonly catalogue: Catalogue;
  private readonly settingsFile: StoreSettings;
  private readonly noticesFile: StoreNotices;
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly cache = new Map<string, StoredDocument>();
  private snapshotting: Promise<unknown> = Promise.resolve();
  /** The copies folders' fsyncs that saves left to the next write, `flush` or `close` (checked-copy.ts). */
  private readonly copyFolderSyncs = new CopyFolderSyncs();
  private closed = false;
  private folderLock: FolderLock | undefined;
  /** The transaction the current asynchronous context writes in, if any (transaction.ts). */
  private readonly transactionScope = new AsyncLocalStorage<TransactionRecord>();

  private constructor(options: StoreOptions) {
    this.dataDir = options.dataDir;
    this.documentsDir = join(options.dataDir, 'documents');
    this.evidenceDir = join(options.dataDir, 'evidence');
    this.quarantineDir = join(options.dataDir, 'quarantine');
    this.transactionsDir = join(options.dataDir, transactionsFolderName);
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? silentLogger;
    this.kinds = new Map(options.kinds.map((kind) => [kind.collection, kind]));
    this.catalogue = new Catalogue({ dataDir: this.dataDir, documentsDir: this.documentsDir, kinds: this.kinds, logger: this.logger, flushDelayMs: options.indexFlushDelayMs ?? 1000 });
    this.settingsFile = new StoreSettings(this.dataDir);
    this.noticesFile = new StoreNotices(this.dataDir, this.now, this.logger);
    this.snapshots = new Snapshots({
      dataDir: this.dataDir,
      now: this.now,
      logger: this.logger,
      kept: options.snapshotsKept ?? 7,
    });
  }

  /** Opens (or creates) the store in `dataDir`, repairing what a crash or damage left behind. */
  static async open(options: StoreOptions): Promise<Store> {
    const store = new Store(options);
    await store.prepareFolders();
    // Before anything is read or repaired: another TrustBridge working on the folder would be
    // writing while this one repairs, and its temporary files are not leftovers.
    store.folderLock = await FolderLock.acquire({
      dataDir: store.dataDir,
      appVersion: options.folderLock?.appVersion ?? 'unknown',
      now: store.now,
      ...(options.folderLock?.takeOver ? { takeOver: true } : {}),
      ...(options.folderLock?.environment ? { environment: options.folderLock.environment } : {}),
      onTakeOver: (previous, why) => store.logger.warn(`Took over the data folder's lock (${why})`, previous),
    }).catch((error: unknown) => {
      throw storageError(error, store.dataDir);
    });
    try {
      await store.openFolder(options);
    } catch (error) {
      await bestEffort(store.folderLock.release(), 'Releasing the data folder lock after a failed open', store.logger);
      throw error;
    }
    return store;
  }

  private async openFolder(options: StoreOptions): Promise<void> {
    await finishInterruptedWrites(this.dataDir, this.logger);
    const setAside = (collection: string, path: string) => this.setAside(collection, path);
    await this.noticesFile.open(setAside);
    await this.settingsFile.open(this.noticesFile, setAside);
    await findSyncConflicts(this.dataDir, this.kinds.keys(), this.noticesFile);
    const needsReconcile = await this.catalogue.open({ addNotice: (notice) => this.addNotice(notice), setAside: (collection, path) => this.setAside(collection, path) });
    // A transaction a crash interrupted is taken back before the catalogue is reconciled, so the
    // catalogue follows the documents as they were before it.
    const rolledBack = await this.rollBackUnfinished();
    if (needsReconcile || rolledBack.length) {
      await this.catalogue.reconcile({ documentPath: (kind, id) => this.documentPath(kind, id), read: (kind, id) => this.readWithRecovery(kind, id) });
    }
    // Marks the store open (not closed cleanly) with one journal line, or a compaction when the
    // catalogue has no journal yet or its journal is due for one.
    this.catalogue.cleanShutdown = false;
    await this.catalogue.writeNow({ opening: true });
    // Only now that the catalogue no longer lists what was taken back may the records go.
    for (const { path } of rolledBack) await removeRecord(this.transactionsDir, path);
    const snapshotEveryMs = options.snapshotEveryMs ?? 24 * 60 * 60 * 1000;
    // Taking a snapshot while the app saves is safe: a snapshot copies each live file (links are
    // only shared between snapshots, see snapshots.ts), and a save replaces a file by rename, so a
    // copy reads either the old content or the new, never half of one.
    this.snapshotting = this.snapshots.takeIfOlderThan(snapshotEveryMs).catch((error: unknown) => {
      this.logger.warn('Periodic snapshot failed', error);
    });
  }

  // ---------------------------------------------------------------- settings and notices

  get settings(): Settings {
    return this.settingsFile.value;
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    return this.settingsFile.update(patch);
  }

  get notices(): StoreNotice[] {
    return this.noticesFile.list();
  }

  async dismissNotice(id: string): Promise<void> {
    await this.noticesFile.dismiss(id);
  }

  /** Records what a part outside the store (the key files) repaired or could not repair. */
  async recordNotice(notice: NewNotice): Promise<void> {
    await this.noticesFile.add(notice);
  }

  /** The notice for a file read through its copy, when there is something to tell. */
  async noticeOfCheckedRead(read: CheckedRead<unknown>, collection: string, documentId?: string): Promise<void> {
    await this.noticesFile.ofCheckedRead(read, collection, documentId);
  }

  private async addNotice(notice: NewNotice): Promise<void> {
    await this.noticesFile.add(notice);
  }

  // ---------------------------------------------------------------- documents

  /** The catalogue entries of one kind, without opening any document. */
  entries<S>(kind: DocumentKind<StoredDocument, S>): Array<CatalogueEntry<S>> {
    return this.catalogue.entries(kind);
  }

  summary<S>(kind: DocumentKind<StoredDocument, S>, id: string): S | undefined {
    return this.catalogue.summary(kind, id);
  }

  /** The kind of document kept in `collection`, if the store holds one. */
  kindOf(collection: string): DocumentKind<StoredDocument> | undefined {
    return this.kinds.get(collection);
  }

  has(kind: DocumentKind<StoredDocument>, id: string): boolean {
    return this.summary(kind, id) !== undefined;
  }

  /** Reads one document, migrating or restoring it when needed. A copy: changing it changes nothing. */
  async read<T extends StoredDocument>(kind: DocumentKind<T>, id: string): Promise<T> {
    return structuredClone(await this.load(kind, id));
  }

  /** Stores a new document and lists it in the catalogue. */
  async create<T extends StoredDocument>(kind: DocumentKind<T>, document: T): Promise<T> {
    return this.withLock(kind, document.id, async () => {
      if (this.has(kind, document.id)) {
        throw new AppError({ code: 'CONFLICT', message: `${kind.collection}/${document.id} exists already` });
      }
      const valid = kind.schema.parse(document);
      await this.beforeWrite(kind, valid.id, null);
      await this.writeDocumentFile(kind, valid);
      this.cacheSet(kind, valid);
      this.catalogue.set(kind, valid);
      try {
        await this.catalogue.writeNow();
      } catch (error) {
        // Without its catalogue entry the document would be invisible: undo both.
        this.catalogue.remove(kind, valid.id);
        this.cache.delete(cacheKey(kind, valid.id));
        // Best effort: the error that matters is the one rethrown below; a file left behind is reconciled at the next open.
        await removeQuietly(this.documentPath(kind, valid.id), { logger: this.logger });
        await bestEffort(removeCopy(this.copyPathOf(kind, valid.id)), `Removing the copy of ${kind.collection}/${valid.id}`, this.logger);
        throw error;
      }
      return structuredClone(valid);
    });
  }

  /**
   * Changes one document under its lock: `change` gets the stored version, frozen, and returns a
   * new version (built by copying what it changes, as `{ ...draft, field }` does; an attempt to
   * change the frozen draft in place throws). The file is written before anything in memory
   * changes, so a failed write (a full disk, a read-only folder) leaves the store exactly as it
   * was. The result is the new version as stored, frozen too: no copy is made on the way in or
   * out, which is most of a save's work besides the disk. The new version is validated against
   * the kind's schema by what changed (validate-change.ts): the parts it shares with the stored
   * version were validated when that was stored, and the freeze guarantees they are unchanged.
   */
  async update<T extends StoredDocument>(
    kind: DocumentKind<T>,
    id: string,
    change: (draft: T) => T | Promise<T>,
    options: { catalogueNow?: boolean } = {},
  ): Promise<T> {
    return this.withLock(kind, id, async () => {
      const current = await this.load(kind, id);
      // Validated by what changed: the rest is the stored version, validated and frozen already.
      const next = parseChange(kind.schema, await change(current), current);
      if (next.id !== id) throw new AppError({ code: 'INTERNAL', message: 'A document may not change its id' });
      await this.beforeWrite(kind, id, current);
      await this.writeDocumentFile(kind, next);
      this.cacheSet(kind, next);
      this.catalogue.set(kind, next);
      if (options.catalogueNow) await this.catalogue.writeNow();
      else this.catalogue.scheduleWrite();
      return next;
    });
  }

  /** Removes a document from the catalogue and moves its file to `deleted/`, where it can be recovered. */
  async remove(kind: DocumentKind<StoredDocument>, id: string): Promise<void> {
    await this.withLock(kind, id, async () => {
      const summary = this.summary(kind, id);
      if (summary === undefined) throw notFound(kind, id);
      if (this.openTransaction()) await this.beforeWrite(kind, id, await this.load(kind, id));
      this.catalogue.remove(kind, id);
      try {
        await this.catalogue.writeNow();
      } catch (error) {
        this.catalogue.restore(kind, id, summary);
        throw error;
      }
      this.cache.delete(cacheKey(kind, id));
      const deletedDir = join(this.dataDir, 'deleted', kind.collection);
      await mkdir(deletedDir, { recursive: true });
      const stamp = fileStamp(this.now());
      await rename(this.documentPath(kind, id), join(deletedDir, `${id}.${stamp}.json`)).catch((error: unknown) => {
        this.logger.warn(`Could not move ${kind.collection}/${id} to deleted/`, error);
      });
      await rm(this.documentPath(kind, id) + backupSuffix, { force: true });
      await removeCopy(this.copyPathOf(kind, id));
    });
  }

  /**
   * Summarises the given documents again from their files (after something their summaries depend
   * on, such as a framework, became available).
   */
  async resummarise(kind: DocumentKind<StoredDocument>, ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const document = await this.load(kind, id).catch((error: unknown) => {
        // Damage was set aside and noticed by load(); the old summary stays until the next read.
        this.logger.warn(`Could not summarise ${kind.collection}/${id} again`, error);
        return undefined;
      });
      if (document) this.catalogue.set(kind, document);
    }
    if (ids.length) this.catalogue.scheduleWrite();
  }

  // ---------------------------------------------------------------- transactions

  /**
   * Runs `work` as one transaction (transaction.ts): every document it creates, changes or removes
   * through this store stands together with the others or not at all. When `work` throws, each is
   * put back as it was before and the error is rethrown; when a crash interrupts it, the next open
   * puts them back. Resolves once the transaction is committed (durably). Within a transaction
   * already under way, `work` simply joins it.
   */
  async transaction<R>(work: () => Promise<R>, options: { label?: string } = {}): Promise<R> {
    if (this.openTransaction()) return work();
    const record = new TransactionRecord(this.transactionsDir, randomUUID(), options.label ?? '', this.now().toISOString());
    try {
      await mkdir(this.transactionsDir, { recursive: true });
      const result = await this.transactionScope.run(record, work);
      // The copies' renames durable before the commit, so nothing of the transaction is left to a later fsync.
      await this.copyFolderSyncs.settleAll();
      await record.discard();
      return result;
    } catch (error) {
      if (!record.finished) await this.rollBack(record);
      throw error;
    }
  }

  private openTransaction(): TransactionRecord | undefined {
    const record = this.transactionScope.getStore();
    return record && !record.finished ? record : undefined;
  }

  /** Lists the document's earlier version in the open transaction's record, if one is open, before it is written. */
  private async beforeWrite(kind: DocumentKind<StoredDocument>, id: string, before: StoredDocument | null): Promise<void> {
    const record = this.openTransaction();
    if (!record) return;
    // A plain copy: the record is written as JSON, and the version in memory stays frozen.
    await record.remember(kind.collection, id, before === null ? null : (structuredClone(before) as unknown as Record<string, unknown>));
  }

  /**
   * Takes back a transaction that failed in the app: each document it touched is written again as
   * it was before (or removed when it created it), newest first, then the record is removed. If
   * that fails too, the record stays and the next open finishes the rollback.
   */
  private async rollBack(record: TransactionRecord): Promise<void> {
    record.finished = true;
    try {
      await this.restoreTouched(record.documents);
      await this.catalogue.writeNow();
      await record.discard();
      this.logger.info(`Rolled back the transaction ${record.label || record.id}`);
    } catch (error) {
      this.logger.error(`Could not roll back the transaction ${record.label || record.id}; the next start will`, error);
    }
  }

  /**
   * At open: the records of transactions a crash interrupted (each never committed), whose
   * documents are put back as they were before. Returns the records, to be removed once the
   * catalogue is written.
   */
  private async rollBackUnfinished(): Promise<UnfinishedTransaction[]> {
    const { unfinished, damaged, temporary } = await readUnfinishedTransactions(this.transactionsDir);
    // A record whose write was cut short never reached its place: its documents were not written.
    for (const path of temporary) await rm(path, { force: true });
    for (const error of damaged) {
      // Written whole or not at all, a record cannot be damaged by a crash: this is damage from outside.
      const setAsidePath = await this.setAside(transactionsFolderName, error.path);
      await this.addNotice({ kind: 'set-aside', collection: transactionsFolderName, reason: error.reason, setAsidePath });
    }
    for (const { record } of unfinished.slice().reverse()) {
      await this.restoreTouched(record.documents);
      this.logger.warn(`Took back the interrupted transaction ${record.label || record.id} (${record.documents.length} document(s))`);
    }
    return unfinished;
  }

  /** Puts documents back as they were before a transaction: newest change first. */
  private async restoreTouched(documents: ReadonlyArray<{ collection: string; id: string; before: Record<string, unknown> | null }>): Promise<void> {
    for (const touched of documents.slice().reverse()) {
      const kind = this.kinds.get(touched.collection);
      if (!kind) {
        this.logger.warn(`A transaction touched ${touched.collection}/${touched.id}, a kind this store does not hold`);
        continue;
      }
      this.cache.delete(cacheKey(kind, touched.id));
      if (touched.before === null) {
        await this.removeDocumentFiles(kind, touched.id);
        this.catalogue.remove(kind, touched.id);
        continue;
      }
      // Checked (and migrated) like any document read from disk.
      const before = this.parseDocument(kind, touched.before, this.documentPath(kind, touched.id)).document;
      await this.writeDocumentFile(kind, before, { keepBackup: false });
      this.catalogue.set(kind, before);
    }
  }

  /** Removes a document's file, its .bak and its copy, durably. */
  private async removeDocumentFiles(kind: DocumentKind<StoredDocument>, id: string): Promise<void> {
    const path = this.documentPath(kind, id);
    const copy = this.copyPathOf(kind, id);
    const ops = currentFileOps();
    await ops.remove(path);
    await ops.remove(path + backupSuffix);
    await fsyncFolder(join(this.documentsDir, kind.collection));
    await ops.remove(copy);
    await fsyncFolder(dirname(copy)).catch((error: unknown) => {
      // No copies folder: nothing was removed from it.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
  }

  /** Resolves once a snapshot under way (taken at open) is complete. */
  async snapshotSettled(): Promise<void> {
    // A failed snapshot was logged where it was taken; waiting is all that is asked here.
    await settled(this.snapshotting);
  }

  /** Writes pending catalogue changes now, and makes the last copies' renames durable. */
  async flush(): Promise<void> {
    await this.copyFolderSyncs.settleAll();
    await this.catalogue.flush();
  }

  /** Waits for every save under way, writes the catalogue and marks the shutdown clean. */
  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.allSettled([...this.locks.values(), this.snapshotting]);
    await this.flush();
    this.catalogue.cleanShutdown = true;
    await this.catalogue.writeNow({ compact: true });
    this.closed = true;
    this.catalogue.stop();
    await this.folderLock?.release();
  }

  documentPath(kind: DocumentKind<StoredDocument>, id: string): string {
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(id)) {
      throw new AppError({ code: 'INVALID_REQUEST', message: `"${id}" is not a valid document identifier` });
    }
    return join(this.documentsDir, kind.collection, `${id}.json`);
  }

  // ---------------------------------------------------------------- internals: reading and recovery

  private async load<T extends StoredDocument>(kind: DocumentKind<T>, id: string): Promise<T> {
    const cached = this.cache.get(cacheKey(kind, id));
    if (cached) {
      // Refresh its place in the least-recently-used order.
      this.cache.delete(cacheKey(kind, id));
      this.cache.set(cacheKey(kind, id), cached);
      return cached as T;
    }
    if (!this.has(kind, id)) throw notFound(kind, id);
    const document = await this.readWithRecovery(kind, id);
    if (!document) {
      this.catalogue.remove(kind, id);
      await this.catalogue.writeNow().catch((error: unknown) => {
        // The damaged-file error below is what the user must read; the catalogue is reconciled at the next open.
        this.logger.warn('Could not write the catalogue after dropping a damaged document', error);
      });
      throw new AppError({
        code: 'DAMAGED_FILE',
        message: `The file of this ${kind.collection.replace(/s$/, '')} (${this.documentPath(kind, id)}) and its copy are both damaged, and no earlier good copy was found. The damaged files were set aside in ${join(this.quarantineDir, kind.collection)}. To get it back, restore a whole backup of the data folder (Settings › All data › Restore a backup into a new folder) and open TrustBridge on that folder.`,
        params: { collection: kind.collection, id },
      });
    }
    this.cacheSet(kind, document);
    // Restored from a .bak or a snapshot, or migrated as it was read: the catalogue follows it.
    const summary = kind.summarise(document);
    if (JSON.stringify(summary) !== JSON.stringify(this.summary(kind, id))) {
      this.catalogue.set(kind, document);
      this.catalogue.scheduleWrite();
    }
    return document;
  }

  /**
   * Reads the document through its copy (checked-copy.ts): a damaged or missing file is restored
   * from the copy, a damaged copy from the file. When both are unusable, both are set aside and the
   * `.bak` of the previous save is tried, then the snapshots from newest to oldest. Returns
   * undefined when nothing good is left.
   */
  private async readWithRecovery<T extends StoredDocument>(kind: DocumentKind<T>, id: string): Promise<T | undefined> {
    const path = this.documentPath(kind, id);
    const read = await readChecked<Parsed<T>>({
      path,
      copyPath: this.copyPathOf(kind, id),
      backupPath: path + backupSuffix,
      parse: (bytes, from) => this.parseDocumentText(kind, bytes.toString('utf8'), from),
      setAside: (file) => this.setAside(kind.collection, file),
    });
    if (read.outcome === 'ok' || read.outcome === 'restored-from-copy' || read.outcome === 'copy-repaired') {
      await this.noticeOfCheckedRead(read, kind.collection, id);
      return this.finishMigration(kind, read.value);
    }
    if (read.outcome === 'absent') {
      // Neither the file nor a copy: a store from before copies, interrupted between the two
      // renames of a save. The .bak holds the last acknowledged save.
      const fromBackup = await this.parseDocumentFile(kind, path + backupSuffix).catch((error: unknown) => {
        if (error instanceof DamagedFileError) return undefined;
        throw error;
      });
      if (fromBackup) {
        await this.writeDocumentFile(kind, fromBackup, { keepBackup: false });
        this.logger.info(`Recovered ${kind.collection}/${id} from its .bak after an interrupted save`);
        return fromBackup;
      }
    }
    const damaged = read.outcome === 'damaged' ? read : undefined;
    const reason = damaged ? (damaged.error.detail === 'missing' ? 'missing' : damaged.error.reason) : 'missing';
    const setAsidePath = damaged?.setAsidePath;
    const restored = await this.restoreFromBackups(kind, id);
    if (restored) {
      await this.writeDocumentFile(kind, restored.document, { keepBackup: false });
      await this.addNotice({
        kind: restored.from === 'backup' ? 'restored-from-backup' : 'restored-from-snapshot',
        collection: kind.collection,
        documentId: id,
        reason,
        ...(setAsidePath ? { setAsidePath } : {}),
        ...(restored.takenAt ? { restoredFrom: restored.takenAt } : {}),
      });
      return restored.document;
    }
    await this.addNotice({
      kind: 'set-aside',
      collection: kind.collection,
      documentId: id,
      reason,
      ...(setAsidePath ? { setAsidePath } : {}),
      ...(damaged?.copySetAsidePath ? { copySetAsidePath: damaged.copySetAsidePath } : {}),
    });
    return undefined;
  }

  /** A document migrated as it was read is written in its new version, once. */
  private async finishMigration<T extends StoredDocument>(kind: DocumentKind<T>, parsed: Parsed<T>): Promise<T> {
    if (parsed.fromVersion < kind.schemaVersion) {
      await this.snapshots.backupBeforeMigration(this.documentPath(kind, parsed.document.id), kind.collection, parsed.fromVersion);
      await this.writeDocumentFile(kind, parsed.document);
      await this.addNotice({ kind: 'migrated', collection: kind.collection, documentId: parsed.document.id, reason: `${parsed.fromVersion}→${kind.schemaVersion}` });
    }
    return parsed.document;
  }

  private async restoreFromBackups<T extends StoredDocument>(
    kind: DocumentKind<T>,
    id: string,
  ): Promise<{ document: T; from: 'backup' | 'snapshot'; takenAt?: string } | undefined> {
    const path = this.documentPath(kind, id);
    const candidates: Array<{ path: string; from: 'backup' | 'snapshot'; takenAt?: string }> = [
      { path: path + backupSuffix, from: 'backup' as const },
      ...(await this.snapshots.list()).map((snapshot) => ({
        path: join(snapshot.path, 'documents', kind.collection, `${id}.json`),
        from: 'snapshot' as const,
        takenAt: snapshot.takenAt,
      })),
    ];
    for (const candidate of candidates) {
      try {
        const document = await this.parseDocumentFile(kind, candidate.path);
        if (document) {
          return { document, from: candidate.from, ...(candidate.takenAt ? { takenAt: candidate.takenAt } : {}) };
        }
      } catch (error) {
        if (!(error instanceof DamagedFileError)) throw error;
        this.logger.warn(`Backup candidate ${candidate.path} is damaged too`, error.reason);
      }
    }
    return undefined;
  }

  /** Parses, version-checks, migrates and validates one document file (a `.bak`, a snapshot's); undefined if absent. */
  private async parseDocumentFile<T extends StoredDocument>(kind: DocumentKind<T>, path: string): Promise<T | undefined> {
    const raw = await readJsonFile(path);
    if (raw === undefined) return undefined;
    return this.parseDocument(kind, raw, path).document;
  }

  private parseDocumentText<T extends StoredDocument>(kind: DocumentKind<T>, text: string, path: string): Parsed<T> {
    return this.parseDocument(kind, parseJsonText(path, text), path);
  }

  /** Version-checks, migrates (in memory) and validates a document; damage is a DamagedFileError. */
  private parseDocument<T extends StoredDocument>(kind: DocumentKind<T>, raw: Record<string, unknown>, path: string): Parsed<T> {
    const version = raw['schemaVersion'];
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      throw new DamagedFileError(path, 'invalid', 'schemaVersion is missing');
    }
    if (version > kind.schemaVersion) {
      throw new DamagedFileError(path, 'newer-version', `version ${version}, this TrustBridge reads up to ${kind.schemaVersion}`);
    }
    let migrated = raw;
    for (let v = version; v < kind.schemaVersion; v += 1) {
      const migrate = kind.migrations[v];
      if (!migrate) throw new DamagedFileError(path, 'invalid', `no migration from version ${v}`);
      migrated = { ...migrate(migrated), schemaVersion: v + 1 };
    }
    const parsed = kind.schema.safeParse(migrated);
    if (!parsed.success) {
      throw new DamagedFileError(path, 'invalid', parsed.error.issues.slice(0, 3).map((i) => i.path.join('.')).join(', '));
    }
    return { document: parsed.data, fromVersion: version };
  }

  private async setAside(collection: string, path: string): Promise<string> {
    const folder = join(this.quarantineDir, collection);
    await mkdir(folder, { recursive: true });
    const target = join(folder, `${path.split(/[\\/]/).pop()}.${fileStamp(this.now())}.${randomUUID().slice(0, 8)}`);
    try {
      await rename(path, target);
    } catch (error) {
      this.logger.error(`Could not set ${path} aside`, error);
    }
    return target;
  }

  private async writeDocumentFile(
    kind: DocumentKind<StoredDocument>,
    document: StoredDocument,
    options: { keepBackup?: boolean } = {},
  ): Promise<void> {
    const path = this.documentPath(kind, document.id);
    // The text of what the save did not change is reused (json-text.ts): the bytes are those of
    // JSON.stringify. The copy's content is made durable with the file's, and put in place once the
    // file is (checked-copy.ts); the fsync of the copies folder is left to the next write into it.
    await writeWithCopy(path, copyPathOf(this.dataDir, path), jsonText(document) + '\n', { keepBackup: options.keepBackup ?? true, folderSyncs: this.copyFolderSyncs });
  }

  private copyPathOf(kind: DocumentKind<StoredDocument>, id: string): string {
    return copyPathOf(this.dataDir, this.documentPath(kind, id));
  }

  private async prepareFolders(): Promise<void> {
    try {
      await mkdir(this.dataDir, { recursive: true });
      for (const kind of this.kinds.values()) await mkdir(join(this.documentsDir, kind.collection), { recursive: true });
      await mkdir(this.evidenceDir, { recursive: true });
    } catch (error) {
      throw storageError(error, this.dataDir);
    }
  }

  private cacheSet(kind: DocumentKind<StoredDocument>, document: StoredDocument): void {
    deepFreeze(document);
    const key = cacheKey(kind, document.id);
    this.cache.delete(key);
    this.cache.set(key, document);
    if (this.cache.size > cacheLimit) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  private withLock<R>(kind: DocumentKind<StoredDocument>, id: string, work: () => Promise<R>): Promise<R> {
    if (this.closed) {
      return Promise.reject(new AppError({ code: 'INTERNAL', message: 'The store is closed' }));
    }
    const key = cacheKey(kind, id);
    const previous = this.locks.get(key) ?? Promise.resolve();
    // The previous call's failure was reported to its own caller; this one runs regardless.
    const run = settled(previous).then(work);
    const done = settled(run);
    this.locks.set(key, done);
    void done.then(() => {
      if (this.locks.get(key) === done) this.locks.delete(key);
    });
    return run;
  }
}

interface Parsed<T> {
  document: T;
  /** The schema version the file was written in; lower than the kind's when it was migrated. */
  fromVersion: number;
}


function cacheKey(kind: DocumentKind<StoredDocument>, id: string): string {
  return `${kind.collection}/${id}`;
}

function notFound(kind: DocumentKind<StoredDocument>, id: string): AppError {
  return new AppError({
    code: 'NOT_FOUND',
    message: `No ${kind.collection.replace(/s$/, '')} with id ${id} is stored`,
    params: { collection: kind.collection, id },
  });
}

/** A timestamp that sorts and is safe in file names on every OS. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}
