/** What the app's screens see of keys and imports (the types the exchange service answers with). */
import type { AppErrorData } from '../errors';
import type { AssessmentDiff } from './diff';
import type { RevisionVerdict } from './revision';
import type { Signer } from './schema';

export interface KeyStatus {
  hasKey: boolean;
  unlocked: boolean;
  method: 'os-keychain' | 'passphrase' | null;
  /** The system keychain can protect the key on this computer. */
  osKeychainAvailable: boolean;
  fingerprint: string | null;
  displayFingerprint: string | null;
  verificationCode: string | null;
  exchangeId: string | null;
  retired: number;
}

type SignatureTrustStatus = 'not-checked' | 'own' | 'new-issuer' | 'known' | 'rotated';

/** What importing one file would do, for the user to accept or refuse. */
export interface FilePreview {
  token: string;
  fileName: string;
  ok: boolean;
  /** When refused: why, in a sentence, and what to do. */
  error?: AppErrorData;
  issuer?: { legalName: string; country: string; exchangeId: string };
  signatures?: Array<{
    signer: Signer;
    displayFingerprint: string;
    verificationCode: string;
    signedAt: string;
    trust: SignatureTrustStatus;
    confirmed: boolean;
  }>;
  /** How the issuer is matched to the institutions held here. */
  institution?: { action: 'known' | 'matched' | 'new'; legalName: string };
  items?: ItemPlan[];
  /** Something in the file will be added when accepted. */
  changes: number;
}

export interface ItemPlan {
  type: 'assessment' | 'framework' | 'institution' | 'partnership' | 'agreement' | 'contribution-request' | 'contribution';
  title: string;
  action: 'add' | 'add-revision' | 'skip' | 'refuse';
  /** Why it is skipped or refused. */
  reason?: string;
  verdict?: RevisionVerdict;
  diff?: AssessmentDiff;
  /** For an agreement whose text changed: the parts that differ (`scope`, `clause:<heading>`…). */
  changedParts?: string[];
}
