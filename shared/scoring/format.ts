/**
 * A score for display: one decimal, halves rounded away from zero (74.95 → 75.0), as people round
 * by hand. Decisions are made on the unrounded score, never on this.
 *
 * Scaling by ten before rounding (rather than `toFixed`, which rounds the exact binary value)
 * keeps decimal halves such as 0.35 — stored as 0.34999… — rounding up as the reader expects.
 */
export function roundScore(x: number | null): number | null {
  if (x === null) return null;
  const rounded = (Math.sign(x) * Math.round(Math.abs(x) * 10)) / 10;
  // Rounding −0.04 must not show "−0".
  return rounded === 0 ? 0 : rounded;
}
