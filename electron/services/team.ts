/**
 * Team assessment (docs/team-assessment.md): the coordinator's side — contributors, assignments,
 * contribution requests, contributions read back and previewed, consolidation into the
 * assessment's answers — and the colleague's side — a request opened in their own TrustBridge,
 * rated, and sent back signed with their own key.
 *
 * The team's data lives in the assessment document (`team`); the colleague's open requests are
 * documents of their own (`contribution-requests`). Every file from outside is treated as hostile:
 * size first, then the exchange file's signature and schema (or the questionnaire import's checks
 * for a workbook), then what it claims against what this copy sent out. Nothing is stored until
 * the coordinator applies the preview.
 */
import { contributionRequestSummarySchema } from '../../shared/store/summaries';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Answer } from '../../shared/assessment/answer';
import type { Assessment } from '../../shared/assessment/schema';
import { AppError } from '../../shared/errors';
import { fingerprintForDisplay } from '../../shared/exchange/fingerprint';
import type { Signer } from '../../shared/exchange/schema';
import { structureForKnownProfile } from '../../shared/scoring';
import { criteriaOf, type Framework, type Language } from '../../shared/framework/schema';
import { profileOf } from '../../shared/institution/schema';
import type { ConsolidationDecision, ContributorInput } from '../../shared/ipc/team-contract';
import { allowsNotApplicable } from '../../shared/scoring/criterion-status';
import {
  contributionItemSchema,
  contributionRequestItemSchema,
  requestIdSchema,
  type ContributedRating,
  type ContributionItem,
  type ContributionRequestItem,
} from '../../shared/team/exchange-items';
import {
  currentRatings,
  emptyTeam,
  ratingEvidenceSchema,
  ratingValueSchema,
  type Assignment,
  type Contributor,
  type RatingValue,
  type Team,
  type TeamHistoryEntry,
  type TeamRating,
} from '../../shared/team/schema';
import type { ContributionPreviewView, ContributionProblem, ContributionRequestSummary, ContributionRequestView, TeamView } from '../../shared/team/view';
import { assignedCriteriaOf, buildTeamView } from '../../shared/team/view-model';
import { verifyExchangeFile } from '../exchange/read';
import type { IdentityService } from '../identity/identity';
import type { DocumentKind, Store } from '../store/store';
import type { AssessmentService, User } from './assessments';
import type { InstitutionService } from './institutions';
import { statIfExists } from '../platform/files';

/** A contribution is a few hundred ratings at most; far below the exchange format's 20 MB. */
const contributionLimits = { signedBytes: 4 * 1024 * 1024, workbookBytes: 5 * 1024 * 1024 } as const;

/** Workbook requests: these keys sit on the questionnaire's hidden identity sheet after its own. */
export const workbookTeamKeys = { requestId: 'teamRequestId', assessmentId: 'teamAssessmentId', contributorId: 'teamContributorId' } as const;

/** What signing needs of the identity service: the own exchange id and a signature. */
type TeamSigning = Pick<IdentityService, 'exchangeId' | 'signFile' | 'assertUnlocked'>;

// ---------------------------------------------------------------- the colleague's documents

const requestRatingSchema = z.strictObject({
  value: ratingValueSchema,
  justification: z.string().max(20000),
  evidence: z.array(ratingEvidenceSchema).max(50),
  ratedAt: z.string(),
});

const contributionRequestDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  /** The request's id: random, chosen by the coordinator's copy, checked to be a safe file name. */
  id: requestIdSchema,
  request: contributionRequestItemSchema,
  /** Who sent it: the coordinator's installation and key. */
  from: z.strictObject({ exchangeId: z.string().max(128), keyFingerprint: z.string().regex(/^[0-9a-f]{64}$/), signer: z.string().max(300) }),
  ratings: z.record(z.string().regex(/^[A-Z]{2,4}-\d{2}$/), requestRatingSchema),
  receivedAt: z.string(),
  exportedAt: z.string().nullable(),
  updatedAt: z.string(),
});
type ContributionRequestDocument = z.infer<typeof contributionRequestDocumentSchema>;

export const contributionRequestKind: DocumentKind<ContributionRequestDocument, ContributionRequestSummary> = {
  collection: 'contribution-requests',
  schemaVersion: 1,
  schema: contributionRequestDocumentSchema,
  migrations: {},
  summarySchema: contributionRequestSummarySchema,
  summarise: (document) => ({
    requestId: document.id,
    assessmentTitle: document.request.assessment.title,
    institution: document.request.assessment.institution,
    requestedBy: document.request.requestedBy.name,
    criteria: document.request.criteria.length,
    rated: Object.keys(document.ratings).length,
    receivedAt: document.receivedAt,
    exportedAt: document.exportedAt,
  }),
};

// ---------------------------------------------------------------- previews

interface PreparedContribution {
  view: ContributionPreviewView;
  assessmentId: string;
  contributorId: string;
  requestId: string;
  ratings: ContributedRating[];
  source: TeamRating['source'];
}

