/**
 * A consortium of thirty through the app: member 0's TrustBridge points its inbox at the shared
 * folder (tampered files, files signed with a key not the member's, duplicates and sync-conflict
 * copies among the partners' files), accepts everything it can, and shows the trust matrix. The
 * matrix agrees with the files — every counted direction has its cell with the audit the files
 * say, no refused file's audit counts — and the consortium workbook exported from the screen says
 * the same, read back by openpyxl.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/app/core';
import { roundScore, scoreAssessment } from '../../shared/scoring';
import { generateConsortium, type GeneratedConsortium } from '../support/consortium-factories';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { pressButton, tabTo } from './keyboard';
import { screenshot } from './screenshots';

const today = new Date().toISOString().slice(0, 10);

describe('the consortium of thirty, through the inbox and the trust matrix', () => {
  let browser: Browser;
  let consortium: GeneratedConsortium;
  let out: Awaited<ReturnType<typeof tempFolder>>;
  let app: RunningApp | undefined;
  let dataDir = '';

  beforeAll(async () => {
    browser = await sharedBrowser();
    out = await tempFolder('trustbridge-consortium-out-');
    consortium = await generateConsortium({ today });
    // Member 0's data folder: its key, and the partners' genuine keys it already knows.
    dataDir = await consortium.registryDataDir();
    const core = await openCore({ dataDir, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'seed', platform: process.platform, systemLocale: 'en-GB' });
    try {
      await core.institutions.saveOwn(consortium.members[0]!.profile);
      await core.store.updateSettings({ userName: 'Consortium coordinator', userRole: 'Quality officer', setupCompleted: true, language: 'en' });
    } finally {
      await core.close();
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await consortium?.remove();
    await out?.remove();
  });

  it('lists the partners’ files in the inbox, refuses the forged ones, and accepts the rest', async () => {
    app = await launchApp({ dataDir, browser });
    const { page } = app;
    await page.goto(`${app.baseUrl}/index.html#/inbox`);
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    app.dialogs.answerFolder(consortium.folder);
    await pressButton(page, 'Choose the shared folder…');
    await page.getByText(consortium.folder).waitFor();
    await page.getByRole('button', { name: /^Accept all \d+$/ }).waitFor({ timeout: 60_000 });
    // Every file refused by its signature or its key is shown as refused, with the reason.
    for (const refused of consortium.expected.refused.filter((file) => file.code === 'SIGNATURE_INVALID' || file.code === 'KEY_CHANGED')) {
      await page.getByRole('heading', { level: 2, name: refused.fileName, exact: true }).waitFor();
    }
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'inbox', { fullPage: false });
    // So many files: each card says who sent it and what accepting it would change; its contents
    // table opens on demand, by keyboard as by mouse.
    expect(await page.getByRole('grid').count()).toBe(0);
    const first = app.core.inbox.view().entries.find((entry) => entry.preview.ok)!.preview;
    const items = first.items!.length;
    await pressButton(page, `Contents: ${items} item${items === 1 ? '' : 's'}`);
    const card = page.getByRole('region', { name: first.fileName, exact: true });
    await expect(card.getByRole('button', { name: /^Contents: / }).getAttribute('aria-expanded')).resolves.toBe('true');
    const contents = card.getByRole('grid', { name: 'Contents' });
    await contents.waitFor();
    // A header row, then one row per item.
    await expect(contents.getByRole('row').count()).resolves.toBe(items + 1);
    expect(await page.getByRole('grid').count()).toBe(1);

    // Back up from the opened card to the button above the list.
    await tabTo(page, /^Accept all \d+$/, { backwards: true });
    await page.keyboard.press('Enter');
    await page.getByText(/^Imported:/).waitFor({ timeout: 120_000 });
    // What is left can only be refused: files that do not verify.
    const left = app.core.inbox.view().entries;
    expect(left.every((entry) => !entry.preview.ok || entry.preview.changes === 0)).toBe(true);
    expect(app.externalRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  }, 240_000);

  it('shows the trust matrix the files say: each counted direction with its audit, nothing from a refused file', async () => {
    const { page } = app!;
    const model = await app!.core.consortium.model('en', today);
    const exchangeIdOf = new Map(
      app!.core.institutions.list().map((item) => [item.id, item.kind === 'own' ? app!.core.identity.keyStatus().exchangeId! : (item.exchangeId ?? `local:${item.id}`)]),
    );
    const cells = new Map(model.cells.map((cell) => [`${exchangeIdOf.get(cell.assessor)}→${exchangeIdOf.get(cell.subject)}`, cell]));
    // Member 0's own audits exist only as its files in the folder (the generator writes files, not
    // member 0's store), and a member never imports its own files: those directions are not held.
    const own = consortium.members[0]!.exchangeId;
    const expectedCells = [...consortium.expected.cells].filter(([direction]) => !direction.startsWith(`${own}→`));
    for (const [direction, expected] of expectedCells) {
      const cell = cells.get(direction);
      expect(cell, `the direction ${direction} has a cell`).toBeDefined();
      expect(cell!.assessmentId).toBe(expected.assessment.id);
      expect(cell!.revision).toBe(expected.assessment.revision);
      const score = scoreAssessment(consortium.frameworkOf(expected.assessment), expected.assessment.answers);
      expect([cell!.band, roundScore(cell!.overall)]).toEqual([score.band, roundScore(score.overall)]);
    }
    expect(model.cells).toHaveLength(expectedCells.length);
    for (const refused of consortium.expected.refusedDirections) expect(cells.has(`${refused.assessor}→${refused.subject}`), refused.fileName).toBe(false);
    const neverCounted = new Set(consortium.expected.neverCounted.map((item) => `${item.id}#${item.revision}`));
    expect(model.cells.filter((cell) => neverCounted.has(`${cell.assessmentId}#${cell.revision}`))).toEqual([]);

    // On the screen: one link per cell and per self-assessment, a cell opens its audit.
    await page.goto(`${app!.baseUrl}/index.html#/consortium`);
    await page.getByRole('heading', { level: 2, name: 'Trust matrix' }).waitFor();
    const links = page.locator('table.matrix td a');
    await expect(links.count()).resolves.toBe(model.cells.length + model.selfAssessments.length);
    const first = model.cells[0]!;
    const name = (key: string) => model.institutions.find((member) => member.key === key)!.legalName;
    const label = `Audit of ${name(first.subject)} by ${name(first.assessor)}`;
    await page.locator(`table.matrix a[aria-label^="${label},"]`).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'consortium-matrix', { fullPage: false, always: true });

    // Filtered to the dimension the consortium is weakest on, and to expiring or expired audits.
    const weakest = model.dimensions[0]!;
    const expiredOrExpiring = model.cells.filter((cell) => cell.status !== 'complete' || cell.validity !== 'valid').length;
    await tabTo(page, /Validity$/);
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: 'Expiring, expired or in progress' }).click();
    await expect(page.locator('table.matrix td:not(.matrix__cell--self) a').count()).resolves.toBe(expiredOrExpiring);
    // The dimensions grid names each row by its dimension (the row header); the rank is its first cell.
    const weakestRow = page.getByRole('row', { name: new RegExp(`^${weakest.id} `) });
    await weakestRow.getByText('weakest').waitFor();
    expect(await weakestRow.getByRole('gridcell').first().textContent()).toBe(String(weakest.rank));

    await page.locator(`table.matrix a[aria-label^="${label},"]`).or(page.locator('table.matrix td a').first()).first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(page.url()).toContain('#/assessments/');
  }, 120_000);

  it('exports the consortium workbook from the screen, which agrees with the matrix', async () => {
    const { page } = app!;
    const model = await app!.core.consortium.model('en', today);
    await page.goto(`${app!.baseUrl}/index.html#/consortium`);
    await page.getByRole('heading', { level: 2, name: 'Trust matrix' }).waitFor();
    const workbook = join(out.path, 'consortium.xlsx');
    app!.dialogs.answerSave(workbook);
    await pressButton(page, 'Export…');
    await pressButton(page, 'Consortium workbook (Excel)');
    await page.getByText(`Saved to ${workbook}.`).waitFor({ timeout: 60_000 });
    const audits = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', 'import sys,json,openpyxl\nwb=openpyxl.load_workbook(sys.argv[1])\na=wb["Audits"]\nprint(json.dumps([a.cell(r,1).value for r in range(2,a.max_row+1) if a.cell(r,1).value]))', workbook], { encoding: 'utf8' }),
    ) as string[];
    // One row per audit of the matrix and per self-assessment of its diagonal.
    expect(audits).toHaveLength(model.cells.length + model.selfAssessments.length);
  }, 120_000);
});
