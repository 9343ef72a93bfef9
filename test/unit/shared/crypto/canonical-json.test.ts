/** Our RFC 8785 serialiser against the `canonicalize` package by the RFC's authors. */
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../shared/crypto/canonical-json';

describe('canonicalJson', () => {
  it('writes what the canonicalize package writes, for any JSON value', () => {
    // Keys that look like array indices ("10" sorts before "9"), any code points, -0, large and tiny numbers.
    const key = fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.nat({ max: 200 }).map(String));
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null)),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 5 }), fc.dictionary(key, tie('node'), { maxKeys: 6 })),
    })).node;
    fc.assert(
      fc.property(value, (data) => {
        expect(canonicalJson(data)).toBe(canonicalize(data));
      }),
      { numRuns: 1000 },
    );
  });

  it('follows RFC 8785: the example of its section 3.2.2, key order by UTF-16 code units, and toJSON', () => {
    // The RFC's own literal, which has more digits than a double keeps.
    const numbers = [Number('333333333.33333329'), 1e30, 4.5, 2e-3, 0.000000000000000000000000001];
    expect(canonicalJson({ numbers, string: '€$\u000f\nA\'B"\\\\"/', literals: [null, true, false] })).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '\ufb33': 4, '1': 5, '10': 6, '9': 7 })).toBe('{"\\r":2,"1":5,"10":6,"9":7,"\u20ac":1,"\ud83d\ude00":3,"\ufb33":4}');
    expect(canonicalJson({ at: new Date('2026-11-23T10:00:00Z'), skipped: undefined, list: [undefined] })).toBe('{"at":"2026-11-23T10:00:00.000Z","list":[null]}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
