/**
 * The one place where JSON text becomes data in the main process. Three readers, one parser:
 *
 * - `readStrictJson` / `parseStrictJson`: a file nobody here wrote (an exchange file, a public key,
 *   a rotation statement). The result says what is wrong and where; it never throws.
 * - `parseUntrustedJson`: the same parser for files a person hands to the app (a framework, a
 *   store backup's manifest, report texts), with the failure as an `AppError` a user can read.
 * - `parseOwnJson`: files the app wrote itself (the store's documents, its catalogue, the key
 *   files). These are trusted to be well-formed JSON and can be large, so they go through the
 *   native `JSON.parse`; what they hold is then checked by its schema (see store/json-file.ts).
 *
 * Why `JSON.parse` is not enough for a file from outside:
 * - it accepts duplicate keys (the last one wins), so two programs could read different data from
 *   one signed file; I-JSON (RFC 7493), which RFC 8785 builds on, forbids them;
 * - it happily builds a 100,000-level nesting that then overflows the stack of whatever walks it
 *   (the canonicaliser, the schema check);
 * - it reports errors without a line and column a person can look up;
 * - it accepts lone surrogates (`"\ud800"`), which have no canonical form.
 * The strict parser is iterative (no recursion, whatever the input), enforces the limits as it
 * goes, and refuses the keys `__proto__`, `constructor` and `prototype`, which reach an object's
 * prototype when some later code copies or merges objects. It never throws on any input.
 */
import { isUtf8 } from 'node:buffer';
import { AppError } from '../../shared/errors';

export interface JsonLimits {
  maxDepth: number;
  maxStringLength: number;
  maxArrayLength: number;
  maxObjectKeys: number;
}

/** Limits for files handed to the app by a person: deep enough for any TrustBridge file, and no more. */
const defaultJsonLimits: JsonLimits = {
  maxDepth: 64,
  maxStringLength: 10_000_000,
  maxArrayLength: 1_000_000,
  maxObjectKeys: 100_000,
};

type JsonProblemKind =
  | 'encoding'
  | 'empty'
  | 'syntax'
  | 'depth'
  | 'unsafe-key'
  | 'duplicate-key'
  | 'string-too-long'
  | 'array-too-long'
  | 'too-many-keys'
  | 'number';

export interface JsonProblem {
  kind: JsonProblemKind;
  /** What is wrong, without the position: "expected ',' or '}' after a value". */
  detail: string;
  /** Where, 1-based; the byte offset for encoding problems, else lines and columns of characters. */
  line: number;
  column: number;
  byteOffset?: number;
}

type StrictJsonResult = { ok: true; value: unknown } | { ok: false; problem: JsonProblem };

const unsafeKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Decodes UTF-8 strictly (no overlong forms, no surrogates, nothing above U+10FFFF) and parses. */
export function readStrictJson(bytes: Uint8Array, limits: JsonLimits): StrictJsonResult {
  // Node's validator (the same rules, in native code) answers for the common case, valid text;
  // only invalid text is walked again here, to say where.
  const invalidAt = isUtf8(bytes) ? undefined : firstInvalidUtf8(bytes);
  if (invalidAt !== undefined) {
    const { line, column } = positionOfByte(bytes, invalidAt);
    return { ok: false, problem: { kind: 'encoding', detail: 'the bytes are not valid UTF-8 text', line, column, byteOffset: invalidAt } };
  }
  // A byte-order mark is not JSON, but RFC 8259 section 8.1 lets a reader ignore one.
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start).toString('utf8');
  return parseStrictJson(text, limits);
}

/**
 * The offset of the first byte that is not part of well-formed UTF-8 (Unicode table 3-7), or
 * undefined when all of it is.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b0 = bytes[i]!;
    if (b0 < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) length = 2;
    else if (b0 >= 0xe0 && b0 <= 0xef) {
      length = 3;
      if (b0 === 0xe0) low = 0xa0; // overlong
      if (b0 === 0xed) high = 0x9f; // surrogates
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      length = 4;
      if (b0 === 0xf0) low = 0x90; // overlong
      if (b0 === 0xf4) high = 0x8f; // above U+10FFFF
    } else return i;
    if (i + length > n) return i;
    const b1 = bytes[i + 1]!;
    if (b1 < low || b1 > high) return i;
    for (let k = 2; k < length; k += 1) {
      const b = bytes[i + k]!;
      if (b < 0x80 || b > 0xbf) return i;
    }
    i += length;
  }
  return undefined;
}

function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i += 1) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

type Frame =
  | { kind: 'array'; value: unknown[] }
  /** `size`: members read so far. A key is a duplicate when the object already has it as its own. */
  | { kind: 'object'; value: Record<string, unknown>; size: number; key: string };

class JsonStop {
  constructor(
    readonly kind: JsonProblemKind,
    readonly detail: string,
    readonly at: number,
  ) {}
}

