/**
 * A consortium's key roster: which institutions belong to the consortium and with which signing
 * keys, signed by the coordinator. Without it, the shared folder trusts the first key it sees for
 * an institution, so whoever writes there before the real partner can plant a key in their name.
 * With it, a member confirms the coordinator's key once (by its fingerprint, read out on the phone
 * or compared on paper), and from then on the roster decides: files signed with a key on the roster
 * count, files signed with any other key are flagged, and only a newer roster signed by the
 * confirmed coordinator key changes who is on it.
 *
 * The rules (pure, so the app, the command line and the tests decide alike):
 * - a roster is accepted only when its signature is by the confirmed coordinator key, for the
 *   confirmed consortium;
 * - a roster with a sequence number not higher than the one held changes nothing (a replayed or
 *   older roster);
 * - a roster may name a new coordinator key (rotation): signed by the confirmed key, it moves the
 *   confirmation to the new one;
 * - a key is trusted for an institution only while the roster held is valid (its days include
 *   today) and lists that key for that institution's exchange id.
 */
import { z } from 'zod';
import { exchangeIdSchema, jwsSignatureSchema, sha256HexPattern } from '../exchange/schema';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day as YYYY-MM-DD');
const fingerprint = z.string().regex(sha256HexPattern, 'must be a SHA-256 key fingerprint in lower-case hex');

const rosterMemberSchema = z.strictObject({
  exchangeId: exchangeIdSchema,
  legalName: z.string().trim().min(1).max(300),
  /** The keys this institution signs with; more than one while a key is being replaced. */
  keyFingerprints: z.array(fingerprint).min(1).max(4),
});
export type RosterMember = z.infer<typeof rosterMemberSchema>;

export const rosterSchema = z
  .strictObject({
    format: z.literal('trustbridge-consortium-roster'),
    formatVersion: z.literal(1),
    consortiumId: z.string().trim().min(1).max(200),
    consortiumName: z.string().trim().min(1).max(300),
    /** Grows by one with every roster the coordinator issues; the highest held wins. */
    sequence: z.number().int().min(1).max(1_000_000),
    issuedAt: z.iso.datetime({ offset: true }),
    validFrom: day,
    validUntil: day,
    coordinator: z.strictObject({ exchangeId: exchangeIdSchema, keyFingerprint: fingerprint }),
    members: z.array(rosterMemberSchema).min(1).max(500),
  })
  .refine((roster) => roster.validFrom <= roster.validUntil, { message: 'validUntil must not be before validFrom', path: ['validUntil'] })
  .refine((roster) => new Set(roster.members.map((member) => member.exchangeId)).size === roster.members.length, {
    message: 'every member is listed once',
    path: ['members'],
  });
export type Roster = z.infer<typeof rosterSchema>;

/** The file the coordinator shares: the roster and the coordinator's detached signature over its canonical JSON. */
export const signedRosterSchema = z.strictObject({
  roster: z.unknown(),
  signature: jwsSignatureSchema,
});
export type SignedRoster = z.infer<typeof signedRosterSchema>;

/** What a member holds: the coordinator key they confirmed and the newest roster it signed. */
export const rosterTrustSchema = z.strictObject({
  consortiumId: z.string().min(1).max(200),
  coordinatorExchangeId: exchangeIdSchema,
  coordinatorFingerprint: fingerprint,
  confirmedAt: z.iso.datetime({ offset: true }),
  /** The roster accepted last, as its signed file (kept to show and to pass on). */
  current: signedRosterSchema.optional(),
});
export type RosterTrust = z.infer<typeof rosterTrustSchema>;

export type RosterDecision =
  | { outcome: 'accepted'; roster: Roster; changes: RosterChanges }
  | { outcome: 'unchanged'; reason: 'not-newer' }
  | { outcome: 'refused'; reason: 'not-confirmed' | 'other-consortium' | 'forged' };

export interface RosterChanges {
  added: string[];
  removed: string[];
  /** Members whose keys changed (a rotation, a key added or withdrawn). */
  rekeyed: string[];
  coordinatorKeyChanged: boolean;
}

/**
 * Whether a verified roster (its signature checked against `signedBy`, the signing key's
 * fingerprint) replaces the one held.
 */
export function decideRoster(trust: RosterTrust | undefined, roster: Roster, signedBy: string, held: Roster | undefined): RosterDecision {
  if (!trust) return { outcome: 'refused', reason: 'not-confirmed' };
  if (roster.consortiumId !== trust.consortiumId) return { outcome: 'refused', reason: 'other-consortium' };
  // The roster names who signs it; the signature must be by the key the member confirmed.
  if (signedBy !== trust.coordinatorFingerprint || roster.coordinator.exchangeId !== trust.coordinatorExchangeId) return { outcome: 'refused', reason: 'forged' };
  if (held && roster.sequence <= held.sequence) return { outcome: 'unchanged', reason: 'not-newer' };
  return { outcome: 'accepted', roster, changes: rosterChanges(held, roster) };
}

function rosterChanges(before: Roster | undefined, after: Roster): RosterChanges {
  const old = new Map((before?.members ?? []).map((member) => [member.exchangeId, member]));
  const now = new Map(after.members.map((member) => [member.exchangeId, member]));
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    removed: [...old.keys()].filter((id) => !now.has(id)),
    rekeyed: [...now.values()].filter((member) => {
      const was = old.get(member.exchangeId);
      return was !== undefined && [...was.keyFingerprints].sort().join() !== [...member.keyFingerprints].sort().join();
    }).map((member) => member.exchangeId),
    coordinatorKeyChanged: before !== undefined && before.coordinator.keyFingerprint !== after.coordinator.keyFingerprint,
  };
}

type RosterKeyJudgement =
  | { status: 'on-roster'; member: RosterMember }
  | { status: 'not-a-member' }
  | { status: 'key-not-on-roster'; member: RosterMember }
  | { status: 'roster-not-valid'; validFrom: string; validUntil: string };

/** Whether `fingerprint` may sign for the institution `exchangeId` on `today` (YYYY-MM-DD). */
export function judgeKey(roster: Roster, exchangeId: string, fingerprint: string, today: string): RosterKeyJudgement {
  if (today < roster.validFrom || today > roster.validUntil) return { status: 'roster-not-valid', validFrom: roster.validFrom, validUntil: roster.validUntil };
  const member = roster.members.find((candidate) => candidate.exchangeId === exchangeId);
  if (!member) return { status: 'not-a-member' };
  return member.keyFingerprints.includes(fingerprint) ? { status: 'on-roster', member } : { status: 'key-not-on-roster', member };
}
