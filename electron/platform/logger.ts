/**
 * A plain file logger: one line per event in `<dataDir>/logs/trustbridge.log`, rotated at 2 MB.
 * Details (stack traces) go here and never to the UI.
 */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Where the main process reports what happened; every layer takes one as an argument. */
export interface Logger {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

const maxBytes = 2 * 1024 * 1024;

export function fileLogger(dataDir: string): Logger & { path: string } {
  const folder = join(dataDir, 'logs');
  const path = join(folder, 'trustbridge.log');
  const write = (level: string, message: string, detail?: unknown) => {
    try {
      mkdirSync(folder, { recursive: true });
      const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
      if (size > maxBytes) renameSync(path, `${path}.1`);
      const extra = detail === undefined ? '' : ` ${formatDetail(detail)}`;
      appendFileSync(path, `${new Date().toISOString()} ${level} ${message}${extra}\n`);
    } catch {
      // Logging must never break the app.
    }
  };
  return {
    path,
    info: (message, detail) => write('INFO', message, detail),
    warn: (message, detail) => write('WARN', message, detail),
    error: (message, detail) => write('ERROR', message, detail),
  };
}

function formatDetail(detail: unknown): string {
  if (detail instanceof Error) return `${detail.name}: ${detail.message}\n${detail.stack ?? ''}`;
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}
