/**
 * Writing exchange files: sign a payload with the own key, or add the own signature to a file a
 * partner signed (an agreement signed by A and countersigned by B). Files are pretty-printed UTF-8
 * JSON; the layout does not matter to the signatures, which cover the canonical payload.
 */
import type { AppErrorData } from '../../shared/errors';
import { AppError } from '../../shared/errors';
import {
  exchangeFormat,
  exchangeFormatVersion,
  exchangeLimits,
  exchangePayloadSchema,
  type ExchangeIssuerInput,
  type ExchangeItemInput,
  type JwsSignature,
  type Signer,
} from '../../shared/exchange/schema';
import { describeIssues, fieldIssues } from '../../shared/ipc/zod-issues';
import type { KeyRing } from '../keys/key-ring';
import { verifyExchangeFile, verifyExchangeFileDetail, type VerifyOptions } from './read';

export interface CreateExchangeInput {
  issuer: ExchangeIssuerInput;
  items: readonly ExchangeItemInput[];
}

interface WriteOptions {
  now?: () => Date;
}

/**
 * Builds, signs and serialises an exchange file issued by the own institution. The items are
 * checked against the schema first, and the finished file is read back through the same
 * verification a partner runs, so TrustBridge never hands out a file it would itself refuse.
 */
export async function createExchangeFile(
  input: CreateExchangeInput,
  keyRing: KeyRing,
  signer: Signer,
  options: WriteOptions = {},
): Promise<Uint8Array> {
  if (input.issuer.exchangeId !== keyRing.exchangeId()) {
    throw new AppError({
      code: 'INVALID_REQUEST',
      message: 'An exchange file can only be issued in the name of this installation’s own institution, whose key signs it.',
      params: { exchangeId: input.issuer.exchangeId },
    });
  }
  const now = options.now ?? (() => new Date());
  const parsed = exchangePayloadSchema.safeParse({ issuedAt: now().toISOString(), issuer: input.issuer, items: input.items });
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    throw new AppError({
      code: 'VALIDATION',
      message: `The file cannot be made, because its content does not follow the exchange format (${describeIssues(issues)[0]}).`,
      issues,
    });
  }
  const payload = parsed.data;
  const signature = await keyRing.sign(payload, signer);
  const bytes = serialiseExchangeFile(payload, [signature]);
  await assertReadable(bytes);
  return bytes;
}

/**
 * Adds the own signature to a file signed by others, over exactly the payload they signed. The
 * file must verify first (every signature, the schema, and — when `partnerKeys` is given — the
 * keys); countersigning a file that does not is refused. Signing twice with one key is refused.
 */
export async function countersign(
  bytes: Uint8Array,
  keyRing: KeyRing,
  signer: Signer,
  options: Pick<VerifyOptions, 'partnerKeys' | 'maxBytes'> = {},
): Promise<Uint8Array> {
  const read = await verifyExchangeFileDetail(bytes, { ...options, ownKeyRing: keyRing });
  if (!read.ok) throw new AppError(countersignRefusal(read.error));
  const fingerprint = keyRing.fingerprint();
  if (read.verified.signatures.some((signature) => signature.fingerprint === fingerprint)) {
    throw new AppError({ code: 'CONFLICT', message: 'This file already carries your institution’s signature; it needs no second one.' });
  }
  if (read.signatures.length >= exchangeLimits.maxSignatures) {
    throw new AppError({ code: 'CONFLICT', message: `This file already carries ${exchangeLimits.maxSignatures} signatures, the most a file may have.` });
  }
  const signature = await keyRing.signCanonical(read.canonicalPayload, signer);
  const result = serialiseExchangeFile(read.rawPayload, [...read.signatures, signature]);
  await assertReadable(result);
  return result;
}

/**
 * An exchange file from a payload and its signatures, as TrustBridge writes it. Used as well to
 * rebuild, from what an agreement keeps, the signed file a partner sent or countersigned.
 */
export function serialiseExchangeFile(payload: unknown, signatures: readonly JwsSignature[]): Uint8Array {
  const file = { format: exchangeFormat, formatVersion: exchangeFormatVersion, payload, signatures };
  return new Uint8Array(Buffer.from(JSON.stringify(file, null, 2) + '\n', 'utf8'));
}

function countersignRefusal(error: AppErrorData): AppErrorData {
  return { ...error, message: `The file cannot be countersigned. ${error.message}` };
}

/**
 * A file TrustBridge writes must pass TrustBridge's own reading (a lone surrogate in a text field,
 * say, is valid in JavaScript but refused in a file). Failing here is a bug, not a user's error.
 */
async function assertReadable(bytes: Uint8Array): Promise<void> {
  const check = await verifyExchangeFile(bytes);
  if (!check.ok) {
    throw new AppError({
      code: 'INTERNAL',
      message: `TrustBridge made an exchange file it could not read back, so it was not saved: ${check.error.message}`,
      params: { reason: check.error.code },
    });
  }
}
