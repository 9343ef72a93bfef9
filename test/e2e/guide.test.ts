import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFrameworkFor } from '../../shared/framework/guide2';
import { criteriaOf } from '../../shared/framework/schema';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { chooseInListBox, chooseInSelect, pressButton, selectTab, tabTo, typeInto } from './keyboard';
import { seedSetUp } from './seed';
import { screenshot } from './screenshots';

describe('the guide and a consortium’s own version of it', () => {
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

  it('reads the guide by dimension and by search, in another language, by keyboard', async () => {
    app = await launchApp({ dataDir: data.path, browser });
    const { page, core } = app;
    // The built-in versions, newest first: the page opens at the newest; the others stay listed.
    const builtIns = core.frameworks.list().filter((item) => item.origin === 'built-in');
    const newest = defaultFrameworkFor(builtIns, 'en')!;
    const older = builtIns.filter((item) => item.key !== newest.key);
    expect(older.length).toBeGreaterThan(0);
    const legCount = async (key: string) => criteriaOf(await core.frameworks.get(key, 'en')).filter((criterion) => criterion.dimensionId === 'LEG').length;

    await page.getByRole('heading', { level: 1, name: /Welcome back/ }).waitFor();
    await tabTo(page, 'Guide', { role: 'a' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Guide to trustworthy partnership/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: /^LEG · / }).waitFor();
    expect(await page.getByRole('button', { name: / Framework$/ }).textContent()).toContain(`${newest.title} ${newest.version}`);
    expect(await page.getByRole('button', { name: /^LEG-\d\d/ }).count()).toBe(await legCount(newest.key));
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    // Open a criterion with the keyboard: its guidance, five levels and sources appear.
    await tabTo(page, /^LEG-02/);
    await page.keyboard.press('Enter');
    const details = page.locator('[data-criterion="LEG-02"]');
    await details.getByRole('heading', { name: 'What good looks like' }).waitFor();
    expect(await details.locator('.level-list__item').count()).toBe(5);
    expect(await details.getByText('ESG 2015').count()).toBeGreaterThan(0);
    await screenshot(page, 'guide-browse');

    // Another dimension
    await tabTo(page, /^DAT/, { backwards: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: /^DAT · / }).waitFor();

    // Search across all dimensions
    await typeInto(page, 'Search the guide', 'lisbon');
    await page.getByRole('heading', { level: 2, name: /criteri(on|a) match.* “lisbon”/ }).waitFor();
    expect(await page.getByRole('button', { name: /^REC-01/ }).count()).toBe(1);
    await screenshot(page, 'guide-search');

    // The same guide in German
    await page.keyboard.press('Escape');
    await chooseInSelect(page, /Language of the guide$/, 'Deutsch');
    await page.getByRole('heading', { level: 2, name: /^LEG · / }).waitFor();
    const germanTitle = await page.getByRole('heading', { level: 1 }).textContent();
    expect(germanTitle).not.toMatch(/Guide to trustworthy/);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    // An earlier version is still there to read, one choice away.
    await chooseInSelect(page, /Language of the guide$/, 'English');
    const earlier = older[0]!;
    await chooseInSelect(page, / Framework$/, `${earlier.title} ${earlier.version}`);
    await expect.poll(async () => page.getByRole('button', { name: / Framework$/ }).textContent()).toContain(`${earlier.title} ${earlier.version}`);
    await page.getByRole('heading', { level: 2, name: /^LEG · / }).waitFor();
    await expect.poll(async () => page.getByRole('button', { name: /^LEG-\d\d/ }).count()).toBe(await legCount(earlier.key));
    expect(app.externalRequests).toEqual([]);
  });

  it('makes a new version: clone, edit, retire, publish, export — and another institution imports and compares it', async () => {
    const { page } = app!;
    await selectTab(page, 'Versions');
    await page.getByRole('heading', { level: 2, name: 'Framework versions' }).waitFor();
    await pressButton(page, /^Make a new version: /);
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: /^New version of/ }).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await typeInto(page, 'Name of your version', 'MESHE consortium guide');
    await typeInto(page, 'Identifier', 'Not An Id');
    await pressButton(page, 'Create draft');
    await page.getByText('Use 3 to 64 lower-case letters').waitFor();
    await typeInto(page, 'Identifier', 'meshe-guide');
    await typeInto(page, 'Version', '1.1');
    await pressButton(page, 'Create draft');

    // The editor: change a threshold, a weight and a criterion's wording; saved as typed.
    await page.getByRole('heading', { level: 1, name: 'MESHE consortium guide' }).waitFor();
    await typeInto(page, '“Ready” from (%)', '80');
    await chooseInListBox(page, 'GOV-02');
    await typeInto(page, 'Title of the criterion', 'Joint quality board with published minutes');
    await page.getByText('All changes saved').waitFor({ timeout: 10_000 });
    // An invalid change is shown on its field and not saved.
    await typeInto(page, 'Title of the criterion', '');
    await page.getByText('Not saved: correct the marked fields').waitFor({ timeout: 10_000 });
    await typeInto(page, 'Title of the criterion', 'Joint quality board with published minutes');
    await page.getByText('All changes saved').waitFor({ timeout: 10_000 });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'framework-editor');

    // Retire GOV-07
    await chooseInListBox(page, 'GOV-07');
    await pressButton(page, 'Retire criterion');
    await page.getByRole('alertdialog', { name: 'Retire GOV-07?' }).waitFor();
    await typeInto(page, 'Reason (shown to your partners)', 'Merged into GOV-02');
    await tabTo(page, 'Retire criterion');
    await page.keyboard.press('Enter');
    await page.getByText('retired in 1.1').waitFor();
    await page.getByText('All changes saved').waitFor({ timeout: 10_000 });

    // Publish and export
    await pressButton(page, 'Publish');
    await page.getByText('MESHE consortium guide 1.1 was published.').waitFor();
    const exported = join(data.path, 'meshe-guide-1.1.json');
    app!.dialogs.answerSave(exported);
    await pressButton(page, 'Export…: MESHE consortium guide 1.1');
    await page.getByText(`Saved to ${exported}.`).waitFor();
    const file = JSON.parse(await readFile(exported, 'utf8'));
    expect(file).toMatchObject({ id: 'meshe-guide', version: '1.1', thresholds: { ready: 80 }, retired: [{ id: 'GOV-07', reason: 'Merged into GOV-02' }] });
    // The wording typed into the editor, as typed.
    const criteria = (file as { dimensions: Array<{ criteria: Array<{ id: string; title: string }> }> }).dimensions.flatMap((dimension) => dimension.criteria);
    expect(criteria.find((criterion) => criterion.id === 'GOV-02')?.title).toBe('Joint quality board with published minutes');

    // Compare with its base
    await pressButton(page, 'Compare with its base: MESHE consortium guide 1.1');
    await page.getByRole('heading', { level: 1, name: 'Compare framework versions' }).waitFor();
    await page.getByRole('gridcell', { name: 'Retired', exact: true }).waitFor();
    await page.getByText('“Ready” from (%): 75 → 80').waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'framework-compare');
    await app!.close();

    // A partner institution, in its own data folder, imports the file.
    const other = await tempFolder();
    try {
      await seedSetUp(other.path);
      app = await launchApp({ dataDir: other.path, browser });
      app.dialogs.answerOpen([exported]);
      await app.page.goto(`${app.baseUrl}/index.html#/guide?tab=versions`);
      await pressButton(app.page, 'Import a framework file…');
      await app.page.getByText('MESHE consortium guide 1.1 was imported.').waitFor();
      await app.page.getByRole('rowheader', { name: /MESHE consortium guide/ }).getByText('Imported').waitFor();
      expect(app.externalRequests).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app?.close();
      app = undefined;
      await other.remove();
    }
  });
});
