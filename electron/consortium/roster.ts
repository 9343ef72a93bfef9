/**
 * The consortium key roster on disk (the rules are in shared/consortium/roster.ts):
 *   signRoster    the coordinator's side: the roster and a detached signature over its canonical JSON;
 *   verifyRoster  a roster file read as hostile input: size, JSON, schema, the signature;
 *   RosterBook    a member's side: the confirmed coordinator key and the newest roster it signed,
 *                 in `<dataDir>/consortium/roster.json`, written durably.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { AppError, type AppErrorData } from '../../shared/errors';
import { fingerprintForDisplay, keyFingerprint } from '../../shared/exchange/fingerprint';
import { protectedHeaderSchema, type JwsSignature } from '../../shared/exchange/schema';
import {
  decideRoster,
  judgeKey,
  rosterSchema,
  rosterTrustSchema,
  signedRosterSchema,
  type Roster,
  type RosterDecision,
  type RosterTrust,
  type SignedRoster,
} from '../../shared/consortium/roster';
import { verifyExchangeFile } from '../exchange/read';
import { verifyDetached } from '../keys/ed25519';
import { parseUntrustedJson } from '../platform/json';
import { writeFileDurably } from '../store/durable-write';

/** A roster of 500 members is about 150 KB; anything much larger is not a roster. */
const maxRosterBytes = 1024 * 1024;

/** The coordinator signs the roster with their key (KeyRing.signCanonical, or a test key). */
export async function signRoster(roster: Roster, sign: (canonical: string) => Promise<JwsSignature>): Promise<Uint8Array> {
  const checked = rosterSchema.parse(roster);
  const file: SignedRoster = { roster: checked, signature: await sign(canonicalJson(checked)) };
  return new Uint8Array(Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8'));
}

interface VerifiedRoster {
  roster: Roster;
  signedFile: SignedRoster;
  /** The fingerprint of the key whose signature is valid. */
  signedBy: string;
  /** The exchange id the signature was made for (`tb.iss`). */
  signerExchangeId: string;
}

/** Reads and checks a roster file; a refusal says what is wrong with it. Never throws. */
export async function verifyRoster(bytes: Uint8Array): Promise<{ ok: true; verified: VerifiedRoster } | { ok: false; error: AppError }> {
  const refuse = (code: 'INVALID_FILE' | 'SIGNATURE_INVALID' | 'FILE_TOO_LARGE', message: string) => ({ ok: false as const, error: new AppError({ code, message }) });
  if (bytes.byteLength > maxRosterBytes) return refuse('FILE_TOO_LARGE', `This roster file is ${bytes.byteLength} bytes; a roster is at most ${maxRosterBytes}. It is not a roster: ask the coordinator for the file again.`);
  const json = parseUntrustedJson(Buffer.from(bytes).toString('utf8'));
  if (!json.ok) return { ok: false, error: json.error };
  const file = signedRosterSchema.safeParse(json.value);
  if (!file.success) return refuse('INVALID_FILE', 'This is not a consortium roster file (it needs a roster and a signature). Ask the coordinator for the file again.');
  const roster = rosterSchema.safeParse(file.data.roster);
  if (!roster.success) {
    const issue = roster.error.issues[0];
    return refuse('INVALID_FILE', `The roster in this file is not valid (${issue ? `${issue.path.join('.') || 'roster'}: ${issue.message}` : 'unknown problem'}). Ask the coordinator for a corrected roster.`);
  }
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(file.data.signature.protected, 'base64url').toString('utf8'));
  } catch {
    return refuse('SIGNATURE_INVALID', 'The roster\'s signature is unreadable. Ask the coordinator for the file again.');
  }
  const parsedHeader = protectedHeaderSchema.safeParse(header);
  if (!parsedHeader.success || keyFingerprint(parsedHeader.data.jwk) !== parsedHeader.data.kid) {
    return refuse('SIGNATURE_INVALID', 'The roster\'s signature is not that of a TrustBridge key. Ask the coordinator for the file again.');
  }
  const valid = await verifyDetached(file.data.signature, canonicalJson(roster.data), parsedHeader.data.jwk);
  if (!valid) return refuse('SIGNATURE_INVALID', 'The roster was changed after it was signed (its signature does not match it). Do not use it; ask the coordinator for the file again.');
  return {
    ok: true,
    verified: { roster: roster.data, signedFile: { roster: roster.data, signature: file.data.signature }, signedBy: parsedHeader.data.kid, signerExchangeId: parsedHeader.data['tb.iss'] },
  };
}

export function rosterBookPath(dataDir: string): string {
  return join(dataDir, 'consortium', 'roster.json');
}

interface RosterOffer {
  decision: RosterDecision;
  /** Why, in a sentence the officer can act on. */
  message: string;
}

/** A member's roster: the coordinator key they confirmed and the newest roster signed with it. */
export class RosterBook {
  private constructor(
    private readonly path: string,
    private state: RosterTrust | undefined,
  ) {}

