/**
 * Wires the router to `ipcMain`: one handler per contract channel. Before a request reaches the
 * router (which checks it against the channel's schema), its sender is checked: it must be our
 * own window's main frame, showing our own origin. Anything else is refused.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Result } from '../../shared/errors';
import { ipcChannelPrefix } from '../../shared/ipc/bridge';
import type { Router } from '../ipc/router';
import { isOwnOrigin } from './security';

export function registerIpc(router: Router, getWindow: () => BrowserWindow | undefined): void {
  for (const channel of router.channels) {
    ipcMain.handle(ipcChannelPrefix + channel, async (event: IpcMainInvokeEvent, request: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, getWindow())) {
        return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'This request did not come from the TrustBridge window.' } };
      }
      return router.invoke(channel, request);
    });
  }
}

function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | undefined): boolean {
  if (!window || window.isDestroyed()) return false;
  if (event.sender.id !== window.webContents.id) return false;
  const frame = event.senderFrame;
  if (!frame || frame !== window.webContents.mainFrame) return false;
  return isOwnOrigin(frame.url);
}
