/**
 * How an agreement's text is identified, in the manner of Erasmus Without Paper's approval by
 * hash: SHA-256 over the RFC 8785 canonical form of the content, so both parties compute the same
 * value from the same agreement whatever the key order or whitespace of their copies. A signature
 * records the hash of the content it was made over; when the content changes, the hashes differ
 * and the signature visibly no longer covers the text.
 */
import { contentFingerprint } from '../crypto/sha256';
import { verificationCode } from '../exchange/fingerprint';
import type { AgreementContent, AgreementSignature } from './schema';

export function agreementContentHash(content: AgreementContent): string {
  return contentFingerprint(content);
}

/**
 * The first twelve hex digits of the content hash in groups of four (`3f9a 07c2 5b1e`): short
 * enough to read out on the phone or print in a footer, to check that both parties look at the
 * same text. The full hash is the thorough check.
 */
export function contentVerificationCode(contentHash: string): string {
  return verificationCode(contentHash);
}

export function agreementVerificationCode(content: AgreementContent): string {
  return contentVerificationCode(agreementContentHash(content));
}

/** Whether a signature was made over exactly this content. */
export function signatureCoversContent(signature: Pick<AgreementSignature, 'contentHash'>, content: AgreementContent): boolean {
  return signature.contentHash === agreementContentHash(content);
}
