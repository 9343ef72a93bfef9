/**
 * The two exchange-file items of a team assessment (docs/exchange-format.md, "Contribution files").
 * They travel in an ordinary signed `.trustbridge` file, so the signing and checking of exchange
 * files is reused unchanged; the exchange import refuses them and points to the Team screen.
 *
 * - `contribution-request`: the coordinator asks one colleague to rate some criteria of one
 *   assessment. It carries the framework's wording of those criteria, so the colleague's copy of
 *   TrustBridge needs nothing else.
 * - `contribution`: the colleague's ratings, signed with the colleague's own key, naming the
 *   request, the assessment and the contributor they answer.
 */
import { z } from 'zod';
import { frameworkRefSchema, languageSchema, levelSchema } from '../framework/schema';
import { criterionIdPattern, ratingEvidenceSchema, ratingValueSchema } from './schema';

const idSchema = z.string().min(1).max(80);
/** Random (a UUID); the colleague's copy keeps the request under it, so it is a safe file name. */
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,80}$/);
const criterionIdSchema = z.string().regex(criterionIdPattern);
const line = (max: number) => z.string().max(max);

const requestedCriterionSchema = z.strictObject({
  criterionId: criterionIdSchema,
  dimensionId: z.string().regex(/^[A-Z]{2,4}$/),
  dimensionTitle: line(200),
  title: line(300),
  question: line(4000),
  levels: z.array(z.strictObject({ value: levelSchema, label: line(120), meaning: line(1000) })).max(5),
  allowsNotApplicable: z.boolean(),
});

export const contributionRequestItemSchema = z.strictObject({
  type: z.literal('contribution-request'),
  /** Random; the contribution names it back. */
  requestId: requestIdSchema,
  assessment: z.strictObject({
    id: idSchema,
    title: line(200),
    institution: line(300),
    framework: frameworkRefSchema.extend({ language: languageSchema }),
  }),
  requestedBy: z.strictObject({ name: line(200), role: line(200), institution: line(300) }),
  contributor: z.strictObject({ id: idSchema, name: line(200), role: line(200), email: line(320) }),
  criteria: z.array(requestedCriterionSchema).min(1).max(300),
});
export type ContributionRequestItem = z.infer<typeof contributionRequestItemSchema>;

const contributedRatingSchema = z.strictObject({
  criterionId: criterionIdSchema,
  value: ratingValueSchema,
  justification: z.string().max(20000),
  evidence: z.array(ratingEvidenceSchema).max(50),
  ratedAt: z.iso.datetime({ offset: true }),
});
export type ContributedRating = z.infer<typeof contributedRatingSchema>;

export const contributionItemSchema = z.strictObject({
  type: z.literal('contribution'),
  requestId: requestIdSchema,
  assessmentId: idSchema,
  contributor: z.strictObject({ id: idSchema, name: line(200), role: line(200) }),
  ratings: z.array(contributedRatingSchema).max(300),
});
export type ContributionItem = z.infer<typeof contributionItemSchema>;
