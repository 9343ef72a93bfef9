/**
 * Electron's security checklist, in one file to audit in a minute:
 * the window options (context isolation, sandbox, no Node), the content security policy, the
 * permission handlers (deny everything), navigation and new windows (blocked), <webview> (blocked),
 * every network request that is not our own app:// origin (cancelled), and the allow-list for
 * links opened in the user's browser.
 */
import type { Session, WebContents, WebPreferences } from 'electron';

export const appScheme = 'app';
export const appHost = 'trustbridge';
export const appOrigin = `${appScheme}://${appHost}`;

export { contentSecurityPolicy } from '../../shared/security/csp';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // Chromium's spellchecker downloads dictionaries on Linux: a network request we never make.
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

export function isOwnOrigin(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}

/** Links the user may open in their browser: plain http(s) only, never file:, javascript: or custom schemes. */
export function isAllowedExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 2000) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === '';
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
