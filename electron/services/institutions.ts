/**
 * Institutions: the own institution (exactly one, created at first run) and partner institutions.
 */
import { institutionListItemSchema } from '../../shared/store/summaries';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { institutionProfileSchema, type Institution, type InstitutionProfile } from '../../shared/institution/schema';
import type { InstitutionListItem } from '../../shared/ipc/contract';
import type { ExchangePayload } from '../../shared/exchange/schema';
import type { DocumentKind, Store } from '../store/store';
import type { InstitutionTarget, ItemImporter } from './importer';

const institutionDocumentSchema = z.strictObject({
  schemaVersion: z.literal(2),
  id: z.string(),
  kind: z.enum(['own', 'partner']),
  /**
   * The id the institution's own TrustBridge signs its exchange files with (`tb-…`): learned from
   * the first file imported from a partner, so later files are matched to the same institution.
   * Null until then (and for the own institution, whose id lives with its key).
   */
  exchangeId: z.string().max(100).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  profile: institutionProfileSchema,
});
type InstitutionDocument = z.infer<typeof institutionDocumentSchema>;

export const institutionKind: DocumentKind<InstitutionDocument, InstitutionListItem> = {
  collection: 'institutions',
  schemaVersion: 2,
  schema: institutionDocumentSchema,
  migrations: {
    // Version 2 remembers a partner's exchange id; version 1 documents had none yet.
    1: (document) => ({ ...document, exchangeId: null }),
  },
  summarySchema: institutionListItemSchema,
  summarise: (document) => ({
    id: document.id,
    kind: document.kind,
    legalName: document.profile.legalName,
    country: document.profile.country,
    city: document.profile.city,
    erasmusCode: document.profile.erasmusCode,
    exchangeId: document.exchangeId,
    updatedAt: document.updatedAt,
  }),
};

