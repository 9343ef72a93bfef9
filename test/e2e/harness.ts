/**
 * The end-to-end harness: the real, built renderer (the production build, as packaged) in Debian's
 * Chromium, talking to the real IPC router over a real data folder. Only three things differ from
 * the desktop app: the transport (Playwright's `exposeBinding` instead of Electron's IPC), the
 * native dialogs (answered by `ScriptedDialogs`), and where a dropped file's path comes from
 * (`window.droppedFilePath`, the preload's contract, answered from the paths `dropFiles` dropped,
 * as Electron's webUtils answers from the file system). `window.api` is built by the same
 * `createApi` the preload uses; files opened with the app wait in the core's `openedFiles` queue
 * as in the main process.
 *
 * `launchApp` is the one entry point: tests use it, and so do scripts that drive the real app for
 * people to look at (README screenshots, the headed demo under Xvfb).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, normalize, sep } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/app/core';
import { mediaTypeOf } from '../../electron/platform/media-types';
import type { AppEvent } from '../../shared/ipc/events';
import { headerPolicyFromPage } from '../../shared/security/csp';
import { rendererDist, repoRoot, templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { testPassphraseCost } from '../support/core';
import { failureDir, screenshot } from './screenshots';

/** Chromium with its window layer, for headed runs (the demo under Xvfb). */
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/**
 * Chromium's headless shell (Debian's chromium-headless-shell, the same version and the same Blink
 * as chromium, without the browser's window layer), for headless runs, as Playwright itself does:
 * over the e2e suite it costs about a fifth less processor time than chromium in its headless
 * mode (625 s against 791 s measured here), with the same tests passing.
 */
export const headlessShellPath = process.env['CHROMIUM_HEADLESS_PATH'] ?? '/usr/bin/chromium-headless-shell';

/** Flags that keep Chromium from phoning home: this machine (and the app's promise) has no network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

export interface LaunchOptions {
  dataDir: string;
  /** The browser to open the app in; by default the worker's shared one (headless) or one of its own (headed). */
  browser?: Browser;
  headless?: boolean;
  /** The operating system's locale as the app sees it. */
  locale?: string;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  dialogs?: ScriptedDialogs;
  now?: () => Date;
  /** Exchange files the app was launched with (a double-click that started it). */
  openedFiles?: string[];
}

