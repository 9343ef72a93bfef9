/**
 * The composition root of everything behind IPC: opens the store, builds the services and the
 * router. Electron's main process, the end-to-end harness and the command line all start here;
 * only what differs between them (dialogs, logger, clock) is passed in.
 */
import type { AppEvent } from '../../shared/ipc/events';
import { createRouter, type Router } from '../ipc/router';
import type { DialogService } from '../platform/dialogs';
import { ImportPreviews } from '../services/import-previews';
import { IdentityService } from '../identity/identity';
import type { SecretProtector } from '../keys/secret-protector';
import type { ScryptParameters } from '../keys/passphrase-protector';
import { AgreementService, agreementKind } from '../services/agreements';
import { AssessmentService, assessmentKind, type User } from '../services/assessments';
import { RosterBook } from '../consortium/roster';
import { ConsortiumService } from '../services/consortium';
import { ExchangeService } from '../services/exchange';
import { InboxService } from '../services/inbox';
import { FrameworkCatalog, frameworkKind } from '../services/frameworks';
import { InstitutionService, institutionKind } from '../services/institutions';
import { PartnershipService, partnershipKind } from '../services/partnerships';
import { TeamService, contributionRequestKind } from '../services/team';
import { readTeamWorkbook } from '../import/team-questionnaire';
import { EvidenceStore } from '../store/evidence-store';
import { EvidenceService } from '../services/evidence';
import { Store } from '../store/store';
import { silentLogger, type Logger } from '../platform/logger';
import { createHandlers } from './handlers/index';
import { OpenedFiles } from './opened-files';

interface CoreOptions {
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
  /** The system keychain for the signing key, where the platform offers one (Electron's safeStorage). */
  osProtector?: () => SecretProtector | undefined;
  /** Watch the consortium's shared folder (the app does; the command line does not). */
  watchSharedFolder?: boolean;
  /** How often the shared folder is read again without a notification. */
  sharedFolderPollMs?: number;
  /** Files the operating system handed over; the main process fills it, the renderer takes them. */
  openedFiles?: OpenedFiles;
  /** The officer confirmed that the computer named in the data folder's lock no longer uses it (`--take-over-data-folder`). */
  takeOverDataFolder?: boolean;
  /** The scrypt cost of a new passphrase-protected key; tests only (see IdentityService). */
  passphraseCost?: ScryptParameters;
  /** Store tuning, for tests and benchmarks. */
  indexFlushDelayMs?: number;
  snapshotEveryMs?: number;
}

export interface Core {
  router: Router;
  store: Store;
  evidence: EvidenceStore;
  /** Evidence files attached to answers, and copies of them to open. */
  evidenceFiles: EvidenceService;
  identity: IdentityService;
  /** Every import preview open, of every kind, by token. */
  previews: ImportPreviews;
  frameworks: FrameworkCatalog;
  institutions: InstitutionService;
  assessments: AssessmentService;
  partnerships: PartnershipService;
  exchange: ExchangeService;
  agreements: AgreementService;
  inbox: InboxService;
  consortium: ConsortiumService;
  roster: RosterBook;
  team: TeamService;
  openedFiles: OpenedFiles;
  close(): Promise<void>;
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  // The catalogue of frameworks comes first: summarising an assessment needs its framework.
  const frameworks = await FrameworkCatalog.load(options.templatesDir, now);
  const assessmentDocuments = assessmentKind(frameworks.structureOf);
  const store = await Store.open({
    dataDir: options.dataDir,
    kinds: [institutionKind, frameworkKind, assessmentDocuments, partnershipKind, agreementKind, contributionRequestKind],
    now,
    logger,
    folderLock: { appVersion: options.appVersion, ...(options.takeOverDataFolder ? { takeOver: true } : {}) },
    ...(options.indexFlushDelayMs !== undefined ? { indexFlushDelayMs: options.indexFlushDelayMs } : {}),
    ...(options.snapshotEveryMs !== undefined ? { snapshotEveryMs: options.snapshotEveryMs } : {}),
  });
  await frameworks.attach(store);
  // Assessments summarised before their (stored) framework was known are scored now.
  await store.resummarise(
    assessmentDocuments,
    // (and completed ones summarised before their validity was kept in the catalogue)
    store
      .entries(assessmentDocuments)
      .filter((entry) => !entry.summary.scored || (entry.summary.completedAt !== undefined && entry.summary.validUntil === undefined))
      .map((entry) => entry.id),
  );

  // The identity (own key, partner keys) comes before every service that signs or verifies.
  const identity = await IdentityService.open({
    dataDir: options.dataDir,
    now,
    notify: (notice) => store.recordNotice(notice),
    logger,
    ...(options.osProtector ? { osProtector: options.osProtector } : {}),
    ...(options.passphraseCost ? { passphraseCost: options.passphraseCost } : {}),
  });
  const user = (): User => ({ name: store.settings.userName, role: store.settings.userRole });
  const evidence = new EvidenceStore(store.evidenceDir, { dataDir: options.dataDir, notify: (notice) => store.recordNotice(notice), now });
  const institutions = new InstitutionService(store, now);
  const assessments = new AssessmentService(store, frameworks, institutions, now, user, assessmentDocuments);
  const partnerships = new PartnershipService(store, institutions, assessments, now, user);
  const agreements = new AgreementService({ store, templatesDir: options.templatesDir, institutions, assessments, partnerships, frameworks, identity, now, user });
  const previews = new ImportPreviews();
  const exchange = new ExchangeService({ store, identity, agreements, previews, institutions, assessments, partnerships, frameworks, now, user });
  // The consortium key roster the officer confirmed, if any: it decides which keys the inbox trusts.
  const roster = await RosterBook.open(options.dataDir);
  const inbox = await InboxService.open({
    dataDir: options.dataDir,
    roster: () => roster.roster,
    store,
    exchange,
    now,
    onChange: (view) => options.emit?.({ type: 'inbox-changed', count: view.entries.length }),
    ...(options.sharedFolderPollMs !== undefined ? { pollMs: options.sharedFolderPollMs } : {}),
  });
  if (options.watchSharedFolder) void inbox.start().catch((error: unknown) => logger.warn('The shared folder could not be read', error));
  const consortium = new ConsortiumService({ store, institutions, assessments, partnerships, frameworks, identity, now });
  const team = new TeamService({ store, assessments, institutions, signing: identity, now, user, readWorkbook: (path, assessment) => readTeamWorkbook({ frameworks }, path, assessment, now) });
  const openedFiles = options.openedFiles ?? new OpenedFiles(() => options.emit?.({ type: 'files-opened' }));
  const evidenceFiles = new EvidenceService(evidence, assessments, options.dataDir);
  const core = { store, evidence, evidenceFiles, identity, previews, frameworks, institutions, assessments, partnerships, exchange, agreements, inbox, consortium, roster, team, openedFiles };

  return {
    ...core,
    router: createRouter(createHandlers(core, { ...options, now }), logger),
    close: async () => {
      await inbox.stop();
      await store.close();
    },
  };
}
