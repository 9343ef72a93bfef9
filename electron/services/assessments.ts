/**
 * Assessments: self-assessments of the own institution and audits of partners. Every change is
 * saved at once (one small file per assessment), recorded in the assessment's change history, and
 * refused once the assessment is completed — a completed assessment changes only as a new revision.
 */
import { assessmentSummarySchema } from '../../shared/store/summaries';
import { validUntil } from '../../shared/assessment/validity';
import { randomUUID } from 'node:crypto';
import { emptyAnswer, type Answer, type Evidence, type NewEvidence } from '../../shared/assessment/answer';
import {
  assessmentSchema,
  type Assessment,
  type AssessmentKind,
  type HistoryEntry,
  type HistoryField,
  type InstitutionRef,
} from '../../shared/assessment/schema';
import { carriedAnswers, carryOverPlan, type CarryPlan } from '../../shared/assessment/carry-over';
import type { AnswerPatch } from '../../shared/assessment/patch';
import type { AssessmentSummary } from '../../shared/assessment/summary';
import { AppError } from '../../shared/errors';
import type { AnswerSaved, AssessmentView } from '../../shared/ipc/contract';
import { frameworkRef } from '../../shared/framework/fingerprint';
import { criteriaOf, type Framework, type Language } from '../../shared/framework/schema';
import { scoreAssessment } from '../../shared/scoring/assessment-score';
import { allowsNotApplicable, notApplicableRefusedMessage } from '../../shared/scoring/criterion-status';
import { structureForProfile, UnknownProfileError, type ProfiledFramework } from '../../shared/scoring/framework-structure';
import { scoreEvidence } from '../../shared/scoring/verdict';
import type { DocumentKind, Store } from '../store/store';
import { diffAssessments } from '../../shared/exchange/diff';
import { revisionVerdict } from '../../shared/exchange/revision';
import { notApplicableRefused } from '../../shared/scoring/answer-rules';
import type { FrameworkCatalog } from './frameworks';
import { adds, knownLocalIds, withLocalInstitutions, type ItemImporter } from './importer';
import type { InstitutionService } from './institutions';
import { unlessGone } from '../store/unless-gone';

/** Changes to one field of one criterion by one person within this time are one history entry. */
const historyCoalesceMs = 10 * 60 * 1000;

function summariseAssessment(assessment: Assessment, structure: (ProfiledFramework & { validityMonths?: number }) | undefined): AssessmentSummary {
  const profiled = structure ? profiledStructure(structure, assessment.profileId) : undefined;
  const score = profiled ? scoreAssessment(profiled, assessment.answers) : undefined;
  const evidence = profiled && score ? scoreEvidence(profiled, assessment.answers, score) : undefined;
  return {
    id: assessment.id,
    kind: assessment.kind,
    title: assessment.title,
    subject: assessment.subject,
    assessor: assessment.assessor,
    framework: assessment.framework,
    status: assessment.status,
    seriesId: assessment.seriesId,
    revision: assessment.revision,
    origin: assessment.origin.type,
    overall: score?.overall ?? null,
    band: score?.band ?? 'not-ready',
    answered: score?.completeness.answered ?? 0,
    total: score?.completeness.total ?? 0,
    blockers: score?.blockers.length ?? 0,
    criticalMissing: score?.criticalMissing.length ?? 0,
    certainBand: evidence?.certainBand ?? null,
    decisive: evidence ? [...evidence.because] : [],
    carriedOver: Object.values(assessment.answers).filter((answer) => answer.carriedOver).length,
    scored: score !== undefined,
    createdAt: assessment.createdAt,
    updatedAt: assessment.updatedAt,
    ...(assessment.completed ? { completedAt: assessment.completed.at } : {}),
    ...(assessment.carriedFrom ? { carriedFromId: assessment.carriedFrom.assessmentId } : {}),
    ...(assessment.completed && structure?.validityMonths ? { validUntil: validUntil(assessment.completed.at, structure.validityMonths) } : {}),
  };
}

