/**
 * The level cards of the criterion with the longest descriptors, and in an audit the partner's
 * self-rating above them, are inside the window at 1280×800 without scrolling, in English, Spanish
 * and German. Runs over the demo data; the guide, the criterion and the texts are read from it.
 *
 * What makes it fit (issue 15): from 1100 to 1280 px the app's sidebar is a rail of icons, the
 * assessment header is two short lines, each level's name leads its descriptor on the same line,
 * and the partner's justification shows two lines with "Show more". Before that, the five cards of
 * LEG-02 ended at 1345 px (en), 1409 (es) and 1475 (de).
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/app/core';
import type { DemoResult } from '../../electron/demo/demo-data';
import { criteriaOf, languages, type Criterion } from '../../shared/framework/schema';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { copyOfDemo } from '../support/shared-demo';
import { tempFolder } from '../support/temp';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { screenshot } from './screenshots';

const viewport = { width: 1280, height: 800 };

describe('the level cards at 1280×800', () => {
  let browser: Browser;
  let data: Awaited<ReturnType<typeof tempFolder>>;
  let demo: DemoResult;
  let app: RunningApp | undefined;
  let auditId = '';
  /** Per language, the criterion whose five descriptors are the longest in that language. */
  const longest = new Map<string, Criterion>();

  beforeAll(async () => {
    browser = await sharedBrowser();
    data = await tempFolder();
    const dataDir = join(data.path, 'demo');
    ({ demo } = await copyOfDemo({ dataDir, outDir: join(data.path, 'files') }));
    const core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'level-cards', platform: process.platform, systemLocale: 'en-GB' });
    try {
      const demoAudit = await core.assessments.get(demo.assessments.auditOfB);
      const frameworkKey = core.frameworks.keyOf(demoAudit.framework)!;
      // A fresh audit of the partner beside its self-assessment: nothing answered, no alert above the cards.
      const audit = await core.assessments.create({
        kind: 'audit',
        subjectId: demoAudit.subject.institutionId,
        frameworkKey,
        language: 'en',
        title: 'Level cards audit',
        ...(demoAudit.reviewsAssessmentId ? { reviewsAssessmentId: demoAudit.reviewsAssessmentId } : {}),
        ...(demoAudit.profileId ? { profileId: demoAudit.profileId } : {}),
      });
      auditId = audit.id;
      for (const language of languages) {
        const length = (criterion: Criterion) => criterion.levels.reduce((sum, text) => sum + text.length, 0);
        const criteria = criteriaOf(core.assessments.frameworkOf(audit, language));
        longest.set(language, criteria.reduce((best, criterion) => (length(criterion) > length(best) ? criterion : best)));
      }
    } finally {
      await core.close();
    }
    app = await launchApp({ dataDir, browser, locale: 'en', viewport });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await data?.remove();
  });

  it('shows the partner’s self-rating and all five level cards of the longest criterion, in en, es and de', async () => {
    const { page, baseUrl } = app!;
    const outside: string[] = [];
    for (const language of languages) {
      const criterion = longest.get(language)!;
      await app!.core.store.updateSettings({ language });
      // A new page load, so the app reads the language just set: from a blank page, not a fragment
      // change and a reload (once, on a loaded machine, the reload came back without the fragment).
      await page.goto('about:blank');
      await page.goto(`${baseUrl}/index.html#/assessments/${auditId}?criterion=${criterion.id}`);
      await page.locator('#criterion-title').filter({ hasText: criterion.id }).waitFor();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
      // The guidance collapsed (the state it remembers), as an officer who read it once leaves it.
      for (const trigger of await page.locator('.fold__trigger').all()) {
        if ((await trigger.getAttribute('aria-expanded')) === 'true') await trigger.click();
        await expect.poll(() => trigger.getAttribute('aria-expanded')).toBe('false');
      }
      // Opened again, as the officer finds it: collapsed, and the page not scrolled.
      await page.goto(`${baseUrl}/index.html#/assessments`);
      await page.goto(`${baseUrl}/index.html#/assessments/${auditId}?criterion=${criterion.id}`);
      await page.locator('#criterion-title').filter({ hasText: criterion.id }).waitFor();
      await page.locator('.level-card').nth(4).waitFor();
      expect(await page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);
      const boxes = [
        { name: 'self-rating', box: await page.locator('.partner-answer').first().boundingBox() },
        ...(await page.locator('.level-card').all()).map((card, level) => ({ name: `level ${level}`, card })),
      ];
      for (const entry of boxes) {
        const box = 'card' in entry ? await entry.card!.boundingBox() : entry.box;
        if (!box || box.y < 0 || box.x < 0 || box.y + box.height > viewport.height || box.x + box.width > viewport.width) {
          outside.push(`${language} ${criterion.id} ${entry.name}: ${box ? `${Math.round(box.y)}–${Math.round(box.y + box.height)}` : 'not shown'}`);
        }
      }
      expect(await page.locator('.level-card').count()).toBe(5);
      await screenshot(page, `level-cards-${language}-1280x800`, { fullPage: false });
    }
    expect(outside).toEqual([]);
  });

  it('folds a long partner justification to two lines that “Show more” opens and closes, by keyboard', async () => {
    const { page, baseUrl } = app!;
    await app!.core.store.updateSettings({ language: 'en' });
    const demoAudit = await app!.core.assessments.get(demo.assessments.auditOfB);
    const reviewed = await app!.core.assessments.get(demoAudit.reviewsAssessmentId!);
    // The partner's longest justification, in the narrowest window the app allows: more than two lines.
    const [criterionId, answer] = Object.entries(reviewed.answers).reduce((best, entry) => ((entry[1]?.justification.length ?? 0) > (best[1]?.justification.length ?? 0) ? entry : best));
    await page.setViewportSize({ width: 900, height: 800 });
    try {
      await page.goto('about:blank');
      await page.goto(`${baseUrl}/index.html#/assessments/${auditId}?criterion=${criterionId}`);
      await page.locator('#criterion-title').filter({ hasText: criterionId }).waitFor();
      const text = page.locator('.partner-answer__text');
      const more = page.locator('.partner-answer').getByRole('button', { name: 'Show more' });
      await more.waitFor();
      const folded = (await text.boundingBox())!.height;
      const lineHeight = await text.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight));
      expect(folded).toBeLessThanOrEqual(2 * lineHeight + 1);
      // Folded on screen only: the whole text is in the page for screen readers.
      expect(await text.textContent()).toBe(answer!.justification);
      expect(await more.getAttribute('aria-expanded')).toBe('false');

      await more.focus();
      await page.keyboard.press('Enter');
      const less = page.locator('.partner-answer').getByRole('button', { name: 'Show less' });
      await expect.poll(() => less.getAttribute('aria-expanded')).toBe('true');
      expect((await text.boundingBox())!.height).toBeGreaterThan(folded + lineHeight / 2);
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await text.boundingBox())!.height).toBe(folded);
      await screenshot(page, 'partner-answer-folded-en-900x800', { fullPage: false });
    } finally {
      await page.setViewportSize(viewport);
    }
  });
});
