/**
 * Krippendorff's alpha with the ordinal metric: how well several raters agree on ordered levels,
 * corrected for the agreement their overall use of the levels would give by chance.
 *
 *   alpha = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck
 *
 * after K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011, University of
 * Pennsylvania, ScholarlyCommons asc_papers/43), section C:
 * - o_ck, the coincidence matrix: each unit with m_u ≥ 2 pairable values adds, for every ordered
 *   pair of values (c, k) from two different raters, 1 / (m_u − 1);
 * - n_c = Σ_k o_ck, the number of pairable values c, and n = Σ_c n_c;
 * - the ordinal metric δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k) / 2)², which measures a difference
 *   by how many pairable values lie between c and k, not by the numeric gap.
 *
 * Missing values and "na" are not values: they are left out, and a unit left with fewer than two
 * values cannot be paired and is dropped. Pure; no dependency.
 */

export type RawRating = number | 'na' | null | undefined;

interface AlphaResult {
  /**
   * Null when nothing can be paired. When every pairable value is the same the formula is 0 / 0;
   * the raters then agree without exception, and 1 is given (the observed disagreement is nil).
   */
  alpha: number | null;
  /** n: values in units with at least two values. */
  pairable: number;
  /** Units with at least two values. */
  units: number;
}

/**
 * Alpha for a reliability table given unit by unit: each unit is the list of values its raters
 * gave (any order; one entry per rater; missing or "na" entries are allowed and ignored).
 */
export function ordinalAlpha(units: ReadonlyArray<ReadonlyArray<RawRating>>): AlphaResult {
  const pairableUnits = units
    .map((unit) => unit.filter((value): value is number => typeof value === 'number' && Number.isFinite(value)))
    .filter((values) => values.length >= 2);
  const distinct = [...new Set(pairableUnits.flat())].sort((a, b) => a - b);
  const index = new Map(distinct.map((value, position) => [value, position]));
  const size = distinct.length;
  const coincidence = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const values of pairableUnits) {
    const weight = 1 / (values.length - 1);
    for (let i = 0; i < values.length; i += 1) {
      for (let j = 0; j < values.length; j += 1) {
        if (i === j) continue;
        coincidence[index.get(values[i]!)!]![index.get(values[j]!)!]! += weight;
      }
    }
  }
  const marginals = coincidence.map((row) => row.reduce((sum, cell) => sum + cell, 0));
  const n = marginals.reduce((sum, count) => sum + count, 0);
  const pairable = pairableUnits.reduce((sum, values) => sum + values.length, 0);
  const result = { pairable, units: pairableUnits.length };
  if (pairableUnits.length === 0 || size < 2) {
    // Nothing to pair: null. All values alike: expected and observed disagreement are both 0;
    // the raters agree without exception, so 1.
    return { alpha: pairableUnits.length > 0 && size === 1 ? 1 : null, ...result };
  }
  const delta = (c: number, k: number): number => {
    const [low, high] = c <= k ? [c, k] : [k, c];
    let between = 0;
    for (let g = low; g <= high; g += 1) between += marginals[g]!;
    const distance = between - (marginals[low]! + marginals[high]!) / 2;
    return distance * distance;
  };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c += 1) {
    for (let k = 0; k < size; k += 1) {
      if (c === k) continue;
      const d = delta(c, k);
      observed += coincidence[c]![k]! * d;
      expected += marginals[c]! * marginals[k]! * d;
    }
  }
  return { alpha: 1 - ((n - 1) * observed) / expected, ...result };
}
