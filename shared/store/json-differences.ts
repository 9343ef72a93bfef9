/**
 * Where two JSON documents differ, as a list of paths with the value on each side: what the officer
 * reads to decide between a document and the second version a sync service left beside it.
 * Pure: no I/O.
 */
export interface JsonDifference {
  /** `answers.LEG-01.justification`, `history.12` … (`''` for the whole document). */
  path: string;
  /** Absent on a side that does not have the member. */
  left?: unknown;
  right?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every place where `left` and `right` differ, at most `limit` of them (in document order). */
export function jsonDifferences(left: unknown, right: unknown, limit = 500): JsonDifference[] {
  const found: JsonDifference[] = [];
  const walk = (a: unknown, b: unknown, path: string[]): void => {
    if (found.length >= limit) return;
    const here = path.join('.');
    if (isRecord(a) && isRecord(b)) {
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
        if (!(key in b)) found.push({ path: [...path, key].join('.'), left: a[key] });
        else if (!(key in a)) found.push({ path: [...path, key].join('.'), right: b[key] });
        else walk(a[key], b[key], [...path, key]);
        if (found.length >= limit) return;
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
        if (i >= b.length) found.push({ path: [...path, String(i)].join('.'), left: a[i] });
        else if (i >= a.length) found.push({ path: [...path, String(i)].join('.'), right: b[i] });
        else walk(a[i], b[i], [...path, String(i)]);
        if (found.length >= limit) return;
      }
      return;
    }
    if (!Object.is(a, b)) found.push({ path: here, left: a, right: b });
  };
  walk(left, right, []);
  return found;
}
