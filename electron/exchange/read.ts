/**
 * Reading an exchange file someone sent: every byte is treated as hostile until proven otherwise.
 *
 * `verifyExchangeFile` goes from the cheapest check to the most expensive, and stops at the first
 * failure with a message that says what is wrong and what to do:
 *   1. size, before anything is parsed;
 *   2. strict UTF-8, then JSON with limits (depth, lengths, duplicate and unsafe keys);
 *   3. the outer structure (format, version, signature objects);
 *   4. each signature's protected header, and its key against its fingerprint (`kid`);
 *   5. every signature over the RFC 8785 canonical form of the payload — all of them, not just one;
 *   6. the payload against the schema (only now: its content means nothing until it is proven);
 *   7. at least one signature by the issuer named in the payload;
 *   8. key-rotation statements, and each key against this installation's own key and the
 *      partners' keys remembered so far (trust on first use).
 * It writes nothing. Applying the import (and remembering new keys) is the caller's decision.
 *
 * `inspectExchangeFile` parses with the same limits but trusts nothing and refuses little: it shows
 * what a file claims to be, for `trustbridge inspect` and for explaining a refusal.
 */
import type { AppErrorData, ErrorCode, FieldIssue } from '../../shared/errors';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { fingerprintForDisplay, verificationCode } from '../../shared/exchange/fingerprint';
import {
  ed25519PublicJwkSchema,
  exchangeEnvelopeSchema,
  exchangeFormat,
  exchangeFormatVersion,
  exchangeItemSchema,
  exchangeLimits,
  exchangePayloadSchema,
  protectedHeaderSchema,
  type Ed25519PublicJwk,
  type ExchangePayload,
  type JwsSignature,
  type ProtectedHeader,
  type Signer,
} from '../../shared/exchange/schema';
import { countItems, describeItem, missingFrameworks, type ItemSummary } from '../../shared/exchange/summary';
import type { FrameworkRef } from '../../shared/framework/schema';
import { describeIssues, fieldIssues } from '../../shared/ipc/zod-issues';
import { verifySigningInput } from '../keys/ed25519';
import type { KeyRing } from '../keys/key-ring';
import { keyChangedError, type KeySighting, type PartnerKeys, type PartnerKeyStatus } from '../keys/partner-keys';
import { verifyRotationStatements, type KeyRotation } from '../keys/rotation';
import { readStrictJson, type JsonLimits, type JsonProblem } from '../platform/json';
import { keyFingerprint, sha256Hex } from '../platform/sha256';

interface ReadOptions {
  /** Refuse files larger than this many bytes (default 20 MB). */
  maxBytes?: number;
}

export interface VerifyOptions extends ReadOptions {
  /** The partners' keys remembered so far; without it keys are checked for validity only. */
  partnerKeys?: PartnerKeys;
  /** This installation's key ring, to recognise files (or countersignatures) by the own institution. */
  ownKeyRing?: KeyRing;
}

/** What this installation knows about the key behind one signature. */
export type SignatureTrust =
  /** No registry was given (the command line without --data-dir). */
  | { status: 'not-checked' }
  /** The own institution's key, current or retired. */
  | { status: 'own'; key: 'current' | 'retired' }
  /** First file from this institution: nothing to compare with. Remembered when the import is applied. */
  | { status: 'new-issuer' }
  /** A remembered key: `unconfirmed` until the user compares the fingerprint with the partner. */
  | { status: 'known'; keyStatus: PartnerKeyStatus; institutionName: string }
  /** A new key, handed over by a remembered key through rotation statements. */
  | { status: 'rotated'; fromFingerprint: string; institutionName: string; confirmedBefore: boolean };

export interface VerifiedSignature {
  /** 1-based position in the file's `signatures`. */
  position: number;
  signer: Signer;
  /** The signer's institution (`tb.iss`). */
  exchangeId: string;
  /** True when the signer's institution is the file's issuer. */
  byIssuer: boolean;
  jwk: Ed25519PublicJwk;
  fingerprint: string;
  displayFingerprint: string;
  verificationCode: string;
  signedAt: string;
  rotations: KeyRotation[];
  trust: SignatureTrust;
  /** Pass to `PartnerKeys.remember` when the import is applied. */
  sighting: KeySighting;
}

