/**
 * The catalogue: a summary of every document, by collection and id, so lists never open a
 * document. It lives in `index.json`, with the changes since its last compaction appended to
 * `index.journal` (catalogue-journal.ts); its writes are coalesced, because every save changes a
 * summary. The documents are the truth: after a crash, or when the catalogue is damaged, it is
 * reconciled from the documents changed since it was last written.
 *
 * Every summary read from disk is checked by its kind's `summarySchema` (shared/store/summaries.ts);
 * one that does not match is dropped and summarised again from its document. A summary enters the
 * catalogue only that way or from the kind's own `summarise`, which is what lets `entries` and
 * `summary` hand out each kind's summary type.
 */
import { randomUUID } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { catalogueFileSchema, catalogueSchemaVersion, type CatalogueFile } from '../../shared/store/files';
import type { StoreNotice } from '../../shared/store/notices';
import { checkedSummary } from '../../shared/store/summaries';
import type { Logger } from '../platform/logger';
import { appendJournal, journalPath, readJournal, type JournalLine } from './catalogue-journal';
import { writeFileDurably } from './durable-write';
import { DamagedFileError, DurableJsonFile, readJsonDocument } from './json-file';
import { storageError } from './storage-errors';
import type { DocumentKind, StoredDocument } from './document-kind';
import { settled } from '../platform/files';

export interface CatalogueEntry<S> {
  id: string;
  summary: S;
}

/** The catalogue in memory: index.json's fields, with the ones old catalogues lack filled in. */
type IndexData = Required<Pick<CatalogueFile, 'cleanShutdown' | 'flushedAt'>> & CatalogueFile;

type AddNotice = (notice: Omit<StoreNotice, 'id' | 'at'>) => Promise<void>;
type SetAside = (collection: string, path: string) => Promise<string>;

/** The journal is compacted into index.json once it is larger than this and than index.json. */
const journalCompactBytes = 64 * 1024;

const indexDataSchema = catalogueFileSchema.required({ cleanShutdown: true, flushedAt: true });

export class Catalogue {
  private readonly path: string;
  private readonly index: Low<IndexData>;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Catalogue entries changed since the last journal append (collection/id → what to write). */
  private readonly pending = new Map<string, { collection: string; id: string }>();
  /** Bytes of index.json at its last compaction, and of the journal since. */
  private indexBytes = 0;
  private journalBytes = 0;
  /** Set at close: no more delayed writes. */
  private stopped = false;

  constructor(
    private readonly options: {
      dataDir: string;
      documentsDir: string;
      kinds: ReadonlyMap<string, DocumentKind<StoredDocument>>;
      logger: Logger;
      /** How long catalogue-only changes wait before they are written together. */
      flushDelayMs: number;
    },
  ) {
    this.path = join(options.dataDir, 'index.json');
    this.index = new Low(new DurableJsonFile<IndexData>(this.path, indexDataSchema), emptyIndex());
  }

  private get dataDir(): string {
    return this.options.dataDir;
  }

  private get documentsDir(): string {
    return this.options.documentsDir;
  }

  private get kinds(): ReadonlyMap<string, DocumentKind<StoredDocument>> {
    return this.options.kinds;
  }

  private get logger(): Logger {
    return this.options.logger;
  }

  private get flushDelayMs(): number {
    return this.options.flushDelayMs;
  }

  /** The catalogue entries of one kind. */
  entries<S>(kind: DocumentKind<StoredDocument, S>): Array<CatalogueEntry<S>> {
    const collection = this.collectionOf(kind);
    return Object.entries(collection).map(([id, summary]) => ({ id, summary }));
  }

  summary<S>(kind: DocumentKind<StoredDocument, S>, id: string): S | undefined {
    return this.collectionOf(kind)[id];
  }

  /** Puts back a summary a failed write had taken out. */
  restore<S>(kind: DocumentKind<StoredDocument, S>, id: string, summary: S): void {
    (this.index.data.collections[kind.collection] ??= {})[id] = summary;
  }

