/**
 * The TrustBridge exchange file (`.trustbridge`): what consortium members send each other.
 *
 *   { "format": "trustbridge-exchange", "formatVersion": 1, "payload": {…}, "signatures": [{…}, …] }
 *
 * `payload` is what the issuer vouches for; `signatures` are JWS signatures (RFC 7515, JSON General
 * Serialization) with a detached payload (RFC 7515 Appendix F): each one signs the RFC 8785
 * canonical form of `payload`, so key order and whitespace in the file do not matter and anyone can
 * recompute the signed bytes. docs/exchange-format.md describes the format for implementers; the
 * JSON Schema in docs/schemas/exchange.schema.json is generated from this file.
 *
 * Adding an item type takes three steps: a schema below, an entry in
 * `exchangeItemSchemas`, and a line in `itemDescriptions` (shared/exchange/summary.ts), which the
 * compiler asks for.
 */
import { z } from 'zod';
import { agreementContentSchema } from '../agreement/content';
import { assessmentSchema } from '../assessment/schema';
import { frameworkSchema } from '../framework/schema';
import { institutionProfileSchema } from '../institution/schema';
import { partnershipSchema } from '../partnership/schema';
import { contributionItemSchema, contributionRequestItemSchema } from '../team/exchange-items';

export const exchangeFormat = 'trustbridge-exchange';
export const exchangeFormatVersion = 1;
export const exchangeFileExtension = '.trustbridge';

/**
 * What TrustBridge accepts from a file it did not write, before and while parsing. The schemas
 * below bound each field more tightly; these bound the work done before the schemas run.
 */
export const exchangeLimits = {
  /** Bytes. A consortium's file with a framework and a few dozen assessments is far smaller. */
  maxBytes: 20 * 1024 * 1024,
  /** Nesting of arrays and objects. The deepest legitimate path is about ten levels. */
  maxDepth: 64,
  /** Characters of one string as written in the file, escapes included (a justification allows 20,000). */
  maxStringLength: 100_000,
  /** Elements in one array (an assessment's change history allows 100,000). */
  maxArrayLength: 100_000,
  /** Members of one object. */
  maxObjectKeys: 10_000,
  maxItems: 500,
  maxSignatures: 16,
  /** Key-rotation statements carried by one signature. */
  maxRotations: 16,
} as const;

/**
 * The issuing installation's stable, opaque identifier for its own institution. TrustBridge uses
 * `tb-` and a random UUID; other implementations may use any value of this shape. It is what the
 * trust-on-first-use registry is keyed by, so it never changes when a key does.
 */
const exchangeIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;
export const exchangeIdSchema = z
  .string()
  .regex(exchangeIdPattern, 'must be 8–128 letters, digits, dots, colons or hyphens, like tb-2f1c…');

export const sha256HexPattern = /^[0-9a-f]{64}$/;

/**
 * An Ed25519 public key as a JWK (RFC 8037), with nothing else: the three members that make up
 * its RFC 7638 thumbprint. `x` is 32 bytes in canonical base64url (43 characters, the last one
 * carrying two zero bits), so one key has exactly one spelling and one fingerprint.
 */
export const ed25519PublicJwkSchema = z.strictObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, 'must be a 32-byte Ed25519 public key in base64url'),
});
export type Ed25519PublicJwk = z.infer<typeof ed25519PublicJwkSchema>;

/** The person who signs for an institution, as they want to be named on the agreement. */
export const signerSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  role: z.string().trim().max(200),
  /** The legal name of the signer's institution. */
  institution: z.string().trim().min(1).max(300),
});
export type Signer = z.infer<typeof signerSchema>;

/**
 * The protected header of one signature, decoded. Header parameters this version does not know
 * are allowed and ignored, as RFC 7515 section 4 asks; `crit` is refused instead (TrustBridge
 * implements no extension), and so is `b64` (the payload is always base64url-encoded).
 */