export interface VerifiedExchange {
  payload: ExchangePayload;
  /**
   * SHA-256 (hex) of the canonical payload: the same for every copy and after every
   * countersignature. Two partners holding files with the same payload fingerprint hold the same
   * content — the way Erasmus Without Paper approves an agreement "by its hash".
   */
  payloadFingerprint: string;
  issuer: { exchangeId: string; legalName: string; country: string };
  signatures: VerifiedSignature[];
  items: ItemSummary[];
  counts: Record<string, number>;
  /** Framework versions the assessments refer to but the file does not carry. */
  missingFrameworks: FrameworkRef[];
}

type VerifyResult = { ok: true; verified: VerifiedExchange } | { ok: false; error: AppErrorData };

/** The verified file plus what countersigning needs: the exact payload text already signed. */
export type VerifiedFileDetail =
  | { ok: true; verified: VerifiedExchange; canonicalPayload: string; signatures: JwsSignature[]; rawPayload: Record<string, unknown> }
  | { ok: false; error: AppErrorData };

const jsonLimits: JsonLimits = {
  maxDepth: exchangeLimits.maxDepth,
  maxStringLength: exchangeLimits.maxStringLength,
  maxArrayLength: exchangeLimits.maxArrayLength,
  maxObjectKeys: exchangeLimits.maxObjectKeys,
};
const headerLimits: JsonLimits = { maxDepth: 8, maxStringLength: 4000, maxArrayLength: exchangeLimits.maxRotations, maxObjectKeys: 64 };

export async function verifyExchangeFile(bytes: Uint8Array, options: VerifyOptions = {}): Promise<VerifyResult> {
  const result = await verifyExchangeFileDetail(bytes, options);
  return result.ok ? { ok: true, verified: result.verified } : result;
}

