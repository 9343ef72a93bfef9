/**
 * The one stand-in for Electron in unit tests (as electron/fiddle keeps one in tests/mocks):
 * records what the main process asks of Electron, so its wiring can be tested under Node.
 * Use with `vi.mock('electron', () => electronMock())` and read `electronState`.
 *
 * It behaves as Electron 45 does where the app relies on it, never more kindly (read against
 * node_modules/electron/electron.d.ts):
 * - `app.whenReady()` is one real Promise, resolved by `becomeReady()` or rejected by `failReady()`;
 *   `then(ok, fail)` does not send a throw inside `ok` to `fail`;
 * - `loadURL` loads asynchronously: the page's `did-finish-load`, then the window's `ready-to-show`;
 * - `app.quit()` emits `before-quit` (which may be prevented); `app.exit()` ends at once, without it;
 * - `requestSingleInstanceLock()` fails when another instance holds the lock (`singleInstance = false`);
 * - `getAppPath()` is inside `resources/app.asar` for a package (`appPath`);
 * - a frame is a WebFrameMain object: the main frame of a page stays the same object while the page
 *   stays, and a navigation to another document makes a new one (`FakeWebContents.navigate`);
 * - safeStorage is available (a reversible stand-in for the OS keychain) or not (`keychain`); its
 *   synchronous calls, deprecated in Electron 45, are recorded in `deprecations`; the asynchronous
 *   ones refuse to run before the app is ready; as Chromium's keychain encryption does, it seals with
 *   its current key (`keychainKey`), opens data sealed with an older key as long as that key is kept
 *   (`keychainOldestKey`), and then says `shouldReEncrypt`;
 * - `powerMonitor` cannot be used before the app is ready;
 * - `dialog.showErrorBox` before ready shows nothing on Linux (it writes to stderr): recorded with
 *   `beforeReady`.
 */
import { EventEmitter } from 'node:events';

type Handler = (...args: unknown[]) => unknown;

let readyState: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void; ready: boolean };
function freshReady() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  // A rejection nobody waits for is not this double's business (Electron's is not either).
  promise.catch(() => undefined);
  readyState = { promise, resolve, reject, ready: false };
}
freshReady();

export const electronState = {
  ipcHandlers: new Map<string, Handler>(),
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  privilegedSchemes: [] as unknown[],
  windows: [] as FakeBrowserWindow[],
  menuTemplate: undefined as unknown,
  sessionHandlers: {} as Record<string, Handler>,
  appEvents: new EventEmitter(),
  powerMonitorEvents: new EventEmitter(),
  paths: new Map<string, string>(),
  /** Calls of app.quit(), whether or not a before-quit listener prevented them. */
  quitCalls: 0,
  /** Set when the app ended: by app.quit() that nobody prevented, or by app.exit(code). */
  exitCode: undefined as number | undefined,
  errorBoxes: [] as Array<{ title: string; body: string; beforeReady: boolean }>,
  singleInstance: true,
  appPath: process.cwd(),
  isPackaged: false,
  /** 'available': an OS keychain; 'basic_text': Linux without one; 'unavailable': none at all. */
  keychain: 'unavailable' as 'available' | 'basic_text' | 'unavailable',
  /** The keychain's current key, by number: a rotation (a new OS key) makes it one more. */
  keychainKey: 1,
  /** The oldest key the keychain still holds: data sealed with an older one no longer opens. */
  keychainOldestKey: 1,
  /** Deprecated Electron calls the app made (Electron prints a deprecation warning for each). */
  deprecations: [] as string[],
  get isReady() {
    return readyState.ready;
  },
  becomeReady() {
    readyState.ready = true;
    readyState.resolve();
  },
  failReady(error: unknown) {
    readyState.reject(error);
  },
  reset() {
    this.ipcHandlers.clear();
    this.protocolHandlers.clear();
    this.privilegedSchemes = [];
    this.windows = [];
    this.menuTemplate = undefined;
    this.sessionHandlers = {};
    this.appEvents.removeAllListeners();
    this.powerMonitorEvents.removeAllListeners();
    this.paths.clear();
    this.quitCalls = 0;
    this.exitCode = undefined;
    this.errorBoxes = [];
    this.singleInstance = true;
    this.appPath = process.cwd();
    this.isPackaged = false;
    this.keychain = 'unavailable';
    this.keychainKey = 1;
    this.keychainOldestKey = 1;
    this.deprecations = [];
    freshReady();
  },
};

let nextProcessId = 1;

