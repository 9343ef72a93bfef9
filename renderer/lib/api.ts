/**
 * The renderer's way to the main process: `window.api`, built from the IPC contract. Calls return
 * results (value or typed error); `unwrap` turns an error into an exception for code that prefers
 * to throw, such as loaders.
 */
import type { AppErrorData, Result } from '../../shared/errors';

export class ApiError extends Error {
  constructor(readonly data: AppErrorData) {
    super(data.message);
    this.name = 'ApiError';
  }
}

export function api() {
  return window.api;
}

export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error);
}

export function errorData(error: unknown): AppErrorData {
  if (error instanceof ApiError) return error.data;
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
