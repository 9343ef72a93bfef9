/** The team view an export needs, or nothing for an assessment rated by one person alone. */
import { structureForKnownProfile } from '../../shared/scoring';
import type { Language } from '../../shared/framework/schema';
import type { TeamView } from '../../shared/team/view';
import { buildTeamView } from '../../shared/team/view-model';
import type { AssessmentService } from '../services/assessments';

export async function teamViewOf(core: { assessments: AssessmentService }, id: string, language: Language): Promise<TeamView | undefined> {
  const assessment = await core.assessments.get(id);
  if (!assessment.team || assessment.team.ratings.length === 0) return undefined;
  return buildTeamView(assessment, structureForKnownProfile(core.assessments.frameworkOf(assessment, language), assessment.profileId));
}
