/**
 * Team assessment: several colleagues rate one assessment, the coordinator consolidates.
 *
 * The team's data lives in the assessment document itself, under the optional `team` member, so it
 * is kept, backed up and locked with the assessment (a completed assessment's team data is a
 * record too). A document without `team` reads as before: one officer answered alone.
 *
 * Ratings are never edited in place: a second contribution from the same colleague for the same
 * criterion adds a rating that replaces the earlier one (`replaces`), and the earlier one stays.
 * The assessment's answer changes only through a consolidation, which goes through the ordinary
 * answer path (AssessmentService.saveAnswer) and so leaves its own entries in the answer history.
 */
import { z } from 'zod';
import { levelSchema } from '../framework/schema';

export const criterionIdPattern = /^[A-Z]{2,4}-\d{2}$/;
const dimensionIdPatternTeam = /^[A-Z]{2,4}$/;
const criterionIdSchema = z.string().regex(criterionIdPattern);
const dimensionIdSchema = z.string().regex(dimensionIdPatternTeam);
const idSchema = z.string().min(1).max(80);

/** One colleague's rating value: a level 0–4, or "na" (the criterion does not apply, in their view). */
export const ratingValueSchema = z.union([levelSchema, z.literal('na')]);
export type RatingValue = z.infer<typeof ratingValueSchema>;

/** What a colleague is asked to rate: whole dimensions and/or single criteria. Overlaps are allowed. */
const assignmentSchema = z.strictObject({
  dimensions: z.array(dimensionIdSchema).max(40),
  criteria: z.array(criterionIdSchema).max(300),
});
export type Assignment = z.infer<typeof assignmentSchema>;

const contributorSchema = z.strictObject({
  id: idSchema,
  name: z.string().trim().min(1).max(200),
  role: z.string().trim().max(200),
  email: z.string().trim().max(320),
  assignment: assignmentSchema,
  addedAt: z.string(),
  /** Contribution requests exported for the colleague: a returned contribution must name one. */
  requests: z
    .array(z.strictObject({ requestId: z.string().regex(/^[A-Za-z0-9-]{8,80}$/), format: z.enum(['trustbridge', 'workbook']), at: z.string() }))
    .max(500),
  /**
   * Set when the coordinator removed the colleague. A colleague who has rated is never deleted:
   * the record of who rated what must stay; one who has not rated is deleted outright.
   */
  removedAt: z.string().optional(),
  /**
   * The fingerprint of the signing key the colleague's first signed contribution came with (trust
   * on first use); a later signed contribution with another key is refused.
   */
  keyFingerprint: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type Contributor = z.infer<typeof contributorSchema>;

export const ratingEvidenceSchema = z.strictObject({
  label: z.string().max(300),
  url: z.string().max(2000),
});
export type RatingEvidence = z.infer<typeof ratingEvidenceSchema>;

/** Where a rating came from. */
const ratingSourceSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('signed'), fileName: z.string().max(255), keyFingerprint: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.strictObject({ type: z.literal('workbook'), fileName: z.string().max(255) }),
]);
export type RatingSource = z.infer<typeof ratingSourceSchema>;

const teamRatingSchema = z.strictObject({
  id: idSchema,
  contributorId: idSchema,
  criterionId: criterionIdSchema,
  value: ratingValueSchema,
  justification: z.string().max(20000),
  evidence: z.array(ratingEvidenceSchema).max(50),
  /** When the colleague rated (as their file says). */
  ratedAt: z.string(),
  /** When the coordinator's copy took the rating in. */
  recordedAt: z.string(),
  source: ratingSourceSchema,
  /** The id of this colleague's earlier rating of the same criterion that this one replaces. */
  replaces: idSchema.optional(),
});
export type TeamRating = z.infer<typeof teamRatingSchema>;

/** The coordinator's decision for one criterion. */
const consolidationSchema = z.strictObject({
  criterionId: criterionIdSchema,
  value: ratingValueSchema,
  reason: z.string().max(4000),
  decidedBy: z.string().max(200),
  decidedAt: z.string(),
  /** The ratings (ids) the coordinator had in front of them when deciding. */
  fromRatingIds: z.array(idSchema).max(100),
});
export type Consolidation = z.infer<typeof consolidationSchema>;

const teamHistoryActions = [
  'contributor-added',
  'contributor-updated',
  'contributor-removed',
  'assigned',
  'request-exported',
  'contribution-applied',
  'consolidated',
] as const;

/** One team event: who did what, when, about which colleague and criterion, in readable words. */
const teamHistoryEntrySchema = z.strictObject({
  at: z.string(),
  by: z.string().max(200),
  action: z.enum(teamHistoryActions),
  contributorId: idSchema.optional(),
  criterionId: criterionIdSchema.optional(),
  detail: z.string().max(2000),
});
export type TeamHistoryEntry = z.infer<typeof teamHistoryEntrySchema>;

export const teamSchema = z.strictObject({
  contributors: z.array(contributorSchema).max(200),
  ratings: z.array(teamRatingSchema).max(50_000),
  consolidations: z.record(criterionIdSchema, consolidationSchema),
  history: z.array(teamHistoryEntrySchema).max(100_000),
});
export type Team = z.infer<typeof teamSchema>;

export const emptyTeam = (): Team => ({ contributors: [], ratings: [], consolidations: {}, history: [] });

/** The ratings that count: for each colleague and criterion, the latest one (not replaced by another). */
export function currentRatings(team: Pick<Team, 'ratings'>): TeamRating[] {
  const replaced = new Set(team.ratings.flatMap((rating) => (rating.replaces ? [rating.replaces] : [])));
  return team.ratings.filter((rating) => !replaced.has(rating.id));
}
