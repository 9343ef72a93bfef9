/**
 * What every area's handlers share: the services of the core, the native dialogs with titles in
 * the user's language, "save as" with progress events, and the clock that dates file names.
 */
import type { Language } from '../../../shared/framework/schema';
import { languageForLocale, translate } from '../../../shared/i18n';
import type { ChannelName } from '../../../shared/ipc/contract';
import type { AppEvent } from '../../../shared/ipc/events';
import type { IdentityService } from '../../identity/identity';
import type { Handlers } from '../../ipc/router';
import type { DialogService } from '../../platform/dialogs';
import type { AgreementService } from '../../services/agreements';
import type { AssessmentService } from '../../services/assessments';
import type { ConsortiumService } from '../../services/consortium';
import type { EvidenceService } from '../../services/evidence';
import { safeFileName } from '../../services/evidence';
import type { ExchangeService } from '../../services/exchange';
import type { FrameworkCatalog } from '../../services/frameworks';
import type { ImportPreviews } from '../../services/import-previews';
import type { InboxService } from '../../services/inbox';
import type { InstitutionService } from '../../services/institutions';
import type { PartnershipService } from '../../services/partnerships';
import type { TeamService } from '../../services/team';
import type { RosterBook } from '../../consortium/roster';
import type { Store } from '../../store/store';
import type { OpenedFiles } from '../opened-files';

/** The services the handlers call (the app's Core has all of them). */
export interface HandlerContext {
  store: Store;
  identity: IdentityService;
  previews: ImportPreviews;
  frameworks: FrameworkCatalog;
  institutions: InstitutionService;
  assessments: AssessmentService;
  evidenceFiles: EvidenceService;
  partnerships: PartnershipService;
  exchange: ExchangeService;
  agreements: AgreementService;
  inbox: InboxService;
  consortium: ConsortiumService;
  team: TeamService;
  roster: RosterBook;
  openedFiles: OpenedFiles;
}

export interface HandlerOptions {
  dialogs: DialogService;
  appVersion: string;
  platform: string;
  systemLocale: string;
  dataDir: string;
  templatesDir: string;
  /** The core's clock: dated file names and documents follow it (the tests fix it). */
  now: () => Date;
  emit?: (event: AppEvent) => void;
}

export type FileFilter = { name: string; extensions: string[] };
type WriteFile = (outPath: string, onProgress: (done: number, total: number) => void) => Promise<unknown>;

/** The handlers of every channel whose name starts with `area.`. */
export type AreaHandlers<Area extends string> = Pick<Handlers, Extract<ChannelName, `${Area}.${string}`>>;

export interface HandlerTools extends HandlerOptions {
  /** A text of the interface in the user's language (dialog titles, default file names). */
  t: (key: string, params?: Record<string, string | number>) => string;
  /** The day of the clock, `YYYY-MM-DD`, for dated file names. */
  today: () => string;
  /**
   * Asks where to save, writes the file with progress events, and remembers it for "show in
   * folder". Null when the user cancels the dialog.
   */
  saveAs: (task: string, defaultName: string, filter: FileFilter, write: WriteFile) => Promise<{ path: string } | null>;
  /** Progress events of long work that is not a save. */
  progress: (task: string) => (done: number, total: number) => void;
  /** Remembers a path this session wrote, so that "show in folder" may point at it. */
  wrote: (path: string) => void;
  /** Whether this session wrote the path. */
  hasWritten: (path: string) => boolean;
  word: () => FileFilter;
  excel: () => FileFilter;
  exchangeFiles: () => FileFilter;
}

export function handlerTools(core: Pick<HandlerContext, 'store'>, options: HandlerOptions): HandlerTools {
  /** Files this session wrote: the only ones "show in folder" may point at. */
  const written = new Set<string>();
  const uiLanguage = (): Language => core.store.settings.language ?? languageForLocale(options.systemLocale);
  const t = (key: string, params?: Record<string, string | number>) => translate(uiLanguage(), key, params);
  const progress = (task: string) => (done: number, total: number) => options.emit?.({ type: 'progress', task, done, total });
  return {
    ...options,
    t,
    today: () => options.now().toISOString().slice(0, 10),
    progress,
    wrote: (path) => written.add(path),
    hasWritten: (path) => written.has(path),
    saveAs: async (task, defaultName, filter, write) => {
      const path = await options.dialogs.saveFile({ title: t(`dialogs.${task}`), defaultName: safeFileName(defaultName, 'TrustBridge'), filters: [filter] });
      if (!path) return null;
      await write(path, progress(task));
      written.add(path);
      return { path };
    },
    word: () => ({ name: t('dialogs.wordFiles'), extensions: ['docx'] }),
    excel: () => ({ name: t('dialogs.excelFiles'), extensions: ['xlsx'] }),
    exchangeFiles: () => ({ name: t('dialogs.exchangeFiles'), extensions: ['trustbridge'] }),
  };
}
