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

/**
 * What a reason given where an error is raised (`params.reason`) means for the reader: several
 * reasons share one text. These texts are specific and exist in every language.
 */
const reasonTexts: Record<string, string> = {
  'wrong-passphrase': 'wrong-passphrase',
  'key-locked': 'key-locked',
  'own-file': 'own-file',
  'not-exchange-file': 'not-exchange-file',
  empty: 'empty',
  encoding: 'damaged',
  syntax: 'damaged',
  number: 'damaged',
  depth: 'hostile',
  'unsafe-key': 'hostile',
  'duplicate-key': 'hostile',
  'string-too-long': 'hostile',
  'array-too-long': 'hostile',
  'too-many-keys': 'hostile',
};

/**
 * Codes whose message says what was wrong with this file, field or item ("the file X is not a
 * TrustBridge file"); the others (a full disk, an internal fault) read better in the code's text.
 */
const specificCodes = new Set<AppErrorData['code']>(['INVALID_REQUEST', 'VALIDATION', 'INVALID_FILE', 'UNREADABLE', 'CONFLICT', 'NOT_FOUND', 'LOCKED', 'NEWER_VERSION', 'FILE_TOO_LARGE', 'SIGNATURE_INVALID', 'KEY_CHANGED', 'KEY_UNKNOWN']);

/**
 * One error in words the user reads, in their language: the specific text for its reason when
 * there is one; otherwise, in English and for a code in specificCodes, the specific message written where it was raised, and in
 * other languages the translated text for its code (with its parameters) rather than English.
 */
export function errorText(t: (key: string, options?: Record<string, unknown>) => string, error: AppErrorData): string {
  const params = error.params ?? {};
  const reason = typeof params['reason'] === 'string' ? reasonTexts[params['reason']] : undefined;
  if (reason) {
    const text = t(`errors.reasons.${reason}`, { ...params, defaultValue: '' });
    if (text) return text;
  }
  if (specificCodes.has(error.code) && error.message && t('errors.specificInEnglish', { defaultValue: '' }) === 'true') return error.message;
  const key = `errors.${error.code}`;
  const translated = t(key, { ...params, defaultValue: '' });
  return translated && translated !== key ? translated : error.message;
}
