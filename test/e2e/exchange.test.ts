import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/app/core';
import { verifyExchangeFile } from '../../electron/exchange/read';
import { completedSelfAssessment } from '../support/assessment-factories';
import { sampleProfile } from '../support/factories';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { focusedName, pressButton, tabTo, typeInto } from './keyboard';
import { seedPassphrase, seedSetUp } from './seed';
import { screenshot } from './screenshots';

const tampere = () => sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99' });
const universidad = () => sampleProfile();

async function withSelfAssessment(dataDir: string): Promise<string> {
  const core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'seed', platform: process.platform, systemLocale: 'en-GB' });
  try {
    return (await completedSelfAssessment(core)).id;
  } finally {
    await core.close();
  }
}

describe('two institutions exchange signed files through the app', () => {
  let browser: Browser;
  let folders: Awaited<ReturnType<typeof tempFolder>>;
  let app: RunningApp | undefined;
  const dirs = { a: '', b: '', files: '' };
  let selfA = '';

  beforeAll(async () => {
    browser = await sharedBrowser();
    folders = await tempFolder();
    dirs.a = join(folders.path, 'a');
    dirs.b = join(folders.path, 'b');
    dirs.files = folders.path;
    await seedSetUp(dirs.a, { partners: [tampere()] });
    await seedSetUp(dirs.b, { own: tampere(), partners: [universidad()] });
    selfA = await withSelfAssessment(dirs.a);
    await withSelfAssessment(dirs.b);
  });

  afterAll(async () => {
    await app?.close();
    await folders?.remove();
  });

  it('A sends its self-assessment signed; B checks it, imports it, and confirms A’s key', async () => {
    // A signs (the key asks for its passphrase once) and saves the file.
    app = await launchApp({ dataDir: dirs.a, browser });
    await app.page.goto(`${app.baseUrl}/index.html#/assessments/${selfA}`);
    await pressButton(app.page, 'Export…');
    const file = join(dirs.files, 'universidad-self.trustbridge');
    app.dialogs.answerSave(file);
    await pressButton(app.page, 'Signed exchange file for partners (.trustbridge)');
    await app.page.getByRole('dialog', { name: 'Unlock the signing key' }).waitFor();
    expect(await seriousAccessibilityFindings(app.page)).toEqual([]);
    await typeInto(app.page, 'Passphrase', seedPassphrase);
    await pressButton(app.page, 'Unlock');
    await app.page.getByText(`Saved to ${file}.`).waitFor({ timeout: 30_000 });
    const fingerprintA = app.core.identity.keyStatus().displayFingerprint!;
    await app.close();

    // B opens it: verified, first file from this partner, one assessment to add.
    app = await launchApp({ dataDir: dirs.b, browser });
    await app.page.goto(`${app.baseUrl}/index.html#/exchange/import`);
    await app.page.getByRole('heading', { level: 1, name: 'Import exchange files' }).waitFor();
    app.dialogs.answerOpen([file]);
    await pressButton(app.page, 'Open files…');
    await app.page.getByText('first file from this partner: key remembered').waitFor();
    await app.page.getByText('matched to Universidad de Ejemplo').waitFor();
    expect(await seriousAccessibilityFindings(app.page)).toEqual([]);
    await screenshot(app.page, 'exchange-import-preview');
    expect(app.core.assessments.list().filter((summary) => summary.origin === 'exchange')).toHaveLength(0);
    await pressButton(app.page, /^Accept \(/);
    await app.page.getByText(/^Imported:/).waitFor();
    expect(app.core.assessments.list().filter((summary) => summary.origin === 'exchange')).toHaveLength(1);

    // B confirms A's key after reading the fingerprint on the phone.
    await app.page.goto(`${app.baseUrl}/index.html#/exchange/keys`);
    await app.page.getByRole('heading', { level: 2, name: 'Universidad de Ejemplo' }).waitFor();
    await app.page.getByText(fingerprintA).first().waitFor();
    await pressButton(app.page, 'Confirm the key of Universidad de Ejemplo');
    await app.page.getByRole('alertdialog', { name: 'Confirm the key of Universidad de Ejemplo?' }).waitFor();
    await pressButton(app.page, 'It is the same');
    await app.page.getByText('Confirmed with the partner').waitFor();
    expect(await seriousAccessibilityFindings(app.page)).toEqual([]);
    await screenshot(app.page, 'partner-keys');

    // The same file again brings nothing new.
    await app.page.goto(`${app.baseUrl}/index.html#/exchange/import`);
    app.dialogs.answerOpen([file]);
    await pressButton(app.page, 'Open files…');
    await app.page.getByRole('button', { name: 'Nothing new' }).waitFor();
    expect(app.externalRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('B sends several assessments at once from the list, in one signed file', async () => {
    const page = app!.page;
    await page.goto(`${app!.baseUrl}/index.html#/assessments`);
    await page.getByRole('heading', { level: 1, name: 'Assessments' }).waitFor();
    // Both listed assessments (B's own and the one received from A) are selected by keyboard: the
    // first checkbox in the grid, then Down to the next row's.
    const focusedRow = () => page.evaluate(() => [...document.querySelectorAll('[role="row"]')].findIndex((row) => row.contains(document.activeElement)));
    await tabTo(page, /^Select “/);
    const first = await focusedRow();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toMatch(/^Select “/);
    expect(await focusedRow()).toBe(first + 1);
    await page.keyboard.press('Space');
    const file = join(dirs.files, 'two-assessments.trustbridge');
    app!.dialogs.answerSave(file);
    await pressButton(page, 'Send 2 selected as a signed file…');
    await page.getByRole('dialog', { name: 'Unlock the signing key' }).waitFor();
    await typeInto(page, 'Passphrase', seedPassphrase);
    await pressButton(page, 'Unlock');
    await page.getByText(`Saved to ${file}.`).waitFor({ timeout: 30_000 });
    const verified = await verifyExchangeFile(new Uint8Array(await readFile(file)));
    expect(verified.ok && verified.verified.counts['assessment']).toBe(2);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
  });
});
