import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { pickFromComboBox, pressButton, selectTab, tabTo, typeInto } from './keyboard';
import { sampleProfile, seedSetUp } from './seed';
import { screenshot } from './screenshots';

describe('partner institutions, by keyboard', () => {
  let browser: Browser;
  let data: Awaited<ReturnType<typeof tempFolder>>;
  let app: RunningApp | undefined;

  beforeAll(async () => {
    browser = await sharedBrowser();
    data = await tempFolder();
    await seedSetUp(data.path, { partners: [sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99' })] });
  });

  afterAll(async () => {
    await app?.close();
    await data?.remove();
  });

  it('adds, edits and removes a partner (with confirmation), and it is all stored', async () => {
    app = await launchApp({ dataDir: data.path, browser });
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: /Welcome back/ }).waitFor();

    await tabTo(page, 'Partnerships', { role: 'a' });
    await page.keyboard.press('Enter');
    await selectTab(page, 'Partner institutions');
    await page.getByRole('gridcell', { name: 'Tampere', exact: true }).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    // Add a partner
    await pressButton(page, 'Add partner institution');
    await page.getByRole('heading', { level: 1, name: 'New partner institution' }).waitFor();
    await typeInto(page, 'Legal name', 'Vytautas Test University');
    await pickFromComboBox(page, 'Country', 'Lithu');
    await typeInto(page, 'City', 'Kaunas');
    await typeInto(page, 'Erasmus code', 'lt kaunas99');
    await typeInto(page, 'Full name', 'Prof. Jonas Test');
    await page.keyboard.press('Tab');
    await typeInto(page, 'Full name', 'Rūta Quality');
    await typeInto(page, 'E-mail', 'not-an-email');
    await pressButton(page, 'Save');
    await page.getByText('Enter an e-mail address such as').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('qaContact.email');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('quality@vtu.lt');
    await screenshot(page, 'partner-new');
    await pressButton(page, 'Save');
    await page.getByRole('gridcell', { name: 'Kaunas', exact: true }).waitFor();
    await page.getByText('Vytautas Test University was added.').waitFor();
    await screenshot(page, 'partners-list');

    // Edit it
    await pressButton(page, 'Edit: Vytautas Test University');
    await page.getByRole('heading', { level: 1, name: 'Edit Vytautas Test University' }).waitFor();
    await typeInto(page, 'City', 'Vilnius');
    await pressButton(page, 'Save');
    await page.getByRole('gridcell', { name: 'Vilnius', exact: true }).waitFor();

    // Remove the other one: a dialog asks first, and Cancel keeps it
    await pressButton(page, 'Remove: Tampere Test University');
    const dialog = page.getByRole('alertdialog', { name: 'Remove Tampere Test University?' });
    await dialog.waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'partner-remove-dialog');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('gridcell', { name: 'Tampere', exact: true }).count()).toBe(1);

    await pressButton(page, 'Remove: Tampere Test University');
    await dialog.waitFor();
    await tabTo(page, 'Remove partner');
    await page.keyboard.press('Enter');
    await page.getByText('Tampere Test University was removed.').waitFor();
    // The toast may come a moment before the list is read again.
    await expect.poll(() => page.getByRole('gridcell', { name: 'Tampere', exact: true }).count()).toBe(0);

    const stored = app.core.institutions.list().map((item) => [item.kind, item.legalName, item.city, item.erasmusCode]);
    expect(stored).toEqual([
      ['own', 'Universidad de Ejemplo', 'Valencia', 'E  VALENCI99'],
      ['partner', 'Vytautas Test University', 'Vilnius', 'LT KAUNAS99'],
    ]);
    expect(app.externalRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
