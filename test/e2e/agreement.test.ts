/**
 * The partnership agreement between two data folders, through the app and by keyboard: A drafts it
 * from the partnership decided with conditions, adjusts the scope, signs and sends it; B imports
 * it, sees that it verifies, countersigns and sends it back, and exports it to Word; A imports the
 * countersigned file. The Word file is read back independently.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/app/core';
import { criteriaOf } from '../../shared/framework/schema';
import { completedSelfAssessment } from '../support/assessment-factories';
import { sampleProfile } from '../support/factories';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { chooseInSelect, tabTo, typeInto } from './keyboard';
import { seedPassphrase, seedSetUp } from './seed';
import { screenshot } from './screenshots';

const universidad = () => sampleProfile({ legalRepresentative: { name: 'María López', role: 'Rector', email: '' } });
const tampere = () =>
  sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99', legalRepresentative: { name: 'Mikko Laine', role: 'Rector', email: '' } });

async function withCore<T>(dataDir: string, work: (core: Core) => Promise<T>): Promise<T> {
  const core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'seed', platform: process.platform, systemLocale: 'en-GB' });
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}

/** Presses a button reached by Tab, however far down the page it is. */
async function press(page: Page, name: string | RegExp, maxTabs = 200): Promise<void> {
  await tabTo(page, name, { maxTabs });
  await page.keyboard.press('Enter');
}

async function unlock(page: Page): Promise<void> {
  await page.getByRole('dialog', { name: 'Unlock the signing key' }).waitFor();
  await typeInto(page, 'Passphrase', seedPassphrase);
  await press(page, 'Unlock');
}

