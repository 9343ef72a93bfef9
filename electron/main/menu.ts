/**
 * The application menu. Labels come from the translation files; commands that belong to the UI
 * are sent to the renderer as navigation events.
 */
import { Menu, app, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../shared/framework/schema';
import { translate } from '../../shared/i18n';
import type { AppEvent } from '../../shared/ipc/events';

interface MenuContext {
  language: Language;
  dataDir: string;
  logPath: string;
  isDevelopment: boolean;
  send(event: AppEvent): void;
  getWindow(): BrowserWindow | undefined;
}

export function buildMenu(context: MenuContext): Menu {
  const t = (key: string) => translate(context.language, `menu.${key}`);
  const go = (to: string) => () => context.send({ type: 'navigate', to });
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: t('file'),
      submenu: [
        { label: t('newAssessment'), accelerator: 'CmdOrCtrl+N', click: go('/assessments/new') },
        { label: t('importExchange'), accelerator: 'CmdOrCtrl+O', click: go('/exchange/import') },
        { type: 'separator' },
        { label: t('settings'), accelerator: 'CmdOrCtrl+,', click: go('/settings') },
        { type: 'separator' },
        isMac ? { role: 'close', label: t('close') } : { role: 'quit', label: t('quit') },
      ],
    },
    {
      label: t('edit'),
      submenu: [
        { role: 'undo', label: t('undo') },
        { role: 'redo', label: t('redo') },
        { type: 'separator' },
        { role: 'cut', label: t('cut') },
        { role: 'copy', label: t('copy') },
        { role: 'paste', label: t('paste') },
        { role: 'selectAll', label: t('selectAll') },
      ],
    },
    {
      label: t('view'),
      submenu: [
        { label: t('home'), accelerator: 'CmdOrCtrl+1', click: go('/') },
        { label: t('assessments'), accelerator: 'CmdOrCtrl+2', click: go('/assessments') },
        { label: t('partnerships'), accelerator: 'CmdOrCtrl+3', click: go('/partnerships') },
        { label: t('guide'), accelerator: 'CmdOrCtrl+4', click: go('/guide') },
        { type: 'separator' },
        { role: 'resetZoom', label: t('resetZoom') },
        { role: 'zoomIn', label: t('zoomIn') },
        { role: 'zoomOut', label: t('zoomOut') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t('fullScreen') },
        ...(context.isDevelopment ? [{ role: 'toggleDevTools' as const }] : []),
      ],
    },
    {
      label: t('help'),
      submenu: [
        { label: t('openDataFolder'), click: () => void shell.openPath(context.dataDir) },
        { label: t('openLog'), click: () => shell.showItemInFolder(context.logPath) },
        { type: 'separator' },
        { label: `${t('about')} TrustBridge ${app.getVersion()}`, click: go('/settings/about') },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
