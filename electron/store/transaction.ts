/**
 * A store transaction: several document writes that stand together or not at all (an exchange
 * import adds partners, frameworks, assessments and agreements in one go).
 *
 * It is an undo log, as in a database's rollback journal: before the transaction first writes a
 * document, the version that document had (or that it did not exist) is added to the
 * transaction's record, `transactions/<id>.json`, and the record is made durable
 * (`writeFileDurably`: temp file, fsync, rename, fsync of the folder). Only then is the document
 * written. Committing removes the record (and fsyncs its folder). So at any moment a power cut can
 * fall:
 *   - the record is absent: the transaction either wrote nothing yet or committed;
 *   - the record is there: every document it touched is listed in it with its earlier version,
 *     and opening the store puts each back (`Store.open` → `rollBackUnfinished`).
 * A transaction that fails in the app (an error thrown by its work) is rolled back the same way at
 * once, from the same record. The undo is the store's: the services that write during an import
 * just write, and know nothing of it.
 *
 * Writes belong to the transaction when they are made from within its work (the store follows the
 * asynchronous context, `AsyncLocalStorage`), so a save the user makes meanwhile elsewhere is not
 * taken back with it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transactionRecordSchema, type TransactionRecordFile } from '../../shared/store/files';
import { currentFileOps, fsyncFolder, writeFileDurably } from './durable-write';
import { DamagedFileError, parseJsonDocument } from './json-file';
import { settled } from '../platform/files';

export const transactionsFolderName = 'transactions';

interface TouchedDocument {
  collection: string;
  id: string;
  /** The version before the transaction first wrote it; null when the transaction created it. */
  before: Record<string, unknown> | null;
}

/** One transaction under way: the documents it touched, each with its earlier version. */
export class TransactionRecord {
  readonly documents: TouchedDocument[] = [];
  private readonly touched = new Set<string>();
  /** Record writes follow one another; each writes every document listed so far. */
  private writing: Promise<void> = Promise.resolve();
  private written = false;
  /** Set once committed or rolled back: later writes from its context are ordinary writes. */
  finished = false;

  constructor(
    private readonly folder: string,
    readonly id: string,
    readonly label: string,
    readonly startedAt: string,
  ) {}

  get path(): string {
    return join(this.folder, `${this.id}.json`);
  }

  /**
   * Lists a document with its version before the transaction, durably, the first time the
   * transaction touches it; resolves once the record on disk holds it. Only then may it be written.
   */
  async remember(collection: string, id: string, before: Record<string, unknown> | null): Promise<void> {
    const key = `${collection}/${id}`;
    if (this.touched.has(key)) return this.writing;
    this.touched.add(key);
    this.documents.push({ collection, id, before });
    // A failed record write was reported to its own caller, whose document was not written.
    const write = settled(this.writing)
      .then(async () => {
        const file: TransactionRecordFile = {
          format: 'trustbridge-transaction',
          formatVersion: 1,
          id: this.id,
          label: this.label,
          startedAt: this.startedAt,
          documents: this.documents,
        };
        await writeFileDurably(this.path, JSON.stringify(file) + '\n', { keepBackup: false });
        this.written = true;
      });
    this.writing = write;
    return write;
  }

  /** Removes the record, durably: the commit point, or the end of a rollback. */
  async discard(): Promise<void> {
    // A failed record write was reported to its own caller; the record goes all the same.
    await settled(this.writing);
    this.finished = true;
    if (!this.written) return;
    await currentFileOps().remove(this.path);
    await fsyncFolder(this.folder);
  }
}

/** A record left by a transaction that did not commit, read back at open. */
export interface UnfinishedTransaction {
  path: string;
  record: TransactionRecordFile;
}

/**
 * The records of transactions a crash interrupted, oldest first. A record is written whole or not
 * at all (temp file and rename): one that does not read is damage, thrown as `DamagedFileError`
 * with the others still returned through `damaged`.
 */
export async function readUnfinishedTransactions(folder: string): Promise<{ unfinished: UnfinishedTransaction[]; damaged: DamagedFileError[]; temporary: string[] }> {
  // No folder: no transaction was ever made.
  const names = await readdir(folder).catch(() => [] as string[]);
  const unfinished: UnfinishedTransaction[] = [];
  const damaged: DamagedFileError[] = [];
  const temporary: string[] = [];
  for (const name of names) {
    const path = join(folder, name);
    if (name.endsWith('.tmp')) {
      temporary.push(path);
      continue;
    }
    if (!name.endsWith('.json')) continue;
    try {
      unfinished.push({ path, record: parseJsonDocument(path, await readFile(path), transactionRecordSchema) });
    } catch (error) {
      if (!(error instanceof DamagedFileError)) throw error;
      damaged.push(error);
    }
  }
  unfinished.sort((a, b) => a.record.startedAt.localeCompare(b.record.startedAt));
  return { unfinished, damaged, temporary };
}

/** Removes a record once its rollback is durable. */
export async function removeRecord(folder: string, path: string): Promise<void> {
  await currentFileOps().remove(path);
  await fsyncFolder(folder);
}
