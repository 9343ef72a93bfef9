import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoData } from '../../electron/demo/demo-data';
import { columns, sheetNames } from '../../electron/export/xlsx/questionnaire-layout';
import { templatesDir } from '../support/paths';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { chooseInSelect, pressButton, tabTo } from './keyboard';
import { screenshot } from './screenshots';

/** The text of a Word file's main document part. */
function wordText(path: string): string {
  return execFileSync('unzip', ['-p', path, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

describe('exports and the questionnaire round trip, from the app', () => {
  let browser: Browser;
  let data: Awaited<ReturnType<typeof tempFolder>>;
  let app: RunningApp | undefined;
  let demo: Awaited<ReturnType<typeof writeDemoData>>;

  beforeAll(async () => {
    browser = await sharedBrowser();
    data = await tempFolder();
    demo = await writeDemoData({ dataDir: join(data.path, 'data'), templatesDir });
  });

  afterAll(async () => {
    await app?.close();
    await data?.remove();
  });

  it('writes the readiness report in German from the partnership, with progress and "show in folder"', async () => {
    app = await launchApp({ dataDir: demo.dataDir, browser });
    const { page } = app;
    await page.goto(`${app.baseUrl}/index.html#/partnerships/${demo.partnership}`);
    await page.getByRole('heading', { name: 'The partnership' }).waitFor();
    await pressButton(page, 'Export…');
    await page.getByRole('dialog').waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'export-dialog');
    await chooseInSelect(page, /Language of the document$/, 'Deutsch');
    const report = join(data.path, 'bericht.docx');
    app.dialogs.answerSave(report);
    await pressButton(page, 'Readiness report for top management (Word)');
    await page.getByText(`Saved to ${report}.`).waitFor({ timeout: 60_000 });
    expect(wordText(report)).toContain('Bericht zur Partnerschaftsreife');
    await tabTo(page, 'Show in folder');
    await page.keyboard.press('Enter');
    expect(app.dialogs.shownInFolder).toEqual([report]);
  });

  it('sends a questionnaire to a partner and imports it back after the partner filled it in', async () => {
    const { page } = app!;
    await page.goto(`${app!.baseUrl}/index.html#/partnerships?tab=partners`);
    await page.getByRole('heading', { level: 2, name: 'Partner institutions' }).waitFor();
    const partner = app!.core.institutions.list().find((item) => item.kind === 'partner')!;
    await pressButton(page, `Questionnaire…: ${partner.legalName}`);
    await page.getByRole('dialog').waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    const questionnaire = join(data.path, 'questionnaire.xlsx');
    app!.dialogs.answerSave(questionnaire);
    await pressButton(page, 'Save questionnaire…');
    await page.getByText(`Saved to ${questionnaire}.`).waitFor({ timeout: 60_000 });

    // The partner fills it in (levels only; one unreadable level to be reported).
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(questionnaire)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(sheetNames.questionnaire)!;
    for (let row = 2; row <= sheet.rowCount; row += 1) {
      if (!sheet.getCell(row, columns.key).value) continue;
      sheet.getCell(row, columns.level).value = row === 4 ? 'Quite good' : 3;
      sheet.getCell(row, columns.justification).value = 'Described in our quality manual.';
    }
    const filled = join(data.path, 'questionnaire-filled.xlsx');
    await writeFile(filled, Buffer.from(await workbook.xlsx.writeBuffer()));

    const before = app!.core.assessments.list().length;
    await page.goto(`${app!.baseUrl}/index.html#/assessments`);
    app!.dialogs.answerOpen([filled]);
    await pressButton(page, 'Import questionnaire…');
    await page.getByRole('dialog', { name: `Questionnaire from ${partner.legalName}` }).waitFor();
    await page.getByText('“Quite good” is not one of the levels').waitFor();
    expect(app!.core.assessments.list()).toHaveLength(before);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'questionnaire-preview');
    await pressButton(page, 'Accept and store');
    await page.getByText(`The self-assessment of ${partner.legalName} is stored.`).waitFor();
    expect(app!.core.assessments.list()).toHaveLength(before + 1);
    expect(app!.externalRequests).toEqual([]);
    expect(app!.pageErrors).toEqual([]);
  });
});
