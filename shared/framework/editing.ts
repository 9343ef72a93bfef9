/**
 * The rules of editing a draft framework, apart from any screen: where a criterion sits, the id a
 * new criterion gets, what a new criterion holds, retiring one, and the ranges the editor offers.
 * Every function returns a new framework and leaves the one given unchanged (the window keeps
 * the draft in React state); whether the result is
 * valid is decided by the framework schema when the draft is saved.
 */
import type { Criterion, Framework } from './schema';

type Source = Criterion['sources'][number];

/** The ranges the editor offers; the schema is the rule (weights: above 0, at most 100). */
export const editorRanges = {
  weight: { min: 0.1, max: 100, step: 0.5 },
  threshold: { min: 0, max: 100 },
  validityMonths: { min: 1, max: 120 },
  /** The levels of the thresholds that name one (a blocker below, critical criteria at least). */
  level: { min: 0, max: 4 },
  largeGapLevels: { min: 1, max: 4 },
} as const;

/** Where a criterion sits: its dimension's index and its own. */
interface CriterionLocation {
  d: number;
  c: number;
}

export function locateCriterion(framework: Framework, criterionId: string): CriterionLocation | undefined {
  for (const [d, dimension] of framework.dimensions.entries()) {
    const c = dimension.criteria.findIndex((criterion) => criterion.id === criterionId);
    if (c >= 0) return { d, c };
  }
  return undefined;
}

/** The path of a criterion's fields in the schema's issues (`dimensions.0.criteria.2`). */
export function criterionPath(location: CriterionLocation): string {
  return `dimensions.${location.d}.criteria.${location.c}`;
}

/** The first criterion of the first dimension: the one selected when nothing else is. */
export function firstCriterionId(framework: Framework): string {
  return framework.dimensions[0]?.criteria[0]?.id ?? '';
}

/**
 * The next identifier in a dimension: one past the highest ever used there, active or retired,
 * so that a retired criterion's id is never given to another (`D3-07` after `D3-06`).
 */
export function nextCriterionId(framework: Framework, dimensionId: string): string {
  const used = [...framework.dimensions.flatMap((dimension) => dimension.criteria.map((criterion) => criterion.id)), ...framework.retired.map((retired) => retired.id)]
    .filter((id) => id.startsWith(`${dimensionId}-`))
    .map((id) => Number(id.slice(dimensionId.length + 1)))
    .filter((number) => Number.isFinite(number));
  const next = Math.max(0, ...used) + 1;
  return `${dimensionId}-${String(next).padStart(2, '0')}`;
}

/** The criterion with the changes; the framework unchanged when there is no such criterion. */
export function withCriterionChanged(framework: Framework, criterionId: string, patch: Partial<Omit<Criterion, 'id'>>): Framework {
  const location = locateCriterion(framework, criterionId);
  if (!location) return framework;
  return {
    ...framework,
    dimensions: framework.dimensions.map((dimension, d) =>
      d === location.d ? { ...dimension, criteria: dimension.criteria.map((criterion, c) => (c === location.c ? { ...criterion, ...patch } : criterion)) } : dimension,
    ),
  };
}

/** A dimension's weight in the overall score changed. */
export function withDimensionWeight(framework: Framework, dimensionIndex: number, weight: number): Framework {
  return { ...framework, dimensions: framework.dimensions.map((dimension, d) => (d === dimensionIndex ? { ...dimension, weight } : dimension)) };
}

/** The texts a new criterion starts with, in the editor's language. */
interface NewCriterionTexts {
  title: string;
  guidance: string;
  /** The description of each level, 0 to 4. */
  level: (level: number) => string;
  evidence: string;
  source: string;
}

/** A new source of the kind "other", for the officer to name. */
export function newSource(locator: string): Source {
  return { instrument: 'other', locator };
}

/** A new criterion at the end of a dimension, weighted 1 and not critical; its id is returned with the framework. */
export function withNewCriterion(framework: Framework, dimensionIndex: number, texts: NewCriterionTexts): { framework: Framework; id: string } {
  const dimension = framework.dimensions[dimensionIndex];
  if (!dimension) return { framework, id: '' };
  const id = nextCriterionId(framework, dimension.id);
  const criterion: Criterion = {
    id,
    title: texts.title,
    guidance: texts.guidance,
    levels: [0, 1, 2, 3, 4].map((level) => texts.level(level)) as Criterion['levels'],
    evidenceExamples: [texts.evidence],
    weight: 1,
    critical: false,
    sources: [newSource(texts.source)],
  };
  return {
    framework: { ...framework, dimensions: framework.dimensions.map((each, d) => (d === dimensionIndex ? { ...each, criteria: [...each.criteria, criterion] } : each)) },
    id,
  };
}

/**
 * The criterion taken out of its dimension and listed as retired in this version, with the reason
 * when one is given (blank is none). Its id stays used: `nextCriterionId` never gives it again.
 */
export function withCriterionRetired(framework: Framework, criterionId: string, reason: string): Framework {
  if (!locateCriterion(framework, criterionId)) return framework;
  const trimmed = reason.trim();
  return {
    ...framework,
    dimensions: framework.dimensions.map((dimension) => ({ ...dimension, criteria: dimension.criteria.filter((criterion) => criterion.id !== criterionId) })),
    retired: [...framework.retired, { id: criterionId, retiredInVersion: framework.version, ...(trimmed ? { reason: trimmed } : {}) }],
  };
}
