/**
 * Two assessments side by side, criterion by criterion: the same institution over time (a renewal
 * against the previous cycle) or two institutions against each other. Criteria are matched by
 * their identifiers, which a framework never gives to another criterion, so assessments made with
 * different versions of the guide compare too: a criterion only one of the versions has is shown
 * as such, and one whose wording changed is flagged.
 */
import type { Framework } from '../framework/schema';
import { carriedFromMapping } from '../framework/guide2';
import { criteriaOf } from '../framework/schema';
import { scoreAssessment } from '../scoring/assessment-score';
import type { ReadinessBand } from '../scoring/band';
import type { Assessment } from './schema';

export interface ComparedSide {
  /** 0–4, or null when not rated (missing, or not applicable). */
  level: number | null;
  notApplicable: boolean;
  /** The criterion exists in this side's framework. */
  present: boolean;
  text: string;
}

interface ComparisonRow {
  /** The criterion's identifier on side b (the newer side), or on side a when only a has it. */
  criterionId: string;
  /** Side a's identifier when the version mapping pairs the row with a differently numbered criterion. */
  criterionIdA?: string;
  dimensionId: string;
  title: string;
  critical: boolean;
  a: ComparedSide;
  b: ComparedSide;
  /** b − a when both are rated, else null. */
  delta: number | null;
  /** Only one side's framework has the criterion. */
  only: 'a' | 'b' | null;
  /** Both frameworks have it, but its title differs between them. */
  reworded: boolean;
  /** The justification or finding differs. */
  textChanged: boolean;
}

interface ComparedDimension {
  id: string;
  title: string;
  a: number | null;
  b: number | null;
  delta: number | null;
}

export interface AssessmentComparison {
  sameFramework: boolean;
  overall: { a: number | null; b: number | null; delta: number | null; bandA: ReadinessBand; bandB: ReadinessBand };
  dimensions: ComparedDimension[];
  rows: ComparisonRow[];
  counts: { higher: number; lower: number; same: number; onlyA: number; onlyB: number; notComparable: number };
}

interface ComparedAssessment {
  assessment: Pick<Assessment, 'answers' | 'framework'>;
  framework: Framework;
}

