import { useSyncExternalStore, type ReactNode } from 'react';
import type { SaveStatus } from '../../components/SaveState';

/**
 * Where the assessment's latest change is (waiting, being written, saved, refused), held outside
 * React state: it changes at every save, several times a second while someone types, and only the
 * parts that show it (the save indicator, the Complete button) are drawn again, not the screen.
 */
export class SaveStatusStore {
  private status: SaveStatus = 'saved';
  private readonly listeners = new Set<() => void>();

  readonly get = (): SaveStatus => this.status;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(status: SaveStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}

/** Draws `children` with the status, again whenever it changes. */
export function WithSaveStatus({ store, children }: { store: SaveStatusStore; children(status: SaveStatus): ReactNode }) {
  return children(useSyncExternalStore(store.subscribe, store.get));
}
