/**
 * Assessments: a self-assessment of an institution, or an audit of a partner institution, against
 * one exact framework version. One document per assessment revision; a completed (locked)
 * assessment is never changed again — reopening it starts a new revision.
 */
import { z } from 'zod';
import { frameworkRefSchema, languageSchema, profileIdPattern } from '../framework/schema';
import { answerSchema } from './answer';
import { teamSchema } from '../team/schema';

export const assessmentKinds = ['self', 'audit'] as const;
export type AssessmentKind = (typeof assessmentKinds)[number];

/** Who an assessment is about (or by), as it was named when the assessment was made. */
const institutionRefSchema = z.strictObject({
  institutionId: z.string().min(1).max(80),
  legalName: z.string().min(1).max(300),
  country: z.string().length(2),
});
export type InstitutionRef = z.infer<typeof institutionRefSchema>;

const historyFields = [
  'level',
  'notApplicable',
  'naReason',
  'justification',
  'evidence',
  'requestedEvidence',
  'carriedOver',
  'status',
  'title',
] as const;
export type HistoryField = (typeof historyFields)[number];

/** One change: who, when, which criterion, from what to what (as readable text). */
const historyEntrySchema = z.strictObject({
  at: z.string(),
  by: z.string().max(200),
  criterionId: z.string().max(20).optional(),
  field: z.enum(historyFields),
  from: z.string().max(2000),
  to: z.string().max(2000),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const assessmentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  id: z.string().min(1).max(80),
  kind: z.enum(assessmentKinds),
  title: z.string().trim().min(1).max(200),
  /** The institution assessed. */
  subject: institutionRefSchema,
  /** The institution that made the assessment: the subject itself for a self-assessment. */
  assessor: institutionRefSchema,
  /** The exact framework version and content the assessment was made with, and its language. */
  framework: frameworkRefSchema.extend({ language: languageSchema }),
  /**
   * The cooperation profile (a profile id of the framework) the assessment is made for; absent
   * for frameworks without profiles, and for assessments made before profiles existed. Optional,
   * so documents written before it existed stay valid without a migration.
   */
  profileId: z.string().regex(profileIdPattern).optional(),
  /** Audits: the partner's self-assessment this audit reviews, if there is one. */
  reviewsAssessmentId: z.string().max(80).optional(),
  status: z.enum(['draft', 'complete']),
  completed: z.strictObject({ by: z.string().max(200), role: z.string().max(200), at: z.string() }).optional(),
  /** All revisions of one assessment share a series; revision 1 is the first. */
  seriesId: z.string().min(1).max(80),
  revision: z.number().int().min(1),
  previousRevisionId: z.string().max(80).optional(),
  /** "Start from the previous cycle": the assessment the answers were carried over from. */
  carriedFrom: z.strictObject({ assessmentId: z.string().max(80), title: z.string().max(200) }).optional(),
  /** Where the assessment came from, when not made in this copy of TrustBridge. */
  origin: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('local') }),
    z.strictObject({ type: z.literal('exchange'), importedAt: z.string(), signer: z.string().max(300), keyFingerprint: z.string().max(100) }),
    z.strictObject({ type: z.literal('questionnaire'), importedAt: z.string(), fileName: z.string().max(255) }),
  ]),
  answers: z.record(z.string().regex(/^[A-Z]{2,4}-\d{2}$/), answerSchema),
  history: z.array(historyEntrySchema).max(100_000),
  /**
   * Team assessment (shared/team/schema.ts): contributors, their ratings and the coordinator's
   * consolidations. Absent when one person answered alone, as in every document written before
   * it existed, so those stay valid without a migration.
   */
  team: teamSchema.optional(),
  createdAt: z.string(),
  createdBy: z.string().max(200),
  updatedAt: z.string(),
});
export type Assessment = z.infer<typeof assessmentSchema>;
