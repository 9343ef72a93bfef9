import { join } from 'node:path';
import { BrowserWindow, nativeTheme } from 'electron';
import { appOrigin, hardenContents } from './security';

export function createMainWindow(options: { preloadPath: string; iconPath?: string; title: string }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: options.title,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15181d' : '#f7f8fa',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Middle-click opens links in a new window without going through will-navigate.
      disableBlinkFeatures: 'Auxclick',
      // Chromium's spellchecker downloads dictionaries on Linux: a network request we never make.
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  });
  hardenContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}

export function preloadPathFor(mainDir: string): string {
  return join(mainDir, 'preload.cjs');
}
