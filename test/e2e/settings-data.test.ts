/**
 * Settings, by keyboard: the whole data folder backed up to one archive and restored into an empty
 * folder (which opens with everything in it), and a person named in the data listed and erased.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/app/core';
import { completedSelfAssessment } from '../support/assessment-factories';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { pressButton } from './keyboard';
import { seedSetUp } from './seed';

describe('all data and personal data in Settings', () => {
  let browser: Browser;
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  let app: RunningApp | undefined;
  let dataDir = '';

  beforeAll(async () => {
    browser = await sharedBrowser();
    folder = await tempFolder();
    dataDir = join(folder.path, 'data');
    await seedSetUp(dataDir);
    const core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'seed', platform: process.platform, systemLocale: 'en-GB' });
    try {
      await completedSelfAssessment(core);
    } finally {
      await core.close();
    }
  });

  afterAll(async () => {
    await app?.close();
    await folder?.remove();
  });

  it('backs up everything to one archive and restores it into an empty folder that opens with it all', async () => {
    app = await launchApp({ dataDir, browser });
    const { page } = app;
    await page.goto(`${app.baseUrl}/index.html#/settings`);
    await page.getByRole('heading', { level: 2, name: 'All data' }).waitFor();
    const archive = join(folder.path, 'backup.zip');
    app.dialogs.answerSave(archive);
    await pressButton(page, 'Back up all data…');
    await page.getByText(`Saved to ${archive}.`).waitFor({ timeout: 30_000 });

    const target = join(folder.path, 'restored');
    await mkdir(target);
    app.dialogs.answerOpen([archive]).answerFolder(target);
    await pressButton(page, 'Restore a backup into a new folder…');
    await page.getByText(/^Restored \d+ files into/).waitFor({ timeout: 30_000 });
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    const restored = await openCore({ dataDir: target, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB' });
    try {
      expect(restored.assessments.list().map((summary) => summary.id)).toEqual(app.core.assessments.list().map((summary) => summary.id));
      expect((await restored.institutions.getOwn())?.legalName).toBe((await app.core.institutions.getOwn())?.legalName);
      expect(restored.identity.keyStatus().fingerprint).toBe(app.core.identity.keyStatus().fingerprint);
    } finally {
      await restored.close();
    }
  });

  it('lists the persons named, and erases one everywhere after confirmation', async () => {
    const { page } = app!;
    await pressButton(page, 'Show the persons named');
    await page.getByRole('rowheader', { name: /^Jordi Puig/ }).waitFor();
    await pressButton(page, 'Erase Jordi Puig');
    await page.getByRole('alertdialog', { name: 'Erase Jordi Puig?' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText(/^Jordi Puig was erased: \d+ places in \d+ documents/).waitFor({ timeout: 30_000 });
    await expect(page.getByRole('rowheader', { name: /^Jordi Puig/ }).count()).resolves.toBe(0);
    const history = (await app!.core.assessments.get(app!.core.assessments.list()[0]!.id)).history;
    expect(history.every((entry) => entry.by !== 'Jordi Puig')).toBe(true);
    expect(app!.externalRequests).toEqual([]);
    expect(app!.pageErrors).toEqual([]);
  });
});