/** Electron's WebFrameMain: one object per document in a frame. */
export class FakeWebFrame {
  readonly frameToken = crypto.randomUUID();
  readonly routingId = nextProcessId++;
  constructor(
    readonly url: string,
    readonly processId: number,
    readonly parent: FakeWebFrame | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: Array<[string, unknown]> = [];
  windowOpenHandler: Handler | undefined;
  private readonly processId = nextProcessId++;
  mainFrame = new FakeWebFrame('about:blank', this.processId);
  setWindowOpenHandler(handler: Handler) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  /** A new document in the main frame: a new WebFrameMain, as in Electron. */
  navigate(url: string): FakeWebFrame {
    this.mainFrame = new FakeWebFrame(url, this.processId);
    return this.mainFrame;
  }
  /** A frame inside the page (an iframe), with its own WebFrameMain. */
  childFrame(url: string): FakeWebFrame {
    return new FakeWebFrame(url, this.processId, this.mainFrame);
  }
  /** What a request from this page's main frame looks like to an ipcMain handler. */
  invokeEvent() {
    return { sender: this, senderFrame: this.mainFrame };
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loadedUrl = '';
  destroyed = false;
  visible = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    electronState.windows.push(this);
  }
  /** Loads asynchronously, as Chromium does: did-finish-load on the page, then ready-to-show. */
  loadURL(url: string) {
    this.loadedUrl = url;
    return new Promise<void>((resolve) => {
      setImmediate(() => {
        this.webContents.navigate(url);
        this.webContents.emit('did-finish-load');
        this.emit('ready-to-show');
        resolve();
      });
    });
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  show() {
    this.visible = true;
  }
}

/** `sealed:v<key>:` then the text, scrambled with the key's number. */
function fakeSeal(text: string): Buffer {
  const key = electronState.keychainKey;
  return Buffer.concat([Buffer.from(`sealed:v${key}:`), Buffer.from(text, 'utf8').map((byte) => byte ^ (0x5a + key))]);
}

/** The text and the key it was sealed with; throws, as safeStorage does, when that key is gone. */
function fakeUnseal(sealed: Buffer): { text: string; key: number } {
  const header = /^sealed:v(\d+):/.exec(sealed.subarray(0, 24).toString('latin1'));
  const key = Number(header?.[1]);
  if (!header || key < electronState.keychainOldestKey || key > electronState.keychainKey) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  return { text: Buffer.from(sealed.subarray(header[0].length).map((byte) => byte ^ (0x5a + key))).toString('utf8'), key };
}

function requireReady(what: string) {
  if (!readyState.ready) throw new Error(`${what} cannot be used before the app is ready`);
}

export function electronMock() {
  const session = {
    setPermissionRequestHandler: (h: Handler) => (electronState.sessionHandlers['permissionRequest'] = h),
    setPermissionCheckHandler: (h: Handler) => (electronState.sessionHandlers['permissionCheck'] = h),
    setDevicePermissionHandler: (h: Handler) => (electronState.sessionHandlers['devicePermission'] = h),
    webRequest: { onBeforeRequest: (h: Handler) => (electronState.sessionHandlers['beforeRequest'] = h) },
  };
  const app = {
    getPath: (name: string) => electronState.paths.get(name) ?? `/fake/${name}`,
    setPath: (name: string, value: string) => electronState.paths.set(name, value),
    getAppPath: () => electronState.appPath,
    getVersion: () => '0.0.0-test',
    getLocale: () => 'de-DE',
    get isPackaged() {
      return electronState.isPackaged;
    },
    requestSingleInstanceLock: () => electronState.singleInstance,
    on: (event: string, listener: Handler) => electronState.appEvents.on(event, listener),
    once: (event: string, listener: Handler) => electronState.appEvents.once(event, listener),
    isReady: () => readyState.ready,
    whenReady: () => readyState.promise,
    quit: () => {
      electronState.quitCalls += 1;
      let prevented = false;
      electronState.appEvents.emit('before-quit', {
        preventDefault: () => {
          prevented = true;
        },
      });
      if (!prevented) electronState.exitCode ??= 0;
    },
    exit: (code = 0) => {
      electronState.exitCode ??= code;
    },
  };
  return {
    app,
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
    dialog: {
      showErrorBox: (title: string, body: string) => electronState.errorBoxes.push({ title, body, beforeReady: !readyState.ready }),
    },
    shell: { showItemInFolder() {}, openPath: async () => '' },
    nativeTheme: { shouldUseDarkColors: false },
    powerMonitor: {
      on: (event: string, listener: Handler) => {
        requireReady('powerMonitor');
        electronState.powerMonitorEvents.on(event, listener);
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => {
        electronState.deprecations.push('safeStorage.isEncryptionAvailable');
        return readyState.ready && electronState.keychain !== 'unavailable';
      },
      encryptString: (text: string) => {
        electronState.deprecations.push('safeStorage.encryptString');
        if (electronState.keychain === 'unavailable') throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
        return fakeSeal(text);
      },
      decryptString: (sealed: Buffer) => {
        electronState.deprecations.push('safeStorage.decryptString');
        if (electronState.keychain === 'unavailable') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
        return fakeUnseal(sealed).text;
      },
      getSelectedStorageBackend: () => (!readyState.ready ? 'unknown' : electronState.keychain === 'basic_text' ? 'basic_text' : 'gnome_libsecret'),
      isAsyncEncryptionAvailable: async () => {
        requireReady('safeStorage');
        return electronState.keychain !== 'unavailable';
      },
      encryptStringAsync: async (text: string) => {
        requireReady('safeStorage');
        if (electronState.keychain === 'unavailable') throw new Error('Encryption is not available.');
        return fakeSeal(text);
      },
      decryptStringAsync: async (sealed: Buffer) => {
        requireReady('safeStorage');
        if (electronState.keychain === 'unavailable') throw new Error('Decryption is not available.');
        const { text, key } = fakeUnseal(sealed);
        return { shouldReEncrypt: key < electronState.keychainKey, result: text };
      },
    },
  };
}
