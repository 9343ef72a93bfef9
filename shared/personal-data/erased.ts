/**
 * An erased person's name. Erasure (electron/services/personal-data) stores one marker in every
 * place the name was, whatever the interface language, so that a data folder shared by officers
 * working in different languages holds the same text and a later erasure still recognises it. The
 * marker is never shown as stored: every screen, report and command prints it as the word for
 * "erased" in the reader's language (`personalData.erasedName` in shared/i18n/locales).
 */
import type { Language } from '../framework/schema';
import { translate } from '../i18n';

/** What erasure stores in place of a name (also inside a longer text, such as "name, role"). */
export const erasedMarker = '[erased]';

/** The word shown for an erased name in a language. */
export function erasedWord(language: Language): string {
  return translate(language, 'personalData.erasedName');
}

/** A text with every erased name in it shown as `word` (the reader's word for "erased"). */
export function showErased(text: string, word: string): string {
  return text.includes(erasedMarker) ? text.split(erasedMarker).join(word) : text;
}

/**
 * A copy of plain data (a report model, a table of rows) with every erased name in its texts shown
 * as `word`; parts without one are shared, not copied. For what is shown or exported only: what is
 * stored keeps the marker.
 */
export function withErasedShown<T>(value: T, word: string): T {
  return shown(value, word) as T;
}

function shown(value: unknown, word: string): unknown {
  if (typeof value === 'string') return showErased(value, word);
  if (Array.isArray(value)) {
    const items = value.map((item) => shown(item, word));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let changed = false;
    const entries = Object.entries(value).map(([key, item]) => {
      const next = shown(item, word);
      if (next !== item) changed = true;
      return [key, next] as const;
    });
    return changed ? Object.fromEntries(entries) : value;
  }
  return value;
}
