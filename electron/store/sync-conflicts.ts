/**
 * The second version of a document that a sync service left beside it (found at open, store.ts
 * `findSyncConflicts`, and named in a notice): compared with the document, then resolved by the
 * officer's choice. Nothing is lost either way: the version not kept is moved to
 * `quarantine/<collection>/`, never deleted, and keeping the second version is an ordinary save
 * (validated, written durably with its copy, the document's previous save kept as `.bak`).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../../shared/errors';
import { jsonDifferences, type JsonDifference } from '../../shared/store/json-differences';
import { setAsideFile } from './checked-copy';
import { writeFileDurably } from './durable-write';
import { fileStamp, type DocumentKind, type StoredDocument, type Store } from './store';

interface SyncConflictComparison {
  noticeId: string;
  collection: string;
  documentId: string;
  conflictPath: string;
  /** `left` is the document TrustBridge uses, `right` the sync service's second version. */
  differences: JsonDifference[];
  /** Why the second version cannot be kept as it is (not valid JSON, not a valid document), if so. */
  conflictProblem?: string;
}

interface Located {
  noticeId: string;
  kind: DocumentKind<StoredDocument>;
  documentId: string;
  conflictPath: string;
}

/** The notice's conflict copy and the stored document it is a version of. */
function locate(store: Store, noticeId: string): Located {
  const notice = store.notices.find((candidate) => candidate.id === noticeId);
  if (!notice || notice.kind !== 'sync-conflict' || !notice.setAsidePath) {
    throw new AppError({ code: 'NOT_FOUND', message: 'This notice is not about a sync service’s second version of a file (or it was dealt with already).' });
  }
  const kind = store.kindOf(notice.collection);
  const name = basename(notice.setAsidePath);
  // Its document: the stored one whose file name the conflict copy's name starts with (ids are unique).
  const documentId = kind
    ? store
        .entries(kind)
        .map((entry) => entry.id)
        .filter((id) => name.startsWith(id))
        .sort((a, b) => b.length - a.length)[0]
    : undefined;
  if (!kind || !documentId) {
    throw new AppError({
      code: 'NOT_FOUND',
      message: `${notice.setAsidePath} is not a second version of a document TrustBridge holds, so it cannot be compared here. Open it in a text editor beside the file it copies, and delete it once you have made any change you need in TrustBridge.`,
      params: { path: notice.setAsidePath },
    });
  }
  return { noticeId, kind, documentId, conflictPath: notice.setAsidePath };
}

async function readConflict(path: string): Promise<{ value?: unknown; problem?: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError({ code: 'NOT_FOUND', message: `${path} is no longer there (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}). Dismiss the notice.` });
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { problem: 'It is not complete JSON (the sync service may have copied it half-written).' };
  }
}

export async function compareSyncConflict(store: Store, noticeId: string): Promise<SyncConflictComparison> {
  const { kind, documentId, conflictPath } = locate(store, noticeId);
  const document = await store.read(kind, documentId);
  const conflict = await readConflict(conflictPath);
  let problem = conflict.problem;
  if (!problem) {
    const parsed = kind.schema.safeParse(conflict.value);
    if (!parsed.success) problem = 'It is not a valid document of this kind (it may come from another version of TrustBridge).';
    else if (parsed.data.id !== documentId) problem = 'It is a version of another document.';
  }
  return {
    noticeId,
    collection: kind.collection,
    documentId,
    conflictPath,
    differences: conflict.value === undefined ? [] : jsonDifferences(document, conflict.value),
    ...(problem ? { conflictProblem: problem } : {}),
  };
}

/**
 * Keeps one version: the document as it is, or the sync service's second version in its place.
 * The version not kept is moved to quarantine (its path returned) and the notice dismissed.
 */
export async function resolveSyncConflict(store: Store, noticeId: string, keep: 'document' | 'conflict-copy'): Promise<{ setAsidePath: string }> {
  const { kind, documentId, conflictPath } = locate(store, noticeId);
  if (keep === 'conflict-copy') {
    const conflict = await readConflict(conflictPath);
    const parsed = conflict.value === undefined ? undefined : kind.schema.safeParse(conflict.value);
    if (!parsed?.success || parsed.data.id !== documentId) {
      throw new AppError({
        code: 'VALIDATION',
        message: `The second version (${conflictPath}) cannot replace the document: ${conflict.problem ?? 'it is not a valid version of this document'}. The document was kept as it is.`,
        params: { path: conflictPath },
      });
    }
    const current = await store.read(kind, documentId);
    // The version replaced is kept too, beside the conflict copy, so either can be had back.
    const folder = join(store.dataDir, 'quarantine', kind.collection);
    await mkdir(folder, { recursive: true });
    await writeFileDurably(join(folder, `${documentId}.json.replaced-by-sync-version.${fileStamp(store.now())}`), `${JSON.stringify(current, null, 2)}\n`);
    await store.update(kind, documentId, () => parsed.data, { catalogueNow: true });
  }
  const setAsidePath = await setAsideFile(store.dataDir, kind.collection, conflictPath, store.now());
  await store.dismissNotice(noticeId);
  return { setAsidePath };
}