  /** Whether the app was closed cleanly: set false while it runs. */
  set cleanShutdown(clean: boolean) {
    this.index.data.cleanShutdown = clean;
  }

  /** No more delayed writes (the store is closing). */
  stop(): void {
    this.stopped = true;
  }

  /** Writes a change waiting for its delay now, and waits for the write under way. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      await this.writeNow();
    }
    await this.writing;
  }

  /**
   * A kind's collection, typed by its kind. Every value in it came from the kind's `summarise` or
   * was checked by its `summarySchema` when read from disk (`checkSummaries`): this is the one place
   * the catalogue states that.
   */
  private collectionOf<S>(kind: DocumentKind<StoredDocument, S>): Record<string, S> {
    return (this.index.data.collections[kind.collection] ?? {}) as Record<string, S>;
  }

  /**
   * Checks every summary read from disk by its kind's schema; one that fails is dropped, so the
   * reconciliation that follows summarises its document again. Returns how many were dropped.
   */
  private checkSummaries(): number {
    let dropped = 0;
    for (const kind of this.kinds.values()) {
      const collection = this.index.data.collections[kind.collection];
      if (!collection) continue;
      for (const [id, summary] of Object.entries(collection)) {
        const checked = checkedSummary(kind.summarySchema, summary);
        if (checked === undefined) {
          delete collection[id];
          dropped += 1;
        } else if (checked !== summary) collection[id] = checked;
      }
    }
    if (dropped) this.logger.warn(`${dropped} catalogue summaries did not match their kind; their documents are summarised again`);
    return dropped;
  }

  set(kind: DocumentKind<StoredDocument>, document: StoredDocument): void {
    this.index.data.collections[kind.collection] ??= {};
    this.index.data.collections[kind.collection]![document.id] = kind.summarise(document);
    this.pending.set(cacheKey(kind, document.id), { collection: kind.collection, id: document.id });
  }

  remove(kind: DocumentKind<StoredDocument>, id: string): void {
    delete this.index.data.collections[kind.collection]?.[id];
    this.pending.set(cacheKey(kind, id), { collection: kind.collection, id });
  }

