/**
 * What the harness injects into the page before the app's scripts run: what the preload exposes —
 * `window.api`, built by the preload's own `createApi`, over Playwright's binding instead of
 * Electron's IPC, and `window.droppedFilePath`, which answers with the path the harness dropped the
 * file from (Electron's webUtils.getPathForFile answers from the file system; a File made in a page
 * has none, and gets '' as there).
 */
import type { Result } from '../../shared/errors';
import { createApi } from '../../shared/ipc/api';
import type { AppEvent, AppEventListener } from '../../shared/ipc/events';

interface HarnessWindow {
  __trustbridgeInvoke(channel: string, request: unknown): Promise<Result<unknown>>;
  __trustbridgeEmit(event: AppEvent): void;
}

const harnessWindow = window as unknown as Window & HarnessWindow;
const listeners = new Set<AppEventListener>();

harnessWindow.api = createApi(
  (channel, request) => harnessWindow.__trustbridgeInvoke(channel, request),
  (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
);
const dropped = new Map<string, string>();
(harnessWindow as unknown as { __trustbridgeDropped: Map<string, string> }).__trustbridgeDropped = dropped;
harnessWindow.droppedFilePath = (file: File) => dropped.get(`${file.name}|${file.size}`) ?? '';
harnessWindow.__trustbridgeEmit = (event) => {
  for (const listener of listeners) listener(event);
};
