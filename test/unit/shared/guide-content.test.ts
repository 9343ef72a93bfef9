import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { criteriaOf, frameworkSchema, type Framework } from '../../../shared/framework/schema';

const guideUrl = new URL('../../../templates/frameworks/trustbridge-guide/en.json', import.meta.url);

function loadGuide(): Framework {
  const raw = readFileSync(guideUrl, 'utf8');
  const result = frameworkSchema.safeParse(JSON.parse(raw));
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`en.json does not satisfy the framework schema:\n${issues.join('\n')}`);
  }
  return result.data;
}

describe('built-in guide (en)', () => {
  it('satisfies the framework schema', () => {
    expect(() => loadGuide()).not.toThrow();
  });

  it('is pretty-printed with two spaces and ends with a newline', () => {
    const raw = readFileSync(guideUrl, 'utf8');
    expect(raw.endsWith('\n')).toBe(true);
    expect(raw).toBe(`${JSON.stringify(JSON.parse(raw), null, 2)}\n`);
  });

  it('has the expected identity and thresholds', () => {
    const guide = loadGuide();
    expect(guide.id).toBe('trustbridge-guide');
    expect(guide.language).toBe('en');
    expect(guide.validityMonths).toBe(24);
    expect(guide.scale.map((level) => level.label)).toEqual([
      'Not in place',
      'Initial',
      'Developing',
      'Established',
      'Exemplary',
    ]);
    expect(guide.thresholds).toEqual({
      ready: 75,
      conditional: 50,
      blockerBelowLevel: 2,
      conditionalMinCriticalLevel: 1,
      largeGapLevels: 2,
    });
  });

  it('has enough dimensions and criteria, each dimension with at least three', () => {
    const guide = loadGuide();
    expect(guide.dimensions.length).toBeGreaterThanOrEqual(8);
    expect(criteriaOf(guide).length).toBeGreaterThanOrEqual(45);
    const thin = guide.dimensions.filter((dimension) => dimension.criteria.length < 3).map((d) => d.id);
    expect(thin).toEqual([]);
  });

  it('has between 8 and 12 critical criteria', () => {
    const critical = criteriaOf(loadGuide()).filter((criterion) => criterion.critical);
    expect(critical.length).toBeGreaterThanOrEqual(8);
    expect(critical.length).toBeLessThanOrEqual(12);
  });

  it('numbers criteria from 01 within each dimension without gaps', () => {
    for (const dimension of loadGuide().dimensions) {
      const expected = dimension.criteria.map((_, i) => `${dimension.id}-${String(i + 1).padStart(2, '0')}`);
      expect(dimension.criteria.map((criterion) => criterion.id)).toEqual(expected);
    }
  });

  it('gives every criterion five distinct level descriptors', () => {
    const offenders = criteriaOf(loadGuide())
      .filter((criterion) => new Set(criterion.levels.map((level) => level.trim().toLowerCase())).size !== 5)
      .map((criterion) => criterion.id);
    expect(offenders).toEqual([]);
  });

  it('never gives two criteria the same title', () => {
    const titles = criteriaOf(loadGuide()).map((criterion) => criterion.title.trim().toLowerCase());
    const duplicates = titles.filter((title, i) => titles.indexOf(title) !== i);
    expect(duplicates).toEqual([]);
  });
});
