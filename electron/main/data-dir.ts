/**
 * Where the store lives: `--data-dir <path>` (or `--data-dir=<path>`) on the command line, else the
 * TRUSTBRIDGE_DATA_DIR environment variable, else the operating system's application-data folder.
 * The override makes portable use (a USB stick) and tests possible.
 */
import { createHash } from 'node:crypto';
import { lstat, rm } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';

const dataDirEnvVar = 'TRUSTBRIDGE_DATA_DIR';

export function resolveDataDir(argv: readonly string[], env: Record<string, string | undefined>, fallback: string, cwd: string): string {
  const fromArgs = dataDirArgument(argv);
  const chosen = fromArgs ?? env[dataDirEnvVar] ?? fallback;
  return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
}

function dataDirArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--data-dir') {
      const next = argv[i + 1];
      if (next && !next.startsWith('--')) return next;
    } else if (arg.startsWith('--data-dir=')) {
      const value = arg.slice('--data-dir='.length);
      if (value) return value;
    }
  }
  return undefined;
}

/**
 * `.trustbridge` files passed on the command line (double-click, "Open with"), as absolute paths:
 * a relative one is relative to the folder the command ran in (a second instance's own).
 */
export function exchangeFileArguments(argv: readonly string[], cwd: string): string[] {
  return argv.filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith('.trustbridge')).map((arg) => resolve(cwd, arg));
}

/** The folder, outside the data folder, that holds Chromium's profile for sessions on that data folder. */
const chromiumProfilesFolder = 'TrustBridge Chromium profiles';

/**
 * Where Chromium keeps its profile while TrustBridge works on `dataDir`: on the local disk, under
 * the operating system's application-data folder, one folder per data folder (a hash of its path;
 * case-folded where file names ignore case). Not inside the default data folder
 * (`<appData>/TrustBridge`), whose whole content the store backup archives.
 */
export function chromiumProfileDir(appData: string, dataDir: string, platform: string): string {
  const key = platform === 'win32' || platform === 'darwin' ? dataDir.toLowerCase() : dataDir;
  return join(appData, chromiumProfilesFolder, createHash('sha256').update(key).digest('hex').slice(0, 16));
}

/**
 * What TrustBridge 0.1 let Chromium write into the data folder (its profile was the data folder,
 * its session data `.chromium/`): never TrustBridge's own files, and only in the way now — stale
 * locks, caches in the backup archive.
 */
const chromiumLeftovers = ['.chromium', 'Local State', 'SingletonLock', 'SingletonSocket', 'SingletonCookie'] as const;

/** Removes those leftovers from a data folder; returns the names it removed. */
export async function removeChromiumLeftovers(dataDir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of chromiumLeftovers) {
    const path = join(dataDir, name);
    try {
      // lstat, not stat: SingletonLock is a symlink to nowhere; rm removes the link, never a target.
      await lstat(path);
      await rm(path, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Not there (or not removable): nothing to do; the app works either way.
    }
  }
  return removed;
}
