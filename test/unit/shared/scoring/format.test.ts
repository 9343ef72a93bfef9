import { describe, expect, it } from 'vitest';
import { roundScore } from '../../../../shared/scoring';

describe('score for display', () => {
  it('rounds to one decimal', () => {
    expect(roundScore(70.83333333333333)).toBe(70.8);
    expect(roundScore(45.86)).toBe(45.9);
    expect(roundScore(100)).toBe(100);
  });

  it('rounds halves away from zero', () => {
    expect(roundScore(74.95)).toBe(75);
    expect(roundScore(0.35)).toBe(0.4);
    expect(roundScore(12.25)).toBe(12.3);
    expect(roundScore(-2.25)).toBe(-2.3);
  });

  it('never shows minus zero', () => {
    expect(Object.is(roundScore(-0.04), 0)).toBe(true);
  });

  it('keeps a missing score missing', () => {
    expect(roundScore(null)).toBeNull();
  });
});