export function compareAssessments(a: ComparedAssessment, b: ComparedAssessment): AssessmentComparison {
  const scoreA = scoreAssessment(a.framework, a.assessment.answers);
  const scoreB = scoreAssessment(b.framework, b.assessment.answers);
  const criteriaA = new Map(criteriaOf(a.framework).map((criterion) => [criterion.id, criterion]));
  const criteriaB = new Map(criteriaOf(b.framework).map((criterion) => [criterion.id, criterion]));
  const dimensionOf = (framework: Framework) => {
    const map = new Map<string, string>();
    for (const dimension of framework.dimensions) for (const criterion of dimension.criteria) map.set(criterion.id, dimension.id);
    return map;
  };
  const dimA = dimensionOf(a.framework);
  const dimB = dimensionOf(b.framework);
  // Pairs of criteria, one from each side. Across versions whose newer one ships a mapping for the
  // older (`carriedFrom`: guide 2.0 for 1.0), a criterion is paired with the one it was cut from;
  // otherwise by identifier. The newer side's order first, then what only the other side has.
  const pairs = criterionPairs(a, b, criteriaA, criteriaB);

  const side = (framework: Map<string, unknown>, assessment: ComparedAssessment['assessment'], id: string | null): ComparedSide => {
    const answer = id === null ? undefined : assessment.answers[id];
    return {
      present: id !== null && framework.has(id),
      level: answer && !answer.notApplicable ? answer.level : null,
      notApplicable: Boolean(answer?.notApplicable),
      text: answer?.justification ?? '',
    };
  };

  const counts = { higher: 0, lower: 0, same: 0, onlyA: 0, onlyB: 0, notComparable: 0 };
  const rows = pairs.map(([idA, idB]): ComparisonRow => {
    const inA = idA === null ? undefined : criteriaA.get(idA);
    const inB = idB === null ? undefined : criteriaB.get(idB);
    const criterionId = (idB ?? idA)!;
    const sideA = side(criteriaA, a.assessment, idA);
    const sideB = side(criteriaB, b.assessment, idB);
    const only = inA && !inB ? 'a' : inB && !inA ? 'b' : null;
    const delta = only === null && sideA.level !== null && sideB.level !== null ? sideB.level - sideA.level : null;
    if (only === 'a') counts.onlyA += 1;
    else if (only === 'b') counts.onlyB += 1;
    else if (delta === null) counts.notComparable += 1;
    else if (delta > 0) counts.higher += 1;
    else if (delta < 0) counts.lower += 1;
    else counts.same += 1;
    const reference = (inB ?? inA)!;
    return {
      criterionId,
      ...(idA !== null && idB !== null && idA !== idB ? { criterionIdA: idA } : {}),
      dimensionId: (idB !== null ? dimB.get(idB) : undefined) ?? (idA !== null ? dimA.get(idA) : undefined) ?? '',
      title: reference.title,
      critical: Boolean(inB?.critical ?? inA?.critical),
      a: sideA,
      b: sideB,
      delta,
      only,
      reworded: Boolean(inA && inB && inA.title !== inB.title),
      textChanged: only === null && sideA.text.trim() !== sideB.text.trim(),
    };
  });

  const titles = new Map([...a.framework.dimensions, ...b.framework.dimensions].map((dimension) => [dimension.id, dimension.title]));
  for (const dimension of b.framework.dimensions) titles.set(dimension.id, dimension.title);
  const dimensionIds = [...new Set([...b.framework.dimensions.map((d) => d.id), ...a.framework.dimensions.map((d) => d.id)])];
  const dimensions = dimensionIds.map((id): ComparedDimension => {
    const scoreOfA = scoreA.dimensions.find((dimension) => dimension.id === id)?.score ?? null;
    const scoreOfB = scoreB.dimensions.find((dimension) => dimension.id === id)?.score ?? null;
    return { id, title: titles.get(id) ?? id, a: scoreOfA, b: scoreOfB, delta: scoreOfA !== null && scoreOfB !== null ? scoreOfB - scoreOfA : null };
  });

  return {
    sameFramework: a.assessment.framework.fingerprint === b.assessment.framework.fingerprint,
    overall: {
      a: scoreA.overall,
      b: scoreB.overall,
      delta: scoreA.overall !== null && scoreB.overall !== null ? scoreB.overall - scoreA.overall : null,
      bandA: scoreA.band,
      bandB: scoreB.band,
    },
    dimensions,
    rows,
    counts,
  };
}

/** [id on side a | null, id on side b | null] for every criterion of both sides, each once. */
function criterionPairs(a: ComparedAssessment, b: ComparedAssessment, criteriaA: Map<string, unknown>, criteriaB: Map<string, unknown>): Array<[string | null, string | null]> {
  // b's identifier -> a's identifier.
  const bToA = new Map<string, string>();
  const forward = carriedFromMapping(b.framework, a.assessment.framework);
  const backward = forward ? undefined : carriedFromMapping(a.framework, b.assessment.framework);
  if (forward) {
    for (const idB of criteriaB.keys()) {
      const idA = Object.hasOwn(forward.criteria, idB) ? forward.criteria[idB] : undefined;
      if (idA !== undefined && criteriaA.has(idA)) bToA.set(idB, idA);
    }
  } else if (backward) {
    for (const idA of criteriaA.keys()) {
      const idB = Object.hasOwn(backward.criteria, idA) ? backward.criteria[idA] : undefined;
      if (idB !== undefined && criteriaB.has(idB) && !bToA.has(idB)) bToA.set(idB, idA);
    }
  } else {
    for (const idB of criteriaB.keys()) if (criteriaA.has(idB)) bToA.set(idB, idB);
  }
  const pairedA = new Set(bToA.values());
  return [
    ...[...criteriaB.keys()].map((idB): [string | null, string | null] => [bToA.get(idB) ?? null, idB]),
    ...[...criteriaA.keys()].filter((idA) => !pairedA.has(idA)).map((idA): [string | null, string | null] => [idA, null]),
  ];
}
