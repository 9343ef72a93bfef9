/**
 * The IPC channels of the consortium key roster (`roster.*`) and of the second versions a sync
 * service leaves beside documents (`syncConflicts.*`), spread into the one contract in contract.ts.
 */
import { z } from 'zod';
import type { RosterOfferView, RosterView } from '../consortium/roster-view';
import type { SyncConflictView } from '../store/sync-conflict-view';
import { channel } from './channel';

const token = z.string().min(1).max(80);
const fingerprint = z.string().regex(/^[0-9a-f]{64}$/);
/** Only roster files may be named by the renderer; anything else comes from the open dialog. */
const rosterPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((value) => value.toLowerCase().endsWith('.tbroster'), { error: 'validation.rosterFile' });

export const reliabilityContract = {
  /** The coordinator key confirmed here and the roster in force. */
  'roster.view': channel(z.strictObject({})).returns<RosterView>(),
  /** Opens a roster file (path, or the open dialog), checks its signature and says what taking it in would do; changes nothing. */
  'roster.open': channel(z.strictObject({ path: rosterPath.optional() })).returns<RosterOfferView | null>(),
  /**
   * The officer compared the fingerprint with the coordinator and confirms it: the key becomes the
   * coordinator's and the opened roster is taken in. `fingerprint` must be the one shown.
   */
  'roster.confirm': channel(z.strictObject({ token, fingerprint })).returns<RosterView>(),
  /** Takes in an opened roster signed by the confirmed coordinator key. */
  'roster.accept': channel(z.strictObject({ token })).returns<RosterView>(),
  /** Closes an opened roster without taking it in. */
  'roster.discard': channel(z.strictObject({ token })).returns<null>(),

  /** The second version named in a `sync-conflict` notice, compared with the stored document. */
  'syncConflicts.compare': channel(z.strictObject({ noticeId: token })).returns<SyncConflictView>(),
  /** Keeps one version; the other is moved to quarantine/ (never deleted) and the notice dismissed. */
  'syncConflicts.resolve': channel(z.strictObject({ noticeId: token, keep: z.enum(['document', 'conflict-copy']) })).returns<{ setAsidePath: string }>(),
} as const;

export type ReliabilityChannel = keyof typeof reliabilityContract;
