/**
 * A newcomer's path on Home, in real Chromium: over a data folder just set up, the checklist shows
 * where the officer stands and its main button, reached by keyboard, opens the next step; empty
 * lists lead on instead of ending. Over the demo data, Home shows exactly what the data says (the
 * same pure function read from the app's own core). English and Spanish, at 1280 and 900 px.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newcomerPath } from '../../shared/home/newcomer-path';
import { copyOfDemo } from '../support/shared-demo';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { tabTo } from './keyboard';
import { seedSetUp } from './seed';
import { screenshot } from './screenshots';
import en from '../../shared/i18n/locales/en.json';
import es from '../../shared/i18n/locales/es.json';

const ui = { en, es } as const;
const widths = [1280, 900] as const;

describe('the newcomer’s path on Home', () => {
  let browser: Browser;
  const folders: Array<Awaited<ReturnType<typeof tempFolder>>> = [];
  let app: RunningApp | undefined;

  beforeAll(async () => {
    browser = await sharedBrowser();
  });

  afterAll(async () => {
    await app?.close();
    for (const folder of folders) await folder.remove();
  });

  for (const language of ['en', 'es'] as const) {
    it(`over a fresh data folder (${language}): the path, its next step by keyboard, and empty lists that lead on`, async () => {
      const t = ui[language];
      const data = await tempFolder();
      folders.push(data);
      await seedSetUp(data.path, { language });
      app = await launchApp({ dataDir: data.path, browser, locale: language === 'es' ? 'es-ES' : 'en-GB' });
      const { page } = app;
      const path = page.getByRole('region', { name: t.home.path.title });
      await path.waitFor();
      expect(await path.locator('.path__state').allTextContents()).toEqual([t.home.path.state.done, ...Array(5).fill(null).map((_, i) => (i === 0 ? t.home.path.state.next : t.home.path.state.later))]);
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      for (const width of widths) {
        await page.setViewportSize({ width, height: 860 });
        await screenshot(page, `newcomer-home-${language}-${width}`);
      }
      await page.setViewportSize({ width: 1280, height: 860 });

      // The main button is the next step, and the keyboard reaches it
      await tabTo(page, t.home.path.selfAssessment.start, { role: 'a' });
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: t.newAssessment.title }).waitFor();
      expect(page.url()).toContain('kind=self');

      // An empty partnership list offers the partner first; the link opens the partner form
      await page.goto(`${app.baseUrl}/index.html#/partnerships`);
      await page.getByText(t.partnerships.empty).waitFor();
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await screenshot(page, `newcomer-partnerships-empty-${language}`);
      await tabTo(page, t.home.path.partner.start, { role: 'a' });
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: t.partners.addTitle }).waitFor();

      // An empty agreement list leads to the partnerships, where agreements are drafted
      await page.goto(`${app.baseUrl}/index.html#/agreements`);
      await page.getByText(t.agreements.empty).waitFor();
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await tabTo(page, t.agreements.goToPartnerships, { role: 'a' });
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: t.nav.partnerships }).waitFor();
      expect(app.externalRequests).toEqual([]);
      expect(app.pageErrors).toEqual([]);
      await app.close();
      app = undefined;
    });
  }

  it('over the demo data, shows what the data says, and welcomes the officer back', async () => {
    const data = await tempFolder();
    folders.push(data);
    const dataDir = join(data.path, 'demo');
    await copyOfDemo({ dataDir, outDir: join(data.path, 'files') });
    app = await launchApp({ dataDir, browser });
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: /^Welcome back, / }).waitFor();
    const expected = newcomerPath({
      institutions: app.core.institutions.list(),
      assessments: app.core.assessments.list(),
      partnerships: app.core.partnerships.list(),
      agreements: app.core.agreements.list(),
    });
    const path = page.getByRole('region', { name: en.home.path.title });
    if (expected.next === null) {
      // The whole path has been walked: no checklist, the usual actions.
      await page.getByRole('link', { name: en.assessments.new }).waitFor();
      expect(await path.count()).toBe(0);
    } else {
      await path.waitFor();
      expect(await path.locator('.path__state').allTextContents()).toEqual(expected.steps.map((step) => en.home.path.state[step.state]));
    }
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'newcomer-home-demo');
  });
});
