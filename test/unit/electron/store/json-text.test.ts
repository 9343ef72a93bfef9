/**
 * A saved document's bytes must be exactly those of JSON.stringify, however much of its text is
 * reused from earlier saves: checked on every kind of real document under random changes, saved
 * one after another as the store saves them (each new version frozen and cached in turn).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../../electron/store/frozen';
import { jsonText } from '../../../../electron/store/json-text';
import { applied, changes, storedDocuments, type StoredDocuments } from './document-edits';

let stored: StoredDocuments;

beforeAll(async () => {
  stored = await storedDocuments();
}, 120_000);

afterAll(async () => {
  await stored?.remove();
});

describe('the text of a saved document', () => {
  it('is JSON.stringify’s, save after save, on random changes to every kind of document', () => {
    for (const { document } of stored.documents) {
      expect(jsonText(document)).toBe(JSON.stringify(document));
      fc.assert(
        fc.property(fc.array(changes(document), { minLength: 1, maxLength: 4 }), (saves) => {
          // Each save changes the version the one before stored, which the store froze.
          let current = document;
          for (const edits of saves) {
            const next = applied(current, edits);
            expect(jsonText(next === undefined ? null : next)).toBe(JSON.stringify(next === undefined ? null : next));
            current = deepFreeze(next);
          }
        }),
        { numRuns: 40, seed: 20261123 },
      );
    }
  });

  it('does not trust a shallow Object.freeze: what is inside may still change', () => {
    const list: string[] = ['a'];
    const shallow = Object.freeze({ list });
    expect(jsonText({ shallow })).toBe('{"shallow":{"list":["a"]}}');
    list.push('b');
    expect(jsonText({ shallow })).toBe('{"shallow":{"list":["a","b"]}}');
  });

  it('handles what JSON.stringify handles specially as it does', () => {
    const odd = { skipped: undefined, fn: () => 1, list: [undefined, () => 1, Number.NaN, -0, 1e21], date: new Date(Date.UTC(2026, 10, 23)), nested: Object.create(null) as Record<string, unknown>, '\u2028key"': 'line\u2028separator "quoted"' };
    odd.nested['x'] = [{}];
    expect(jsonText(odd)).toBe(JSON.stringify(odd));
    expect(jsonText(deepFreeze(structuredClone({ a: [1, { b: 'c' }] })))).toBe('{"a":[1,{"b":"c"}]}');
    expect(() => jsonText(undefined)).toThrow(TypeError);
  });
});