/**
 * The structure an assessment is scored with: its framework under its cooperation profile. A
 * profile the framework does not have (only possible in a file edited by hand) leaves it unscored
 * rather than scored against the wrong set of criteria.
 */
function profiledStructure(structure: ProfiledFramework, profileId: string | undefined): ProfiledFramework | undefined {
  try {
    return structureForProfile(structure, profileId);
  } catch (error) {
    if (error instanceof UnknownProfileError) return undefined;
    throw error;
  }
}

/** The assessment document kind; its summaries need the framework, found by fingerprint. */
export function assessmentKind(structureOf: (fingerprint: string) => (ProfiledFramework & { validityMonths?: number }) | undefined): DocumentKind<Assessment, AssessmentSummary> {
  return {
    collection: 'assessments',
    schemaVersion: 1,
    schema: assessmentSchema,
    migrations: {},
    summarySchema: assessmentSummarySchema,
    summarise: (assessment) => summariseAssessment(assessment, structureOf(assessment.framework.fingerprint)),
  };
}

export interface User {
  name: string;
  role: string;
}

interface CreateAssessmentInput {
  kind: AssessmentKind;
  /** The institution assessed: the own institution for a self-assessment, a partner for an audit. */
  subjectId: string;
  frameworkKey: string;
  language: Language;
  /** In the user's language: the interface proposes one. */
  title: string;
  reviewsAssessmentId?: string;
  /** The cooperation profile, one of the framework's profiles (frameworks with profiles only). */
  profileId?: string;
}

export class AssessmentService {
  readonly kind: DocumentKind<Assessment, AssessmentSummary>;

  constructor(
    private readonly store: Store,
    private readonly frameworks: FrameworkCatalog,
    private readonly institutions: InstitutionService,
    private readonly now: () => Date,
    private readonly user: () => User,
    kind: DocumentKind<Assessment, AssessmentSummary>,
  ) {
    this.kind = kind;
  }

