/**
 * Exchange files in the app: signed exports of assessments and partnerships (signed through the
 * identity service, which holds the keys), and imports that treat
 * every file as hostile — verified, checked against the partner keys remembered so far, previewed
 * item by item, and applied all together or not at all.
 */
import { readdir, readFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { extname, join } from 'node:path';
import type { Assessment, InstitutionRef } from '../../shared/assessment/schema';
import { AppError, isAppError, type AppErrorData } from '../../shared/errors';
import type { FilePreview, ItemPlan } from '../../shared/exchange/app';
import { diffAssessments } from '../../shared/exchange/diff';
import { revisionVerdict } from '../../shared/exchange/revision';
import { exchangeFileExtension, exchangeLimits, type ExchangeItemInput, type ExchangePayload, type JwsSignature, type Signer } from '../../shared/exchange/schema';
import { frameworkFingerprint } from '../../shared/framework/fingerprint';
import { describeItem } from '../../shared/exchange/summary';
import { withoutTeam } from '../../shared/team/privacy';
import type { Framework } from '../../shared/framework/schema';
import { notApplicableRefused } from '../../shared/scoring/answer-rules';
import { profileOf, type InstitutionProfile } from '../../shared/institution/schema';
import { verifyExchangeFile, type VerifiedExchange } from '../exchange/read';
import { previewKind, type ImportPreviews } from './import-previews';
import type { IdentityService } from '../identity/identity';
import type { Store } from '../store/store';
import type { AgreementService, IncomingAgreement, IncomingPlan } from './agreements';
import type { AssessmentService, User } from './assessments';
import type { FrameworkCatalog } from './frameworks';
import { institutionKind, type InstitutionService } from './institutions';
import type { PartnershipService } from './partnerships';
import { statIfExists } from '../platform/files';
import { unlessGone } from '../store/unless-gone';

interface PreparedFile {
  path: string;
  preview: FilePreview;
  verified?: VerifiedExchange;
  /** The payload as written and the signatures themselves: what an agreement keeps. */
  signed?: { rawPayload: Record<string, unknown>; jws: JwsSignature[] };
}

/** What exchange import needs of agreements: the agreement service plans and applies them. */
export type AgreementImporter = Pick<AgreementService, 'planIncoming' | 'applyIncoming'>;

export interface ExchangeServiceOptions {
  store: Store;
  identity: IdentityService;
  agreements: AgreementImporter;
  /** The open import previews, shared with the other imports: each token is applied once. */
  previews: ImportPreviews;
  institutions: InstitutionService;
  assessments: AssessmentService;
  partnerships: PartnershipService;
  frameworks: FrameworkCatalog;
  now: () => Date;
  user: () => User;
}

export type { FilePreview, ItemPlan };

/** Exchange files checked and waiting for the user's decision, in the shared preview map. */
const exchangePreview = previewKind<PreparedFile>('exchange');

export class ExchangeService {

  constructor(private readonly options: ExchangeServiceOptions) {}

  private get identity(): IdentityService {
    return this.options.identity;
  }

  private signer(): Signer {
    const own = this.ownInstitutionName();
    const { name, role } = this.options.user();
    return { name: name || own, role, institution: own };
  }

  private ownInstitutionName(): string {
    const ownId = this.options.institutions.ownId();
    const summary = ownId ? this.options.institutions.list().find((item) => item.id === ownId) : undefined;
    return summary?.legalName ?? 'TrustBridge';
  }

  // ---------------------------------------------------------------- export

  /**
   * A signed file with the given assessments and partnerships, the framework versions they were
   * made with, and every institution they name (so the receiver can tell who is who).
   */
  async exportItems(selection: { assessmentIds?: readonly string[]; partnershipIds?: readonly string[] }): Promise<Uint8Array> {
    this.identity.assertUnlocked();
    const { assessments, partnerships, institutions } = this.options;
    const ownId = institutions.ownId();
    const own = await institutions.getOwn();
    if (!own || !ownId) throw new AppError({ code: 'CONFLICT', message: 'Create your own institution’s profile first.' });

    const assessmentIds = new Set(selection.assessmentIds ?? []);
    const partnershipItems: ExchangeItemInput[] = [];
    const institutionIds = new Set<string>([ownId]);
    for (const id of selection.partnershipIds ?? []) {
      const partnership = await partnerships.get(id);
      for (const linked of Object.values(partnership.assessments)) if (linked) assessmentIds.add(linked);
      const [a, b] = await Promise.all([institutions.get(partnership.institutionA), institutions.get(partnership.institutionB)]);
      institutionIds.add(a.id).add(b.id);
      partnershipItems.push({
        type: 'partnership',
        partnership,
        parties: {
          A: { institutionId: a.id, ...this.exchangeIdOf(a.id, a.kind), profile: profileOf(a) },
          B: { institutionId: b.id, ...this.exchangeIdOf(b.id, b.kind), profile: profileOf(b) },
        },
      });
    }
    if (assessmentIds.size === 0 && partnershipItems.length === 0) {
      throw new AppError({ code: 'VALIDATION', message: 'Choose at least one assessment or partnership to send.' });
    }
    const assessmentItems: ExchangeItemInput[] = [];
    const frameworks = new Map<string, Framework>();
    for (const id of assessmentIds) {
      const assessment = await assessments.get(id);
      institutionIds.add(assessment.subject.institutionId).add(assessment.assessor.institutionId);
      assessmentItems.push({ type: 'assessment', assessment: withoutTeam(assessment) });
      const framework = this.options.frameworks.byRef(assessment.framework);
      if (framework) frameworks.set(assessment.framework.fingerprint, framework);
    }
    const institutionItems: ExchangeItemInput[] = [];
    for (const id of institutionIds) {
      const institution = await unlessGone(institutions.get(id), this.options.store.logger, `the institution ${id}`);
      if (!institution) continue;
      institutionItems.push({ type: 'institution', institutionId: id, ...this.exchangeIdOf(id, institution.kind), profile: profileOf(institution) });
    }
    const items: ExchangeItemInput[] = [
      ...institutionItems,
      ...[...frameworks.values()].map((framework): ExchangeItemInput => ({ type: 'framework', framework })),
      ...assessmentItems,
      ...partnershipItems,
    ];
    return this.identity.signFile({ issuer: { exchangeId: this.identity.exchangeId(), profile: profileOf(own) }, items }, this.signer());
  }

  private exchangeIdOf(institutionId: string, kind: 'own' | 'partner'): { exchangeId?: string } {
    if (kind === 'own') return { exchangeId: this.identity.exchangeId() };
    const known = this.knownExchangeIds().get(institutionId);
    return known ? { exchangeId: known } : {};
  }

  private knownExchangeIds(): Map<string, string> {
    const map = new Map<string, string>();
    for (const entry of this.options.store.entries(institutionKind)) {
      const exchangeId = entry.summary.exchangeId;
      if (exchangeId) map.set(entry.id, exchangeId);
    }
    return map;
  }

  // ---------------------------------------------------------------- import: preview

  /** Reads and checks files without changing anything; returns what accepting each would do. */
  async preview(paths: readonly string[], onProgress?: (done: number, total: number) => void): Promise<FilePreview[]> {
    const previews: FilePreview[] = [];
    for (const [index, path] of paths.entries()) {
      previews.push(await this.previewOne(path));
      onProgress?.(index + 1, paths.length);
    }
    return previews;
  }

  /**
   * One file checked, its preview kept for `apply` under its token. The import screen and the
   * shared-folder inbox keep previews open side by side; the oldest are forgotten beyond a bound.
   */
  async previewOne(path: string): Promise<FilePreview> {
    const prepared = await this.prepare(path);
    this.options.previews.put(exchangePreview, prepared.preview.token, prepared);
    return prepared.preview;
  }

  /**
   * Keeps an open preview's verdict and file but lets go of its verified content: the inbox keeps
   * thousands of previews open, and holding every verified payload made each accept pay for
   * collecting a heap that grows with them. Such a preview is read again before it is applied.
   */
  release(token: string): void {
    const prepared = this.options.previews.get(exchangePreview, token);
    if (!prepared) return;
    delete prepared.verified;
    delete prepared.signed;
  }

  /** Forgets a preview the user refused. */
  forget(token: string): void {
    if (this.options.previews.get(exchangePreview, token)) this.options.previews.forget(token);
  }

  /**
   * What an open preview touches, as keys two previews can share: its issuer, the institutions it
   * names (exchange id, Erasmus code, name and country), its assessment series and ids, frameworks
   * and agreements. With `changedByAccept`, only what accepting it would change here: the series
   * and ids it adds, the frameworks and institutions it adds, its issuer when its key is not known
   * yet, and its agreements. The inbox re-reads after an accept only the files whose keys meet the
   * accepted file's changes: nothing else can read differently.
   */
  relationKeys(token: string, options: { changedByAccept?: boolean } = {}): Set<string> {
    const keys = new Set<string>();
    const prepared = this.options.previews.get(exchangePreview, token);
    const payload = prepared?.verified?.payload;
    if (!prepared || !payload) return keys;
    const changed = options.changedByAccept === true;
    const plans = prepared.preview.items ?? [];
    const institutionKeys = (exchangeId: string | undefined, profile: InstitutionProfile) => [
      ...(exchangeId ? [`institution:${exchangeId}`] : []),
      ...(profile.erasmusCode ? [`erasmus:${profile.erasmusCode.trim().toLocaleLowerCase()}`] : []),
      `name:${profile.legalName.trim().toLocaleLowerCase()}|${profile.country}`,
    ];
    const issuerKnown = (prepared.preview.signatures ?? []).every((signature) => signature.trust === 'known' || signature.trust === 'own');
    if (!changed || !issuerKnown || prepared.preview.institution?.action !== 'known') {
      for (const key of institutionKeys(payload.issuer.exchangeId, payload.issuer.profile)) keys.add(key);
      keys.add(`issuer:${payload.issuer.exchangeId}`);
    }
    for (const [index, item] of payload.items.entries()) {
      const adds = plans[index]?.action === 'add' || plans[index]?.action === 'add-revision';
      if (changed && !adds && item.type !== 'agreement') continue;
      if (item.type === 'institution') for (const key of institutionKeys(item.exchangeId, item.profile)) keys.add(key);
      else if (item.type === 'framework') keys.add(`framework:${frameworkFingerprint(item.framework)}`);
      else if (item.type === 'assessment') {
        keys.add(`series:${item.assessment.seriesId}`);
        keys.add(`assessment:${item.assessment.id}`);
        // A file refused for a missing framework reads differently once a file brings that framework.
        if (!changed) keys.add(`framework:${item.assessment.framework.fingerprint}`);
      } else if (item.type === 'agreement' || item.type === 'partnership') keys.add('agreements');
    }
    return keys;
  }

  /** Every `.trustbridge` file of a folder (not its subfolders), in name order. */
  async filesIn(folder: string): Promise<string[]> {
    const names = await readdir(folder).catch(() => {
      throw new AppError({ code: 'NOT_FOUND', message: `${folder} cannot be read.`, params: { path: folder } });
    });
    return names
      .filter((name) => extname(name).toLowerCase() === exchangeFileExtension)
      .sort()
      .map((name) => join(folder, name));
  }

  private async prepare(path: string): Promise<PreparedFile> {
    const token = this.options.previews.newToken();
    const fileName = path.split(/[\\/]/).pop() ?? path;
    const refuse = (error: AppErrorData): PreparedFile => ({ path, preview: { token, fileName, ok: false, error, changes: 0 } });
    let info: Stats | undefined;
    try {
      info = await statIfExists(path);
    } catch (error) {
      if (isAppError(error)) return refuse(error.toData());
      throw error;
    }
    if (!info?.isFile()) return refuse({ code: 'NOT_FOUND', message: `${fileName} is not a readable file.` });
    if (info.size > exchangeLimits.maxBytes) {
      return refuse({
        code: 'FILE_TOO_LARGE',
        message: `The file ${fileName} is larger than ${Math.round(exchangeLimits.maxBytes / 1024 / 1024)} MB, far more than any exchange file. It was not opened.`,
        params: { maxMb: Math.round(exchangeLimits.maxBytes / 1024 / 1024) },
      });
    }
    const bytes = new Uint8Array(await readFile(path));
    const result = await this.identity.verify(bytes);
    if (!result.ok) return refuse(result.error);
    const verified = result.verified;
    const signed = { rawPayload: result.rawPayload, jws: result.signatures };
    const { payload } = verified;
    const ownExchangeId = this.identity.ownExchangeId();
    // The own files come back only as an agreement the partner countersigned.
    const countersigned = payload.items.some((item) => item.type === 'agreement') && verified.signatures.some((signature) => signature.trust.status !== 'own');
    if (payload.issuer.exchangeId === ownExchangeId && !countersigned) {
      return refuse({ code: 'CONFLICT', message: `${fileName} was issued by your own institution; there is nothing to import from it.`, params: { reason: 'own-file' } });
    }
    const mapping = this.mapInstitutions(payload);
    const items = await this.planItems(payload, mapping, { verified, ...signed });
    const issuerTarget = mapping.get(issuerLocalId(payload) ?? '') ?? this.matchInstitution(payload.issuer.exchangeId, payload.issuer.profile);
    const preview: FilePreview = {
      token,
      fileName,
      ok: true,
      issuer: { legalName: verified.issuer.legalName, country: verified.issuer.country, exchangeId: verified.issuer.exchangeId },
      signatures: verified.signatures.map((signature) => ({
        signer: signature.signer,
        displayFingerprint: signature.displayFingerprint,
        verificationCode: signature.verificationCode,
        signedAt: signature.signedAt,
        trust: signature.trust.status,
        confirmed:
          (signature.trust.status === 'known' && signature.trust.keyStatus === 'confirmed') ||
          (signature.trust.status === 'rotated' && signature.trust.confirmedBefore) ||
          signature.trust.status === 'own',
      })),
      institution: { action: issuerTarget.action, legalName: issuerTarget.action === 'new' ? payload.issuer.profile.legalName : issuerTarget.legalName },
      items,
      changes: items.filter((item) => item.action === 'add' || item.action === 'add-revision').length,
    };
    return { path, preview, verified, signed };
  }

  /**
   * The user checked a partner's new key with the partner (by phone or letter) and accepts it: the
   * file's signature is verified on its own, its key replaces the remembered ones (recorded with
   * who accepted it), and the file is read again.
   */
  async acceptChangedKey(token: string): Promise<FilePreview> {
    const prepared = this.options.previews.get(exchangePreview, token);
    if (!prepared || prepared.preview.error?.code !== 'KEY_CHANGED') {
      throw new AppError({ code: 'NOT_FOUND', message: 'There is no changed key to accept for this file. Import it again.' });
    }
    const bytes = new Uint8Array(await readFile(prepared.path));
    const alone = await verifyExchangeFile(bytes);
    if (!alone.ok) throw new AppError(alone.error);
    const issuerSignature = alone.verified.signatures.find((signature) => signature.byIssuer);
    if (!issuerSignature) throw new AppError({ code: 'SIGNATURE_INVALID', message: 'The file carries no signature of its issuer.' });
    await this.identity.acceptChangedPartnerKey(issuerSignature.sighting, { by: this.options.user().name, fingerprintChecked: true });
    const again = await this.prepare(prepared.path);
    this.options.previews.forget(token);
    this.options.previews.put(exchangePreview, again.preview.token, again);
    return again.preview;
  }

  /**
   * Maps each institution the file names (by the issuer's own ids) to one held here: the own
   * institution, a known partner (by exchange id, then SCHAC code, Erasmus code or legal name), or
   * a partner that accepting will create.
   */
  private mapInstitutions(payload: ExchangePayload): Map<string, InstitutionTarget> {
    const mapping = new Map<string, InstitutionTarget>();
    for (const item of payload.items) {
      if (item.type !== 'institution') continue;
      mapping.set(item.institutionId, this.matchInstitution(item.exchangeId, item.profile));
    }
    return mapping;
  }

  private matchInstitution(exchangeId: string | undefined, profile: InstitutionProfile): InstitutionTarget {
    const ownExchangeId = this.identity.ownExchangeId();
    const held = this.options.institutions.list();
    const ownSummary = held.find((item) => item.kind === 'own');
    if (exchangeId && exchangeId === ownExchangeId && ownSummary) return { action: 'known', institutionId: ownSummary.id, legalName: ownSummary.legalName, own: true };
    if (exchangeId) {
      for (const [id, known] of this.knownExchangeIds()) {
        if (known === exchangeId) return { action: 'known', institutionId: id, legalName: held.find((item) => item.id === id)?.legalName ?? '', own: false };
      }
    }
    const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
    const candidates = this.options.store.entries(institutionKind).map((entry) => entry.summary);
    const match = candidates.find(
      (candidate) =>
        (profile.erasmusCode && candidate.erasmusCode && same(candidate.erasmusCode, profile.erasmusCode)) ||
        (profile.legalName && same(candidate.legalName, profile.legalName) && candidate.country === profile.country),
    );
    if (match) return { action: 'matched', institutionId: match.id, legalName: match.legalName, own: match.kind === 'own', exchangeId };
    return { action: 'new', institutionId: undefined, legalName: profile.legalName, own: false, exchangeId, profile };
  }

  private async planItems(payload: ExchangePayload, mapping: Map<string, InstitutionTarget>, file: SignedFile): Promise<ItemPlan[]> {
    const plans: ItemPlan[] = [];
    const heldFrameworks = new Set(this.options.frameworks.list().map((item) => item.fingerprint));
    const inFile = frameworksIn(payload);
    for (const item of payload.items) {
      switch (item.type) {
        case 'institution': {
          const target = mapping.get(item.institutionId);
          plans.push({
            type: 'institution',
            title: item.profile.legalName,
            action: target?.action === 'new' ? 'add' : 'skip',
            reason: target?.action === 'new' ? 'new-partner' : target?.own ? 'own-institution' : 'known',
          });
          break;
        }
        case 'framework': {
          const known = heldFrameworks.has(frameworkFingerprint(item.framework));
          plans.push({ type: 'framework', title: `${item.framework.title} ${item.framework.version}`, action: known ? 'skip' : 'add', reason: known ? 'known' : 'new-framework' });
          break;
        }
        case 'partnership':
          plans.push({ type: 'partnership', title: item.partnership.title, action: 'skip', reason: 'partnership-informational' });
          break;
        case 'assessment':
          plans.push(await this.planAssessment(item.assessment, mapping, inFile));
          break;
        case 'agreement':
          plans.push(agreementItemPlan(item.agreement.title, await this.planAgreement(incomingAgreement(item.agreement, file))));
          break;
        case 'contribution-request':
        case 'contribution':
          // Team assessment files are opened on the Team screen (electron/services/team.ts), never imported here.
          plans.push({ type: item.type, title: describeItem(item).label, action: 'refuse', reason: 'team-file' });
          break;
      }
    }
    return plans;
  }

  private async planAgreement(incoming: IncomingAgreement): Promise<IncomingPlan> {
    return this.options.agreements.planIncoming(incoming);
  }

  private async planAssessment(incoming: Assessment, mapping: Map<string, InstitutionTarget>, inFile: ReadonlyMap<string, Framework>): Promise<ItemPlan> {
    const title = incoming.title;
    const assessor = mapping.get(incoming.assessor.institutionId);
    if (assessor?.own) {
      // Our own assessments come back from partners now and then: ours is the authority.
      return { type: 'assessment', title, action: 'skip', reason: 'own-assessment' };
    }
    const framework = this.options.frameworks.byRef(incoming.framework) ?? inFile.get(incoming.framework.fingerprint);
    if (!framework) return { type: 'assessment', title, action: 'refuse', reason: 'framework-missing' };
    if (incoming.profileId !== undefined && !(framework.profiles ?? []).some((profile) => profile.id === incoming.profileId)) {
      return { type: 'assessment', title, action: 'refuse', reason: 'profile-unknown' };
    }
    // An answer the guide forbids (N/A on recognition or external QA) is never stored, not even as a draft.
    if (notApplicableRefused(framework, incoming.answers).length > 0) {
      return { type: 'assessment', title, action: 'refuse', reason: 'not-applicable-refused' };
    }
    const heldSummary = this.heldRevision(incoming.seriesId);
    if (!heldSummary) {
      if (this.options.store.has(this.options.assessments.kind, incoming.id)) return { type: 'assessment', title, action: 'refuse', reason: 'id-taken' };
      return { type: 'assessment', title, action: 'add', verdict: 'new' };
    }
    const held = await this.options.assessments.get(heldSummary.id);
    // Compared as it would be stored here: with its institutions mapped to ours.
    const verdict = revisionVerdict(this.mapped(incoming, mapping), held);
    switch (verdict) {
      case 'newer-revision':
        return { type: 'assessment', title, action: 'add-revision', verdict, diff: diffAssessments(held, incoming) };
      case 'same':
        return { type: 'assessment', title, action: 'skip', verdict, reason: 'same' };
      case 'new':
        return { type: 'assessment', title, action: 'add', verdict };
      default:
        return { type: 'assessment', title, action: 'refuse', verdict, reason: verdict };
    }
  }

  /** The assessment with the institutions it names mapped to ours where they are known. */
  private mapped(incoming: Assessment, mapping: Map<string, InstitutionTarget>): Assessment {
    const localIds = new Map<string, string>();
    for (const [fileId, target] of mapping) if (target.institutionId) localIds.set(fileId, target.institutionId);
    return { ...incoming, subject: mapRef(incoming.subject, localIds), assessor: mapRef(incoming.assessor, localIds) };
  }

  /** The newest revision of a series held here. */
  private heldRevision(seriesId: string) {
    return this.options.assessments
      .list()
      .filter((summary) => summary.seriesId === seriesId)
      .sort((a, b) => b.revision - a.revision)[0];
  }

  // ---------------------------------------------------------------- import: apply

  /**
   * Applies accepted files, each all or nothing: institutions, frameworks, assessments (new ones,
   * and newer revisions as new documents — local work is never overwritten), then the partner keys
   * seen (trust on first use). A failure part-way removes what this file had added.
   */
  async apply(tokens: readonly string[]): Promise<Array<{ fileName: string; added: number }>> {
    const results: Array<{ fileName: string; added: number }> = [];
    for (const token of tokens) {
      const prepared = this.options.previews.get(exchangePreview, token);
      if (!prepared?.verified || !prepared.preview.ok) {
        throw new AppError({ code: 'NOT_FOUND', message: 'This import preview is no longer open. Import the files again.' });
      }
      // A file that brings nothing new (the same file again, an old one replayed) changes nothing at all.
      const added = prepared.preview.changes > 0 ? await this.applyOne(prepared.verified, prepared.signed!, prepared.preview.fileName) : 0;
      results.push({ fileName: prepared.preview.fileName, added });
      this.options.previews.forget(token);
    }
    return results;
  }

  private async applyOne(verified: VerifiedExchange, signed: Omit<SignedFile, 'verified'>, fileName: string): Promise<number> {
    // Everything this file adds is written in one store transaction: a failure part-way, or a
    // crash, takes it all back (electron/store/transaction.ts).
    return this.options.store.transaction(() => this.applyWith(verified, signed), { label: fileName });
  }

  private async applyWith(verified: VerifiedExchange, signed: Omit<SignedFile, 'verified'>): Promise<number> {
    const { institutions, assessments, frameworks, partnerships } = this.options;
    const now = this.options.now().toISOString();
    const { payload } = verified;
    const counted = { institutions: 0, frameworks: 0 };
    const importedAssessments: string[] = [];
    // 1. Institutions: map every one the file names, creating partners where needed.
    const mapping = this.mapInstitutions(payload);
    const issuerLocal = issuerLocalId(payload);
    if (issuerLocal && !mapping.has(issuerLocal)) mapping.set(issuerLocal, this.matchInstitution(payload.issuer.exchangeId, payload.issuer.profile));
    const localIds = new Map<string, string>();
    for (const [fileId, target] of mapping) {
      if (target.action === 'new') {
        const profile = target.profile ?? payload.issuer.profile;
        const partner = await institutions.createPartner(profile);
        counted.institutions += 1;
        localIds.set(fileId, partner.id);
      } else if (target.institutionId) {
        localIds.set(fileId, target.institutionId);
      }
      const localId = localIds.get(fileId);
      const exchangeId = fileId === issuerLocal ? payload.issuer.exchangeId : target.exchangeId;
      if (localId && exchangeId && !target.own) await institutions.rememberExchangeId(localId, exchangeId);
    }

    // 2. Framework snapshots not held yet.
    const held = new Set(frameworks.list().map((item) => item.fingerprint));
    for (const item of payload.items) {
      if (item.type !== 'framework' || held.has(frameworkFingerprint(item.framework))) continue;
      const stored = await frameworks.storeImported(item.framework);
      counted.frameworks += 1;
      held.add(stored.fingerprint);
    }

    // 3. Assessments: new ones and newer revisions, with institution references mapped.
    const signer = verified.signatures.find((signature) => signature.byIssuer) ?? verified.signatures[0]!;
    let added = 0;
    for (const item of payload.items) {
      if (item.type !== 'assessment') continue;
      const incoming = item.assessment;
      const plan = await this.planAssessment(incoming, mapping, frameworksIn(payload));
      if (plan.action !== 'add' && plan.action !== 'add-revision') continue;
      const mapped: Assessment = {
        ...incoming,
        subject: mapRef(incoming.subject, localIds),
        assessor: mapRef(incoming.assessor, localIds),
        origin: {
          type: 'exchange',
          importedAt: now,
          signer: `${signer.signer.name}${signer.signer.role ? `, ${signer.signer.role}` : ''} (${signer.signer.institution})`,
          keyFingerprint: signer.fingerprint,
        },
      };
      await assessments.importAssessment(mapped);
      importedAssessments.push(mapped.id);
      added += 1;
    }

    // 4. Agreements: new ones, the partner's countersignature, or the partner's newer text.
    let agreementsChanged = 0;
    for (const item of payload.items) {
      if (item.type !== 'agreement') continue;
      const incoming = incomingAgreement(item.agreement, { verified, ...signed });
      const plan = await this.options.agreements.planIncoming(incoming);
      if (await this.options.agreements.applyIncoming(incoming, plan)) agreementsChanged += 1;
    }

    // 5. Keys seen, remembered now that the import stands (trust on first use).
    await this.identity.rememberPartnerKeys(verified.signatures.filter((signature) => signature.trust.status !== 'own').map((signature) => signature.sighting));

    // 6. Partnerships with this partner pick up the assessments that fill their empty places.
    await partnerships.linkImported(importedAssessments);
    return added + agreementsChanged + counted.institutions + counted.frameworks;
  }
}

/** A verified file with what agreements keep of it. */
interface SignedFile {
  verified: VerifiedExchange;
  rawPayload: Record<string, unknown>;
  jws: JwsSignature[];
}

function incomingAgreement(content: IncomingAgreement['content'], file: SignedFile): IncomingAgreement {
  return { content, payload: file.verified.payload, rawPayload: file.rawPayload, signatures: file.verified.signatures, jws: file.jws };
}

function agreementItemPlan(title: string, plan: IncomingPlan): ItemPlan {
  return {
    type: 'agreement',
    title,
    action: plan.action,
    reason: plan.reason,
    ...(plan.action === 'add-revision' && plan.reason === 'agreement-new-text' ? { changedParts: plan.changedParts } : {}),
  };
}

interface InstitutionTarget {
  action: 'known' | 'matched' | 'new';
  institutionId: string | undefined;
  legalName: string;
  own: boolean;
  exchangeId?: string | undefined;
  profile?: InstitutionProfile;
}

/** Fingerprints of the framework snapshots a file carries. */
function frameworksIn(payload: ExchangePayload): Map<string, Framework> {
  return new Map(payload.items.flatMap((item) => (item.type === 'framework' ? [[frameworkFingerprint(item.framework), item.framework] as const] : [])));
}

/** The issuer's own id for itself, from the institution item that carries its exchange id. */
function issuerLocalId(payload: ExchangePayload): string | undefined {
  for (const item of payload.items) {
    if (item.type === 'institution' && item.exchangeId === payload.issuer.exchangeId) return item.institutionId;
  }
  return undefined;
}

function mapRef(ref: InstitutionRef, localIds: Map<string, string>): InstitutionRef {
  return { ...ref, institutionId: localIds.get(ref.institutionId) ?? ref.institutionId };
}
