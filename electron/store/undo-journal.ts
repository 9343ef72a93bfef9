/**
 * What an import changed in the store, so that a failure part-way takes it all back: every
 * document it created and every change it made that knows how to revert itself. One journal runs
 * through the whole of one import; the services' importers write to it instead of each keeping
 * its own list.
 *
 * It is not a transaction of the store: the documents are written one by one as they always were,
 * and a crash in the middle of an import leaves what was written so far (each document whole).
 */
import type { DocumentKind, StoredDocument, Store } from './store';

export class UndoJournal {
  private readonly steps: Array<() => Promise<void>> = [];

  constructor(private readonly store: Pick<Store, 'remove'>) {}

  /** A document this import created: removed again on rollback. */
  created(kind: DocumentKind<StoredDocument>, id: string): void {
    this.steps.push(() => this.store.remove(kind, id));
  }

  /** A change that reverts itself (an agreement's new signature, a newer text). */
  changed(revert: () => Promise<void>): void {
    this.steps.push(revert);
  }

  /** Takes back every step, newest first; a step that fails does not stop the others. */
  async rollback(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) await step().catch(() => undefined);
  }

  /** Runs `work` with a new journal, rolling back everything it recorded when it throws. */
  static async run<R>(store: Pick<Store, 'remove'>, work: (journal: UndoJournal) => Promise<R>): Promise<R> {
    const journal = new UndoJournal(store);
    try {
      return await work(journal);
    } catch (error) {
      await journal.rollback();
      throw error;
    }
  }
}
