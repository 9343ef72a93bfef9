import { describe, expect, it } from 'vitest';
import {
  criterionPath,
  firstCriterionId,
  locateCriterion,
  nextCriterionId,
  withCriterionChanged,
  withCriterionRetired,
  withDimensionWeight,
  withNewCriterion,
} from '../../../../shared/framework/editing';
import type { Framework } from '../../../../shared/framework/schema';
import { guide2Fixture } from '../../../support/guide2-factory';

const texts = {
  title: 'New criterion',
  guidance: 'What to look for',
  level: (level: number) => `Level ${level}`,
  evidence: 'A document',
  source: 'Where it comes from',
};

/** The fixture's first dimension and its criteria ids, read from the data. */
function firstDimension(framework: Framework) {
  const dimension = framework.dimensions[0]!;
  return { dimension, ids: dimension.criteria.map((criterion) => criterion.id) };
}

describe('editing a draft framework', () => {
  it('finds where a criterion sits and names the path of its fields', () => {
    const framework = guide2Fixture();
    const last = framework.dimensions.at(-1)!;
    const location = locateCriterion(framework, last.criteria.at(-1)!.id);
    expect(location).toEqual({ d: framework.dimensions.length - 1, c: last.criteria.length - 1 });
    expect(criterionPath(location!)).toBe(`dimensions.${location!.d}.criteria.${location!.c}`);
    expect(locateCriterion(framework, 'no-such-criterion')).toBeUndefined();
    expect(firstCriterionId(framework)).toBe(framework.dimensions[0]!.criteria[0]!.id);
  });

  it('gives a new criterion the id after the highest ever used in its dimension, retired ones included', () => {
    const framework = guide2Fixture();
    const { dimension } = firstDimension(framework);
    const taken = `${dimension.id}-41`;
    const withRetired: Framework = { ...framework, retired: [...framework.retired, { id: taken, retiredInVersion: '1.0' }] };
    expect(nextCriterionId(withRetired, dimension.id)).toBe(`${dimension.id}-42`);
    expect(nextCriterionId({ ...framework, dimensions: [], retired: [] }, 'D9')).toBe('D9-01');
  });

  it('adds a criterion weighted 1, not critical, at the end of its dimension, and leaves the draft it was given unchanged', () => {
    const framework = guide2Fixture();
    const before = structuredClone(framework);
    const { dimension, ids } = firstDimension(framework);
    const added = withNewCriterion(framework, 0, texts);
    expect(added.id).toBe(nextCriterionId(framework, dimension.id));
    expect(added.framework.dimensions[0]!.criteria.map((criterion) => criterion.id)).toEqual([...ids, added.id]);
    expect(added.framework.dimensions[0]!.criteria.at(-1)).toMatchObject({
      title: 'New criterion',
      levels: ['Level 0', 'Level 1', 'Level 2', 'Level 3', 'Level 4'],
      evidenceExamples: ['A document'],
      weight: 1,
      critical: false,
      sources: [{ instrument: 'other', locator: 'Where it comes from' }],
    });
    expect(framework).toEqual(before);
  });

  it('retires a criterion: gone from its dimension, listed with the version and the trimmed reason', () => {
    const framework = guide2Fixture();
    const { ids } = firstDimension(framework);
    const retired = withCriterionRetired(framework, ids[0]!, '  merged into another  ');
    expect(locateCriterion(retired, ids[0]!)).toBeUndefined();
    expect(retired.retired.at(-1)).toEqual({ id: ids[0], retiredInVersion: framework.version, reason: 'merged into another' });
    expect(withCriterionRetired(framework, ids[0]!, '   ').retired.at(-1)).toEqual({ id: ids[0], retiredInVersion: framework.version });
    // Its id is never given again.
    expect(nextCriterionId(retired, framework.dimensions[0]!.id)).toBe(nextCriterionId(framework, framework.dimensions[0]!.id));
    expect(withCriterionRetired(framework, 'no-such-criterion', '')).toBe(framework);
  });

  it('changes one criterion and one dimension weight, nothing else', () => {
    const framework = guide2Fixture();
    const before = structuredClone(framework);
    const { ids } = firstDimension(framework);
    const changed = withCriterionChanged(framework, ids[1]!, { weight: 2.5, critical: true });
    expect(changed.dimensions[0]!.criteria[1]).toMatchObject({ id: ids[1], weight: 2.5, critical: true });
    expect(changed.dimensions[0]!.criteria[0]).toBe(framework.dimensions[0]!.criteria[0]);
    const weighted = withDimensionWeight(framework, 1, 7);
    expect(weighted.dimensions.map((dimension) => dimension.weight)).toEqual(framework.dimensions.map((dimension, d) => (d === 1 ? 7 : dimension.weight)));
    expect(framework).toEqual(before);
  });
});
