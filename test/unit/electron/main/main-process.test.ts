/**
 * The main process's wiring, under Node with Electron replaced by the one mock
 * (test/support/electron-mock.ts): what it asks of Electron at start, how it answers IPC, and what
 * it refuses. The same code runs under real Electron in the smoke test where a binary exists.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, electronState, FakeWebContents, type FakeBrowserWindow } from '../../../support/electron-mock';
import { repoRoot } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';

vi.mock('electron', () => electronMock());

let data: Awaited<ReturnType<typeof tempFolder>>;
let appData: Awaited<ReturnType<typeof tempFolder>>;
const originalArgv = process.argv;

beforeAll(async () => {
  // The protocol handler reads the built page; a minimal one is enough when no build exists.
  const page = join(repoRoot, 'dist/renderer/index.html');
  if (!existsSync(page)) {
    await mkdir(join(repoRoot, 'dist/renderer'), { recursive: true });
    await writeFile(page, '<!doctype html><html><head></head><body></body></html>');
  }
});

beforeEach(async () => {
  electronState.reset();
  vi.resetModules();
  data = await tempFolder();
  appData = await tempFolder('trustbridge-appdata-');
  electronState.paths.set('appData', appData.path);
  process.argv = ['electron', '.', '--data-dir', data.path];
});

afterEach(async () => {
  // Quit as the app does, so the store closes (and its background snapshot ends) before the folder goes.
  if (electronState.windows.length && electronState.exitCode === undefined) {
    (await electronApp()).quit();
    await vi.waitFor(() => expect(electronState.exitCode).toBe(0));
  }
  process.argv = originalArgv;
  await data.remove();
  await appData.remove();
});

async function electronApp() {
  return (await import('electron')).app as unknown as { quit(): void };
}

async function startMain() {
  await import('../../../../electron/main/index');
  electronState.becomeReady();
  await vi.waitFor(() => expect(electronState.windows).toHaveLength(1), { timeout: 5000 });
  const window = electronState.windows[0]!;
  // The page loads as in Chromium: did-finish-load, then ready-to-show shows the window.
  await vi.waitFor(() => expect(window.visible).toBe(true));
  return window;
}

/** What the renderer does once it is ready: asks the main process for files opened with the app. */
async function takeOpenedFiles(window: FakeBrowserWindow) {
  const handler = electronState.ipcHandlers.get('trustbridge:app.openedFiles');
  expect(handler, 'the app.openedFiles channel').toBeDefined();
  return handler!(window.webContents.invokeEvent(), {});
}