describe('a partnership agreement signed by A and countersigned by B, through the app', () => {
  let browser: Browser;
  let folders: Awaited<ReturnType<typeof tempFolder>>;
  let app: RunningApp | undefined;
  const dirs = { a: '', b: '' };
  let partnershipId = '';

  beforeAll(async () => {
    browser = await sharedBrowser();
    folders = await tempFolder();
    dirs.a = join(folders.path, 'a');
    dirs.b = join(folders.path, 'b');
    const { partners } = await seedSetUp(dirs.a, { own: universidad(), partners: [tampere()] });
    await seedSetUp(dirs.b, { own: tampere(), partners: [universidad()] });
    // B sends its self-assessment first, so A knows B's exchange id; A decides with a condition.
    const fileFromB = join(folders.path, 'b-self.trustbridge');
    await withCore(dirs.b, async (core) => {
      await core.identity.unlock(seedPassphrase);
      await writeFile(fileFromB, await core.exchange.exportItems({ assessmentIds: [(await completedSelfAssessment(core)).id] }));
    });
    partnershipId = await withCore(dirs.a, async (core) => {
      const [preview] = (await core.exchange.preview([fileFromB]))!;
      await core.exchange.apply([preview!.token]);
      const self = await completedSelfAssessment(core);
      // The condition is on the guide's last critical criterion (data protection in the built-in guide).
      const conditionOn = criteriaOf(core.assessments.frameworkOf(self)).filter((criterion) => criterion.critical).at(-1)!;
      const partnership = await core.partnerships.create({ partnerId: partners[0]!.id, title: 'Data literacy micro-credentials' });
      await core.partnerships.decide(partnership.id, { outcome: 'conditional', rationale: 'Ready once learner data sharing is agreed.' });
      await core.partnerships.saveAction(partnership.id, {
        title: 'Sign a joint-controller arrangement for learner data',
        criterionId: conditionOn.id,
        side: 'B',
        owner: 'Mikko Laine',
        dueDate: '2027-03-31',
        status: 'open',
        isCondition: true,
        notes: '',
      });
      return partnership.id;
    });
  });

  afterAll(async () => {
    await app?.close();
    await folders?.remove();
  });

  it('goes from A’s draft to the agreement both have signed, and exports it to Word', async () => {
    const signedByA = join(folders.path, 'agreement-signed-by-a.trustbridge');
    const countersigned = join(folders.path, 'agreement-countersigned.trustbridge');
    const word = join(folders.path, 'agreement.docx');

    // A drafts the agreement from the partnership's decision tab.
    app = await launchApp({ dataDir: dirs.a, browser });
    let page = app.page;
    await page.goto(`${app.baseUrl}/index.html#/partnerships/${partnershipId}?tab=decision`);
    await page.getByRole('heading', { level: 2, name: 'Agreement' }).waitFor();
    await press(page, 'Draft the agreement');
    await page.getByRole('heading', { level: 1, name: /Agreement on micro-credentials/i }).waitFor();
    await page.getByText('No one has signed it yet.', { exact: false }).waitFor();
    await page.getByText('Sign a joint-controller arrangement for learner data').waitFor();

    // A narrows the scope and saves.
    await typeInto(page, 'Largest micro-credential (ECTS)', '10');
    await page.keyboard.press('Tab');
    await page.getByText('Unsaved changes').waitFor();
    await press(page, 'Save the text');
    await page.getByText('The agreement was saved.').waitFor();
    const agreementId = app.core.agreements.list()[0]!.id;
    expect((await app.core.agreements.get(agreementId)).content.scope.ectsMax).toBe(10);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'agreement-draft', { fullPage: false });

    // A signs (the key asks for its passphrase) and sends the signed file.
    await press(page, 'Sign…');
    await page.getByRole('alertdialog', { name: 'Sign this agreement?' }).waitFor();
    await page.getByText('You seal this text as María López (Rector) for Universidad de Ejemplo', { exact: false }).waitFor();
    await press(page, 'Sign', 5);
    await unlock(page);
    await page.getByText('Signed. Send the signed file to Tampere Test University.').waitFor();
    await page.getByText('Waiting for the partner’s countersignature').first().waitFor();
    app.dialogs.answerSave(signedByA);
    await press(page, 'Send the signed file…');
    await page.getByText(`Saved to ${signedByA}.`).waitFor();
    const codeAtA = (await app.core.agreements.view(agreementId)).verificationCode;
    expect(app.externalRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    await app.close();

    // B imports it: it verifies, and B is asked to countersign.
    app = await launchApp({ dataDir: dirs.b, browser });
    page = app.page;
    await page.goto(`${app.baseUrl}/index.html#/exchange/import`);
    await page.getByRole('heading', { level: 1, name: 'Import exchange files' }).waitFor();
    app.dialogs.answerOpen([signedByA]);
    await press(page, 'Open files…');
    await page.getByText('An agreement the partner signed: open it to read it and countersign.').waitFor();
    await press(page, /^Accept \(/);
    await page.getByText(/^Imported:/).waitFor();
    await page.goto(`${app.baseUrl}/index.html#/agreements`);
    await page.getByRole('heading', { level: 1, name: 'Agreements' }).waitFor();
    // The list is a grid: its row has the agreement's name too, and the link inside it is what opens it.
    await tabTo(page, /Agreement on micro-credentials/i, { maxTabs: 200, role: 'a' });
    await page.keyboard.press('Enter');
    await page.getByText('Waiting for your countersignature').first().waitFor();
    await page.getByText(codeAtA).first().waitFor();
    await page.getByText('key known', { exact: false }).or(page.getByText('key not confirmed yet')).first().waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'agreement-received', { fullPage: false });

    await press(page, 'Countersign…');
    await page.getByRole('alertdialog', { name: 'Countersign this agreement?' }).waitFor();
    await page.getByText('You seal this text as Mikko Laine (Rector) for Tampere Test University', { exact: false }).waitFor();
    await press(page, 'Countersign', 5);
    await unlock(page);
    await page.getByText('Countersigned: both institutions have signed.', { exact: false }).waitFor();
    await page.getByText('Signed by both').first().waitFor();
    app.dialogs.answerSave(countersigned);
    await press(page, 'Save the signed file…');
    await page.getByText(`Saved to ${countersigned}.`).waitFor();

    // B exports the concluded agreement to Word, in German headings.
    await press(page, 'Export…');
    await chooseInSelect(page, /Language of the document$/, 'Deutsch');
    app.dialogs.answerSave(word);
    await press(page, 'Agreement (Word)');
    await page.getByText(`Saved to ${word}.`).waitFor({ timeout: 30_000 });
    await screenshot(page, 'agreement-concluded', { fullPage: false });
    expect(app.externalRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    await app.close();

    // A imports the countersigned file: both seals, the same code.
    app = await launchApp({ dataDir: dirs.a, browser });
    page = app.page;
    await page.goto(`${app.baseUrl}/index.html#/exchange/import`);
    app.dialogs.answerOpen([countersigned]);
    await press(page, 'Open files…');
    await page.getByText('The partner’s countersignature of the text you hold.').waitFor();
    await press(page, /^Accept \(/);
    await page.getByText(/^Imported:/).waitFor();
    await page.goto(`${app.baseUrl}/index.html#/agreements/${agreementId}`);
    await page.getByText('Signed by both').first().waitFor();
    await expect(page.getByRole('gridcell', { name: 'Mikko Laine Rector', exact: false }).count()).resolves.toBe(1);
    expect((await app.core.agreements.view(agreementId)).verificationCode).toBe(codeAtA);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    // The Word file names both signatories and the code, and says what the seal is not.
    const text = execFileSync('/usr/bin/python3', ['-c', 'import sys,docx\nd=docx.Document(sys.argv[1])\nprint("\\n".join([p.text for p in d.paragraphs]+[c.text for t in d.tables for r in t.rows for c in r.cells]))', word], { encoding: 'utf8' });
    expect(text).toContain('María López');
    expect(text).toContain('Mikko Laine');
    expect(text).toContain(codeAtA);
    expect(text).toMatch(/eIDAS/);
  });
});
