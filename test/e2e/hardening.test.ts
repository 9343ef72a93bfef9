/**
 * The renderer's hardening, end to end in Chromium over the built app and its content security
 * policy: nothing from outside but what the preload exposes, no Node code in the bundle, no network of any kind (fetch, XHR,
 * WebSocket, EventSource, beacons, images, scripts, styles, fonts, frames, form posts, workers),
 * no injected script nor inline handler, no eval allowed — and nothing leaves: the harness records every request to
 * another origin, and there is none. Leaving by window.open or a link is refused by Electron's
 * own handlers (unit-tested in test/unit/electron/main; under real Electron in electron-smoke
 * where a binary exists); here the test shows what the page itself can and cannot do.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '../../shared/ipc/contract';
import { tempFolder } from '../support/temp';
import { launchApp, type RunningApp } from './harness';
import { seedSetUp } from './seed';

describe('the renderer, hardened', () => {
  let data: Awaited<ReturnType<typeof tempFolder>>;
  let app: RunningApp;
  /** A server on another port of this machine: anything that reached it would have left the page. */
  let sink: Server;
  let sinkUrl: string;
  let sinkConnections = 0;
  let sinkRequests = 0;

  beforeAll(async () => {
    sink = createServer((_request, response) => {
      sinkRequests += 1;
      response.end('leaked');
    });
    sink.on('upgrade', () => {
      sinkRequests += 1;
    });
    sink.on('connection', () => {
      sinkConnections += 1;
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
    sinkUrl = `127.0.0.1:${(sink.address() as AddressInfo).port}`;
    data = await tempFolder();
    await seedSetUp(data.path);
    app = await launchApp({ dataDir: data.path });
    await app.page.getByRole('heading', { level: 1, name: /Welcome back/ }).waitFor();
  });

  afterAll(async () => {
    await app?.close();
    await data?.remove();
    await new Promise((resolve) => sink?.close(resolve));
  });

  it('gets from outside only what the preload exposes, and its bundle needs no Node module', async () => {
    // (That require and process are undefined would hold in any Chromium page; what can go wrong is
    // a new global the page depends on, or Node code bundled into the renderer.)
    // A document of the same origin without the app or the bridge (the bundle, shown as text):
    // the globals any page has here.
    const scripts = await app.page.evaluate(() => [...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((script) => script.src));
    expect(scripts.length).toBeGreaterThan(0);
    const blank = await app.browser.newContext();
    const blankPage = await blank.newPage();
    await blankPage.goto(scripts[0]!);
    const blankGlobals = await blankPage.evaluate(() => Object.getOwnPropertyNames(window));
    await blank.close();
    const globals = await app.page.evaluate(() => Object.getOwnPropertyNames(window));
    const added = globals.filter((name) => !blankGlobals.includes(name) && !name.startsWith('__trustbridge') && !name.startsWith('__playwright'));
    // The preload's two, and the bookkeeping of two bundled libraries (React Router's version, zod's
    // registry), nothing else: a new global the app starts to rely on shows here.
    expect(added.sort()).toEqual(['__reactRouterVersion', '__zod_globalConfig', '__zod_globalRegistry', 'api', 'droppedFilePath']);
    // window.api holds the contract's channels as functions, and events — nothing else.
    const api = await app.page.evaluate(() =>
      Object.entries((window as unknown as { api: Record<string, Record<string, unknown>> }).api).flatMap(([area, methods]) =>
        Object.entries(methods).map(([method, value]) => `${area}.${method}:${typeof value}`),
      ),
    );
    expect(api.sort()).toEqual([...channelNames.map((name) => `${name}:function`), 'events.subscribe:function'].sort());
    // Vite replaces a Node built-in imported by renderer code with a stub that throws when used.
    for (const script of scripts) {
      const code = await (await fetch(script)).text();
      expect(code, script).not.toMatch(/__vite-browser-external|\brequire\(["']node:|process\.versions\.node/);
    }
  });

  it('cannot make a network request of any kind, and nothing leaves the page', async () => {
    const attempts = await app.page.evaluate(async (sink) => {
      const outcome = (run: () => Promise<unknown>) =>
        Promise.race([
          run().then(
            () => 'reached',
            () => 'refused',
          ),
          new Promise((resolve) => setTimeout(() => resolve('refused (no answer)'), 3000)),
        ]);
      const event = (target: EventTarget, ok: string, fail: string) =>
        new Promise((resolve, reject) => {
          target.addEventListener(ok, () => resolve(ok));
          target.addEventListener(fail, () => reject(new Error(fail)));
        });
      const element = (tag: string, attributes: Record<string, string>) => {
        const node = document.createElement(tag);
        for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
        document.body.append(node);
        return node;
      };
      return {
        fetch: await outcome(() => fetch(`http://${sink}/fetch`)),
        fetchLocalNetwork: await outcome(() => fetch('http://192.168.1.1/')),
        xhr: await outcome(
          () =>
            new Promise((resolve, reject) => {
              const request = new XMLHttpRequest();
              request.open('GET', `http://${sink}/xhr`);
              request.onload = resolve;
              request.onerror = reject;
              request.send();
            }),
        ),
        webSocket: await outcome(() => event(new WebSocket(`ws://${sink}/socket`), 'open', 'error')),
        eventSource: await outcome(() => event(new EventSource(`http://${sink}/events`), 'open', 'error')),
        image: await outcome(() => event(element('img', { src: `http://${sink}/pixel.png` }), 'load', 'error')),
        script: await outcome(() => event(element('script', { src: `http://${sink}/evil.js` }), 'load', 'error')),
        stylesheet: await outcome(() => event(element('link', { rel: 'stylesheet', href: `http://${sink}/style.css` }), 'load', 'error')),
        worker: await outcome(async () => new Worker(`http://${sink}/worker.js`)),
        external: await outcome(() => fetch('https://example.org/data')),
      };
    }, sinkUrl);
    for (const [kind, result] of Object.entries(attempts)) expect(result, kind).toMatch(/^refused/);
    // A beacon is queued whatever happens to it: that it never leaves is what counts.
    await app.page.evaluate((sink) => navigator.sendBeacon(`http://${sink}/beacon`, 'x'), sinkUrl);
    await app.page.waitForTimeout(500);
    // Not even a connection was opened, let alone a request sent.
    expect(sinkConnections).toBe(0);
    expect(sinkRequests).toBe(0);

    // A frame to another origin is refused too (frame-src 'none'), but Chromium opens a TCP
    // connection for it before the policy stops the navigation: no request is sent on it. (Under
    // Electron the session's request filter and will-frame-navigate refuse it as well.)
    const frame = await app.page.evaluate(async (sink) => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
      const node = document.createElement('iframe');
      node.src = `http://${sink}/frame`;
      document.body.append(node);
      await new Promise((resolve) => setTimeout(resolve, 500));
      node.remove();
      return violations;
    }, sinkUrl);
    expect(frame).toContain('frame-src');
    expect(sinkRequests).toBe(0);
    // The browser saw the attempts (the harness lists every request to another origin), and the
    // content security policy stopped each one before it left.
    expect(app.externalRequests.length).toBeGreaterThan(0);
    expect(app.externalRequests.every((url) => url.startsWith(`http://${sinkUrl}/`) || url.startsWith(`ws://${sinkUrl}/`) || url.startsWith('https://example.org/'))).toBe(true);
    app.externalRequests.length = 0;
  });

  it('runs no script but its own bundle: no inline or foreign script, no eval allowed, no form posted away', async () => {
    // (Playwright's evaluate itself runs through DevTools, which may eval whatever the policy says,
    // so the policy is read for eval, and proven on injected scripts.)
    const policy = await app.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
    const scriptSources = /script-src ([^;]+)/.exec(policy)?.[1]?.split(' ') ?? [];
    expect(scriptSources.length).toBeGreaterThan(0);
    expect(scriptSources.every((source) => /^'sha(256|384|512)-[A-Za-z0-9+/=]+'$/.test(source)), policy).toBe(true);
    expect(policy).toMatch(/default-src 'none'/);
    expect(policy).toMatch(/form-action 'none'/);
    expect(policy).toMatch(/base-uri 'none'/);

    const result = await app.page.evaluate(async (sink) => {
      const w = window as unknown as Record<string, unknown>;
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
      const inline = document.createElement('script');
      inline.textContent = 'window.__injected = true';
      document.body.append(inline);
      const handler = document.createElement('img');
      handler.setAttribute('src', 'data:,');
      handler.setAttribute('onerror', 'window.__handler = true');
      handler.setAttribute('onload', 'window.__handler = true');
      document.body.append(handler);
      const form = document.createElement('form');
      form.action = `http://${sink}/collect`;
      form.method = 'post';
      document.body.append(form);
      form.submit();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { injected: w['__injected'] === true, handler: w['__handler'] === true, origin: location.origin, violations: [...new Set(violations)].sort() };
    }, sinkUrl);
    expect(result).toMatchObject({ injected: false, handler: false, origin: new URL(app.baseUrl).origin });
    expect(result.violations).toEqual(expect.arrayContaining(['script-src-attr', 'script-src-elem', 'form-action']));
    expect(sinkRequests).toBe(0);
    app.externalRequests.length = 0;
  });

  it('loads its on-demand scripts by their hashes only: a built screen opens, a module from elsewhere is refused unfetched', async () => {
    const policy = await app.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
    const importMap = await app.page.evaluate(() => document.querySelector('script[type="importmap"]')?.textContent ?? '');
    const onDemand = Object.entries((JSON.parse(importMap) as { integrity: Record<string, string> }).integrity);
    expect(onDemand.length).toBeGreaterThan(0);
    // Every on-demand script is listed with its hash, and the policy allows exactly those hashes.
    for (const [, integrity] of onDemand) expect(policy).toContain(`'${integrity}'`);
    const outcome = await app.page.evaluate(async (sink) => {
      const tryImport = async (url: string) => {
        try {
          await import(/* @vite-ignore */ url);
          return 'loaded';
        } catch {
          return 'refused';
        }
      };
      return { foreign: await tryImport(`http://${sink}/module.js`), unlisted: await tryImport('./assets/not-built.js') };
    }, sinkUrl);
    expect(outcome).toEqual({ foreign: 'refused', unlisted: 'refused' });
    expect(sinkRequests).toBe(0);
    app.externalRequests.length = 0;
  });

  it('the app itself opens no window, leaves its origin nowhere and makes no request to another origin', async () => {
    const { page } = app;
    // A fresh page: what the tests above injected is gone.
    await page.goto(`${app.baseUrl}/index.html`);
    await page.getByRole('heading', { level: 1, name: /Welcome back/ }).waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __opened: string[]; open: typeof window.open };
      w.__opened = [];
      w.open = (url?: string | URL) => {
        w.__opened.push(String(url));
        return null;
      };
    });
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    for (const name of ['Assessments', 'Partnerships', 'Agreements', 'Guide', 'Settings', 'Home']) {
      const link = navigation.getByRole('link', { name, exact: true });
      if ((await link.count()) === 0) continue;
      await link.click();
      await page.waitForLoadState('networkidle');
      expect(new URL(page.url()).origin).toBe(new URL(app.baseUrl).origin);
    }
    expect(await page.evaluate(() => (window as unknown as { __opened: string[] }).__opened)).toEqual([]);
    // Every link on the pages stays in the app (its own hash routes) or is offered to the user's browser explicitly.
    const hrefs = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href.startsWith('#') || href.startsWith('/') || href.startsWith('./'), href).toBe(true);
    expect(app.context.pages()).toHaveLength(1);
    expect(app.externalRequests).toEqual([]);
    expect(app.pageErrors.filter((error) => !/Content Security Policy|Refused to|net::ERR|Failed to load/.test(error))).toEqual([]);
  });
});
