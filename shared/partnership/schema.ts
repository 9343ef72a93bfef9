/**
 * A partnership joins two institutions and up to four assessments: each side's self-assessment
 * and each side's audit of the other. The officers record a readiness decision and an action plan.
 */
import { z } from 'zod';
import { profileIdPattern } from '../framework/schema';

export const decisionOutcomes = ['ready', 'conditional', 'not-ready'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

export const actionStatuses = ['open', 'in-progress', 'done'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.date' });

export const actionItemSchema = z.strictObject({
  id: z.string().min(1).max(80),
  title: z.string().trim().min(1, { error: 'validation.required' }).max(500, { error: 'validation.tooLong' }),
  /** The guide's criterion the action answers to, if any. */
  criterionId: z.string().regex(/^[A-Z]{2,4}-\d{2}$/).optional(),
  /** Which side must act: the own institution (A) or the partner (B). */
  side: z.enum(['A', 'B']),
  owner: z.string().trim().max(200, { error: 'validation.tooLong' }),
  dueDate: isoDateSchema.optional(),
  status: z.enum(actionStatuses),
  /** A condition of the decision: it becomes a clause of the agreement. */
  isCondition: z.boolean(),
  notes: z.string().max(4000),
});
export type ActionItem = z.infer<typeof actionItemSchema>;

export const decisionSchema = z.strictObject({
  outcome: z.enum(decisionOutcomes),
  rationale: z.string().trim().min(1, { error: 'validation.required' }).max(20000),
  decidedBy: z.string().max(200),
  decidedAt: z.string(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const partnershipSchema = z.strictObject({
  schemaVersion: z.literal(1),
  id: z.string().min(1).max(80),
  title: z.string().trim().min(1).max(200),
  /** A is the own institution, B the partner. */
  institutionA: z.string().min(1).max(80),
  institutionB: z.string().min(1).max(80),
  assessments: z.strictObject({
    selfA: z.string().max(80).optional(),
    selfB: z.string().max(80).optional(),
    /** A's audit of B. */
    auditOfB: z.string().max(80).optional(),
    /** B's audit of A. */
    auditOfA: z.string().max(80).optional(),
  }),
  /**
   * The cooperation profile both sides are scored with (a profile id of the framework). Optional,
   * so partnerships stored before profiles existed stay valid without a migration.
   */
  profileId: z.string().regex(profileIdPattern).optional(),
  decision: decisionSchema.optional(),
  actions: z.array(actionItemSchema).max(1000),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Partnership = z.infer<typeof partnershipSchema>;
