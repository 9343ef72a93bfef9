/**
 * Setup file of the node test projects (vitest.config.ts): `toEqual` on two byte arrays of the
 * same class (Buffer, Uint8Array) compares their bytes in one native call. Vitest's own equality
 * walks a byte array index by index and then compares its keys as an object's, which made
 * comparing a few hundred kilobytes take seconds. Same verdict: equal when the class, the length
 * and every byte are the same (byte arrays carry no other own properties); any other pair of
 * values goes on to Vitest's own comparison.
 */
import { Buffer } from 'node:buffer';
import { expect } from 'vitest';

function sameBytes(a: unknown, b: unknown): boolean | undefined {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array)) return undefined;
  if (a.constructor !== b.constructor) return false;
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

expect.addEqualityTesters([sameBytes]);
