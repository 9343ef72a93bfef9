import type { Framework } from './schema';

/**
 * The source elements whose coverage `framework stats` and the coverage view count: the ten
 * principles of Annex II and the eleven mandatory information elements of Annex I of the Council
 * Recommendation on micro-credentials (2022/C 243/02), and the ten standards of ESG 2015 Part 1.
 * A framework that leaves one out of its sourceElements simply does not cover it.
 */
const coverageTargets = {
  annexII: Array.from({ length: 10 }, (_, i) => `annexII-${String(i + 1).padStart(2, '0')}`),
  annexI: 'abcdefghijk'.split('').map((letter) => `annexI-${letter}`),
  esg: Array.from({ length: 10 }, (_, i) => `esg-1.${i + 1}`),
} as const;
export type CoverageGroup = keyof typeof coverageTargets;

type Coverage = Record<CoverageGroup, { covered: number; total: number }>;

/** How many of each group's elements at least one criterion covers. */
export function coverageOf(framework: Pick<Framework, 'dimensions'>): Coverage {
  const covered = new Set(framework.dimensions.flatMap((dimension) => dimension.criteria.flatMap((criterion) => criterion.covers ?? [])));
  const count = (group: CoverageGroup) => ({ covered: coverageTargets[group].filter((id) => covered.has(id)).length, total: coverageTargets[group].length });
  return { annexII: count('annexII'), annexI: count('annexI'), esg: count('esg') };
}