  scheduleWrite(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writeNow().catch((error: unknown) => this.logger.error('Catalogue write failed', error));
    }, this.flushDelayMs);
    this.timer.unref?.();
  }

  /**
   * Makes the catalogue's changes durable: appends the changed summaries to the journal, or
   * compacts (writes the whole catalogue into index.json with a new generation, then empties the
   * journal) at a clean close, for a catalogue without a journal yet, or when the journal has grown
   * as large as the catalogue. Either way the bytes written per save stay proportional to what the
   * save changed, however many documents are stored.
   */
  writeNow(options: { compact?: boolean; opening?: boolean } = {}): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    // Writes are chained so two never overlap; each writes the catalogue as it is when it starts.
    // The previous write's failure went to its own caller; this write tries again.
    const write = settled(this.writing)
      .then(async () => {
        const startedAt = Date.now();
        const compact =
          options.compact ||
          this.index.data.journal === undefined ||
          this.journalBytes > Math.max(journalCompactBytes, this.indexBytes);
        if (compact) {
          const taken = new Map(this.pending);
          this.pending.clear();
          const data: IndexData = { ...this.index.data, flushedAt: startedAt, journal: randomUUID() };
          try {
            const bytes = catalogueBytes(data);
            // As the lowdb adapter writes it (json-file.ts), the previous catalogue kept as .bak.
            await writeFileDurably(this.path, bytes, { keepBackup: true });
            this.indexBytes = bytes.length;
          } catch (error) {
            for (const [key, entry] of taken) if (!this.pending.has(key)) this.pending.set(key, entry);
            throw error;
          }
          this.index.data.flushedAt = startedAt;
          this.index.data.journal = data.journal;
          // index.json holds everything now; lines of the old generation are ignored from here on.
          await writeFileDurably(journalPath(this.dataDir), '', { keepBackup: false });
          this.journalBytes = 0;
          if (!options.opening) return;
        }
        const generation = this.index.data.journal!;
        const lines: JournalLine[] = [];
        if (options.opening) lines.push({ g: generation, at: startedAt, open: 1 });
        const taken = new Map(this.pending);
        this.pending.clear();
        for (const { collection, id } of taken.values()) {
          const summary = this.index.data.collections[collection]?.[id];
          lines.push(summary === undefined ? { g: generation, at: startedAt, c: collection, id, x: 1 } : { g: generation, at: startedAt, c: collection, id, s: summary });
        }
        if (!lines.length) return;
        try {
          this.journalBytes += await appendJournal(this.dataDir, lines);
        } catch (error) {
          // Written again with the next append (a line may then appear twice: the later one counts).
          for (const [key, entry] of taken) if (!this.pending.has(key)) this.pending.set(key, entry);
          throw storageError(error, journalPath(this.dataDir));
        }
        this.index.data.flushedAt = startedAt;
      });
    this.writing = write;
    return write;
  }

  async open(sides: { addNotice: AddNotice; setAside: SetAside }): Promise<boolean> {
    try {
      const data = await readJsonDocument(this.path, catalogueFileSchema);
      if (data === undefined) {
        const hasDocuments = await this.hasAnyDocument();
        if (hasDocuments) {
          await sides.addNotice({ kind: 'index-rebuilt', collection: 'index', reason: 'missing' });
        }
        this.index.data = emptyIndex();
        return hasDocuments;
      }
      this.index.data = { ...emptyIndex(), ...data };
      this.indexBytes = (await stat(this.path)).size;
      // The changes made since the last compaction.
      const journal = await readJournal(this.dataDir, data.journal);
      this.journalBytes = journal.bytes;
      if (journal.ignored) this.logger.warn(`The catalogue journal ended in ${journal.ignored} incomplete line(s), left out: an append was cut short`);
      for (const line of journal.lines) {
        if ('open' in line) continue;
        const collection = (this.index.data.collections[line.c] ??= {});
        if ('x' in line) delete collection[line.id];
        else collection[line.id] = line.s;
        this.index.data.flushedAt = Math.max(this.index.data.flushedAt, line.at);
      }
      const unchecked = this.checkSummaries();
      // Any line since the last compaction means the app ran after it and did not close cleanly.
      return !data.cleanShutdown || journal.lines.length > 0 || journal.ignored > 0 || unchecked > 0;
    } catch (error) {
      if (!(error instanceof DamagedFileError)) throw error;
      // The catalogue can always be rebuilt from the documents, which are the truth.
      const setAsidePath = await sides.setAside('index', this.path);
      await sides.addNotice({ kind: 'index-rebuilt', collection: 'index', setAsidePath, reason: error.reason });
      this.index.data = emptyIndex();
      return true;
    }
  }

  /**
   * After a crash or a damaged catalogue: brings the catalogue in line with the document files.
   * Only documents changed since the catalogue was last written are opened, so a crash with
   * 10,000 stored assessments costs one directory listing and a handful of reads.
   */
  async reconcile(documents: { documentPath(kind: DocumentKind<StoredDocument>, id: string): string; read(kind: DocumentKind<StoredDocument>, id: string): Promise<StoredDocument | undefined> }): Promise<void> {
    const since = this.index.data.flushedAt - 5000;
    for (const kind of this.kinds.values()) {
      const folder = join(this.documentsDir, kind.collection);
      // A collection nothing was ever saved in has no folder.
      const names = await readdir(folder).catch(() => [] as string[]);
      const ids = new Set<string>();
      for (const name of names) {
        if (name.endsWith('.tmp')) {
          await rm(join(folder, name), { force: true });
          continue;
        }
        const match = /^([A-Za-z0-9_-]{1,80})\.json(\.bak)?$/.exec(name);
        if (match?.[1]) ids.add(match[1]);
      }
      const catalogue = (this.index.data.collections[kind.collection] ??= {});
      // Only the documents written since the catalogue's last write are read. Their times are
      // asked for many at once (one stat each, no read): with 10,000 documents, one at a time
      // cost seconds of waiting, which made opening after a crash three times a clean opening.
      const changed = new Set<string>();
      const queue = [...ids];
      const statWorkers = Array.from({ length: Math.min(32, queue.length) }, async () => {
        for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
          if (catalogue[id] === undefined) {
            changed.add(id);
            continue;
          }
          const modified = await stat(documents.documentPath(kind, id)).then((s) => s.mtimeMs, () => Number.POSITIVE_INFINITY);
          if (modified >= since) changed.add(id);
        }
      });
      await Promise.all(statWorkers);
      for (const id of ids) {
        if (!changed.has(id)) continue;
        const document = await documents.read(kind, id);
        // Through set and remove, so the next journal append records the change.
        if (document) this.set(kind, document);
        else this.remove(kind, id);
      }
      for (const id of Object.keys(catalogue)) {
        if (ids.has(id)) continue;
        const document = await documents.read(kind, id);
        // Through set and remove, so the next journal append records the change.
        if (document) this.set(kind, document);
        else this.remove(kind, id);
      }
    }
  }

  private async hasAnyDocument(): Promise<boolean> {
    for (const kind of this.kinds.values()) {
      // A collection nothing was ever saved in has no folder.
      const names = await readdir(join(this.documentsDir, kind.collection)).catch(() => [] as string[]);
      if (names.some((name) => name.endsWith('.json') || name.endsWith('.json.bak'))) return true;
    }
    return false;
  }
}

