/**
 * What the harness injects into the page before the app's scripts run: `window.api`, built by the
 * preload's own `createApi`, over Playwright's binding instead of Electron's IPC.
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
harnessWindow.__trustbridgeEmit = (event) => {
  for (const listener of listeners) listener(event);
};
