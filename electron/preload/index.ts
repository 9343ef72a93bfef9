/**
 * The preload: exposes `window.api`, built from the IPC contract, and nothing else. It runs
 * sandboxed, so it is bundled into one CommonJS file and may only use `contextBridge`,
 * `ipcRenderer` and `webUtils` from Electron.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { createApi } from '../../shared/ipc/api';
import { ipcChannelPrefix, ipcEventChannel } from '../../shared/ipc/bridge';
import type { AppEvent, AppEventListener } from '../../shared/ipc/events';

const api = createApi(
  (channel, request) => ipcRenderer.invoke(ipcChannelPrefix + channel, request),
  (listener: AppEventListener) => {
    const handler = (_event: IpcRendererEvent, appEvent: AppEvent) => listener(appEvent);
    ipcRenderer.on(ipcEventChannel, handler);
    return () => {
      ipcRenderer.removeListener(ipcEventChannel, handler);
    };
  },
);

contextBridge.exposeInMainWorld('api', api);
// Dropped files carry no path in a sandboxed page; this gives the path of a dropped File only.
contextBridge.exposeInMainWorld('droppedFilePath', (file: File) => webUtils.getPathForFile(file));