/**
 * `index.json`'s bytes: exactly `JSON.stringify(data)` and a newline, built without the whole text
 * as one string. With 10,000 assessments the catalogue is about ten megabytes; one string of it,
 * then the file's bytes, on top of the catalogue itself, made closing the store the moment its
 * memory peaked. Here each summary is serialised on its own, twice (once to count the bytes, once
 * into a buffer of exactly that size), so only the buffer is held besides the catalogue.
 */
function catalogueBytes(data: IndexData): Buffer {
  // Depth 3: the file's object, `collections`, each collection; each summary is serialised whole.
  let length = 1;
  for (const chunk of jsonChunks(data, 3)) length += Buffer.byteLength(chunk);
  const bytes = Buffer.allocUnsafe(length);
  let offset = 0;
  for (const chunk of jsonChunks(data, 3)) offset += bytes.write(chunk, offset);
  bytes[offset] = 0x0a;
  return bytes;
}

/**
 * The JSON text of `value` in pieces, objects taken apart down to `depth` levels; the pieces joined
 * are `JSON.stringify(value)` for JSON data (members whose value is undefined left out, as there).
 */
function* jsonChunks(value: unknown, depth: number): Generator<string> {
  if (depth === 0 || typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    const text = JSON.stringify(value) as string | undefined;
    if (text === undefined) throw new TypeError('The catalogue must be JSON data');
    yield text;
    return;
  }
  let separator = '{';
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (child === undefined || typeof child === 'function' || typeof child === 'symbol') continue;
    yield `${separator}${JSON.stringify(key)}:`;
    separator = ',';
    yield* jsonChunks(child, depth - 1);
  }
  yield separator === '{' ? '{}' : '}';
}

function emptyIndex(): IndexData {
  return { schemaVersion: catalogueSchemaVersion, cleanShutdown: false, flushedAt: 0, collections: {} };
}

function cacheKey(kind: DocumentKind<StoredDocument>, id: string): string {
  return `${kind.collection}/${id}`;
}