interface TeamServiceOptions {
  store: Store;
  assessments: AssessmentService;
  institutions: InstitutionService;
  signing: TeamSigning;
  now: () => Date;
  user: () => User;
  /** Reads a filled questionnaire workbook with the questionnaire import's checks. */
  readWorkbook?: (path: string, assessment: Assessment) => Promise<WorkbookAnswers>;
}

/** A filled workbook as the questionnaire import read it: answers by criterion, and its problems. */
export interface WorkbookAnswers {
  fileName: string;
  answers: Record<string, Answer>;
  problems: ContributionProblem[];
  /** Team keys from the hidden identity sheet. */
  identity: { requestId: string; assessmentId: string; contributorId: string };
  respondent: { name: string; date: string };
}

export class TeamService {
  private readonly previews = new Map<string, PreparedContribution>();

  constructor(private readonly options: TeamServiceOptions) {}

  /** Throws when signing is not possible now (no key, or a locked one): asked before any dialog. */
  assertCanSign(): void {
    this.options.signing.assertUnlocked();
  }

  // ---------------------------------------------------------------- coordinator: view and people

  private frameworkOf(assessment: Assessment, language?: Language): Framework {
    return structureForKnownProfile(this.options.assessments.frameworkOf(assessment, language), assessment.profileId);
  }

  async view(id: string, language?: Language): Promise<TeamView> {
    const assessment = await this.options.assessments.get(id);
    return buildTeamView(assessment, this.frameworkOf(assessment, language));
  }

  private async change(id: string, apply: (team: Team, assessment: Assessment) => Team): Promise<TeamView> {
    const stored = await this.options.store.update(this.options.assessments.kind, id, (draft) => {
      assertEditable(draft);
      const team = apply(structuredClone(draft.team ?? emptyTeam()), draft);
      return { ...draft, team, updatedAt: this.now() };
    });
    return buildTeamView(stored, this.frameworkOf(stored));
  }

  private now(): string {
    return this.options.now().toISOString();
  }

  private entry(fields: Omit<TeamHistoryEntry, 'at' | 'by'>): TeamHistoryEntry {
    return { at: this.now(), by: this.options.user().name || 'TrustBridge', ...fields, detail: fields.detail.slice(0, 2000) };
  }

  addContributor(id: string, input: ContributorInput): Promise<TeamView> {
    return this.change(id, (team) => {
      const contributor: Contributor = {
        id: randomUUID(),
        name: input.name.trim(),
        role: input.role.trim(),
        email: input.email.trim(),
        assignment: { dimensions: [], criteria: [] },
        addedAt: this.now(),
        requests: [],
      };
      assertUniqueName(team, contributor.name, contributor.id);
      team.contributors.push(contributor);
      team.history.push(this.entry({ action: 'contributor-added', contributorId: contributor.id, detail: describePerson(contributor) }));
      return team;
    });
  }

  updateContributor(id: string, contributorId: string, input: ContributorInput): Promise<TeamView> {
    return this.change(id, (team) => {
      const contributor = findContributor(team, contributorId);
      const before = describePerson(contributor);
      assertUniqueName(team, input.name.trim(), contributorId);
      Object.assign(contributor, { name: input.name.trim(), role: input.role.trim(), email: input.email.trim() });
      const after = describePerson(contributor);
      if (before !== after) team.history.push(this.entry({ action: 'contributor-updated', contributorId, detail: `${before} → ${after}` }));
      return team;
    });
  }

  /** A colleague who has rated stays on record (marked removed); one who has not is deleted. */
  removeContributor(id: string, contributorId: string): Promise<TeamView> {
    return this.change(id, (team) => {
      const contributor = findContributor(team, contributorId);
      const rated = team.ratings.some((rating) => rating.contributorId === contributorId);
      if (rated) contributor.removedAt = this.now();
      else team.contributors = team.contributors.filter((candidate) => candidate.id !== contributorId);
      team.history.push(
        this.entry({ action: 'contributor-removed', contributorId, detail: `${describePerson(contributor)}${rated ? ' (kept on record: has rated)' : ''}` }),
      );
      return team;
    });
  }

  assign(id: string, contributorId: string, assignment: Assignment): Promise<TeamView> {
    return this.change(id, (team, assessment) => {
      const contributor = findContributor(team, contributorId);
      const framework = this.frameworkOf(assessment);
      const dimensionIds = new Set(framework.dimensions.map((dimension) => dimension.id));
      const criterionIds = new Set(criteriaOf(framework).map((criterion) => criterion.id));
      const unknown = [...assignment.dimensions.filter((d) => !dimensionIds.has(d)), ...assignment.criteria.filter((c) => !criterionIds.has(c))];
      if (unknown.length) {
        throw new AppError({
          code: 'VALIDATION',
          message: `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not part of this assessment’s framework. Choose dimensions and criteria from the list.`,
          params: { unknown: unknown.join(', ') },
        });
      }
      const next = { dimensions: [...new Set(assignment.dimensions)], criteria: [...new Set(assignment.criteria)] };
      contributor.assignment = next;
      const described = [...next.dimensions.map((d) => `${d} (whole dimension)`), ...next.criteria].join(', ') || 'nothing';
      team.history.push(this.entry({ action: 'assigned', contributorId, detail: `${contributor.name}: ${described}` }));
      return team;
    });
  }

