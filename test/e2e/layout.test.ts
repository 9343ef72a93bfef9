/**
 * Every screen fits the narrowest window the app allows (900 px, `minWidth` in
 * electron/main/window.ts) in German, the language with the longest words, and in English: the
 * page never scrolls sideways, on any tab. Runs over the demo data, so tables, fingerprints and
 * long titles are all there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/app/core';
import { writeDemo } from '../../electron/demo/demo-exchange';
import { repoRoot, templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';
import { launchApp, launchBrowser } from './harness';
import { sidewaysOverflow } from './overflow';
import { screenshot } from './screenshots';

const minWidth = Number(/minWidth:\s*(\d+)/.exec(readFileSync(join(repoRoot, 'electron/main/window.ts'), 'utf8'))?.[1]);

describe('every screen fits the narrowest window', () => {
  let browser: Browser;
  let data: Awaited<ReturnType<typeof tempFolder>>;
  let dataDir: string;
  let routes: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    data = await tempFolder();
    dataDir = join(data.path, 'demo');
    const { demo, exchange } = await writeDemo({ dataDir, outDir: join(data.path, 'files'), templatesDir });
    routes = [
      '/',
      '/assessments',
      '/assessments/new',
      `/assessments/${demo.assessments.auditOfB}?criterion=IQA-03`,
      `/assessments/${demo.assessments.selfA}`,
      `/compare?a=${demo.assessments.selfA}&b=${demo.assessments.auditOfA}`,
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
    await browser?.close();
    await data?.remove();
  });

  for (const language of ['de', 'en', 'es'] as const) {
    it(`in ${{ de: 'German', en: 'English', es: 'Spanish' }[language]}, at ${minWidth} px, on every tab`, async () => {
      expect(minWidth).toBeGreaterThanOrEqual(800);
      const core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'layout', platform: process.platform, systemLocale: 'en-GB' });
      await core.store.updateSettings({ language });
      await core.close();
      const app = await launchApp({ dataDir, browser, locale: language, viewport: { width: minWidth, height: 800 } });
      try {
        const problems: string[] = [];
        for (const route of routes) {
          await app.page.goto(`${app.baseUrl}/index.html#${route}`);
          await app.page.getByRole('heading', { level: 1 }).first().waitFor();
          const tabs = await app.page.getByRole('tab').all();
          for (let index = 0; index < Math.max(1, tabs.length); index += 1) {
            const tab = tabs[index];
            if (tab) {
              await tab.click();
              await app.page.waitForTimeout(150);
            }
            const found = await sidewaysOverflow(app.page);
            if (found.length > 0) {
              const name = `narrow-${language}-${problems.length}`;
              await screenshot(app.page, name, { fullPage: false });
              problems.push(`${route}${tab ? ` (tab “${await tab.textContent()}”)` : ''}: ${found.join('; ')} — see ${name}.png`);
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
});