export async function verifyExchangeFileDetail(bytes: Uint8Array, options: VerifyOptions = {}): Promise<VerifiedFileDetail> {
  const read = readEnvelope(bytes, options);
  if (!read.ok) return read;
  const { envelope } = read;

  // 3. The outer structure.
  const shape = exchangeEnvelopeSchema.safeParse(envelope);
  if (!shape.success) {
    const issues = fieldIssues(shape.error);
    return refuse('INVALID_FILE', `The file's structure is wrong (${describeIssues(issues)[0]}). It may be damaged; ask the sender for the file again.`, { issues });
  }
  const { payload: rawPayload, signatures } = shape.data;

  // 4. Headers, and each key against its fingerprint.
  const headers: ProtectedHeader[] = [];
  for (const [index, signature] of signatures.entries()) {
    const header = decodeHeader(signature, index + 1);
    if (!header.ok) return header;
    headers.push(header.header);
  }
  const seen = new Set<string>();
  for (const [index, header] of headers.entries()) {
    if (seen.has(header.kid)) {
      return refuse('INVALID_FILE', `Signature ${index + 1} repeats a signature made with the same key. TrustBridge never writes such files; ask the sender for the file again.`);
    }
    seen.add(header.kid);
  }

  // 5. Every signature over the canonical payload. decodeHeader has read each protected header
  // strictly and refused any other algorithm than EdDSA and any extension (`crit`, `b64`), so what
  // is left is the cryptography, done once per signature over the same encoded payload.
  const canonicalPayload = canonicalJson(rawPayload);
  const canonicalBytes = Buffer.from(canonicalPayload, 'utf8');
  const payloadBase64url = canonicalBytes.toString('base64url');
  for (const [index, signature] of signatures.entries()) {
    const header = headers[index]!;
    if (!verifySigningInput(signature.protected, payloadBase64url, signature.signature, header.jwk)) {
      return refuse(
        'SIGNATURE_INVALID',
        `Signature ${index + 1} (by ${describeSigner(header['tb.signer'])}) does not match the file's content: the file was changed after it was signed, or the signature was damaged. Do not use this file; ask the sender for a fresh copy.`,
        { params: { position: index + 1, fingerprint: header.kid } },
      );
    }
  }

  // 6. The content, now that it is known who vouches for it.
  const parsed = exchangePayloadSchema.safeParse(rawPayload);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error).map((issue) => ({ ...issue, path: issue.path ? `payload.${issue.path}` : 'payload' }));
    const more = issues.length > 1 ? ` and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''}` : '';
    return refuse(
      'INVALID_FILE',
      `The signatures are valid, but the content does not follow the exchange format (${describeIssues(issues)[0]}${more}). The program that wrote it is newer or faulty; ask the sender.`,
      { issues },
    );
  }
  const payload = parsed.data;

  // 7. Signed by its issuer.
  const issuerId = payload.issuer.exchangeId;
  if (!headers.some((header) => header['tb.iss'] === issuerId)) {
    return refuse(
      'SIGNATURE_INVALID',
      `None of the signatures is by the institution that issued the file (${payload.issuer.profile.legalName}). A file must be signed by its issuer; ask the sender for a correctly signed file.`,
      { params: { exchangeId: issuerId } },
    );
  }

  // 8. Rotations and trust.
  const verifiedSignatures: VerifiedSignature[] = [];
  for (const [index, header] of headers.entries()) {
    const rotations = await verifyRotationStatements(header['tb.rot'] ?? []);
    if (!rotations.ok) {
      return refuse(
        'SIGNATURE_INVALID',
        `Signature ${index + 1} carries a key-rotation statement that is not valid (${rotations.reason}). Do not use this file; ask the sender for a fresh copy.`,
      );
    }
    const institutionName = header['tb.iss'] === issuerId ? payload.issuer.profile.legalName : header['tb.signer'].institution;
    const sighting: KeySighting = { exchangeId: header['tb.iss'], institutionName, jwk: header.jwk, rotations: rotations.rotations };
    const trust = assessTrust(sighting, options);
    if (!trust.ok) return trust;
    verifiedSignatures.push({
      position: index + 1,
      signer: header['tb.signer'],
      exchangeId: header['tb.iss'],
      byIssuer: header['tb.iss'] === issuerId,
      jwk: header.jwk,
      fingerprint: header.kid,
      displayFingerprint: fingerprintForDisplay(header.kid),
      verificationCode: verificationCode(header.kid),
      signedAt: new Date(header.iat * 1000).toISOString(),
      rotations: rotations.rotations,
      trust: trust.trust,
      sighting,
    });
  }

  return {
    ok: true,
    verified: {
      payload,
      payloadFingerprint: sha256Hex(canonicalBytes),
      issuer: { exchangeId: issuerId, legalName: payload.issuer.profile.legalName, country: payload.issuer.profile.country },
      signatures: verifiedSignatures,
      items: payload.items.map(describeItem),
      counts: countItems(payload.items),
      missingFrameworks: missingFrameworks(payload),
    },
    canonicalPayload,
    signatures,
    rawPayload,
  };
}

function assessTrust(sighting: KeySighting, options: VerifyOptions): { ok: true; trust: SignatureTrust } | { ok: false; error: AppErrorData } {
  const fingerprint = keyFingerprint(sighting.jwk);
  const own = options.ownKeyRing;
  if (own?.hasKey() && own.exchangeId() === sighting.exchangeId) {
    const status = own.ownKeyStatus(fingerprint);
    if (status) return { ok: true, trust: { status: 'own', key: status } };
    return refuse(
      'KEY_CHANGED',
      `This file carries a signature in your own institution's name, made with a key that is not yours (${fingerprintForDisplay(fingerprint)}). Someone may be writing in your institution's name; do not use the file.`,
      { params: { exchangeId: sighting.exchangeId, fingerprint } },
    );
  }
  if (!options.partnerKeys) return { ok: true, trust: { status: 'not-checked' } };
  const assessment = options.partnerKeys.assess(sighting, sighting.jwk, sighting.rotations ?? []);
  switch (assessment.verdict) {
    case 'new-issuer':
      return { ok: true, trust: { status: 'new-issuer' } };
    case 'known':
      return { ok: true, trust: { status: 'known', keyStatus: assessment.key.status, institutionName: assessment.institutionName } };
    case 'rotated':
      return {
        ok: true,
        trust: {
          status: 'rotated',
          fromFingerprint: assessment.from.fingerprint,
          institutionName: assessment.institutionName,
          confirmedBefore: assessment.from.status === 'confirmed',
        },
      };
    case 'changed':
      return { ok: false, error: keyChangedError(sighting, assessment.knownKeys).toData() };
  }
}

