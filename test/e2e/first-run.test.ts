import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { pressButton, tabTo, typeInto } from './keyboard';
import { FirstRunScreen, type ProfileEntry } from './pages/first-run';
import { screenshot } from './screenshots';

const ourUniversity: ProfileEntry = {
  legalName: 'Universidad de Ejemplo',
  countrySearch: 'Spai',
  city: 'Valencia',
  website: 'https://www.uni-ejemplo.es',
  erasmusCode: 'e valenci99',
  schacCode: 'uni-ejemplo.es',
  oid: 'E10099999',
  pic: '999888777',
  representative: { name: 'Dra. Elena Martín', role: 'Rectora', email: 'rectora@uni-ejemplo.es' },
  qaContact: { name: 'Jordi Puig', role: 'Quality officer', email: 'calidad@uni-ejemplo.es' },
  agency: 'ANECA',
  eqar: 'Yes, registered in EQAR',
};

describe('first run, by keyboard alone', () => {
  let browser: Browser;
  let data: Awaited<ReturnType<typeof tempFolder>>;
  let app: RunningApp | undefined;

  beforeAll(async () => {
    browser = await sharedBrowser();
    data = await tempFolder();
  });

  afterAll(async () => {
    await app?.close();
    await data?.remove();
  });

  it('creates the own institution, survives a restart, and every screen is accessible and offline', async () => {
    // Given a new, empty data folder
    app = await launchApp({ dataDir: data.path, browser });
    const { page } = app;
    const firstRun = new FirstRunScreen(page);
    await firstRun.waitUntilShown();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'first-run-1-you');

    // When the officer goes on without a name, the field says what to do and keeps focus there
    await firstRun.next();
    await expect.poll(() => page.getByText('Fill this in.').count()).toBeGreaterThan(0);

    await firstRun.fillYou('Jordi Puig', 'Quality-assurance officer');
    await firstRun.next();
    await firstRun.fillInstitution({ ...ourUniversity, erasmusCode: 'not a code', website: 'uni-ejemplo' });
    await firstRun.next();
    // Then invalid identifiers are refused with messages that say what a valid one looks like
    await page.getByText('An Erasmus code looks like').waitFor();
    await page.getByText('Enter a web address starting with https://').waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'first-run-2-institution-errors');

    await firstRun.fillInstitution(ourUniversity);
    await firstRun.next();
    await firstRun.fillPeople(ourUniversity);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'first-run-3-people');
    await firstRun.next();
    await firstRun.fillKeyPassphrase('short');
    await firstRun.next();
    // Then the error says what is wrong (too short), not the help again
    await page.getByText('This passphrase is too short: use at least 10 characters.', { exact: false }).waitFor();
    // And two different passphrases are told apart from a short one
    await firstRun.fillKeyPassphrase('the quality office keeps this safe');
    await typeInto(page, 'Repeat the passphrase', 'the quality office keeps this sa');
    await firstRun.next();
    await page.getByText('The two passphrases differ.').waitFor();
    await firstRun.fillKeyPassphrase('the quality office keeps this safe');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'first-run-4-key');
    await firstRun.next();

    // Then the app opens on Home with the institution; a newcomer is welcomed (not "back") and
    // told what to do first: the path, with the self-assessment as the next step
    await page.getByRole('heading', { level: 1, name: 'Welcome, Jordi Puig' }).waitFor();
    await page.getByText('Universidad de Ejemplo').first().waitFor();
    const path = page.getByRole('region', { name: 'Your path to a partnership agreement' });
    await path.waitFor();
    expect(await path.locator('.path__state').allTextContents()).toEqual(['Done', 'Next', 'Later', 'Later', 'Later', 'Later']);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'home');

    // And it was stored in the data folder, normalised
    const own = await app.core.institutions.getOwn();
    expect(own).toMatchObject({
      legalName: 'Universidad de Ejemplo',
      country: 'ES',
      erasmusCode: 'E  VALENCI99',
      qaAgency: { name: 'ANECA', eqarRegistered: 'yes' },
    });
    const settings = JSON.parse(await readFile(join(data.path, 'settings.json'), 'utf8'));
    expect(settings).toMatchObject({ userName: 'Jordi Puig', setupCompleted: true });
    // The institution's signing key was made, protected by the passphrase.
    expect(app.core.identity.keyStatus()).toMatchObject({ hasKey: true, method: 'passphrase' });

    // When the app is closed and started again on the same folder
    expect(app.externalRequests).toEqual([]);
    await app.close();
    app = await launchApp({ dataDir: data.path, browser });
    // Then everything is still there and the first run does not come back
    await app.page.getByRole('heading', { level: 1, name: 'Welcome back, Jordi Puig' }).waitFor();
    await app.page.getByText('Universidad de Ejemplo').first().waitFor();

    // And the other screens are reachable by keyboard and accessible
    for (const [link, heading, shot] of [
      ['Assessments', 'Assessments', 'assessments'],
      ['Partnerships', 'Partnerships', 'partnerships'],
      ['Guide', /Guide/, 'guide'],
      ['Settings', 'Settings', 'settings'],
    ] as const) {
      await tabTo(app.page, link);
      await app.page.keyboard.press('Enter');
      await app.page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
      expect(await seriousAccessibilityFindings(app.page), shot).toEqual([]);
      await screenshot(app.page, shot);
    }
    await pressButton(app.page, 'Edit profile');
    await app.page.getByRole('heading', { level: 1, name: 'Our institution' }).waitFor();
    expect(await seriousAccessibilityFindings(app.page)).toEqual([]);
    await screenshot(app.page, 'own-profile');
    expect(app.externalRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
