/** What lists show of an agreement without opening it (kept in the store's catalogue). */
import type { AgreementSide } from './content';
import type { AgreementState } from './state';

export interface AgreementSummary {
  id: string;
  title: string;
  partnershipId: string;
  language: string;
  ownSide: AgreementSide;
  parties: Record<AgreementSide, { institutionId: string; exchangeId: string | null; legalName: string }>;
  state: AgreementState;
  /** The current text's hash, and which sides signed exactly that text. */
  contentHash: string;
  signedBy: AgreementSide[];
  /** Once concluded: when, and when its duration runs out (YYYY-MM-DD). */
  concludedAt: string | undefined;
  endsOn: string | undefined;
  createdAt: string;
  updatedAt: string;
}
