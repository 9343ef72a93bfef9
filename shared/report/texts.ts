/**
 * Report texts: headings, explanations, disclaimers and column headers of the Word and Excel
 * documents, one JSON file per language under `templates/reports/`, so a consortium can adjust the
 * wording without touching code. They are not the interface's translations (shared/i18n): a report
 * is written in the language chosen for it, whatever language the interface is in.
 *
 * The model (shared/report) names such texts by key; the exporters look them up here.
 */
import type { Language } from '../framework/schema';

/** A tree of texts as the template files hold it: nested objects whose leaves are strings. */
export interface TextTree {
  readonly [key: string]: string | TextTree;
}

export type TextParams = Readonly<Record<string, string | number>>;

/** A text the model names by key (from the report templates), with its placeholders' values. */
export interface TextRef {
  key: string;
  params?: TextParams;
}

/** Either text taken from data (a criterion title, an institution's name) or a template key. */
export type ReportText = string | TextRef;

export const reportLanguages: readonly Language[] = ['en', 'es', 'de'];

/** `{{name}}` placeholders, as the interface's translations use them. */
export const placeholderPattern = /\{\{(\w+)\}\}/g;

export function fillPlaceholders(template: string, params: TextParams = {}): string {
  return template.replace(placeholderPattern, (match, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : match));
}

export function lookup(tree: TextTree, key: string): string | undefined {
  let node: string | TextTree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Every leaf of a tree as `a.b.c` → text. */
export function flattenTexts(tree: TextTree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [k, v] of flattenTexts(value, path)) entries.set(k, v);
  }
  return entries;
}

/** The texts of one report language, with the number and date formats of its locale. */
export interface ReportTexts {
  language: Language;
  /** A BCP 47 locale for numbers and dates, from the template (`en-GB`, `es-ES`, `de-DE`). */
  locale: string;
  t(key: string, params?: TextParams): string;
  resolve(text: ReportText): string;
  /** A score for display (already rounded by `roundScore`) as "74.5 %" in the report's style; "—" for none. */
  percent(display: number | null): string;
  /** A plain number with the locale's decimal separator, one decimal. */
  decimal(value: number | null): string;
  /** `2026-11-23` or an ISO timestamp as a long date ("23 November 2026"), read in UTC. */
  date(isoDate: string | undefined): string;
}

/** Shown where a figure does not exist (a dimension with nothing rated): never 0. */
export const noFigure = '—';

/**
 * Texts of a language, falling back to the English file key by key: a consortium that adjusts a
 * file and leaves a key out still gets a complete document. A key missing everywhere is shown as
 * `[[key]]`, which tests look for, rather than failing the export.
 */
export function reportTexts(language: Language, tree: TextTree, fallback: TextTree = tree): ReportTexts {
  const locale = lookup(tree, 'meta.locale') ?? lookup(fallback, 'meta.locale') ?? 'en-GB';
  const t = (key: string, params?: TextParams): string => {
    const template = lookup(tree, key) ?? lookup(fallback, key);
    return template === undefined ? `[[${key}]]` : fillPlaceholders(template, params);
  };
  const decimalFormat = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  return {
    language,
    locale,
    t,
    resolve: (text) => (typeof text === 'string' ? text : t(text.key, text.params)),
    percent: (display) => (display === null ? noFigure : t('meta.percent', { value: decimalFormat.format(display) })),
    decimal: (value) => (value === null ? noFigure : decimalFormat.format(value)),
    date: (isoDate) => {
      if (!isoDate) return noFigure;
      const day = /^\d{4}-\d{2}-\d{2}/.exec(isoDate)?.[0];
      if (!day) return isoDate;
      const parsed = new Date(`${day}T00:00:00Z`);
      return Number.isNaN(parsed.getTime()) ? isoDate : dateFormat.format(parsed);
    },
  };
}
