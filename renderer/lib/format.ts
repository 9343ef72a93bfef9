/**
 * Numbers and dates in the user's format: the regional format the app runs with (see App.tsx,
 * `formattingLocale`), read from React Aria's locale so every screen formats the same way.
 */
import { useLocale } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../shared/framework/schema';
import type { Figure } from '../../shared/report/model';
import { roundScore } from '../../shared/scoring/format';
import { showErased } from '../../shared/personal-data/erased';

export function useUiLanguage(): Language {
  const { i18n } = useTranslation();
  return (languages as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'en';
}

export function useFormat() {
  const { locale } = useLocale();
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return {
    locale,
    /** A score as people read it: one decimal and a percent sign, "—" when there is none. */
    score: (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${oneDecimal.format(roundScore(value) ?? 0)} %`),
    /** A plain number with one decimal, in the user's regional format. */
    number: (value: number) => oneDecimal.format(value),
    figure: (figure: Figure) => (figure.display === null ? '—' : `${oneDecimal.format(figure.display)} %`),
    dateTime: (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    date: (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso)),
    /** A calendar day (YYYY-MM-DD), without time-zone shifts. */
    day: (day: string) => {
      const [year, month, date] = day.split('-').map(Number);
      return year && month && date ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(year, month - 1, date)) : day;
    },
    bytes: (bytes: number) => {
      const units = ['B', 'KB', 'MB', 'GB'];
      let value = bytes;
      let unit = 0;
      while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
      }
      return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
    },
  };
}

/**
 * A stored name (or a text naming people, such as "name, role") as the reader sees it: an erased
 * person's name reads as the interface language's word for it. For display only; what is saved keeps
 * the stored text.
 */
export function useShowName(): (text: string) => string {
  const { t } = useTranslation();
  const word = t('personalData.erasedName');
  return (text: string) => showErased(text, word);
}
