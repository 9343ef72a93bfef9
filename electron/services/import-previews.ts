/**
 * Every import preview waiting for the user's decision, in one map: an exchange file checked by
 * the import screen or the shared-folder inbox, a filled questionnaire read back. A preview is
 * taken by its token, once, and only by the kind of import that made it; the oldest are forgotten
 * beyond a bound (a folder of a large consortium keeps thousands open at once).
 */
import { randomUUID } from 'node:crypto';

/** The kind of a preview, typed by what it keeps: one per kind of import. */
interface PreviewKind<T> {
  readonly name: string;
  /** Only for the type: never set. */
  readonly value?: T;
}

export function previewKind<T>(name: string): PreviewKind<T> {
  return { name };
}

/** Previews kept open at once, of all kinds together. */
const maxOpenPreviews = 2000;

export class ImportPreviews {
  private readonly open = new Map<string, { kind: string; value: unknown }>();

  constructor(private readonly max = maxOpenPreviews) {}

  newToken(): string {
    return randomUUID();
  }

  /** Keeps a preview under its token (replacing one with the same token). */
  put<T>(kind: PreviewKind<T>, token: string, value: T): void {
    this.open.delete(token);
    this.open.set(token, { kind: kind.name, value });
    while (this.open.size > this.max) this.open.delete(this.open.keys().next().value!);
  }

  /** The open preview of this kind under the token, or undefined (unknown, forgotten, or another kind's). */
  get<T>(kind: PreviewKind<T>, token: string): T | undefined {
    const entry = this.open.get(token);
    return entry?.kind === kind.name ? (entry.value as T) : undefined;
  }

  /** The preview, closed as it is taken: a token is applied once. */
  take<T>(kind: PreviewKind<T>, token: string): T | undefined {
    const value = this.get(kind, token);
    if (value !== undefined) this.open.delete(token);
    return value;
  }

  forget(token: string): void {
    this.open.delete(token);
  }

  /** Forgets every open preview of one kind. */
  forgetAll(kind: PreviewKind<unknown>): void {
    for (const [token, entry] of this.open) if (entry.kind === kind.name) this.open.delete(token);
  }

  get size(): number {
    return this.open.size;
  }
}
