/** What the store knows of a kind of document: the shape every stored document kind declares. */
import type { z } from 'zod';

export interface StoredDocument {
  id: string;
  schemaVersion: number;
}

/** A kind of document: its folder, its current schema version, how to migrate and summarise it. */
export interface DocumentKind<T extends StoredDocument, S = unknown> {
  collection: string;
  schemaVersion: number;
  schema: z.ZodType<T>;
  /** `migrations[n]` turns a document of version n into version n + 1. */
  migrations: Readonly<Record<number, (document: Record<string, unknown>) => Record<string, unknown>>>;
  /** The small summary kept in the catalogue, so lists never open every document. */
  summarise(document: T): S;
  /** The summary's shape (shared/store/summaries.ts): a summary read from disk is checked by it. */
  summarySchema: z.ZodType<S>;
}

