/**
 * The consortium overview from this installation's store: every institution held (the own one
 * and the partners), every assessment received or made, and the readiness decisions of the
 * partnerships — given to the same builder as the command line's folder of files, so the trust
 * matrix on screen, the workbook and the Word summary agree with each other.
 *
 * As with a folder, only what an institution signed itself counts: an assessment received in a
 * file signed by someone else than its assessor (a partner's audit of us, passed on in a
 * partnership file) is held here, but the matrix does not show it as that partner's word.
 */
import type { Assessment } from '../../shared/assessment/schema';
import { buildConsortium } from '../../shared/consortium/build';
import type { ConsortiumModel } from '../../shared/consortium/model';
import type { Language } from '../../shared/framework/schema';
import type { IdentityService } from '../identity/identity';
import type { Store } from '../store/store';
import type { AssessmentService } from './assessments';
import type { FrameworkCatalog } from './frameworks';
import type { InstitutionService } from './institutions';
import type { PartnershipService } from './partnerships';
import { unlessGone } from '../store/unless-gone';

interface ConsortiumServiceOptions {
  store: Store;
  institutions: InstitutionService;
  assessments: AssessmentService;
  partnerships: PartnershipService;
  frameworks: FrameworkCatalog;
  identity: IdentityService;
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
    const signedBy = this.signers();
    const exchangeIds = new Map(institutions.list().map((item) => [item.id, item.kind === 'own' ? this.ownExchangeId() : item.exchangeId]));
    const held: Assessment[] = [];
    const relayed: Assessment[] = [];
    for (const entry of store.entries(assessments.kind)) {
      // A damaged document was set aside by the store, which told the user; the rest are counted.
      const assessment = await unlessGone(store.read(assessments.kind, entry.id), store.logger, `the assessment ${entry.id}`);
      if (!assessment) continue;
      if (assessment.origin.type === 'exchange') {
        const signer = signedBy.get(assessment.origin.keyFingerprint);
        const assessor = exchangeIds.get(assessment.assessor.institutionId);
        if (!signer || !assessor || signer !== assessor) {
          relayed.push(assessment);
          continue;
        }
      }
      held.push(assessment);
    }
    const decisions = partnerships.list().flatMap((partnership) =>
      partnership.decision ? [{ from: partnership.institutionA, to: partnership.institutionB, outcome: partnership.decision.outcome, decidedAt: partnership.decision.decidedAt }] : [],
    );
    const model = buildConsortium({
      institutions: members,
      assessments: held,
      frameworkOf: (assessment) => frameworks.byRef(assessment.framework, language) ?? frameworks.byRef(assessment.framework),
      decisions,
      today,
      language,
    });
    // What is held but not counted says so, with why, like the files of a folder.
    const notSigned = relayed.map((assessment) => ({
      assessmentId: assessment.id,
      title: assessment.title,
      assessor: assessment.assessor.institutionId,
      subject: assessment.subject.institutionId,
      reason: 'relayed' as const,
    }));
    return { ...model, skipped: [...model.skipped, ...notSigned] };
  }

  /** Which institution (exchange id) each key known here belongs to, by fingerprint. */
  private signers(): Map<string, string> {
    const map = new Map<string, string>();
    for (const issuer of this.options.identity.partnerIssuers()) for (const key of issuer.keys) map.set(key.fingerprint, issuer.exchangeId);
    return map;
  }

  private ownExchangeId(): string | null {
    return this.options.identity.ownExchangeId() ?? null;
  }
}
