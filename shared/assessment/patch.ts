import { z } from 'zod';
import { levelSchema } from '../framework/schema';

/** A change to one criterion's answer: only the fields that changed. */
export const answerPatchSchema = z.strictObject({
  level: levelSchema.nullable().optional(),
  notApplicable: z.boolean().optional(),
  naReason: z.string().max(4000, { error: 'validation.tooLong' }).optional(),
  justification: z.string().max(20000, { error: 'validation.tooLong' }).optional(),
  requestedEvidence: z.string().max(4000, { error: 'validation.tooLong' }).optional(),
  /** Confirms an answer carried over from the previous cycle as it is. */
  confirmCarriedOver: z.boolean().optional(),
});
export type AnswerPatch = z.infer<typeof answerPatchSchema>;
