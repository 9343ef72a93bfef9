/**
 * Partnership agreements: drafted from a partnership decided ready (or ready with conditions),
 * edited where a lawyer would want to, signed by one party and countersigned by the other over the
 * same canonical payload, in the manner of Erasmus Without Paper's approval by hash.
 *
 * A signature is an exchange-file signature: the first party to sign issues a payload carrying the
 * agreement's content (and both parties' profiles), the other adds its own signature over exactly
 * that payload. Each copy keeps the payload and the signatures, so either party can verify them at
 * any time, send the file again, and see at once when the text no longer is what was signed.
 */
import { agreementSummarySchema } from '../../shared/store/summaries';
import { randomUUID } from 'node:crypto';
import { buildAgreementDraft, conditionsOf, refillClauses, renderTemplateClauses } from '../../shared/agreement/build';
import { agreementContentSchema, type AgreementClause, type AgreementContent, type AgreementScope, type AgreementSide } from '../../shared/agreement/content';
import { agreementContentHash, contentVerificationCode } from '../../shared/agreement/hash';
import { agreementSchema, type Agreement, type AgreementEvent, type AgreementSignature } from '../../shared/agreement/schema';
import { agreementEnds, agreementState, coveringSignatures, otherSide } from '../../shared/agreement/state';
import type { AgreementSummary } from '../../shared/agreement/summary';
import type { AgreementView } from '../../shared/agreement/view';
import { AppError } from '../../shared/errors';
import { fingerprintForDisplay, verificationCode } from '../../shared/exchange/fingerprint';
import type { ExchangeItemInput, ExchangePayload, JwsSignature, Signer } from '../../shared/exchange/schema';
import type { Language } from '../../shared/framework/schema';
import { profileOf, type Institution, type InstitutionProfile } from '../../shared/institution/schema';
import { fieldIssues } from '../../shared/ipc/zod-issues';
import { loadAgreementTexts } from '../platform/templates';
import type { VerifiedSignature } from '../exchange/read';
import { serialiseExchangeFile } from '../exchange/write';
import type { IdentityService } from '../identity/identity';
import type { DocumentKind, Store } from '../store/store';
import type { AssessmentService, User } from './assessments';
import type { FrameworkCatalog } from './frameworks';
import type { ImportContext, ItemImporter, PlannedChange } from './importer';
import type { InstitutionService } from './institutions';
import type { PartnershipService } from './partnerships';
import { unlessGone } from '../store/unless-gone';

export const agreementKind: DocumentKind<Agreement, AgreementSummary> = {
  collection: 'agreements',
  schemaVersion: 1,
  schema: agreementSchema,
  migrations: {},
  summarySchema: agreementSummarySchema,
  summarise: (agreement) => {
    const contentHash = agreementContentHash(agreement.content);
    const ends = agreementEnds(agreement);
    const party = (side: AgreementSide) => ({
      institutionId: agreement.content.parties[side].institutionId,
      exchangeId: agreement.content.parties[side].exchangeId,
      legalName: agreement.content.parties[side].legalName,
    });
    return {
      id: agreement.id,
      title: agreement.content.title,
      partnershipId: agreement.content.partnershipId,
      language: agreement.content.language,
      ownSide: agreement.ownSide,
      parties: { A: party('A'), B: party('B') },
      state: agreementState(agreement, contentHash),
      contentHash,
      signedBy: [...new Set(coveringSignatures(agreement.signatures, contentHash).map((signature) => signature.side))].sort(),
      concludedAt: ends?.concludedAt,
      endsOn: ends?.endsOn,
      createdAt: agreement.createdAt,
      updatedAt: agreement.updatedAt,
    };
  },
};

/** What the officers may change in an agreement (everything else follows from the partnership). */
export interface AgreementEdit {
  title: string;
  signatories: Record<AgreementSide, { name: string; role: string }>;
  scope: AgreementScope;
  /** Every clause in order; `edited` is worked out here by comparing with the model text. */
  clauses: Array<Pick<AgreementClause, 'id' | 'heading' | 'text'>>;
}

