/**
 * The JSON text of a stored document, written again on every save, without serialising again what
 * did not change.
 *
 * The store keeps its documents deeply frozen (frozen.ts), and a save builds the new version by
 * copying only the path to what it changes (see validate-change.ts). A deeply frozen object can
 * never change, so its JSON text never changes either: it is remembered (in a WeakMap, so it goes
 * when the object goes). Writing a document then serialises only the new, not yet frozen containers along the
 * changed path, and reuses the text of everything else: an assessment's long change history is
 * not serialised again for every answer saved.
 *
 * The result is exactly `JSON.stringify(value)` for JSON data (plain objects, arrays, strings,
 * finite numbers, booleans, null; `undefined` in an object is left out, in an array it is null),
 * which test/unit/electron/store/json-text.test.ts checks on random documents and changes.
 * Anything else (an object with `toJSON`, a class instance) is handed to `JSON.stringify` whole.
 */
import { isDeeplyFrozen } from './frozen';

const texts = new WeakMap<object, string>();

export function jsonText(value: unknown): string {
  const text = textOf(value);
  if (text === undefined) throw new TypeError('A document must be a JSON value');
  return text;
}

function textOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (isDeeplyFrozen(value)) {
    let text = texts.get(value);
    if (text === undefined) {
      // Serialised natively once, remembered from then on.
      text = JSON.stringify(value);
      texts.set(value, text);
    }
    return text;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) {
    if (prototype !== Array.prototype) return JSON.stringify(value);
    const parts = new Array<string>(value.length);
    for (let index = 0; index < value.length; index += 1) parts[index] = textOf(value[index]) ?? 'null';
    return `[${parts.join(',')}]`;
  }
  if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return JSON.stringify(value);
  }
  const parts: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const text = textOf(child);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}
