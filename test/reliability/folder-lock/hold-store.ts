/**
 * The child process of the folder-lock tests: a second TrustBridge working on the same data folder.
 * Opens a real store on the folder it is given, writes `open` (or `refused <message>`) to stdout,
 * and closes the store cleanly when its stdin says `close` (then writes `closed` and ends).
 *
 *   node hold-store.cjs <dataDir>
 */
import { createInterface } from 'node:readline';
import { isAppError } from '../../../shared/errors';
import { Store } from '../../../electron/store/store';

async function main(): Promise<void> {
  const [dataDir] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: hold-store <dataDir>');
  let store: Store;
  try {
    store = await Store.open({ dataDir, kinds: [], folderLock: { appVersion: 'lock-test' } });
  } catch (error) {
    process.stdout.write(`refused ${isAppError(error) ? error.code : 'other'} ${error instanceof Error ? error.message : String(error)}\n`);
    return;
  }
  process.stdout.write('open\n');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === 'close') break;
  }
  await store.close();
  process.stdout.write('closed\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`hold-store failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
