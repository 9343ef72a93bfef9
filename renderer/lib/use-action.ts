/**
 * One way for a screen to run an action in the main process and tell the user how it went: the
 * result comes back unchanged for the screen to use, and a failure is shown as a toast in the
 * user's language (errorText: a specific text for its reason, the code's text otherwise), never
 * as the raw English message. A cancelled dialog is not a failure and shows nothing.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../shared/errors';
import { errorText } from '../components/ErrorMessage';
import { notify } from '../components/Toasts';

interface ActionOptions {
  /** Shown as a success toast when the action worked. */
  success?: string;
  /** A failure the screen answers itself (a locked signing key asks for the passphrase): no toast. */
  handledHere?(result: Result<unknown>): boolean;
}

export function useAction() {
  const { t } = useTranslation();
  return useCallback(
    async <T>(action: () => Promise<Result<T>>, options: ActionOptions = {}): Promise<Result<T>> => {
      let result: Result<T>;
      try {
        result = await action();
      } catch (error) {
        // A call that threw instead of answering (the bridge itself failed): shown as an internal error.
        result = { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
      }
      if (result.ok) {
        if (options.success) notify(options.success);
      } else if (result.error.code !== 'CANCELLED' && !options.handledHere?.(result)) {
        notify(errorText(t, result.error), 'error');
      }
      return result;
    },
    [t],
  );
}
