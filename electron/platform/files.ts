/**
 * The named ways to let a file operation fail, instead of `.catch(() => undefined)` (which lint
 * refuses): each says which failure it expects, and what happens to the others.
 *
 * - `statIfExists`, `lstatIfExists`, `readIfExists`, `readTextIfExists`: "is it there?". Only a
 *   missing file (ENOENT, or ENOTDIR: a path through a file, so nothing can be there) answers
 *   `undefined`; any other failure (a folder where a file was expected, no permission, a disk
 *   error) is thrown as an `UNREADABLE` AppError naming the path, never mistaken for "not found".
 * - `removeQuietly`, `bestEffort`: cleanup whose failure must not replace the error that matters
 *   (a temp file left behind); the failure is logged, not dropped.
 * - `settled`, `SerialQueue`: work run one after another, where each failure was already given to
 *   its own caller and the next piece of work runs regardless.
 */
import { type Stats } from 'node:fs';
import { lstat, readFile, rm, stat } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import type { Logger } from './logger';

/** The error codes that mean "nothing is at this path". */
const missingCodes = new Set(['ENOENT', 'ENOTDIR']);

export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when the error says nothing is at the path (ENOENT, or ENOTDIR for a path through a file). */
export function isMissingFileError(error: unknown): boolean {
  const code = errnoCode(error);
  return code !== undefined && missingCodes.has(code);
}

const plainProblems: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  EIO: 'the disk reported an input/output error',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files are open',
  EBUSY: 'it is in use',
};

/** A failure to read `path` that is not "missing", as an error the UI and the CLI can show. */
export function unreadableError(error: unknown, path: string): AppError {
  if (error instanceof AppError) return error;
  const code = errnoCode(error);
  const problem = (code && plainProblems[code]) ?? (error instanceof Error ? error.message : String(error));
  return new AppError(
    { code: 'UNREADABLE', message: `${path} cannot be read: ${problem}${code && plainProblems[code] ? ` (${code})` : ''}.`, params: { path, ...(code ? { errno: code } : {}) } },
    { cause: error },
  );
}

async function ifExists<T>(path: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isMissingFileError(error)) return undefined;
    throw unreadableError(error, path);
  }
}

/** The file's stats (symbolic links followed), or undefined when nothing is there. */
export function statIfExists(path: string): Promise<Stats | undefined> {
  return ifExists(path, () => stat(path));
}

/** The stats of the path itself (a symbolic link is not followed), or undefined when nothing is there. */
export function lstatIfExists(path: string): Promise<Stats | undefined> {
  return ifExists(path, () => lstat(path));
}

/** The file's bytes, or undefined when nothing is there. */
export function readIfExists(path: string): Promise<Buffer | undefined> {
  return ifExists(path, () => readFile(path));
}

/** The file's text (UTF-8), or undefined when nothing is there. */
export function readTextIfExists(path: string): Promise<string | undefined> {
  return ifExists(path, () => readFile(path, 'utf8'));
}

/**
 * Where cleanup failures go when the caller has no logger: Node's process warnings, which reach
 * the terminal (and the main process's output), so they are never silently dropped.
 */
const processWarnings: Logger = {
  info: (message) => process.emitWarning(message),
  warn: (message, detail) => process.emitWarning(detail instanceof Error ? `${message}: ${detail.message}` : message),
  error: (message, detail) => process.emitWarning(detail instanceof Error ? `${message}: ${detail.message}` : message),
};

let cleanupLogger: Logger = processWarnings;

/**
 * Sends the cleanup failures of callers that pass no logger (the low-level writes: durable
 * writes, checked copies, locks, backups) to `logger` — the main process gives its log file, so a
 * file left behind is in the log a user can send — and returns how to undo that. Until then they go
 * to Node's process warnings.
 */
export function logCleanupTo(logger: Logger): () => void {
  const previous = cleanupLogger;
  cleanupLogger = logger;
  return () => {
    cleanupLogger = previous;
  };
}

/**
 * Awaits work whose failure must not stop the caller (putting back a file after a failed save,
 * releasing a lock after a failed open): a failure is logged as a warning with `what`, and
 * otherwise ignored, because another error is what the user must read.
 */
export async function bestEffort(work: Promise<unknown> | (() => Promise<unknown>), what: string, logger: Logger = cleanupLogger): Promise<void> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    logger.warn(`${what} failed; carrying on`, error);
  }
}

/**
 * Removes a file (or with `recursive`, a folder) that is no longer wanted, typically a temp file
 * after a failed write. A path already gone is fine; any other failure is logged and left: the file
 * stays behind, and the error that matters is the caller's.
 */
export async function removeQuietly(path: string, options: { recursive?: boolean; logger?: Logger } = {}): Promise<void> {
  try {
    await rm(path, { force: true, recursive: options.recursive ?? false });
  } catch (error) {
    (options.logger ?? cleanupLogger).warn(`Could not remove ${path}; it is left behind`, error);
  }
}

/**
 * Resolves when `promise` has settled, whatever its outcome: for waiting on work whose failure
 * was (or will be) given to its own caller, as the next link of a chain of work run one at a time.
 */
export function settled(promise: Promise<unknown> | undefined): Promise<void> {
  return (promise ?? Promise.resolve()).then(
    () => undefined,
    () => undefined,
  );
}

/**
 * Runs work one piece at a time, in the order given. Each piece's result or failure goes to its
 * own caller; a failure does not stop the pieces after it.
 */
export class SerialQueue {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const run = settled(this.last).then(work);
    this.last = run;
    return run;
  }

  /** Resolves once everything queued so far has run (successfully or not). */
  idle(): Promise<void> {
    return settled(this.last);
  }
}
