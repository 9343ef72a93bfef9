/**
 * The shapes of the catalogue's summaries, one per stored document kind, checked whenever the
 * catalogue is read from disk (`index.json` and its journal, electron/store/catalogue.ts). A
 * summary that does not match is not trusted: the catalogue drops it and summarises the document
 * again from its file. Each schema `satisfies` the summary's type, so the two cannot drift.
 * Objects are not strict: a summary written by a later TrustBridge may carry more, which is left out.
 * `checkedSummary` is how the catalogue applies them.
 */
import { z } from 'zod';
import type { AgreementSummary } from '../agreement/summary';
import { agreementSides } from '../agreement/content';
import { agreementStates } from '../agreement/state';
import { assessmentKinds, assessmentSchema } from '../assessment/schema';
import type { AssessmentSummary } from '../assessment/summary';
import type { FrameworkListItem } from '../framework/catalog';
import { frameworkRefSchema, languageSchema } from '../framework/schema';
import { institutionKinds } from '../institution/schema';
import type { InstitutionListItem } from '../ipc/contract';
import { actionStatuses, decisionOutcomes, partnershipSchema } from '../partnership/schema';
import type { PartnershipSummary } from '../partnership/summary';
import type { ContributionRequestSummary } from '../team/view';

const bandSchema = z.enum(['ready', 'conditional', 'not-ready']);
const assessmentShape = assessmentSchema.shape;

export const assessmentSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(assessmentKinds),
  title: z.string(),
  subject: assessmentShape.subject,
  assessor: assessmentShape.assessor,
  framework: assessmentShape.framework,
  status: assessmentShape.status,
  seriesId: z.string(),
  revision: z.number(),
  origin: z.enum(['local', 'exchange', 'questionnaire']),
  overall: z.number().nullable(),
  band: bandSchema,
  answered: z.number(),
  total: z.number(),
  blockers: z.number(),
  criticalMissing: z.number().optional(),
  certainBand: bandSchema.nullable().optional(),
  decisive: z.array(z.string()).optional(),
  carriedOver: z.number(),
  scored: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().optional(),
  validUntil: z.string().optional(),
  carriedFromId: z.string().optional(),
}) satisfies z.ZodType<AssessmentSummary>;

export const frameworkListItemSchema = z.object({
  key: z.string(),
  id: z.string(),
  version: z.string(),
  title: z.string(),
  language: languageSchema,
  languages: z.array(languageSchema),
  origin: z.enum(['built-in', 'custom', 'imported']),
  status: z.enum(['draft', 'published']),
  fingerprint: z.string(),
  structureFingerprint: z.string(),
  dimensions: z.number(),
  criteria: z.number(),
  critical: z.number(),
  validityMonths: z.number(),
  basedOn: frameworkRefSchema.optional(),
  updatedAt: z.string(),
}) satisfies z.ZodType<FrameworkListItem>;

export const institutionListItemSchema = z.object({
  id: z.string(),
  kind: z.enum(institutionKinds),
  legalName: z.string(),
  country: z.string(),
  city: z.string(),
  erasmusCode: z.string(),
  exchangeId: z.string().nullable(),
  updatedAt: z.string(),
}) satisfies z.ZodType<InstitutionListItem>;

const partySummarySchema = z.object({ institutionId: z.string(), exchangeId: z.string().nullable(), legalName: z.string() });

export const agreementSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  partnershipId: z.string(),
  language: z.string(),
  ownSide: z.enum(agreementSides),
  parties: z.object({ A: partySummarySchema, B: partySummarySchema }),
  state: z.enum(agreementStates),
  contentHash: z.string(),
  signedBy: z.array(z.enum(agreementSides)),
  concludedAt: z.string().optional(),
  endsOn: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
  // Kept as undefined, and so absent from the JSON: the type names them all the same.
  .transform((summary) => ({ ...summary, concludedAt: summary.concludedAt, endsOn: summary.endsOn })) satisfies z.ZodType<AgreementSummary>;

export const partnershipSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  institutionA: z.string(),
  institutionB: z.string(),
  assessments: partnershipSchema.shape.assessments,
  decision: z.object({ outcome: z.enum(decisionOutcomes), decidedAt: z.string() }).optional(),
  actions: z.array(
    z.object({ status: z.enum(actionStatuses), dueDate: z.string().optional(), isCondition: z.boolean() }).transform((action) => ({ ...action, dueDate: action.dueDate })),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
})
  // An undecided partnership's decision is undefined, and so absent from the JSON.
  .transform((summary) => ({ ...summary, decision: summary.decision })) satisfies z.ZodType<PartnershipSummary>;

export const contributionRequestSummarySchema = z.object({
  requestId: z.string(),
  assessmentTitle: z.string(),
  institution: z.string(),
  requestedBy: z.string(),
  criteria: z.number(),
  rated: z.number(),
  receivedAt: z.string(),
  exportedAt: z.string().nullable(),
}) satisfies z.ZodType<ContributionRequestSummary>;

/**
 * A summary read from disk, checked by its kind's schema: undefined when it does not match;
 * otherwise the summary to keep. That is the object read itself whenever the schema's copy holds the
 * same data (the usual case), so a catalogue of 10,000 summaries is not held twice while a store
 * opens; only a summary the schema changes (members a later version added, left out) is replaced
 * by the schema's copy.
 */
export function checkedSummary<S>(schema: z.ZodType<S>, summary: unknown): S | undefined {
  const checked = schema.safeParse(summary);
  if (!checked.success) return undefined;
  return sameJsonData(summary, checked.data) ? (summary as S) : checked.data;
}

/**
 * Whether two values hold the same JSON data: the same primitives, arrays of the same length and
 * objects with the same members, where a member whose value is undefined counts as absent (as in
 * JSON). Allocates nothing.
 */
function sameJsonData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let index = 0; index < a.length; index += 1) if (!sameJsonData(a[index], other[index])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key in left) {
    if (!Object.hasOwn(left, key)) continue;
    if (left[key] === undefined) {
      if (right[key] !== undefined) return false;
    } else if (!Object.hasOwn(right, key) || !sameJsonData(left[key], right[key])) return false;
  }
  for (const key in right) {
    if (Object.hasOwn(right, key) && right[key] !== undefined && !Object.hasOwn(left, key)) return false;
  }
  return true;
}
