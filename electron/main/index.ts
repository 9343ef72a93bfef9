/**
 * TrustBridge's main process: one window, one store, one IPC router.
 */
import { join } from 'node:path';
import { app, dialog, Menu, powerMonitor, session, type BrowserWindow } from 'electron';
import { isAppError } from '../../shared/errors';
import { languageForLocale, translate } from '../../shared/i18n';
import type { AppEvent } from '../../shared/ipc/events';
import { ipcEventChannel } from '../../shared/ipc/bridge';
import { openCore, type Core } from '../app/core';
import { OpenedFiles } from '../app/opened-files';
import { rasteriserProblem } from '../export/chart-png';
import { logCleanupTo } from '../platform/files';
import { fileLogger } from '../platform/logger';
import { chromiumProfileDir, exchangeFileArguments, removeChromiumLeftovers, resolveDataDir } from './data-dir';
import { electronDialogs } from './dialogs';
import { registerIpc } from './ipc';
import { osKeychainProtector } from './safe-storage';
import { buildMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenContents, hardenSession } from './security';
import { createMainWindow, preloadPathFor } from './window';

/** The officer's confirmation that the computer named in the data folder's lock no longer uses the folder. */
const takeOverDataFolderFlag = '--take-over-data-folder';
const dataDir = resolveDataDir(process.argv, process.env, app.getPath('userData'), process.cwd());
// Chromium's own profile (Local State, the SingletonLock and SingletonSocket symlinks, caches) stays
// on the local disk, in a folder keyed by the data folder: a data folder on a FAT or exFAT stick
// (no symlinks) or last used on another computer (a stale lock) still opens, the data folder holds
// only TrustBridge's files, and the single-instance lock, which Electron takes on userData, is
// still one per data folder.
const profileDir = chromiumProfileDir(app.getPath('appData'), dataDir, process.platform);
app.setPath('userData', profileDir);
app.setPath('sessionData', profileDir);
registerAppScheme();

let mainWindow: BrowserWindow | undefined;
let core: Core | undefined;
const logger = fileLogger(dataDir);
// Temp files a failed write could not remove, and similar cleanup, are written to the same log.
logCleanupTo(logger);
const language = () => core?.store.settings.language ?? languageForLocale(app.getLocale());

function send(event: AppEvent): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(ipcEventChannel, event);
}

// Files opened with the app wait here until the window asks for them (`app.openedFiles`): at launch
// the window does not exist yet, and during first-run nothing listens.
const openedFiles = new OpenedFiles(() => send({ type: 'files-opened' }));
openedFiles.add(exchangeFileArguments(process.argv.slice(1), process.cwd()));

if (!app.requestSingleInstanceLock()) {
  // Another TrustBridge has this data folder open. It received our command line (second-instance)
  // and takes over the files on it; without files, the user tried to open the folder twice.
  if (exchangeFileArguments(process.argv.slice(1), process.cwd()).length === 0) {
    void app.whenReady().then(() => {
      dialog.showErrorBox(translate(language(), 'startup.inUseTitle'), translate(language(), 'startup.inUseBody', { dataDir }));
      app.quit();
    }, () => app.quit());
  } else {
    app.quit();
  }
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    openedFiles.add(exchangeFileArguments(argv.slice(1), workingDirectory));
  });
  // macOS: a double-click in Finder, also while the app is starting (before ready).
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openedFiles.add([path]);
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  void launch();
}

/** Waits for Electron, then starts; any failure on the way ends in the error box, never in silence. */
async function launch(): Promise<void> {
  try {
    await app.whenReady();
    await start();
  } catch (error) {
    await fail(error);
  }
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  const appRoot = app.getAppPath();
  serveRenderer(join(appRoot, 'dist', 'renderer'));
  const keychain = await osKeychainProtector();
  core = await openCore({
    dataDir,
    templatesDir: join(appRoot, 'templates'),
    dialogs: electronDialogs(() => mainWindow),
    appVersion: app.getVersion(),
    platform: process.platform,
    systemLocale: app.getLocale(),
    logger,
    emit: send,
    osProtector: () => keychain,
    watchSharedFolder: true,
    openedFiles,
    takeOverDataFolder: process.argv.includes(takeOverDataFolderFlag),
  });
  registerIpc(core.router, () => mainWindow);
  Menu.setApplicationMenu(
    buildMenu({ language: language(), dataDir, logPath: logger.path, isDevelopment: !app.isPackaged, send, getWindow: () => mainWindow }),
  );
  mainWindow = createMainWindow({ preloadPath: preloadPathFor(__dirname), title: 'TrustBridge' });
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
  // Windows: at log-off, restart or shutdown, before-quit is not emitted; the store closes here.
  mainWindow.on('session-end', () => void closeStore());
  // Linux and macOS: the system shuts down.
  powerMonitor.on('shutdown', () => void closeStore().finally(() => app.quit()));
  logger.info(`TrustBridge ${app.getVersion()} started with data folder ${dataDir}`);
  const leftovers = await removeChromiumLeftovers(dataDir);
  if (leftovers.length) logger.info(`Removed Chromium's files left in the data folder by an earlier version: ${leftovers.join(', ')}`);
  const problem = rasteriserProblem();
  if (problem) logger.warn(problem);
}

async function fail(error: unknown): Promise<void> {
  logger.error('Start-up failed', error);
  const { title, body } = startupFailureText(error);
  // Also for whoever started the app from a terminal (and the smoke test: the box is modal).
  console.error(`${title}\n${body}`);
  dialog.showErrorBox(title, body);
  // What did open is closed, so the next start finds a clean store; then the process ends and
  // releases the single-instance lock.
  await closeStore();
  app.exit(1);
}

/** The error box's text: the data folder's lock names who holds it; anything else says what failed. */
function startupFailureText(error: unknown): { title: string; body: string } {
  if (isAppError(error) && error.code === 'LOCKED' && error.params?.reason === 'data-folder-locked') {
    const params = { ...error.params, dataDir };
    return {
      title: translate(language(), 'startup.lockedTitle'),
      body: translate(language(), error.params.sameHost ? 'startup.lockedBodySameComputer' : 'startup.lockedBodyOtherComputer', params),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { title: translate(language(), 'startup.failedTitle'), body: translate(language(), 'startup.failedBody', { message, dataDir }) };
}

let closing: Promise<void> | undefined;
/** Finishes every save under way and writes the catalogue; once, whoever asks first. */
function closeStore(): Promise<void> {
  closing ??= (core ? core.close() : Promise.resolve()).catch((error: unknown) => logger.error('Closing the store failed', error));
  return closing;
}

app.on('window-all-closed', () => app.quit());

let closed = false;
app.on('before-quit', (event) => {
  if (!core || closed) return;
  event.preventDefault();
  void closeStore().finally(() => {
    closed = true;
    app.quit();
  });
});
