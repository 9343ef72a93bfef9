/**
 * What the store tells the user about its own health: a file that was damaged and restored (from
 * its copy, its previous save or a snapshot), a damaged copy written again, a file that could not
 * be restored and was set aside, a migration that took a backup first, a sync service's conflict
 * copy found beside a document (`setAsidePath` is where it lies, left untouched).
 */
export const noticeKinds = [
  'restored-from-backup',
  'restored-from-snapshot',
  'restored-from-copy',
  'copy-repaired',
  'set-aside',
  'index-rebuilt',
  'migrated',
  'sync-conflict',
] as const;
type NoticeKind = (typeof noticeKinds)[number];

export interface StoreNotice {
  id: string;
  kind: NoticeKind;
  at: string;
  /** Which kind of document (assessments, institutions, settings, index …). */
  collection: string;
  documentId?: string;
  /** Where the damaged file was put, so the user or support can look at it. */
  setAsidePath?: string;
  /** Where the damaged second copy was put, when the file and its copy were both damaged. */
  copySetAsidePath?: string;
  /** When the restored copy was taken, for restores from a snapshot. */
  restoredFrom?: string;
  reason?: string;
}
