/**
 * The built-in guide ships in English, Spanish and German. Every translation must be the same
 * framework in another language: same identifiers, weights, critical flags, thresholds, sources'
 * instruments, and the same number of evidence examples — so scores, comparisons and signed
 * exchange files do not depend on the language a QA officer reads the guide in.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkStructureFingerprint } from '../../../shared/framework/fingerprint';
import { frameworkSchema, type Framework } from '../../../shared/framework/schema';

const load = (language: string): Framework =>
  frameworkSchema.parse(
    JSON.parse(readFileSync(new URL(`../../../templates/frameworks/trustbridge-guide/${language}.json`, import.meta.url), 'utf8')),
  );

/** Everything but the words. */
function skeleton(framework: Framework) {
  return {
    id: framework.id,
    version: framework.version,
    validityMonths: framework.validityMonths,
    thresholds: framework.thresholds,
    scale: framework.scale.map((level) => level.value),
    retired: framework.retired.map((retired) => retired.id),
    dimensions: framework.dimensions.map((dimension) => ({
      id: dimension.id,
      weight: dimension.weight,
      criteria: dimension.criteria.map((criterion) => ({
        id: criterion.id,
        weight: criterion.weight,
        critical: criterion.critical,
        levels: criterion.levels.length,
        evidenceExamples: criterion.evidenceExamples.length,
        sources: criterion.sources.map((source) => source.instrument),
      })),
    })),
  };
}

describe('the built-in guide in three languages', () => {
  const english = load('en');

  for (const language of ['es', 'de'] as const) {
    describe(language, () => {
      const translated = load(language);

      it('declares its own language', () => {
        expect(translated.language).toBe(language);
      });

      it('has exactly the structure of the English guide', () => {
        expect(skeleton(translated)).toEqual(skeleton(english));
        expect(frameworkStructureFingerprint(translated)).toBe(frameworkStructureFingerprint(english));
      });

      it('is translated: no criterion title, guidance or level descriptor is left in English', () => {
        const englishTexts = new Set(
          english.dimensions.flatMap((d) => [d.title, d.summary, ...d.criteria.flatMap((c) => [c.title, c.guidance, ...c.levels])]),
        );
        const untranslated = translated.dimensions.flatMap((d) =>
          [d.title, d.summary, ...d.criteria.flatMap((c) => [c.title, c.guidance, ...c.levels])].filter((text) => englishTexts.has(text)),
        );
        expect(untranslated).toEqual([]);
      });
    });
  }
});
