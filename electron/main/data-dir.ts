/**
 * Where the store lives: `--data-dir <path>` (or `--data-dir=<path>`) on the command line, else the
 * TRUSTBRIDGE_DATA_DIR environment variable, else the operating system's application-data folder.
 * The override makes portable use (a USB stick) and tests possible.
 */
import { isAbsolute, resolve } from 'node:path';

export const dataDirEnvVar = 'TRUSTBRIDGE_DATA_DIR';

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

/** `.trustbridge` files passed on the command line (double-click, "Open with"). */
export function exchangeFileArguments(argv: readonly string[]): string[] {
  return argv.filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith('.trustbridge'));
}
