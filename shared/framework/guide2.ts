/**
 * What version 2 of the framework format adds, read by the app and the reports: cooperation
 * profiles, the crosswalk to the sources (source elements and the criteria that cover them), the
 * guidance for auditors, the criteria that may never be "not applicable", and the mapping that
 * carries answers from an earlier version. Every member is optional, so a 1.0 framework reads as
 * one without profiles, without a crosswalk and with N/A allowed everywhere — exactly as before.
 */
import type { AnswerMap } from '../assessment/answer';
import { criteriaOf, type Criterion, type Framework, type Level } from './schema';

/** A profile of cooperation: which criteria apply, and where weights or critical flags differ. */
export interface CooperationProfile {
  id: string;
  title: string;
  summary: string;
  excluded: string[];
  overrides?: Record<string, { weight?: number | undefined; critical?: boolean | undefined }> | undefined;
}
export interface SourceElement {
  id: string;
  group: string;
  title: string;
  citation: { instrument: string; locator: string; celex?: string | undefined; eli?: string | undefined };
  verified: boolean;
}
export interface CarriedFromMapping {
  id: string;
  version: string;
  criteria: Record<string, string>;
}
export interface AuditorGuidance {
  verify: string;
  sample: string;
  redFlags: string[];
  twoVersusThree: string;
}
/** The members a version 2 framework adds, all optional (guide-engine's schema declares them). */
export interface Guide2Members {
  profiles?: CooperationProfile[] | undefined;
  sourceElements?: SourceElement[] | undefined;
  carriedFrom?: CarriedFromMapping[] | undefined;
}
export interface Guide2CriterionMembers {
  allowsNotApplicable?: boolean | undefined;
  covers?: string[] | undefined;
  auditorGuidance?: AuditorGuidance | undefined;
}
const v2 = (framework: object) => framework as Guide2Members;
const v2Criterion = (criterion: object) => criterion as Guide2CriterionMembers;

export function auditorGuidanceOf(criterion: Pick<Criterion, 'id'>): AuditorGuidance | undefined {
  return v2Criterion(criterion).auditorGuidance;
}

export function profilesOf(framework: object): CooperationProfile[] {
  return v2(framework).profiles ?? [];
}

export function profileOf(framework: object, profileId: string | undefined): CooperationProfile | undefined {
  return profileId === undefined ? undefined : profilesOf(framework).find((profile) => profile.id === profileId);
}

/** The criteria a profile leaves out: they are not part of an assessment under that profile at all. */
export function excludedCriteria(framework: object, profileId: string | undefined): ReadonlySet<string> {
  return new Set(profileOf(framework, profileId)?.excluded ?? []);
}

/** Absent means allowed, as in every 1.0 framework; version 2.0 forbids N/A on the legal criteria. */
export function allowsNotApplicable(criterion: object): boolean {
  return v2Criterion(criterion).allowsNotApplicable !== false;
}

/** The crosswalk's groups as the coverage view and the reports list them, in this order. */
export const coverageGroups = ['annexII', 'annexI', 'esg', 'other'] as const;
export type CoverageGroupId = (typeof coverageGroups)[number];

const groupOf = (element: SourceElement): CoverageGroupId =>
  element.group === 'annexII' || element.group === 'annexI' || element.group === 'esg' ? element.group : 'other';

export interface CoveringCriterion {
  criterionId: string;
  title: string;
  /** Left out by the assessment's profile: it covers the element in the guide, not in this assessment. */
  excluded: boolean;
  /** What the assessment says, when one is given: the level, N/A, or nothing yet. */
  level: Level | null;
  notApplicable: boolean;
}

export interface CoverageRow {
  element: SourceElement;
  criteria: CoveringCriterion[];
  /** The lowest level among the rated covering criteria of the assessment, or null. */
  lowestLevel: Level | null;
}

export interface CoverageGroup {
  id: CoverageGroupId;
  rows: CoverageRow[];
  /** Elements covered by at least one criterion (one the profile keeps, when a profile is given). */
  covered: number;
  total: number;
}

/**
 * The crosswalk of a framework: each source element by group with the criteria that cover it and,
 * for an assessment, the levels those criteria were given. Empty for a framework without a
 * crosswalk (1.0), so callers show nothing rather than an empty table.
 */
export function coverageOf(
  framework: Pick<Framework, 'dimensions'>,
  assessment?: { answers: AnswerMap; profileId?: string | undefined },
): CoverageGroup[] {
  const elements = v2(framework).sourceElements ?? [];
  if (elements.length === 0) return [];
  const excluded = excludedCriteria(framework, assessment?.profileId);
  const criteria = criteriaOf(framework);
  return coverageGroups.flatMap((id): CoverageGroup[] => {
    const rows = elements
      .filter((element) => groupOf(element) === id)
      .map((element): CoverageRow => {
        const covering = criteria
          .filter((criterion) => (v2Criterion(criterion).covers ?? []).includes(element.id))
          .map((criterion): CoveringCriterion => {
            const answer = assessment && Object.hasOwn(assessment.answers, criterion.id) ? assessment.answers[criterion.id] : undefined;
            const notApplicable = Boolean(answer?.notApplicable);
            return {
              criterionId: criterion.id,
              title: criterion.title,
              excluded: excluded.has(criterion.id),
              level: answer && !notApplicable ? answer.level : null,
              notApplicable,
            };
          });
        const levels = covering.filter((c) => !c.excluded && c.level !== null).map((c) => c.level as Level);
        return { element, criteria: covering, lowestLevel: levels.length ? (Math.min(...levels) as Level) : null };
      });
    if (rows.length === 0) return [];
    const covered = rows.filter((row) => row.criteria.some((c) => !c.excluded)).length;
    return [{ id, rows, covered, total: rows.length }];
  });
}

/** The mapping a framework ships for answers of an earlier version, if it has one for that version. */
export function carriedFromMapping(target: object, from: { id: string; version: string }): CarriedFromMapping | undefined {
  return (v2(target).carriedFrom ?? []).find((mapping) => mapping.id === from.id && mapping.version === from.version);
}

/** "2.0" > "1.10" > "1.9": versions compared part by part as numbers. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * The version a new assessment starts with unless the officer chooses another: the newest
 * built-in guide, otherwise the first published framework listed.
 */
export function defaultFrameworkFor<T extends { origin: string; status: string; version: string }>(items: readonly T[]): T | undefined {
  const builtIns = items.filter((item) => item.origin === 'built-in' && item.status === 'published');
  return [...builtIns].sort((a, b) => compareVersions(b.version, a.version))[0] ?? items.find((item) => item.status === 'published');
}
