/**
 * Comparing two assessments by criterion identifier: within one version of the guide, and across
 * versions where a criterion was added, retired or reworded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../../shared/assessment/answer';
import { compareAssessments } from '../../../../shared/assessment/compare';
import { addMonths, validityOn, validUntil } from '../../../../shared/assessment/validity';
import { frameworkRef } from '../../../../shared/framework/fingerprint';
import { criteriaOf, frameworkSchema, type Framework } from '../../../../shared/framework/schema';
import { scoreAssessment } from '../../../../shared/scoring';
import { templatesDir } from '../../../support/paths';

const guide = (): Framework => frameworkSchema.parse(JSON.parse(readFileSync(join(templatesDir, 'frameworks', 'trustbridge-guide', 'en.json'), 'utf8')));

function answers(framework: Framework, level: (id: string, index: number) => number | 'na' | null): Record<string, Answer> {
  const result: Record<string, Answer> = {};
  criteriaOf(framework).forEach((criterion, index) => {
    const value = level(criterion.id, index);
    if (value === null) return;
    result[criterion.id] = {
      level: value === 'na' ? null : (value as Answer['level']),
      notApplicable: value === 'na',
      naReason: value === 'na' ? 'Not offered' : '',
      justification: `Text ${criterion.id}`,
      evidence: [],
      requestedEvidence: '',
      carriedOver: false,
    };
  });
  return result;
}

const side = (framework: Framework, answerMap: Record<string, Answer>) => ({ assessment: { answers: answerMap, framework: { ...frameworkRef(framework), language: framework.language } }, framework });

describe('comparing two assessments', () => {
  it('on one version: per criterion deltas, counts and the scores of each side', () => {
    const framework = guide();
    const ids = criteriaOf(framework).map((criterion) => criterion.id);
    const before = answers(framework, () => 2);
    const after = answers(framework, (_id, index) => (index === 0 ? 4 : index === 1 ? 1 : index === 2 ? 'na' : 2));
    const result = compareAssessments(side(framework, before), side(framework, after));
    expect(result.sameFramework).toBe(true);
    expect(result.rows.map((row) => row.criterionId)).toEqual(ids);
    expect(result.rows[0]).toMatchObject({ delta: 2, only: null, reworded: false });
    expect(result.rows[1]).toMatchObject({ delta: -1 });
    expect(result.rows[2]).toMatchObject({ delta: null, b: { notApplicable: true, level: null } });
    expect(result.counts).toEqual({ higher: 1, lower: 1, same: ids.length - 3, onlyA: 0, onlyB: 0, notComparable: 1 });
    // The scores are those of the scoring rules, for each side.
    expect(result.overall.a).toBe(scoreAssessment(framework, before).overall);
    expect(result.overall.b).toBe(scoreAssessment(framework, after).overall);
    expect(result.overall.delta).toBeCloseTo(result.overall.b! - result.overall.a!, 10);
    expect(result.dimensions.map((dimension) => dimension.id)).toEqual(framework.dimensions.map((dimension) => dimension.id));
  });

  it('across versions: a retired criterion, a new one and a reworded one are told apart', () => {
    const older = guide();
    const newer = structuredClone(older);
    newer.version = '1.1';
    const firstDimension = newer.dimensions[0]!;
    const retired = firstDimension.criteria.pop()!;
    const reworded = firstDimension.criteria[0]!;
    reworded.title = `${reworded.title} (revised)`;
    const added = { ...structuredClone(firstDimension.criteria[1]!), id: `${firstDimension.id}-99`, title: 'A new criterion' };
    firstDimension.criteria.push(added);
    const result = compareAssessments(side(older, answers(older, () => 3)), side(newer, answers(newer, () => 3)));
    expect(result.sameFramework).toBe(false);
    expect(result.rows.find((row) => row.criterionId === retired.id)).toMatchObject({ only: 'a', delta: null, b: { present: false } });
    expect(result.rows.find((row) => row.criterionId === added.id)).toMatchObject({ only: 'b', delta: null, a: { present: false } });
    expect(result.rows.find((row) => row.criterionId === reworded.id)).toMatchObject({ reworded: true, delta: 0, title: reworded.title });
    expect(result.counts.onlyA).toBe(1);
    expect(result.counts.onlyB).toBe(1);
  });
});

describe('validity of an assessment', () => {
  it('counts calendar months from completion and clamps to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-23', 24)).toBe('2028-11-23');
    expect(validUntil('2026-03-15T10:00:00.000Z', 24)).toBe('2028-03-15');
  });

  it('is expiring within the warning period and expired after the last valid day', () => {
    expect(validityOn('2027-01-10', '2026-11-23')).toBe('expiring');
    expect(validityOn('2027-03-01', '2026-11-23')).toBe('valid');
    expect(validityOn('2026-11-23', '2026-11-23')).toBe('expiring');
    expect(validityOn('2026-11-22', '2026-11-23')).toBe('expired');
    expect(validityOn('2027-03-01', '2026-11-23', 180)).toBe('expiring');
  });
});