  // ---------------------------------------------------------------- coordinator: consolidation

  /**
   * The coordinator's decision for one criterion. The answer is written through the ordinary
   * answer path, which records its own history (who changed the level, from what to what); the
   * team history adds the ratings decided from and the reason. A reason is required whenever the
   * decision is not simply what every colleague said.
   */
  consolidate(id: string, decision: ConsolidationDecision): Promise<TeamView> {
    return this.consolidateAll(id, [decision]);
  }

  /**
   * Several decisions stored together ("Accept the N proposals"): each is checked as
   * `consolidate` checks one, and the answers, their history and the team's record are written in
   * one store update, so a refusal or a failed write stores none of them.
   */
  async consolidateAll(id: string, decisions: readonly ConsolidationDecision[]): Promise<TeamView> {
    const seen = new Set<string>();
    for (const decision of decisions) {
      if (seen.has(decision.criterionId)) {
        throw new AppError({ code: 'VALIDATION', message: `${decision.criterionId} is decided twice in one request.`, params: { criterionId: decision.criterionId } });
      }
      seen.add(decision.criterionId);
    }
    const stored = await this.options.store.update(this.options.assessments.kind, id, (draft) => {
      assertEditable(draft);
      const framework = this.frameworkOf(draft);
      const team = structuredClone(draft.team ?? emptyTeam());
      const names = new Map(team.contributors.map((contributor) => [contributor.id, contributor.name]));
      let next = draft;
      for (const input of decisions) {
        const criterion = criteriaOf(framework).find((candidate) => candidate.id === input.criterionId);
        if (!criterion) throw new AppError({ code: 'NOT_FOUND', message: `Criterion ${input.criterionId} is not part of this assessment’s framework.` });
        const current = currentRatings(team).filter((rating) => rating.criterionId === input.criterionId);
        const currentIds = new Set(current.map((rating) => rating.id));
        const stale = input.fromRatingIds.filter((ratingId) => !currentIds.has(ratingId));
        if (stale.length) {
          throw new AppError({
            code: 'CONFLICT',
            message: `The ratings of ${input.criterionId} changed while you were deciding (a newer contribution was applied). Look at the ratings again and decide once more.`,
            params: { criterionId: input.criterionId, reason: 'team-ratings-changed' },
          });
        }
        const missing = current.filter((rating) => !input.fromRatingIds.includes(rating.id));
        if (missing.length) {
          throw new AppError({
            code: 'CONFLICT',
            message: `Some ratings of ${input.criterionId} were not in front of you (a newer contribution was applied). Look at the ratings again and decide once more.`,
            params: { criterionId: input.criterionId, reason: 'team-ratings-changed' },
          });
        }
        const values = new Set(current.map((rating) => rating.value));
        const unanimous = current.length > 0 && values.size === 1 && values.has(input.value);
        const reason = input.reason.trim();
        if (!unanimous && !reason) {
          throw new AppError({
            code: 'VALIDATION',
            message: current.length > 1 ? 'The colleagues disagree: say why you chose this rating.' : 'Say why you chose a rating other than the colleague’s.',
            issues: [{ path: 'reason', message: 'validation.required' }],
          });
        }
        if (input.value === 'na' && !allowsNotApplicable(criterion)) {
          throw new AppError({
            code: 'VALIDATION',
            message: `${input.criterionId} always applies: choose a level from 0 to 4.`,
            params: { criterionId: input.criterionId },
            issues: [{ path: 'value', message: 'validation.notApplicableNotAllowed', params: { criterionId: input.criterionId } }],
          });
        }
        const answer = next.answers[input.criterionId];
        const justification = answer?.justification.trim()
          ? undefined
          : consolidatedJustification(current, team, reason).slice(0, 20000) || undefined;
        next = this.options.assessments.withAnswer(next, input.criterionId, {
          ...(input.value === 'na' ? { notApplicable: true, level: null, naReason: (reason || current.find((r) => r.value === 'na')?.justification || '').slice(0, 4000) } : { notApplicable: false, level: input.value }),
          ...(justification !== undefined ? { justification } : {}),
          confirmCarriedOver: true,
        });
        team.consolidations[input.criterionId] = {
          criterionId: input.criterionId,
          value: input.value,
          reason: reason.slice(0, 4000),
          decidedBy: this.options.user().name || 'TrustBridge',
          decidedAt: this.now(),
          fromRatingIds: current.map((rating) => rating.id),
        };
        const from = current.map((rating) => `${names.get(rating.contributorId) ?? rating.contributorId} ${showValue(rating.value)}`).join(', ') || 'no ratings';
        team.history.push(
          this.entry({
            action: 'consolidated',
            criterionId: input.criterionId,
            detail: `${showValue(input.value)} from ${from}${reason ? ` — ${reason}` : ''}`,
          }),
        );
      }
      return { ...next, team, updatedAt: this.now() };
    });
    return buildTeamView(stored, this.frameworkOf(stored));
  }

  // ---------------------------------------------------------------- coordinator: requests out

