/**
 * Institutions: the own institution (exactly one, created at first run) and partner institutions.
 */
import { institutionListItemSchema } from '../../shared/store/summaries';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { institutionProfileSchema, type Institution, type InstitutionProfile } from '../../shared/institution/schema';
import type { InstitutionListItem } from '../../shared/ipc/contract';
import type { DocumentKind, Store } from '../store/store';

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
export type InstitutionDocument = z.infer<typeof institutionDocumentSchema>;

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
