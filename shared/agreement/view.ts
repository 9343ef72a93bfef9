/** What the agreement screen is given: the agreement, where it stands, and its signatures checked. */
import type { Signer } from '../exchange/schema';
import type { AgreementClause, AgreementSide } from './content';
import type { Agreement } from './schema';
import type { AgreementState } from './state';

interface AgreementSignatureView {
  side: AgreementSide;
  signer: Signer;
  signedAt: string;
  keyFingerprint: string;
  displayFingerprint: string;
  /** The key's short verification code, to read out on the phone. */
  keyCode: string;
  /** The short code of the text this signature covers. */
  contentCode: string;
  /** Made over exactly the text as it is now. */
  coversContent: boolean;
  /** The signature verifies over what it signed. */
  valid: boolean;
  /** What is known of the key: the own one, a partner's confirmed or not yet confirmed, or none. */
  key: 'own' | 'confirmed' | 'unconfirmed' | 'unknown';
}

export interface AgreementView {
  agreement: Agreement;
  state: AgreementState;
  contentHash: string;
  /** The text's short code (first twelve hex digits of its hash), printed in the Word export too. */
  verificationCode: string;
  signatures: AgreementSignatureView[];
  /** Whether the signatures kept with this copy verify (no: the stored copy was altered). */
  integrity: { ok: true } | { ok: false; message: string };
  /** The model text of each template clause for the current content, to restore an edited clause. */
  templateClauses: AgreementClause[];
  /** The partnership it was drafted from, when held here. */
  partnership: { id: string; title: string } | null;
  canSign: boolean;
  canSendFile: boolean;
  /** YYYY-MM-DD, once concluded. */
  endsOn: string | null;
}
