/** The hostile-input JSON reader: same values as JSON.parse where JSON.parse is right, refusals where it is too lenient. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, parseOwnJson, parseStrictJson, parseUntrustedJson, readStrictJson, type JsonLimits } from '../../../../electron/platform/json';
import { utf8 } from '../exchange/refusals';

const limits: JsonLimits = { maxDepth: 64, maxStringLength: 100_000, maxArrayLength: 100_000, maxObjectKeys: 10_000 };
const parse = (text: string, custom: Partial<JsonLimits> = {}) => parseStrictJson(text, { ...limits, ...custom });

describe('strict JSON', () => {
  it('reads what JSON.parse reads, for any JSON value without unsafe keys', () => {
    const withoutUnsafeKeys = fc.jsonValue({ maxDepth: 8 }).filter((value) => !/"(__proto__|constructor|prototype)":/.test(JSON.stringify(value)));
    fc.assert(
      fc.property(withoutUnsafeKeys, fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(parse(text)).toEqual({ ok: true, value: JSON.parse(text) as unknown });
      }),
      { numRuns: 500 },
    );
  });

  it('decodes escapes, including surrogate pairs', () => {
    expect(parse(String.raw`["a\"b\\c\/d\b\f\n\r\t", "\u00e9\ud83d\ude00"]`)).toEqual({ ok: true, value: ['a"b\\c/d\b\f\n\r\t', 'é😀'] });
  });

  it.each([
    ['', 'empty', 1, 1],
    ['{"a": 1,}', 'syntax', 1, 9],
    ['{"a" 1}', 'syntax', 1, 6],
    ['[1 2]', 'syntax', 1, 4],
    ['[01]', 'syntax', 1, 3],
    ['{"a": tru}', 'syntax', 1, 7],
    ['"open', 'syntax', 1, 1],
    ['["\u0001"]', 'syntax', 1, 3],
    ['["\\x"]', 'syntax', 1, 3],
    ['["\\ud800"]', 'syntax', 1, 3],
    ['["\\udc00x"]', 'syntax', 1, 3],
    ['{}\n\n  x', 'syntax', 3, 3],
    ['[1e999]', 'number', 1, 2],
    ['{"a": 1, "a": 2}', 'duplicate-key', 1, 10],
    ['{"__proto__": 1}', 'unsafe-key', 1, 2],
    ['{"x": {"constructor": 1}}', 'unsafe-key', 1, 8],
  ])('refuses %j as %s at line %i, column %i', (text, kind, line, column) => {
    expect(parse(text)).toMatchObject({ ok: false, problem: { kind, line, column } });
  });

  it('enforces depth, string, array and object limits', () => {
    expect(parse('[[[1]]]', { maxDepth: 2 })).toMatchObject({ ok: false, problem: { kind: 'depth' } });
    expect(parse('[[1]]', { maxDepth: 2 })).toMatchObject({ ok: true });
    expect(parse('["abcdef"]', { maxStringLength: 5 })).toMatchObject({ ok: false, problem: { kind: 'string-too-long' } });
    expect(parse('["abcde"]', { maxStringLength: 5 })).toMatchObject({ ok: true });
    expect(parse('[1,2,3]', { maxArrayLength: 2 })).toMatchObject({ ok: false, problem: { kind: 'array-too-long' } });
    expect(parse('{"a":1,"b":2,"c":3}', { maxObjectKeys: 2 })).toMatchObject({ ok: false, problem: { kind: 'too-many-keys' } });
  });

  it('parses 100,000 levels of nesting without recursion, refusing at the limit', () => {
    expect(parse('['.repeat(100_000) + ']'.repeat(100_000))).toMatchObject({ ok: false, problem: { kind: 'depth', line: 1, column: 65 } });
    expect(parse('{"a":'.repeat(100_000), { maxDepth: 200_000 })).toMatchObject({ ok: false, problem: { kind: 'syntax' } });
  });

  it('checks UTF-8 strictly and names the first bad byte', () => {
    expect(firstInvalidUtf8(utf8('plain ascii, é, 😀, 中文'))).toBeUndefined();
    const cases: Array<[number[], number]> = [
      [[0x61, 0xc0, 0x80], 1], // overlong
      [[0xe0, 0x80, 0x80], 0], // overlong three-byte
      [[0xed, 0xa0, 0x80], 0], // an encoded surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0x61, 0x62, 0xe2, 0x82], 2], // cut off
      [[0x80], 0], // a lone continuation byte
      [[0xff], 0],
    ];
    for (const [bytes, offset] of cases) expect(firstInvalidUtf8(new Uint8Array(bytes))).toBe(offset);
    expect(readStrictJson(new Uint8Array([0x5b, 0x22, 0x0a, 0xc3, 0x28]), limits)).toMatchObject({ ok: false, problem: { kind: 'encoding', byteOffset: 3, line: 2, column: 1 } });
    expect(readStrictJson(new Uint8Array([0xef, 0xbb, 0xbf, 0x5b, 0x5d]), limits)).toEqual({ ok: true, value: [] });
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        parse(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('JSON a person hands to the app', () => {
  const refusal = (text: string) => {
    const result = parseUntrustedJson(text);
    if (result.ok) throw new Error(`expected a refusal for ${text}`);
    expect(result.error.code).toBe('INVALID_FILE');
    return result.error;
  };

  it('reads a file with a byte-order mark like one without', () => {
    expect(parseUntrustedJson('\ufeff{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
  });

  it('says what is wrong, and where, in words a person can act on', () => {
    expect(refusal('  ').message).toBe('The file is empty.');
    expect(refusal('  ').params).toEqual({ reason: 'empty' });
    const broken = refusal('{\n  "a": 1,\n  "b" 2\n}');
    expect(broken.message).toBe(
      "The file is not valid JSON (line 3, column 7: expected ':' after a key but found '2'). It may be damaged or cut off; ask for the file again.",
    );
    // What the screen needs to say it in the user's language (errors.reasons.damaged).
    expect(broken.params).toEqual({ reason: 'syntax', line: 3, column: 7 });
    const deep = refusal(`${'['.repeat(65)}${']'.repeat(65)}`);
    expect(deep.message).toMatch(/more than 64 levels deep/);
    expect(deep.params).toEqual({ maxDepth: 64, reason: 'depth', line: 1, column: expect.any(Number) });
    const unsafe = refusal('{"a":{"__proto__":{"polluted":true}}}');
    expect(unsafe.message).toBe('The file contains the key "__proto__", which TrustBridge files never use. It was refused as unsafe.');
    expect(unsafe.params).toEqual({ key: '__proto__', reason: 'unsafe-key', line: 1, column: expect.any(Number) });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a key given twice, which JSON.parse would quietly settle for the last one', () => {
    expect(refusal('{"weight":1,"weight":5}').message).toMatch(/the key "weight" appears twice in one object/);
  });
});

describe('JSON the app wrote itself', () => {
  it('tells an empty file from a damaged one', () => {
    expect(parseOwnJson('\n')).toEqual({ ok: false, reason: 'empty', detail: '' });
    expect(parseOwnJson('{"a":')).toMatchObject({ ok: false, reason: 'not-json' });
    expect(parseOwnJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });
});