  static async open(dataDir: string): Promise<RosterBook> {
    const path = rosterBookPath(dataDir);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new RosterBook(path, undefined);
      throw error;
    }
    const parsed = rosterTrustSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new AppError({ code: 'DAMAGED_FILE', message: `The consortium roster file ${path} is damaged. Restore it from a backup of the data folder, or remove it and confirm the coordinator's key again.` });
    }
    return new RosterBook(path, parsed.data);
  }

  get trust(): RosterTrust | undefined {
    return this.state ? structuredClone(this.state) : undefined;
  }

  /** The roster in force (accepted and signed by the confirmed key), if any. */
  get roster(): Roster | undefined {
    const current = this.state?.current;
    return current ? rosterSchema.parse(current.roster) : undefined;
  }

  /**
   * The officer compared the coordinator's key fingerprint with the coordinator (by phone, on
   * paper) and confirms it. Confirming another key for the same consortium replaces the roster
   * held: what the old key signed no longer counts.
   */
  async confirmCoordinator(confirmed: { consortiumId: string; exchangeId: string; fingerprint: string }, now: Date): Promise<void> {
    const same = this.state && this.state.consortiumId === confirmed.consortiumId && this.state.coordinatorFingerprint === confirmed.fingerprint;
    const next = rosterTrustSchema.parse({
      consortiumId: confirmed.consortiumId,
      coordinatorExchangeId: confirmed.exchangeId,
      coordinatorFingerprint: confirmed.fingerprint,
      confirmedAt: now.toISOString(),
      ...(same && this.state?.current ? { current: this.state.current } : {}),
    });
    await this.write(next);
  }

  /** What offering the roster file would do (and why), without changing anything. */
  async preview(bytes: Uint8Array): Promise<RosterOffer & { verified: VerifiedRoster }> {
    const read = await verifyRoster(bytes);
    if (!read.ok) throw read.error;
    const { roster, signedBy } = read.verified;
    const decision = decideRoster(this.state, roster, signedBy, this.roster);
    return { decision, message: offerMessage(decision, roster, signedBy, this.state), verified: read.verified };
  }

  /** Offers a roster file: accepted when it is newer and signed by the confirmed coordinator key; nothing changes otherwise. */
  async offer(bytes: Uint8Array): Promise<RosterOffer> {
    const read = await verifyRoster(bytes);
    if (!read.ok) throw read.error;
    const { roster, signedBy } = read.verified;
    const decision = decideRoster(this.state, roster, signedBy, this.roster);
    if (decision.outcome === 'accepted' && this.state) {
      await this.write({ ...this.state, coordinatorFingerprint: roster.coordinator.keyFingerprint, current: read.verified.signedFile });
    }
    return { decision, message: offerMessage(decision, roster, signedBy, this.state) };
  }

  private async write(next: RosterTrust): Promise<void> {
    await mkdir(join(this.path, '..'), { recursive: true });
    await writeFileDurably(this.path, `${JSON.stringify(next, null, 2)}\n`, { keepBackup: true });
    this.state = next;
  }
}

function offerMessage(decision: RosterDecision, roster: Roster, signedBy: string, trust: RosterTrust | undefined): string {
  switch (decision.outcome) {
    case 'accepted':
      return `Roster ${roster.sequence} of ${roster.consortiumName} is now in force (${roster.members.length} members, valid ${roster.validFrom} to ${roster.validUntil}).`;
    case 'unchanged':
      return `This roster (number ${roster.sequence}) is not newer than the one held; nothing changed.`;
    case 'refused':
      switch (decision.reason) {
        case 'not-confirmed':
          return `Confirm the coordinator's key first: compare its fingerprint ${fingerprintForDisplay(signedBy)} with the coordinator (by phone or on paper), then confirm it.`;
        case 'other-consortium':
          return `This roster is for the consortium "${roster.consortiumId}", not for "${trust?.consortiumId ?? ''}", whose coordinator you confirmed. Nothing changed.`;
        case 'forged':
          return `This roster is signed with the key ${fingerprintForDisplay(signedBy)}, not with the coordinator key you confirmed (${fingerprintForDisplay(trust?.coordinatorFingerprint ?? '')}). It was refused and nothing changed: someone else may have written it. Ask the coordinator.`;
      }
  }
}

/**
 * Why a verified exchange file may not count under the roster in force (a signature by a key the
 * roster does not list for its institution, or a roster out of its dates); undefined when every
 * signature is on the roster, or the file does not verify (its own refusal says why).
 */
export async function rosterRefusal(bytes: Uint8Array, roster: Roster, today: string): Promise<AppErrorData | undefined> {
  const result = await verifyExchangeFile(bytes);
  if (!result.ok) return undefined;
  for (const signature of result.verified.signatures) {
    const judgement = judgeKey(roster, signature.exchangeId, signature.fingerprint, today);
    if (judgement.status === 'on-roster') continue;
    const institution = signature.byIssuer ? result.verified.issuer.legalName : signature.signer.institution;
    const message =
      judgement.status === 'roster-not-valid'
        ? `The consortium roster held is valid from ${judgement.validFrom} to ${judgement.validUntil}, not today, so this file's key cannot be checked. Ask the coordinator for the current roster.`
        : judgement.status === 'not-a-member'
          ? `This file is signed for ${institution} (${signature.exchangeId}), which is not on the consortium roster (number ${roster.sequence}). Ask the coordinator whether ${institution} has joined, and for a new roster.`
          : `This file is signed for ${judgement.member.legalName} with a key (${fingerprintForDisplay(signature.fingerprint)}) that the consortium roster (number ${roster.sequence}) does not list for it. Someone else may be writing in its name, or it changed its key: ask the coordinator for a new roster, or compare the fingerprint with your contact at ${judgement.member.legalName}.`;
    return { code: 'KEY_UNKNOWN', message, params: { reason: 'not-on-roster', exchangeId: signature.exchangeId, fingerprint: signature.fingerprint } };
  }
  return undefined;
}
