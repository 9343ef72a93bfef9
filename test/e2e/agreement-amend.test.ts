/**
 * A signed agreement opens read-only; changing it is an explicit amendment. Over the demo's
 * concluded agreement, in a real Chromium at 1280×800, by keyboard: no field can be edited;
 * "Amend…" explains that both institutions sign again; cancelling changes nothing; confirming
 * opens an editable draft while the signed text stays stored and is listed in the history.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../renderer/lib/i18n';
import { copyOfDemo } from '../support/shared-demo';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { tabTo } from './keyboard';
import { screenshot } from './screenshots';

describe('amending a signed agreement', () => {
  let browser: Browser;
  let data: Awaited<ReturnType<typeof tempFolder>>;
  let dataDir = '';
  let agreementId = '';
  let app: RunningApp | undefined;

  beforeAll(async () => {
    browser = await sharedBrowser();
    data = await tempFolder();
    dataDir = join(data.path, 'demo');
    agreementId = (await copyOfDemo({ dataDir, outDir: join(data.path, 'files') })).exchange.agreementId;
    app = await launchApp({ dataDir, browser, locale: 'en', viewport: { width: 1280, height: 800 } });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await data?.remove();
  });

  it('shows the signed text read-only, and amends it only after a confirmation', async () => {
    const { page, baseUrl, core } = app!;
    const { t } = await createI18n('en');
    const held = await core.agreements.get(agreementId);
    expect(held.signatures.length).toBe(2);

    await page.goto(`${baseUrl}/index.html#/agreements/${agreementId}`);
    await page.getByTestId('agreement-signed-text').waitFor();
    const panel = page.getByRole('tabpanel');
    expect(await panel.getByRole('textbox').count()).toBe(0);
    expect(await panel.getByRole('checkbox').count()).toBe(0);
    expect(await panel.getByText(held.content.clauses[0]!.heading).count()).toBeGreaterThan(0);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'agreement-signed-read-only-1280x800', { fullPage: false });

    // Cancel: nothing changes, on screen or in the store.
    await tabTo(page, t('agreement.amend'), { maxTabs: 200 });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: t('agreement.amendTitle') });
    await dialog.getByText(t('agreement.amendBody')).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'agreement-amend-confirm-1280x800', { fullPage: false });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await panel.getByRole('textbox').count()).toBe(0);
    expect(await core.agreements.get(agreementId)).toEqual(held);

    // Confirm: an editable draft; the signed text is kept as a revision.
    await tabTo(page, t('agreement.amend'), { maxTabs: 200 });
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: t('agreement.amendNow') }).click();
    await page.getByRole('textbox', { name: t('agreement.title') }).waitFor();
    expect(await page.getByRole('button', { name: t('agreement.amend') }).count()).toBe(0);
    const amended = await core.agreements.get(agreementId);
    expect(amended.signatures).toEqual([]);
    expect(amended.content).toEqual(held.content);
    expect(amended.revisions).toHaveLength(1);
    expect(amended.revisions![0]!.signatures).toEqual(held.signatures);
    expect(amended.revisions![0]!.content).toEqual(held.content);
    expect((await core.agreements.view(agreementId)).state).toBe('draft');

    await page.getByRole('tab', { name: t('agreement.history') }).click();
    await page.getByTestId('agreement-revisions').getByRole('listitem').first().waitFor();
    await page.getByText(t('agreement.events.amended')).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    expect(app!.pageErrors).toEqual([]);
  });

  it('refuses to amend a text nobody has signed', async () => {
    // The draft made by the amendment above has no signature over it.
    const core = app!.core;
    await expect(core.agreements.amend(agreementId)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
