/**
 * A partnership agreement on micro-credentials, built from a partnership decided "ready" or "ready
 * with conditions". Its content is what the parties sign; the signatures are kept beside it with
 * the exact payload they cover, so any change after signing is visible: the content no longer
 * equals what was signed.
 */
import { z } from 'zod';
import { jwsSignatureSchema, signerSchema } from '../exchange/schema';
import { agreementContentSchema, agreementSides } from './content';

export * from './content';

/** One signature, as kept locally: who, when, with which key, over which content hash. */
const agreementSignatureSchema = z.strictObject({
  side: z.enum(agreementSides),
  signer: signerSchema,
  signedAt: z.string(),
  keyFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  /** SHA-256 of the canonical (RFC 8785) agreement content that was signed. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  jws: jwsSignatureSchema,
});
export type AgreementSignature = z.infer<typeof agreementSignatureSchema>;

const agreementEventKinds = ['drafted', 'edited', 'signed', 'received', 'countersignature-received', 'replaced', 'amended'] as const;

const agreementEventSchema = z.strictObject({
  at: z.string(),
  kind: z.enum(agreementEventKinds),
  /** Who did it here, or who signed what was received. */
  by: z.string().max(300),
  /** The content hash after the event: which text it concerned. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AgreementEvent = z.infer<typeof agreementEventSchema>;

const agreementRevisionSchema = z.strictObject({
  content: agreementContentSchema,
  signedPayload: z.unknown().optional(),
  signatures: z.array(agreementSignatureSchema).max(4),
  /** When it was set aside for an amendment. */
  amendedAt: z.string(),
});

export const agreementSchema = z.strictObject({
  schemaVersion: z.literal(1),
  /** The same as `content.id` (the store files documents by it). */
  id: z.string().min(1).max(80),
  content: agreementContentSchema,
  /**
   * The exact exchange payload the signatures cover (canonicalised for verification). Present once
   * the first party has signed; later edits of `content` make it differ, which is how a change
   * after signing is detected.
   */
  signedPayload: z.unknown().optional(),
  signatures: z.array(agreementSignatureSchema).max(4),
  /** Which party this installation's institution is (local bookkeeping, never signed or sent). */
  ownSide: z.enum(agreementSides),
  /**
   * Signed texts set aside when the agreement was amended, oldest first: each with the payload and
   * signatures that cover it, so an amended agreement never loses what was signed before.
   */
  revisions: z.array(agreementRevisionSchema).max(100).optional(),
  /** What happened to this copy: drafted, edited, signed, received, countersigned (local, never sent). */
  history: z.array(agreementEventSchema).max(10_000),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Agreement = z.infer<typeof agreementSchema>;
