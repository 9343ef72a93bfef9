import { AppError } from '../../shared/errors';

/**
 * Turns a file-system failure into a message a QA officer can act on. The path goes into params so
 * the UI can show which folder is affected; the original error stays attached as the cause for logs.
 */
export function storageError(error: unknown, path: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError(
      {
        code: 'DISK_FULL',
        message: `The disk is full, so ${path} could not be saved. Free some space and try again; everything saved before is kept.`,
        params: { path },
      },
      { cause: error },
    );
  }
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new AppError(
      {
        code: 'READ_ONLY',
        message: `TrustBridge may not write to ${path}. Make the data folder writable (or choose another one) and try again; everything saved before is kept.`,
        params: { path },
      },
      { cause: error },
    );
  }
  return new AppError(
    {
      code: 'STORAGE_FAILED',
      message: `Saving ${path} failed (${code ?? 'unknown error'}). Try again; everything saved before is kept.`,
      params: { path, reason: code ?? 'unknown' },
    },
    { cause: error },
  );
}
