/**
 * Partnerships: two institutions, up to four assessments, a readiness decision and an action plan.
 */
import { partnershipSummarySchema } from '../../shared/store/summaries';
import { randomUUID } from 'node:crypto';
import type { AssessmentSummary } from '../../shared/assessment/summary';
import { AppError } from '../../shared/errors';
import type { Language } from '../../shared/framework/schema';
import type { PartnershipView } from '../../shared/ipc/contract';
import { fitsSlot, partnershipSlots, type PartnershipSlot } from '../../shared/partnership/slots';
import type { PartnershipSummary } from '../../shared/partnership/summary';
import {
  actionItemSchema,
  partnershipSchema,
  type ActionItem,
  type Decision,
  type DecisionOutcome,
  type Partnership,
} from '../../shared/partnership/schema';
import type { DocumentKind, Store } from '../store/store';
import type { AssessmentService, User } from './assessments';
import type { ItemImporter } from './importer';
import type { InstitutionService } from './institutions';
import { unlessGone } from '../store/unless-gone';


export const partnershipKind: DocumentKind<Partnership, PartnershipSummary> = {
  collection: 'partnerships',
  schemaVersion: 1,
  schema: partnershipSchema,
  migrations: {},
  summarySchema: partnershipSummarySchema,
  summarise: (partnership) => ({
    id: partnership.id,
    title: partnership.title,
    institutionA: partnership.institutionA,
    institutionB: partnership.institutionB,
    assessments: partnership.assessments,
    decision: partnership.decision ? { outcome: partnership.decision.outcome, decidedAt: partnership.decision.decidedAt } : undefined,
    actions: partnership.actions.map((action) => ({ status: action.status, dueDate: action.dueDate, isCondition: action.isCondition })),
    updatedAt: partnership.updatedAt,
    createdAt: partnership.createdAt,
  }),
};

export class PartnershipService {
  constructor(
    private readonly store: Store,
    private readonly institutions: InstitutionService,
    private readonly assessments: AssessmentService,
    private readonly now: () => Date,
    private readonly user: () => User,
  ) {}

