/**
 * Builders for exchange tests: frameworks, assessments, parties with their own data folder and
 * key, and the fixed example file published in docs/examples. Fictional institutions only.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, type KeyObject } from 'node:crypto';
import type { Answer } from '../../shared/assessment/answer';
import type { Assessment } from '../../shared/assessment/schema';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { keyFingerprint } from '../../shared/exchange/fingerprint';
import {
  exchangePayloadSchema,
  type Ed25519PublicJwk,
  type ExchangeIssuer,
  type ExchangePayload,
  type JwsSignature,
  type Signer,
} from '../../shared/exchange/schema';
import { frameworkRef } from '../../shared/framework/fingerprint';
import type { Framework } from '../../shared/framework/schema';
import type { InstitutionProfile } from '../../shared/institution/schema';
import { generateSigningKey, privateKeyFromSeed, publicJwkOf, signDetached } from '../../electron/keys/ed25519';
import { KeyRing } from '../../electron/keys/key-ring';
import { PartnerKeys } from '../../electron/keys/partner-keys';
import type { SecretProtector } from '../../electron/keys/secret-protector';
import { sampleProfile } from './factories';
import { tempFolder } from './temp';

/** A small framework: one dimension, `count` criteria QA-01 … (valid against frameworkSchema). */
export function sampleFramework(count = 3, overrides: Partial<Framework> = {}): Framework {
  const criteria = Array.from({ length: count }, (_, i) => {
    const id = `QA-${String(i + 1).padStart(2, '0')}`;
    return {
      id,
      title: `Criterion ${id}`,
      guidance: `What good looks like for ${id}.`,
      levels: ['Not in place', 'Initial', 'Developing', 'Established', 'Exemplary'] as [string, string, string, string, string],
      evidenceExamples: ['A published policy'],
      weight: 1,
      critical: i === 0,
      sources: [{ instrument: 'esg-2015' as const, locator: 'Standard 1.1' }],
    };
  });
  return {
    format: 'trustbridge-framework',
    formatVersion: 1,
    id: 'example-guide',
    version: '1.0',
    language: 'en',
    title: 'Example guide',
    summary: 'A framework made for examples and tests.',
    publisher: 'TrustBridge examples',
    validityMonths: 36,
    scale: [
      { value: 0, label: 'Not in place', meaning: 'Nothing exists.' },
      { value: 1, label: 'Initial', meaning: 'Ad hoc.' },
      { value: 2, label: 'Developing', meaning: 'Partly in place.' },
      { value: 3, label: 'Established', meaning: 'In place and used.' },
      { value: 4, label: 'Exemplary', meaning: 'In place, reviewed, improved.' },
    ],
    thresholds: { ready: 75, conditional: 50, blockerBelowLevel: 2, conditionalMinCriticalLevel: 1, largeGapLevels: 2 },
    dimensions: [{ id: 'QA', title: 'Quality assurance', summary: 'How quality is assured.', weight: 1, criteria }],
    retired: [],
    ...overrides,
  };
}

export function answer(overrides: Partial<Answer> = {}): Answer {
  return {
    level: 3,
    notApplicable: false,
    naReason: '',
    justification: 'Policy adopted by the senate and reviewed yearly.',
    evidence: [],
    requestedEvidence: '',
    carriedOver: false,
    ...overrides,
  };
}

/** A complete self-assessment of `subject` made with `framework`. */
export function sampleAssessment(
  overrides: Partial<Assessment> = {},
  options: { framework?: Framework; subject?: { institutionId: string; legalName: string; country: string } } = {},
): Assessment {
  const framework = options.framework ?? sampleFramework();
  const subject = options.subject ?? { institutionId: 'inst-a', legalName: 'Universidad de Ejemplo', country: 'ES' };
  return {
    schemaVersion: 1,
    id: 'assessment-1',
    kind: 'self',
    title: 'Self-assessment 2026',
    subject,
    assessor: subject,
    framework: { ...frameworkRef(framework), language: framework.language },
    status: 'complete',
    completed: { by: 'Jordi Puig', role: 'Quality officer', at: '2026-10-01T09:00:00.000Z' },
    seriesId: 'series-1',
    revision: 1,
    origin: { type: 'local' },
    answers: { 'QA-01': answer(), 'QA-02': answer({ level: 2, justification: 'Partly in place.' }) },
    history: [],
    createdAt: '2026-09-01T09:00:00.000Z',
    createdBy: 'Jordi Puig',
    updatedAt: '2026-10-01T09:00:00.000Z',
    ...overrides,
  };
}

/** The partner in two-party tests: a fictional German university of applied sciences. */
export function partnerProfile(): InstitutionProfile {
  return sampleProfile({
    legalName: 'Hochschule Musterstadt',
    country: 'DE',
    city: 'Musterstadt',
    erasmusCode: 'D  MUSTERS01',
    oid: 'E10088888',
    pic: '888777666',
    schacCode: 'hs-musterstadt.de',
    website: 'https://www.hs-musterstadt.de',
    legalRepresentative: { name: 'Prof. Dr. Anna Schmidt', role: 'Präsidentin', email: 'praesidium@hs-musterstadt.de' },
    qaContact: { name: 'Lukas Weber', role: 'Qualitätsmanagement', email: 'qm@hs-musterstadt.de' },
    qaAgency: { name: 'AQAS', eqarRegistered: 'yes' },
  });
}

/**
 * A stand-in for the system's key storage: AES-GCM under a key that lives only in this object,
 * so sealing is real but costs nothing (the passphrase protector's scrypt is tested on its own).
 */
