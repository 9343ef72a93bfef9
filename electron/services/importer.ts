/**
 * The import pipeline's one interface. An exchange file is read and verified (exchange.ts), then
 * each item is planned by the importer of the service that owns its kind: institutions
 * (institutions.ts), frameworks (frameworks.ts), assessments (assessments.ts), agreements
 * (agreements.ts), partnerships (partnerships.ts). The plans make the preview; accepting applies
 * them all in one store transaction, whose undo is the store's (store/transaction.ts): an importer
 * just writes.
 */
import type { Assessment, InstitutionRef } from '../../shared/assessment/schema';
import type { ItemPlan } from '../../shared/exchange/app';
import type { ExchangeItemOf, ExchangeItemType, ExchangePayload, JwsSignature } from '../../shared/exchange/schema';
import { frameworkFingerprint } from '../../shared/framework/fingerprint';
import type { Framework } from '../../shared/framework/schema';
import type { InstitutionProfile } from '../../shared/institution/schema';
import type { VerifiedExchange } from '../exchange/read';

/** A verified file with what agreements keep of it: the payload as written and the signatures. */
export interface SignedFile {
  verified: VerifiedExchange;
  rawPayload: Record<string, unknown>;
  jws: JwsSignature[];
}

/** An institution a file names, and the one it is (or will be) here. */
export interface InstitutionTarget {
  action: 'known' | 'matched' | 'new';
  institutionId: string | undefined;
  legalName: string;
  own: boolean;
  exchangeId?: string | undefined;
  profile?: InstitutionProfile;
}

/** What every importer may read while it plans: the file, and how its institutions map to ours. */
export interface ImportContext {
  file: SignedFile;
  payload: ExchangePayload;
  /** Each institution the file names, by the issuer's own id for it, mapped to one held here. */
  institutions: ReadonlyMap<string, InstitutionTarget>;
  /** The issuer's own id for itself, from the institution item that carries its exchange id. */
  issuerId: string | undefined;
  /** The framework snapshots the file carries, by fingerprint. */
  frameworksInFile: ReadonlyMap<string, Framework>;
}

/** What applying adds to the context, shared by the importers in the order they apply. */
export interface ApplyContext extends ImportContext {
  /** When the import is applied, as stored in what it writes. */
  at: string;
  /** Institution ids of the file mapped to the ids here, filled as institutions are applied. */
  localIds: Map<string, string>;
  /** Assessments stored by this import, in order. */
  importedAssessments: string[];
}

/** What an importer plans for one item: the line of the preview, and what applying needs. */
export interface PlannedChange {
  preview: ItemPlan;
}

/** The importer of one kind of item, owned by the service that stores that kind. */
export interface ItemImporter<T extends ExchangeItemType, P extends PlannedChange = PlannedChange> {
  readonly type: T;
  /** What accepting the item would do, without changing anything. */
  plan(item: ExchangeItemOf<T>, context: ImportContext): Promise<P>;
  /**
   * Writes what was planned, within the import's store transaction; returns how many things it
   * added or changed. An item that changes nothing here (informational, or refused) has none.
   */
  apply?(item: ExchangeItemOf<T>, plan: P, context: ApplyContext): Promise<number>;
  /** After every item of the file is applied, still within the transaction. */
  finish?(context: ApplyContext): Promise<void>;
}

/** Whether a plan adds something: a new item or a newer revision of one held. */
export function adds(plan: ItemPlan): boolean {
  return plan.action === 'add' || plan.action === 'add-revision';
}

/** The framework snapshots a file carries, by fingerprint. */
export function frameworksIn(payload: ExchangePayload): Map<string, Framework> {
  return new Map(payload.items.flatMap((item) => (item.type === 'framework' ? [[frameworkFingerprint(item.framework), item.framework] as const] : [])));
}

/** The issuer's own id for itself, from the institution item that carries its exchange id. */
export function issuerLocalId(payload: ExchangePayload): string | undefined {
  for (const item of payload.items) {
    if (item.type === 'institution' && item.exchangeId === payload.issuer.exchangeId) return item.institutionId;
  }
  return undefined;
}

/** The assessment with the institutions it names mapped to ours where they are known. */
export function withLocalInstitutions(assessment: Assessment, localIds: ReadonlyMap<string, string>): Assessment {
  const mapRef = (ref: InstitutionRef): InstitutionRef => ({ ...ref, institutionId: localIds.get(ref.institutionId) ?? ref.institutionId });
  return { ...assessment, subject: mapRef(assessment.subject), assessor: mapRef(assessment.assessor) };
}

/** The local ids of the institutions a mapping already holds. */
export function knownLocalIds(institutions: ReadonlyMap<string, InstitutionTarget>): Map<string, string> {
  const localIds = new Map<string, string>();
  for (const [fileId, target] of institutions) if (target.institutionId) localIds.set(fileId, target.institutionId);
  return localIds;
}