describe('the main process', () => {
  it('registers its app:// scheme, keeps the store in the data folder and Chromium’s profile outside it', async () => {
    await import('../../../../electron/main/index');
    expect(electronState.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    // Electron takes the single-instance lock on userData: one profile folder per data folder, on the local disk.
    const profile = electronState.paths.get('userData')!;
    expect(profile.startsWith(join(appData.path, 'TrustBridge Chromium profiles'))).toBe(true);
    expect(profile.startsWith(data.path)).toBe(false);
    expect(electronState.paths.get('sessionData')).toBe(profile);
  });

  it('removes what Chromium left in the data folder under an earlier version, and nothing of the store', async () => {
    await mkdir(join(data.path, '.chromium', 'Cache'), { recursive: true });
    await writeFile(join(data.path, '.chromium', 'Cache', 'data_0'), 'cache');
    await writeFile(join(data.path, 'Local State'), '{}');
    await symlink('other-computer-12345', join(data.path, 'SingletonLock'));
    await startMain();
    await vi.waitFor(async () => expect(await readFile(join(data.path, 'logs', 'trustbridge.log'), 'utf8')).toMatch(/Removed Chromium's files/));
    const { readdir } = await import('node:fs/promises');
    const names = await readdir(data.path);
    expect(names).not.toContain('.chromium');
    expect(names).not.toContain('Local State');
    expect(names).not.toContain('SingletonLock');
    expect(names).toContain('index.json');
  });

  it('takes a different profile, and so a different single-instance lock, for another data folder', async () => {
    await import('../../../../electron/main/index');
    const first = electronState.paths.get('userData');
    electronState.reset();
    electronState.paths.set('appData', appData.path);
    vi.resetModules();
    const other = await tempFolder();
    try {
      process.argv = ['electron', '.', '--data-dir', other.path];
      await import('../../../../electron/main/index');
      expect(electronState.paths.get('userData')).not.toBe(first);
    } finally {
      await other.remove();
    }
  });

  it('says the data folder is in use when another instance holds it and no file was handed over', async () => {
    electronState.singleInstance = false;
    await import('../../../../electron/main/index');
    expect(electronState.windows).toHaveLength(0);
    electronState.becomeReady();
    await vi.waitFor(() => expect(electronState.exitCode).toBe(0));
    // After ready: on Linux an error box before ready only reaches stderr.
    expect(electronState.errorBoxes).toEqual([{ title: 'TrustBridge ist bereits geöffnet', body: expect.stringContaining(data.path), beforeReady: false }]);
    expect(electronState.windows).toHaveLength(0);
  });

  it('quits quietly when another instance holds the data folder and takes the files it was given', async () => {
    electronState.singleInstance = false;
    process.argv = ['electron', '.', '--data-dir', data.path, '/home/ana/porto.trustbridge'];
    await import('../../../../electron/main/index');
    expect(electronState.exitCode).toBe(0);
    electronState.becomeReady();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(electronState.errorBoxes).toEqual([]);
  });

  it('shows a failed start-up in an error box that names the data folder, logs it and ends the process', async () => {
    // An installation without its renderer: start() throws after Electron is ready.
    const empty = await tempFolder('trustbridge-app-');
    electronState.appPath = empty.path;
    try {
      await import('../../../../electron/main/index');
      electronState.becomeReady();
      await vi.waitFor(() => expect(electronState.exitCode).toBe(1));
      expect(electronState.errorBoxes).toEqual([{ title: 'TrustBridge konnte nicht gestartet werden', body: expect.stringContaining(data.path), beforeReady: false }]);
      expect(electronState.errorBoxes[0]!.body).toMatch(/index\.html/);
      expect(await readFile(join(data.path, 'logs', 'trustbridge.log'), 'utf8')).toMatch(/ERROR Start-up failed/);
      expect(electronState.windows).toHaveLength(0);
    } finally {
      await empty.remove();
    }
  });

  it('refuses a data folder another computer holds, naming it, and opens it once the officer confirms it stale', async () => {
    // Given the data folder's lock, written by TrustBridge on another computer
    const lock = { host: 'laptop-of-ana', user: 'ana', pid: 4242, startedAt: '2026-11-30T08:15:00.000Z', appVersion: '1.4.0', token: 'a1b2c3' };
    await writeFile(join(data.path, 'trustbridge.lock'), JSON.stringify(lock));
    await import('../../../../electron/main/index');
    electronState.becomeReady();
    await vi.waitFor(() => expect(electronState.exitCode).toBe(1));
    expect(electronState.windows).toHaveLength(0);
    expect(electronState.errorBoxes).toEqual([{ title: 'Dieser Datenordner wird gerade verwendet', body: expect.stringContaining(data.path), beforeReady: false }]);
    const body = electronState.errorBoxes[0]!.body;
    expect(body).toContain('für ana auf dem Computer laptop-of-ana');
    expect(body).toContain('2026-11-30T08:15:00.000Z');
    expect(body).toContain('--take-over-data-folder');
    expect(JSON.parse(await readFile(join(data.path, 'trustbridge.lock'), 'utf8'))).toEqual(lock);

    // When the officer starts it again with the confirmation, the folder opens here
    electronState.reset();
    vi.resetModules();
    electronState.paths.set('appData', appData.path);
    process.argv = ['electron', '.', '--data-dir', data.path, '--take-over-data-folder'];
    await startMain();
    expect(JSON.parse(await readFile(join(data.path, 'trustbridge.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('shows the error box and ends the process when the store cannot be opened', async () => {
    // A "data folder" that is a file: the store cannot open there.
    const notAFolder = join(data.path, 'not-a-folder');
    await writeFile(notAFolder, 'a file');
    process.argv = ['electron', '.', '--data-dir', notAFolder];
    await import('../../../../electron/main/index');
    electronState.becomeReady();
    await vi.waitFor(() => expect(electronState.exitCode).toBe(1));
    expect(electronState.errorBoxes).toHaveLength(1);
    expect(electronState.errorBoxes[0]!.body).toContain(notAFolder);
  });

  it('shows the error box when Electron itself fails to become ready', async () => {
    await import('../../../../electron/main/index');
    electronState.failReady(new Error('GPU process could not start'));
    await vi.waitFor(() => expect(electronState.exitCode).toBe(1));
    expect(electronState.errorBoxes[0]!.body).toMatch(/GPU process could not start/);
  });

  it('starts from a package, where app.getAppPath() is resources/app.asar', async () => {
    // What Electron's file system shows of an asar: a folder named app.asar (Node inside Electron
    // reads it), with the unpacked fonts beside it in app.asar.unpacked.
    const installed = await tempFolder('trustbridge-installed-');
    try {
      const asar = join(installed.path, 'resources', 'app.asar');
      await mkdir(join(asar, 'dist'), { recursive: true });
      await symlink(join(repoRoot, 'dist', 'renderer'), join(asar, 'dist', 'renderer'));
      await symlink(join(repoRoot, 'templates'), join(asar, 'templates'));
      electronState.appPath = asar;
      electronState.isPackaged = true;
      await startMain();
      const page = await electronState.protocolHandlers.get('app')!(new Request('app://trustbridge/index.html'));
      expect(page.status).toBe(200);
      // The chart fonts are read where native code can open them, outside the archive.
      const { chartFontPaths } = await import('../../../../electron/export/chart-png');
      expect(chartFontPaths(join(asar, 'templates'))[0]).toBe(join(installed.path, 'resources', 'app.asar.unpacked', 'templates', 'fonts', 'DejaVuSans.ttf'));
      // A package has no developer tools in its menu.
      const template = electronState.menuTemplate as Array<{ submenu: Array<{ role?: string }> }>;
      expect(template.flatMap((item) => item.submenu).some((item) => item.role === 'toggleDevTools')).toBe(false);
    } finally {
      (await electronApp()).quit();
      await vi.waitFor(() => expect(electronState.exitCode).toBe(0));
      await installed.remove();
    }
  });

  it('opens one window with a sandboxed, isolated renderer without Node, on app://', async () => {
    const window = await startMain();
    expect(window.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: expect.stringMatching(/preload\.cjs$/),
    });
    expect(window.loadedUrl).toBe('app://trustbridge/index.html');
    expect(window.webContents.windowOpenHandler?.()).toEqual({ action: 'deny' });
    const navigation = { preventDefault: vi.fn() };
    window.webContents.emit('will-navigate', navigation, 'https://example.org/');
    expect(navigation.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission and cancels every request that is not its own origin', async () => {
    await startMain();
    const permission = vi.fn();
    electronState.sessionHandlers['permissionRequest']!(null, 'media', permission);
    expect(permission).toHaveBeenCalledWith(false);
    expect(electronState.sessionHandlers['permissionCheck']!()).toBe(false);
    const decide = (url: string) => {
      let answer: unknown;
      electronState.sessionHandlers['beforeRequest']!({ url }, (response: unknown) => (answer = response));
      return answer;
    };
    expect(decide('https://cdn.example.org/x.js')).toEqual({ cancel: true });
    expect(decide('http://127.0.0.1:8080/')).toEqual({ cancel: true });
    expect(decide('app://trustbridge/assets/index.js')).toEqual({ cancel: false });
  });

  it('answers IPC only from its own window and origin, and checks each request', async () => {
    const window = await startMain();
    const handler = electronState.ipcHandlers.get('trustbridge:institutions.getOwn')!;
    expect(handler).toBeDefined();
    const own = window.webContents.invokeEvent();
    expect(await handler(own, {})).toEqual({ ok: true, value: null });
    expect(await handler(own, { unexpected: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });

    const stranger = new FakeWebContents();
    stranger.navigate('app://trustbridge/index.html');
    expect(await handler(stranger.invokeEvent(), {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    // A frame inside our page, even of our own origin, is not our main frame.
    const child = window.webContents.childFrame('app://trustbridge/index.html');
    expect(await handler({ sender: window.webContents, senderFrame: child }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    // A request from the document before the last navigation: another WebFrameMain.
    const before = window.webContents.mainFrame;
    window.webContents.navigate('app://trustbridge/index.html');
    expect(await handler({ sender: window.webContents, senderFrame: before }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    // The frame navigated away (a will-navigate that slipped through): refused by origin.
    window.webContents.navigate('https://evil.example/');
    expect(await handler(window.webContents.invokeEvent(), {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    // A frame that was destroyed reaches the handler as null.
    expect(await handler({ sender: window.webContents, senderFrame: null }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('serves the renderer from app:// with the content security policy, and nothing outside it', async () => {
    await startMain();
    const serve = electronState.protocolHandlers.get('app')!;
    const page = await serve(new Request('app://trustbridge/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    expect((await serve(new Request('app://trustbridge/..%2F..%2Fpackage.json'))).status).toBe(403);
    expect((await serve(new Request('app://other/index.html'))).status).toBe(404);
  });

  it('labels its menu in the system language (German here) and sends navigation to the renderer', async () => {
    const window = await startMain();
    const template = electronState.menuTemplate as Array<{ label?: string; submenu: Array<{ label?: string; click?: () => void }> }>;
    const labels = template.map((item) => item.label);
    expect(labels).toContain('Datei');
    const view = template.find((item) => item.label === 'Ansicht')!;
    view.submenu.find((item) => item.label === 'Partnerschaften')!.click!();
    expect(window.webContents.sent).toContainEqual(['trustbridge:event', { type: 'navigate', to: '/partnerships' }]);
  });

  it('finishes saving and closes the store before it quits', async () => {
    await startMain();
    (await electronApp()).quit();
    await vi.waitFor(() => expect(electronState.exitCode).toBe(0));
    expect(await cleanShutdown()).toBe(true);
  });

  it('closes the store when Windows ends the session (log-off, restart), where before-quit is not emitted', async () => {
    const window = await startMain();
    window.emit('session-end', { reasons: ['logoff'] });
    await vi.waitFor(async () => expect(await cleanShutdown()).toBe(true));
  });

  it('closes the store and quits when Linux or macOS shuts down', async () => {
    await startMain();
    electronState.powerMonitorEvents.emit('shutdown');
    await vi.waitFor(() => expect(electronState.exitCode).toBe(0));
    expect(await cleanShutdown()).toBe(true);
  });
});

describe('files opened with the app (double-click, Open with)', () => {
  it('keeps a file the app was launched with until the window asks for it, and gives it once', async () => {
    const file = join(data.path, 'porto.trustbridge');
    process.argv = ['electron', '.', '--data-dir', data.path, file];
    const window = await startMain();
    // The page has loaded, but a renderer still busy starting (or in first-run) listens to nothing:
    // the file waits until it is asked for.
    expect(await takeOpenedFiles(window)).toEqual({ ok: true, value: [file] });
    expect(await takeOpenedFiles(window)).toEqual({ ok: true, value: [] });
  });

  it('queues a file opened while the app runs, from its second instance’s folder, and tells the window', async () => {
    const window = await startMain();
    electronState.appEvents.emit('second-instance', { preventDefault() {} }, ['trustbridge', '--data-dir', data.path, 'inbox/porto.trustbridge'], '/home/ana', {});
    expect(window.webContents.sent).toContainEqual(['trustbridge:event', { type: 'files-opened' }]);
    expect(await takeOpenedFiles(window)).toEqual({ ok: true, value: ['/home/ana/inbox/porto.trustbridge'] });
  });

  it('keeps a file macOS opens before the window exists', async () => {
    await import('../../../../electron/main/index');
    const opened = { preventDefault: vi.fn() };
    electronState.appEvents.emit('open-file', opened, '/Users/ana/porto.trustbridge');
    expect(opened.preventDefault).toHaveBeenCalled();
    electronState.becomeReady();
    await vi.waitFor(() => expect(electronState.windows).toHaveLength(1));
    expect(await takeOpenedFiles(electronState.windows[0]!)).toEqual({ ok: true, value: ['/Users/ana/porto.trustbridge'] });
  });

  it('gives the files to its own window only', async () => {
    process.argv = ['electron', '.', '--data-dir', data.path, '/home/ana/porto.trustbridge'];
    const window = await startMain();
    const stranger = new FakeWebContents();
    stranger.navigate('app://trustbridge/index.html');
    const handler = electronState.ipcHandlers.get('trustbridge:app.openedFiles')!;
    expect(await handler(stranger.invokeEvent(), {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await takeOpenedFiles(window)).toEqual({ ok: true, value: ['/home/ana/porto.trustbridge'] });
  });
});

describe('the signing key in the system keychain', () => {
  it('uses the keychain through Electron 45’s asynchronous safeStorage, without deprecated calls', async () => {
    electronState.keychain = 'available';
    const window = await startMain();
    const invoke = (channel: string, request: unknown) => electronState.ipcHandlers.get(`trustbridge:${channel}`)!(window.webContents.invokeEvent(), request);
    expect(await invoke('keys.status', {})).toMatchObject({ ok: true, value: { osKeychainAvailable: true, hasKey: false } });
    expect(await invoke('keys.create', {})).toMatchObject({ ok: true, value: { hasKey: true, unlocked: true, method: 'os-keychain' } });
    expect(electronState.deprecations).toEqual([]);
  });

  it('seals the key again when the keychain’s key was rotated, so the key still opens once the old one is gone', async () => {
    const keyFile = join(data.path, 'keys', 'own-key.json');
    const stored = async () => JSON.parse(await readFile(keyFile, 'utf8')) as { exchangeId: string; current: { fingerprint: string; sealedPrivateKey: string } };
    const sealedWith = async () => Buffer.from((await stored()).current.sealedPrivateKey, 'base64').subarray(0, 10).toString('latin1');
    const start = async (keychainKey: number, keychainOldestKey: number) => {
      electronState.reset();
      electronState.paths.set('appData', appData.path);
      vi.resetModules();
      Object.assign(electronState, { keychain: 'available', keychainKey, keychainOldestKey });
      const window = await startMain();
      return (channel: string, request: unknown) => electronState.ipcHandlers.get(`trustbridge:${channel}`)!(window.webContents.invokeEvent(), request);
    };
    const quit = async () => {
      (await electronApp()).quit();
      await vi.waitFor(() => expect(electronState.exitCode).toBe(0));
    };

    let invoke = await start(1, 1);
    expect(await invoke('keys.create', {})).toMatchObject({ ok: true, value: { unlocked: true, method: 'os-keychain' } });
    const created = await stored();
    expect(await sealedWith()).toMatch(/^sealed:v1:/);
    await quit();

    // The system keychain has a new key and still holds the old one: safeStorage opens the key and
    // says shouldReEncrypt; the app seals it again with the new key. The key itself is the same.
    invoke = await start(2, 1);
    expect(await invoke('keys.status', {})).toMatchObject({ ok: true, value: { hasKey: true, unlocked: true, method: 'os-keychain' } });
    expect(await sealedWith()).toMatch(/^sealed:v2:/);
    const resealed = await stored();
    expect({ exchangeId: resealed.exchangeId, fingerprint: resealed.current.fingerprint }).toEqual({ exchangeId: created.exchangeId, fingerprint: created.current.fingerprint });
    await quit();

    // The old key is gone: the key still opens, and nothing is written when nothing is asked.
    const before = await readFile(keyFile);
    invoke = await start(2, 2);
    expect(await invoke('keys.status', {})).toMatchObject({ ok: true, value: { hasKey: true, unlocked: true, method: 'os-keychain' } });
    expect(await readFile(keyFile)).toEqual(before);
    expect(electronState.deprecations).toEqual([]);
  });

  it('offers the passphrase where there is no keychain, or only Linux’s hard-coded one', async () => {
    for (const keychain of ['unavailable', 'basic_text'] as const) {
      electronState.reset();
      electronState.paths.set('appData', appData.path);
      vi.resetModules();
      electronState.keychain = keychain;
      const window = await startMain();
      const status = await electronState.ipcHandlers.get('trustbridge:keys.status')!(window.webContents.invokeEvent(), {});
      expect(status, keychain).toMatchObject({ ok: true, value: { osKeychainAvailable: false } });
      (await electronApp()).quit();
      await vi.waitFor(() => expect(electronState.exitCode).toBe(0));
    }
    expect(electronState.deprecations).toEqual([]);
  });
});

async function cleanShutdown(): Promise<boolean> {
  const index = JSON.parse(await readFile(join(data.path, 'index.json'), 'utf8')) as { cleanShutdown?: boolean };
  return index.cleanShutdown === true;
}
