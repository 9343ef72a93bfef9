/**
 * What guide 2.0 adds, on screen and by keyboard alone, in English and in Spanish: a cooperation
 * profile chosen when an assessment starts, the refusal of "not applicable" on a criterion that
 * always applies (and its acceptance on one that may not apply), the guidance for auditors beside
 * the partner's self-rating, and the coverage of the sources for an assessment. Every screen is
 * checked with axe.
 */
import { frameworkTitle } from '../../shared/framework/catalog';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/app/core';
import { allowsNotApplicable } from '../../shared/framework/guide2';
import { criteriaOf } from '../../shared/framework/schema';
import { structureForProfile } from '../../shared/scoring';
import en from '../../shared/i18n/locales/en.json';
import es from '../../shared/i18n/locales/es.json';
import { partnerSelfAssessment } from '../support/assessment-factories';
import { builtInGuide } from '../support/built-in-guides';
import { sampleProfile } from '../support/factories';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { chooseInSelect, chooseRadio, pressButton, selectTab, tabTo, typeInto } from './keyboard';
import { AssessmentScreen } from './pages/assessment';
import { seedSetUp } from './seed';
import { screenshot } from './screenshots';

const partnerProfile = sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99' });

/** The interface's own words in each language, read from its translation files. */
const cases = [
  { language: 'en', locale: 'en-GB', ui: en, selfTitle: 'Self-assessment 2027', auditTitle: 'Audit 2027 — Tampere', kindAny: /^(Our own institution|A partner institution)/ },
  { language: 'es', locale: 'es-ES', ui: es, selfTitle: 'Autoevaluación 2027', auditTitle: 'Auditoría 2027 — Tampere', kindAny: /^(Nuestra propia institución|Una institución socia)/ },
] as const;

