/**
 * The handlers of the roster.* and syncConflicts.* channels (shared/ipc/reliability-contract.ts),
 * spread into the app's handlers. A roster file opened is held here, by token, until the officer
 * confirms, accepts or closes it: what is taken in is exactly what was shown.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import { rosterChangeView, type RosterOfferView, type RosterView } from '../../../shared/consortium/roster-view';
import type { ReliabilityChannel } from '../../../shared/ipc/reliability-contract';
import type { SyncConflictView } from '../../../shared/store/sync-conflict-view';
import type { RosterBook } from '../../consortium/roster';
import type { Handlers } from '../../ipc/router';
import type { DialogService } from '../../platform/dialogs';
import type { InboxService } from '../../services/inbox';
import { compareSyncConflict, resolveSyncConflict } from '../../store/sync-conflicts';
import type { Store } from '../../store/store';

interface ReliabilityHandlerTools {
  dialogs: DialogService;
  now: () => Date;
  t: (key: string, params?: Record<string, string | number>) => string;
}

/** Opened roster files kept at most (the oldest is let go first). */
const maxOpenRosters = 10;

export function reliabilityHandlers(core: { store: Store; roster: RosterBook; inbox: InboxService }, tools: ReliabilityHandlerTools): Pick<Handlers, ReliabilityChannel> {
  const { roster: book, store, inbox } = core;
  const opened = new Map<string, { fileName: string; bytes: Uint8Array }>();

  const view = (): RosterView => {
    const trust = book.trust;
    const roster = book.roster ?? null;
    const today = tools.now().toISOString().slice(0, 10);
    return {
      trust: trust ? { consortiumId: trust.consortiumId, coordinatorExchangeId: trust.coordinatorExchangeId, coordinatorFingerprint: trust.coordinatorFingerprint, confirmedAt: trust.confirmedAt } : null,
      roster,
      validToday: roster !== null && roster.validFrom <= today && today <= roster.validUntil,
    };
  };
  const take = (token: string) => {
    const file = opened.get(token);
    if (!file) throw new AppError({ code: 'NOT_FOUND', message: 'This roster file is no longer open. Open it again.' });
    return file;
  };
  /** Takes the roster in; the inbox then reads every listed file again under it. */
  const offer = async (token: string): Promise<RosterView> => {
    const result = await book.offer(take(token).bytes);
    if (result.decision.outcome !== 'accepted') throw new AppError({ code: 'CONFLICT', message: result.message });
    opened.delete(token);
    await inbox.recheck();
    return view();
  };

  return {
    'roster.view': () => view(),
    'roster.open': async ({ path }) => {
      const chosen = path ?? (await tools.dialogs.openFiles({ title: tools.t('dialogs.openRoster'), filters: [{ name: tools.t('dialogs.rosterFiles'), extensions: ['tbroster'] }], multiple: false }))?.[0];
      if (!chosen) return null;
      const bytes = await readFile(chosen).catch((error: NodeJS.ErrnoException) => {
        throw new AppError({ code: 'NOT_FOUND', message: `${chosen} could not be read (${error.code ?? 'unreadable'}).`, params: { path: chosen } });
      });
      const preview = await book.preview(new Uint8Array(bytes));
      const token = randomUUID();
      opened.set(token, { fileName: basename(chosen), bytes: new Uint8Array(bytes) });
      while (opened.size > maxOpenRosters) opened.delete(opened.keys().next().value!);
      const { decision, verified } = preview;
      const trust = book.trust;
      const result: RosterOfferView = {
        token,
        fileName: basename(chosen),
        roster: verified.roster,
        signedBy: verified.signedBy,
        signerExchangeId: verified.signerExchangeId,
        outcome: decision.outcome === 'accepted' ? 'accept' : decision.outcome === 'unchanged' ? 'unchanged' : decision.reason === 'not-confirmed' ? 'confirm' : 'refused',
        ...(decision.outcome === 'refused' && decision.reason !== 'not-confirmed' ? { refusal: decision.reason } : {}),
        ...(decision.outcome === 'accepted' ? { changes: rosterChangeView(book.roster, verified.roster) } : {}),
        ...(trust ? { confirmedFingerprint: trust.coordinatorFingerprint } : {}),
      };
      return result;
    },
    'roster.confirm': async ({ token, fingerprint }) => {
      const file = take(token);
      const preview = await book.preview(file.bytes);
      if (preview.verified.signedBy !== fingerprint) {
        throw new AppError({ code: 'CONFLICT', message: 'The fingerprint confirmed is not that of the key this roster is signed with. Nothing was changed.' });
      }
      if (book.trust) throw new AppError({ code: 'CONFLICT', message: 'A coordinator key is confirmed already: a new roster must be signed with it.' });
      await book.confirmCoordinator({ consortiumId: preview.verified.roster.consortiumId, exchangeId: preview.verified.signerExchangeId, fingerprint }, tools.now());
      return offer(token);
    },
    'roster.accept': ({ token }) => offer(token),
    'roster.discard': ({ token }) => {
      opened.delete(token);
      return null;
    },

    'syncConflicts.compare': async ({ noticeId }): Promise<SyncConflictView> => {
      const comparison = await compareSyncConflict(store, noticeId);
      const kind = store.kindOf(comparison.collection);
      const document = kind ? await store.read(kind, comparison.documentId) : undefined;
      return { ...comparison, title: document ? documentTitle(document) : comparison.documentId };
    },
    'syncConflicts.resolve': ({ noticeId, keep }) => resolveSyncConflict(store, noticeId, keep),
  };
}

function documentTitle(document: object): string {
  const record = document as Record<string, unknown>;
  const profile = record['profile'] as Record<string, unknown> | undefined;
  if (typeof profile?.['legalName'] === 'string') return profile['legalName'];
  if (typeof record['title'] === 'string') return record['title'];
  const content = record['content'] as Record<string, unknown> | undefined;
  if (typeof content?.['title'] === 'string') return content['title'];
  if (typeof record['name'] === 'string') return record['name'];
  return String(record['id'] ?? '');
}
