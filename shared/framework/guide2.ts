/**
 * What version 2 of the framework format adds, read by the app and the reports: cooperation
 * profiles, the crosswalk to the sources (source elements and the criteria that cover them), the
 * guidance for auditors, the criteria that may never be "not applicable", and the mapping that
 * carries answers from an earlier version. Every member is optional, so a 1.0 framework reads as
 * one without profiles, without a crosswalk and with N/A allowed everywhere — exactly as before.
 */
import type { AnswerMap } from '../assessment/answer';
import { criteriaOf, type AuditorGuidance, type CarriedFrom, type Criterion, type Framework, type Level, type Profile, type SourceElement } from './schema';

/** A profile of cooperation: which criteria apply, and where weights or critical flags differ. */
type CooperationProfile = Profile;
export type { AuditorGuidance, SourceElement };
type CarriedFromMapping = CarriedFrom;

export function auditorGuidanceOf(criterion: Pick<Criterion, 'auditorGuidance'>): AuditorGuidance | undefined {
  return criterion.auditorGuidance;
}

export function profilesOf(framework: Pick<Framework, 'profiles'>): CooperationProfile[] {
  return framework.profiles ?? [];
}

export function profileOf(framework: Pick<Framework, 'profiles'>, profileId: string | undefined): CooperationProfile | undefined {
  return profileId === undefined ? undefined : profilesOf(framework).find((profile) => profile.id === profileId);
}

/** The criteria a profile leaves out: they are not part of an assessment under that profile at all. */
export function excludedCriteria(framework: Pick<Framework, 'profiles'>, profileId: string | undefined): ReadonlySet<string> {
  return new Set(profileOf(framework, profileId)?.excluded ?? []);
}

/** Absent means allowed, as in every 1.0 framework; version 2.0 forbids N/A on the legal criteria. */
export function allowsNotApplicable(criterion: Pick<Criterion, 'allowsNotApplicable'>): boolean {
  return criterion.allowsNotApplicable !== false;
}

/** The crosswalk's groups as the coverage view and the reports list them, in this order. */
const coverageGroups = ['annexII', 'annexI', 'esg', 'other'] as const;
type CoverageGroupId = (typeof coverageGroups)[number];

const groupOf = (element: SourceElement): CoverageGroupId =>
  element.group === 'annexII' || element.group === 'annexI' || element.group === 'esg' ? element.group : 'other';

interface CoveringCriterion {
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
  framework: Pick<Framework, 'dimensions' | 'sourceElements' | 'profiles'>,
  assessment?: { answers: AnswerMap; profileId?: string | undefined },
): CoverageGroup[] {
  const elements = framework.sourceElements ?? [];
  if (elements.length === 0) return [];
  const excluded = excludedCriteria(framework, assessment?.profileId);
  const criteria = criteriaOf(framework);
  return coverageGroups.flatMap((id): CoverageGroup[] => {
    const rows = elements
      .filter((element) => groupOf(element) === id)
      .map((element): CoverageRow => {
        const covering = criteria
          .filter((criterion) => (criterion.covers ?? []).includes(element.id))
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
export function carriedFromMapping(target: Pick<Framework, 'carriedFrom'>, from: { id: string; version: string }): CarriedFromMapping | undefined {
  return (target.carriedFrom ?? []).find((mapping) => mapping.id === from.id && mapping.version === from.version);
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
export function defaultFrameworkFor<T extends { origin: string; status: string; version: string; languages?: readonly string[] }>(
  items: readonly T[],
  language?: string,
): T | undefined {
  // The newest version that speaks the officer's language first (a translation may land later).
  if (language !== undefined) {
    const spoken = defaultFrameworkFor(items.filter((item) => item.origin === 'built-in' && (item.languages ?? []).includes(language)));
    if (spoken) return spoken;
  }
  const builtIns = items.filter((item) => item.origin === 'built-in' && item.status === 'published');
  return [...builtIns].sort((a, b) => compareVersions(b.version, a.version))[0] ?? items.find((item) => item.status === 'published');
}
