/**
 * Electron's security checklist, in one file to audit in a minute (the window's own options —
 * context isolation, sandbox, no Node — are literal in window.ts, where Electronegativity reads them):
 * the content security policy, the
 * permission handlers (deny everything), navigation and new windows (blocked), <webview> (blocked),
 * every network request that is not our own app:// origin (cancelled), and the allow-list for
 * links opened in the user's browser.
 */
import type { Session, WebContents } from 'electron';

export const appScheme = 'app';
export const appHost = 'trustbridge';
export const appOrigin = `${appScheme}://${appHost}`;


export function isOwnOrigin(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // No network request, ever: only our own origin (and DevTools' internals) may load anything.
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isOwnOrigin(details.url) || details.url.startsWith('devtools://') || details.url.startsWith('data:') || details.url.startsWith('blob:');
    callback({ cancel: !allowed });
  });
}

export function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isOwnOrigin(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOwnOrigin(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => {
    if (!isOwnOrigin(event.url)) event.preventDefault();
  });
}
