/**
 * Exchange files given to the app by the operating system — a double-click that launches it, one
 * while it runs, one while first-run is still on screen — and files dropped on the Import page.
 * Files opened with the app wait in the core's queue, as in the main process, until the page asks
 * for them (app.openedFiles); dropped files reach the page through the preload's droppedFilePath.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exampleExchangeFile } from '../support/exchange-factories';
import { tempFolder } from '../support/temp';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { FirstRunScreen } from './pages/first-run';
import { seedSetUp } from './seed';

describe('files opened with the app', () => {
  let browser: Browser;
  let folders: Awaited<ReturnType<typeof tempFolder>>;
  let app: RunningApp | undefined;
  let file = '';

  beforeAll(async () => {
    browser = await sharedBrowser();
    folders = await tempFolder();
    file = join(folders.path, 'porto.trustbridge');
    await writeFile(file, await exampleExchangeFile());
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await folders?.remove();
  });

  async function setUpFolder(name: string): Promise<string> {
    const dataDir = join(folders.path, name);
    await seedSetUp(dataDir);
    return dataDir;
  }

  async function importShowsTheFile(running: RunningApp): Promise<void> {
    await running.page.getByRole('heading', { level: 1, name: 'Import exchange files' }).waitFor();
    await running.page.getByRole('heading', { level: 2, name: 'porto.trustbridge' }).waitFor();
  }

  it('shows the file that launched the app on Import, once, when the app is ready', async () => {
    app = await launchApp({ dataDir: await setUpFolder('launch'), browser, openedFiles: [file] });
    await importShowsTheFile(app);
    // Taken by the page: nothing waits any more, and a reload does not bring it back.
    expect(app.core.openedFiles.take()).toEqual([]);
    await app.page.goto(`${app.baseUrl}/index.html`);
    await app.page.getByRole('heading', { level: 1, name: /Welcome back/ }).waitFor();
    expect(await app.page.getByRole('heading', { level: 2, name: 'porto.trustbridge' }).count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('shows a file opened while the app runs', async () => {
    app = await launchApp({ dataDir: await setUpFolder('running'), browser });
    await app.page.getByRole('heading', { level: 1, name: /Welcome back/ }).waitFor();
    app.openFiles([file]);
    await importShowsTheFile(app);
    expect(app.pageErrors).toEqual([]);
  });

  it('keeps a file opened during first-run and shows it when the setup is finished', async () => {
    app = await launchApp({ dataDir: join(folders.path, 'first-run'), browser });
    const firstRun = new FirstRunScreen(app.page);
    await firstRun.waitUntilShown();
    app.openFiles([file]);
    await firstRun.fillYou('Jordi Puig', 'Quality officer');
    await firstRun.next();
    await firstRun.fillInstitution({ legalName: 'Universidad de Ejemplo', countrySearch: 'Spai', city: 'Valencia', representative: { name: 'Elena Martín' }, qaContact: { name: 'Jordi Puig', email: 'calidad@uni-ejemplo.es' } });
    await firstRun.next();
    await firstRun.fillPeople({ legalName: '', countrySearch: '', city: '', representative: { name: 'Elena Martín' }, qaContact: { name: 'Jordi Puig', email: 'calidad@uni-ejemplo.es' } });
    await firstRun.next();
    await firstRun.fillKeyPassphrase('the quality office keeps this safe');
    await firstRun.next();
    await importShowsTheFile(app);
    expect(app.pageErrors).toEqual([]);
  });

  it('previews a file dropped on the Import page, by its path from droppedFilePath', async () => {
    app = await launchApp({ dataDir: await setUpFolder('drop'), browser });
    await app.page.goto(`${app.baseUrl}/index.html#/exchange/import`);
    await app.page.getByRole('heading', { level: 1, name: 'Import exchange files' }).waitFor();
    await app.dropFiles(app.page.getByText('Or drop .trustbridge files here.'), [file]);
    await app.page.getByRole('heading', { level: 2, name: 'porto.trustbridge' }).waitFor();
    expect(app.pageErrors).toEqual([]);
  });

  it('runs React’s production build, compiled by the React Compiler, as a package does', async () => {
    app = await launchApp({ dataDir: await setUpFolder('production'), browser });
    const source = await app.page.evaluate(() => document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src ?? '');
    // Fetched here: the page's own policy lets it fetch nothing.
    const bundle = source ? await (await fetch(source)).text() : '';
    expect(bundle.length).toBeGreaterThan(100_000);
    // A warning only React's development build carries.
    expect(bundle.includes('cannot be a child of'), 'React development build').toBe(false);
    // React names the empty cache slot's marker once; each component the React Compiler compiled
    // (vite.config.ts) compares its cache slots to it, so a build without the compiler has one.
    expect(bundle.split('react.memo_cache_sentinel').length - 1, 'components compiled by the React Compiler').toBeGreaterThan(10);
  });
});
