/**
 * Canonical JSON (RFC 8785, the JSON Canonicalization Scheme): object keys sorted by UTF-16 code
 * units, numbers in ECMAScript form, no insignificant whitespace. Two parties that hold the same
 * data get the same bytes, so a hash or a signature over them can be checked by either side.
 *
 * The same output as the `canonicalize` package by the RFC's authors (a property test compares
 * the two on any JSON value), written as one loop per container: the package folds every object
 * and array into nested template strings, which with thousands of exchange files (a consortium's
 * folder) cost a second of CPU time and its garbage. Strings and numbers are serialised by
 * `JSON.stringify`, which RFC 8785 section 3.2.2 builds on; `toJSON` is honoured as the package does.
 */
export function canonicalJson(value: unknown): string {
  const serialised = serialise(value);
  if (serialised === undefined) {
    throw new TypeError('This value has no JSON form and cannot be canonicalised');
  }
  return serialised;
}

/** Values an object leaves out and an array writes as null, as JSON.stringify does. */
const hasNoJsonForm = (value: unknown) => value === undefined || typeof value === 'symbol' || typeof value === 'function';

function serialise(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(Number.isNaN(value) ? 'NaN is not allowed' : 'Infinity is not allowed');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    case 'bigint':
      throw new TypeError('A BigInt has no JSON form');
    default:
      return undefined;
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) text += ',';
      const element: unknown = value[index];
      text += hasNoJsonForm(element) ? 'null' : serialise(element)!;
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  if (typeof record['toJSON'] === 'function') return serialise((record['toJSON'] as () => unknown).call(record));
  // Default sort: by UTF-16 code units, as RFC 8785 section 3.2.3 asks.
  const keys = Object.keys(record).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (hasNoJsonForm(member)) continue;
    if (!first) text += ',';
    first = false;
    text += `${JSON.stringify(key)}:${serialise(member)!}`;
  }
  return `${text}}`;
}