  /** Records that a request went out and returns its id (a contribution must name it). */
  private async recordRequest(id: string, contributorId: string, format: 'trustbridge' | 'workbook'): Promise<{ requestId: string; contributor: Contributor; assessment: Assessment }> {
    const requestId = randomUUID();
    let contributor: Contributor | undefined;
    const assessment = await this.options.store.update(this.options.assessments.kind, id, (draft) => {
      assertEditable(draft);
      const team = structuredClone(draft.team ?? emptyTeam());
      const found = findContributor(team, contributorId);
      if (found.removedAt) throw new AppError({ code: 'CONFLICT', message: `${found.name} was removed from the team. Add them again to ask for ratings.` });
      if (assignedCriteriaOf(found, this.frameworkOf(draft)).length === 0) {
        throw new AppError({ code: 'VALIDATION', message: `Nothing is assigned to ${found.name} yet. Assign criteria or dimensions first.`, params: { reason: 'team-nothing-assigned' } });
      }
      found.requests.push({ requestId, format, at: this.now() });
      team.history.push(this.entry({ action: 'request-exported', contributorId, detail: `${format === 'trustbridge' ? 'signed TrustBridge file' : 'Excel questionnaire'} for ${found.name}` }));
      contributor = found;
      return { ...draft, team, updatedAt: this.now() };
    });
    return { requestId, contributor: contributor!, assessment };
  }

  /** A signed `.trustbridge` request for one colleague. */
  async requestFile(id: string, contributorId: string): Promise<Uint8Array> {
    this.options.signing.assertUnlocked();
    const own = await this.options.institutions.getOwn();
    if (!own) throw new AppError({ code: 'CONFLICT', message: 'Create your own institution’s profile first.' });
    const { requestId, contributor, assessment } = await this.recordRequest(id, contributorId, 'trustbridge');
    const framework = this.frameworkOf(assessment);
    const assigned = new Set(assignedCriteriaOf(contributor, framework));
    const item: ContributionRequestItem = {
      type: 'contribution-request',
      requestId,
      assessment: { id: assessment.id, title: assessment.title, institution: assessment.subject.legalName, framework: assessment.framework },
      requestedBy: { name: this.options.user().name || own.legalName, role: this.options.user().role, institution: own.legalName },
      contributor: { id: contributor.id, name: contributor.name, role: contributor.role, email: contributor.email },
      criteria: framework.dimensions.flatMap((dimension) =>
        dimension.criteria
          .filter((criterion) => assigned.has(criterion.id))
          .map((criterion) => ({
            criterionId: criterion.id,
            dimensionId: dimension.id,
            dimensionTitle: dimension.title,
            title: criterion.title,
            question: criterion.guidance,
            levels: criterion.levels.map((meaning, value) => ({ value: value as 0 | 1 | 2 | 3 | 4, label: framework.scale[value]?.label ?? String(value), meaning })),
            allowsNotApplicable: allowsNotApplicable(criterion),
          })),
      ),
    };
    return this.sign([item]);
  }

  /** The ids a workbook request needs, recorded like a signed request. */
  async workbookRequest(id: string, contributorId: string): Promise<{ requestId: string; assessment: Assessment; framework: Framework; criteria: Set<string>; contributor: Contributor }> {
    const { requestId, contributor, assessment } = await this.recordRequest(id, contributorId, 'workbook');
    const framework = this.frameworkOf(assessment);
    return { requestId, assessment, framework, criteria: new Set(assignedCriteriaOf(contributor, framework)), contributor };
  }

  private async sign(items: Array<ContributionRequestItem | ContributionItem>): Promise<Uint8Array> {
    const { signing } = this.options;
    const own = await this.options.institutions.getOwn();
    if (!own) throw new AppError({ code: 'CONFLICT', message: 'Create your own institution’s profile first.' });
    const { name, role } = this.options.user();
    const signer: Signer = { name: name || own.legalName, role, institution: own.legalName };
    return signing.signFile({ issuer: { exchangeId: signing.exchangeId(), profile: profileOf(own) }, items }, signer);
  }

  // ---------------------------------------------------------------- coordinator: contributions in

  /** Reads a returned contribution (signed file or filled workbook) and previews it. Stores nothing. */
  async previewContribution(id: string, path: string): Promise<ContributionPreviewView> {
    const assessment = await this.options.assessments.get(id);
    const extension = extname(path).toLowerCase();
    if (extension !== '.trustbridge' && extension !== '.xlsx') {
      throw new AppError({ code: 'INVALID_FILE', message: 'A contribution is a signed .trustbridge file or a filled Excel questionnaire (.xlsx). Choose one of those.' });
    }
    const info = await statIfExists(path);
    if (!info?.isFile()) throw new AppError({ code: 'NOT_FOUND', message: `${path} is not a readable file.`, params: { path } });
    const limit = extension === '.trustbridge' ? contributionLimits.signedBytes : contributionLimits.workbookBytes;
    if (info.size > limit) {
      throw new AppError({
        code: 'FILE_TOO_LARGE',
        message: `This file is larger than ${limit / 1024 / 1024} MB, far more than one colleague’s ratings. It was not opened; ask the colleague to export the contribution again.`,
        params: { limit, maxMb: limit / 1024 / 1024 },
      });
    }
    const prepared = extension === '.trustbridge' ? await this.readSigned(assessment, path) : await this.readWorkbook(assessment, path);
    this.previews.clear();
    this.previews.set(prepared.view.token, prepared);
    return prepared.view;
  }

