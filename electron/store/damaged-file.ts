/**
 * A file of the store that exists but cannot be used. The store answers it differently from a file
 * that is absent (which is normal): it is set aside in quarantine and restored from a copy.
 */
export type DamageReason = 'empty' | 'not-json' | 'not-an-object' | 'invalid' | 'newer-version' | 'unreadable' | 'checksum';

export class DamagedFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: DamageReason,
    readonly detail = '',
  ) {
    super(`${path} is damaged (${reason}${detail ? `: ${detail}` : ''})`);
    this.name = 'DamagedFileError';
  }
}
