/**
 * Which verified files of a shared folder count by their keys: trust on first use within the folder,
 * or the consortium's roster (see folder.ts for the decisions).
 */
import type { RefusedFile } from '../../shared/consortium/model';
import { judgeKey, type Roster } from '../../shared/consortium/roster';
import { fingerprintForDisplay } from '../../shared/exchange/fingerprint';
import type { VerifiedExchange, VerifiedSignature } from '../exchange/read';
import { rotationPath } from '../keys/rotation';
import { compareText, type ExchangeFolderFile } from './scan';

export interface FolderEntry {
  file: ExchangeFolderFile;
  verified: VerifiedExchange;
}

/** Signatures whose key nobody has vouched for yet: no registry, or an institution the registry has never seen. */
function needsFolderTrust(signature: VerifiedSignature): boolean {
  return signature.trust.status === 'not-checked' || signature.trust.status === 'new-issuer';
}

/**
 * Files in the order they say they were issued, then by name. For each exchange id the first
 * file's key is remembered; a later key is accepted when rotation statements lead to it from a
 * remembered key that has not been replaced, as PartnerKeys does; any other key refuses the file.
 * A refused file teaches nothing.
 */
export function trustWithinFolder(entries: readonly FolderEntry[], refused: RefusedFile[]): FolderEntry[] {
  const ordered = entries.toSorted((a, b) => Date.parse(a.verified.payload.issuedAt) - Date.parse(b.verified.payload.issuedAt) || compareText(a.file.fileName, b.file.fileName));
  const seen = new Map<string, FolderKeys>();
  const trusted: FolderEntry[] = [];
  for (const entry of ordered) {
    // Changes are made on copies and kept only when the whole file passes.
    const draft = new Map<string, FolderKeys>();
    const keysOf = (exchangeId: string): FolderKeys | undefined => {
      const held = draft.get(exchangeId) ?? seen.get(exchangeId);
      if (!held) return undefined;
      const copy = draft.get(exchangeId) ?? { ...held, active: new Set(held.active), retired: new Set(held.retired) };
      draft.set(exchangeId, copy);
      return copy;
    };
    let refusal: string | undefined;
    for (const signature of entry.verified.signatures) {
      if (!needsFolderTrust(signature)) continue;
      const fingerprint = signature.fingerprint;
      const known = keysOf(signature.exchangeId);
      if (!known) {
        draft.set(signature.exchangeId, { active: new Set([fingerprint]), retired: new Set(), firstFile: entry.file.fileName, firstKey: fingerprint });
        continue;
      }
      if (known.active.has(fingerprint) || known.retired.has(fingerprint)) continue;
      const path = rotationPath(known.active, signature.rotations, signature.exchangeId, fingerprint);
      if (path) {
        for (const rotation of path) {
          known.active.delete(rotation.fromFingerprint);
          known.retired.add(rotation.fromFingerprint);
        }
        known.active.add(fingerprint);
        continue;
      }
      const institution = signature.byIssuer ? entry.verified.issuer.legalName : signature.signer.institution;
      refusal =
        `Signature ${signature.position} is made for ${institution} with a key (${fingerprintForDisplay(fingerprint)}) other than the one that signed its earlier files in this folder ` +
        `(${fingerprintForDisplay(known.firstKey)}, first in ${known.firstFile}), and no key-rotation statement links the two. ` +
        `Someone else may be writing in ${institution}'s name, or it lost its key. The file was not counted: compare both fingerprints with your contact at ${institution} by phone or e-mail.`;
      break;
    }
    if (refusal) {
      refused.push({ fileName: entry.file.fileName, code: 'KEY_CHANGED', reason: refusal });
      continue;
    }
    for (const [exchangeId, keys] of draft) seen.set(exchangeId, keys);
    trusted.push(entry);
  }
  return trusted;
}

/**
 * Files whose every signature is by a key the roster lists for that signature's institution; any
 * other file is refused (`NOT_ON_ROSTER`), whatever it was signed first or later: a key planted in
 * the folder before the real partner's counts for nothing.
 */
export function trustByRoster(entries: readonly FolderEntry[], refused: RefusedFile[], roster: Roster, today: string): FolderEntry[] {
  const trusted: FolderEntry[] = [];
  for (const entry of entries) {
    let refusal: string | undefined;
    for (const signature of entry.verified.signatures) {
      const judgement = judgeKey(roster, signature.exchangeId, signature.fingerprint, today);
      if (judgement.status === 'on-roster') continue;
      const institution = signature.byIssuer ? entry.verified.issuer.legalName : signature.signer.institution;
      const key = fingerprintForDisplay(signature.fingerprint);
      refusal =
        judgement.status === 'roster-not-valid'
          ? `The consortium roster held is valid from ${judgement.validFrom} to ${judgement.validUntil}, not today, so no key can be checked against it. Ask the coordinator for the current roster.`
          : judgement.status === 'not-a-member'
            ? `Signature ${signature.position} is made for ${institution} (${signature.exchangeId}), which is not on the consortium roster (number ${roster.sequence}). The file was not counted: ask the coordinator whether ${institution} has joined, and for a new roster.`
            : `Signature ${signature.position} is made for ${judgement.member.legalName} with a key (${key}) that the consortium roster (number ${roster.sequence}) does not list for it. Someone else may be writing in ${judgement.member.legalName}'s name, or it changed its key. The file was not counted: ask the coordinator for a new roster, or compare the fingerprint with your contact at ${judgement.member.legalName}.`;
      break;
    }
    if (refusal) refused.push({ fileName: entry.file.fileName, code: rosterRefusalCode, reason: refusal });
    else trusted.push(entry);
  }
  return trusted;
}

/** The refusal code of a file signed with a key the roster does not list. */
export const rosterRefusalCode = 'NOT_ON_ROSTER';

interface FolderKeys {
  active: Set<string>;
  retired: Set<string>;
  /** Where the first key of the institution was seen, for the refusal message. */
  firstFile: string;
  firstKey: string;
}
