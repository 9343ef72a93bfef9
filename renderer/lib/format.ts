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

/** What `useFormat` returns: the user's number and date formats for one locale. */
export type Format = ReturnType<typeof formatFor>;

/**
 * The formats of one locale. Building an `Intl` formatter costs far more than using one (a list of
 * fifty dated rows built fifty of them on every render), so each locale's are built once, and
 * screens get the same object back for as long as the locale stays.
 */
function formatFor(locale: string) {
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const wholeBytes = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const bytesOneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return {
    locale,
    /** A score as people read it: one decimal and a percent sign, "—" when there is none. */
    score: (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${oneDecimal.format(roundScore(value) ?? 0)} %`),
    /** A plain number with one decimal, in the user's regional format. */
    number: (value: number) => oneDecimal.format(value),
    figure: (figure: Figure) => (figure.display === null ? '—' : `${oneDecimal.format(figure.display)} %`),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    date: (iso: string) => date.format(new Date(iso)),
    /** A calendar day (YYYY-MM-DD), without time-zone shifts. */
    day: (day: string) => {
      const [year, month, dayOfMonth] = day.split('-').map(Number);
      return year && month && dayOfMonth ? date.format(new Date(year, month - 1, dayOfMonth)) : day;
    },
    bytes: (bytes: number) => {
      const units = ['B', 'KB', 'MB', 'GB'];
      let value = bytes;
      let unit = 0;
      while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
      }
      return `${(unit === 0 ? wholeBytes : bytesOneDecimal).format(value)} ${units[unit]}`;
    },
  };
}

const formats = new Map<string, Format>();

export function useFormat(): Format {
  const { locale } = useLocale();
  let format = formats.get(locale);
  if (!format) {
    format = formatFor(locale);
    formats.set(locale, format);
  }
  return format;
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