  private async readSigned(assessment: Assessment, path: string): Promise<PreparedContribution> {
    const bytes = new Uint8Array(await readFile(path));
    const result = await verifyExchangeFile(bytes, { maxBytes: contributionLimits.signedBytes });
    if (!result.ok) throw new AppError(result.error);
    const { verified } = result;
    const items = verified.payload.items;
    if (items.length === 1 && items[0]!.type === 'contribution-request') {
      throw new AppError({
        code: 'INVALID_FILE',
        message: 'This file is a request for ratings, not a colleague’s answer. The colleague opens it in their TrustBridge, rates, and sends back the contribution file.',
        params: { reason: 'team-request-not-contribution' },
      });
    }
    const parsed = items.length === 1 ? contributionItemSchema.safeParse(items[0]) : undefined;
    if (!parsed?.success || verified.signatures.length !== 1) {
      throw new AppError({
        code: 'INVALID_FILE',
        message: 'This TrustBridge file is not a colleague’s contribution (it should hold their ratings alone, with one signature). Import it under Exchange if it is something else.',
        params: { reason: 'team-not-contribution' },
      });
    }
    const signature = verified.signatures[0]!;
    const item = parsed.data;
    const { contributor } = this.checkClaims(assessment, { assessmentId: item.assessmentId, contributorId: item.contributor.id, requestId: item.requestId });
    if (contributor.keyFingerprint && contributor.keyFingerprint !== signature.fingerprint) {
      throw new AppError({
        code: 'KEY_CHANGED',
        message: `This contribution is signed with another key than ${contributor.name}’s earlier ones (${fingerprintForDisplay(signature.fingerprint)}). Ask ${contributor.name} in person whether they replaced their key; if not, do not use the file.`,
        params: { reason: 'team-key-changed', name: contributor.name },
      });
    }
    const signer = {
      name: signature.signer.name,
      keyFingerprint: signature.fingerprint,
      displayFingerprint: signature.displayFingerprint,
      firstUse: !contributor.keyFingerprint,
    };
    return this.prepare(assessment, contributor, item.requestId, item.ratings, [], {
      kind: 'signed',
      fileName: basename(path),
      signer,
      source: { type: 'signed', fileName: basename(path).slice(0, 255), keyFingerprint: signature.fingerprint },
    });
  }

  private async readWorkbook(assessment: Assessment, path: string): Promise<PreparedContribution> {
    if (!this.options.readWorkbook) throw new AppError({ code: 'INTERNAL', message: 'Workbook contributions cannot be read here.' });
    const read = await this.options.readWorkbook(path, assessment);
    const { contributor } = this.checkClaims(assessment, read.identity);
    const ratings: ContributedRating[] = [];
    const ratedAt = read.respondent.date && !Number.isNaN(Date.parse(read.respondent.date)) ? new Date(Date.parse(read.respondent.date)).toISOString() : this.now();
    for (const [criterionId, answer] of Object.entries(read.answers)) {
      const value: RatingValue | null = answer.notApplicable ? 'na' : answer.level;
      if (value === null) continue;
      ratings.push({
        criterionId,
        value,
        justification: (answer.notApplicable && answer.naReason.trim() ? [answer.naReason.trim(), answer.justification.trim()].filter(Boolean).join('\n\n') : answer.justification).slice(0, 20000),
        evidence: answer.evidence.flatMap((evidence) => (evidence.kind === 'link' ? [{ label: evidence.label.slice(0, 300), url: evidence.url.slice(0, 2000) }] : [])).slice(0, 50),
        ratedAt,
      });
    }
    return this.prepare(assessment, contributor, read.identity.requestId, ratings, read.problems, {
      kind: 'workbook',
      fileName: read.fileName,
      signer: null,
      source: { type: 'workbook', fileName: read.fileName.slice(0, 255) },
    });
  }

  /** What a file claims (assessment, colleague, request) against what this copy sent out. */
  private checkClaims(assessment: Assessment, claims: { assessmentId: string; contributorId: string; requestId: string }): { contributor: Contributor } {
    if (claims.assessmentId !== assessment.id) {
      throw new AppError({
        code: 'VALIDATION',
        message: `This contribution answers another assessment, not “${assessment.title}”. Open the assessment it was requested for and import it there.`,
        params: { reason: 'team-wrong-assessment' },
      });
    }
    const team = assessment.team ?? emptyTeam();
    const contributor = team.contributors.find((candidate) => candidate.id === claims.contributorId);
    if (!contributor || contributor.removedAt) {
      throw new AppError({
        code: 'VALIDATION',
        message: 'This contribution comes from someone who is not on this assessment’s team. Add the colleague, send them a new request, and import their answer to it.',
        params: { reason: 'team-unknown-contributor' },
      });
    }
    if (!contributor.requests.some((request) => request.requestId === claims.requestId)) {
      throw new AppError({
        code: 'VALIDATION',
        message: `This contribution answers a request this copy of TrustBridge did not send to ${contributor.name}. Send ${contributor.name} a new request and import their answer to it.`,
        params: { reason: 'team-unknown-request', name: contributor.name },
      });
    }
    return { contributor };
  }

