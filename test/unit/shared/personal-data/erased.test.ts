/**
 * An erased person's name: one stored marker, shown as the reader's word for "erased".
 */
import { describe, expect, it } from 'vitest';
import { erasedMarker, erasedWord, showErased, withErasedShown } from '../../../../shared/personal-data/erased';
import { resources } from '../../../../shared/i18n';

describe('an erased name', () => {
  it('reads as the word of each language, taken from its translations', () => {
    for (const language of ['en', 'es', 'de'] as const) {
      expect(erasedWord(language)).toBe(resources[language].translation.personalData.erasedName);
    }
    expect(new Set(['en', 'es', 'de'].map((language) => erasedWord(language as 'en' | 'es' | 'de'))).size).toBe(3);
  });

  it('is shown in a name, inside a longer text and every time it occurs; other texts are untouched', () => {
    const word = erasedWord('es');
    expect(showErased(erasedMarker, word)).toBe(word);
    expect(showErased(`${erasedMarker}, Quality manager`, word)).toBe(`${word}, Quality manager`);
    expect(showErased(`${erasedMarker} and ${erasedMarker}`, word)).toBe(`${word} and ${word}`);
    expect(showErased('Jordi Puig', word)).toBe('Jordi Puig');
    expect(showErased('', word)).toBe('');
  });

  it('is shown throughout plain data without changing the original, sharing the parts that hold none', () => {
    const untouched = { scores: [1, 2, 3], title: 'Self-assessment 2026' };
    const data = { completed: { by: erasedMarker, at: '2026-10-15' }, history: [{ by: 'Jordi Puig' }, { by: `${erasedMarker}, Rector` }], untouched, level: 3, done: true, none: null };
    const before = structuredClone(data);
    const shown = withErasedShown(data, erasedWord('de'));
    expect(shown).toEqual({ ...before, completed: { by: '[gelöscht]', at: '2026-10-15' }, history: [{ by: 'Jordi Puig' }, { by: '[gelöscht], Rector' }] });
    expect(data).toEqual(before);
    expect(shown.untouched).toBe(untouched);
    expect(withErasedShown(untouched, erasedWord('de'))).toBe(untouched);
  });
});
