/**
 * JSON from outside (an imported file) read as hostile input: nesting depth is checked before
 * parsing (a 100,000-level array must not exhaust the stack of anything that walks it later), keys
 * that could reach an object's prototype are refused, and every failure is a sentence that says
 * what is wrong. It never throws.
 */
import { parseStrictJson } from '../exchange/strict-json';
import { AppError } from '../../shared/errors';

export interface JsonLimits {
  maxDepth: number;
}

export const defaultJsonLimits: JsonLimits = { maxDepth: 64 };

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

export function parseUntrustedJson(text: string, limits: JsonLimits = defaultJsonLimits): { ok: true; value: unknown } | { ok: false; error: AppError } {
  const fail = (message: string, params?: Record<string, string | number>) => ({
    ok: false as const,
    error: new AppError({ code: 'INVALID_FILE', message, ...(params ? { params } : {}) }),
  });
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail('The file is empty.');

  // Nesting depth, counted on the text itself: brackets outside strings.
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > limits.maxDepth) {
        return fail(`The file nests data more than ${limits.maxDepth} levels deep, which no TrustBridge file does. It is damaged or not a TrustBridge file.`, {
          maxDepth: limits.maxDepth,
        });
      }
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }

  let forbidden: string | undefined;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, item: unknown) => {
      if (forbiddenKeys.has(key)) forbidden ??= key;
      return item;
    });
  } catch {
    // JSON.parse's message quotes pieces of the file; the strict reader says where, in one line.
    const strict = parseStrictJson(text, { maxDepth: Number.MAX_SAFE_INTEGER, maxStringLength: Number.MAX_SAFE_INTEGER, maxArrayLength: Number.MAX_SAFE_INTEGER, maxObjectKeys: Number.MAX_SAFE_INTEGER });
    const where = strict.ok ? '' : ` (line ${strict.problem.line}, column ${strict.problem.column}: ${strict.problem.detail})`;
    return fail(`The file is not valid JSON${where}. It may be damaged or cut off; ask for the file again.`);
  }
  if (forbidden !== undefined) {
    return fail(`The file contains the key "${forbidden}", which TrustBridge files never use. It was refused as unsafe.`, { key: forbidden });
  }
  return { ok: true, value };
}
