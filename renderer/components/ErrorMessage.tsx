import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../shared/errors';

/** Shows an error from the main process in the user's language; never a stack trace. */
export function ErrorMessage({ error }: { error: AppErrorData | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="alert alert--error" role="alert">
      <strong className="alert__title">{t('errors.title')}</strong>
      <p>{errorText(t, error)}</p>
    </div>
  );
}

export function errorText(t: (key: string, options?: Record<string, unknown>) => string, error: AppErrorData): string {
  const key = `errors.${error.code}`;
  const translated = t(key, { ...(error.params ?? {}), defaultValue: '' });
  // Codes whose text depends on details the generic message lacks use the specific English one.
  return translated && translated !== key ? translated : error.message;
}
