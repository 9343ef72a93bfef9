/**
 * Team assessment through the app, in English and in Spanish: the coordinator (QA office) gives
 * criteria to three colleagues, two of whom have TrustBridge in their own data folders and one who
 * fills the Excel workbook. The colleagues rate their parts; the coordinator imports two signed
 * contributions and the filled workbook (each previewed first), refuses a tampered file with
 * nothing stored, resolves the disagreements by keyboard, completes the assessment and exports the
 * report, read back from the Word file.
 *
 * What is not the point here (the guide's other answers, most ratings, the second colleague's
 * whole session) is seeded through the same IPC channels the screens use, to keep the test fast.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/app/core';
import type { Result } from '../../shared/errors';
import { defaultFrameworkFor } from '../../shared/framework/guide2';
import type { Framework, Language } from '../../shared/framework/schema';
import type { RatingValue } from '../../shared/team/schema';
import type { ContributionRequestView, TeamView } from '../../shared/team/view';
import { createI18n } from '../../renderer/lib/i18n';
import { errorText } from '../../renderer/components/ErrorMessage';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, sharedBrowser, type RunningApp } from './harness';
import { chooseInSelect, pressButton, tabTo, typeInto } from './keyboard';
import { screenshot } from './screenshots';
import { seedPassphrase, seedSetUp } from './seed';

/** Selects a checkbox or radio by keyboard (React Aria keeps the input itself visually hidden). */
async function press(page: Page, control: ReturnType<Page['getByRole']>): Promise<void> {
  await control.focus();
  await page.keyboard.press('Space');
}

