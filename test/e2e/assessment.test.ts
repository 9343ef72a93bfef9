import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criteriaOf } from '../../shared/framework/schema';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { pressButton, tabTo, typeInto } from './keyboard';
import { AssessmentScreen } from './pages/assessment';
import { seedSetUp } from './seed';
import { screenshot } from './screenshots';

describe('a complete self-assessment of the built-in guide, by keyboard alone', () => {
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

  it('answers every criterion, loses nothing on reload, reviews, completes and locks', async () => {
    app = await launchApp({ dataDir: data.path, browser });
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: /Welcome back/ }).waitFor();
    await tabTo(page, 'Assessments', { role: 'a' });
    await page.keyboard.press('Enter');
    // As a person does, Tab is pressed once the screen is there (a busy machine takes a moment).
    await page.getByRole('link', { name: 'New assessment' }).waitFor();
    await pressButton(page, 'New assessment');
    await page.getByRole('heading', { level: 1, name: 'New assessment' }).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'assessment-new');
    await typeInto(page, 'Name of the assessment', 'Self-assessment 2026');
    await pressButton(page, 'Start assessment');
    await page.getByRole('heading', { level: 1, name: 'Self-assessment 2026' }).waitFor();
    const screen = new AssessmentScreen(page);
    await screen.waitForCriterion('LEG-01');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    // The first criterion with a justification, typed; then close the page at once, mid-save.
    await screen.typeJustification('Recognised by the regional decree 12/2019; listed in the national register.');
    await page.close();
    const reopened = await app.context.newPage();
    await reopened.goto(`${app.baseUrl}/index.html#/assessments`);
    await reopened.getByRole('link', { name: 'Self-assessment 2026' }).click();
    await reopened.getByRole('textbox', { name: /^Justification/ }).waitFor();
    expect(await reopened.getByRole('textbox', { name: /^Justification/ }).inputValue()).toBe(
      'Recognised by the regional decree 12/2019; listed in the national register.',
    );
    const answering = new AssessmentScreen(reopened);

    // Every criterion: a level by shortcut (varied), then Alt+↓ to the next.
    const framework = app.core.frameworks.byRef((await app.core.assessments.list())[0]!.framework)!;
    const criteria = criteriaOf(framework);
    await answering.focusHeading();
    for (const [index, criterion] of criteria.entries()) {
      await answering.waitForCriterion(criterion.id);
      if (criterion.id === 'DAT-02') {
        // Not applicable, with a reason.
        await reopened.keyboard.press('n');
        await typeInto(reopened, 'Why it does not apply', 'No partner outside the EEA in this consortium.');
        await answering.focusHeading();
      } else {
        await reopened.keyboard.press(String(criterion.critical ? 3 : [2, 3, 4, 3][index % 4]));
      }
      if (index === 20) {
        await screenshot(reopened, 'assessment-answer');
        expect(await seriousAccessibilityFindings(reopened)).toEqual([]);
      }
      await answering.next();
    }
    await answering.waitUntilSaved();

    // Results
    await answering.openTab('Results');
    await reopened.getByText('Overall score').waitFor();
    expect(await seriousAccessibilityFindings(reopened)).toEqual([]);
    await screenshot(reopened, 'assessment-results');

    // Review and complete
    await answering.openTab('Review and complete');
    await reopened.getByText('Every criterion is answered.').waitFor();
    expect(await seriousAccessibilityFindings(reopened)).toEqual([]);
    await screenshot(reopened, 'assessment-review');
    await answering.complete();
    await reopened.getByText('The assessment is completed and locked.').waitFor();
    await reopened.getByText(/Completed by Jordi Puig on/).first().waitFor();

    // History
    await answering.openTab('Change history');
    await reopened.getByRole('heading', { level: 2, name: 'Change history' }).waitFor();
    expect(await seriousAccessibilityFindings(reopened)).toEqual([]);
    await screenshot(reopened, 'assessment-history');

    // What the store holds equals what was typed.
    const [summary] = app.core.assessments.list();
    expect(summary).toMatchObject({ status: 'complete', answered: criteria.length, total: criteria.length });
    const stored = await app.core.assessments.get(summary!.id);
    expect(stored.answers['LEG-01']!.justification).toBe('Recognised by the regional decree 12/2019; listed in the national register.');
    expect(stored.answers['DAT-02']).toMatchObject({ notApplicable: true, naReason: 'No partner outside the EEA in this consortium.' });
    expect(stored.completed?.by).toBe('Jordi Puig');
    expect(app.externalRequests).toEqual([]);
  });
});
