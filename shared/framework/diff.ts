import type { Criterion, Framework, Thresholds } from './schema';

/** The parts of a criterion whose change a diff reports. */
type CriterionChange =
  | 'title'
  | 'guidance'
  | 'levels'
  | 'evidenceExamples'
  | 'weight'
  | 'critical'
  | 'sources'
  | 'dimension';

interface ChangedCriterion {
  criterionId: string;
  changes: CriterionChange[];
}

interface DimensionWeightChange {
  dimensionId: string;
  older: number;
  newer: number;
}

interface ThresholdChange {
  threshold: keyof Thresholds;
  older: number;
  newer: number;
}

export interface FrameworkDiff {
  /** In the newer framework only, in its order. */
  added: string[];
  /**
   * Taken out of use between the two versions: active in the older framework but not the newer,
   * or newly listed in the newer framework's retired list. Older framework order first.
   */
  retired: string[];
  /**
   * Retired ids the newer framework dropped without listing them as retired. The schema can then
   * not stop the id being reused for a different criterion, which would silently pair unrelated
   * answers across versions: worth a warning to whoever edits the framework.
   */
  undeclaredRetirements: string[];
  /** Same id in both, with what changed; in the newer framework's order. */
  changed: ChangedCriterion[];
  /** Same id in both with nothing changed. */
  unchanged: number;
  dimensionsAdded: string[];
  dimensionsRemoved: string[];
  dimensionWeights: DimensionWeightChange[];
  thresholds: ThresholdChange[];
  validityMonths: { older: number; newer: number } | null;
}

type PlacedCriterion = Criterion & { dimensionId: string };

function criteriaById(framework: Framework): Map<string, PlacedCriterion> {
  const byId = new Map<string, PlacedCriterion>();
  for (const dimension of framework.dimensions) {
    for (const criterion of dimension.criteria) byId.set(criterion.id, { ...criterion, dimensionId: dimension.id });
  }
  return byId;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Framework content is plain JSON data, so structural equality is all a comparison needs. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    // An optional field left out and one set to undefined say the same thing.
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameData(a[key], b[key]));
  }
  return false;
}

const comparedFields = ['title', 'guidance', 'levels', 'evidenceExamples', 'weight', 'critical', 'sources'] as const;

function criterionChanges(older: PlacedCriterion, newer: PlacedCriterion): CriterionChange[] {
  const changes: CriterionChange[] = comparedFields.filter((field) => !sameData(older[field], newer[field]));
  if (older.dimensionId !== newer.dimensionId) changes.push('dimension');
  return changes;
}

const thresholdKeys = [
  'ready',
  'conditional',
  'blockerBelowLevel',
  'conditionalMinCriticalLevel',
  'largeGapLevels',
] as const satisfies ReadonlyArray<keyof Thresholds>;

/**
 * What changed from one framework version to the next, criteria lined up by identifier — the same
 * pairing used to compare assessments made on different versions. Wording is compared exactly, so
 * a translation of the same version shows its texts as changed.
 */
export function diffFrameworks(older: Framework, newer: Framework): FrameworkDiff {
  const olderCriteria = criteriaById(older);
  const newerCriteria = criteriaById(newer);

  const added = [...newerCriteria.keys()].filter((id) => !olderCriteria.has(id));
  const dropped = [...olderCriteria.keys()].filter((id) => !newerCriteria.has(id));
  const newerRetired = new Set(newer.retired.map((r) => r.id));
  const olderRetired = new Set(older.retired.map((r) => r.id));
  // An id retired before the older version was made is not news in this diff.
  const newlyListed = newer.retired
    .map((r) => r.id)
    .filter((id) => !olderRetired.has(id) && !olderCriteria.has(id))
    .toSorted();
  const retired = [...dropped, ...newlyListed];
  const undeclaredRetirements = dropped.filter((id) => !newerRetired.has(id));

  const changed: ChangedCriterion[] = [];
  let unchanged = 0;
  for (const [id, newerCriterion] of newerCriteria) {
    const olderCriterion = olderCriteria.get(id);
    if (olderCriterion === undefined) continue;
    const changes = criterionChanges(olderCriterion, newerCriterion);
    if (changes.length > 0) changed.push({ criterionId: id, changes });
    else unchanged += 1;
  }

  const olderDimensions = new Map(older.dimensions.map((d) => [d.id, d]));
  const newerDimensionIds = new Set(newer.dimensions.map((d) => d.id));
  const dimensionWeights: DimensionWeightChange[] = [];
  for (const dimension of newer.dimensions) {
    const before = olderDimensions.get(dimension.id);
    if (before !== undefined && before.weight !== dimension.weight) {
      dimensionWeights.push({ dimensionId: dimension.id, older: before.weight, newer: dimension.weight });
    }
  }

  return {
    added,
    retired,
    undeclaredRetirements,
    changed,
    unchanged,
    dimensionsAdded: newer.dimensions.filter((d) => !olderDimensions.has(d.id)).map((d) => d.id),
    dimensionsRemoved: older.dimensions.filter((d) => !newerDimensionIds.has(d.id)).map((d) => d.id),
    dimensionWeights,
    thresholds: thresholdKeys
      .filter((key) => older.thresholds[key] !== newer.thresholds[key])
      .map((key) => ({ threshold: key, older: older.thresholds[key], newer: newer.thresholds[key] })),
    validityMonths:
      older.validityMonths === newer.validityMonths
        ? null
        : { older: older.validityMonths, newer: newer.validityMonths },
  };
}
