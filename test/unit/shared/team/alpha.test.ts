import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ordinalAlpha, type RawRating } from '../../../../shared/team/alpha';

describe("Krippendorff's alpha, ordinal metric", () => {
  it('matches a small table worked out by hand', () => {
    // Two raters, three units: (1,1) (2,3) (3,3).
    // Coincidences: o11 = 2 (unit 1), o23 = o32 = 1 (unit 2), o33 = 2 (unit 3); each unit has
    // m = 2 values, so each ordered pair weighs 1/(m−1) = 1.
    // Marginals n1 = 2, n2 = 1, n3 = 3, n = 6.
    // Ordinal δ²: δ²12 = (2+1 − (2+1)/2)² = 2.25; δ²23 = (1+3 − (1+3)/2)² = 4;
    //             δ²13 = (2+1+3 − (2+3)/2)² = 12.25.
    // Observed Σ o·δ² = 2 × 1 × 4 = 8.
    // Expected Σ n_c n_k δ² = 2 × (2·1·2.25 + 1·3·4 + 2·3·12.25) = 2 × 90 = 180.
    // alpha = 1 − (6 − 1) × 8 / 180 = 1 − 40/180 = 7/9.
    const result = ordinalAlpha([
      [1, 1],
      [2, 3],
      [3, 3],
    ]);
    expect(result.alpha).toBeCloseTo(7 / 9, 12);
    expect(result).toMatchObject({ pairable: 6, units: 3 });
  });

  it('leaves out N/A, missing ratings and units with a single value (worked by hand)', () => {
    // Three raters. Unit 1: (0, 0, na) → {0, 0}; unit 2: (4, 2, —) → {4, 2};
    // unit 3: (1, —, —) → one value, dropped; unit 4: (2, 2, 4), m = 3, pairs weigh 1/2.
    // Coincidences: o00 = 2; o24 = o42 = 1 (unit 2); unit 4: o22 = 2 × ½ = 1,
    //   o24 = o42 = 2 × ½ = 1 more. So o00 = 2, o22 = 1, o24 = o42 = 2.
    // Marginals n0 = 2, n2 = 3, n4 = 2, n = 7 (= the 7 pairable values).
    // δ²02 = (2+3 − 5/2)² = 6.25; δ²24 = (3+2 − 5/2)² = 6.25; δ²04 = (2+3+2 − 4/2)² = 25.
    // Observed = 4 × 6.25 = 25. Expected = 2 × (6·6.25 + 6·6.25 + 4·25) = 350.
    // alpha = 1 − 6 × 25 / 350 = 4/7.
    const result = ordinalAlpha([
      [0, 0, 'na'],
      [4, 2, null],
      [1, null, undefined],
      [2, 2, 4],
    ]);
    expect(result.alpha).toBeCloseTo(4 / 7, 12);
    expect(result).toMatchObject({ pairable: 7, units: 3 });
  });

  it('gives null when nothing can be paired', () => {
    expect(ordinalAlpha([])).toEqual({ alpha: null, pairable: 0, units: 0 });
    expect(ordinalAlpha([[1, null], ['na', 2], [3]])).toEqual({ alpha: null, pairable: 0, units: 0 });
  });

  it('gives 1 when raters agree and use a single level only (no disagreement at all)', () => {
    expect(ordinalAlpha([[3, 3], [3, 3, 3]])).toEqual({ alpha: 1, pairable: 5, units: 2 });
  });

  it("reproduces Krippendorff's published example: 4 observers, 12 units, values 1–5, ordinal alpha 0.815", () => {
    // K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C, the example
    // with missing values: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797. The same table
    // and the ordinal figure are checked by the tests of the Python package `krippendorff`
    // (pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py, test_ordinal_metric).
    // Rows are observers A–D, columns units 1–12; null marks a missing value.
    const observers: RawRating[][] = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];
    const units = observers[0]!.map((_, unit) => observers.map((row) => row[unit]));
    const result = ordinalAlpha(units);
    expect(result.alpha).not.toBeNull();
    expect(Number(result.alpha!.toFixed(3))).toBe(0.815);
    // Unit 12 has one value and is dropped; the other 11 units hold 40 pairable values (n = 40 in the paper).
    expect(result).toMatchObject({ pairable: 40, units: 11 });
  });

  const level = fc.constantFrom<RawRating>(0, 1, 2, 3, 4, 'na', null);
  const table = fc.array(fc.array(level, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 25 });

  it('gives 1 whenever every unit is rated alike (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 20 }),
        (rows) => {
          // Each unit: `count` raters give the same level; a few more give N/A or nothing.
          const units = rows.map(([value, count, gaps]) => [...Array<RawRating>(count).fill(value), ...Array<RawRating>(gaps).fill('na')]);
          expect(ordinalAlpha(units).alpha).toBe(1);
        },
      ),
      { seed: 18, numRuns: 300 },
    );
  });

  it('does not depend on the order of raters within units nor on the order of units (property)', () => {
    fc.assert(
      fc.property(table, fc.integer(), (units, seed) => {
        const before = ordinalAlpha(units);
        // A permutation derived from the seed: reverse some units, rotate others, then rotate the list.
        const shuffledUnits = units.map((unit, index) => ((index + seed) % 2 === 0 ? [...unit].reverse() : [...unit.slice(1), unit[0]]));
        const shift = Math.abs(seed) % units.length;
        const after = ordinalAlpha([...shuffledUnits.slice(shift), ...shuffledUnits.slice(0, shift)].reverse());
        expect(after.pairable).toBe(before.pairable);
        expect(after.units).toBe(before.units);
        if (before.alpha === null) expect(after.alpha).toBeNull();
        else expect(after.alpha).toBeCloseTo(before.alpha, 9);
      }),
      { seed: 1818, numRuns: 500 },
    );
  });

  it('stays at or below 1 and is 1 only without disagreement (property)', () => {
    fc.assert(
      fc.property(table, (units) => {
        const { alpha } = ordinalAlpha(units);
        if (alpha === null) return;
        expect(alpha).toBeLessThanOrEqual(1 + 1e-12);
        const disagree = units.some((unit) => new Set(unit.filter((value) => typeof value === 'number')).size > 1 && unit.filter((value) => typeof value === 'number').length >= 2);
        if (disagree) expect(alpha).toBeLessThan(1);
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});