  private prepare(
    assessment: Assessment,
    contributor: Contributor,
    requestId: string,
    ratings: readonly ContributedRating[],
    readProblems: readonly ContributionProblem[],
    file: { kind: 'signed' | 'workbook'; fileName: string; signer: ContributionPreviewView['signer']; source: TeamRating['source'] },
  ): PreparedContribution {
    const framework = this.frameworkOf(assessment);
    const criteria = new Map(criteriaOf(framework).map((criterion) => [criterion.id, criterion]));
    const assigned = new Set(assignedCriteriaOf(contributor, framework));
    const team = assessment.team ?? emptyTeam();
    const previous = new Map(currentRatings(team).filter((rating) => rating.contributorId === contributor.id).map((rating) => [rating.criterionId, rating]));
    // Workbook rows outside the assignment are expected to be missing: that is not worth a warning.
    const problems: ContributionProblem[] = readProblems.filter((problem) => !(problem.code === 'missingRow' && problem.criterionId && !assigned.has(problem.criterionId)));
    const seen = new Set<string>();
    const kept: ContributedRating[] = [];
    let unchanged = 0;
    for (const rating of ratings) {
      const criterion = criteria.get(rating.criterionId);
      if (seen.has(rating.criterionId)) {
        problems.push(problem(rating.criterionId, 'error', 'duplicate', `${rating.criterionId} is rated twice in this file.`, 'Ask the colleague to export the contribution again.'));
        continue;
      }
      seen.add(rating.criterionId);
      if (!criterion || !assigned.has(rating.criterionId)) {
        problems.push(
          problem(
            rating.criterionId,
            'error',
            'notAssigned',
            `${rating.criterionId} is not assigned to ${contributor.name}.`,
            `Assign ${rating.criterionId} to ${contributor.name} first if their rating should count, or ask them to leave it out.`,
          ),
        );
        continue;
      }
      if (rating.value === 'na' && !allowsNotApplicable(criterion)) {
        problems.push(problem(rating.criterionId, 'error', 'notApplicableNotAllowed', `${rating.criterionId} always applies, but is marked not applicable.`, `Ask ${contributor.name} for a level from 0 to 4.`));
        continue;
      }
      const before = previous.get(rating.criterionId);
      if (before && before.value === rating.value && before.justification === rating.justification && sameEvidence(before.evidence, rating.evidence)) {
        unchanged += 1;
        continue;
      }
      kept.push(rating);
    }
    const unanswered = [...assigned].filter((criterionId) => !seen.has(criterionId)).length;
    const view: ContributionPreviewView = {
      token: randomUUID(),
      fileName: file.fileName,
      kind: file.kind,
      assessment: { id: assessment.id, title: assessment.title },
      contributor: { id: contributor.id, name: contributor.name, role: contributor.role },
      signer: file.signer,
      ratings: kept.map((rating) => ({
        criterionId: rating.criterionId,
        value: rating.value,
        justification: rating.justification,
        evidence: rating.evidence.length,
        previous: previous.get(rating.criterionId)?.value ?? null,
      })),
      problems,
      canApply: !problems.some((entry) => entry.severity === 'error') && kept.length > 0,
      counts: {
        rated: kept.filter((rating) => rating.value !== 'na').length,
        notApplicable: kept.filter((rating) => rating.value === 'na').length,
        unanswered,
        unchanged,
      },
    };
    if (kept.length === 0 && !problems.some((entry) => entry.severity === 'error')) {
      problems.push(problem(null, 'warning', 'nothingNew', 'This file holds no rating that is not already here.', 'Nothing to apply.'));
    }
    return { view, assessmentId: assessment.id, contributorId: contributor.id, requestId, ratings: kept, source: file.source };
  }

  /** Stores a previewed contribution's ratings, all or none. */
  async applyContribution(token: string): Promise<TeamView> {
    const prepared = this.previews.get(token);
    if (!prepared) throw new AppError({ code: 'NOT_FOUND', message: 'This preview is no longer open. Open the contribution file again.' });
    if (!prepared.view.canApply) throw new AppError({ code: 'VALIDATION', message: 'This contribution has problems that must be solved first; nothing was stored.' });
    const view = await this.change(prepared.assessmentId, (team) => {
      const contributor = team.contributors.find((candidate) => candidate.id === prepared.contributorId && !candidate.removedAt);
      if (!contributor || !contributor.requests.some((request) => request.requestId === prepared.requestId)) {
        throw new AppError({ code: 'CONFLICT', message: 'The team changed since the preview (the colleague was removed). Nothing was stored.' });
      }
      if (prepared.source.type === 'signed') {
        if (contributor.keyFingerprint && contributor.keyFingerprint !== prepared.source.keyFingerprint) {
          throw new AppError({ code: 'KEY_CHANGED', message: `Another key of ${contributor.name} was recorded since the preview. Nothing was stored.` });
        }
        contributor.keyFingerprint = prepared.source.keyFingerprint;
      }
      const previous = new Map(currentRatings(team).filter((rating) => rating.contributorId === contributor.id).map((rating) => [rating.criterionId, rating]));
      const recordedAt = this.now();
      for (const rating of prepared.ratings) {
        const before = previous.get(rating.criterionId);
        team.ratings.push({
          id: randomUUID(),
          contributorId: contributor.id,
          criterionId: rating.criterionId,
          value: rating.value,
          justification: rating.justification,
          evidence: rating.evidence,
          ratedAt: rating.ratedAt,
          recordedAt,
          source: prepared.source,
          ...(before ? { replaces: before.id } : {}),
        });
      }
      const list = prepared.ratings.map((rating) => `${rating.criterionId} ${showValue(rating.value)}`).join(', ');
      team.history.push(this.entry({ action: 'contribution-applied', contributorId: contributor.id, detail: `${contributor.name} (${prepared.view.fileName}): ${list}` }));
      return team;
    });
    this.previews.delete(token);
    return view;
  }

