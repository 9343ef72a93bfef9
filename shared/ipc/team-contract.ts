/**
 * The IPC channels of team assessment (shared/team/, docs/team-assessment.md), spread into the one
 * contract in contract.ts. Coordinator side: `team.view` … `team.consolidate`; colleague side (a
 * request opened in the colleague's own TrustBridge): `team.openRequest` … `team.exportContribution`.
 */
import { z } from 'zod';
import { languageSchema } from '../framework/schema';
import { ratingEvidenceSchema, ratingValueSchema } from '../team/schema';
import type { ContributionPreviewView, ContributionRequestSummary, ContributionRequestView, TeamView } from '../team/view';
import { channel } from './channel';

const id = z.string().min(1).max(80);
const criterionId = z.string().regex(/^[A-Z]{2,4}-\d{2}$/);
const text = (max: number) => z.string().max(max, { error: 'validation.tooLong' });
/** The coordinator's decision for one criterion: the rating chosen, why, and the ratings it was made from. */
const decisionSchema = z.strictObject({ criterionId, value: ratingValueSchema, reason: text(4000), fromRatingIds: z.array(id).max(100) });
export type ConsolidationDecision = z.infer<typeof decisionSchema>;
/** Only exchange files may be named by the renderer (dropped or double-clicked); workbooks come from the open dialog. */
const exchangePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((value) => value.toLowerCase().endsWith('.trustbridge'), { error: 'validation.exchangeFile' });

const contributorInputSchema = z.strictObject({
  name: z.string().trim().min(1, { error: 'validation.required' }).max(200, { error: 'validation.tooLong' }),
  role: z.string().trim().max(200, { error: 'validation.tooLong' }),
  email: z
    .string()
    .trim()
    .max(320, { error: 'validation.tooLong' })
    .refine((value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), { error: 'validation.email' }),
});
export type ContributorInput = z.infer<typeof contributorInputSchema>;

const teamAssignmentInputSchema = z.strictObject({
  dimensions: z.array(z.string().regex(/^[A-Z]{2,4}$/)).max(40),
  criteria: z.array(criterionId).max(300),
});

export const teamContract = {
  /** The team screen of one assessment (an assessment without team data gives an empty team). */
  'team.view': channel(z.strictObject({ id, language: languageSchema.optional() })).returns<TeamView>(),
  'team.addContributor': channel(z.strictObject({ id, contributor: contributorInputSchema })).returns<TeamView>(),
  'team.updateContributor': channel(z.strictObject({ id, contributorId: id, contributor: contributorInputSchema })).returns<TeamView>(),
  /** A colleague who rated is kept (marked removed) for the record; one who has not is deleted. */
  'team.removeContributor': channel(z.strictObject({ id, contributorId: id })).returns<TeamView>(),
  /** Replaces the colleague's assignment with this one. */
  'team.assign': channel(z.strictObject({ id, contributorId: id, assignment: teamAssignmentInputSchema })).returns<TeamView>(),
  /** Saves (save dialog) a signed `.trustbridge` request, or the Excel questionnaire limited to the assigned criteria. */
  'team.exportRequest': channel(
    z.strictObject({ id, contributorId: id, format: z.enum(['trustbridge', 'workbook']), language: languageSchema }),
  ).returns<{ path: string } | null>(),
  /** Reads a returned contribution (a signed `.trustbridge` file, or the filled workbook through the open dialog) and previews it; stores nothing. */
  'team.previewContribution': channel(z.strictObject({ id, path: exchangePath.optional() })).returns<ContributionPreviewView | null>(),
  'team.applyContribution': channel(z.strictObject({ token: id })).returns<TeamView>(),
  /** The coordinator's decision for one criterion; writes the assessment's answer with history. */
  'team.consolidate': channel(z.strictObject({ id, ...decisionSchema.shape })).returns<TeamView>(),
  /** Several decisions at once ("Accept the N proposals"), stored all together or not at all. */
  'team.consolidateAll': channel(z.strictObject({ id, decisions: z.array(decisionSchema).min(1).max(500) })).returns<TeamView>(),

  /** Colleague side: opens a request file (path, or the open dialog) and keeps it in this data folder. */
  'team.openRequest': channel(z.strictObject({ path: exchangePath.optional() })).returns<ContributionRequestView | null>(),
  'team.requests': channel(z.strictObject({})).returns<ContributionRequestSummary[]>(),
  'team.request': channel(z.strictObject({ requestId: id })).returns<ContributionRequestView>(),
  /** Saves one rating of the colleague (value null clears it). */
  'team.rate': channel(
    z.strictObject({
      requestId: id,
      criterionId,
      value: ratingValueSchema.nullable(),
      justification: text(20000),
      evidence: z.array(ratingEvidenceSchema).max(50),
    }),
  ).returns<ContributionRequestView>(),
  /** Saves (save dialog) the colleague's ratings as a `.trustbridge` file signed with their key. */
  'team.exportContribution': channel(z.strictObject({ requestId: id })).returns<{ path: string } | null>(),
  'team.removeRequest': channel(z.strictObject({ requestId: id })).returns<null>(),
} as const;