export interface RunningApp {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  core: Core;
  dialogs: ScriptedDialogs;
  baseUrl: string;
  /** Every request the page made to anything but its own origin. Must stay empty. */
  externalRequests: string[];
  /** Errors the page logged or threw. */
  pageErrors: string[];
  /** Pushes an event as the main process would (progress, navigation). */
  emit(event: AppEvent): Promise<void>;
  /** Files opened with the running app (double-click, Open with), as the main process queues them. */
  openFiles(paths: string[]): void;
  /** Drops files from the file system onto `target`, as the operating system's drag and drop does. */
  dropFiles(target: Locator, paths: string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * For the tests' shared browser: V8 runs the pages' scripts with its interpreter and baseline
 * compiler only (Sparkplug), without the optimising tiers (Maglev, TurboFan). A test page lives a
 * few seconds, too short for optimised code to repay its compiling, which V8 does on background
 * threads: over the e2e project this flag cut the processor time of all its processes (Chromium
 * and the test workers) by about a quarter and its wall time by a fifth (513 against 390 CPU-s,
 * 288 against 234 s, measured one after the other on this 2-core machine), with the same tests
 * passing. The scripts behave the same in every tier; the benchmarks, screenshots and the headed
 * demo keep the full compiler, as a user's Electron has it.
 *
 * The young generation also starts at 16 MB semi-spaces and grows four-fold at a time, so a page
 * that renders a long table collects its garbage in fewer, cheaper scavenges. On the team and
 * guide 2.0 files, measured twice each way with process accounting (every process of the run):
 * 109 and 111 against 114 and 116 CPU-s. V8 reports a flag it does not know ("unrecognized
 * flag") and has not reported these.
 */
export const testJitArgs = ['--js-flags=--max-opt=1 --min-semi-space-size=16 --semi-space-growth-factor=4'];

export function launchBrowser(headless = true, extraArgs: readonly string[] = []): Promise<Browser> {
  const [path, debianPackage, variable] = headless ? [headlessShellPath, 'chromium-headless-shell', 'CHROMIUM_HEADLESS_PATH'] : [chromiumPath, 'chromium', 'CHROMIUM_PATH'];
  if (!existsSync(path)) {
    throw new Error(`Chromium was not found at ${path}. Install Debian's ${debianPackage} package (apt-get install ${debianPackage}) or set ${variable}.`);
  }
  return chromium.launch({ executablePath: path, headless, args: [...chromiumArgs, ...extraArgs] });
}

let workerBrowser: Promise<Browser> | undefined;

/**
 * The headless Chromium the tests of this process share. Vitest runs a worker's e2e files one
 * after the other in one module graph (isolate: false in vitest.config.ts), so one browser serves
 * them all, where each file used to start its own: a start costs about 1.5 s of processor time.
 * Apps never share more than the browser process: each gets a browser context of its own (its own
 * storage, cookies, permissions and IPC binding). Playwright closes the browser when the process
 * ends; a test must not close it.
 */
export function sharedBrowser(): Promise<Browser> {
  workerBrowser ??= launchBrowser(true, testJitArgs).then((browser) => {
    browser.on('disconnected', () => {
      workerBrowser = undefined;
    });
    return browser;
  });
  return workerBrowser;
}

let bridgeScript: Promise<string> | undefined;

/** `window.api` for the page, bundled from the same modules the preload uses. */
function bridge(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [join(repoRoot, 'test/e2e/bridge-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return bridgeScript;
}

export async function launchApp(options: LaunchOptions): Promise<RunningApp> {
  if (!existsSync(join(rendererDist, 'index.html'))) {
    throw new Error('The renderer is not built. Run `npm run build:renderer` first (the e2e global setup does).');
  }
  const dialogs = options.dialogs ?? new ScriptedDialogs();
  const locale = options.locale ?? 'en-GB';
  const current: { page?: Page } = {};
  const emit = async (event: AppEvent) => {
    await current.page?.evaluate((e) => (window as unknown as { __trustbridgeEmit(e: AppEvent): void }).__trustbridgeEmit(e), event);
  };
  const core = await openCore({
    dataDir: options.dataDir,
    templatesDir,
    dialogs,
    appVersion: 'e2e',
    platform: process.platform,
    systemLocale: locale,
    emit: (event) => void emit(event),
    watchSharedFolder: true,
    sharedFolderPollMs: 2000,
    // Keys made on screen (first run) are sealed at the tests' cost (test/support/core.ts).
    passphraseCost: testPassphraseCost,
    ...(options.now ? { now: options.now } : {}),
  });
  if (options.openedFiles) core.openedFiles.add(options.openedFiles);
  const server = await serve(rendererDist);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A headed app (the demo under Xvfb) gets a browser of its own, closed with it.
  const ownBrowser = !options.browser && options.headless === false;
  const browser = options.browser ?? (ownBrowser ? await launchBrowser(false) : await sharedBrowser());
  const context = await browser.newContext({
    locale,
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 860 },
    reducedMotion: 'reduce',
  });
  const externalRequests: string[] = [];
  const pageErrors: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(baseUrl) && !url.startsWith('data:') && !url.startsWith('blob:')) externalRequests.push(url);
  });
  await context.exposeBinding('__trustbridgeInvoke', async (source, channel: string, request: unknown) => {
    // As the main process checks the sender's frame, the harness accepts only its own origin.
    if (!source.frame.url().startsWith(baseUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'Not our origin' } };
    }
    return core.router.invoke(channel, request);
  });
  await context.addInitScript({ content: await bridge() });
  const page = await context.newPage();
  current.page = page;
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(`${baseUrl}/index.html`);

