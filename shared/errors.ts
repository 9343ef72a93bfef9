/**
 * Errors are values: a stable code the UI translates, an English message for logs and the command
 * line, and optional details. Nothing here ever carries a stack trace to the user.
 */

export const errorCodes = [
  'INVALID_REQUEST',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'VALIDATION',
  'DISK_FULL',
  'READ_ONLY',
  'STORAGE_FAILED',
  'DAMAGED_FILE',
  'UNREADABLE',
  'NEWER_VERSION',
  'FILE_TOO_LARGE',
  'INVALID_FILE',
  'SIGNATURE_INVALID',
  'KEY_CHANGED',
  'KEY_UNKNOWN',
  'CANCELLED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one field, named by its path (`qaContact.email`, `dimensions.2.criteria.0.id`). */
export interface FieldIssue {
  path: string;
  /** A translation key under `validation.` when the UI should translate it, else plain English. */
  message: string;
  params?: Record<string, string | number>;
}

export interface AppErrorData {
  code: ErrorCode;
  message: string;
  params?: Record<string, string | number>;
  issues?: FieldIssue[];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number> | undefined;
  readonly issues: FieldIssue[] | undefined;

  constructor(data: AppErrorData, options?: { cause?: unknown }) {
    super(data.message, options);
    this.name = 'AppError';
    this.code = data.code;
    this.params = data.params;
    this.issues = data.issues;
  }

  toData(): AppErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.params ? { params: this.params } : {}),
      ...(this.issues ? { issues: this.issues } : {}),
    };
  }
}

/**
 * A name read from a file (a part of an archive, an entry of a backup) as a message may quote it:
 * a damaged or hostile file can put line breaks, control characters or kilobytes of noise in it.
 * Those become "?" and the name is cut to `max` characters, so the message stays one clean line.
 */
export function nameForMessage(name: string, max = 80): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is being replaced
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffd]/g, '?');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** What every IPC call returns: the value, or an error the UI can show. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppErrorData): Result<never> => ({ ok: false, error });