function decodeHeader(signature: JwsSignature, position: number): { ok: true; header: ProtectedHeader } | { ok: false; error: AppErrorData } {
  const unreadable = (why: string) =>
    refuse('SIGNATURE_INVALID', `Signature ${position} cannot be read: ${why}. Ask the sender for a fresh copy of the file.`, { params: { position } });
  const json = readStrictJson(Buffer.from(signature.protected, 'base64url'), headerLimits);
  if (!json.ok) return unreadable(`its header is not valid JSON (${json.problem.detail})`);
  const value = json.value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // RFC 7515 4.1.11: a reader must understand every extension listed in `crit`; TrustBridge 1 has none.
    if ('crit' in value) {
      return refuse(
        'NEWER_VERSION',
        `Signature ${position} relies on extensions this version of TrustBridge does not understand. Update TrustBridge and open the file again.`,
        { params: { position } },
      );
    }
    if ('b64' in value) return unreadable('its header changes how the content is encoded ("b64"), which exchange files never do');
  }
  const header = protectedHeaderSchema.safeParse(value);
  if (!header.success) return unreadable(`its header is not that of an exchange file (${describeIssues(fieldIssues(header.error))[0]})`);
  if (keyFingerprint(header.data.jwk) !== header.data.kid) return unreadable('the key fingerprint in its header does not belong to its key');
  return { ok: true, header: header.data };
}

function readEnvelope(bytes: Uint8Array, options: ReadOptions): { ok: true; envelope: Record<string, unknown> } | { ok: false; error: AppErrorData } {
  const maxBytes = options.maxBytes ?? exchangeLimits.maxBytes;
  // 1. Size, before a single byte is parsed.
  if (bytes.byteLength > maxBytes) return tooLarge(bytes.byteLength, maxBytes);
  // 2. Encoding and JSON.
  const json = readStrictJson(bytes, jsonLimits);
  if (!json.ok) return { ok: false, error: jsonRefusal(json.problem) };
  const envelope = json.value;
  if (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope) || !('format' in envelope)) {
    return refuse('INVALID_FILE', 'This is not a TrustBridge exchange file: it is JSON, but not the kind TrustBridge writes.', { params: { reason: 'not-exchange-file' } });
  }
  const record = envelope as Record<string, unknown>;
  if (record['format'] !== exchangeFormat) {
    const format = record['format'];
    const named = typeof format === 'string' ? `"${format.slice(0, 60)}"` : `not a name but ${format === null ? 'null' : Array.isArray(format) ? 'a list' : typeof format === 'object' ? 'an object' : `the ${typeof format} ${String(format).slice(0, 20)}`}`;
    return refuse('INVALID_FILE', `This is not a TrustBridge exchange file: its format is ${named}, not "${exchangeFormat}".`, { params: { reason: 'not-exchange-file' } });
  }
  const version = record['formatVersion'];
  if (typeof version === 'number' && Number.isInteger(version) && version > exchangeFormatVersion) {
    return refuse(
      'NEWER_VERSION',
      `This file uses version ${version} of the exchange format, and this TrustBridge reads version ${exchangeFormatVersion}. Update TrustBridge and open the file again.`,
      { params: { formatVersion: version } },
    );
  }
  return { ok: true, envelope: record };
}

