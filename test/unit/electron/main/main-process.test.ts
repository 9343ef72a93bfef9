/**
 * The main process's wiring, under Node with Electron replaced by the one mock
 * (test/support/electron-mock.ts): what it asks of Electron at start, how it answers IPC, and what
 * it refuses. The same code runs under real Electron in the smoke test where a binary exists.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, electronState, FakeWebContents } from '../../../support/electron-mock';
import { repoRoot } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';

vi.mock('electron', () => electronMock());

let data: Awaited<ReturnType<typeof tempFolder>>;
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
  process.argv = ['electron', '.', '--data-dir', data.path];
});

afterEach(async () => {
  // Quit as the app does, so the store closes (and its background snapshot ends) before the folder goes.
  if (electronState.windows.length && electronState.quitCalls === 0) {
    electronState.appEvents.emit('before-quit', { preventDefault() {} });
    await vi.waitFor(() => expect(electronState.quitCalls).toBeGreaterThan(0));
  }
  process.argv = originalArgv;
  await data.remove();
});

async function startMain() {
  await import('../../../../electron/main/index');
  expect(electronState.readyCallbacks).toHaveLength(1);
  electronState.readyCallbacks[0]!();
  await vi.waitFor(() => expect(electronState.windows).toHaveLength(1), { timeout: 5000 });
  return electronState.windows[0]!;
}

describe('the main process', () => {
  it('registers its app:// scheme and puts the store and Chromium profile in the data folder before anything starts', async () => {
    await import('../../../../electron/main/index');
    expect(electronState.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(electronState.paths.get('userData')).toBe(data.path);
    expect(electronState.paths.get('sessionData')).toBe(join(data.path, '.chromium'));
  });

  it('quits at once when another instance already holds this data folder', async () => {
    electronState.singleInstance = false;
    await import('../../../../electron/main/index');
    expect(electronState.quitCalls).toBe(1);
    expect(electronState.readyCallbacks).toHaveLength(0);
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
    const own = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(await handler(own, {})).toEqual({ ok: true, value: null });
    expect(await handler(own, { unexpected: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });

    const stranger = new FakeWebContents();
    expect(await handler({ sender: stranger, senderFrame: stranger.mainFrame }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    const foreignFrame = { url: 'https://evil.example/' };
    window.webContents.mainFrame = foreignFrame;
    expect(await handler({ sender: window.webContents, senderFrame: foreignFrame }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
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
    const event = { preventDefault: vi.fn() };
    electronState.appEvents.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electronState.quitCalls).toBe(1));
    const index = JSON.parse(await (await import('node:fs/promises')).readFile(join(data.path, 'index.json'), 'utf8'));
    expect(index.cleanShutdown).toBe(true);
  });
});
