import type { Api } from '../shared/ipc/api';

declare global {
  interface Window {
    /** The IPC bridge the preload (or the test harness) exposes. */
    api: Api;
    /** The file-system path of a dropped file (Electron only). */
    droppedFilePath?: (file: File) => string;
  }
}

export {};
