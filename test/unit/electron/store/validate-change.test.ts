/**
 * `parseChange` must decide exactly as `schema.parse` does: it is the store's integrity check on
 * every save. Here the two run side by side on every real document of the demo store (all five
 * kinds) and on a schema built to hold the awkward cases (defaults, trims, optional keys, a loose
 * object, a refinement across fields, an enum-keyed record, unions), under random changes made as
 * the services make them: by copying the path to what changes and sharing everything else.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deepFreeze } from '../../../../electron/store/frozen';
import { parseChange } from '../../../../electron/store/validate-change';
import { assessmentSchema } from '../../../../shared/assessment/schema';
import { applied, changes, schemas, storedDocuments, type Json, type StoredDocuments } from './document-edits';

/** Both parsers on the same input: the same verdict, the same bytes, the same places at fault. */
function expectSameAsParse(schema: z.ZodType, next: Json, previous: Json): 'valid' | 'invalid' {
  const whole = schema.safeParse(next);
  let byChange: { ok: true; data: unknown } | { ok: false; error: unknown };
  try {
    byChange = { ok: true, data: parseChange(schema, next, previous) };
  } catch (error) {
    byChange = { ok: false, error };
  }
  expect(byChange.ok).toBe(whole.success);
  if (whole.success && byChange.ok) {
    expect(JSON.stringify(byChange.data)).toBe(JSON.stringify(whole.data));
    return 'valid';
  }
  expect((byChange as { error: unknown }).error).toBeInstanceOf(z.ZodError);
  const places = (issues: ReadonlyArray<{ path: PropertyKey[] }>) => [...new Set(issues.map((issue) => issue.path.map(String).join('.')))].sort();
  expect(places((byChange as { error: z.ZodError }).error.issues)).toEqual(places(whole.error!.issues));
  return 'invalid';
}

let stored: StoredDocuments;
let documents: StoredDocuments['documents'];

beforeAll(async () => {
  stored = await storedDocuments();
  documents = stored.documents;
}, 120_000);

afterAll(async () => {
  await stored?.remove();
});

describe('validating a save by what changed', () => {
  it('has a document of every kind from the demo store to work on', () => {
    expect(new Set(documents.map((entry) => entry.collection))).toEqual(new Set(Object.keys(schemas)));
  });

  it('decides as a whole parse does, on random changes to every kind of stored document', () => {
    const verdicts = { valid: 0, invalid: 0 };
    for (const { schema, document } of documents) {
      fc.assert(
        fc.property(changes(document), (edits) => {
          verdicts[expectSameAsParse(schema, applied(document, edits), document)] += 1;
        }),
        { numRuns: 120, seed: 20261123 },
      );
    }
    // Both verdicts must have been exercised many times for the comparison to mean anything.
    expect(verdicts.valid).toBeGreaterThan(100);
    expect(verdicts.invalid).toBeGreaterThan(100);
  });

  const awkward = z.strictObject({
    title: z.string().trim().min(1),
    count: z.number().int().default(0),
    note: z.string().optional(),
    tags: z.array(z.string().max(8)).max(2),
    byKey: z.record(z.string().regex(/^[a-z]+$/), z.object({ value: z.number(), label: z.string().default('none') })),
    byLevel: z.record(z.enum(['low', 'high']), z.number()),
    loose: z.looseObject({ a: z.number() }),
    range: z.object({ from: z.number(), to: z.number() }).refine((range) => range.from <= range.to, 'from after to'),
    either: z.union([z.strictObject({ kind: z.literal('a'), a: z.string() }), z.strictObject({ kind: z.literal('b'), b: z.number() })]),
    nested: z.strictObject({ deeper: z.strictObject({ list: z.array(z.strictObject({ n: z.number().min(0) })).min(2) }) }),
  });
  const base = deepFreeze(
    awkward.parse({
      title: ' Plan ',
      tags: ['a', 'b'],
      byKey: { one: { value: 1 }, two: { value: 2, label: 'two' } },
      byLevel: { low: 1, high: 2 },
      loose: { a: 1, kept: 'yes' },
      range: { from: 1, to: 2 },
      either: { kind: 'a', a: 'text' },
      nested: { deeper: { list: [{ n: 1 }, { n: 2 }] } },
    }),
  );

  it('decides as a whole parse does on schemas with defaults, trims, refinements, unions and loose objects', () => {
    const verdicts = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(changes(base), (edits) => {
        verdicts[expectSameAsParse(awkward, applied(base, edits), base)] += 1;
      }),
      { numRuns: 1500, seed: 20261123 },
    );
    expect(verdicts.valid).toBeGreaterThan(100);
    expect(verdicts.invalid).toBeGreaterThan(100);
  });

  it('keeps what did not change as the very same objects, and parses a new document whole', () => {
    const document = documents.find((entry) => entry.collection === 'assessments')!.document as z.infer<typeof assessmentSchema>;
    const [first] = Object.keys(document.answers);
    const next = {
      ...document,
      answers: { ...document.answers, [first!]: { ...document.answers[first!]!, justification: '  changed  ' } },
      history: [...document.history, { at: '2026-11-23T10:00:00.000Z', by: 'A. Person', criterionId: first, field: 'justification' as const, from: '', to: 'changed' }],
    };
    const parsed = parseChange(assessmentSchema, next, document);
    expect(parsed.framework).toBe(document.framework);
    expect(parsed.history.slice(0, -1).every((entry, index) => entry === document.history[index])).toBe(true);
    expect(Object.keys(parsed.answers).filter((key) => key !== first).every((key) => parsed.answers[key] === document.answers[key])).toBe(true);
    expect(parsed.answers[first!]!.justification).toBe('  changed  ');

    expect(() => parseChange(assessmentSchema, { ...document, kind: 'survey' }, undefined)).toThrow(z.ZodError);
    expect(parseChange(assessmentSchema, document, undefined)).toEqual(document);
  });

  it('names the place at fault in a deep change, as a whole parse does', () => {
    const document = documents.find((entry) => entry.collection === 'assessments')!.document as z.infer<typeof assessmentSchema>;
    const [first] = Object.keys(document.answers);
    const next = { ...document, answers: { ...document.answers, [first!]: { ...document.answers[first!]!, level: 7 } } };
    try {
      parseChange(assessmentSchema, next, document);
      expect.unreachable('a level of 7 must be refused');
    } catch (error) {
      expect((error as z.ZodError).issues.map((issue) => issue.path)).toEqual([['answers', first, 'level']]);
    }
  });

  it('checks the holes of a sparse array and a record key named __proto__, as a whole parse does', () => {
    const document = documents.find((entry) => entry.collection === 'assessments')!.document as z.infer<typeof assessmentSchema>;
    const sparse = [...document.history];
    sparse.length += 2; // two holes at the end
    expect(() => parseChange(assessmentSchema, { ...document, history: sparse }, document)).toThrow(z.ZodError);

    const [first] = Object.keys(document.answers);
    const answers = JSON.parse(`{"__proto__": ${JSON.stringify(document.answers[first!])}}`) as Record<string, unknown>;
    expectSameAsParse(assessmentSchema, { ...document, answers: Object.assign(answers, document.answers) }, document);
  });
});
