/**
 * Canonical JSON (RFC 8785, the JSON Canonicalization Scheme): object keys sorted by UTF-16 code
 * units, numbers in ECMAScript form, no insignificant whitespace. Two parties that hold the same
 * data get the same bytes, so a hash or a signature over them can be checked by either side.
 * The implementation is the `canonicalize` package by the RFC's authors.
 */
import canonicalize from 'canonicalize';

export function canonicalJson(value: unknown): string {
  const serialised = canonicalize(value);
  if (serialised === undefined) {
    throw new TypeError('This value has no JSON form and cannot be canonicalised');
  }
  return serialised;
}
