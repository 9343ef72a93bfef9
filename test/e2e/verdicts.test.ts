/**
 * What management reads cannot be misread, in real Chromium over the demo: a draft assessment shows
 * its progress and no band on Home and in the assessment list; the partnership page opens with the
 * decision, then the blockers (saying what each blocks), then the conditions; the consortium matrix
 * counts what the partnership counts.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/app/core';
import type { DemoResult } from '../../electron/demo/demo-data';
import { criteriaOf } from '../../shared/framework/schema';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { copyOfDemo } from '../support/shared-demo';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { pressButton } from './keyboard';
import { screenshot } from './screenshots';

describe('verdicts on screen', () => {
  let browser: Browser;
  let data: Awaited<ReturnType<typeof tempFolder>>;
  let dataDir: string;
  let demo: DemoResult;
  let app: RunningApp | undefined;
  let total = 0;
  /** The level below which a critical criterion blocks Ready, in the guide version the demo uses. */
  let blockerBelowLevel = 0;

  beforeAll(async () => {
    browser = await sharedBrowser();
    data = await tempFolder();
    dataDir = join(data.path, 'demo');
    ({ demo } = await copyOfDemo({ dataDir, outDir: join(data.path, 'files') }));
    const core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'verdicts', platform: process.platform, systemLocale: 'en-GB' });
    try {
      // The guide version the demo itself was made with, whichever that is.
      const selfA = await core.assessments.get(demo.assessments.selfA);
      blockerBelowLevel = core.assessments.frameworkOf(selfA).thresholds.blockerBelowLevel;
      const draft = await core.assessments.create({ kind: 'self', subjectId: demo.institutions.A, frameworkKey: core.frameworks.keyOf(selfA.framework)!, language: 'en', title: 'Draft self-assessment 2027' });
      const criteria = criteriaOf(core.assessments.frameworkOf(draft));
      total = criteria.length;
      // Three high answers, every critical criterion unanswered: "ready" on paper.
      for (const criterion of criteria.filter((c) => !c.critical).slice(0, 3)) await core.assessments.saveAnswer(draft.id, criterion.id, { level: 4 });
    } finally {
      await core.close();
    }
    app = await launchApp({ dataDir, browser, viewport: { width: 1280, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await data?.remove();
  });

  it('shows a draft’s progress, not a band, on Home and in the assessment list', async () => {
    const { page, baseUrl } = app!;
    for (const route of ['/', '/assessments']) {
      await page.goto(`${baseUrl}/index.html#${route}`);
      const row = page.getByRole('row').filter({ hasText: 'Draft self-assessment 2027' });
      await row.waitFor();
      await expect.poll(() => row.textContent()).toContain('Not decided yet');
      expect(await row.textContent()).toContain('100.0 % so far');
      expect(await row.textContent()).toMatch(/\d+ critical unanswered/);
      expect(await row.locator('.band').count()).toBe(0);
      await screenshot(page, `verdicts-draft${route === '/' ? '-home' : '-list'}`);
    }
    expect(total).toBeGreaterThan(3);
  });

  it('opens the partnership with the decision, then the blockers and what they block, then the conditions', async () => {
    const { page, baseUrl } = app!;
    await page.goto(`${baseUrl}/index.html#/partnerships/${demo.partnership}`);
    await page.getByRole('heading', { level: 2, name: /^Decision:/ }).waitFor();
    const headings = await page.locator('[role="tabpanel"] h2').allTextContents();
    expect(headings.slice(0, 3)).toEqual(['Decision: Ready with conditions', `Blockers: critical criteria below level ${blockerBelowLevel}, each blocks Ready`, 'Conditions']);
    // Every interpolated text got its values: no "{{level}}" left for a reader to see.
    expect(await page.locator('main').innerText()).not.toContain('{{');
    const banner = page.locator('.decision-banner');
    expect(await banner.textContent()).toMatch(/Decided by .+ on /);
    const blockers = page.locator('section[aria-labelledby="partnership-blockers"]');
    expect(await blockers.textContent()).toContain('it rules out “Ready”: at best the partnership is “Ready with conditions”');
    expect(await blockers.locator('li .badge').first().textContent()).toBe('blocks “Ready”');
    await screenshot(page, 'verdicts-partnership');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });

  it('writes the brief for top management from the export dialog', async () => {
    const { page, baseUrl } = app!;
    await page.goto(`${baseUrl}/index.html#/partnerships/${demo.partnership}`);
    await page.locator('.decision-banner').waitFor();
    await pressButton(page, 'Export…');
    await page.getByRole('dialog').waitFor();
    const brief = join(data.path, 'brief.docx');
    app!.dialogs.answerSave(brief);
    await pressButton(page, 'Brief for top management, at most 4 pages (Word)');
    await page.getByText(`Saved to ${brief}.`).waitFor({ timeout: 60_000 });
    const text = execFileSync('/usr/bin/unzip', ['-p', brief, 'word/document.xml']).toString('utf8').replace(/<[^>]+>/g, ' ');
    expect(text).toContain('Partnership brief');
    expect(text).toContain('Next review');
    await page.keyboard.press('Escape');
  });

  it('counts in the consortium matrix what the partnership counts', async () => {
    const { page, baseUrl } = app!;
    await page.goto(`${baseUrl}/index.html#/consortium`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.locator('.matrix').first().waitFor();
    expect(await page.getByText('Not counted', { exact: true }).count()).toBe(0);
    // Both audits and both self-assessments count: no empty cell between the two members.
    const audits = page.locator('.figure').filter({ has: page.locator('dt', { hasText: /^Audits$/ }) }).locator('dd');
    expect(await audits.textContent()).toBe('2');
    await screenshot(page, 'verdicts-consortium');
    expect(app!.pageErrors).toEqual([]);
  });
});