async function invoke<T>(core: Core, channel: string, request: unknown): Promise<T> {
  const result = (await core.router.invoke(channel, request)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function openHeadless(dataDir: string, dialogs = new ScriptedDialogs()) {
  return openCore({ dataDir, templatesDir, dialogs, appVersion: 'seed', platform: process.platform, systemLocale: 'en-GB' });
}

function wordText(path: string): string {
  return execFileSync('/usr/bin/python3', ['-c', 'import sys, docx\nprint("\\n".join(p.text for p in docx.Document(sys.argv[1]).paragraphs))', path], { encoding: 'utf8' });
}

function wordTables(path: string): string[][][] {
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', 'import sys, json, docx\nprint(json.dumps([[[c.text for c in r.cells] for r in t.rows] for t in docx.Document(sys.argv[1]).tables]))', path], { encoding: 'utf8' }),
  ) as string[][][];
}

/**
 * Fills the colleague's questionnaire as a person does in Excel: the level column (M) with "N – …"
 * and a justification (P), read back by openpyxl from what TrustBridge wrote in the hidden key
 * column (A).
 */
function fillWorkbook(path: string, levels: Record<string, number>): string[] {
  const script = `
import sys, json, openpyxl
path, levels = sys.argv[1], json.loads(sys.argv[2])
wb = openpyxl.load_workbook(path)
ws = wb["Questionnaire"]
seen = []
for row in range(2, ws.max_row + 1):
    key = ws.cell(row, 1).value
    if key in levels:
        ws.cell(row, 13).value = "%d" % levels[key]
        ws.cell(row, 16).value = "Seen in the registrar's files for %s." % key
        seen.append(key)
wb.save(path)
print(json.dumps(seen))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path, JSON.stringify(levels)], { encoding: 'utf8' })) as string[];
}

const languages: Language[] = ['en', 'es'];

describe.each(languages)('a committee rates one self-assessment together (%s)', (language) => {
  let browser: Browser;
  let folders: Awaited<ReturnType<typeof tempFolder>>;
  let app: RunningApp | undefined;
  let t: TFunction;
  const dirs = { coordinator: '', ana: '', ben: '', files: '' };
  let assessmentId = '';
  let framework: Framework;
  /** What each colleague is asked to rate, and the levels they give. */
  const plan = {
    ana: { criteria: [] as string[], levels: {} as Record<string, RatingValue> },
    ben: { criteria: [] as string[], levels: {} as Record<string, RatingValue> },
    eva: { criteria: [] as string[], levels: {} as Record<string, number> },
  };
  const ids = { ana: '', ben: '', eva: '' };
  const file = (name: string) => join(dirs.files, name);

  beforeAll(async () => {
    browser = await sharedBrowser();
    t = (await createI18n(language)).t;
    folders = await tempFolder();
    dirs.coordinator = join(folders.path, 'coordinator');
    dirs.ana = join(folders.path, 'ana');
    dirs.ben = join(folders.path, 'ben');
    dirs.files = folders.path;
    await seedSetUp(dirs.coordinator, { language });
    await seedSetUp(dirs.ana, { language });
    await seedSetUp(dirs.ben, { language });

    // The coordinator's draft self-assessment; two colleagues already in the team (the third is added on screen).
    const core = await openHeadless(dirs.coordinator);
    try {
      // The guide version a new assessment starts with in the app (the newest built-in).
      const guide = defaultFrameworkFor(core.frameworks.list(), language)!;
      const assessment = await core.assessments.create({ kind: 'self', subjectId: core.institutions.ownId()!, frameworkKey: guide.key, language, title: 'Self-assessment 2026' });
      assessmentId = assessment.id;
      framework = core.assessments.frameworkOf(assessment);
      const [first, second, third] = framework.dimensions;
      // Ana rates the first dimension; Ben the second and, on purpose, three of Ana's criteria; Eva
      // (on paper) the third and two of Ana's. Everything else the coordinator answers alone.
      plan.ana.criteria = first!.criteria.map((criterion) => criterion.id);
      plan.ben.criteria = [...second!.criteria.map((criterion) => criterion.id), ...plan.ana.criteria.slice(0, 3)];
      plan.eva.criteria = [...third!.criteria.map((criterion) => criterion.id), ...plan.ana.criteria.slice(3, 5)];
      // Ana says 3 everywhere; Ben disagrees by one on the first shared criterion and by three on the second; Eva by two on one.
      for (const id of plan.ana.criteria) plan.ana.levels[id] = 3;
      for (const id of second!.criteria.map((criterion) => criterion.id)) plan.ben.levels[id] = 2;
      const shared = plan.ana.criteria;
      plan.ben.levels[shared[0]!] = 2;
      plan.ben.levels[shared[1]!] = 0;
      plan.ben.levels[shared[2]!] = 3;
      for (const id of third!.criteria.map((criterion) => criterion.id)) plan.eva.levels[id] = 2;
      plan.eva.levels[shared[3]!] = 1;
      plan.eva.levels[shared[4]!] = 3;

      let view = await invoke<TeamView>(core, 'team.addContributor', { id: assessmentId, contributor: { name: 'Ana Registrar', role: 'Registrar', email: 'ana@ejemplo.es' } });
      ids.ana = view.contributors[0]!.id;
      view = await invoke<TeamView>(core, 'team.addContributor', { id: assessmentId, contributor: { name: 'Ben Datos', role: 'Data protection officer', email: 'ben@ejemplo.es' } });
      ids.ben = view.contributors.find((contributor) => contributor.name === 'Ben Datos')!.id;
      await invoke(core, 'team.assign', { id: assessmentId, contributorId: ids.ana, assignment: { dimensions: [first!.id], criteria: [] } });
      await invoke(core, 'team.assign', { id: assessmentId, contributorId: ids.ben, assignment: { dimensions: [second!.id], criteria: plan.ana.criteria.slice(0, 3) } });
      const teamCriteria = new Set([...plan.ana.criteria, ...plan.ben.criteria, ...plan.eva.criteria]);
      for (const dimension of framework.dimensions) {
        for (const criterion of dimension.criteria) {
          if (!teamCriteria.has(criterion.id)) await core.assessments.saveAnswer(assessmentId, criterion.id, { level: 3, justification: 'Answered by the QA office.' });
        }
      }
    } finally {
      await core.close();
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await folders?.remove();
  });

  const openTeamTab = async (page: Page) => {
    await page.goto(`${app!.baseUrl}/index.html#/assessments/${assessmentId}?tab=team`);
    await page.getByRole('heading', { name: t('team.contributors.title') }).waitFor();
  };

  it('the coordinator adds a colleague, assigns her criteria and saves the three request files', async () => {
    app = await launchApp({ dataDir: dirs.coordinator, browser, locale: language === 'es' ? 'es-ES' : 'en-GB' });
    const { page } = app;
    await openTeamTab(page);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    // Eva, who has no TrustBridge, is added with the form, by keyboard.
    await tabTo(page, t('team.contributors.add'));
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: t('team.contributors.addTitle') }).waitFor();
    await typeInto(page, t('team.contributors.name'), 'Eva Programas');
    await typeInto(page, t('team.contributors.role'), 'Programme leader');
    await typeInto(page, t('team.contributors.email'), 'eva@ejemplo.es');
    await page.keyboard.press('Enter');
    const row = page.getByTestId('team-contributors').getByRole('row', { name: /Eva Programas/ });
    await row.waitFor();

    // Her assignment: the third dimension whole, and two criteria Ana rates too (double rating, shown as such).
    await pressButton(page, t('team.contributors.assignFor', { name: 'Eva Programas' }));
    const dialog = page.getByRole('dialog', { name: t('team.assign.title', { name: 'Eva Programas' }) });
    await dialog.waitFor();
    const third = framework.dimensions[2]!;
    await press(page, dialog.getByRole('checkbox', { name: new RegExp(`^${third.id} · `) }));
    for (const id of plan.eva.criteria.filter((criterion) => !third.criteria.some((c) => c.id === criterion))) {
      const box = dialog.getByRole('checkbox', { name: new RegExp(`^${id} · `) });
      await expect(box.locator('xpath=ancestor::label[1]').textContent()).resolves.toContain(t('team.assign.alsoAssigned', { names: 'Ana Registrar' }));
      await press(page, box);
    }
    await dialog.getByText(t('team.assign.count', { count: plan.eva.criteria.length })).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, `team-assign-${language}`);
    await pressButton(page, t('team.assign.save'));
    await dialog.waitFor({ state: 'detached' });
    await row.getByText(t('team.contributors.criteriaCount', { count: plan.eva.criteria.length })).waitFor();

    // Requests: the workbook for Eva, signed files for Ana and Ben (the key asks for its passphrase once).
    const requestFor = async (name: string, format: 'trustbridge' | 'workbook', path: string) => {
      await pressButton(page, t('team.contributors.requestFor', { name }));
      await page.getByRole('dialog', { name: t('team.export.title', { name }) }).waitFor();
      if (format === 'workbook') await press(page, page.getByRole('radio', { name: t('team.export.workbook') }));
      app!.dialogs.answerSave(path);
      await pressButton(page, t('team.export.save'));
    };
    await requestFor('Eva Programas', 'workbook', file('eva-request.xlsx'));
    await page.getByText(t('team.export.saved', { name: 'Eva Programas', path: file('eva-request.xlsx') })).waitFor({ timeout: 30_000 });
    await requestFor('Ana Registrar', 'trustbridge', file('ana-request.trustbridge'));
    await page.getByRole('dialog', { name: t('keys.unlockTitle') }).waitFor();
    await typeInto(page, t('keys.passphrase'), seedPassphrase);
    await page.keyboard.press('Enter');
    await page.getByText(t('team.export.saved', { name: 'Ana Registrar', path: file('ana-request.trustbridge') })).waitFor({ timeout: 30_000 });
    await requestFor('Ben Datos', 'trustbridge', file('ben-request.trustbridge'));
    await page.getByText(t('team.export.saved', { name: 'Ben Datos', path: file('ben-request.trustbridge') })).waitFor({ timeout: 30_000 });
    await screenshot(page, `team-contributors-${language}`);
    ids.eva = (await invoke<TeamView>(app.core, 'team.view', { id: assessmentId })).contributors.find((contributor) => contributor.name === 'Eva Programas')!.id;
    await app.close();
    app = undefined;
  }, 180_000);

  it('Ana opens her request by double-click, rates on screen and saves her signed contribution', async () => {
    app = await launchApp({ dataDir: dirs.ana, browser, locale: language === 'es' ? 'es-ES' : 'en-GB', openedFiles: [file('ana-request.trustbridge')] });
    const { page } = app;
    const first = plan.ana.criteria[0]!;
    const card = page.getByTestId(`rate-${first}`);
    await card.waitFor({ timeout: 30_000 });
    await page.getByTestId('request-progress').getByText(t('team.contributors.ratedValue', { rated: 0, total: plan.ana.criteria.length })).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, `team-colleague-request-${language}`);

    // The first criterion by keyboard: level 3 with the arrow keys, a justification, an evidence link, Save.
    await card.getByRole('radio').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(card.getByRole('radio').nth(3).isChecked()).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('The recognition procedure is adopted and applied in every faculty.');
    await tabTo(page, t('team.requests.addEvidence'));
    await page.keyboard.press('Enter');
    await typeInto(page, t('team.requests.evidenceLabel', { number: 1 }), 'Recognition procedure');
    await typeInto(page, t('team.requests.evidenceUrl', { number: 1 }), 'https://intranet.ejemplo.es/recognition.pdf');
    await tabTo(page, t('team.requests.save'));
    await page.keyboard.press('Enter');
    await page.getByTestId('request-progress').getByText(t('team.contributors.ratedValue', { rated: 1, total: plan.ana.criteria.length })).waitFor();

    // The rest through the same channel the screen uses.
    const requestId = page.url().split('/team/requests/')[1]!;
    for (const id of plan.ana.criteria.slice(1)) {
      await invoke<ContributionRequestView>(app.core, 'team.rate', { requestId: decodeURIComponent(requestId), criterionId: id, value: plan.ana.levels[id], justification: `Ana's reading of ${id}.`, evidence: [] });
    }
    await page.reload();
    await page.getByTestId('request-progress').getByText(t('team.contributors.ratedValue', { rated: plan.ana.criteria.length, total: plan.ana.criteria.length })).waitFor();
    app.dialogs.answerSave(file('ana-contribution.trustbridge'));
    await pressButton(page, t('team.requests.export'));
    await page.getByRole('dialog', { name: t('keys.unlockTitle') }).waitFor();
    await typeInto(page, t('keys.passphrase'), seedPassphrase);
    await page.keyboard.press('Enter');
    await page.getByText(t('team.requests.exported', { path: file('ana-contribution.trustbridge') })).waitFor({ timeout: 30_000 });

    // Her list of requests shows this one as sent; its link, reached by keyboard in the grid, opens it again.
    const title = (await page.getByRole('heading', { level: 1 }).textContent())!;
    await tabTo(page, t('team.requests.all'), { backwards: true });
    await page.keyboard.press('Enter');
    const listed = page.getByTestId('team-requests').getByRole('row').filter({ hasText: title });
    await listed.waitFor();
    await expect(listed.getByText(t('team.requests.notSent')).count()).resolves.toBe(0);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, `team-requests-${language}`);
    await tabTo(page, title, { role: 'a' });
    await page.keyboard.press('Enter');
    await card.waitFor();
    await app.close();
    app = undefined;
  }, 180_000);

  it('Ben rates in his own TrustBridge and Eva fills the workbook', async () => {
    const dialogs = new ScriptedDialogs();
    const core = await openHeadless(dirs.ben, dialogs);
    try {
      dialogs.answerOpen([file('ben-request.trustbridge')]);
      const request = await invoke<ContributionRequestView>(core, 'team.openRequest', {});
      expect(request.criteria.map((criterion) => criterion.criterionId).sort()).toEqual([...plan.ben.criteria].sort());
      for (const id of plan.ben.criteria) await invoke(core, 'team.rate', { requestId: request.requestId, criterionId: id, value: plan.ben.levels[id], justification: `Ben's reading of ${id}.`, evidence: [] });
      await core.identity.unlock(seedPassphrase);
      dialogs.answerSave(file('ben-contribution.trustbridge'));
      await invoke(core, 'team.exportContribution', { requestId: request.requestId });
    } finally {
      await core.close();
    }
    expect(fillWorkbook(file('eva-request.xlsx'), plan.eva.levels).sort()).toEqual([...plan.eva.criteria].sort());
  }, 120_000);

  it('the coordinator previews and stores the two signed contributions and the workbook, and refuses a tampered file', async () => {
    app = await launchApp({ dataDir: dirs.coordinator, browser, locale: language === 'es' ? 'es-ES' : 'en-GB' });
    const { page } = app;
    await openTeamTab(page);

    // A tampered copy of Ben's file: refused with a message, nothing stored.
    const bytes = await readFile(file('ben-contribution.trustbridge'), 'utf8');
    await writeFile(file('tampered.trustbridge'), bytes.replace(`Ben's reading of ${plan.ben.criteria[0]}`, `Ben's reading of ${plan.ben.criteria[0]}!`));
    const before = await invoke<TeamView>(app.core, 'team.view', { id: assessmentId });
    app.dialogs.answerOpen([file('tampered.trustbridge')]);
    await pressButton(page, t('team.import.action'));
    // The same refusal the channel gives, shown translated in a toast; no preview to accept.
    const refusal = (await app.core.router.invoke('team.previewContribution', { id: assessmentId, path: file('tampered.trustbridge') })) as Result<unknown>;
    expect(refusal.ok).toBe(false);
    if (refusal.ok) return;
    // In the words the renderer chooses for it (errorText: a reason's text, the code's text otherwise).
    const expected = errorText((key, options) => t(key, options), refusal.error);
    await page.locator('.toast--error').filter({ hasText: expected }).first().waitFor();
    await expect(page.getByTestId('contribution-preview').count()).resolves.toBe(0);
    const after = await invoke<TeamView>(app.core, 'team.view', { id: assessmentId });
    expect(after.criteria.flatMap((criterion) => criterion.ratings)).toEqual(before.criteria.flatMap((criterion) => criterion.ratings));

    const accept = async (path: string, name: string, count: number) => {
      app!.dialogs.answerOpen([path]);
      await pressButton(page, t('team.import.action'));
      const preview = page.getByTestId('contribution-preview');
      await preview.waitFor();
      await preview.getByText(t('team.import.willStore', { count })).waitFor();
      await preview.getByRole('heading', { name: t('team.import.title', { name }) }).waitFor();
      expect(await seriousAccessibilityFindings(page)).toEqual([]);
      await screenshot(page, `team-import-${name.split(' ')[0]!.toLowerCase()}-${language}`);
      await tabTo(page, t('team.import.accept'));
      await page.keyboard.press('Enter');
      await preview.waitFor({ state: 'detached' });
    };
    await accept(file('ana-contribution.trustbridge'), 'Ana Registrar', plan.ana.criteria.length);
    await accept(file('ben-contribution.trustbridge'), 'Ben Datos', plan.ben.criteria.length);
    await accept(file('eva-request.xlsx'), 'Eva Programas', plan.eva.criteria.length);

    const rows = page.getByTestId('team-contributors');
    await rows.getByRole('row', { name: /Ana Registrar/ }).getByText(t('team.contributors.ratedValue', { rated: plan.ana.criteria.length, total: plan.ana.criteria.length })).waitFor();
    await rows.getByRole('row', { name: /Eva Programas/ }).getByText(t('team.contributors.ratedValue', { rated: plan.eva.criteria.length, total: plan.eva.criteria.length })).waitFor();
    // The agreement is read for a rector, never a bare number.
    const agreement = page.getByTestId('team-agreement');
    const view = await invoke<TeamView>(app.core, 'team.view', { id: assessmentId });
    expect(view.raters).toBe(3);
    await agreement.getByText(t(`team.readingText.${view.agreement.overall.reading}`)).waitFor();
    expect(view.counts.flagged).toBe(2);
    await screenshot(page, `team-agreement-${language}`);
  }, 180_000);

  it('resolves the disagreements by keyboard, completes the assessment and exports the report', async () => {
    const { page } = app!;
    const merge = page.getByTestId('team-merge');
    // Flagged first: Ben's 0 against Ana's 3, Eva's 1 against Ana's 3.
    await press(page, merge.getByRole('radio', { name: t('team.merge.filters.flagged', { count: 2 }) }));
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await screenshot(page, `team-merge-${language}`);
    const decide = async (criterionId: string, level: number, reason: string) => {
      const card = merge.getByTestId(`merge-${criterionId}`);
      await card.getByRole('radio').first().focus();
      for (let step = 0; step < level; step += 1) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Tab');
      await page.keyboard.type(reason);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.getByText(t('team.merge.stored', { id: criterionId })).waitFor();
    };
    const [shared0, shared1, , shared3] = plan.ana.criteria;
    await decide(shared1!, 2, 'Discussed in the committee: adopted, not yet applied everywhere.');
    await decide(shared3!, 2, 'Programme files show partial application.');
    // The remaining disagreement (one level apart), then every undisputed proposal in one go.
    await press(page, merge.getByRole('radio', { name: new RegExp(`^${t('team.merge.filters.decide', { count: 0 }).replace(/\(0\)$/, '')}`) }));
    await decide(shared0!, 3, 'The registrar’s reading holds.');
    const undisputed = page.getByRole('button', { name: new RegExp(t('team.merge.acceptProposals_other', { count: 99 }).replace('99', '\\d+')) });
    const count = Number(/\d+/.exec((await undisputed.textContent())!)![0]);
    await undisputed.focus();
    await page.keyboard.press('Enter');
    await merge.getByText(t('team.merge.nothingHere')).waitFor({ timeout: 60_000 });
    // One message for all of them, not one per criterion.
    await page.locator('.toast').filter({ hasText: t('team.merge.storedAll', { count }) }).waitFor();
    const view = await invoke<TeamView>(app!.core, 'team.view', { id: assessmentId });
    expect(view.counts.conflict + view.counts.single + view.counts.agreed).toBe(0);
    expect(view.criteria.find((criterion) => criterion.criterionId === shared1)!.consolidation).toMatchObject({ value: 2, decidedBy: 'Jordi Puig' });
    expect(view.history.filter((entry) => entry.action === 'consolidated').length).toBe(view.counts.consolidated);

    // Complete, then the report.
    await page.getByRole('tab', { name: t('assessment.review') }).click();
    await pressButton(page, t('review.complete'));
    await pressButton(page, t('review.complete'));
    await page.getByText(t('review.completed')).waitFor();
    await pressButton(page, t('exports.export'));
    await page.getByRole('dialog').waitFor();
    await chooseInSelect(page, new RegExp(`${t('exports.language')}$`), t(`languages.${language}`));
    const report = file(`report-${language}.docx`);
    app!.dialogs.answerSave(report);
    await pressButton(page, t('exports.selfReport'));
    await page.getByText(t('exports.saved', { path: report })).waitFor({ timeout: 90_000 });
    const text = wordText(report);
    const tables = wordTables(report).flat().flat().join('\n');
    // The report names the three colleagues who rated (its raters section).
    for (const name of ['Ana Registrar', 'Ben Datos', 'Eva Programas']) expect(`${text}\n${tables}`).toContain(name);
  }, 240_000);
});