/** Parses JSON text (RFC 8259) with the limits and refusals described above. */
export function parseStrictJson(text: string, limits: JsonLimits): StrictJsonResult {
  try {
    return { ok: true, value: new Parser(text, limits).parse() };
  } catch (error) {
    if (!(error instanceof JsonStop)) throw error;
    const { line, column } = positionOfCharacter(text, error.at);
    return { ok: false, problem: { kind: error.kind, detail: error.detail, line, column } };
  }
}

function positionOfCharacter(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const escapes = new Map([['"', '"'], ['\\', '\\'], ['/', '/'], ['b', '\b'], ['f', '\f'], ['n', '\n'], ['r', '\r'], ['t', '\t']]);
const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Always matches (maybe nothing), so `lastIndex` ends where the run does.
// eslint-disable-next-line no-control-regex
const plainRun = /[^"\\\u0000-\u001f]*/y;

class Parser {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly limits: JsonLimits,
  ) {}

  parse(): unknown {
    const { text } = this;
    const stack: Frame[] = [];
    let root: unknown;
    this.skipWhitespace();
    if (this.i >= text.length) throw new JsonStop('empty', 'the file is empty', this.i);
    let expectValue = true;
    for (;;) {
      this.skipWhitespace();
      const top = stack[stack.length - 1];
      if (expectValue) {
        const c = text[this.i];
        if (c === '{' || c === '[') {
          if (stack.length >= this.limits.maxDepth) {
            throw new JsonStop('depth', `the data is nested more than ${this.limits.maxDepth} levels deep`, this.i);
          }
          const frame: Frame =
            c === '{' ? { kind: 'object', value: {}, size: 0, key: '' } : { kind: 'array', value: [] };
          root = this.attach(top, frame.value, root);
          stack.push(frame);
          this.i += 1;
          this.skipWhitespace();
          const close = c === '{' ? '}' : ']';
          if (text[this.i] === close) {
            this.i += 1;
            stack.pop();
            expectValue = false;
          } else if (frame.kind === 'object') {
            this.readKey(frame);
          }
          continue;
        }
        root = this.attach(top, this.readScalar(), root);
        expectValue = false;
        continue;
      }
      if (!top) {
        if (this.i < text.length) throw new JsonStop('syntax', `unexpected ${this.describe(this.i)} after the end of the data`, this.i);
        return root;
      }
      const c = text[this.i];
      const close = top.kind === 'object' ? '}' : ']';
      if (c === ',') {
        this.i += 1;
        this.skipWhitespace();
        if (top.kind === 'object') this.readKey(top);
        expectValue = true;
      } else if (c === close) {
        this.i += 1;
        stack.pop();
      } else {
        throw new JsonStop('syntax', `expected ',' or '${close}' but found ${this.describe(this.i)}`, this.i);
      }
    }
  }

  /** Puts a value into its container (or makes it the root) and returns the root. */
  private attach(top: Frame | undefined, value: unknown, root: unknown): unknown {
    if (!top) return value;
    if (top.kind === 'array') {
      if (top.value.length >= this.limits.maxArrayLength) {
        throw new JsonStop('array-too-long', `a list has more than ${this.limits.maxArrayLength} elements`, this.i);
      }
      top.value.push(value);
    } else {
      top.value[top.key] = value;
    }
    return root;
  }

  /** Reads `"key" :` inside an object and records the key. */
  private readKey(frame: Extract<Frame, { kind: 'object' }>): void {
    const at = this.i;
    if (this.text[this.i] !== '"') throw new JsonStop('syntax', `expected a quoted key but found ${this.describe(this.i)}`, this.i);
    const key = this.readString();
    if (unsafeKeys.has(key)) {
      throw new JsonStop('unsafe-key', `the key "${key}" is not allowed in TrustBridge files`, at);
    }
    // Every earlier member's value is already in the object (a container is put in when it opens,
    // a scalar when it is read), and no key reaches the prototype (refused above).
    if (Object.hasOwn(frame.value, key)) throw new JsonStop('duplicate-key', `the key "${key}" appears twice in one object`, at);
    if (frame.size >= this.limits.maxObjectKeys) {
      throw new JsonStop('too-many-keys', `an object has more than ${this.limits.maxObjectKeys} members`, at);
    }
    frame.size += 1;
    frame.key = key;
    this.skipWhitespace();
    if (this.text[this.i] !== ':') throw new JsonStop('syntax', `expected ':' after a key but found ${this.describe(this.i)}`, this.i);
    this.i += 1;
  }

  private readScalar(): unknown {
    const { text } = this;
    const c = text[this.i];
    if (c === '"') return this.readString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.readNumber();
    if (c === 't' && text.startsWith('true', this.i)) {
      this.i += 4;
      return true;
    }
    if (c === 'f' && text.startsWith('false', this.i)) {
      this.i += 5;
      return false;
    }
    if (c === 'n' && text.startsWith('null', this.i)) {
      this.i += 4;
      return null;
    }
    throw new JsonStop('syntax', `expected a value but found ${this.describe(this.i)}`, this.i);
  }

  private readNumber(): number {
    numberPattern.lastIndex = this.i;
    const match = numberPattern.exec(this.text);
    if (!match) throw new JsonStop('syntax', `expected a number but found ${this.describe(this.i)}`, this.i);
    const value = Number(match[0]);
    if (!Number.isFinite(value)) throw new JsonStop('number', 'a number is too large', this.i);
    this.i += match[0].length;
    return value;
  }

  private readString(): string {
    const { text } = this;
    const start = this.i;
    this.i += 1; // the opening quote
    let result = '';
    let chunkStart = this.i;
    for (;;) {
      // A run of characters that need no attention, skipped at once (no quote, backslash or control character).
      plainRun.lastIndex = this.i;
      plainRun.test(text);
      this.i = plainRun.lastIndex;
      if (this.i - start > this.limits.maxStringLength + 1) {
        throw new JsonStop('string-too-long', `a text is longer than ${this.limits.maxStringLength} characters`, start);
      }
      const code = text.charCodeAt(this.i);
      if (Number.isNaN(code)) throw new JsonStop('syntax', 'a text is not closed before the end of the file', start);
      if (code === 0x22) {
        result += text.slice(chunkStart, this.i);
        this.i += 1;
        return result;
      }
      if (code < 0x20) throw new JsonStop('syntax', 'a text contains a control character that must be escaped', this.i);
      if (code !== 0x5c) {
        this.i += 1;
        continue;
      }
      result += text.slice(chunkStart, this.i);
      const kind = text[this.i + 1];
      if (kind === 'u') {
        const unit = this.readHex4(this.i + 2);
        this.i += 6;
        if (unit >= 0xd800 && unit <= 0xdbff) {
          const low = text.startsWith('\\u', this.i) ? this.readHex4(this.i + 2) : -1;
          if (low < 0xdc00 || low > 0xdfff) throw new JsonStop('syntax', 'a text contains half of a surrogate pair', this.i - 6);
          result += String.fromCharCode(unit, low);
          this.i += 6;
        } else if (unit >= 0xdc00 && unit <= 0xdfff) {
          throw new JsonStop('syntax', 'a text contains half of a surrogate pair', this.i - 6);
        } else {
          result += String.fromCharCode(unit);
        }
      } else if (kind !== undefined && escapes.has(kind)) {
        result += escapes.get(kind);
        this.i += 2;
      } else {
        throw new JsonStop('syntax', 'a text contains an invalid escape sequence', this.i);
      }
      chunkStart = this.i;
    }
  }

  private readHex4(at: number): number {
    const digits = this.text.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) throw new JsonStop('syntax', 'a text contains an invalid \\u escape', at - 2);
    return parseInt(digits, 16);
  }

  private skipWhitespace(): void {
    const { text } = this;
    for (;;) {
      const c = text.charCodeAt(this.i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i += 1;
      else return;
    }
  }

  private describe(at: number): string {
    const c = this.text.codePointAt(at);
    if (c === undefined) return 'the end of the file';
    if (c < 0x20 || c === 0x7f) return `the control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    return `'${String.fromCodePoint(c)}'`;
  }
}

/**
 * A file a person handed to the app, read with the strict parser: every failure is an
 * `INVALID_FILE` error whose message says what is wrong and what to do.
 */
export function parseUntrustedJson(text: string, limits: JsonLimits = defaultJsonLimits): { ok: true; value: unknown } | { ok: false; error: AppError } {
  const fail = (message: string, params?: Record<string, string | number>) => ({
    ok: false as const,
    error: new AppError({ code: 'INVALID_FILE', message, ...(params ? { params } : {}) }),
  });
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail('The file is empty.', { reason: 'empty' });
  const parsed = parseStrictJson(text, limits);
  if (parsed.ok) return parsed;
  const { problem } = parsed;
  // `reason`, `line` and `column` let the screen say what is wrong in the user's language
  // (errors.reasons in the locales); the message keeps the parser's detail for logs and the CLI.
  const where = { reason: problem.kind, line: problem.line, column: problem.column };
  if (problem.kind === 'depth') {
    return fail(`The file nests data more than ${limits.maxDepth} levels deep, which no TrustBridge file does. It is damaged or not a TrustBridge file.`, {
      maxDepth: limits.maxDepth,
      ...where,
    });
  }
  if (problem.kind === 'unsafe-key') {
    const key = /"([^"]*)"/.exec(problem.detail)?.[1] ?? '';
    return fail(`The file contains the key "${key}", which TrustBridge files never use. It was refused as unsafe.`, { key, ...where });
  }
  return fail(`The file is not valid JSON (line ${problem.line}, column ${problem.column}: ${problem.detail}). It may be damaged or cut off; ask for the file again.`, where);
}

type OwnJsonResult = { ok: true; value: unknown } | { ok: false; reason: 'empty' | 'not-json'; detail: string };

/** A file the app wrote itself: native parsing (fast on large documents); the caller checks the shape. */
export function parseOwnJson(text: string): OwnJsonResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { ok: false, reason: 'empty', detail: '' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: 'not-json', detail: (error as Error).message };
  }
}