  list(): AssessmentSummary[] {
    return this.store
      .entries(this.kind)
      .map((entry) => entry.summary)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  summary(id: string): AssessmentSummary {
    const summary = this.store.summary(this.kind, id);
    if (!summary) throw new AppError({ code: 'NOT_FOUND', message: 'This assessment no longer exists.' });
    return summary;
  }

  get(id: string): Promise<Assessment> {
    return this.store.read(this.kind, id);
  }

  /** An assessment with its framework and, for an audit, the self-assessment it reviews (if still stored). */
  async view(id: string, language?: Language): Promise<AssessmentView> {
    const assessment = await this.get(id);
    const framework = this.frameworkOf(assessment, language);
    const reviewed = assessment.reviewsAssessmentId ? await unlessGone(this.get(assessment.reviewsAssessmentId), this.store.logger, `the assessment reviewed by ${id}`) : undefined;
    return { assessment, framework, ...(reviewed ? { reviewed } : {}) };
  }

  /** What the window is told after an answer changed: the stored answer and the new summary. */
  answerSaved(assessment: Assessment, criterionId: string): AnswerSaved {
    const answer = assessment.answers[criterionId];
    if (!answer) throw new AppError({ code: 'INTERNAL', message: 'The answer was not stored' });
    return { answer, summary: this.summary(assessment.id), updatedAt: assessment.updatedAt };
  }

  /** The framework an assessment was made with, in the wanted language where a translation exists. */
  frameworkOf(assessment: Pick<Assessment, 'framework'>, language?: Language): Framework {
    const framework = this.frameworks.byRef(assessment.framework, language ?? assessment.framework.language);
    if (!framework) {
      throw new AppError({
        code: 'NOT_FOUND',
        message: `The framework this assessment was made with (${assessment.framework.id} ${assessment.framework.version}) is not in this data folder. Import it to open the assessment.`,
        params: { id: assessment.framework.id, version: assessment.framework.version },
      });
    }
    return framework;
  }

  async create(input: CreateAssessmentInput): Promise<Assessment> {
    const ownId = this.institutions.ownId();
    if (!ownId) throw new AppError({ code: 'CONFLICT', message: 'Create your own institution’s profile first.' });
    const subject = await this.institutions.get(input.subjectId);
    if (input.kind === 'self' && subject.kind !== 'own') {
      throw new AppError({ code: 'VALIDATION', message: 'A self-assessment is of your own institution. To assess a partner, start an audit.' });
    }
    if (input.kind === 'audit' && subject.kind !== 'partner') {
      throw new AppError({ code: 'VALIDATION', message: 'An audit is of a partner institution.' });
    }
    const item = this.frameworks.item(input.frameworkKey);
    if (item.status !== 'published') {
      throw new AppError({ code: 'LOCKED', message: 'Publish this framework version before you assess with it, so that it cannot change under the assessment.' });
    }
    const framework = await this.frameworks.get(input.frameworkKey, input.language);
    if (input.profileId !== undefined) assertProfile(framework, input.profileId);
    if (input.reviewsAssessmentId) {
      const reviewed = this.summary(input.reviewsAssessmentId);
      if (reviewed.kind !== 'self' || reviewed.subject.institutionId !== subject.id) {
        throw new AppError({ code: 'VALIDATION', message: 'An audit reviews the partner’s own self-assessment.' });
      }
    }
    const own = await this.institutions.get(ownId);
    const at = this.now().toISOString();
    const id = randomUUID();
    const assessment: Assessment = {
      schemaVersion: 1,
      id,
      kind: input.kind,
      title: input.title.trim() || subject.legalName,
      subject: refOf(subject),
      assessor: refOf(own),
      framework: { ...frameworkRef(framework), language: framework.language },
      ...(input.profileId !== undefined ? { profileId: input.profileId } : {}),
      ...(input.reviewsAssessmentId ? { reviewsAssessmentId: input.reviewsAssessmentId } : {}),
      status: 'draft',
      seriesId: id,
      revision: 1,
      origin: { type: 'local' },
      answers: {},
      history: [],
      createdAt: at,
      createdBy: this.user().name,
      updatedAt: at,
    };
    return this.store.create(this.kind, assessment);
  }

  /**
   * Stores an assessment made elsewhere, as it came: received in an exchange file, read back from a
   * partner's questionnaire, or written by the demo. Every such assessment comes in here, so each is
   * checked and catalogued the same way: its framework version must be held (nothing could show or
   * score it otherwise). Within an import it is written in the import's store transaction, which
   * takes it back if the import fails later.
   */
  async importAssessment(assessment: Assessment): Promise<Assessment> {
    if (!this.frameworks.byRef(assessment.framework)) {
      throw new AppError({
        code: 'NOT_FOUND',
        message: `The framework version of “${assessment.title}” is not in this data folder. Import the framework first. Nothing was stored.`,
      });
    }
    return this.store.create(this.kind, assessment);
  }

  /**
   * The importer of the assessments an exchange file carries: new ones, and newer revisions as new
   * documents (local work is never overwritten), with the institutions they name mapped to ours.
   * Our own assessments coming back are skipped, and an assessment whose framework, profile or
   * answers cannot be held here is refused.
   */
  readonly importer: ItemImporter<'assessment'> = {
    type: 'assessment',
    plan: async ({ assessment: incoming }, context) => {
      const title = incoming.title;
      const refuse = (reason: string) => ({ preview: { type: 'assessment' as const, title, action: 'refuse' as const, reason } });
      const assessor = context.institutions.get(incoming.assessor.institutionId);
      if (assessor?.own) {
        // Our own assessments come back from partners now and then: ours is the authority.
        return { preview: { type: 'assessment', title, action: 'skip', reason: 'own-assessment' } };
      }
      const framework = this.frameworks.byRef(incoming.framework) ?? context.frameworksInFile.get(incoming.framework.fingerprint);
      if (!framework) return refuse('framework-missing');
      if (incoming.profileId !== undefined && !(framework.profiles ?? []).some((profile) => profile.id === incoming.profileId)) return refuse('profile-unknown');
      // An answer the guide forbids (N/A on recognition or external QA) is never stored, not even as a draft.
      if (notApplicableRefused(framework, incoming.answers).length > 0) return refuse('not-applicable-refused');
      const heldSummary = this.list()
        .filter((summary) => summary.seriesId === incoming.seriesId)
        .sort((a, b) => b.revision - a.revision)[0];
      if (!heldSummary) {
        if (this.store.has(this.kind, incoming.id)) return refuse('id-taken');
        return { preview: { type: 'assessment', title, action: 'add', verdict: 'new' } };
      }
      const held = await this.get(heldSummary.id);
      // Compared as it would be stored here: with its institutions mapped to ours.
      const verdict = revisionVerdict(withLocalInstitutions(incoming, knownLocalIds(context.institutions)), held);
      switch (verdict) {
        case 'newer-revision':
          return { preview: { type: 'assessment', title, action: 'add-revision', verdict, diff: diffAssessments(held, incoming) } };
        case 'same':
          return { preview: { type: 'assessment', title, action: 'skip', verdict, reason: 'same' } };
        case 'new':
          return { preview: { type: 'assessment', title, action: 'add', verdict } };
        default:
          return { preview: { type: 'assessment', title, action: 'refuse', verdict, reason: verdict } };
      }
    },
    apply: async ({ assessment: incoming }, plan, context) => {
      if (!adds(plan.preview)) return 0;
      const { signatures } = context.file.verified;
      const signer = signatures.find((signature) => signature.byIssuer) ?? signatures[0]!;
      const mapped: Assessment = {
        ...withLocalInstitutions(incoming, context.localIds),
        origin: {
          type: 'exchange',
          importedAt: context.at,
          signer: `${signer.signer.name}${signer.signer.role ? `, ${signer.signer.role}` : ''} (${signer.signer.institution})`,
          keyFingerprint: signer.fingerprint,
        },
      };
      await this.importAssessment(mapped);
      context.importedAssessments.push(mapped.id);
      return 1;
    },
  };

  /** Every cooperation profile id of the published frameworks in the catalogue (a partnership names one). */
  async profileIds(): Promise<Set<string>> {
    const ids = new Set<string>();
    for (const item of this.frameworks.list().filter((candidate) => candidate.status === 'published')) {
      for (const profile of (await this.frameworks.get(item.key)).profiles ?? []) ids.add(profile.id);
    }
    return ids;
  }

  /**
   * What "Start from the previous cycle" would carry, criterion by criterion (old → new), without
   * storing anything: the officer confirms this plan before `startFromPrevious` stores it.
   */
  async previewCarryOver(input: { fromId: string; frameworkKey?: string; language?: Language; profileId?: string }): Promise<CarryPlan> {
    const previous = await this.get(input.fromId);
    const frameworkKey = input.frameworkKey ?? this.frameworks.keyOf(previous.framework);
    if (!frameworkKey) throw new AppError({ code: 'NOT_FOUND', message: 'The framework of the previous cycle is not in this data folder.' });
    const target = await this.frameworks.get(frameworkKey, input.language ?? previous.framework.language);
    return carryOverPlan({ assessment: previous, framework: this.frameworkOf(previous) }, { framework: target, profileId: input.profileId });
  }

  /**
   * "Start from the previous cycle": a new assessment (a new series) pre-filled from an earlier one.
   * Each carried answer is marked until it is confirmed or changed. Answers carry by the newer
   * version's shipped mapping where it has one for the earlier version, otherwise by criterion
   * identifier; criteria that no longer exist are left behind (shared/assessment/carry-over.ts).
   */
  async startFromPrevious(input: { fromId: string; frameworkKey?: string; language?: Language; title: string; profileId?: string }): Promise<Assessment> {
    const previous = await this.get(input.fromId);
    const frameworkKey = input.frameworkKey ?? this.frameworks.keyOf(previous.framework);
    if (!frameworkKey) throw new AppError({ code: 'NOT_FOUND', message: 'The framework of the previous cycle is not in this data folder.' });
    const previousFramework = this.frameworkOf(previous);
    const created = await this.create({
      kind: previous.kind,
      subjectId: previous.subject.institutionId,
      frameworkKey,
      language: input.language ?? previous.framework.language,
      title: input.title,
      ...(input.profileId !== undefined ? { profileId: input.profileId } : {}),
    });
    const framework = this.frameworkOf(created);
    const plan = carryOverPlan({ assessment: previous, framework: previousFramework }, { framework, profileId: created.profileId });
    const answers = carriedAnswers(plan, previous.answers);
    return this.store.update(
      this.kind,
      created.id,
      (draft) => ({
        ...draft,
        answers,
        carriedFrom: { assessmentId: previous.id, title: previous.title },
        history: [this.entry({ field: 'carriedOver', from: '', to: `${Object.keys(answers).length} answers from “${previous.title}”` })],
      }),
      { catalogueNow: true },
    );
  }

  /** Saves a change to one criterion's answer at once, with a history entry per changed field. */
  async saveAnswer(id: string, criterionId: string, patch: AnswerPatch): Promise<Assessment> {
    return this.store.update(this.kind, id, (draft) => {
      assertEditable(draft);
      return this.withAnswer(draft, criterionId, patch);
    });
  }

  /**
   * The assessment with one answer changed and each changed field in its history: what
   * `saveAnswer` stores, for services that change answers inside a store update of their own (the
   * team's consolidation stores many answers in one write). The caller checks that it is editable.
   */
  withAnswer(draft: Assessment, criterionId: string, patch: AnswerPatch): Assessment {
    this.assertCriterion(draft, criterionId);
    const before = draft.answers[criterionId] ?? { ...emptyAnswer, evidence: [] };
    const after: Answer = { ...before };
    if (patch.level !== undefined) after.level = patch.level;
    if (patch.notApplicable !== undefined) after.notApplicable = patch.notApplicable;
    if (patch.naReason !== undefined) after.naReason = patch.naReason;
    if (patch.justification !== undefined) after.justification = patch.justification;
    if (patch.requestedEvidence !== undefined) after.requestedEvidence = patch.requestedEvidence;
    if (after.notApplicable) this.assertNotApplicableAllowed(draft, criterionId);
    // Any change, or an explicit confirmation, makes a carried-over answer this cycle's own.
    const changed = (['level', 'notApplicable', 'naReason', 'justification', 'requestedEvidence'] as const).some(
      (field) => before[field] !== after[field],
    );
    if (before.carriedOver && (changed || patch.confirmCarriedOver)) after.carriedOver = false;
    let history = draft.history;
    for (const field of ['level', 'notApplicable', 'naReason', 'justification', 'requestedEvidence', 'carriedOver'] as const) {
      if (before[field] !== after[field]) {
        history = this.record(history, { criterionId, field, from: describe(before[field]), to: describe(after[field]) });
      }
    }
    return { ...draft, answers: { ...draft.answers, [criterionId]: after }, history, updatedAt: this.now().toISOString() };
  }

  async rename(id: string, title: string): Promise<Assessment> {
    return this.store.update(
      this.kind,
      id,
      (draft) => {
        assertEditable(draft);
        const next = title.trim();
        if (!next) throw new AppError({ code: 'VALIDATION', message: 'An assessment needs a title.', issues: [{ path: 'title', message: 'validation.required' }] });
        return { ...draft, title: next, history: this.record(draft.history, { field: 'title', from: draft.title, to: next }), updatedAt: this.now().toISOString() };
      },
      { catalogueNow: true },
    );
  }

  async addEvidence(id: string, criterionId: string, evidence: NewEvidence): Promise<Assessment> {
    return this.store.update(this.kind, id, async (draft) => {
      assertEditable(draft);
      this.assertCriterion(draft, criterionId);
      const before = draft.answers[criterionId] ?? { ...emptyAnswer, evidence: [] };
      const added = { ...evidence, id: randomUUID(), addedAt: this.now().toISOString() } as Evidence;
      const after: Answer = { ...before, evidence: [...before.evidence, added], carriedOver: false };
      return {
        ...draft,
        answers: { ...draft.answers, [criterionId]: after },
        history: this.record(draft.history, { criterionId, field: 'evidence', from: '', to: `+ ${evidenceLabel(added)}` }, false),
        updatedAt: this.now().toISOString(),
      };
    });
  }

  async removeEvidence(id: string, criterionId: string, evidenceId: string): Promise<Assessment> {
    return this.store.update(this.kind, id, (draft) => {
      assertEditable(draft);
      const before = draft.answers[criterionId];
      const removed = before?.evidence.find((item) => item.id === evidenceId);
      if (!before || !removed) throw new AppError({ code: 'NOT_FOUND', message: 'This evidence is no longer attached.' });
      const after: Answer = { ...before, evidence: before.evidence.filter((item) => item.id !== evidenceId), carriedOver: false };
      return {
        ...draft,
        answers: { ...draft.answers, [criterionId]: after },
        history: this.record(draft.history, { criterionId, field: 'evidence', from: evidenceLabel(removed), to: '' }, false),
        updatedAt: this.now().toISOString(),
      };
    });
  }

  /**
   * Completes and locks the assessment, with who and when. Every criterion must be answered (a
   * critical one marked not applicable needs its reason): the review page shows what is missing.
   */
  async complete(id: string): Promise<Assessment> {
    return this.store.update(
      this.kind,
      id,
      async (draft) => {
        assertEditable(draft);
        const framework = this.frameworkOf(draft);
        const score = scoreAssessment(structureForProfile(framework, draft.profileId), draft.answers);
        if (!score.complete) {
          const missing = score.criteria.filter((criterion) => criterion.status === 'missing').map((criterion) => criterion.criterionId);
          throw new AppError({
            code: 'VALIDATION',
            message: `${missing.length} criteria are not answered yet (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}). The review page lists them.`,
            params: { count: missing.length },
          });
        }
        const user = this.user();
        const at = this.now().toISOString();
        return {
          ...draft,
          status: 'complete',
          completed: { by: user.name, role: user.role, at },
          history: this.record(draft.history, { field: 'status', from: 'draft', to: 'complete' }, false),
          updatedAt: at,
        };
      },
      { catalogueNow: true },
    );
  }

  /** Reopens a completed assessment as a new revision; the completed one is kept unchanged. */
  async reopen(id: string): Promise<Assessment> {
    const completed = await this.get(id);
    if (completed.status !== 'complete') throw new AppError({ code: 'CONFLICT', message: 'This assessment is not completed; it can be edited as it is.' });
    const newer = this.list().find((summary) => summary.seriesId === completed.seriesId && summary.revision > completed.revision);
    if (newer) {
      throw new AppError({ code: 'CONFLICT', message: `Revision ${newer.revision} of this assessment exists already; continue there.`, params: { id: newer.id } });
    }
    const at = this.now().toISOString();
    const revision: Assessment = {
      ...structuredClone(completed),
      id: randomUUID(),
      status: 'draft',
      revision: completed.revision + 1,
      previousRevisionId: completed.id,
      origin: { type: 'local' },
      history: [...completed.history, this.entry({ field: 'status', from: 'complete', to: `revision ${completed.revision + 1}` })],
      createdAt: at,
      createdBy: this.user().name,
      updatedAt: at,
    };
    delete revision.completed;
    return this.store.create(this.kind, revision);
  }

  revisions(seriesId: string): AssessmentSummary[] {
    return this.list()
      .filter((summary) => summary.seriesId === seriesId)
      .sort((a, b) => a.revision - b.revision);
  }

  /** Removes a draft assessment (moved to the data folder's deleted items). Completed ones are kept. */
  async remove(id: string): Promise<void> {
    const summary = this.summary(id);
    if (summary.status === 'complete') {
      throw new AppError({ code: 'LOCKED', message: 'A completed assessment is a record and is kept.' });
    }
    await this.store.remove(this.kind, id);
  }

  private assertCriterion(assessment: Assessment, criterionId: string): void {
    const framework = this.frameworkOf(assessment);
    if (!criteriaOf(framework).some((criterion) => criterion.id === criterionId)) {
      throw new AppError({ code: 'NOT_FOUND', message: `Criterion ${criterionId} is not part of this assessment’s framework.` });
    }
  }

  /** The guide says when N/A is not an answer (recognition, external QA): refused with what to do instead. */
  private assertNotApplicableAllowed(assessment: Assessment, criterionId: string): void {
    const criterion = criteriaOf(this.frameworkOf(assessment)).find((candidate) => candidate.id === criterionId);
    if (criterion && !allowsNotApplicable(criterion)) {
      throw new AppError({
        code: 'VALIDATION',
        message: notApplicableRefusedMessage(criterionId),
        params: { criterionId },
        issues: [{ path: 'notApplicable', message: 'validation.notApplicableNotAllowed', params: { criterionId } }],
      });
    }
  }

  private entry(fields: { criterionId?: string; field: HistoryField; from: string; to: string }): HistoryEntry {
    return { at: this.now().toISOString(), by: this.user().name, ...fields };
  }

  /**
   * Appends a history entry, or extends the last one when the same person changes the same field
   * of the same criterion again within a few minutes (typing a justification is one change, not
   * one per keystroke). The entry keeps the value from before the first of those changes.
   */
  private record(history: HistoryEntry[], fields: { criterionId?: string; field: HistoryField; from: string; to: string }, coalesce = true): HistoryEntry[] {
    const entry = this.entry(fields);
    const last = history.at(-1);
    if (
      coalesce &&
      last &&
      last.by === entry.by &&
      last.field === entry.field &&
      last.criterionId === entry.criterionId &&
      Date.parse(entry.at) - Date.parse(last.at) < historyCoalesceMs
    ) {
      if (last.from === entry.to) return history.slice(0, -1);
      return [...history.slice(0, -1), { ...last, at: entry.at, to: entry.to }];
    }
    return [...history, entry];
  }
}

function assertProfile(framework: Framework, profileId: string): void {
  try {
    structureForProfile(framework, profileId);
  } catch (error) {
    if (!(error instanceof UnknownProfileError)) throw error;
    throw new AppError({ code: 'VALIDATION', message: `${error.message}. Choose one of its profiles.`, params: { profileId } });
  }
}

function assertEditable(assessment: Assessment): void {
  if (assessment.status === 'complete') {
    throw new AppError({
      code: 'LOCKED',
      message: 'This assessment is completed and locked. Reopen it as a new revision to change it.',
    });
  }
}

function refOf(institution: { id: string; legalName: string; country: string }): InstitutionRef {
  return { institutionId: institution.id, legalName: institution.legalName, country: institution.country };
}

export function isAnswered(answer: Answer): boolean {
  return answer.level !== null || answer.notApplicable;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value).slice(0, 2000);
}

function evidenceLabel(evidence: Evidence): string {
  return evidence.kind === 'link' ? `${evidence.label || evidence.url}` : `${evidence.label || evidence.fileName} (${evidence.sha256.slice(0, 12)}…)`;
}
