/**
 * Validating a new version of a stored document by what changed.
 *
 * A save builds the new version from the stored one by copying only what it changes
 * (`{ ...draft, answers: { ...draft.answers, [id]: after }, history: [...draft.history, entry] }`),
 * so everything it did not change is still the very object the store validated and froze when it
 * last saved or read the document. Parsing the whole document again on every save costs time that
 * grows with the document (an assessment's change history lengthens with every save). Here the
 * new version is walked together with the previous one: a part that is the same object as before
 * (same reference, frozen, validated) is kept as it is; a changed part of an object, record or
 * array is walked further; anything else that changed is parsed by its own schema. The result is
 * what `schema.parse(next)` would return, and it throws a `ZodError` with the same issues where
 * that would throw (test/unit/validate-change.test.ts holds the two side by side on random
 * documents and random changes, valid and not).
 *
 * Only shapes whose rules are all local are walked: strict or plain objects and string-keyed
 * records without rules of their own, and arrays (whose length rules are checked on the array
 * itself). An object with a refinement over several fields, a loose object, a union, or anything
 * else is parsed whole whenever it changed.
 */
import { z } from 'zod';

type Issue = z.core.$ZodIssue;
type Path = ReadonlyArray<PropertyKey>;
/** Marks a part that has no previous version (a new key or element): it is validated in full. */
const none: unique symbol = Symbol('none');
type Previous = unknown | typeof none;

/**
 * Parses `next` against `schema`, trusting every part of it that is the same object as the
 * corresponding part of `previous`, the result of an earlier parse by the same schema that
 * nothing can have changed since (the store keeps it deeply frozen).
 */
export function parseChange<T>(schema: z.ZodType<T>, next: unknown, previous: T | undefined): T {
  if (previous === undefined) return schema.parse(next);
  const issues: Issue[] = [];
  const result = walk(schema, next, previous, [], issues);
  if (issues.length) throw new z.ZodError(issues);
  return result as T;
}

function walk(schema: z.ZodType, next: unknown, previous: Previous, path: Path, issues: Issue[]): unknown {
  if (previous === none) return parseWhole(schema, next, path, issues);
  if (next === previous) return previous;
  const def = schema.def as { type: string; checks?: unknown[] };
  const hasRules = (def.checks?.length ?? 0) > 0;
  if (!hasRules && def.type === 'object' && isPlainObject(next) && isPlainObject(previous)) {
    return walkObject(schema as z.ZodObject, next, previous, path, issues);
  }
  if (!hasRules && def.type === 'record' && isPlainObject(next) && isPlainObject(previous)) {
    return walkRecord(schema as z.ZodRecord, next, previous, path, issues);
  }
  if (def.type === 'array' && Array.isArray(next) && Array.isArray(previous)) {
    return walkArray(schema as z.ZodArray<z.ZodType>, next, previous, path, issues);
  }
  return parseWhole(schema, next, path, issues);
}

function walkObject(schema: z.ZodObject, next: Record<string, unknown>, previous: Record<string, unknown>, path: Path, issues: Issue[]): unknown {
  const catchall = (schema.def.catchall as z.ZodType | undefined)?.def.type;
  // A loose object (or one with a catch-all schema) keeps and checks unknown keys: parse it whole.
  if (catchall !== undefined && catchall !== 'never') return parseWhole(schema, next, path, issues);
  const shape = schema.shape as Record<string, z.ZodType>;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(shape)) {
    if (!Object.hasOwn(next, key)) {
      if (!Object.hasOwn(previous, key)) continue; // absent before and after: it was valid absent
      const parsed = child.safeParse(undefined);
      if (!parsed.success) issues.push(...prefixed(parsed.error.issues, [...path, key]));
      else if (parsed.data !== undefined) out[key] = parsed.data;
      continue;
    }
    const value = walk(child, next[key], Object.hasOwn(previous, key) ? previous[key] : none, [...path, key], issues);
    out[key] = value;
  }
  if (catchall === 'never') {
    const unknownKeys = Object.keys(next).filter((key) => !Object.hasOwn(shape, key));
    if (unknownKeys.length) {
      issues.push({ code: 'unrecognized_keys', keys: unknownKeys, path: [...path], message: `Unrecognized key${unknownKeys.length > 1 ? 's' : ''}: ${unknownKeys.map((key) => `"${key}"`).join(', ')}`, input: next } as Issue);
    }
  }
  return out;
}

function walkRecord(schema: z.ZodRecord, next: Record<string, unknown>, previous: Record<string, unknown>, path: Path, issues: Issue[]): unknown {
  const keyType = schema.def.keyType as z.ZodType;
  // Records keyed by an enum or a literal must hold every key, and a key named __proto__ would
  // set a prototype here: parse those whole.
  if (keyType.def.type !== 'string' || Object.hasOwn(next, '__proto__')) return parseWhole(schema, next, path, issues);
  const valueType = schema.def.valueType as z.ZodType;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const known = Object.hasOwn(previous, key);
    let outKey = key;
    if (!known) {
      const parsedKey = keyType.safeParse(key);
      if (!parsedKey.success) {
        issues.push({ code: 'invalid_key', origin: 'record', issues: parsedKey.error.issues, path: [...path, key], input: key, message: 'Invalid key in record' } as Issue);
        continue;
      }
      outKey = parsedKey.data as string;
    }
    out[outKey] = walk(valueType, value, known ? previous[key] : none, [...path, key], issues);
  }
  return out;
}

/** The array's own rules (its length) checked on a copy of its schema that accepts any element. */
const shallowArrays = new WeakMap<z.ZodArray<z.ZodType>, z.ZodType>();

function walkArray(schema: z.ZodArray<z.ZodType>, next: unknown[], previous: unknown[], path: Path, issues: Issue[]): unknown {
  if (schema.def.checks?.length) {
    let shallow = shallowArrays.get(schema);
    if (!shallow) {
      shallow = schema.clone({ ...schema.def, element: z.unknown() }) as z.ZodType;
      shallowArrays.set(schema, shallow);
    }
    // Broken length rules: the array is parsed whole, so the issues are reported as zod reports
    // them (it leaves the elements of a too long array unchecked). A failing save costs no more.
    if (!shallow.safeParse(next).success) return parseWhole(schema, next, path, issues);
  }
  const element = schema.def.element as z.ZodType;
  // A loop, not `map`: `map` skips the holes of a sparse array, which zod checks as undefined.
  const out: unknown[] = new Array<unknown>(next.length);
  for (let index = 0; index < next.length; index += 1) {
    out[index] = walk(element, next[index], index < previous.length ? previous[index] : none, [...path, index], issues);
  }
  return out;
}

/** Parses a changed or new part whole. */
function parseWhole(schema: z.ZodType, value: unknown, path: Path, issues: Issue[]): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  issues.push(...prefixed(parsed.error.issues, path));
  return undefined;
}

function prefixed(found: readonly Issue[], path: Path): Issue[] {
  return path.length ? found.map((issue) => ({ ...issue, path: [...path, ...issue.path] }) as Issue) : [...found];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
