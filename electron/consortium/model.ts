/**
 * The counted files of a shared folder as the consortium builder's input: institutions by exchange
 * id (or matched by Erasmus code and name), assessments mapped to them, frameworks and decisions.
 */
import type { Assessment, InstitutionRef } from '../../shared/assessment/schema';
import type { ConsortiumInput, ConsortiumInstitution, NotCountedAssessment } from '../../shared/consortium/model';
import { frameworkFingerprint } from '../../shared/framework/fingerprint';
import type { Framework, FrameworkRef, Language } from '../../shared/framework/schema';
import type { InstitutionProfile } from '../../shared/institution/schema';
import type { DecisionOutcome } from '../../shared/partnership/schema';
import type { VerifiedExchange } from '../exchange/read';
import { compareText } from './scan';

/** A file of the shared folder that counts: verified, and trusted by the folder's rules. */
export interface AcceptedExchangeFile {
  fileName: string;
  verified: VerifiedExchange;
  payloadFingerprint: string;
  conflictOf?: string;
  /** Named as a copy of a file in the folder, but with unrelated content: counted on its own. */
  countedSeparately?: true;
}

/** What consortiumFromFolder needs to find frameworks: FrameworkCatalog (built-in guide) fits. */
export interface FrameworkLookup {
  byRef(ref: Pick<FrameworkRef, 'fingerprint'>, language?: Language): Framework | undefined;
}

export interface FolderConsortiumOptions {
  /** Frameworks held here (the built-in guide in every language); the files' snapshots are used otherwise. */
  frameworks?: FrameworkLookup;
  /** Dimension and framework titles in this language where a translation with the same structure exists. */
  language?: Language;
  /** This installation's exchange id: its institution is marked `own`. */
  ownExchangeId?: string;
}

export type FolderConsortium = Omit<ConsortiumInput, 'today'> & {
  /** Assessments in accepted files that do not count, and why. */
  notCounted: NotCountedAssessment[];
};

interface KnownInstitution {
  key: string;
  legalName: string;
  country: string;
  city?: string;
  erasmusCode?: string;
  /** 2: the institution's own profile (as issuer); 1: as another file names it. */
  authority: number;
  issuedAt: string;
}

const normaliseCode = (code: string) => code.replace(/\s+/g, '').toUpperCase();
const normaliseName = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