function toInstitution(document: InstitutionDocument): Institution {
  return {
    ...document.profile,
    id: document.id,
    kind: document.kind,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}

export class InstitutionService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  list(): InstitutionListItem[] {
    return this.store
      .entries(institutionKind)
      .map((entry) => entry.summary)
      .sort((a, b) => (a.kind === b.kind ? a.legalName.localeCompare(b.legalName) : a.kind === 'own' ? -1 : 1));
  }

  ownId(): string | undefined {
    return this.store.entries(institutionKind).find((entry) => entry.summary.kind === 'own')?.id;
  }

  async getOwn(): Promise<Institution | null> {
    const id = this.ownId();
    return id ? toInstitution(await this.store.read(institutionKind, id)) : null;
  }

  async get(id: string): Promise<Institution> {
    return toInstitution(await this.store.read(institutionKind, id));
  }

  async saveOwn(profile: InstitutionProfile): Promise<Institution> {
    const id = this.ownId();
    if (id) return this.update(id, profile, 'own');
    return this.create(profile, 'own');
  }

  /** A new partner. */
  createPartner(profile: InstitutionProfile): Promise<Institution> {
    return this.create(profile, 'partner');
  }

  updatePartner(id: string, profile: InstitutionProfile): Promise<Institution> {
    return this.update(id, profile, 'partner');
  }

  async removePartner(id: string): Promise<void> {
    const summary = this.store.summary(institutionKind, id);
    if (!summary) throw new AppError({ code: 'NOT_FOUND', message: 'This partner institution no longer exists.' });
    if (summary.kind === 'own') {
      throw new AppError({ code: 'CONFLICT', message: 'Your own institution cannot be removed; edit its profile instead.' });
    }
    await this.store.remove(institutionKind, id);
  }

  /** Records the exchange id a partner's files are signed under, learned at import. */
  async rememberExchangeId(id: string, exchangeId: string): Promise<void> {
    const summary = this.store.summary(institutionKind, id);
    if (!summary || summary.kind !== 'partner' || summary.exchangeId === exchangeId) return;
    await this.store.update(institutionKind, id, (draft) => ({ ...draft, exchangeId, updatedAt: this.now().toISOString() }), { catalogueNow: true });
  }

  /** The exchange ids learned from partners' files, by institution id. */
  knownExchangeIds(): Map<string, string> {
    const map = new Map<string, string>();
    for (const entry of this.store.entries(institutionKind)) {
      const exchangeId = entry.summary.exchangeId;
      if (exchangeId) map.set(entry.id, exchangeId);
    }
    return map;
  }

  /**
   * Maps each institution an exchange file names (by the issuer's own ids) to one held here: the
   * own institution, a known partner (by exchange id, then Erasmus code or legal name and
   * country), or a partner that accepting will create.
   */
  mapFile(payload: ExchangePayload, ownExchangeId: string | undefined): Map<string, InstitutionTarget> {
    const mapping = new Map<string, InstitutionTarget>();
    for (const item of payload.items) {
      if (item.type !== 'institution') continue;
      mapping.set(item.institutionId, this.match(item.exchangeId, item.profile, ownExchangeId));
    }
    return mapping;
  }

  /** The institution held here that an exchange file's institution is, or what accepting would create. */
  match(exchangeId: string | undefined, profile: InstitutionProfile, ownExchangeId: string | undefined): InstitutionTarget {
    const held = this.list();
    const ownSummary = held.find((item) => item.kind === 'own');
    if (exchangeId && exchangeId === ownExchangeId && ownSummary) return { action: 'known', institutionId: ownSummary.id, legalName: ownSummary.legalName, own: true };
    if (exchangeId) {
      for (const [id, known] of this.knownExchangeIds()) {
        if (known === exchangeId) return { action: 'known', institutionId: id, legalName: held.find((item) => item.id === id)?.legalName ?? '', own: false };
      }
    }
    const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
    const candidates = this.store.entries(institutionKind).map((entry) => entry.summary);
    const match = candidates.find(
      (candidate) =>
        (profile.erasmusCode && candidate.erasmusCode && same(candidate.erasmusCode, profile.erasmusCode)) ||
        (profile.legalName && same(candidate.legalName, profile.legalName) && candidate.country === profile.country),
    );
    if (match) return { action: 'matched', institutionId: match.id, legalName: match.legalName, own: match.kind === 'own', exchangeId };
    return { action: 'new', institutionId: undefined, legalName: profile.legalName, own: false, exchangeId, profile };
  }

  /**
   * The importer of the institutions an exchange file names: a new partner for each one not held
   * here, and the exchange id its files are signed under remembered for each partner.
   */
  readonly importer: ItemImporter<'institution'> = {
    type: 'institution',
    plan: async (item, context) => {
      const target = context.institutions.get(item.institutionId);
      return {
        preview: {
          type: 'institution',
          title: item.profile.legalName,
          action: target?.action === 'new' ? 'add' : 'skip',
          reason: target?.action === 'new' ? 'new-partner' : target?.own ? 'own-institution' : 'known',
        },
      };
    },
    apply: async (item, _plan, context) => {
      const fileId = item.institutionId;
      const target = context.institutions.get(fileId);
      // An institution the file names twice is mapped once.
      if (!target || context.localIds.has(fileId)) return 0;
      let created = 0;
      if (target.action === 'new') {
        const partner = await this.createPartner(target.profile ?? context.payload.issuer.profile);
        created = 1;
        context.localIds.set(fileId, partner.id);
      } else if (target.institutionId) {
        context.localIds.set(fileId, target.institutionId);
      }
      const localId = context.localIds.get(fileId);
      const exchangeId = fileId === context.issuerId ? context.payload.issuer.exchangeId : target.exchangeId;
      if (localId && exchangeId && !target.own) await this.rememberExchangeId(localId, exchangeId);
      return created;
    },
  };

  private async create(profile: InstitutionProfile, kind: Institution['kind']): Promise<Institution> {
    this.assertUniqueName(profile.legalName);
    const at = this.now().toISOString();
    const document: InstitutionDocument = { schemaVersion: 2, id: randomUUID(), kind, exchangeId: null, createdAt: at, updatedAt: at, profile };
    return toInstitution(await this.store.create(institutionKind, document));
  }

  private async update(id: string, profile: InstitutionProfile, expected: Institution['kind']): Promise<Institution> {
    const summary = this.store.summary(institutionKind, id);
    if (!summary || summary.kind !== expected) {
      throw new AppError({ code: 'NOT_FOUND', message: 'This institution no longer exists.' });
    }
    this.assertUniqueName(profile.legalName, id);
    const updated = await this.store.update(
      institutionKind,
      id,
      (draft) => ({ ...draft, profile, updatedAt: this.now().toISOString() }),
      { catalogueNow: true },
    );
    return toInstitution(updated);
  }

  private assertUniqueName(legalName: string, exceptId?: string): void {
    const clash = this.list().find(
      (item) => item.id !== exceptId && item.legalName.trim().toLocaleLowerCase() === legalName.trim().toLocaleLowerCase(),
    );
    if (clash) {
      throw new AppError({
        code: 'VALIDATION',
        message: `An institution named "${legalName}" is already stored.`,
        issues: [{ path: 'legalName', message: 'validation.duplicateName' }],
      });
    }
  }
}
