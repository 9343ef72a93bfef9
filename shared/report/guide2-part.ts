/**
 * What guide 2.0 adds to a report: the cooperation profile the assessment (or partnership) was
 * made for, the criteria marked not applicable with their reasons, and the coverage appendix (each
 * source element with the criteria covering it and the levels they were given). Null for a
 * framework without profiles and crosswalk (1.0), so such reports stay exactly as they were.
 */
import type { Assessment } from '../assessment/schema';
import { coverageOf, profileOf, type CoverageGroup } from '../framework/guide2';
import { criteriaOf, type Framework } from '../framework/schema';

export interface Guide2ReportPart {
  profile: { id: string; title: string; summary: string; excluded: string[] } | null;
  /** The assessment whose answers the N/A list and the coverage levels come from, if any. */
  assessmentTitle: string | null;
  notApplicable: Array<{ criterionId: string; title: string; reason: string }>;
  coverage: CoverageGroup[];
}

export function guide2Part(
  framework: Framework,
  options: { profileId?: string | undefined; assessment?: Pick<Assessment, 'answers' | 'title'> | undefined },
): Guide2ReportPart | null {
  if (!framework.profiles?.length && !framework.sourceElements?.length) return null;
  const profile = profileOf(framework, options.profileId);
  const excluded = new Set(profile?.excluded ?? []);
  const answers = options.assessment?.answers ?? {};
  const notApplicable = criteriaOf(framework)
    .filter((criterion) => !excluded.has(criterion.id) && Object.hasOwn(answers, criterion.id) && answers[criterion.id]!.notApplicable)
    .map((criterion) => ({ criterionId: criterion.id, title: criterion.title, reason: answers[criterion.id]!.naReason.trim() }));
  return {
    profile: profile ? { id: profile.id, title: profile.title, summary: profile.summary, excluded: [...profile.excluded] } : null,
    assessmentTitle: options.assessment?.title ?? null,
    notApplicable,
    coverage: coverageOf(framework, options.assessment ? { answers, profileId: options.profileId } : undefined),
  };
}
