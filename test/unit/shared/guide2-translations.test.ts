/**
 * Guide 2.0 in Spanish and German: the same framework as the English one in another language.
 * Every text a reader sees (titles, guidance, level descriptors, evidence examples, the guidance
 * for auditors, the profiles, the crosswalk's element titles and citations) is translated, except
 * proper names and codes; identifiers, citations' ELI/CELEX and the criterion mapping are the same.
 * One word for a micro-credential in each language, and one form of address.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkStructureFingerprint } from '../../../shared/framework/fingerprint';
import { frameworkSchema } from '../../../shared/framework/schema';

const raw = (language: string): string => readFileSync(new URL(`../../../templates/frameworks/trustbridge-guide-2/${language}.json`, import.meta.url), 'utf8');
const load = (language: string) => frameworkSchema.parse(JSON.parse(raw(language)));

/** Members that hold identifiers, codes or addresses, never words for a reader. */
const notText = new Set(['$schema', 'format', 'id', 'version', 'publisher', 'instrument', 'covers', 'excluded', 'group', 'celex', 'eli', 'url', 'retiredInVersion', 'language']);

/**
 * The same in every language: a code or acronym (no lowercase word in it), or a word that is
 * spelled the same in the translation (checked one by one).
 */
const sameInTranslation: Record<'es' | 'de', ReadonlySet<string>> = {
  // "Portable": the Spanish adjective has the English spelling (also "portátil").
  es: new Set(['Portable']),
  // "Standard 1.1: Status": the European Approach's standard, in German as in English.
  de: new Set(['Standard 1.1: Status']),
};
const isCode = (text: string) => !/\p{Ll}{2,}/u.test(text) || /^(Art\.|Article) \d+/.test(text);

/** Every string of the translation that equals the English one at the same place, with its path. */
function untranslated(english: unknown, translated: unknown, path: string[], out: string[]): string[] {
  const key = path.at(-1) ?? '';
  if (notText.has(key)) return out;
  if (typeof english === 'string') {
    if (english === translated) out.push(`${path.join('.')}: ${english}`);
  } else if (Array.isArray(english) && Array.isArray(translated)) {
    english.forEach((item, index) => untranslated(item, translated[index], [...path, String(index)], out));
  } else if (english && typeof english === 'object' && translated && typeof translated === 'object') {
    for (const [member, value] of Object.entries(english)) {
      // The criterion mapping (carriedFrom …) is keyed by criterion id: ids, not words.
      if (/^[A-Z]{3}-\d\d$/.test(member)) continue;
      untranslated(value, (translated as Record<string, unknown>)[member], [...path, member], out);
    }
  }
  return out;
}

describe('guide 2.0 in Spanish and German', () => {
  const english = load('en');

  for (const language of ['es', 'de'] as const) {
    describe(language, () => {
      const translated = load(language);

      it('declares its language and has the structure of the English guide', () => {
        expect(translated.language).toBe(language);
        expect(frameworkStructureFingerprint(translated)).toBe(frameworkStructureFingerprint(english));
        expect(translated.profiles?.map((p) => [p.id, p.excluded, p.overrides])).toEqual(english.profiles?.map((p) => [p.id, p.excluded, p.overrides]));
        expect(translated.sourceElements?.map((e) => [e.id, e.group])).toEqual(english.sourceElements?.map((e) => [e.id, e.group]));
      });

      it('leaves no text a reader sees in English, but for proper names and codes', () => {
        const left = untranslated(JSON.parse(raw('en')), JSON.parse(raw(language)), [], []).filter((line) => {
          const text = line.slice(line.indexOf(': ') + 2);
          return !isCode(text) && !sameInTranslation[language].has(text);
        });
        expect(left).toEqual([]);
      });

      it('writes micro-credential one way', () => {
        // Identifiers (the profile "joint-micro-credential") are not words of the text.
        const text = raw(language).replace(/"id": "[^"]*"/g, '');
        const words = new Set((text.match(/\b(micro[- ]?credencial(?:es)?|mikro[- ]?\w+|micro[- ]?credentials?)\b/giu) ?? []).map((w) => w.toLowerCase()));
        expect([...words].sort()).toEqual(language === 'es' ? ['microcredencial', 'microcredenciales'] : ['microcredential', 'microcredentials']);
      });

      it('addresses the reader one way: tú in Spanish, Sie in German, as the interface does', () => {
        const text = raw(language);
        if (language === 'es') expect(text.match(/\b(usted|ustedes|elija|seleccione)\b/giu) ?? []).toEqual([]);
        else expect(text.match(/\b(du|dich|dir|dein|deine|deinen|deiner|wähle|prüfe)\b/gu) ?? []).toEqual([]);
      });
    });
  }
});