  let closed = false;
  const app: RunningApp = {
    page,
    context,
    browser,
    core,
    dialogs,
    baseUrl,
    externalRequests,
    pageErrors,
    emit,
    openFiles: (paths) => core.openedFiles.add(paths),
    async dropFiles(target, paths) {
      const files = await Promise.all(paths.map(async (path) => ({ path, name: basename(path), content: (await readFile(path)).toString('base64') })));
      const transfer = await page.evaluateHandle((dropped) => {
        // A DataTransfer made in a page has no file-system entries, where a drop from the file
        // manager has one per file: an item without one stands for a plain file, as it would.
        const prototype = DataTransferItem.prototype as DataTransferItem & { __entries?: true };
        if (!prototype.__entries) {
          const entryOf = prototype.webkitGetAsEntry;
          prototype.webkitGetAsEntry = function (this: DataTransferItem) {
            return entryOf.call(this) ?? (this.kind === 'file' ? ({ isFile: true, isDirectory: false, name: this.getAsFile()?.name ?? '' } as FileSystemEntry) : null);
          };
          prototype.__entries = true;
        }
        const data = new DataTransfer();
        const registry = (window as unknown as { __trustbridgeDropped: Map<string, string> }).__trustbridgeDropped;
        for (const file of dropped) {
          const bytes = Uint8Array.from(atob(file.content), (char) => char.charCodeAt(0));
          const item = new File([bytes], file.name, { lastModified: 0 });
          registry.set(`${item.name}|${item.size}`, file.path);
          data.items.add(item);
        }
        return data;
      }, files);
      for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer: transfer });
      await transfer.dispose();
    },
    async close() {
      if (closed) return;
      closed = true;
      runningApps.delete(app);
      await context.close().catch(() => undefined);
      if (ownBrowser) await browser.close().catch(() => undefined);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
    },
  };
  runningApps.add(app);
  return app;
}

/** The apps launched in this worker and not yet closed, for the report on a failed test. */
const runningApps = new Set<RunningApp>();

/**
 * What each app still open shows, for a test that failed: the address, the page's headings and
 * the first lines of its text, the errors the page logged, and a screenshot (always taken, in
 * test-results/failures/). A failure that happens only on a loaded machine (a wait that never
 * ends) is then readable from the run's output alone. Never throws: a page that cannot answer
 * says so.
 */
export async function describeRunningApps(testName: string): Promise<string> {
  const lines: string[] = [];
  let index = 0;
  for (const app of runningApps) {
    index += 1;
    const { page } = app;
    lines.push(`App ${index} of ${runningApps.size}: ${page.url()}`);
    try {
      const seen = await within(5000, page.evaluate(() => ({
        headings: Array.from(document.querySelectorAll('h1, h2'), (heading) => `${heading.tagName.toLowerCase()}: ${heading.textContent?.trim() ?? ''}`).slice(0, 8),
        text: (document.querySelector('main') ?? document.body).innerText.replace(/\s+/g, ' ').slice(0, 600),
      })));
      lines.push(...seen.headings.map((heading) => `  ${heading}`), `  text: ${seen.text}`);
    } catch (error) {
      lines.push(`  the page did not answer: ${String(error)}`);
    }
    if (app.pageErrors.length > 0) lines.push(`  page errors: ${app.pageErrors.join(' | ')}`);
    const name = `${testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}-${index}`;
    const path = await within(10_000, screenshot(page, name, { fullPage: false, always: true, dir: failureDir })).catch((error: unknown) => `not taken: ${String(error)}`);
    lines.push(`  screenshot: ${path ?? 'not taken'}`);
  }
  return lines.join('\n');
}

/** The promise's value, or a failure after `ms` (a page that hangs must not hang the report). */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Serves the build as the app's protocol handler does, with the same content security policy. */
function serve(root: string): Promise<Server> {
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  const contentSecurityPolicy = headerPolicyFromPage(readFileSync(join(base, 'index.html'), 'utf8'));
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const path = normalize(join(base, relative));
    if (!path.startsWith(base)) {
      response.writeHead(403).end();
      return;
    }
    readFile(path).then(
      (body) => {
        response.writeHead(200, {
          'content-type': mediaTypeOf(path),
          'content-security-policy': contentSecurityPolicy,
          'cache-control': 'no-store',
        });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
