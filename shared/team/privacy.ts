/**
 * The team's data (colleagues' names and e-mail addresses, their individual ratings) is internal to
 * the institution: an assessment sent to a partner leaves it out. It also keeps files readable by
 * TrustBridge versions that predate team assessment.
 */
import type { Assessment } from '../assessment/schema';

export function withoutTeam(assessment: Assessment): Assessment {
  if (!assessment.team) return assessment;
  const { team: _team, ...rest } = assessment;
  return rest;
}
