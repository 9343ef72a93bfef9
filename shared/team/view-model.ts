/**
 * The team view built from an assessment and the framework it is made with (already under its
 * profile): per criterion the current ratings, spread, flag and state; per dimension and overall
 * Krippendorff's alpha. Pure: the service, the command line and the reports share it.
 */
import type { Assessment } from '../assessment/schema';
import type { Framework } from '../framework/schema';
import { ordinalAlpha } from './alpha';
import { currentRatings, emptyTeam, type Contributor, type RatingValue, type Team, type TeamRating } from './schema';
import type { AgreementFigure, AgreementReading, ContributorView, CriterionTeamState, CriterionTeamView, TeamView } from './view';

/** A spread of this many levels or more is flagged for discussion. */
const flagSpread = 2;

/** Krippendorff's thresholds (Content Analysis, 2004, §11.4.4): 0.800 reliable, 0.667 tentative. */
function agreementReading(alpha: number | null): AgreementReading {
  if (alpha === null) return 'too-little';
  if (alpha >= 0.8) return 'reliable';
  if (alpha >= 0.667) return 'tentative';
  return 'unreliable';
}

/** Highest minus lowest level; N/A left out; null with fewer than two levels. */
function spreadOf(values: readonly RatingValue[]): number | null {
  const levels = values.filter((value): value is Exclude<RatingValue, 'na'> => value !== 'na');
  if (levels.length < 2) return null;
  return Math.max(...levels) - Math.min(...levels);
}

/** Every criterion a colleague is asked to rate, in framework order (dimensions expanded). */
export function assignedCriteriaOf(contributor: Pick<Contributor, 'assignment'>, framework: Pick<Framework, 'dimensions'>): string[] {
  const dimensions = new Set(contributor.assignment.dimensions);
  const criteria = new Set(contributor.assignment.criteria);
  return framework.dimensions.flatMap((dimension) =>
    dimension.criteria.filter((criterion) => dimensions.has(dimension.id) || criteria.has(criterion.id)).map((criterion) => criterion.id),
  );
}

function figure(units: RatingValue[][]): AgreementFigure {
  const result = ordinalAlpha(units);
  return { ...result, reading: agreementReading(result.alpha) };
}

/** Current ratings by criterion, in the order colleagues were added. */
function ratingsByCriterion(team: Team): Map<string, TeamRating[]> {
  const order = new Map(team.contributors.map((contributor, index) => [contributor.id, index]));
  const map = new Map<string, TeamRating[]>();
  for (const rating of currentRatings(team)) {
    const list = map.get(rating.criterionId) ?? [];
    list.push(rating);
    map.set(rating.criterionId, list);
  }
  for (const list of map.values()) list.sort((a, b) => (order.get(a.contributorId) ?? 0) - (order.get(b.contributorId) ?? 0));
  return map;
}

export function buildTeamView(assessment: Assessment, framework: Pick<Framework, 'dimensions' | 'language'>): TeamView {
  const team = assessment.team ?? emptyTeam();
  const contributors = new Map(team.contributors.map((contributor) => [contributor.id, contributor]));
  const byCriterion = ratingsByCriterion(team);
  const assigned = new Map<string, string[]>();
  for (const contributor of team.contributors) {
    if (contributor.removedAt) continue;
    for (const criterionId of assignedCriteriaOf(contributor, framework)) assigned.set(criterionId, [...(assigned.get(criterionId) ?? []), contributor.id]);
  }
  const counts = { unrated: 0, single: 0, agreed: 0, conflict: 0, consolidated: 0, flagged: 0 };
  const criteria: CriterionTeamView[] = [];
  const unitsByDimension = new Map<string, RatingValue[][]>();
  for (const dimension of framework.dimensions) {
    const units: RatingValue[][] = [];
    for (const criterion of dimension.criteria) {
      const ratings = byCriterion.get(criterion.id) ?? [];
      const values = ratings.map((rating) => rating.value);
      if (values.length) units.push(values);
      const spread = spreadOf(values);
      const flagged = spread !== null && spread >= flagSpread;
      const consolidation = team.consolidations[criterion.id] ?? null;
      const distinct = new Set(values);
      const proposal = values.length > 0 && distinct.size === 1 ? values[0]! : null;
      const newerThanConsolidation = consolidation !== null && ratings.some((rating) => !consolidation.fromRatingIds.includes(rating.id));
      let state: CriterionTeamState;
      if (consolidation && !newerThanConsolidation) state = 'consolidated';
      else if (values.length === 0) state = 'unrated';
      else if (values.length === 1) state = 'single';
      else if (distinct.size === 1) state = 'agreed';
      else state = 'conflict';
      counts[state] += 1;
      if (flagged) counts.flagged += 1;
      const answer = assessment.answers[criterion.id];
      criteria.push({
        criterionId: criterion.id,
        dimensionId: dimension.id,
        title: criterion.title,
        assignedTo: assigned.get(criterion.id) ?? [],
        ratings: ratings.map((rating) => {
          const contributor = contributors.get(rating.contributorId);
          return {
            ratingId: rating.id,
            contributorId: rating.contributorId,
            name: contributor?.name ?? rating.contributorId,
            role: contributor?.role ?? '',
            value: rating.value,
            justification: rating.justification,
            evidence: rating.evidence,
            ratedAt: rating.ratedAt,
            recordedAt: rating.recordedAt,
            source: rating.source,
          };
        }),
        spread,
        flagged,
        proposal,
        consolidation,
        newerThanConsolidation,
        state,
        answer: { level: answer?.level ?? null, notApplicable: answer?.notApplicable ?? false },
      });
    }
    unitsByDimension.set(dimension.id, units);
  }
  const byDimension: Record<string, AgreementFigure> = {};
  for (const [dimensionId, units] of unitsByDimension) byDimension[dimensionId] = figure(units);
  const raterIds = new Set(currentRatings(team).map((rating) => rating.contributorId));
  const contributorViews: ContributorView[] = [...team.contributors]
    .sort((a, b) => Number(Boolean(a.removedAt)) - Number(Boolean(b.removedAt)))
    .map((contributor) => {
      const assignedCriteria = assignedCriteriaOf(contributor, framework);
      const rated = assignedCriteria.filter((criterionId) => (byCriterion.get(criterionId) ?? []).some((rating) => rating.contributorId === contributor.id)).length;
      return { ...contributor, assignedCriteria, rated };
    });
  return {
    assessmentId: assessment.id,
    title: assessment.title,
    language: framework.language,
    editable: assessment.status !== 'complete',
    dimensions: framework.dimensions.map((dimension) => ({
      id: dimension.id,
      title: dimension.title,
      criteria: dimension.criteria.map((criterion) => ({ id: criterion.id, title: criterion.title })),
    })),
    contributors: contributorViews,
    criteria,
    raters: raterIds.size,
    agreement: { overall: figure([...unitsByDimension.values()].flat()), byDimension },
    counts,
    history: team.history,
  };
}
