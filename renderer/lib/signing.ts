import type { Result } from '../../shared/errors';

/** Whether a failed call failed only because the signing key needs its passphrase. */
export function needsUnlock(result: Result<unknown>): boolean {
  return !result.ok && result.error.code === 'LOCKED' && result.error.params?.['reason'] === 'key-locked';
}
