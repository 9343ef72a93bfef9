/**
 * The consortium overview from this installation's store: every institution held (the own one
 * and the partners), every assessment received or made, and the readiness decisions of the
 * partnerships — given to the same builder as the command line's folder of files, so the trust
 * matrix on screen, the workbook and the Word summary agree with each other.
 */
import type { Assessment } from '../../shared/assessment/schema';
import { buildConsortium } from '../../shared/consortium/build';
import type { ConsortiumModel } from '../../shared/consortium/model';
import type { Language } from '../../shared/framework/schema';
import type { Store } from '../store/store';
import type { AssessmentService } from './assessments';
import type { FrameworkCatalog } from './frameworks';
import type { InstitutionService } from './institutions';
import type { PartnershipService } from './partnerships';

export interface ConsortiumServiceOptions {
  store: Store;
  institutions: InstitutionService;
  assessments: AssessmentService;
  partnerships: PartnershipService;
  frameworks: FrameworkCatalog;
  now: () => Date;
}

export class ConsortiumService {
  constructor(private readonly options: ConsortiumServiceOptions) {}

  /** The overview as of today (the user's day), in the language the screen or the export uses. */
  async model(language: Language, today: string = this.options.now().toISOString().slice(0, 10)): Promise<ConsortiumModel> {
    const { store, institutions, assessments, partnerships, frameworks } = this.options;
    const members = institutions.list().map((item) => ({
      key: item.id,
      legalName: item.legalName,
      country: item.country,
      city: item.city,
      erasmusCode: item.erasmusCode,
      ...(item.kind === 'own' ? { own: true } : {}),
    }));
    const held: Assessment[] = [];
    for (const entry of store.entries(assessments.kind)) {
      const assessment = await store.read(assessments.kind, entry.id).catch(() => undefined);
      if (assessment) held.push(assessment);
    }
    const decisions = partnerships.list().flatMap((partnership) =>
      partnership.decision ? [{ from: partnership.institutionA, to: partnership.institutionB, outcome: partnership.decision.outcome, decidedAt: partnership.decision.decidedAt }] : [],
    );
    return buildConsortium({
      institutions: members,
      assessments: held,
      frameworkOf: (assessment) => frameworks.byRef(assessment.framework, language) ?? frameworks.byRef(assessment.framework),
      decisions,
      today,
      language,
    });
  }
}