describe('guide 2.0 on screen: profiles, N/A refusal, auditor guidance, coverage', () => {
  let browser: Browser;
  const folders: Array<Awaited<ReturnType<typeof tempFolder>>> = [];
  let app: RunningApp | undefined;

  beforeAll(async () => {
    browser = await sharedBrowser();
  });

  afterAll(async () => {
    await app?.close();
    for (const folder of folders) await folder.remove();
  });

  it.each(cases)('in $language, by keyboard', async ({ language, locale, ui, selfTitle, auditTitle, kindAny }) => {
    const data = await tempFolder();
    folders.push(data);
    const { partners } = await seedSetUp(data.path, { language, partners: [partnerProfile] });
    const seedCore = await openCore({ dataDir: data.path, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'seed', platform: process.platform, systemLocale: locale });
    let partnerTitle: string;
    try {
      partnerTitle = (await partnerSelfAssessment(seedCore, partners[0]!.id, { version: '2.0' })).title;
    } finally {
      await seedCore.close();
    }
    app = await launchApp({ dataDir: data.path, browser, locale });
    const { page, core } = app;
    const v2 = builtInGuide(core, '2.0');
    const guide = await core.frameworks.get(v2.key, language);
    const profile = guide.profiles!.find((candidate) => candidate.id === 'mutual-recognition')!;
    await page.getByRole('heading', { level: 1, name: ui.home.welcomeBack.replace('{{name}}', 'Jordi Puig') }).waitFor();

    // A self-assessment under a cooperation profile, chosen by keyboard when it starts.
    await tabTo(page, ui.nav.assessments, { role: 'a' });
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: ui.assessments.new }).waitFor();
    await pressButton(page, ui.assessments.new);
    await page.getByRole('heading', { level: 1, name: ui.newAssessment.title }).waitFor();
    await page.getByText(ui.guide2.profileHelp).first().waitFor();
    await typeInto(page, ui.newAssessment.name, selfTitle);
    await chooseInSelect(page, new RegExp(`${ui.guide2.profile}$`), profile.title);
    await page.getByText(profile.summary).first().waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await pressButton(page, ui.newAssessment.start);
    await page.getByRole('heading', { level: 1, name: selfTitle }).waitFor();
    await page.getByText(ui.guide2.profileShown.replace('{{title}}', profile.title)).waitFor();
    const self = core.assessments.list().find((summary) => summary.title === selfTitle)!;
    const stored = await core.assessments.get(self.id);
    expect(stored.profileId).toBe('mutual-recognition');
    expect(stored.framework.version).toBe('2.0');
    expect(self.total).toBe(criteriaOf(structureForProfile(guide, profile.id)).length);
    expect(self.total).toBeLessThan(criteriaOf(guide).length);

    // "Not applicable" is refused on a criterion that always applies: N pops a message and changes nothing.
    const screen = new AssessmentScreen(page);
    const always = criteriaOf(guide).find((criterion) => !allowsNotApplicable(criterion))!;
    await screen.openAt(app.baseUrl, self.id, always.id);
    await screen.focusHeading();
    await page.keyboard.press('n');
    await page.locator('.toast-region').getByText(ui.guide2.naNotAllowed).waitFor();
    expect(await page.getByRole('checkbox', { name: ui.assessment.markNotApplicable }).isDisabled()).toBe(true);
    expect(await page.getByRole('textbox', { name: new RegExp(`^${ui.assessment.naReason}`) }).count()).toBe(0);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, `${language}-guide2-na-refused`);
    await page.keyboard.press('2');
    await screen.waitUntilSaved(ui.saveState.saved);
    expect((await core.assessments.get(self.id)).answers[always.id]).toMatchObject({ level: 2, notApplicable: false });

    // … and accepted, with a reason, on one that may not apply.
    const optional = criteriaOf(guide).find((criterion) => allowsNotApplicable(criterion) && !profile.excluded.includes(criterion.id))!;
    await screen.openAt(app.baseUrl, self.id, optional.id);
    await screen.focusHeading();
    await page.keyboard.press('n');
    await typeInto(page, ui.assessment.naReason, 'No partner outside the EEA.');
    await screen.waitUntilSaved(ui.saveState.saved);
    expect((await core.assessments.get(self.id)).answers[optional.id]).toMatchObject({ notApplicable: true, naReason: 'No partner outside the EEA.' });

    // An audit of the partner's 2.0 self-assessment: the guidance for auditors beside its rating.
    await tabTo(page, ui.nav.assessments, { role: 'a', backwards: true, maxTabs: 120 });
    await page.keyboard.press('Enter');
    // Tabbing starts once the list is there: on a busy machine the screen can take a few seconds.
    await page.getByRole('link', { name: ui.assessments.new }).waitFor();
    await pressButton(page, ui.assessments.new);
    await page.getByRole('heading', { level: 1, name: ui.newAssessment.title }).waitFor();
    await chooseRadio(page, kindAny, ui.newAssessment.kindAudit);
    await page.getByText(ui.newAssessment.reviews).first().waitFor();
    await chooseInSelect(page, new RegExp(`${ui.newAssessment.reviews}$`), partnerTitle);
    await typeInto(page, ui.newAssessment.name, auditTitle);
    await pressButton(page, ui.newAssessment.start);
    await page.getByRole('heading', { level: 1, name: auditTitle }).waitFor();
    const first = criteriaOf(guide)[0]!;
    await screen.waitForCriterion(first.id);
    const guidanceButton = page.getByRole('button', { name: ui.guide2.auditorGuidance });
    expect(await guidanceButton.getAttribute('aria-expanded')).toBe('false');
    await pressButton(page, ui.guide2.auditorGuidance);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'true');
    const panel = page.locator('.auditor-guidance');
    await panel.getByText(ui.guide2.verify, { exact: true }).waitFor();
    await panel.getByText(first.auditorGuidance!.verify).waitFor();
    await panel.getByText(first.auditorGuidance!.twoVersusThree).waitFor();
    expect(await panel.getByRole('listitem').count()).toBe(first.auditorGuidance!.redFlags.length);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, `${language}-guide2-auditor-guidance`);

    // The coverage of the sources, for the self-assessment: reached from the guide by keyboard.
    await tabTo(page, ui.nav.guide, { role: 'a', backwards: true, maxTabs: 120 });
    await page.keyboard.press('Enter');
    await chooseInSelect(page, new RegExp(`${ui.guide.framework}$`), `${frameworkTitle(v2, language)} ${v2.version}`);
    await selectTab(page, ui.guide2.coverageTitle);
    const annexII = ui.guide2.coverageGroup_annexII;
    await page.getByRole('heading', { level: 2, name: new RegExp(`^${annexII}`) }).waitFor();
    await chooseInSelect(page, new RegExp(`${ui.guide2.coverageChooseAssessment}$`), selfTitle);
    await page.getByRole('columnheader', { name: ui.guide2.coverageAssessment }).first().waitFor();
    // The profile's excluded criteria are named as such, and the N/A answer as not applicable.
    const body = await page.locator('main').innerText();
    for (const excluded of profile.excluded.filter((id) => criteriaOf(guide).some((c) => c.id === id && (c.covers ?? []).length > 0))) {
      expect(body).toContain(`${excluded}: ${ui.guide2.coverageExcluded}`);
    }
    if ((optional.covers ?? []).length > 0) expect(body).toContain(`${optional.id}: ${ui.assessment.notApplicable}`);
    if ((always.covers ?? []).length > 0) expect(body).toContain(`${always.id}: 2`);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, `${language}-guide2-coverage`);

    expect(app.externalRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    await app.close();
    app = undefined;
    // Two assessments, an audit and the guide in one flow: more than one ordinary e2e test's time.
  }, 240_000);
});