  // ---------------------------------------------------------------- the colleague's side

  /** Opens a signed request in the colleague's own copy. Opening it again keeps the ratings made so far. */
  async openRequest(path: string): Promise<ContributionRequestView> {
    if (extname(path).toLowerCase() !== '.trustbridge') throw new AppError({ code: 'INVALID_FILE', message: 'A request for ratings is a .trustbridge file. Choose one.' });
    const info = await statIfExists(path);
    if (!info?.isFile()) throw new AppError({ code: 'NOT_FOUND', message: `${path} is not a readable file.`, params: { path } });
    if (info.size > contributionLimits.signedBytes) {
      throw new AppError({
        code: 'FILE_TOO_LARGE',
        message: `This file is larger than ${contributionLimits.signedBytes / 1024 / 1024} MB, far more than a request for ratings. It was not opened.`,
        params: { maxMb: contributionLimits.signedBytes / 1024 / 1024 },
      });
    }
    const result = await verifyExchangeFile(new Uint8Array(await readFile(path)), { maxBytes: contributionLimits.signedBytes });
    if (!result.ok) throw new AppError(result.error);
    const { verified } = result;
    const parsed = verified.payload.items.length === 1 ? contributionRequestItemSchema.safeParse(verified.payload.items[0]) : undefined;
    if (!parsed?.success || verified.signatures.length !== 1) {
      throw new AppError({
        code: 'INVALID_FILE',
        message: 'This TrustBridge file is not a request for ratings. Import it under Exchange if it is something else.',
        params: { reason: 'team-not-request' },
      });
    }
    const request = parsed.data;
    const { store } = this.options;
    if (store.has(contributionRequestKind, request.requestId)) {
      const held = await store.read(contributionRequestKind, request.requestId);
      if (held.from.keyFingerprint !== verified.signatures[0]!.fingerprint) {
        throw new AppError({ code: 'KEY_CHANGED', message: 'A request with this identifier was opened before, signed with another key. Ask the coordinator for a fresh request.' });
      }
      return requestView(held);
    }
    const now = this.now();
    const document: ContributionRequestDocument = {
      schemaVersion: 1,
      id: request.requestId,
      request,
      from: {
        exchangeId: verified.signatures[0]!.exchangeId,
        keyFingerprint: verified.signatures[0]!.fingerprint,
        signer: `${verified.signatures[0]!.signer.name}, ${verified.signatures[0]!.signer.institution}`.slice(0, 300),
      },
      ratings: {},
      receivedAt: now,
      exportedAt: null,
      updatedAt: now,
    };
    return requestView(await store.create(contributionRequestKind, document));
  }

  requests(): ContributionRequestSummary[] {
    return this.options.store
      .entries(contributionRequestKind)
      .map((entry) => entry.summary)
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  }

  async request(requestId: string): Promise<ContributionRequestView> {
    return requestView(await this.options.store.read(contributionRequestKind, requestId));
  }

  async rate(requestId: string, input: { criterionId: string; value: RatingValue | null; justification: string; evidence: ReadonlyArray<{ label: string; url: string }> }): Promise<ContributionRequestView> {
    const stored = await this.options.store.update(contributionRequestKind, requestId, (draft) => {
      const criterion = draft.request.criteria.find((candidate) => candidate.criterionId === input.criterionId);
      if (!criterion) throw new AppError({ code: 'NOT_FOUND', message: `${input.criterionId} is not among the criteria you were asked to rate.` });
      if (input.value === 'na' && !criterion.allowsNotApplicable) {
        throw new AppError({
          code: 'VALIDATION',
          message: `${input.criterionId} always applies: choose a level from 0 to 4.`,
          issues: [{ path: 'value', message: 'validation.notApplicableNotAllowed', params: { criterionId: input.criterionId } }],
        });
      }
      const ratings = { ...draft.ratings };
      if (input.value === null) delete ratings[input.criterionId];
      else ratings[input.criterionId] = { value: input.value, justification: input.justification, evidence: [...input.evidence], ratedAt: this.now() };
      return { ...draft, ratings, updatedAt: this.now() };
    });
    return requestView(stored);
  }

