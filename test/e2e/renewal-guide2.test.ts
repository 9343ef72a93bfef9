/**
 * The next cycle of a guide 1.0 assessment, started in guide 2.0, by keyboard alone in real
 * Chromium over a real data folder: the officer sees what carries over (criterion by criterion)
 * and confirms before anything is stored, then compares the two cycles. The 1.0 assessment still
 * opens and scores as before.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criteriaOf } from '../../shared/framework/schema';
import { scoreAssessment } from '../../shared/scoring';
import { completedSelfAssessment } from '../support/assessment-factories';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { chooseInSelect, pressButton, tabTo, typeInto } from './keyboard';
import { seedSetUp } from './seed';
import { screenshot } from './screenshots';

describe('the next cycle of a 1.0 assessment in guide 2.0', () => {
  let browser: Browser;
  let data: Awaited<ReturnType<typeof tempFolder>>;
  let app: RunningApp | undefined;

  beforeAll(async () => {
    browser = await sharedBrowser();
    data = await tempFolder();
    await seedSetUp(data.path);
  });

  afterAll(async () => {
    await app?.close();
    await data?.remove();
  });

  it('shows what carries over, stores nothing until confirmed, then starts in 2.0 and compares with 1.0', async () => {
    app = await launchApp({ dataDir: data.path, browser });
    const { page, core } = app;
    const builtIns = core.frameworks.list().filter((item) => item.origin === 'built-in');
    const v1 = builtIns.find((item) => item.version === '1.0')!;
    const v2 = builtIns.find((item) => item.version === '2.0')!;
    const previous = await completedSelfAssessment(core, { title: 'Self-assessment 2024', version: '1.0' });
    expect(previous.framework.version).toBe(v1.version);
    const previousScore = scoreAssessment(core.assessments.frameworkOf(previous), previous.answers);

    // "Start the renewal" leads here: the earlier cycle is chosen, the guide defaults to the newest version.
    await page.goto(`${app.baseUrl}/index.html#/assessments/new?from=${encodeURIComponent(previous.id)}`);
    await page.getByRole('heading', { level: 1, name: 'New assessment' }).waitFor();
    await page.getByRole('button', { name: new RegExp(`${v2.title} 2\\.0`) }).waitFor();
    await typeInto(page, 'Name of the assessment', 'Self-assessment 2026');
    await pressButton(page, 'Start assessment');

    const dialog = page.getByRole('alertdialog', { name: 'Carry answers over from “Self-assessment 2024”' });
    await dialog.waitFor();
    const plan = await core.assessments.previewCarryOver({ fromId: previous.id, frameworkKey: v2.key, language: 'en' });
    await dialog.getByText(`${plan.carried} of ${plan.rows.length} criteria start with the earlier answer.`).waitFor();
    expect(await dialog.locator('tbody tr').count()).toBe(criteriaOf(await core.frameworks.get(v2.key, 'en')).length);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'renewal-carry-over');
    // Nothing is stored while the officer reads.
    expect(core.assessments.list()).toHaveLength(1);

    // The table scrolls inside the dialog and is read by keyboard: Shift+Tab from Cancel enters the
    // grid, Ctrl+End moves to its last row and scrolls it into view; Tab goes back to Cancel.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ControlOrMeta+End');
    const last = dialog.getByRole('row').last();
    expect(await last.evaluate((row) => row.contains(document.activeElement))).toBe(true);
    const [rowBox, scrollBox] = await Promise.all([last.boundingBox(), dialog.locator('.carry-over__table').boundingBox()]);
    expect(rowBox!.y).toBeGreaterThanOrEqual(scrollBox!.y);
    expect(rowBox!.y + rowBox!.height).toBeLessThanOrEqual(scrollBox!.y + scrollBox!.height + 1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');

    // Cancel has the focus; Tab moves to the confirmation.
    await tabTo(page, 'Start with these answers');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Self-assessment 2026' }).waitFor();
    const next = core.assessments.list().find((summary) => summary.title === 'Self-assessment 2026')!;
    expect(next.framework.version).toBe('2.0');
    const stored = await core.assessments.get(next.id);
    expect(Object.keys(stored.answers).sort()).toEqual(plan.rows.filter((row) => row.carried).map((row) => row.criterionId).sort());
    expect(Object.values(stored.answers).every((answer) => answer.carriedOver)).toBe(true);

    // Compare with the previous cycle, from the link on the new cycle's page.
    await tabTo(page, 'Compare with the previous cycle', { role: 'a' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Compare assessments' }).waitFor();
    const legRow = page.getByRole('row', { name: /^LEG-01 / });
    await legRow.waitFor();
    const level = String(previous.answers['LEG-01']!.level);
    expect(await legRow.textContent()).toContain(level);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'renewal-compare-1-0-with-2-0');

    // The coverage view of guide 2.0, for the new cycle: keyboard-reachable and axe clean.
    await page.goto(`${app.baseUrl}/index.html#/guide?framework=${encodeURIComponent(v2.key)}&tab=coverage`);
    await page.getByRole('heading', { name: /Annex II of the 2022 Recommendation: principles/ }).waitFor();
    await chooseInSelect(page, /^None: the guide only Assessment/, 'Self-assessment 2026');
    await page.getByRole('columnheader', { name: 'What the assessment says' }).first().waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'guide-coverage');

    // The 1.0 assessment still opens, scores and keeps every answer as before.
    await page.goto(`${app.baseUrl}/index.html#/assessments/${encodeURIComponent(previous.id)}`);
    await page.getByRole('heading', { level: 1, name: 'Self-assessment 2024' }).waitFor();
    const after = await core.assessments.get(previous.id);
    expect(after).toEqual(previous);
    expect(core.assessments.summary(previous.id).overall).toBe(previousScore.overall);
    expect(app.externalRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
