/**
 * Where an agreement stands, seen from one party: who has signed the text as it is now, and
 * whether it was changed after someone signed. Computed from content hashes alone, so lists can
 * show it without verifying signatures; the agreement screen verifies them as well.
 */
import type { AgreementSide } from './content';
import { agreementContentHash } from './hash';
import type { Agreement, AgreementSignature } from './schema';

export const agreementStates = ['draft', 'awaiting-partner', 'awaiting-own', 'concluded', 'changed-after-signing'] as const;
export type AgreementState = (typeof agreementStates)[number];

export function otherSide(side: AgreementSide): AgreementSide {
  return side === 'A' ? 'B' : 'A';
}

/** The signatures made over exactly this content. */
export function coveringSignatures(signatures: readonly AgreementSignature[], contentHash: string): AgreementSignature[] {
  return signatures.filter((signature) => signature.contentHash === contentHash);
}

export function agreementState(agreement: Pick<Agreement, 'content' | 'signatures' | 'ownSide'>, contentHash = agreementContentHash(agreement.content)): AgreementState {
  const covering = coveringSignatures(agreement.signatures, contentHash);
  const own = covering.some((signature) => signature.side === agreement.ownSide);
  const partner = covering.some((signature) => signature.side === otherSide(agreement.ownSide));
  if (own && partner) return 'concluded';
  if (own) return 'awaiting-partner';
  if (partner) return 'awaiting-own';
  return agreement.signatures.length ? 'changed-after-signing' : 'draft';
}

/**
 * When a concluded agreement ends: its duration counted from the later of the two signatures that
 * conclude it (YYYY-MM-DD), or undefined while it is not concluded.
 */
export function agreementEnds(agreement: Pick<Agreement, 'content' | 'signatures' | 'ownSide'>): { concludedAt: string; endsOn: string } | undefined {
  const hash = agreementContentHash(agreement.content);
  if (agreementState(agreement, hash) !== 'concluded') return undefined;
  const concludedAt = coveringSignatures(agreement.signatures, hash)
    .map((signature) => signature.signedAt)
    .sort()
    .at(-1)!;
  const end = new Date(concludedAt);
  end.setUTCFullYear(end.getUTCFullYear() + agreement.content.scope.durationYears);
  return { concludedAt, endsOn: end.toISOString().slice(0, 10) };
}