  /** The colleague's ratings as a file signed with their own key. */
  async contributionFile(requestId: string): Promise<Uint8Array> {
    this.options.signing.assertUnlocked();
    const document = await this.options.store.read(contributionRequestKind, requestId);
    const ratings = Object.entries(document.ratings).map(([criterionId, rating]) => ({ criterionId, ...rating }));
    if (ratings.length === 0) throw new AppError({ code: 'VALIDATION', message: 'Rate at least one criterion before you send your contribution.' });
    const { contributor } = document.request;
    const bytes = await this.sign([
      {
        type: 'contribution',
        requestId: document.request.requestId,
        assessmentId: document.request.assessment.id,
        contributor: { id: contributor.id, name: contributor.name, role: contributor.role },
        ratings,
      },
    ]);
    await this.options.store.update(contributionRequestKind, requestId, (draft) => ({ ...draft, exportedAt: this.now(), updatedAt: this.now() }));
    return bytes;
  }

  async removeRequest(requestId: string): Promise<void> {
    await this.options.store.remove(contributionRequestKind, requestId);
  }
}

// ---------------------------------------------------------------- helpers

function assertEditable(assessment: Assessment): void {
  if (assessment.status === 'complete') {
    throw new AppError({ code: 'LOCKED', message: 'This assessment is completed and locked. Reopen it as a new revision to change its team or ratings.' });
  }
}

function findContributor(team: Team, contributorId: string): Contributor {
  const contributor = team.contributors.find((candidate) => candidate.id === contributorId);
  if (!contributor) throw new AppError({ code: 'NOT_FOUND', message: 'This colleague is no longer on the team.' });
  return contributor;
}

function assertUniqueName(team: Team, name: string, exceptId: string): void {
  const taken = team.contributors.some((candidate) => candidate.id !== exceptId && !candidate.removedAt && candidate.name.toLocaleLowerCase() === name.toLocaleLowerCase());
  if (taken) {
    throw new AppError({
      code: 'VALIDATION',
      message: `${name} is on the team already. Give a name that tells the two apart.`,
      issues: [{ path: 'name', message: 'validation.duplicateName' }],
    });
  }
}

function describePerson(contributor: Pick<Contributor, 'name' | 'role' | 'email'>): string {
  return [contributor.name, contributor.role, contributor.email].filter(Boolean).join(', ');
}

function showValue(value: RatingValue): string {
  return value === 'na' ? 'N/A' : String(value);
}

function sameEvidence(a: ReadonlyArray<{ label: string; url: string }>, b: ReadonlyArray<{ label: string; url: string }>): boolean {
  return a.length === b.length && a.every((item, index) => item.label === b[index]!.label && item.url === b[index]!.url);
}

function problem(criterionId: string | null, severity: 'error' | 'warning', code: string, text: string, whatToDo: string): ContributionProblem {
  return { criterionId, severity, code, params: criterionId ? { criterionId } : {}, problem: text, whatToDo };
}

/** The justification an empty answer receives: each colleague's, named, and the reason. */
function consolidatedJustification(ratings: readonly TeamRating[], team: Team, reason: string): string {
  const names = new Map(team.contributors.map((contributor) => [contributor.id, contributor.name]));
  const parts = ratings.filter((rating) => rating.justification.trim()).map((rating) => `${names.get(rating.contributorId) ?? ''}: ${rating.justification.trim()}`);
  if (ratings.length === 1 && parts.length === 1) parts[0] = ratings[0]!.justification.trim();
  if (reason) parts.push(reason);
  return parts.join('\n\n');
}

function requestView(document: ContributionRequestDocument): ContributionRequestView {
  const { request } = document;
  return {
    requestId: document.id,
    assessment: { id: request.assessment.id, title: request.assessment.title, institution: request.assessment.institution },
    requestedBy: request.requestedBy,
    contributor: request.contributor,
    language: request.assessment.framework.language,
    criteria: request.criteria,
    ratings: document.ratings,
    receivedAt: document.receivedAt,
    exportedAt: document.exportedAt,
  };
}

/** The hidden identity sheet's team keys, read from a workbook (after the questionnaire reader's checks). */
export async function readWorkbookTeamKeys(bytes: Uint8Array, identitySheetName: string): Promise<WorkbookAnswers['identity']> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(identitySheetName);
  const found: Record<string, string> = {};
  for (let r = 1; sheet && r <= Math.min(sheet.rowCount, 100); r += 1) {
    const key = String(sheet.getCell(r, 1).value ?? '').trim();
    if (Object.values(workbookTeamKeys).includes(key as never)) found[key] = String(sheet.getCell(r, 2).value ?? '').trim().slice(0, 80);
  }
  const identity = { requestId: found[workbookTeamKeys.requestId] ?? '', assessmentId: found[workbookTeamKeys.assessmentId] ?? '', contributorId: found[workbookTeamKeys.contributorId] ?? '' };
  if (!identity.requestId || !identity.assessmentId || !identity.contributorId) {
    throw new AppError({
      code: 'INVALID_FILE',
      message: 'This workbook is not a team contribution (it is not a questionnaire exported for a colleague from the Team screen). Import a partner’s questionnaire under Imports instead.',
      params: { reason: 'team-not-contribution' },
    });
  }
  return identity;
}
