import type { Language } from '../framework/schema';

/**
 * The UI language for an OS locale such as `de-AT`: its language if we have it, else English. Apart
 * from index.ts, so the renderer can ask without loading every language's texts.
 */
export function languageForLocale(locale: string | undefined | null): Language {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return base === 'es' || base === 'de' ? base : 'en';
}
