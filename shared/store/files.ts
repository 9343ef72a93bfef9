/**
 * The shapes of the store's own side files, checked whenever one is read from disk: the catalogue
 * (`index.json`), its journal lines, a snapshot's manifest, the notices and the erasure log.
 * A file that does not match is damaged, and is handled as such (set aside, rebuilt or ignored,
 * as each reader documents); nothing read from disk is cast to its type unchecked.
 */
import { z } from 'zod';
import { noticeKinds, type StoreNotice } from './notices';

export const catalogueSchemaVersion = 1;

/** `index.json`: a summary per document, by collection and id. Summaries are checked by their kind. */
export const catalogueFileSchema = z.object({
  schemaVersion: z.literal(catalogueSchemaVersion),
  /** False while the app runs; true after a clean close. Absent in the oldest catalogues. */
  cleanShutdown: z.boolean().optional(),
  flushedAt: z.number().optional(),
  journal: z.string().optional(),
  collections: z.record(z.string(), z.record(z.string(), z.unknown())),
});
export type CatalogueFile = z.infer<typeof catalogueFileSchema>;

const journalBase = { g: z.string(), at: z.number() };
/** One line of `index.journal` (electron/store/catalogue-journal.ts). */
export const journalLineSchema = z.union([
  /** The app opened the store. */
  z.object({ ...journalBase, open: z.literal(1) }),
  /** A document left the catalogue. */
  z.object({ ...journalBase, c: z.string(), id: z.string(), x: z.literal(1) }),
  /** A summary set (a document created, saved, restored, reconciled). */
  z.object({ ...journalBase, c: z.string(), id: z.string(), s: z.unknown() }),
]);
export type JournalLine = z.infer<typeof journalLineSchema>;

/** A snapshot's `manifest.json`: each live file's size and modification time when it was copied. */
export const snapshotManifestSchema = z.object({
  files: z.record(z.string(), z.object({ size: z.number(), mtimeMs: z.number() })),
});
export type SnapshotManifest = z.infer<typeof snapshotManifestSchema>;

const storeNoticeSchema = z.object({
  id: z.string(),
  kind: z.enum(noticeKinds),
  at: z.string(),
  collection: z.string(),
  documentId: z.string().optional(),
  setAsidePath: z.string().optional(),
  copySetAsidePath: z.string().optional(),
  restoredFrom: z.string().optional(),
  reason: z.string().optional(),
}) satisfies z.ZodType<StoreNotice>;

/** `notices.json`. */
export const noticesFileSchema = z.object({ notices: z.array(storeNoticeSchema) });

/** The kinds of places a person can be named in (electron/services/personal-data.ts). */
export const personalDataCategories = [
  'legal-representative',
  'qa-contact',
  'signatory',
  'assessment-author',
  'assessment-completer',
  'change-history',
  'exchange-signer',
  'decision-maker',
  'action-owner',
  'app-user',
  /** A colleague who rates part of a team assessment (name, role, e-mail), on either side. */
  'team-contributor',
] as const;
export type PersonalDataCategory = (typeof personalDataCategories)[number];

/** One erasure: when, which kinds of places, how many — never whose. */
const erasureRecordSchema = z.object({
  id: z.string(),
  at: z.string(),
  categories: z.array(z.enum(personalDataCategories)),
  placesChanged: z.number(),
  documentsChanged: z.number(),
  /** Copies outside the live documents (snapshots, migration copies, deleted items) anonymised. */
  copiesChanged: z.number(),
});
export type ErasureRecord = z.infer<typeof erasureRecordSchema>;

/** `erasures.json`. */
export const erasureLogSchema = z.object({
  format: z.literal('trustbridge-erasures').optional(),
  formatVersion: z.literal(1).optional(),
  erasures: z.array(erasureRecordSchema).optional(),
});

/**
 * `transactions/<id>.json`: the undo record of a store transaction under way
 * (electron/store/transaction.ts). Each document the transaction touches is listed, with the
 * version it had before (null: it did not exist), before that document is written. A record
 * found at open belongs to a transaction that never committed: the store puts every listed
 * document back as it was.
 */
export const transactionRecordSchema = z.object({
  format: z.literal('trustbridge-transaction'),
  formatVersion: z.literal(1),
  id: z.string(),
  /** What the transaction was for (an import's file name), for the log. */
  label: z.string(),
  startedAt: z.string(),
  documents: z.array(
    z.object({
      collection: z.string(),
      id: z.string(),
      before: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});
export type TransactionRecordFile = z.infer<typeof transactionRecordSchema>;
