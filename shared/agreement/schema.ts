/**
 * A partnership agreement on micro-credentials, built from a partnership decided "ready" or "ready
 * with conditions". Its content is what the parties sign; the signatures are kept beside it with
 * the exact payload they cover, so any change after signing is visible: the content no longer
 * equals what was signed.
 */
import { z } from 'zod';
import { jwsSignatureSchema, signerSchema } from '../exchange/schema';
import { frameworkRefSchema, languageSchema } from '../framework/schema';
import { decisionOutcomes } from '../partnership/schema';

export const agreementSides = ['A', 'B'] as const;
export type AgreementSide = (typeof agreementSides)[number];

const text = (max: number) => z.string().max(max, { error: 'validation.tooLong' });
const required = (max: number) => z.string().trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });

export const agreementPartySchema = z.strictObject({
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
export const agreementConditionSchema = z.strictObject({
  actionId: z.string().min(1).max(80),
  text: required(1000),
  side: z.enum(agreementSides),
  criterionId: z.string().regex(/^[A-Z]{2,4}-\d{2}$/).optional(),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export type AgreementCondition = z.infer<typeof agreementConditionSchema>;

/** One clause: its text comes from templates/agreements/<language>.json and may be edited. */
export const agreementClauseSchema = z.strictObject({
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

/** One signature, as kept locally: who, when, with which key, over which content hash. */
export const agreementSignatureSchema = z.strictObject({
  side: z.enum(agreementSides),
  signer: signerSchema,
  signedAt: z.string(),
  keyFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  /** SHA-256 of the canonical (RFC 8785) agreement content that was signed. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  jws: jwsSignatureSchema,
});
export type AgreementSignature = z.infer<typeof agreementSignatureSchema>;

export const agreementSchema = z.strictObject({
  schemaVersion: z.literal(1),
  /** The same as `content.id` (the store files documents by it). */
  id: z.string().min(1).max(80),
  content: agreementContentSchema,
  /**
   * The exact exchange payload the signatures cover (canonicalised for verification). Present once
   * the first party has signed; later edits of `content` make it differ, which is how a change
   * after signing is detected.
   */
  signedPayload: z.unknown().optional(),
  signatures: z.array(agreementSignatureSchema).max(4),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Agreement = z.infer<typeof agreementSchema>;
