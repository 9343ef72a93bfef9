/**
 * The main workflows in the other two interface languages, by keyboard alone: a complete
 * self-assessment in Spanish (the guide's own text in Spanish, review, completion, results), and in
 * German the audit beside the partner's self-assessment, a partnership, its decision and an action
 * plan. Every label the test reaches for is the translated one; English labels must not appear.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/app/core';
import { allowsNotApplicable } from '../../shared/framework/guide2';
import { criteriaOf, type Framework } from '../../shared/framework/schema';
import { roundScore } from '../../shared/scoring/format';
import { completedSelfAssessment, partnerSelfAssessment } from '../support/assessment-factories';
import { sampleProfile } from '../support/factories';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { chooseInSelect, chooseRadio, pressButton, selectTab, tabTo, typeInto } from './keyboard';
import { sidewaysOverflow } from './overflow';
import { AssessmentScreen } from './pages/assessment';
import { seedAnswers, seedSetUp } from './seed';
import { screenshot } from './screenshots';

const partnerProfile = sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99' });

/** English words of the interface that must not show once another language is chosen. */
async function englishLeftovers(page: Page, words: string[]): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return words.filter((word) => text.includes(word));
}

describe('the workflows in Spanish and German', () => {
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

  it('completes a self-assessment in Spanish, with the guide in Spanish, and shows its results', async () => {
    const data = await tempFolder();
    folders.push(data);
    await seedSetUp(data.path, { language: 'es' });
    app = await launchApp({ dataDir: data.path, browser, locale: 'es-ES' });
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: 'Hola de nuevo, Jordi Puig' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');

    await tabTo(page, 'Evaluaciones', { role: 'a' });
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Nueva evaluación' }).waitFor();
    await pressButton(page, 'Nueva evaluación');
    await page.getByRole('heading', { level: 1, name: 'Nueva evaluación' }).waitFor();
    await typeInto(page, 'Nombre de la evaluación', 'Autoevaluación 2026');
    await pressButton(page, 'Iniciar la evaluación');
    await page.getByRole('heading', { level: 1, name: 'Autoevaluación 2026' }).waitFor();

    const stored = app.core.assessments.list()[0]!;
    expect(stored.framework.language).toBe('es');
    // A new assessment takes the newest guide in the officer's language (2.0 in Spanish).
    expect(stored.framework.version).toBe('2.0');
    const framework: Framework = app.core.assessments.frameworkOf(stored, 'es');
    const criteria = criteriaOf(framework);
    // The guide's own text is Spanish: the first criterion's title, as the Spanish guide writes it.
    await page.locator('#criterion-title', { hasText: criteria[0]!.title }).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'es-assessment-answer');

    // Most criteria are answered through the service the questionnaire saves with (every criterion
    // by keyboard is test/e2e/assessment's flow); the last four by keyboard, one of them marked not
    // applicable (a criterion the guide allows N/A for).
    const levelOf = (criterion: (typeof criteria)[number], index: number) => (criterion.critical ? 3 : ([2, 3, 4, 3] as const)[index % 4]!);
    const typedFrom = criteria.length - 4;
    const notApplicable = criteria.slice(typedFrom).find((criterion) => !criterion.critical && allowsNotApplicable(criterion))!;
    expect(notApplicable).toBeDefined();
    await seedAnswers(app.core, stored.id, criteria.slice(0, typedFrom).map((criterion, index) => [criterion.id, { level: levelOf(criterion, index) }] as const));
    const screen = new AssessmentScreen(page);
    await screen.openAt(app.baseUrl, stored.id, criteria[typedFrom]!.id);
    await screen.focusHeading();
    for (const [offset, criterion] of criteria.slice(typedFrom).entries()) {
      await screen.waitForCriterion(criterion.id);
      if (criterion.id === notApplicable.id) {
        await page.keyboard.press('n');
        await typeInto(page, 'Por qué no es aplicable', 'Ninguna institución socia fuera del EEE en este consorcio.');
        await screen.focusHeading();
      } else {
        await page.keyboard.press(String(levelOf(criterion, typedFrom + offset)));
      }
      await screen.next();
    }
    await screen.waitUntilSaved('Todos los cambios guardados');

    await screen.openTab('Revisar y finalizar');
    await pressButton(page, 'Finalizar y bloquear');
    await page.getByRole('alertdialog').waitFor();
    expect(await page.getByRole('alertdialog').innerText()).toContain('Jordi Puig');
    await tabTo(page, 'Finalizar y bloquear', { role: 'button' });
    await page.keyboard.press('Enter');
    await page.getByText('La evaluación está finalizada y bloqueada.').waitFor();

    await screen.openTab('Resultados');
    await page.getByText('Puntuación global').waitFor();
    const done = app.core.assessments.list()[0]!;
    expect(done.status).toBe('complete');
    expect(done.answered).toBe(criteria.length);
    // The figure on screen is the stored score, written the Spanish way (decimal comma).
    const overall = new Intl.NumberFormat('es', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(roundScore(done.overall)!);
    await page.locator('.figure-card', { hasText: 'Puntuación global' }).getByText(`${overall} %`).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'es-assessment-results');
    expect(await sidewaysOverflow(page)).toEqual([]);
    expect(await englishLeftovers(page, ['Overall score', 'Decision band', 'Completeness', 'Show the numbers', 'Results', 'Answers'])).toEqual([]);
    expect(app.externalRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    await app.close();
    app = undefined;
  });

  it('audits a partner, decides the partnership and plans an action in German', async () => {
    const data = await tempFolder();
    folders.push(data);
    const { partners } = await seedSetUp(data.path, { language: 'de', partners: [partnerProfile] });
    const core = await openCore({ dataDir: data.path, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'seed', platform: process.platform, systemLocale: 'de-DE' });
    try {
      await completedSelfAssessment(core);
      await partnerSelfAssessment(core, partners[0]!.id);
    } finally {
      await core.close();
    }
    app = await launchApp({ dataDir: data.path, browser, locale: 'de-DE' });
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: 'Willkommen zurück, Jordi Puig' }).waitFor();

    // The audit, beside the partner's self-assessment.
    // Home's main button is the path's next step: the audit of the partner.
    await tabTo(page, 'Audit eines Partners beginnen', { role: 'a' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Neue Bewertung' }).waitFor();
    await chooseRadio(page, /^(Unsere eigene Institution|Eine Partnerinstitution)/, 'Eine Partnerinstitution: ein Audit');
    await page.getByText('Zu prüfende Selbstbewertung der Partnerinstitution').waitFor();
    await chooseInSelect(page, /Zu prüfende Selbstbewertung der Partnerinstitution$/, 'Self-assessment 2026 — Tampere Test University');
    await typeInto(page, 'Name der Bewertung', 'Audit 2026 — Tampere');
    await pressButton(page, 'Bewertung beginnen');
    await page.getByRole('heading', { level: 1, name: 'Audit 2026 — Tampere' }).waitFor();
    await page.getByRole('heading', { name: 'Selbstbewertung von Tampere Test University' }).waitFor();
    // The audit is made with the framework of the self-assessment it reviews; nothing answered
    // yet, it opens at its first criterion.
    const audit = app.core.assessments.list().find((summary) => summary.kind === 'audit')!;
    const framework: Framework = app.core.assessments.frameworkOf(audit, 'de');
    const criteria = criteriaOf(framework);
    await page.getByText(`Tampere Test University: policy and records for ${criteria[0]!.id} are in place.`).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'de-audit-answer');

    // The finding is on the guide's first critical criterion, which the partner rated higher.
    const focus = criteria.find((criterion) => criterion.critical)!;
    const levelOf = (criterionId: string, index: number) => (criterionId === focus.id ? 2 : index % 5 === 0 ? 2 : 3);
    // That criterion (with its finding) and the last three criteria by keyboard; the others through
    // the service (every criterion by keyboard is test/e2e/assessment's flow).
    const typed = new Set([focus.id, ...criteria.slice(-3).map((criterion) => criterion.id)]);
    await seedAnswers(
      app.core,
      audit.id,
      criteria.flatMap((criterion, index) => (typed.has(criterion.id) ? [] : [[criterion.id, { level: levelOf(criterion.id, index) }] as const])),
    );
    const screen = new AssessmentScreen(page);
    for (const [index, criterion] of criteria.entries()) {
      if (!typed.has(criterion.id)) continue;
      if (criterion.id === focus.id || index === criteria.length - 3) await screen.openAt(app.baseUrl, audit.id, criterion.id);
      await screen.focusHeading();
      await screen.waitForCriterion(criterion.id);
      await page.keyboard.press(String(levelOf(criterion.id, index)));
      if (criterion.id === focus.id) {
        await typeInto(page, 'Feststellung', 'Die Richtlinie nennt Microcredentials noch nicht.');
        await screen.focusHeading();
        await screen.waitUntilSaved('Alle Änderungen gespeichert');
      }
      await screen.next();
    }
    await screen.waitUntilSaved('Alle Änderungen gespeichert');
    await screen.complete({ review: 'Prüfen und abschließen', complete: 'Abschließen und sperren' });
    await page.getByText('Die Bewertung ist abgeschlossen und gesperrt.').waitFor();

    // The partnership, its criterion-by-criterion view, the decision and an action.
    await tabTo(page, 'Partnerschaften', { role: 'a' });
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Neue Partnerschaft' }).waitFor();
    await pressButton(page, 'Neue Partnerschaft');
    await page.getByRole('dialog').waitFor();
    await typeInto(page, 'Name der Partnerschaft', 'Gemeinsame Microcredentials in Datenkompetenz');
    await pressButton(page, 'Partnerschaft anlegen');
    await page.getByRole('heading', { level: 1, name: 'Gemeinsame Microcredentials in Datenkompetenz' }).waitFor();
    await page.getByRole('heading', { name: 'Die Partnerschaft' }).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, 'de-partnership-readiness');

    await selectTab(page, 'Kriterium für Kriterium');
    await page.getByRole('row', { name: new RegExp(focus.id) }).getByText('Kritisch, selbst höher bewertet').waitFor();

    await selectTab(page, 'Entscheidung und Maßnahmenplan');
    await chooseRadio(page, /^(Bereit|Bereit mit Auflagen|Nicht bereit)$/, 'Bereit mit Auflagen');
    await typeInto(page, 'Begründung', 'Beide Seiten erfüllen den Leitfaden; Tampere verabschiedet vorher seine überarbeitete Richtlinie.');
    await pressButton(page, 'Entscheidung erfassen');
    await page.getByText('Die Entscheidung ist erfasst.').waitFor();
    await pressButton(page, 'Maßnahme hinzufügen');
    await page.getByRole('dialog', { name: 'Maßnahme hinzufügen' }).waitFor();
    // Exactly the field: the dialog itself is named “Maßnahme hinzufügen”.
    await typeInto(page, /^Maßnahme$/, 'Überarbeitete Richtlinie verabschieden');
    await chooseInSelect(page, /Kriterium$/, `${focus.id} ${focus.title}`);
    await typeInto(page, 'Verantwortlich (Person oder Stelle)', 'Qualitätsbüro, Tampere');
    // de-DE writes dates day, month, year: 01.10.2026, typed segment by segment.
    await tabTo(page, /.*/, { role: 'spinbutton' });
    await page.keyboard.type('01102026');
    await tabTo(page, 'Eine Auflage der Entscheidung');
    await page.keyboard.press('Space');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await pressButton(page, 'Speichern');
    await page.getByText('Der Maßnahmenplan ist gespeichert.').waitFor();
    await page.getByRole('row', { name: /Überarbeitete Richtlinie/ }).getByText('Überfällig').waitFor();
    await screenshot(page, 'de-partnership-decision');
    expect(await sidewaysOverflow(page)).toEqual([]);

    const stored = (await app.core.partnerships.get(app.core.partnerships.list()[0]!.id))!;
    expect(stored.decision).toMatchObject({ outcome: 'conditional', decidedBy: 'Jordi Puig' });
    expect(stored.actions[0]).toMatchObject({ criterionId: focus.id, side: 'B', dueDate: '2026-10-01', isCondition: true });

    await tabTo(page, 'Start', { role: 'a' });
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Eine überfällige Maßnahme in „Gemeinsame Microcredentials in Datenkompetenz“' }).waitFor();
    expect(await englishLeftovers(page, ['Needs attention', 'Partnerships', 'Latest assessments', 'Ready with conditions'])).toEqual([]);
    expect(app.externalRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
