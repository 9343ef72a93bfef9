/** The byte-array comparison the node projects' setup adds (test/support/byte-equality.ts) keeps toEqual's verdicts. */
import { describe, expect, it } from 'vitest';

describe('toEqual on byte arrays', () => {
  const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, index) => index % 251));

  it('is equal for the same bytes, and unequal for one byte changed, another length or another class', () => {
    expect(Buffer.from(bytes)).toEqual(bytes);
    expect({ nested: [new Uint8Array(bytes)] }).toEqual({ nested: [new Uint8Array(bytes)] });
    const changed = Buffer.from(bytes);
    changed[123_456] = (changed[123_456]! + 1) % 256;
    expect(changed).not.toEqual(bytes);
    expect(bytes.subarray(1)).not.toEqual(bytes);
    expect(new Uint8Array(bytes)).not.toEqual(bytes);
    expect(new Map([['file', changed]])).not.toEqual(new Map([['file', bytes]]));
  });

  it('leaves other values to Vitest', () => {
    expect(new Uint16Array([1, 2])).toEqual(new Uint16Array([1, 2]));
    expect(new Uint16Array([1, 2])).not.toEqual(new Uint16Array([1, 3]));
    expect([1, 2]).not.toEqual(new Uint8Array([1, 2]));
  });
});