export const protectedHeaderSchema = z.looseObject({
  alg: z.literal('EdDSA'),
  /** The key's fingerprint: SHA-256 of its RFC 7638 thumbprint input, in lower-case hex. */
  kid: z.string().regex(sha256HexPattern, 'must be a SHA-256 key fingerprint in lower-case hex'),
  jwk: ed25519PublicJwkSchema,
  /** The signer's institution, as its exchange id. */
  'tb.iss': exchangeIdSchema,
  'tb.signer': signerSchema,
  /** When the signature was made, in seconds since 1970 (as in JWT). */
  iat: z.number().int().min(0).max(253402300799),
  /** Key-rotation statements (compact JWS) that link an earlier key of `tb.iss` to this one. */
  'tb.rot': z.array(z.string().min(1).max(4000)).max(exchangeLimits.maxRotations).optional(),
});
export type ProtectedHeader = z.infer<typeof protectedHeaderSchema>;

const base64urlPattern = /^[A-Za-z0-9_-]+$/;

/** One JWS signature of the General Serialization, without `payload` (it is detached). */
export const jwsSignatureSchema = z
  .strictObject({
    protected: z.string().min(10).max(20_000).regex(base64urlPattern, 'must be base64url without padding'),
    // 64 bytes of Ed25519 signature: 86 characters, the last one carrying four zero bits.
    signature: z.string().regex(/^[A-Za-z0-9_-]{85}[AQgw]$/, 'must be a 64-byte Ed25519 signature in base64url'),
  })
  .meta({
    description:
      'A JWS signature (RFC 7515 General Serialization) over the RFC 8785 canonical form of `payload`, which is detached (RFC 7515 Appendix F). `protected` is the base64url of a JSON header: alg "EdDSA", kid, jwk, "tb.iss", "tb.signer", iat and optionally "tb.rot".',
  });
export type JwsSignature = z.infer<typeof jwsSignatureSchema>;

// ---------------------------------------------------------------- items

const assessmentItemSchema = z.strictObject({
  type: z.literal('assessment'),
  assessment: assessmentSchema,
});

/** The framework snapshot assessments in the same file were made with. */
const frameworkItemSchema = z.strictObject({
  type: z.literal('framework'),
  framework: frameworkSchema,
});

/** One side of a partnership: the id the partnership names, and who that institution is. */
const partnershipPartySchema = z.strictObject({
  institutionId: z.string().min(1).max(80),
  /** The party's exchange id, where the issuer knows it. */
  exchangeId: exchangeIdSchema.optional(),
  profile: institutionProfileSchema,
});

const partnershipItemSchema = z
  .strictObject({
    type: z.literal('partnership'),
    partnership: partnershipSchema,
    parties: z.strictObject({ A: partnershipPartySchema, B: partnershipPartySchema }),
  })
  .superRefine((item, ctx) => {
    if (item.parties.A.institutionId !== item.partnership.institutionA) {
      ctx.addIssue({ code: 'custom', path: ['parties', 'A', 'institutionId'], message: 'must be the partnership’s institutionA' });
    }
    if (item.parties.B.institutionId !== item.partnership.institutionB) {
      ctx.addIssue({ code: 'custom', path: ['parties', 'B', 'institutionId'], message: 'must be the partnership’s institutionB' });
    }
  });

const institutionItemSchema = z.strictObject({
  type: z.literal('institution'),
  /**
   * The id the issuer's own data uses for this institution (assessments in the same file refer to
   * it as their subject or assessor), so the receiver can map it to its own record.
   */
  institutionId: z.string().min(1).max(80),
  /** The institution's exchange id, where the issuer knows it. */
  exchangeId: exchangeIdSchema.optional(),
  profile: institutionProfileSchema,
});

/**
 * A partnership agreement's content: what its signatures cover, by way of the payload. A file that
 * carries an agreement is signed first by the party that drafted it (its issuer) and countersigned
 * by the other over the very same payload, in the manner of Erasmus Without Paper's approval by
 * hash (docs/exchange-format.md).
 */
const agreementItemSchema = z.strictObject({
  type: z.literal('agreement'),
  agreement: agreementContentSchema,
});

/** Every item type, in one list: the discriminated union and the JSON Schema come from it. */
const exchangeItemSchemas = [
  assessmentItemSchema,
  frameworkItemSchema,
  partnershipItemSchema,
  institutionItemSchema,
  agreementItemSchema,
  // Team assessment (shared/team/exchange-items.ts): read by the Team screen, refused by the exchange import.
  contributionRequestItemSchema,
  contributionItemSchema,
] as const;
export const exchangeItemSchema = z.discriminatedUnion('type', exchangeItemSchemas);
export type ExchangeItem = z.infer<typeof exchangeItemSchema>;
export type ExchangeItemInput = z.input<typeof exchangeItemSchema>;
export type ExchangeItemType = ExchangeItem['type'];
export type ExchangeItemOf<T extends ExchangeItemType> = Extract<ExchangeItem, { type: T }>;

