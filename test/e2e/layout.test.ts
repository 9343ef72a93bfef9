/**
 * Every screen fits the narrowest window the app allows (900 px, `minWidth` in
 * electron/main/window.ts) and a common laptop width (1280 px), in German, the language with the
 * longest words, in Spanish and in English: the page never scrolls sideways, on any tab, and no
 * word in a table cell, badge or heading is broken across two lines ("Statu s", "Borrad or").
 * Runs over the demo data, so tables, fingerprints and long titles are all there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/app/core';
import { repoRoot, templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { copyOfDemo } from '../support/shared-demo';
import { tempFolder } from '../support/temp';
import { launchApp, sharedBrowser } from './harness';
import { brokenWords, sidewaysOverflow } from './overflow';
import { screenshot } from './screenshots';
import { showScreen, untilLoaded } from './screens';

const minWidth = Number(/minWidth:\s*(\d+)/.exec(readFileSync(join(repoRoot, 'electron/main/window.ts'), 'utf8'))?.[1]);

describe('every screen fits the narrowest window', () => {
  let browser: Browser;
  let data: Awaited<ReturnType<typeof tempFolder>>;
  let dataDir: string;
  let routes: string[];

  beforeAll(async () => {
    browser = await sharedBrowser();
    data = await tempFolder();
    dataDir = join(data.path, 'demo');
    const { demo, exchange } = await copyOfDemo({ dataDir, outDir: join(data.path, 'files') });
    routes = [
      '/',
      '/assessments',
      '/assessments/new',
      `/assessments/${demo.assessments.auditOfB}?criterion=IQA-03`,
      // Never two screens of one kind in a row: the next one must be a new screen, not the same one re-read.
      `/compare?a=${demo.assessments.selfA}&b=${demo.assessments.auditOfA}`,
      `/assessments/${demo.assessments.selfA}`,
      '/partnerships',
      `/partnerships/${demo.partnership}`,
      '/agreements',
      `/agreements/${exchange.agreementId}`,
      '/consortium',
      '/inbox',
      '/exchange/import',
      '/exchange/keys',
      '/guide',
      '/settings',
      '/settings/institution',
    ];
  });

  afterAll(async () => {
    await data?.remove();
  });

  const widths = [minWidth, 1280];
  for (const language of ['de', 'en', 'es'] as const) {
    it(`in ${{ de: 'German', en: 'English', es: 'Spanish' }[language]}, at ${widths.join(' and ')} px, on every tab`, async () => {
      expect(minWidth).toBeGreaterThanOrEqual(800);
      const core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'layout', platform: process.platform, systemLocale: 'en-GB' });
      await core.store.updateSettings({ language });
      await core.close();
      const app = await launchApp({ dataDir, browser, locale: language, viewport: { width: widths[0]!, height: 800 } });
      try {
        const problems: string[] = [];
        let visits = 0;
        let shownWidth = widths[0]!;
        // One page load (the harness's), then each screen by its address in the app, measured
        // with its data, never while it still says "Loading…".
        for (const route of routes) {
          await showScreen(app.page, route, language);
          const tabs = await app.page.getByRole('tab').all();
          for (let index = 0; index < Math.max(1, tabs.length); index += 1) {
            const tab = tabs[index];
            if (tab) {
              await tab.click();
              await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
              await untilLoaded(app.page, language);
            }
            // Each screen and tab at every width, as when the window is made narrower and wider
            // again (a first opening at the narrowest width: the sidebar tests below). The widths
            // go one way, then back: a screen is measured first at the width the last one was
            // left at, so each needs one resize, not two, and is first drawn at either width.
            visits += 1;
            for (const width of visits % 2 === 1 ? widths : [...widths].reverse()) {
              if (width !== shownWidth) await app.page.setViewportSize({ width, height: 800 });
              shownWidth = width;
              // The layout the new width gives, painted: two animation frames.
              await app.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
              const found = [...(await sidewaysOverflow(app.page)), ...(await brokenWords(app.page))];
              if (found.length > 0) {
                const name = `layout-${language}-${width}-${problems.length}`;
                await screenshot(app.page, name, { fullPage: false, always: true });
                problems.push(`${route}${tab ? ` (tab “${await tab.textContent()}”)` : ''} at ${width} px: ${found.join('; ')} — see ${name}.png`);
              }
            }
          }
        }
        expect(problems).toEqual([]);
        expect(app.pageErrors).toEqual([]);
        expect(app.externalRequests).toEqual([]);
      } finally {
        await app.close();
      }
    });
  }

  it('from 1100 to 1280 px the sidebar is a rail of icons whose links keep their names, shown on focus', async () => {
    const core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'layout', platform: process.platform, systemLocale: 'en-GB' });
    await core.store.updateSettings({ language: 'en' });
    await core.close();
    const app = await launchApp({ dataDir, browser, locale: 'en', viewport: { width: 1280, height: 800 } });
    try {
      await app.page.goto(`${app.baseUrl}/index.html#/assessments`);
      await app.page.getByRole('heading', { level: 1 }).first().waitFor();
      const navigation = app.page.getByRole('navigation', { name: 'Main navigation' });
      expect((await navigation.boundingBox())!.width).toBeLessThan(80);
      expect(await app.page.getByRole('button', { name: 'Open the menu' }).count()).toBe(0);
      const link = navigation.getByRole('link', { name: 'Partnerships' });
      const label = link.locator('.sidebar__label');
      expect(await label.evaluate((element) => getComputedStyle(element).opacity)).toBe('0');
      // Reached by Tab like any link, it names its screen beside the icon, inside the window.
      await app.page.locator('.skip-link').focus();
      for (let step = 0; step < 10 && !(await link.evaluate((element) => element === document.activeElement)); step += 1) await app.page.keyboard.press('Tab');
      await expect.poll(() => label.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
      const box = (await label.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual((await navigation.boundingBox())!.width);
      expect(box.x + box.width).toBeLessThanOrEqual(1280);
      await app.page.keyboard.press('Enter');
      await app.page.getByRole('heading', { level: 1, name: 'Partnerships' }).waitFor();
      expect(await link.getAttribute('aria-current')).toBe('page');
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('below 1100 px the sidebar folds behind a menu button a keyboard opens and closes', async () => {
    // The tests above leave the folder's language set to theirs: this one reads English labels.
    const core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'layout', platform: process.platform, systemLocale: 'en-GB' });
    await core.store.updateSettings({ language: 'en' });
    await core.close();
    const app = await launchApp({ dataDir, browser, locale: 'en', viewport: { width: minWidth, height: 800 } });
    try {
      await app.page.goto(`${app.baseUrl}/index.html#/assessments`);
      await app.page.getByRole('heading', { level: 1 }).first().waitFor();
      const toggle = app.page.getByRole('button', { name: 'Open the menu' });
      await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await app.page.getByRole('link', { name: 'Partnerships' }).count()).toBe(0);
      // The folded strip still runs the window's full height.
      const strip = await app.page.getByRole('navigation', { name: 'Main navigation' }).boundingBox();
      expect(strip?.height).toBe(800);

      await toggle.focus();
      await app.page.keyboard.press('Enter');
      const open = app.page.getByRole('button', { name: 'Close the menu' });
      expect(await open.getAttribute('aria-expanded')).toBe('true');
      await expect.poll(() => app.page.evaluate(() => document.activeElement?.textContent)).toBe('Home');
      await app.page.keyboard.press('Escape');
      await expect.poll(() => app.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Open the menu');
      expect(await app.page.getByRole('link', { name: 'Partnerships' }).count()).toBe(0);

      await app.page.keyboard.press('Enter');
      await app.page.getByRole('link', { name: 'Partnerships' }).click();
      await app.page.getByRole('heading', { level: 1, name: 'Partnerships' }).waitFor();
      expect(await app.page.getByRole('button', { name: 'Open the menu' }).getAttribute('aria-expanded')).toBe('false');
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
