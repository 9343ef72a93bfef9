import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/app/core';
import { criteriaOf } from '../../shared/framework/schema';
import { completedSelfAssessment, partnerSelfAssessment } from '../support/assessment-factories';
import { sampleProfile } from '../support/factories';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { chooseInSelect, chooseRadio, pressButton, selectTab, tabTo, typeInto } from './keyboard';
import { AssessmentScreen } from './pages/assessment';
import { seedAnswers, seedSetUp } from './seed';
import { screenshot } from './screenshots';

describe('an audit of a partner, a partnership, a decision and an action plan, by keyboard', () => {
  let browser: Browser;
  let data: Awaited<ReturnType<typeof tempFolder>>;
  let app: RunningApp | undefined;

  beforeAll(async () => {
    browser = await sharedBrowser();
    data = await tempFolder();
    const { partners } = await seedSetUp(data.path, {
      partners: [sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99' })],
    });
    const core = await openCore({ dataDir: data.path, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'seed', platform: process.platform, systemLocale: 'en-GB' });
    try {
      await completedSelfAssessment(core);
      await partnerSelfAssessment(core, partners[0]!.id);
    } finally {
      await core.close();
    }
  });

  afterAll(async () => {
    await app?.close();
    await data?.remove();
  });

  it('audits the partner beside its self-assessment, then decides with conditions', async () => {
    app = await launchApp({ dataDir: data.path, browser });
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: /Welcome back/ }).waitFor();

    // Start the audit of the partner, reviewing its self-assessment: with a partner but no audit
    // yet, Home's main button is that next step of the path.
    await tabTo(page, 'Start an audit of a partner', { role: 'a' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'New assessment' }).waitFor();
    await chooseRadio(page, /^(Our own institution|A partner institution)/, 'A partner institution: an audit');
    await page.getByText('The partner’s self-assessment to review').waitFor();
    await chooseInSelect(page, /The partner’s self-assessment to review$/, 'Self-assessment 2026 — Tampere Test University');
    await typeInto(page, 'Name of the assessment', 'Audit 2026 — Tampere');
    await pressButton(page, 'Start assessment');
    await page.getByRole('heading', { level: 1, name: 'Audit 2026 — Tampere' }).waitFor();

    const screen = new AssessmentScreen(page);
    const audit = app.core.assessments.list().find((s) => s.kind === 'audit')!;
    const criteria = criteriaOf(app.core.frameworks.byRef(audit.framework)!);
    // Nothing answered yet: it opens at the guide's first criterion, beside the partner's own rating.
    await screen.waitForCriterion(criteria[0]!.id);
    await page.getByRole('heading', { name: 'Tampere Test University’s self-assessment' }).waitFor();
    await page.getByText(`Tampere Test University: policy and records for ${criteria[0]!.id} are in place.`).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'audit-answer');

    // Rate every criterion; the auditor is stricter on some (gaps of two, a critical overrating).
    // The finding is on the guide's first critical criterion, which the partner rated higher.
    const focus = criteria.find((criterion) => criterion.critical)!;
    const levelOf = (criterionId: string, index: number) => (criterionId === focus.id ? 2 : index % 5 === 0 ? 2 : 3);
    // That criterion (with its finding and the evidence requested) and the last three criteria by
    // keyboard; the others through the service (every criterion by keyboard is test/e2e/assessment's flow).
    const typed = new Set([focus.id, ...criteria.slice(-3).map((criterion) => criterion.id)]);
    await seedAnswers(
      app.core,
      audit.id,
      criteria.flatMap((criterion, index) => (typed.has(criterion.id) ? [] : [[criterion.id, { level: levelOf(criterion.id, index) }] as const])),
    );
    for (const [index, criterion] of criteria.entries()) {
      if (!typed.has(criterion.id)) continue;
      if (criterion.id === focus.id || index === criteria.length - 3) await screen.openAt(app.baseUrl, audit.id, criterion.id);
      await screen.focusHeading();
      await screen.waitForCriterion(criterion.id);
      await page.keyboard.press(String(levelOf(criterion.id, index)));
      if (criterion.id === focus.id) {
        await typeInto(page, 'Finding', 'The policy does not yet name micro-credentials.');
        await typeInto(page, 'Evidence requested from the partner', 'The revised policy once approved by the senate.');
        await screen.focusHeading();
        await screen.waitUntilSaved();
      }
      await screen.next();
    }
    await screen.waitUntilSaved();
    await screen.complete();
    await page.getByText('The assessment is completed and locked.').waitFor();

    // The partnership
    await tabTo(page, 'Partnerships', { role: 'a' });
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'New partnership' }).waitFor();
    await pressButton(page, 'New partnership');
    await page.getByRole('dialog').waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await typeInto(page, 'Name of the partnership', 'Joint micro-credentials in data literacy');
    await pressButton(page, 'Create partnership');
    await page.getByRole('heading', { level: 1, name: 'Joint micro-credentials in data literacy' }).waitFor();
    await page.getByRole('heading', { name: 'The partnership' }).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'partnership-readiness');
    // Three assessments were found and linked: A's self-assessment, B's, and A's audit of B.
    expect(Object.keys(app.core.partnerships.list()[0]!.assessments).sort()).toEqual(['auditOfB', 'selfA', 'selfB']);

    await selectTab(page, 'Criterion by criterion');
    await page.getByRole('heading', { name: /Tampere Test University: self-assessment and Universidad de Ejemplo’s audit/ }).waitFor();
    await page.getByRole('row', { name: new RegExp(focus.id) }).getByText('Critical, rated higher by itself').waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'partnership-criteria');

    // Decision and action plan
    await selectTab(page, 'Decision and action plan');
    await chooseRadio(page, /^(Ready|Ready with conditions|Not ready)$/, 'Ready with conditions');
    await typeInto(page, 'Rationale', 'Both institutions meet the guide; Tampere must adopt its revised policy before the first joint micro-credential.');
    await pressButton(page, 'Record decision');
    await page.getByText('The decision is recorded.').waitFor();
    await pressButton(page, 'Add action');
    await page.getByRole('dialog', { name: 'Add action' }).waitFor();
    await typeInto(page, 'Action', 'Adopt the revised policy covering micro-credentials');
    await chooseInSelect(page, /Criterion$/, `${focus.id} ${focus.title}`);
    await typeInto(page, 'Owner (person or office)', 'Quality office, Tampere');
    // Due date, typed segment by segment into the date field (en-GB: day, month, year).
    await tabTo(page, /.*/, { role: 'spinbutton' });
    await page.keyboard.type('01102026');
    await tabTo(page, 'A condition of the decision');
    await page.keyboard.press('Space');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await pressButton(page, 'Save');
    await page.getByText('The action plan is saved.').waitFor();
    await page.getByRole('row', { name: /Adopt the revised policy/ }).getByText('Overdue').waitFor();
    // The plan is a grid: its row's Edit button is reached with the arrow keys and pressed with Enter.
    await pressButton(page, 'Edit: Adopt the revised policy covering micro-credentials');
    await page.getByRole('dialog', { name: 'Edit action' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await screenshot(page, 'partnership-decision');

    const stored = (await app.core.partnerships.get(app.core.partnerships.list()[0]!.id))!;
    expect(stored.decision).toMatchObject({ outcome: 'conditional', decidedBy: 'Jordi Puig' });
    expect(stored.actions[0]).toMatchObject({ criterionId: focus.id, side: 'B', dueDate: '2026-10-01', isCondition: true, status: 'open' });

    // Home shows what needs attention.
    await tabTo(page, 'Home', { role: 'a' });
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'One overdue action in “Joint micro-credentials in data literacy”' }).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'home-attention');
    expect(app.externalRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
