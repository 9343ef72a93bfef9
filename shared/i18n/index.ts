/**
 * Translations of every text TrustBridge shows, in one JSON file per language. The renderer and
 * the main process (menu, dialog titles) read the same files; a unit test proves the three files
 * have exactly the same keys and placeholders.
 */
import type { Language } from '../framework/schema';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';

export const resources = { en: { translation: en }, es: { translation: es }, de: { translation: de } } as const;
export type TranslationTree = typeof en;

export { languageForLocale } from './language';

/** Looks a dotted key up in one language's tree, with `{{name}}` placeholders filled. */
export function translate(language: Language, key: string, params: Record<string, string | number> = {}): string {
  const tree = resources[language].translation as unknown as Record<string, unknown>;
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
  if (typeof value !== 'string') return key;
  return value.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => String(params[name] ?? `{{${name}}}`));
}
