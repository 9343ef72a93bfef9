/**
 * The interface exists in English, Spanish and German. Every key must exist in all three with the
 * same {{placeholders}}, and a translation must not be the English text left in place (a few
 * words are the same in every language; they are listed).
 */
import { describe, expect, it } from 'vitest';
import { languageForLocale, resources, translate } from '../../../shared/i18n';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [k, v] of flatten(value, path)) entries.set(k, v);
  }
  return entries;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Texts that are rightly the same in English and the other language. */
const sameInEveryLanguage = new Set([
  'app.name',
  'languages.en',
  'languages.es',
  'languages.de',
  'settings.version',
  'profile.fields.personEmail',
  'profile.fields.pic',
  'profile.fields.schacCode',
  'profile.fields.oid',
  'common.ok',
  // German: the same words (Team, Dimension, Alpha, Name).
  'team.tab',
  'team.agreement.dimension',
  'team.agreement.alpha',
  'team.contributors.name',
  // German: "Status" (the shorter word keeps the status columns whole at 900 px).
  'assessments.columns.status',
  'guide.status',
  'plan.status',
]);

const english = flatten(resources.en.translation as unknown as Tree);

describe('translations', () => {
  for (const language of ['es', 'de'] as const) {
    const other = flatten(resources[language].translation as unknown as Tree);

    it(`${language} has exactly the keys of English`, () => {
      expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
    });

    it(`${language} keeps every placeholder of English`, () => {
      const mismatched = [...english].filter(([key, text]) => JSON.stringify(placeholders(other.get(key) ?? '')) !== JSON.stringify(placeholders(text)));
      expect(mismatched.map(([key]) => key)).toEqual([]);
    });

    it(`${language} is translated, not English left in place`, () => {
      const untranslated = [...english].filter(([key, text]) => !sameInEveryLanguage.has(key) && text.length > 3 && other.get(key) === text);
      expect(untranslated.map(([key]) => key)).toEqual([]);
    });
  }

  it('picks the interface language from the system locale, English when it has no translation', () => {
    expect(languageForLocale('de-AT')).toBe('de');
    expect(languageForLocale('es_ES')).toBe('es');
    expect(languageForLocale('fr-FR')).toBe('en');
    expect(languageForLocale(undefined)).toBe('en');
  });

  it('fills placeholders and falls back to the key for unknown texts', () => {
    expect(translate('en', 'partners.removed', { name: 'Uni X' })).toBe('Uni X was removed.');
    expect(translate('de', 'no.such.key')).toBe('no.such.key');
  });
});
