/**
 * What the app shows of the consortium key roster (electron/consortium/roster.ts): the coordinator
 * key confirmed here, the roster in force, and a roster file opened but not yet taken in, with
 * what it would change. Pure types and one pure function.
 */
import type { Roster, RosterMember } from './roster';

export interface RosterView {
  /** The coordinator key the officer confirmed, or null before the first roster. */
  trust: { consortiumId: string; coordinatorExchangeId: string; coordinatorFingerprint: string; confirmedAt: string } | null;
  roster: Roster | null;
  /** Whether the roster in force is valid today (its keys count only then). */
  validToday: boolean;
}

export interface RosterOfferView {
  /** Names the opened file for `roster.confirm` / `roster.accept`. */
  token: string;
  fileName: string;
  roster: Roster;
  /** Fingerprint of the key the roster is signed with. */
  signedBy: string;
  signerExchangeId: string;
  /**
   * confirm: no coordinator confirmed yet, the officer compares `signedBy` with the coordinator;
   * accept: a newer roster signed by the confirmed key; unchanged: not newer than the one held;
   * refused: signed by another key, or for another consortium.
   */
  outcome: 'confirm' | 'accept' | 'unchanged' | 'refused';
  refusal?: 'other-consortium' | 'forged';
  /** Against the roster held (for `accept`). */
  changes?: RosterChangeView;
  /** The fingerprint confirmed here, for a refusal that names both keys. */
  confirmedFingerprint?: string;
}

interface RosterChangeView {
  added: RosterMember[];
  removed: RosterMember[];
  rekeyed: Array<{ member: RosterMember; before: string[] }>;
  /** The coordinator's key before, when the new roster names another one (a rotation). */
  coordinatorKeyBefore?: string;
}

/** What changes from `before` to `after`, member by member, for the officer to read before accepting. */
export function rosterChangeView(before: Roster | undefined, after: Roster): RosterChangeView {
  const old = new Map((before?.members ?? []).map((member) => [member.exchangeId, member]));
  const now = new Set(after.members.map((member) => member.exchangeId));
  const sameKeys = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();
  return {
    added: after.members.filter((member) => !old.has(member.exchangeId)),
    removed: [...old.values()].filter((member) => !now.has(member.exchangeId)),
    rekeyed: after.members.flatMap((member) => {
      const was = old.get(member.exchangeId);
      return was && !sameKeys(was.keyFingerprints, member.keyFingerprints) ? [{ member, before: was.keyFingerprints }] : [];
    }),
    ...(before && before.coordinator.keyFingerprint !== after.coordinator.keyFingerprint ? { coordinatorKeyBefore: before.coordinator.keyFingerprint } : {}),
  };
}
