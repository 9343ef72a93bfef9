/**
 * What the parties of a partnership agreement sign: its content, without signatures. Kept apart
 * from the signatures (./schema.ts) so that the exchange format can carry an agreement's content
 * without depending on the exchange schema it is itself part of.
 */
import { z } from 'zod';
import { frameworkRefSchema, languageSchema } from '../framework/schema';
import { decisionOutcomes } from '../partnership/schema';

export const agreementSides = ['A', 'B'] as const;
export type AgreementSide = (typeof agreementSides)[number];

const text = (max: number) => z.string().max(max, { error: 'validation.tooLong' });
const required = (max: number) => z.string().trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });

const agreementPartySchema = z.strictObject({
  institutionId: z.string().min(1).max(80),
  /** The id the party's TrustBridge signs with, once known (`tb-…`). */
  exchangeId: z.string().max(128).nullable(),
  legalName: required(300),
  country: z.string().length(2),
  city: text(120),
  erasmusCode: text(20),
  schacCode: text(253),
  /** Who signs for the institution: by default its legal representative. */
  signatory: z.strictObject({ name: required(200), role: text(200) }),
});
export type AgreementParty = z.infer<typeof agreementPartySchema>;

export const agreementScopeSchema = z.strictObject({
  /** Each party recognises the other's micro-credentials under the Lisbon Recognition Convention's principles. */
  mutualRecognition: z.boolean(),
  /** Fields of study covered, in words (ISCED-F names or the parties' own). */
  fields: text(1000),
  ectsMin: z.number().min(0).max(60),
  ectsMax: z.number().min(0).max(60),
  /** EQF levels of the micro-credentials covered (usually 5 to 8 in higher education). */
  eqfLevels: z.array(z.number().int().min(1).max(8)).min(1).max(8),
  /** The guide's criteria each party commits to keep at least at "established". */
  qualityCommitments: z.array(z.string().regex(/^[A-Z]{2,4}-\d{2}$/)).max(200),
  /** The parties are joint controllers (GDPR Art. 26) of the learner data they exchange. */
  jointControllers: z.boolean(),
  reviewCycleMonths: z.number().int().min(1).max(120),
  durationYears: z.number().int().min(1).max(20),
  terminationNoticeMonths: z.number().int().min(1).max(60),
});
export type AgreementScope = z.infer<typeof agreementScopeSchema>;

/** A condition of the decision, from the action plan, that becomes a clause. */
const agreementConditionSchema = z.strictObject({
  actionId: z.string().min(1).max(80),
  text: required(1000),
  side: z.enum(agreementSides),
  criterionId: z.string().regex(/^[A-Z]{2,4}-\d{2}$/).optional(),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export type AgreementCondition = z.infer<typeof agreementConditionSchema>;

/** One clause: its text comes from templates/agreements/<language>.json and may be edited. */
const agreementClauseSchema = z.strictObject({
  /** The template's clause id (`parties`, `recognition`, …) or `custom-…` for one a lawyer added. */
  id: z.string().regex(/^[a-z][a-z0-9-]{1,60}$/),
  heading: required(300),
  text: required(20000),
  /** Changed by hand from the template's wording. */
  edited: z.boolean(),
});
export type AgreementClause = z.infer<typeof agreementClauseSchema>;

/** What both parties sign: everything of the agreement but its signatures and bookkeeping. */
export const agreementContentSchema = z.strictObject({
  id: z.string().min(1).max(80),
  partnershipId: z.string().min(1).max(80),
  language: languageSchema,
  title: required(300),
  parties: z.strictObject({ A: agreementPartySchema, B: agreementPartySchema }),
  scope: agreementScopeSchema,
  conditions: z.array(agreementConditionSchema).max(200),
  clauses: z.array(agreementClauseSchema).min(1).max(200),
  /** The guide version the readiness decision rested on, and the decision. */
  framework: frameworkRefSchema,
  decision: z.strictObject({ outcome: z.enum(decisionOutcomes), decidedAt: z.string() }),
});
export type AgreementContent = z.infer<typeof agreementContentSchema>;
