/**
 * TrustBridge's main process: one window, one store, one IPC router.
 */
import { join } from 'node:path';
import { app, dialog, Menu, session, type BrowserWindow } from 'electron';
import { languageForLocale, translate } from '../../shared/i18n';
import type { AppEvent } from '../../shared/ipc/events';
import { ipcEventChannel } from '../../shared/ipc/bridge';
import { openCore, type Core } from '../app/core';
import { fileLogger } from '../platform/logger';
import { exchangeFileArguments, resolveDataDir } from './data-dir';
import { electronDialogs } from './dialogs';
import { registerIpc } from './ipc';
import { osKeychainProtector } from './safe-storage';
import { buildMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenContents, hardenSession } from './security';
import { createMainWindow, preloadPathFor } from './window';

const dataDir = resolveDataDir(process.argv, process.env, app.getPath('userData'), process.cwd());
// One store, one writer: the single-instance lock is taken per data folder, and Chromium's own
// profile goes into a subfolder so it never mixes with the store's files.
app.setPath('userData', dataDir);
app.setPath('sessionData', join(dataDir, '.chromium'));
registerAppScheme();

let mainWindow: BrowserWindow | undefined;
let core: Core | undefined;
const pendingFiles: string[] = exchangeFileArguments(process.argv.slice(1));
const logger = fileLogger(dataDir);

function send(event: AppEvent): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(ipcEventChannel, event);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    const files = exchangeFileArguments(argv.slice(1));
    if (files.length) send({ type: 'files-opened', paths: files });
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (mainWindow) send({ type: 'files-opened', paths: [path] });
    else pendingFiles.push(path);
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.whenReady().then(start, fail);
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  const appRoot = app.getAppPath();
  serveRenderer(join(appRoot, 'dist', 'renderer'));
  core = await openCore({
    dataDir,
    templatesDir: join(appRoot, 'templates'),
    dialogs: electronDialogs(() => mainWindow),
    appVersion: app.getVersion(),
    platform: process.platform,
    systemLocale: app.getLocale(),
    logger,
    emit: send,
    osProtector: osKeychainProtector,
    watchSharedFolder: true,
  });
  registerIpc(core.router, () => mainWindow);
  const language = core.store.settings.language ?? languageForLocale(app.getLocale());
  Menu.setApplicationMenu(
    buildMenu({ language, dataDir, logPath: logger.path, isDevelopment: !app.isPackaged, send, getWindow: () => mainWindow }),
  );
  mainWindow = createMainWindow({ preloadPath: preloadPathFor(__dirname), title: 'TrustBridge' });
  mainWindow.webContents.once('did-finish-load', () => {
    if (pendingFiles.length) send({ type: 'files-opened', paths: pendingFiles.splice(0) });
  });
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
  logger.info(`TrustBridge ${app.getVersion()} started with data folder ${dataDir}`);
}

function fail(error: unknown): void {
  logger.error('Start-up failed', error);
  const language = languageForLocale(app.getLocale());
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox(translate(language, 'startup.failedTitle'), translate(language, 'startup.failedBody', { message, dataDir }));
  app.exit(1);
}

app.on('window-all-closed', () => app.quit());

let closing = false;
app.on('before-quit', (event) => {
  if (!core || closing) return;
  // Finish every save under way and write the catalogue before the process ends.
  event.preventDefault();
  closing = true;
  core
    .close()
    .catch((error: unknown) => logger.error('Closing the store failed', error))
    .finally(() => app.quit());
});
