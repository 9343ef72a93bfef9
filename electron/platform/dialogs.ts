/**
 * The native dialogs and shell actions the services need, behind a small interface. The app
 * implements it with Electron's `dialog` and `shell`; tests and the headed demo answer it with a
 * test double that returns prepared paths.
 */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface DialogService {
  /** Paths chosen, or null when the user cancelled. */
  openFiles(options: { title: string; filters: FileFilter[]; multiple: boolean }): Promise<string[] | null>;
  openFolder(options: { title: string }): Promise<string | null>;
  saveFile(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
  /** Opens the OS file manager with the file selected. */
  showInFolder(path: string): void;
  /** Opens a stored file with the application the OS associates with it. */
  openFile(path: string): Promise<void>;
}

/**
 * For work without a window (the command line, the demo writers, headless test runs): every
 * dialog is cancelled and nothing is opened.
 */
export const noDialogs: DialogService = {
  openFiles: async () => null,
  openFolder: async () => null,
  saveFile: async () => null,
  showInFolder: () => undefined,
  openFile: async () => undefined,
};
