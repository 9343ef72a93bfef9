/**
 * The composition root of everything behind IPC: opens the store, builds the services and the
 * router. Electron's main process, the end-to-end harness and the command line all start here;
 * only what differs between them (dialogs, logger, clock) is passed in.
 */
import type { Handlers, Router } from '../ipc/router';
import { createRouter } from '../ipc/router';
import type { AppEvent } from '../../shared/ipc/events';
import type { DialogService } from '../platform/dialogs';
import { InstitutionService, institutionKind } from '../services/institutions';
import { EvidenceStore } from '../store/evidence-store';
import { Store, silentLogger, type Logger } from '../store/store';

export interface CoreOptions {
  dataDir: string;
  templatesDir: string;
  dialogs: DialogService;
  appVersion: string;
  platform: string;
  systemLocale: string;
  now?: () => Date;
  logger?: Logger;
  /** Pushes an event to the renderer (progress of long work). */
  emit?: (event: AppEvent) => void;
  /** Store tuning, for tests and benchmarks. */
  indexFlushDelayMs?: number;
}

export interface Core {
  router: Router;
  store: Store;
  evidence: EvidenceStore;
  institutions: InstitutionService;
  close(): Promise<void>;
}

export const documentKinds = [institutionKind];

export async function openCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const store = await Store.open({
    dataDir: options.dataDir,
    kinds: documentKinds,
    now,
    logger,
    ...(options.indexFlushDelayMs !== undefined ? { indexFlushDelayMs: options.indexFlushDelayMs } : {}),
  });
  const evidence = new EvidenceStore(store.evidenceDir);
  const institutions = new InstitutionService(store, now);

  const handlers: Handlers = {
    'app.info': () => ({
      name: 'TrustBridge',
      version: options.appVersion,
      dataDir: options.dataDir,
      platform: options.platform,
      systemLocale: options.systemLocale,
    }),
    'settings.get': () => store.settings,
    'settings.update': (patch) => store.updateSettings(patch),
    'store.notices': () => store.notices,
    'store.dismissNotice': async ({ id }) => {
      await store.dismissNotice(id);
      return null;
    },
    'institutions.getOwn': () => institutions.getOwn(),
    'institutions.saveOwn': (profile) => institutions.saveOwn(profile),
    'institutions.list': () => institutions.list(),
    'institutions.get': ({ id }) => institutions.get(id),
    'institutions.createPartner': (profile) => institutions.createPartner(profile),
    'institutions.updatePartner': ({ id, profile }) => institutions.updatePartner(id, profile),
    'institutions.removePartner': async ({ id }) => {
      await institutions.removePartner(id);
      return null;
    },
  };

  return {
    router: createRouter(handlers, logger),
    store,
    evidence,
    institutions,
    close: () => store.close(),
  };
}