export function testKeychain(): SecretProtector {
  const key = randomBytes(32);
  return {
    method: 'os-keychain',
    protect: async (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
    },
    unprotect: async (sealed) => {
      const bytes = Buffer.from(sealed);
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return { plain: new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()])), reseal: false };
    },
  };
}

export interface Party {
  dataDir: string;
  keyRing: KeyRing;
  partnerKeys: PartnerKeys;
  protector: SecretProtector;
  profile: InstitutionProfile;
  issuer: ExchangeIssuer;
  signer: Signer;
  /** Reopens the key ring and registry from disk, as a restarted app would. */
  reopen(): Promise<{ keyRing: KeyRing; partnerKeys: PartnerKeys }>;
  remove(): Promise<void>;
}

/** An institution with its own temp data folder and a fresh key. */
export async function makeParty(profile: InstitutionProfile, signerName: string, now: () => Date = () => new Date('2026-11-23T10:00:00Z')): Promise<Party> {
  const folder = await tempFolder('trustbridge-party-');
  const protector = testKeychain();
  const keyRing = await KeyRing.open({ dataDir: folder.path, now });
  await keyRing.ensureKey(protector);
  const partnerKeys = await PartnerKeys.open({ dataDir: folder.path, now });
  return {
    dataDir: folder.path,
    keyRing,
    partnerKeys,
    protector,
    profile,
    issuer: { exchangeId: keyRing.exchangeId(), profile },
    signer: { name: signerName, role: profile.legalRepresentative.role, institution: profile.legalName },
    reopen: async () => ({
      keyRing: await KeyRing.open({ dataDir: folder.path, now }),
      partnerKeys: await PartnerKeys.open({ dataDir: folder.path, now }),
    }),
    remove: folder.remove,
  };
}

/**
 * A signature made outside any key ring, with a key of the caller's choosing (a fresh one by
 * default) and whatever header claims the test needs: for forged, impersonated or changed keys.
 */
export async function forgeSignature(
  payload: unknown,
  claims: { exchangeId: string; signer: Signer; key?: KeyObject; rotations?: string[]; extraHeader?: Record<string, unknown> },
): Promise<{ signature: JwsSignature; jwk: Ed25519PublicJwk; key: KeyObject }> {
  const key = claims.key ?? generateSigningKey();
  const jwk = publicJwkOf(key);
  const header = {
    alg: 'EdDSA' as const,
    kid: keyFingerprint(jwk),
    jwk,
    'tb.iss': claims.exchangeId,
    'tb.signer': claims.signer,
    iat: Date.parse('2026-11-23T10:00:00Z') / 1000,
    ...(claims.rotations ? { 'tb.rot': claims.rotations } : {}),
    ...claims.extraHeader,
  };
  return { signature: await signDetached(canonicalJson(payload), header, key), jwk, key };
}

/** An exchange file's bytes, laid out as TrustBridge writes them. */
export function serialiseExchange(payload: unknown, signatures: readonly JwsSignature[]): Uint8Array {
  return new Uint8Array(Buffer.from(JSON.stringify({ format: 'trustbridge-exchange', formatVersion: 1, payload, signatures }, null, 2) + '\n', 'utf8'));
}

// ---------------------------------------------------------------- the published example

/**
 * The key of the example file is derived from a public phrase, so the example is the same every
 * time it is generated (Ed25519 signatures are deterministic) and anyone can reproduce it. It is
 * public knowledge: never trust it for anything.
 */
export const exampleSeed = createHash('sha256').update('TrustBridge example key - public, never trust it').digest();
export const exampleExchangeId = 'tb-00000000-0000-4000-8000-00000000e1a0';

export function examplePayload(): ExchangePayload {
  const framework = sampleFramework(3);
  const issuer = sampleProfile();
  const assessment = sampleAssessment(
    {
      id: 'as-2026-self',
      seriesId: 'series-2026-self',
      title: 'Self-assessment 2026',
      answers: {
        'QA-01': answer({ level: 3, justification: 'Internal QA policy adopted in 2024 and reviewed each year.' }),
        'QA-02': answer({
          level: 2,
          justification: 'Micro-credential design guidelines drafted; not yet applied to all programmes.',
          evidence: [{ kind: 'link', id: 'ev-1', label: 'Draft guidelines', url: 'https://www.uni-ejemplo.es/calidad/microcredenciales', addedAt: '2026-09-15T10:00:00.000Z' }],
        }),
        'QA-03': answer({ level: null, notApplicable: true, naReason: 'No joint programmes are offered yet.', justification: '' }),
      },
    },
    { framework, subject: { institutionId: 'inst-ejemplo', legalName: issuer.legalName, country: issuer.country } },
  );
  return exchangePayloadSchema.parse({
    issuedAt: '2026-11-23T10:00:00.000Z',
    issuer: { exchangeId: exampleExchangeId, profile: issuer },
    items: [
      { type: 'framework', framework },
      { type: 'assessment', assessment },
    ],
  });
}

/** docs/examples/example.trustbridge: a complete, verifiable exchange file. */
export async function exampleExchangeFile(): Promise<string> {
  const payload = examplePayload();
  const privateKey = privateKeyFromSeed(exampleSeed);
  const jwk = publicJwkOf(privateKey);
  const signature = await signDetached(
    canonicalJson(payload),
    {
      alg: 'EdDSA',
      kid: keyFingerprint(jwk),
      jwk,
      'tb.iss': exampleExchangeId,
      'tb.signer': { name: 'Dra. Elena Martín', role: 'Rectora', institution: payload.issuer.profile.legalName },
      iat: Date.parse('2026-11-23T10:00:00Z') / 1000,
    },
    privateKey,
  );
  return JSON.stringify({ format: 'trustbridge-exchange', formatVersion: 1, payload, signatures: [signature] }, null, 2) + '\n';
}
