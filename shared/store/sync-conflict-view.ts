/**
 * A sync service's second version of a document (a `… (conflicted copy).json` beside it), compared
 * with the stored document for the officer to choose (electron/store/sync-conflicts.ts).
 */
import type { JsonDifference } from './json-differences';

export interface SyncConflictView {
  noticeId: string;
  collection: string;
  documentId: string;
  /** The document's title (an assessment's, an institution's name), to say which one it is. */
  title: string;
  conflictPath: string;
  /** `left` is the stored document, `right` the second version. */
  differences: JsonDifference[];
  /** Why the second version cannot replace the document, if so (then only keeping the stored one is offered). */
  conflictProblem?: string;
}