export function tooLarge(size: number, maxBytes: number): { ok: false; error: AppErrorData } {
  // Just over the limit, megabytes round to the same figure; then the exact sizes say it better.
  let [actual, limit] = [megabytes(size), megabytes(maxBytes)];
  if (actual === limit) [actual, limit] = [`${size.toLocaleString('en-GB')} bytes`, `${maxBytes.toLocaleString('en-GB')} bytes`];
  return refuse(
    'FILE_TOO_LARGE',
    `The file is ${actual} and TrustBridge reads exchange files up to ${limit}. It is not an exchange file, or it holds far more than one should; ask the sender to split it.`,
    { params: { size, maxBytes } },
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

function jsonRefusal(problem: JsonProblem): AppErrorData {
  const where = `line ${problem.line}, column ${problem.column}`;
  const params = { line: problem.line, column: problem.column, reason: problem.kind };
  switch (problem.kind) {
    case 'encoding':
      return {
        code: 'INVALID_FILE',
        message: `The file is not UTF-8 text (the first wrong byte is at ${where}), so it was damaged on the way or is not a TrustBridge file. Ask the sender for the file again.`,
        params,
      };
    case 'empty':
      return { code: 'INVALID_FILE', message: 'The file is empty. Ask the sender for the file again.', params };
    case 'syntax':
    case 'number':
      return {
        code: 'INVALID_FILE',
        message: `The file is not valid JSON: ${problem.detail} at ${where}. It may be damaged or cut off; ask the sender for the file again.`,
        params,
      };
    case 'depth':
    case 'unsafe-key':
    case 'duplicate-key':
    case 'string-too-long':
    case 'array-too-long':
    case 'too-many-keys':
      return {
        code: 'INVALID_FILE',
        message: `The file was refused because ${problem.detail} (${where}). TrustBridge never writes such files; do not use it, and tell the sender.`,
        params,
      };
  }
}

function refuse(code: ErrorCode, message: string, extra: { params?: Record<string, string | number>; issues?: FieldIssue[] } = {}) {
  return { ok: false as const, error: { code, message, ...extra } satisfies AppErrorData };
}

function describeSigner(signer: Signer): string {
  return [signer.name, signer.role, signer.institution].filter(Boolean).join(', ');
}

// ---------------------------------------------------------------- inspection

/** A signature as the file claims it, nothing checked but whether the claims hang together. */
interface InspectedSignature {
  position: number;
  signer?: { name?: string; role?: string; institution?: string };
  exchangeId?: string;
  algorithm?: string;
  /** Computed from the key in the header, when there is a readable key. */
  fingerprint?: string;
  displayFingerprint?: string;
  /** False when the header's `kid` is not the fingerprint of its key. */
  fingerprintMatchesKid?: boolean;
  signedAt?: string;
  rotationStatements: number;
  /** Why the header could not be read in full, if it could not. */
  problem?: string;
}

interface ExchangeInspection {
  format?: string;
  formatVersion?: number;
  issuedAt?: string;
  issuer: { exchangeId?: string; legalName?: string; country?: string };
  items: ItemSummary[];
  counts: Record<string, number>;
  /** Where the payload does not follow the schema (first 20 problems). */
  payloadIssues: FieldIssue[];
  signatures: InspectedSignature[];
  /** SHA-256 of the canonical payload, when there is a payload object. */
  payloadFingerprint?: string;
}

type InspectResult = { ok: true; inspection: ExchangeInspection } | { ok: false; error: AppErrorData };

/** What a file claims to hold, without trusting any of it. Refuses only what cannot be parsed. */
export function inspectExchangeFile(bytes: Uint8Array, options: ReadOptions = {}): InspectResult {
  const maxBytes = options.maxBytes ?? exchangeLimits.maxBytes;
  if (bytes.byteLength > maxBytes) return tooLarge(bytes.byteLength, maxBytes);
  const json = readStrictJson(bytes, jsonLimits);
  if (!json.ok) return { ok: false, error: jsonRefusal(json.problem) };
  const file = json.value;
  if (!isRecord(file)) {
    return refuse('INVALID_FILE', 'This is not a TrustBridge exchange file: it is JSON, but not an object.', { params: { reason: 'not-exchange-file' } });
  }
  const payload = isRecord(file['payload']) ? file['payload'] : undefined;
  const issuer = payload && isRecord(payload['issuer']) ? payload['issuer'] : {};
  const profile = isRecord(issuer['profile']) ? issuer['profile'] : {};
  const rawItems = payload && Array.isArray(payload['items']) ? (payload['items'] as unknown[]) : [];
  const items = rawItems.map((item, index): ItemSummary => {
    const parsed = exchangeItemSchema.safeParse(item);
    if (parsed.success) return describeItem(parsed.data);
    const type = isRecord(item) && typeof item['type'] === 'string' ? item['type'].slice(0, 40) : 'unknown';
    return { type, label: `Item ${index + 1} (${type}) does not follow the exchange format: ${describeIssues(fieldIssues(parsed.error))[0]}` };
  });
  const payloadCheck = payload ? exchangePayloadSchema.safeParse(payload) : undefined;
  const payloadIssues = !payload
    ? [{ path: 'payload', message: 'missing, or not an object' }]
    : payloadCheck && !payloadCheck.success
      ? fieldIssues(payloadCheck.error)
          .slice(0, 20)
          .map((issue) => ({ ...issue, path: issue.path ? `payload.${issue.path}` : 'payload' }))
      : [];
  const rawSignatures = Array.isArray(file['signatures']) ? (file['signatures'] as unknown[]) : [];
  return {
    ok: true,
    inspection: {
      ...(typeof file['format'] === 'string' ? { format: file['format'].slice(0, 100) } : {}),
      ...(typeof file['formatVersion'] === 'number' ? { formatVersion: file['formatVersion'] } : {}),
      ...(payload && typeof payload['issuedAt'] === 'string' ? { issuedAt: payload['issuedAt'].slice(0, 40) } : {}),
      issuer: {
        ...(typeof issuer['exchangeId'] === 'string' ? { exchangeId: issuer['exchangeId'].slice(0, 130) } : {}),
        ...(typeof profile['legalName'] === 'string' ? { legalName: profile['legalName'].slice(0, 300) } : {}),
        ...(typeof profile['country'] === 'string' ? { country: profile['country'].slice(0, 2) } : {}),
      },
      items,
      counts: countItems(items),
      payloadIssues,
      signatures: rawSignatures.slice(0, exchangeLimits.maxSignatures).map((signature, index) => inspectSignature(signature, index + 1)),
      ...(payload ? { payloadFingerprint: sha256Hex(canonicalJson(payload)) } : {}),
    },
  };
}

function inspectSignature(signature: unknown, position: number): InspectedSignature {
  const base: InspectedSignature = { position, rotationStatements: 0 };
  if (!isRecord(signature) || typeof signature['protected'] !== 'string') return { ...base, problem: 'no protected header' };
  const json = readStrictJson(Buffer.from(signature['protected'], 'base64url'), headerLimits);
  if (!json.ok || !isRecord(json.value)) return { ...base, problem: 'the protected header is not a JSON object' };
  const header = json.value;
  const text = (value: unknown, max = 300) => (typeof value === 'string' ? value.slice(0, max) : undefined);
  const signer = isRecord(header['tb.signer']) ? header['tb.signer'] : {};
  const claimed: InspectedSignature = {
    ...base,
    signer: {
      ...(text(signer['name']) !== undefined ? { name: text(signer['name'])! } : {}),
      ...(text(signer['role']) !== undefined ? { role: text(signer['role'])! } : {}),
      ...(text(signer['institution']) !== undefined ? { institution: text(signer['institution'])! } : {}),
    },
    ...(text(header['tb.iss'], 130) !== undefined ? { exchangeId: text(header['tb.iss'], 130)! } : {}),
    ...(text(header['alg'], 20) !== undefined ? { algorithm: text(header['alg'], 20)! } : {}),
    ...(typeof header['iat'] === 'number' && Number.isFinite(header['iat']) && Math.abs(header['iat']) < 253402300799
      ? { signedAt: new Date(Math.trunc(header['iat']) * 1000).toISOString() }
      : {}),
    rotationStatements: Array.isArray(header['tb.rot']) ? header['tb.rot'].length : 0,
  };
  const jwk = ed25519PublicJwkSchema.safeParse(header['jwk']);
  const fingerprint = jwk.success ? keyFingerprint(jwk.data) : undefined;
  const parsed = protectedHeaderSchema.safeParse(header);
  return {
    ...claimed,
    ...(fingerprint
      ? { fingerprint, displayFingerprint: fingerprintForDisplay(fingerprint), fingerprintMatchesKid: fingerprint === header['kid'] }
      : {}),
    ...(parsed.success ? {} : { problem: `the header is incomplete (${describeIssues(fieldIssues(parsed.error))[0]})` }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