interface AgreementServiceOptions {
  store: Store;
  templatesDir: string;
  institutions: InstitutionService;
  assessments: AssessmentService;
  partnerships: PartnershipService;
  frameworks: FrameworkCatalog;
  identity: IdentityService;
  now: () => Date;
  user: () => User;
}

export class AgreementService {
  readonly kind = agreementKind;

  constructor(private readonly options: AgreementServiceOptions) {}

  list(): AgreementSummary[] {
    return this.options.store
      .entries(agreementKind)
      .map((entry) => entry.summary)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  get(id: string): Promise<Agreement> {
    return this.options.store.read(agreementKind, id);
  }

  summary(id: string): AgreementSummary {
    const summary = this.options.store.summary(agreementKind, id);
    if (!summary) throw new AppError({ code: 'NOT_FOUND', message: 'This agreement no longer exists.' });
    return summary;
  }

  /** The agreements between the two institutions of a partnership (drafted here or received). */
  forPartnership(partnership: { id: string; institutionA: string; institutionB: string }): AgreementSummary[] {
    const pair = new Set([partnership.institutionA, partnership.institutionB]);
    return this.list().filter(
      (summary) =>
        summary.partnershipId === partnership.id ||
        (pair.has(this.localInstitutionOf(summary, 'A') ?? '') && pair.has(this.localInstitutionOf(summary, 'B') ?? '')),
    );
  }

  /** The id of the institution held here that a party of the agreement is. */
  private localInstitutionOf(summary: Pick<AgreementSummary, 'parties' | 'ownSide'>, side: AgreementSide): string | undefined {
    if (side === summary.ownSide) return this.options.institutions.ownId();
    const party = summary.parties[side];
    const held = this.options.institutions.list();
    if (party.exchangeId) {
      const byExchange = held.find((item) => item.exchangeId === party.exchangeId);
      if (byExchange) return byExchange.id;
    }
    return held.find((item) => item.id === party.institutionId)?.id ?? held.find((item) => item.kind === 'partner' && sameName(item.legalName, party.legalName))?.id;
  }

  // ---------------------------------------------------------------- drafting and editing

  /** Drafts the agreement of a partnership decided ready or ready with conditions. */
  async create(input: { partnershipId: string; language: Language }): Promise<Agreement> {
    const { partnerships, institutions, assessments, store } = this.options;
    const partnership = await partnerships.get(input.partnershipId);
    const existing = this.list().find((summary) => summary.partnershipId === partnership.id && summary.ownSide === 'A');
    if (existing) {
      throw new AppError({
        code: 'CONFLICT',
        message: 'This partnership already has an agreement. Open it to change it; a partnership has one agreement at a time.',
        params: { id: existing.id },
      });
    }
    const [a, b] = await Promise.all([institutions.get(partnership.institutionA), institutions.get(partnership.institutionB)]);
    const linked = Object.values(partnership.assessments).find((id): id is string => typeof id === 'string');
    if (!linked) {
      throw new AppError({ code: 'CONFLICT', message: 'This partnership has no assessment yet; the agreement refers to the guide version its assessments were made with.' });
    }
    const assessment = await assessments.get(linked);
    const framework = assessments.frameworkOf(assessment, input.language);
    const texts = await loadAgreementTexts(this.options.templatesDir, input.language);
    const id = randomUUID();
    const content = buildAgreementDraft({
      id,
      partnership,
      institutions: { A: a, B: b },
      framework,
      decisionRef: { id: assessment.framework.id, version: assessment.framework.version, fingerprint: assessment.framework.fingerprint },
      language: input.language,
      texts,
      exchangeIds: { A: this.ownExchangeId() ?? null, B: institutions.list().find((item) => item.id === b.id)?.exchangeId ?? null },
    });
    const at = this.nowIso();
    return store.create(agreementKind, {
      schemaVersion: 1,
      id,
      content,
      signatures: [],
      ownSide: 'A',
      history: [this.event('drafted', content, at)],
      createdAt: at,
      updatedAt: at,
    });
  }

  /**
   * Saves the officers' changes. Clauses whose text differs from the model text are marked as
   * edited and kept as written; the others are written again from the new scope and parties. A
   * change to a signed text leaves the signatures in place, visibly no longer covering it.
   */
  async update(id: string, edit: AgreementEdit): Promise<Agreement> {
    const held = await this.get(id);
    const texts = await loadAgreementTexts(this.options.templatesDir, held.content.language);
    const draft: AgreementContent = {
      ...held.content,
      title: edit.title.trim(),
      parties: {
        A: { ...held.content.parties.A, signatory: { name: edit.signatories.A.name.trim(), role: edit.signatories.A.role.trim() } },
        B: { ...held.content.parties.B, signatory: { name: edit.signatories.B.name.trim(), role: edit.signatories.B.role.trim() } },
      },
      scope: { ...edit.scope, eqfLevels: [...new Set(edit.scope.eqfLevels)].sort((x, y) => x - y) },
    };
    if (draft.scope.ectsMin > draft.scope.ectsMax) {
      throw new AppError({ code: 'VALIDATION', message: 'The largest micro-credential must not be smaller than the smallest.', issues: [{ path: 'scope.ectsMax', message: 'agreement.ectsOrder' }] });
    }
    const ids = new Set<string>();
    for (const clause of edit.clauses) {
      if (ids.has(clause.id)) throw new AppError({ code: 'VALIDATION', message: `Two clauses have the id “${clause.id}”.`, issues: [{ path: 'clauses', message: 'validation.duplicate' }] });
      ids.add(clause.id);
    }
    // The model text of each template clause, for the content as it will be.
    const models = new Map(renderTemplateClauses(draft, texts).map((clause) => [clause.id, clause]));
    const before = new Map(held.content.clauses.map((clause) => [clause.id, clause]));
    const clauses = edit.clauses.map((clause): AgreementClause => {
      const heading = clause.heading.trim();
      const text = normaliseText(clause.text);
      // A clause sent back as it was keeps its state (and follows the new scope if it was the model text).
      const unchanged = before.get(clause.id);
      if (unchanged && unchanged.heading === heading && unchanged.text === text) return unchanged;
      const model = models.get(clause.id);
      return { id: clause.id, heading, text, edited: !model || model.heading !== heading || model.text !== text };
    });
    const checked = agreementContentSchema.safeParse({ ...draft, clauses });
    if (!checked.success) {
      throw new AppError({ code: 'VALIDATION', message: 'Some of the agreement’s fields are not valid.', issues: fieldIssues(checked.error) });
    }
    const content = refillClauses(checked.data, texts);
    if (agreementContentHash(content) === agreementContentHash(held.content)) return held;
    return this.saveContent(held, content, 'edited');
  }

  /** Takes the open conditions of the partnership's action plan into the agreement again. */
  async refreshConditions(id: string): Promise<Agreement> {
    const held = await this.get(id);
    if (held.ownSide !== 'A') {
      throw new AppError({ code: 'CONFLICT', message: 'The conditions come from the action plan of the party that drafted the agreement.' });
    }
    const partnership = await this.options.partnerships.get(held.content.partnershipId);
    const texts = await loadAgreementTexts(this.options.templatesDir, held.content.language);
    const content = refillClauses({ ...held.content, conditions: conditionsOf(partnership) }, texts);
    if (agreementContentHash(content) === agreementContentHash(held.content)) return held;
    return this.saveContent(held, content, 'edited');
  }

  private saveContent(held: Agreement, content: AgreementContent, kind: AgreementEvent['kind']): Promise<Agreement> {
    const at = this.nowIso();
    return this.options.store.update(agreementKind, held.id, (current) => ({
      ...current,
      content,
      history: [...current.history, this.event(kind, content, at)],
      updatedAt: at,
    }));
  }

  /**
   * Opens a signed agreement for changes: the signed text, with its payload and signatures, is set
   * aside as a revision (kept, shown in the history) and the agreement becomes a draft again, which
   * both parties must sign anew.
   */
  async amend(id: string): Promise<Agreement> {
    const held = await this.get(id);
    const contentHash = agreementContentHash(held.content);
    if (!coveringSignatures(held.signatures, contentHash).length) {
      throw new AppError({ code: 'CONFLICT', message: 'Only a signed agreement is amended; this text has no signature yet, so change it directly.' });
    }
    const at = this.nowIso();
    return this.options.store.update(agreementKind, id, (current) => {
      const { signedPayload, signatures, ...rest } = current;
      return {
        ...rest,
        signatures: [],
        revisions: [...(current.revisions ?? []), { content: current.content, ...(signedPayload !== undefined ? { signedPayload } : {}), signatures, amendedAt: at }],
        history: [...current.history, this.event('amended', current.content, at)],
        updatedAt: at,
      };
    });
  }

  async remove(id: string): Promise<void> {
    await this.options.store.remove(agreementKind, id);
  }

  // ---------------------------------------------------------------- signing

  /**
   * Signs the agreement as it stands, for the own institution, in the name of its signatory. When
   * the partner has signed exactly this text, the own signature is added over the partner's
   * payload (countersigning); otherwise a new payload is issued and signed, and signatures of an
   * earlier text are dropped.
   */
  async sign(id: string): Promise<Agreement> {
    const { identity, store } = this.options;
    identity.assertUnlocked();
    const held = await this.get(id);
    const contentHash = agreementContentHash(held.content);
    const covering = coveringSignatures(held.signatures, contentHash);
    if (covering.some((signature) => signature.side === held.ownSide)) {
      throw new AppError({ code: 'CONFLICT', message: 'Your institution has already signed this text of the agreement.' });
    }
    const ownParty = held.content.parties[held.ownSide];
    const signer: Signer = { name: ownParty.signatory.name, role: ownParty.signatory.role, institution: ownParty.legalName };

    let bytes: Uint8Array;
    if (covering.length && held.signedPayload !== undefined) {
      const partnerFile = serialiseExchangeFile(held.signedPayload, covering.map((signature) => signature.jws));
      bytes = await identity.countersign(partnerFile, signer);
    } else {
      bytes = await identity.signFile({ issuer: await this.ownIssuer(), items: await this.payloadItems(held) }, signer);
    }
    const read = await identity.verify(bytes, { partners: false });
    if (!read.ok) throw new AppError(read.error);
    const signatures = this.signaturesFrom(held, read.verified.signatures, read.signatures, contentHash);
    const at = this.nowIso();
    return store.update(agreementKind, id, (current) => ({
      ...current,
      signedPayload: read.rawPayload,
      signatures,
      history: [...current.history, { at, kind: 'signed', by: describeSigner(signer), contentHash }],
      updatedAt: at,
    }));
  }

  /** The signed exchange file of the agreement as it stands: to send to the partner. */
  async exchangeFile(id: string): Promise<Uint8Array> {
    const held = await this.get(id);
    const covering = coveringSignatures(held.signatures, agreementContentHash(held.content));
    if (!covering.length || held.signedPayload === undefined) {
      throw new AppError({
        code: 'CONFLICT',
        message: held.signatures.length
          ? 'The agreement was changed after it was signed, so there is no signed file of this text. Sign it again before sending it.'
          : 'Sign the agreement before sending it: the partner needs your signature to countersign.',
      });
    }
    const bytes = serialiseExchangeFile(held.signedPayload, covering.map((signature) => signature.jws));
    const check = await this.options.identity.verify(bytes, { partners: false });
    if (!check.ok) {
      throw new AppError({
        code: 'DAMAGED_FILE',
        message: `The signatures kept with this agreement no longer verify (${check.error.message}) The stored copy was altered; ask the partner for their signed file and import it again.`,
      });
    }
    return bytes;
  }

  /** The agreement with its signatures checked, for the agreement screen. */
  async view(id: string): Promise<AgreementView> {
    const agreement = await this.get(id);
    const { identity } = this.options;
    const contentHash = agreementContentHash(agreement.content);
    let integrity: AgreementView['integrity'] = { ok: true };
    const keyOf = new Map<string, AgreementView['signatures'][number]['key']>();
    if (agreement.signatures.length && agreement.signedPayload !== undefined) {
      const bytes = serialiseExchangeFile(agreement.signedPayload, agreement.signatures.map((signature) => signature.jws));
      const read = await identity.verify(bytes);
      if (!read.ok) integrity = { ok: false, message: read.error.message };
      else {
        for (const signature of read.verified.signatures) keyOf.set(signature.fingerprint, keyTrust(signature));
        const signed = agreementOf(read.verified.payload);
        if (!signed || signed.id !== agreement.id) integrity = { ok: false, message: 'The signed payload kept with this agreement is not this agreement.' };
      }
    }
    // Without its template texts the agreement is shown without the template's clauses; the log says why.
    const texts = await loadAgreementTexts(this.options.templatesDir, agreement.content.language).catch((error: unknown) => {
      this.options.store.logger.warn(`The agreement texts for "${agreement.content.language}" could not be loaded`, error);
      return undefined;
    });
    const partnership = await unlessGone(this.options.partnerships.get(agreement.content.partnershipId), this.options.store.logger, `the partnership of agreement ${agreement.id}`);
    const state = agreementState(agreement, contentHash);
    const ends = agreementEnds(agreement);
    return {
      agreement,
      state,
      contentHash,
      verificationCode: contentVerificationCode(contentHash),
      signatures: agreement.signatures.map((signature) => ({
        side: signature.side,
        signer: signature.signer,
        signedAt: signature.signedAt,
        keyFingerprint: signature.keyFingerprint,
        displayFingerprint: fingerprintForDisplay(signature.keyFingerprint),
        keyCode: verificationCode(signature.keyFingerprint),
        contentCode: contentVerificationCode(signature.contentHash),
        coversContent: signature.contentHash === contentHash,
        valid: integrity.ok,
        key: integrity.ok ? (keyOf.get(signature.keyFingerprint) ?? 'unknown') : 'unknown',
      })),
      integrity,
      templateClauses: texts ? renderTemplateClauses(agreement.content, texts) : [],
      partnership: partnership ? { id: partnership.id, title: partnership.title } : null,
      canSign: state === 'draft' || state === 'awaiting-own' || state === 'changed-after-signing',
      canSendFile: state !== 'draft' && state !== 'changed-after-signing' && integrity.ok,
      endsOn: ends?.endsOn ?? null,
    };
  }

  // ---------------------------------------------------------------- receiving

  /**
   * What receiving a signed agreement would do: add it, add the partner's countersignature to the
   * copy held here, take the partner's newer text, or refuse (not a party, an older text, local
   * changes not signed yet).
   */
  async planIncoming(input: IncomingAgreement): Promise<IncomingPlan> {
    const { content } = input;
    const ownSide = this.ownSideOf(input);
    if (!ownSide) return { action: 'refuse', reason: 'agreement-not-a-party' };
    const summary = this.options.store.summary(agreementKind, content.id);
    if (!summary) {
      if (!this.signedBy(input, otherSide(ownSide)).length) return { action: 'refuse', reason: 'agreement-unsigned-by-partner' };
      return { action: 'add', reason: 'agreement-new', ownSide };
    }
    const held = await this.get(content.id);
    if (held.ownSide !== ownSide) return { action: 'refuse', reason: 'agreement-not-a-party' };
    // A file issued no later than a text that was amended here is a copy from before the
    // amendment: the partner's signature covers that earlier text, never the amended one, even
    // when the amended text has not been changed yet.
    const amendedIssued = latestIssuedAt((held.revisions ?? []).map((revision) => issuedAtOf(revision.signedPayload)));
    if (amendedIssued && input.payload.issuedAt <= amendedIssued) return { action: 'refuse', reason: 'agreement-amended' };
    const incomingHash = agreementContentHash(content);
    const heldHash = agreementContentHash(held.content);
    if (incomingHash === heldHash) {
      const known = new Set(held.signatures.map((signature) => signature.keyFingerprint));
      const fresh = input.signatures.filter((signature) => !known.has(signature.fingerprint));
      return fresh.length ? { action: 'add-revision', reason: 'agreement-countersigned', ownSide } : { action: 'skip', reason: 'same' };
    }
    // Another text. It replaces the one held only if it is newer than what was signed here and
    // nothing was changed here since.
    const heldIssued = issuedAtOf(held.signedPayload);
    if (heldIssued && input.payload.issuedAt <= heldIssued) return { action: 'refuse', reason: 'agreement-older' };
    const heldSignedHash = held.signatures.length ? held.signatures[held.signatures.length - 1]!.contentHash : undefined;
    const localEdits = heldSignedHash !== heldHash && held.history.some((event) => event.kind === 'edited' && event.contentHash === heldHash);
    if (localEdits) return { action: 'refuse', reason: 'agreement-local-edits' };
    if (!this.signedBy(input, otherSide(ownSide)).length) return { action: 'refuse', reason: 'agreement-unsigned-by-partner' };
    return { action: 'add-revision', reason: 'agreement-new-text', ownSide, changedParts: changedParts(held.content, content) };
  }

  /**
   * The importer of the agreements an exchange file carries: a new one, the partner's
   * countersignature, or the partner's newer text, as `planIncoming` decides.
   */
  readonly importer: ItemImporter<'agreement', PlannedAgreement> = {
    type: 'agreement',
    plan: async (item, context) => {
      const incoming = incomingAgreement(item.agreement, context);
      const plan = await this.planIncoming(incoming);
      return {
        incoming,
        plan,
        preview: {
          type: 'agreement',
          title: item.agreement.title,
          action: plan.action,
          reason: plan.reason,
          ...(plan.action === 'add-revision' && plan.reason === 'agreement-new-text' ? { changedParts: plan.changedParts } : {}),
        },
      };
    },
    apply: async (_item, planned) => ((await this.applyIncoming(planned.incoming, planned.plan)) ? 1 : 0),
  };

  /**
   * Applies what `planIncoming` planned; returns whether it changed anything. Within an import it
   * writes in the import's store transaction, which takes it back if the rest of the import fails.
   */
  async applyIncoming(input: IncomingAgreement, plan: IncomingPlan): Promise<boolean> {
    if (plan.action !== 'add' && plan.action !== 'add-revision') return false;
    const { store } = this.options;
    const contentHash = agreementContentHash(input.content);
    const at = this.nowIso();
    const issuerSigner = input.signatures.find((signature) => signature.byIssuer) ?? input.signatures[0]!;
    if (plan.action === 'add') {
      const signatures = this.signaturesOf(input, plan.ownSide);
      await store.create(agreementKind, {
        schemaVersion: 1,
        id: input.content.id,
        content: input.content,
        signedPayload: input.rawPayload,
        signatures,
        ownSide: plan.ownSide,
        history: [{ at, kind: 'received', by: describeSigner(issuerSigner.signer), contentHash }],
        createdAt: at,
        updatedAt: at,
      });
      return true;
    }
    const previous = await this.get(input.content.id);
    const signatures = this.signaturesOf(input, plan.ownSide);
    const added = plan.reason === 'agreement-countersigned' ? signatures.filter((signature) => !previous.signatures.some((held) => held.keyFingerprint === signature.keyFingerprint)) : signatures;
    const by = added.map((signature) => describeSigner(signature.signer)).join('; ') || describeSigner(issuerSigner.signer);
    await store.update(agreementKind, previous.id, (current) => ({
      ...current,
      content: input.content,
      signedPayload: input.rawPayload,
      signatures,
      history: [...current.history, { at, kind: plan.reason === 'agreement-countersigned' ? ('countersignature-received' as const) : ('replaced' as const), by, contentHash }],
      updatedAt: at,
    }));
    return true;
  }

  /** Which party of the agreement this installation's institution is, if any. */
  private ownSideOf(input: IncomingAgreement): AgreementSide | undefined {
    const ownExchangeId = this.ownExchangeId();
    const { parties } = input.content;
    for (const side of ['A', 'B'] as const) if (ownExchangeId && parties[side].exchangeId === ownExchangeId) return side;
    // A party whose exchange id the drafter did not know yet: the own institution if its profile
    // matches and the other party is the one who signed.
    const own = this.options.institutions.list().find((item) => item.kind === 'own');
    if (!own) return undefined;
    for (const side of ['A', 'B'] as const) {
      const party = parties[side];
      if (party.exchangeId !== null) continue;
      const matches = (party.erasmusCode && own.erasmusCode && compact(party.erasmusCode) === compact(own.erasmusCode)) || (sameName(party.legalName, own.legalName) && party.country === own.country);
      if (matches && this.signedBy(input, otherSide(side)).length) return side;
    }
    return undefined;
  }

  /** The file's signatures made by a party of the agreement. */
  private signedBy(input: IncomingAgreement, side: AgreementSide): VerifiedSignature[] {
    return input.signatures.filter((signature) => sideOfSignature(input.content, signature.exchangeId) === side);
  }

  private signaturesOf(input: IncomingAgreement, ownSide: AgreementSide): AgreementSignature[] {
    const contentHash = agreementContentHash(input.content);
    const result: AgreementSignature[] = [];
    for (const signature of input.signatures) {
      const side = sideOfSignature(input.content, signature.exchangeId) ?? (signature.exchangeId === this.ownExchangeId() ? ownSide : otherSide(ownSide));
      result.push({
        side,
        signer: signature.signer,
        signedAt: signature.signedAt,
        keyFingerprint: signature.fingerprint,
        contentHash,
        jws: input.jws[signature.position - 1]!,
      });
    }
    return result;
  }

  /** The signatures of a file just signed here, as kept with the agreement. */
  private signaturesFrom(held: Agreement, verified: readonly VerifiedSignature[], jws: readonly JwsSignature[], contentHash: string): AgreementSignature[] {
    return verified.map((signature) => ({
      side: sideOfSignature(held.content, signature.exchangeId) ?? (signature.exchangeId === this.ownExchangeId() ? held.ownSide : otherSide(held.ownSide)),
      signer: signature.signer,
      signedAt: signature.signedAt,
      keyFingerprint: signature.fingerprint,
      contentHash,
      jws: jws[signature.position - 1]!,
    }));
  }

  // ---------------------------------------------------------------- helpers

  private async payloadItems(held: Agreement): Promise<ExchangeItemInput[]> {
    const items: ExchangeItemInput[] = [];
    for (const side of ['A', 'B'] as const) {
      const party = held.content.parties[side];
      const local = side === held.ownSide ? await this.options.institutions.getOwn() : await this.institutionOf(party.institutionId, party.exchangeId, party.legalName);
      if (!local) continue;
      const exchangeId = side === held.ownSide ? this.ownExchangeId() : (party.exchangeId ?? undefined);
      items.push({ type: 'institution', institutionId: party.institutionId, ...(exchangeId ? { exchangeId } : {}), profile: profileOf(local) });
    }
    items.push({ type: 'agreement', agreement: held.content });
    return items;
  }

  private async institutionOf(institutionId: string, exchangeId: string | null, legalName: string): Promise<Institution | undefined> {
    const held = this.options.institutions.list();
    const match =
      (exchangeId ? held.find((item) => item.exchangeId === exchangeId) : undefined) ??
      held.find((item) => item.id === institutionId) ??
      held.find((item) => item.kind === 'partner' && sameName(item.legalName, legalName));
    return match ? this.options.institutions.get(match.id) : undefined;
  }

  private async ownIssuer(): Promise<{ exchangeId: string; profile: InstitutionProfile }> {
    const own = await this.options.institutions.getOwn();
    if (!own) throw new AppError({ code: 'CONFLICT', message: 'Create your own institution’s profile first.' });
    return { exchangeId: this.options.identity.exchangeId(), profile: profileOf(own) };
  }

  private ownExchangeId(): string | undefined {
    return this.options.identity.ownExchangeId();
  }

  private event(kind: AgreementEvent['kind'], content: AgreementContent, at: string): AgreementEvent {
    const { name, role } = this.options.user();
    return { at, kind, by: [name, role].filter(Boolean).join(', '), contentHash: agreementContentHash(content) };
  }

  private nowIso(): string {
    return this.options.now().toISOString();
  }
}

/** An agreement as found in a verified exchange file. */
interface IncomingAgreement {
  content: AgreementContent;
  payload: ExchangePayload;
  rawPayload: Record<string, unknown>;
  signatures: readonly VerifiedSignature[];
  jws: readonly JwsSignature[];
}

/** An agreement of an exchange file, planned. */
interface PlannedAgreement extends PlannedChange {
  incoming: IncomingAgreement;
  plan: IncomingPlan;
}

function incomingAgreement(content: AgreementContent, { file }: ImportContext): IncomingAgreement {
  return { content, payload: file.verified.payload, rawPayload: file.rawPayload, signatures: file.verified.signatures, jws: file.jws };
}

type IncomingPlan =
  | { action: 'add'; reason: 'agreement-new'; ownSide: AgreementSide }
  | { action: 'add-revision'; reason: 'agreement-countersigned'; ownSide: AgreementSide }
  | { action: 'add-revision'; reason: 'agreement-new-text'; ownSide: AgreementSide; changedParts: string[] }
  | { action: 'skip'; reason: 'same' }
  | {
      action: 'refuse';
      reason: 'agreement-not-a-party' | 'agreement-older' | 'agreement-amended' | 'agreement-local-edits' | 'agreement-unsigned-by-partner';
    };

/** The side whose exchange id signed, where the content names it. */
function sideOfSignature(content: AgreementContent, exchangeId: string): AgreementSide | undefined {
  if (content.parties.A.exchangeId === exchangeId) return 'A';
  if (content.parties.B.exchangeId === exchangeId) return 'B';
  // One party's exchange id was not known to the drafter: the signature that is not the other's.
  const unknown = (['A', 'B'] as const).filter((side) => content.parties[side].exchangeId === null);
  return unknown.length === 1 ? unknown[0] : undefined;
}

function agreementOf(payload: ExchangePayload): AgreementContent | undefined {
  for (const item of payload.items) if (item.type === 'agreement') return item.agreement;
  return undefined;
}

/** The latest of some ISO timestamps (they sort as text), if any. */
function latestIssuedAt(values: ReadonlyArray<string | undefined>): string | undefined {
  return values.reduce<string | undefined>((latest, value) => (value !== undefined && (latest === undefined || value > latest) ? value : latest), undefined);
}

function issuedAtOf(signedPayload: unknown): string | undefined {
  if (signedPayload && typeof signedPayload === 'object' && 'issuedAt' in signedPayload) {
    const value = (signedPayload as { issuedAt: unknown }).issuedAt;
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/** What differs between two texts of an agreement: clause headings, and the other parts by name. */
export function changedParts(before: AgreementContent, after: AgreementContent): string[] {
  const parts: string[] = [];
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  if (before.title !== after.title) parts.push('title');
  if (!same(before.parties, after.parties)) parts.push('parties');
  if (!same(before.scope, after.scope)) parts.push('scope');
  if (!same(before.conditions, after.conditions)) parts.push('conditions');
  const old = new Map(before.clauses.map((clause) => [clause.id, clause]));
  for (const clause of after.clauses) {
    const was = old.get(clause.id);
    if (!was || was.text !== clause.text || was.heading !== clause.heading) parts.push(`clause:${clause.heading}`);
    old.delete(clause.id);
  }
  for (const removed of old.values()) parts.push(`clause:${removed.heading}`);
  return parts;
}

function keyTrust(signature: VerifiedSignature): AgreementView['signatures'][number]['key'] {
  switch (signature.trust.status) {
    case 'own':
      return 'own';
    case 'known':
      return signature.trust.keyStatus === 'confirmed' ? 'confirmed' : 'unconfirmed';
    case 'rotated':
      return 'unconfirmed';
    default:
      return 'unknown';
  }
}

function describeSigner(signer: Signer): string {
  return [signer.name, signer.role, signer.institution].filter(Boolean).join(', ');
}

function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

function compact(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}
