import { join } from 'node:path';
import { BrowserWindow, nativeTheme } from 'electron';
import { appOrigin, hardenContents, secureWebPreferences } from './security';

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
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  hardenContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}

export function preloadPathFor(mainDir: string): string {
  return join(mainDir, 'preload.cjs');
}
