/**
 * What opening the store finds left beside its files, before anything is read: the leftovers of
 * a save a crash interrupted, and the second versions a sync service kept of a file changed on
 * two computers. (Transactions a crash interrupted are taken back by the store itself, from their
 * records: transaction.ts.)
 */
import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../platform/logger';
import { copiesFolderName } from './checked-copy';
import { backupSuffix } from './durable-write';
import type { StoreNotices } from './notices';
import { storageError } from './storage-errors';

/**
 * The files beside the documents (catalogue, settings, notices) are written like every file:
 * temp file, current → .bak, temp → current. A crash between the steps leaves a temp file, or
 * only the .bak: the temp files are removed, and a lone .bak is the last complete save.
 */
export async function finishInterruptedWrites(dataDir: string, logger: Logger): Promise<void> {
  try {
    const names = await readdir(dataDir);
    for (const name of names) {
      if (/^(index\.journal|(index|settings|notices)\.json)\.[0-9a-f]{12}\.tmp$/.test(name)) await rm(join(dataDir, name), { force: true });
    }
    // A copy interrupted while it was written leaves a temp file beside the copies.
    // No copies folder yet: nothing to look at.
    for (const name of await readdir(join(dataDir, copiesFolderName), { recursive: true }).catch(() => [] as string[])) {
      if (/\.copy\.[0-9a-f]{12}\.tmp$/.test(name)) await rm(join(dataDir, copiesFolderName, name), { force: true });
    }
    for (const file of ['index.json', 'settings.json', 'notices.json']) {
      if (!names.includes(file) && names.includes(file + backupSuffix)) {
        await rename(join(dataDir, file + backupSuffix), join(dataDir, file));
        logger.info(`Recovered ${file} from its .bak after an interrupted save`);
      }
    }
  } catch (error) {
    throw storageError(error, dataDir);
  }
}

/**
 * The names sync services give the second of two versions of a file: Dropbox "(… conflicted
 * copy …)", Nextcloud and ownCloud "(conflicted copy …)" / "_conflict-", Syncthing ".sync-conflict-",
 * OneDrive and Google Drive "-conflict" / "(1)" beside a JSON file.
 */
const syncConflictPattern = /conflict|\(\d+\)\.json|\.json\s*\(\d+\)/i;

/**
 * A sync service (Dropbox, OneDrive, Nextcloud, Syncthing) that saw a file changed on two
 * computers keeps both, the second beside the first under a name of its own. The store reads
 * only its own names, so such a copy would be silently ignored: each is named to the officer once
 * (kept where it is, never read or preferred), to compare with the document beside it
 * (sync-conflicts.ts).
 */
export async function findSyncConflicts(dataDir: string, collections: Iterable<string>, notices: StoreNotices): Promise<void> {
  const folders = ['', 'keys', ...[...collections].map((collection) => join('documents', collection))];
  const known = new Set(notices.peek().filter((notice) => notice.kind === 'sync-conflict').map((notice) => notice.setAsidePath));
  for (const folder of folders) {
    // The folder is made on first use; absent means empty.
    const names = await readdir(join(dataDir, folder)).catch(() => [] as string[]);
    for (const name of names) {
      if (!syncConflictPattern.test(name)) continue;
      const path = join(dataDir, folder, name);
      if (known.has(path)) continue;
      await notices.add({ kind: 'sync-conflict', collection: folder.split(/[\\/]/).pop() || 'settings', documentId: name, setAsidePath: path, reason: 'sync-conflict' });
    }
  }
}
