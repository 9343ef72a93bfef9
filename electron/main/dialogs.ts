/** The dialog service over Electron's native dialogs and shell. */
import { dialog, shell, type BrowserWindow } from 'electron';
import { AppError } from '../../shared/errors';
import type { DialogService } from '../platform/dialogs';

export function electronDialogs(getWindow: () => BrowserWindow | undefined): DialogService {
  const parent = () => {
    const window = getWindow();
    return window && !window.isDestroyed() ? window : undefined;
  };
  return {
    async openFiles({ title, filters, multiple }) {
      const options: Electron.OpenDialogOptions = {
        title,
        filters,
        properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : result.filePaths;
    },
    async openFolder({ title }) {
      const options: Electron.OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory'] };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveFile({ title, defaultName, filters }) {
      const options: Electron.SaveDialogOptions = { title, defaultPath: defaultName, filters };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    showInFolder(path) {
      shell.showItemInFolder(path);
    },
    async openFile(path) {
      const problem = await shell.openPath(path);
      if (problem) throw new AppError({ code: 'NOT_FOUND', message: problem, params: { path } });
    },
  };
}
