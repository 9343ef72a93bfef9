/**
 * Exchange files in the app: signed exports of assessments and partnerships (signed through the
 * identity service, which holds the keys), and imports that treat
 * every file as hostile — verified, checked against the partner keys remembered so far, previewed
 * item by item, and applied all together or not at all.
 *
 * Import is a pipeline (importer.ts): this file reads and verifies the file, asks the importer of
 * each item's kind (owned by the service that stores it) for a plan, builds the preview from the
 * plans, and applies them in one store transaction. It knows no item kind's rules itself.
 */
import { readdir, readFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { extname, join } from 'node:path';
import { AppError, isAppError, type AppErrorData } from '../../shared/errors';
import type { FilePreview, ItemPlan } from '../../shared/exchange/app';
import {
  exchangeFileExtension,
  exchangeLimits,
  type ExchangeItem,
  type ExchangeItemInput,
  type ExchangeItemType,
  type JwsSignature,
  type Signer,
} from '../../shared/exchange/schema';
import { frameworkFingerprint } from '../../shared/framework/fingerprint';
import { describeItem } from '../../shared/exchange/summary';
import { withoutTeam } from '../../shared/team/privacy';
import type { Framework } from '../../shared/framework/schema';
import { profileOf, type InstitutionProfile } from '../../shared/institution/schema';
import { verifyExchangeFile, type VerifiedExchange } from '../exchange/read';
import { previewKind, type ImportPreviews } from './import-previews';
import type { IdentityService } from '../identity/identity';
import type { Store } from '../store/store';
import type { AgreementService } from './agreements';
import type { AssessmentService, User } from './assessments';
import type { FrameworkCatalog } from './frameworks';
import { frameworksIn, issuerLocalId, type ApplyContext, type ImportContext, type ItemImporter, type SignedFile } from './importer';
import type { InstitutionService } from './institutions';
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

/** What exchange import needs of agreements: their importer. */
type AgreementImporter = Pick<AgreementService, 'importer'>;

interface ExchangeServiceOptions {
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
    const known = this.options.institutions.knownExchangeIds().get(institutionId);
    return known ? { exchangeId: known } : {};
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
    const context = this.importContext({ verified, ...signed });
    const items = await this.planItems(context);
    const issuerTarget =
      context.institutions.get(context.issuerId ?? '') ?? this.options.institutions.match(payload.issuer.exchangeId, payload.issuer.profile, ownExchangeId);
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

  /** Each importer, by the kind of item it plans: the service that stores that kind owns it. */
  private get importers(): Importers {
    const { institutions, frameworks, assessments, partnerships, agreements } = this.options;
    return {
      institution: institutions.importer,
      framework: frameworks.importer,
      assessment: assessments.importer,
      partnership: partnerships.importer,
      agreement: agreements.importer,
      'contribution-request': teamFileRefusal('contribution-request'),
      contribution: teamFileRefusal('contribution'),
    };
  }

  /** What the importers read while they plan: the file, and how its institutions map to ours now. */
  private importContext(file: SignedFile): ImportContext {
    const { payload } = file.verified;
    return {
      file,
      payload,
      institutions: this.options.institutions.mapFile(payload, this.identity.ownExchangeId()),
      issuerId: issuerLocalId(payload),
      frameworksInFile: frameworksIn(payload),
    };
  }

  /** The preview's line for each item of the file, in the file's order. */
  private async planItems(context: ImportContext): Promise<ItemPlan[]> {
    const plans: ItemPlan[] = [];
    for (const item of context.payload.items) plans.push((await importerOf(this.importers, item).plan(item, context)).preview);
    return plans;
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

  /**
   * Every item planned again against what is held now (another file may have been applied since
   * the preview) and applied, kind by kind in `applyOrder`, then the partner keys seen remembered
   * (trust on first use), then each importer's finishing step.
   */
  private async applyWith(verified: VerifiedExchange, signed: Omit<SignedFile, 'verified'>): Promise<number> {
    const context: ApplyContext = {
      ...this.importContext({ verified, ...signed }),
      at: this.options.now().toISOString(),
      localIds: new Map(),
      importedAssessments: [],
    };
    const importers = this.importers;
    let changed = 0;
    for (const type of applyOrder) {
      for (const item of context.payload.items) {
        if (item.type !== type) continue;
        const importer = importerOf(importers, item);
        if (!importer.apply) continue;
        changed += await importer.apply(item, await importer.plan(item, context), context);
      }
    }
    await this.identity.rememberPartnerKeys(verified.signatures.filter((signature) => signature.trust.status !== 'own').map((signature) => signature.sighting));
    for (const type of applyOrder) await importers[type].finish?.(context);
    return changed;
  }
}

type Importers = { [T in ExchangeItemType]: ItemImporter<T> };

/**
 * The order items are applied in: institutions first (the others name them), frameworks before
 * the assessments made with them, agreements after; partnerships are not stored, and team files
 * never imported here.
 */
const applyOrder: readonly ExchangeItemType[] = ['institution', 'framework', 'assessment', 'agreement', 'partnership', 'contribution-request', 'contribution'];

/** The importer of one item's kind. */
function importerOf(importers: Importers, item: ExchangeItem): ItemImporter<ExchangeItemType> {
  return importers[item.type] as ItemImporter<ExchangeItemType>;
}

/** Team assessment files are opened on the Team screen (electron/services/team.ts), never imported here. */
function teamFileRefusal<T extends 'contribution-request' | 'contribution'>(type: T): ItemImporter<T> {
  return { type, plan: async (item) => ({ preview: { type, title: describeItem(item).label, action: 'refuse', reason: 'team-file' } }) };
}
