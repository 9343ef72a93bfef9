/**
 * The end-to-end harness: the real, built renderer in Debian's Chromium, talking to the real IPC
 * router over a real data folder. Only two things differ from the desktop app: the transport
 * (Playwright's `exposeBinding` instead of Electron's IPC) and the native dialogs (answered by
 * `ScriptedDialogs`). `window.api` is built by the same `createApi` the preload uses.
 *
 * `launchApp` is the one entry point: tests use it, and so do scripts that drive the real app for
 * people to look at (README screenshots, the headed demo under Xvfb).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openCore, type Core } from '../../electron/app/core';
import { mediaTypeOf } from '../../electron/platform/media-types';
import type { AppEvent } from '../../shared/ipc/events';
import { headerPolicyFromPage } from '../../shared/security/csp';
import { rendererDist, repoRoot, templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

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
  /** Reuse a browser across tests; otherwise one is started and closed with the app. */
  browser?: Browser;
  headless?: boolean;
  /** The operating system's locale as the app sees it. */
  locale?: string;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  dialogs?: ScriptedDialogs;
  now?: () => Date;
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
  /** Pushes an event as the main process would (progress, files opened). */
  emit(event: AppEvent): Promise<void>;
  close(): Promise<void>;
}

export function launchBrowser(headless = true): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium was not found at ${chromiumPath}. Install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: chromiumPath, headless, args: chromiumArgs });
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
    ...(options.now ? { now: options.now } : {}),
  });
  const server = await serve(rendererDist);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ownBrowser = !options.browser;
  const browser = options.browser ?? (await launchBrowser(options.headless ?? true));
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
  return {
    page,
    context,
    browser,
    core,
    dialogs,
    baseUrl,
    externalRequests,
    pageErrors,
    emit,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      if (ownBrowser) await browser.close().catch(() => undefined);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
    },
  };
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
