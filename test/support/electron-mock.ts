/**
 * The one stand-in for Electron in unit tests (as electron/fiddle keeps one in tests/mocks):
 * records what the main process asks of Electron, so its wiring can be tested under Node.
 * Use with `vi.mock('electron', () => electronMock())` and read `electronState`.
 */
import { EventEmitter } from 'node:events';

type Handler = (...args: unknown[]) => unknown;

export const electronState = {
  ipcHandlers: new Map<string, Handler>(),
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  privilegedSchemes: [] as unknown[],
  windows: [] as FakeBrowserWindow[],
  menuTemplate: undefined as unknown,
  sessionHandlers: {} as Record<string, Handler>,
  appEvents: new EventEmitter(),
  readyCallbacks: [] as Array<() => void>,
  paths: new Map<string, string>(),
  quitCalls: 0,
  errorBoxes: [] as Array<[string, string]>,
  singleInstance: true,
  reset() {
    this.ipcHandlers.clear();
    this.protocolHandlers.clear();
    this.privilegedSchemes = [];
    this.windows = [];
    this.menuTemplate = undefined;
    this.sessionHandlers = {};
    this.appEvents.removeAllListeners();
    this.readyCallbacks = [];
    this.paths.clear();
    this.quitCalls = 0;
    this.errorBoxes = [];
    this.singleInstance = true;
  },
};

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: Array<[string, unknown]> = [];
  windowOpenHandler: Handler | undefined;
  mainFrame = { url: 'app://trustbridge/index.html' };
  setWindowOpenHandler(handler: Handler) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loadedUrl = '';
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    electronState.windows.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  show() {}
}

export function electronMock() {
  const session = {
    setPermissionRequestHandler: (h: Handler) => (electronState.sessionHandlers['permissionRequest'] = h),
    setPermissionCheckHandler: (h: Handler) => (electronState.sessionHandlers['permissionCheck'] = h),
    setDevicePermissionHandler: (h: Handler) => (electronState.sessionHandlers['devicePermission'] = h),
    webRequest: { onBeforeRequest: (h: Handler) => (electronState.sessionHandlers['beforeRequest'] = h) },
  };
  return {
    app: {
      getPath: (name: string) => electronState.paths.get(name) ?? `/fake/${name}`,
      setPath: (name: string, value: string) => electronState.paths.set(name, value),
      getAppPath: () => process.cwd(),
      getVersion: () => '0.0.0-test',
      getLocale: () => 'de-DE',
      isPackaged: false,
      requestSingleInstanceLock: () => electronState.singleInstance,
      on: (event: string, listener: Handler) => electronState.appEvents.on(event, listener),
      whenReady: () => ({ then: (ok: () => void) => electronState.readyCallbacks.push(ok) }),
      quit: () => (electronState.quitCalls += 1),
      exit: () => (electronState.quitCalls += 1),
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: { handle: (channel: string, handler: Handler) => electronState.ipcHandlers.set(channel, handler) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => electronState.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => electronState.protocolHandlers.set(scheme, handler),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: { template: unknown }) => (electronState.menuTemplate = menu.template),
    },
    session: { defaultSession: session },
    dialog: { showErrorBox: (title: string, body: string) => electronState.errorBoxes.push([title, body]) },
    shell: { showItemInFolder() {}, openPath: async () => '' },
    nativeTheme: { shouldUseDarkColors: false },
    // No keychain in the mock: the signing key falls back to its passphrase, as on a bare Linux.
    safeStorage: {
      isEncryptionAvailable: () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: () => {
        throw new Error('no keychain in tests');
      },
      decryptString: () => {
        throw new Error('no keychain in tests');
      },
    },
  };
}
