/**
 * One answer to one criterion, as the QA officer (self-assessment) or the auditor (audit of a
 * partner) records it.
 */
import { z } from 'zod';
import { levelSchema } from '../framework/schema';

const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

const evidenceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('link'),
    id: z.string().min(1).max(64),
    label: z.string().max(300),
    url: z.string().max(2000),
    addedAt: z.string(),
  }),
  z.strictObject({
    kind: z.literal('file'),
    id: z.string().min(1).max(64),
    label: z.string().max(300),
    fileName: z.string().min(1).max(255),
    mediaType: z.string().max(200),
    size: z.number().int().nonnegative(),
    /** The file is stored once under this hash; the hash also proves it was not changed. */
    sha256: sha256HexSchema,
    addedAt: z.string(),
  }),
]);
export type Evidence = z.infer<typeof evidenceSchema>;

export const answerSchema = z.strictObject({
  /** 0–4, or null while unanswered or when not applicable. */
  level: levelSchema.nullable(),
  notApplicable: z.boolean(),
  /** Why the criterion does not apply. Required for critical criteria. */
  naReason: z.string().max(4000),
  /** Self-assessment: the justification. Audit: the auditor's finding. */
  justification: z.string().max(20000),
  evidence: z.array(evidenceSchema).max(200),
  /** Audit only: evidence the auditor asks the partner to provide. */
  requestedEvidence: z.string().max(4000),
  /** Set when the answer was copied from the previous cycle and not yet confirmed or changed. */
  carriedOver: z.boolean(),
});
export type Answer = z.infer<typeof answerSchema>;

export const emptyAnswer: Answer = Object.freeze({
  level: null,
  notApplicable: false,
  naReason: '',
  justification: '',
  evidence: [],
  requestedEvidence: '',
  carriedOver: false,
}) as Answer;

/** The part of an answer that scoring reads. */
export type ScoredAnswer = Pick<Answer, 'level' | 'notApplicable' | 'naReason'>;
export type AnswerMap = Readonly<Record<string, ScoredAnswer | undefined>>;

/** Evidence as it is added: the store gives it its id and time. */
export type NewEvidence = {
  [K in Evidence['kind']]: Omit<Extract<Evidence, { kind: K }>, 'id' | 'addedAt'>;
}[Evidence['kind']];