  list(): PartnershipSummary[] {
    return this.store
      .entries(partnershipKind)
      .map((entry) => entry.summary)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  get(id: string): Promise<Partnership> {
    return this.store.read(partnershipKind, id);
  }

  /** A partnership with both institutions, its linked assessments (those still stored) and their framework. */
  async view(id: string, language?: Language): Promise<PartnershipView> {
    const partnership = await this.get(id);
    const linked: PartnershipView['assessments'] = {};
    for (const [slot, assessmentId] of Object.entries(partnership.assessments) as Array<[keyof PartnershipView['assessments'], string | undefined]>) {
      if (assessmentId) {
        const assessment = await unlessGone(this.assessments.get(assessmentId), this.store.logger, `the ${slot} assessment of partnership ${id}`);
        if (assessment) linked[slot] = assessment;
      }
    }
    const first = Object.values(linked)[0];
    return {
      partnership,
      institutionA: await this.institutions.get(partnership.institutionA),
      institutionB: await this.institutions.get(partnership.institutionB),
      assessments: linked,
      framework: first ? this.assessments.frameworkOf(first, language) : null,
    };
  }

  async create(input: { partnerId: string; title: string; profileId?: string }): Promise<Partnership> {
    const ownId = this.institutions.ownId();
    if (!ownId) throw new AppError({ code: 'CONFLICT', message: 'Create your own institution’s profile first.' });
    const partner = await this.institutions.get(input.partnerId);
    if (partner.kind !== 'partner') throw new AppError({ code: 'VALIDATION', message: 'A partnership is with a partner institution.' });
    if (input.profileId !== undefined && !(await this.assessments.profileIds()).has(input.profileId)) {
      throw new AppError({
        code: 'VALIDATION',
        message: `“${input.profileId}” is not a cooperation profile of any guide version in this data folder. Choose one of the listed profiles, or none.`,
        issues: [{ path: 'profileId', message: 'guide2.profileUnknown' }],
      });
    }
    const at = this.now().toISOString();
    const partnership: Partnership = {
      schemaVersion: 1,
      id: randomUUID(),
      title: input.title.trim() || partner.legalName,
      institutionA: ownId,
      institutionB: partner.id,
      assessments: this.suggestAssessments(ownId, partner.id),
      ...(input.profileId !== undefined ? { profileId: input.profileId } : {}),
      actions: [],
      createdAt: at,
      updatedAt: at,
    };
    return this.store.create(partnershipKind, partnership);
  }

  /**
   * Links an assessment to one of the four places, or clears it. Each place takes only the right
   * kind: A's and B's self-assessments, A's audit of B and B's audit of A.
   */
  async link(id: string, slot: PartnershipSlot, assessmentId: string | null): Promise<Partnership> {
    return this.store.update(
      partnershipKind,
      id,
      (draft) => {
        const assessments = { ...draft.assessments };
        if (assessmentId === null) delete assessments[slot];
        else {
          const summary = this.assessments.summary(assessmentId);
          if (!fitsSlot(summary, slot, draft)) {
            throw new AppError({
              code: 'VALIDATION',
              message: 'This assessment does not belong in that place of the partnership (check whose self-assessment or audit it is).',
            });
          }
          assessments[slot] = assessmentId;
        }
        return { ...draft, assessments, updatedAt: this.now().toISOString() };
      },
      { catalogueNow: true },
    );
  }

  async decide(id: string, input: { outcome: DecisionOutcome; rationale: string }): Promise<Partnership> {
    const rationale = input.rationale.trim();
    if (!rationale) {
      throw new AppError({ code: 'VALIDATION', message: 'Say why you decided so.', issues: [{ path: 'rationale', message: 'validation.required' }] });
    }
    return this.store.update(
      partnershipKind,
      id,
      (draft) => {
        const decision: Decision = { outcome: input.outcome, rationale, decidedBy: this.user().name, decidedAt: this.now().toISOString() };
        return { ...draft, decision, updatedAt: decision.decidedAt };
      },
      { catalogueNow: true },
    );
  }

  async saveAction(id: string, action: Omit<ActionItem, 'id'> & { id?: string }): Promise<Partnership> {
    const checked = actionItemSchema.safeParse({ ...action, id: action.id ?? randomUUID() });
    if (!checked.success) {
      throw new AppError({
        code: 'VALIDATION',
        message: 'Some fields of the action are not valid.',
        issues: checked.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
    }
    const item = checked.data;
    return this.store.update(
      partnershipKind,
      id,
      (draft) => {
        const exists = draft.actions.some((existing) => existing.id === item.id);
        const actions = exists ? draft.actions.map((existing) => (existing.id === item.id ? item : existing)) : [...draft.actions, item];
        return { ...draft, actions, updatedAt: this.now().toISOString() };
      },
      { catalogueNow: true },
    );
  }

  async removeAction(id: string, actionId: string): Promise<Partnership> {
    return this.store.update(
      partnershipKind,
      id,
      (draft) => ({ ...draft, actions: draft.actions.filter((action) => action.id !== actionId), updatedAt: this.now().toISOString() }),
      { catalogueNow: true },
    );
  }

  /**
   * The importer of the partnerships an exchange file names: they are there to inform (the
   * partner's view of it), never stored; once the file is applied, the partnerships held here
   * take the assessments it brought into their empty places.
   */
  readonly importer: ItemImporter<'partnership'> = {
    type: 'partnership',
    plan: async (item) => ({ preview: { type: 'partnership', title: item.partnership.title, action: 'skip', reason: 'partnership-informational' } }),
    finish: (context) => this.linkImported(context.importedAssessments),
  };

  /**
   * After an import: each partnership with the institution an imported assessment is about (or
   * by) takes it into its place when that place is empty or holds an older revision of it.
   */
  async linkImported(assessmentIds: readonly string[]): Promise<void> {
    for (const assessmentId of assessmentIds) {
      const summary = this.assessments.summary(assessmentId);
      for (const partnership of this.list()) {
        const slot = partnershipSlots.find((candidate) => fitsSlot(summary, candidate, partnership));
        if (!slot) continue;
        const current = partnership.assessments[slot];
        const replace = !current || (this.store.has(this.assessments.kind, current) && this.assessments.summary(current).seriesId === summary.seriesId && this.assessments.summary(current).revision < summary.revision);
        if (replace) await this.link(partnership.id, slot, assessmentId);
      }
    }
  }

  async remove(id: string): Promise<void> {
    await this.store.remove(partnershipKind, id);
  }

  /** The newest assessments that fit each place, so a new partnership starts filled in where it can be. */
  private suggestAssessments(ownId: string, partnerId: string): Partnership['assessments'] {
    const newest = (predicate: (summary: AssessmentSummary) => boolean) =>
      this.assessments
        .list()
        .filter(predicate)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0]?.id;
    const suggestion: Partnership['assessments'] = {};
    const selfA = newest((s) => s.kind === 'self' && s.subject.institutionId === ownId);
    const selfB = newest((s) => s.kind === 'self' && s.subject.institutionId === partnerId);
    const auditOfB = newest((s) => s.kind === 'audit' && s.subject.institutionId === partnerId && s.assessor.institutionId === ownId);
    const auditOfA = newest((s) => s.kind === 'audit' && s.subject.institutionId === ownId && s.assessor.institutionId === partnerId);
    if (selfA) suggestion.selfA = selfA;
    if (selfB) suggestion.selfB = selfB;
    if (auditOfB) suggestion.auditOfB = auditOfB;
    if (auditOfA) suggestion.auditOfA = auditOfA;
    return suggestion;
  }
}