/** The builder's input from the accepted files (everything but `today`). */
export function consortiumFromFolder(read: { accepted: readonly AcceptedExchangeFile[] }, options: FolderConsortiumOptions = {}): FolderConsortium {
  const files = [...read.accepted].sort((a, b) => compareText(a.fileName, b.fileName));
  const known = new Map<string, KnownInstitution>();
  const remember = (key: string, profile: Pick<InstitutionProfile, 'legalName' | 'country' | 'city' | 'erasmusCode'>, authority: number, issuedAt: string) => {
    const held = known.get(key);
    if (held && (held.authority > authority || (held.authority === authority && held.issuedAt >= issuedAt))) return;
    known.set(key, {
      key,
      legalName: profile.legalName,
      country: profile.country,
      ...(profile.city ? { city: profile.city } : {}),
      ...(profile.erasmusCode ? { erasmusCode: profile.erasmusCode } : {}),
      authority,
      issuedAt,
    });
  };

  // 1. Institutions with an exchange id: the issuers (their own word), then as others name them.
  for (const { verified } of files) {
    const { payload } = verified;
    remember(payload.issuer.exchangeId, payload.issuer.profile, 2, payload.issuedAt);
    for (const item of payload.items) {
      if (item.type === 'institution' && item.exchangeId) remember(item.exchangeId, item.profile, 1, payload.issuedAt);
      if (item.type === 'partnership') {
        for (const party of [item.parties.A, item.parties.B]) if (party.exchangeId) remember(party.exchangeId, party.profile, 1, payload.issuedAt);
      }
    }
  }
  const withExchangeId = [...known.values()];
  const byName = new Map<string, KnownInstitution>();

  /** An institution named without exchange id: a known one by Erasmus code, then name and country; else keyed by name. */
  const match = (profile: { legalName: string; country: string; erasmusCode?: string; city?: string }, issuedAt: string): string => {
    const code = profile.erasmusCode ? normaliseCode(profile.erasmusCode) : '';
    if (code) {
      const found = withExchangeId.find((candidate) => candidate.erasmusCode && normaliseCode(candidate.erasmusCode) === code);
      if (found) return found.key;
    }
    const name = normaliseName(profile.legalName);
    const found = withExchangeId.find((candidate) => candidate.country === profile.country && normaliseName(candidate.legalName) === name);
    if (found) return found.key;
    const nameKey = `${profile.country}:${name}`;
    const held = byName.get(nameKey);
    if (held) return held.key;
    const key = `name:${profile.country}:${profile.legalName.trim().replace(/\s+/g, ' ')}`;
    const entry: KnownInstitution = { key, legalName: profile.legalName, country: profile.country, ...(profile.city ? { city: profile.city } : {}), ...(profile.erasmusCode ? { erasmusCode: profile.erasmusCode } : {}), authority: 0, issuedAt };
    byName.set(nameKey, entry);
    known.set(key, entry);
    return key;
  };

  const fileFrameworks = new Map<string, Framework>();
  for (const { verified } of files) {
    for (const item of verified.payload.items) if (item.type === 'framework') fileFrameworks.set(frameworkFingerprint(item.framework), item.framework);
  }
  const frameworkOf = (ref: Pick<FrameworkRef, 'fingerprint'>): Framework | undefined => options.frameworks?.byRef(ref, options.language) ?? fileFrameworks.get(ref.fingerprint);

  const members = new Set<string>();
  const assessments: Assessment[] = [];
  const decisions: NonNullable<ConsortiumInput['decisions']>[number][] = [];
  const notCounted: NotCountedAssessment[] = [];
  for (const { fileName, verified } of files) {
    const { payload } = verified;
    const issuerKey = payload.issuer.exchangeId;
    members.add(issuerKey);
    const signers = new Set(verified.signatures.map((signature) => signature.exchangeId));
    const local = new Map<string, string>();
    for (const item of payload.items) {
      if (item.type === 'institution') local.set(item.institutionId, item.exchangeId ?? match(item.profile, payload.issuedAt));
    }
    const keyOf = (ref: InstitutionRef): string => {
      const mapped = local.get(ref.institutionId);
      if (mapped) return mapped;
      // A file without institution items (another implementation): the issuer names itself by its profile.
      if (ref.country === payload.issuer.profile.country && normaliseName(ref.legalName) === normaliseName(payload.issuer.profile.legalName)) return issuerKey;
      return match(ref, payload.issuedAt);
    };
    for (const item of payload.items) {
      if (item.type === 'assessment') {
        const { assessment } = item;
        const assessor = keyOf(assessment.assessor);
        const subject = keyOf(assessment.subject);
        const skip = (reason: NotCountedAssessment['reason']) =>
          notCounted.push({ fileName, assessmentId: assessment.id, title: assessment.title, assessor: assessment.assessor.legalName, subject: assessment.subject.legalName, reason });
        if (!signers.has(assessor)) {
          skip('relayed');
          continue;
        }
        if (!frameworkOf(assessment.framework)) {
          skip('unknown-framework');
          continue;
        }
        members.add(assessor).add(subject);
        assessments.push({ ...assessment, assessor: { ...assessment.assessor, institutionId: assessor }, subject: { ...assessment.subject, institutionId: subject } });
      } else if (item.type === 'partnership' && item.partnership.decision) {
        const partyKey = (party: typeof item.parties.A) => party.exchangeId ?? local.get(party.institutionId) ?? match(party.profile, payload.issuedAt);
        const from = partyKey(item.parties.A);
        if (!signers.has(from)) continue;
        decisions.push({ from, to: partyKey(item.parties.B), outcome: item.partnership.decision.outcome as DecisionOutcome, decidedAt: item.partnership.decision.decidedAt });
      }
    }
  }

  const institutions: ConsortiumInstitution[] = [...members].map((key) => {
    const { authority: _authority, issuedAt: _issuedAt, ...institution } = known.get(key)!;
    return { ...institution, ...(options.ownExchangeId && key === options.ownExchangeId ? { own: true } : {}) };
  });
  return {
    institutions,
    assessments,
    frameworkOf: (assessment) => frameworkOf(assessment.framework),
    decisions,
    ...(options.language ? { language: options.language } : {}),
    notCounted,
  };
}

