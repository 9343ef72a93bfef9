/**
 * Where an assessment opens and what the officer sees there without scrolling, in a real Chromium
 * at 1280×800 (a common laptop): a draft resumes at its first unanswered criterion with the outline
 * scrolled to it; a link to a criterion shows that criterion in the outline; the partner's
 * self-rating (in an audit) and the start of the level cards are in the window; "not applicable" asks for one reason.
 * Runs over the demo data; criterion ids and the guide version are read from it, never written here.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/app/core';
import type { DemoResult } from '../../electron/demo/demo-data';
import { createI18n } from '../../renderer/lib/i18n';
import { criteriaOf, type Criterion } from '../../shared/framework/schema';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { copyOfDemo } from '../support/shared-demo';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { screenshot } from './screenshots';

type DemoInfo = DemoResult;

/** Whether the outline item of a criterion is selected and lies inside the outline's visible part. */
async function outlineShows(page: Page, criterionId: string): Promise<{ selected: boolean; inView: boolean }> {
  return page.evaluate((id) => {
    const list = document.querySelector('.outline')!;
    const item = list.querySelector(`[data-key="${CSS.escape(id)}"]`)!;
    const outer = list.getBoundingClientRect();
    const box = item.getBoundingClientRect();
    return {
      selected: item.getAttribute('aria-selected') === 'true',
      inView: box.top >= outer.top - 1 && box.bottom <= outer.bottom + 1 && box.bottom <= window.innerHeight,
    };
  }, criterionId);
}

/** The bottom edge of an element, in window pixels. */
async function bottomOf(page: Page, selector: string): Promise<number> {
  // The partner's self-assessment arrives after the criterion: wait for it to be shown.
  await page.locator(selector).first().waitFor({ timeout: 10_000 });
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return box.y + box.height;
}

describe('assessment navigation and the first screen at 1280×800', () => {
  let browser: Browser;
  let data: Awaited<ReturnType<typeof tempFolder>>;
  let dataDir: string;
  let demo: DemoInfo;
  let app: RunningApp | undefined;
  let criteria: Criterion[] = [];
  let draftId = '';
  let auditId = '';
  let answeredFirst = 0;

  beforeAll(async () => {
    browser = await sharedBrowser();
    data = await tempFolder();
    dataDir = join(data.path, 'demo');
    ({ demo } = await copyOfDemo({ dataDir, outDir: join(data.path, 'files') }));
    const core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'navigation', platform: process.platform, systemLocale: 'en-GB' });
    try {
      // The guide the demo's audit uses, whichever version that is.
      const demoAudit = await core.assessments.get(demo.assessments.auditOfB);
      const frameworkKey = core.frameworks.keyOf(demoAudit.framework)!;
      const draft = await core.assessments.create({ kind: 'self', subjectId: demo.institutions.A, frameworkKey, language: 'en', title: 'Navigation draft' });
      criteria = criteriaOf(core.assessments.frameworkOf(draft));
      // Well past the outline's first screen, so resuming there needs the outline to scroll.
      answeredFirst = Math.min(criteria.length - 2, 30);
      for (const criterion of criteria.slice(0, answeredFirst)) await core.assessments.saveAnswer(draft.id, criterion.id, { level: 3, justification: 'Answered.' });
      draftId = draft.id;
      const audit = await core.assessments.create({
        kind: 'audit',
        subjectId: demoAudit.subject.institutionId,
        frameworkKey,
        language: 'en',
        title: 'Navigation audit',
        ...(demoAudit.reviewsAssessmentId ? { reviewsAssessmentId: demoAudit.reviewsAssessmentId } : {}),
      });
      auditId = audit.id;
    } finally {
      await core.close();
    }
    app = await launchApp({ dataDir, browser, locale: 'en', viewport: { width: 1280, height: 800 } });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await data?.remove();
  });

  it('opens a draft at its first unanswered criterion, with the outline scrolled to it', async () => {
    const { page, baseUrl } = app!;
    const expected = criteria[answeredFirst]!;
    await page.goto(`${baseUrl}/index.html#/assessments/${draftId}`);
    await page.locator('#criterion-title').filter({ hasText: expected.id }).waitFor();
    await expect.poll(() => outlineShows(page, expected.id)).toEqual({ selected: true, inView: true });
    // The page itself was not scrolled to get there.
    expect(await page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);
    await screenshot(page, 'assessment-resume-1280x800', { fullPage: false });
  });

  it('shows a criterion opened by link in the outline, selected and in view', async () => {
    const { page, baseUrl } = app!;
    // The last criterion of the audit: the farthest from the outline's top.
    const target = criteria[criteria.length - 1]!;
    await page.goto(`${baseUrl}/index.html#/assessments/${demo.assessments.auditOfB}?criterion=${target.id}`);
    await page.locator('#criterion-title').filter({ hasText: target.id }).waitFor();
    await expect.poll(() => outlineShows(page, target.id)).toEqual({ selected: true, inView: true });
  });

  it('shows the level cards and the partner’s self-rating without scrolling, for every criterion of an audit', async () => {
    const { page, baseUrl } = app!;
    await page.goto(`${baseUrl}/index.html#/assessments/${auditId}?criterion=${criteria[0]!.id}`);
    await page.locator('#criterion-title').filter({ hasText: criteria[0]!.id }).waitFor();
    const tooLow: string[] = [];
    for (const [index, criterion] of criteria.entries()) {
      if (index > 0) {
        await page.keyboard.press('Alt+ArrowDown');
        await page.locator('#criterion-title').filter({ hasText: criterion.id }).waitFor();
      }
      // The partner's rating is read whole, and the level cards begin in the window: their label
      // and the first card, whatever the length of the guidance (it comes after them).
      const partner = await bottomOf(page, '.partner-answer__level, .partner-answer .muted');
      const cards = await bottomOf(page, '.level-card');
      if (partner > 800 || cards > 800) tooLow.push(`${criterion.id}: self-rating ends at ${Math.round(partner)}, first level card at ${Math.round(cards)}`);
      if (index === 0) await screenshot(page, 'audit-first-screen-1280x800', { fullPage: false });
    }
    expect(tooLow).toEqual([]);
  });

  it('asks for one reason when a criterion is marked not applicable', async () => {
    const { page, baseUrl } = app!;
    const target = criteria.find((criterion) => !criterion.critical && criterion.id !== criteria[answeredFirst]!.id && criteria.indexOf(criterion) > answeredFirst)!;
    await page.goto(`${baseUrl}/index.html#/assessments/${draftId}?criterion=${target.id}`);
    await page.locator('#criterion-title').filter({ hasText: target.id }).waitFor();
    const { t } = await createI18n('en');
    // The answer area renders just after the criterion's title: wait for it before counting.
    await page.getByRole('textbox', { name: t('assessment.justification') }).waitFor();
    expect(await page.getByRole('textbox', { name: t('assessment.justification') }).count()).toBe(1);
    await page.getByRole('checkbox', { name: t('assessment.markNotApplicable') }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('textbox', { name: t('assessment.naReason') }).waitFor();
    // The reason takes the justification's place: N/A asks for one text, not two.
    expect(await page.getByRole('textbox', { name: t('assessment.justification') }).count()).toBe(0);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'assessment-not-applicable-1280x800', { fullPage: false });
  });
});