// ---------------------------------------------------------------- payload and file

const exchangeIssuerSchema = z.strictObject({
  exchangeId: exchangeIdSchema,
  profile: institutionProfileSchema,
});
export type ExchangeIssuer = z.infer<typeof exchangeIssuerSchema>;
export type ExchangeIssuerInput = z.input<typeof exchangeIssuerSchema>;

export const exchangePayloadSchema = z
  .strictObject({
    issuedAt: z.iso.datetime({ offset: true }),
    issuer: exchangeIssuerSchema,
    items: z.array(exchangeItemSchema).max(exchangeLimits.maxItems),
  })
  .meta({ description: 'What the issuer vouches for. Signed in its RFC 8785 canonical form.' });
export type ExchangePayload = z.infer<typeof exchangePayloadSchema>;

export const exchangeFileSchema = z
  .strictObject({
    format: z.literal(exchangeFormat),
    formatVersion: z.literal(exchangeFormatVersion),
    payload: exchangePayloadSchema,
    signatures: z.array(jwsSignatureSchema).min(1).max(exchangeLimits.maxSignatures),
  })
  .meta({
    title: 'TrustBridge exchange file',
    description:
      'A signed file that consortium members exchange: an issuer, items (assessments, framework snapshots, partnerships, institution profiles, agreements) and one or more Ed25519 JWS signatures over the canonical payload. See docs/exchange-format.md.',
  });

/**
 * The outer shell, checked before any signature: the payload is only required to be an object
 * here, because its content is checked after the signatures prove who wrote it.
 */
export const exchangeEnvelopeSchema = z.strictObject({
  format: z.literal(exchangeFormat),
  formatVersion: z.literal(exchangeFormatVersion),
  payload: z.record(z.string(), z.unknown()),
  signatures: z.array(jwsSignatureSchema).min(1).max(exchangeLimits.maxSignatures),
});

// ---------------------------------------------------------------- key-rotation statements

export const keyRotationType = 'trustbridge-key-rotation';

/**
 * The payload of a key-rotation statement: "the institution `exchangeId` replaced the key that
 * signs this statement by `next`". It is a compact JWS signed by the old key, whose protected
 * header carries `alg`, `kid`, `jwk` (the old key) and `typ: "trustbridge-key-rotation"`.
 */
export const keyRotationPayloadSchema = z.strictObject({
  exchangeId: exchangeIdSchema,
  next: ed25519PublicJwkSchema,
  nextKid: z.string().regex(sha256HexPattern),
  rotatedAt: z.iso.datetime({ offset: true }),
});

export const keyRotationHeaderSchema = z.looseObject({
  alg: z.literal('EdDSA'),
  typ: z.literal(keyRotationType),
  kid: z.string().regex(sha256HexPattern),
  jwk: ed25519PublicJwkSchema,
});

// ---------------------------------------------------------------- public key file

const publicKeyFormat = 'trustbridge-public-key';

/**
 * A public key, exported so a partner can know it before any exchange file arrives (sent by
 * e-mail, read out on the phone by its fingerprint). It proves nothing by itself: the partner
 * still compares the fingerprint through a second channel.
 */
export const publicKeyFileSchema = z.strictObject({
  format: z.literal(publicKeyFormat),
  formatVersion: z.literal(1),
  exchangeId: exchangeIdSchema,
  institution: z.strictObject({ legalName: z.string().trim().min(1).max(300), country: z.string().length(2) }),
  jwk: ed25519PublicJwkSchema,
  fingerprint: z.string().regex(sha256HexPattern),
  createdAt: z.iso.datetime({ offset: true }),
  /** Rotation statements from the institution's earlier keys to this one, oldest first. */
  rotations: z.array(z.string().min(1).max(4000)).max(exchangeLimits.maxRotations),
});
export type PublicKeyFile = z.infer<typeof publicKeyFileSchema>;
