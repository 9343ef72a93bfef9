/**
 * Reading documents one by one for a list, a count or a view of what is still stored. A document
 * removed since it was listed (NOT_FOUND) or damaged beyond repair (DAMAGED_FILE: the store has
 * already set it aside and told the user in a notice, see Store.load) is left out, and the log says
 * which one and why. Any other failure (a file that may not be read, a full disk) is thrown: it is
 * no reason to show a shorter list as if it were whole.
 */
import { isAppError } from '../../shared/errors';
import type { Logger } from '../platform/logger';

export async function unlessGone<T>(read: Promise<T>, logger: Logger, what: string): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (isAppError(error) && (error.code === 'NOT_FOUND' || error.code === 'DAMAGED_FILE')) {
      logger.warn(`Left out ${what}: ${error.code === 'NOT_FOUND' ? 'no longer stored' : 'damaged, set aside (see the notices)'}`, error);
      return undefined;
    }
    throw error;
  }
}
