/**
 * The parts of the assessment screen a QA officer works with most: the level cards, the review
 * before completing, and the results with their charts. The review runs against a real core over
 * a temp data folder (window.api is built from the contract over the real router, as the preload
 * builds it); the results are checked against figures worked out by hand on a small framework.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { criteriaOf, type Framework, type Level } from '../../shared/framework/schema';
import { createApi } from '../../shared/ipc/api';
import { defaultSettings } from '../../shared/settings';
import { AppContext, type AppContextValue } from '../../renderer/app/app-context';
import { LevelCards } from '../../renderer/features/assessments/LevelCards';
import { HistoryPanel } from '../../renderer/features/assessments/HistoryPanel';
import { ResultsPanel } from '../../renderer/features/assessments/ResultsPanel';
import { ReviewPanel } from '../../renderer/features/assessments/ReviewPanel';
import { ToastArea } from '../../renderer/components/Toasts';
import { setUpCore, type TestCore } from '../support/core';
import { assessmentOf, smallFramework, uniA } from '../support/report-fixtures';
import { criterion, dimension } from '../unit/shared/scoring/factories';
import { renderInApp } from './render';

const descriptors: [string, string, string, string, string] = ['No policy at all.', 'A draft exists.', 'Adopted for some programmes.', 'Adopted and applied everywhere.', 'Reviewed yearly with partners.'];

/** The small two-dimension guide of the report tests, with its own descriptors on GOV-01. */
function fixtureFramework(): Framework {
  const framework = smallFramework();
  framework.dimensions[0]!.criteria[0]!.levels = [...descriptors];
  return framework;
}

/** The same with a third dimension, REC (weight 2) holding REC-01, so that a radar can be drawn. */
function threeDimensions(): Framework {
  const framework = fixtureFramework();
  framework.dimensions.push(dimension('REC', 2, criterion('REC-01', { title: 'Recognition of learning' })));
  return framework;
}

describe('the level cards', () => {
  function Cards({ onChange, initial = null, isDisabled }: { onChange(level: Level): void; initial?: Level | null; isDisabled?: boolean }) {
    const framework = fixtureFramework();
    const [value, setValue] = useState<Level | null>(initial);
    return (
      <LevelCards
        criterion={criteriaOf(framework)[0]!}
        scale={framework.scale}
        value={value}
        isDisabled={isDisabled ?? false}
        label="Level"
        onChange={(level) => {
          setValue(level);
          onChange(level);
        }}
      />
    );
  }

  it('offers the five levels as one radio group, each named by its number, label and the criterion’s descriptor', async () => {
    await renderInApp(<Cards onChange={() => undefined} />);
    const group = screen.getByRole('radiogroup', { name: 'Level' });
    const radios = within(group).getAllByRole('radio');
    expect(radios).toHaveLength(5);
    expect(radios.map((radio) => radio.getAttribute('aria-label'))).toEqual([
      '0 · Not in place: No policy at all.',
      '1 · Initial: A draft exists.',
      '2 · Developing: Adopted for some programmes.',
      '3 · Established: Adopted and applied everywhere.',
      '4 · Exemplary: Reviewed yearly with partners.',
    ]);
    expect(radios.every((radio) => !(radio as HTMLInputElement).checked)).toBe(true);
    // The descriptors are on the cards for everyone to read, not only in the accessible names.
    for (const descriptor of descriptors) expect(within(group).getByText(descriptor)).toBeVisible();
    expect(group).toHaveAccessibleDescription(/arrow keys/i);
  });

  it('chooses a level by pointer and moves between levels with the arrow keys', async () => {
    const user = userEvent.setup();
    const chosen: Level[] = [];
    await renderInApp(<Cards onChange={(level) => chosen.push(level)} />);
    await user.click(screen.getByRole('radio', { name: /^2 · Developing/ }));
    expect(chosen).toEqual([2]);
    expect(screen.getByRole('radio', { name: /^2 · Developing/ })).toBeChecked();
    await user.keyboard('{ArrowRight}');
    await user.keyboard('{ArrowRight}');
    await user.keyboard('{ArrowLeft}');
    expect(chosen).toEqual([2, 3, 4, 3]);
    expect(screen.getByRole('radio', { name: /^3 · Established/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: /^2 · Developing/ })).not.toBeChecked();
  });

  it('shows a stored level and cannot be changed when the assessment is locked', async () => {
    const user = userEvent.setup();
    const chosen: Level[] = [];
    await renderInApp(<Cards initial={4} isDisabled onChange={(level) => chosen.push(level)} />);
    expect(screen.getByRole('radio', { name: /^4 · Exemplary/ })).toBeChecked();
    for (const radio of screen.getAllByRole('radio')) expect(radio).toBeDisabled();
    await user.click(screen.getByRole('radio', { name: /^1 · Initial/ }));
    expect(chosen).toEqual([]);
    expect(screen.getByRole('radio', { name: /^4 · Exemplary/ })).toBeChecked();
  });

  it('explains how to use it in the interface language', async () => {
    await renderInApp(<Cards onChange={() => undefined} />, 'es');
    const english = await import('../../shared/i18n/locales/en.json');
    const group = screen.getByRole('radiogroup', { name: 'Level' });
    const description = group.getAttribute('aria-describedby')!;
    const help = document.getElementById(description)!.textContent;
    expect(help).toBeTruthy();
    expect(help).not.toBe((english.default as { assessment: { levelHelp: string } }).assessment.levelHelp);
  });
});

describe('the results and their charts', () => {
  // GOV (weight 2): GOV-01 critical w3 at 3, GOV-02 w1 at 1 → (9 + 1) / 16 = 62.5 %.
  // DAT (weight 1): DAT-01 critical w2 at 1, DAT-02 w2 at 2 → (2 + 4) / 16 = 37.5 %.
  // REC (weight 2): REC-01 at 2 → 50 %.
  // Overall: (2 × 62.5 + 1 × 37.5 + 2 × 50) / 5 = 52.5 %. DAT-01 is critical below level 2: one
  // blocker, which still allows "ready with conditions" (≥ 50, no critical below 1).
  const framework = threeDimensions();
  const ratings = { 'GOV-01': 3, 'GOV-02': 1, 'DAT-01': 1, 'DAT-02': 2, 'REC-01': 2 } as const;
  const before = assessmentOf(framework, { kind: 'self', subject: uniA, ratings });

  function figure(label: string): HTMLElement {
    return screen.getByText(label, { selector: '.figure-card__label' }).closest('.figure-card') as HTMLElement;
  }

  /** Each chart is a figure whose image carries the chart's description as its name. */
  function chartImages(): HTMLElement[] {
    return screen.getAllByRole('figure').map((chart) => within(chart).getAllByRole('img')[0]!);
  }

  function tableRows(table: HTMLElement): Array<Array<string | null>> {
    return within(table)
      .getAllByRole('row', { hidden: true })
      .slice(1)
      .map((row) => [...row.children].map((cell) => cell.textContent));
  }

  it('shows the overall score, band, completeness and blockers as worked out by hand', async () => {
    await renderInApp(<ResultsPanel assessment={before} framework={framework} />);
    expect(figure('Overall score')).toHaveTextContent('52.5 %');
    expect(figure('Decision band')).toHaveTextContent('Ready with conditions');
    expect(figure('Completeness')).toHaveTextContent('5 of 5 answered');
    expect(figure('Blockers')).toHaveTextContent('1');
    const blockers = screen.getByRole('region', { name: /^Blockers/ });
    expect(within(blockers).getByText('DAT-01')).toBeInTheDocument();
    expect(within(blockers).getByText(/1 · Initial/)).toBeInTheDocument();
  });

  it('draws a radar and a bar chart of the dimension scores, each with the same figures as a table', async () => {
    await renderInApp(<ResultsPanel assessment={before} framework={framework} />);
    const images = chartImages();
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image.querySelector('svg')).not.toBeNull();
      expect(image.getAttribute('aria-label')).toMatch(/Dimension GOV.*62\.5.*Dimension DAT.*37\.5.*Dimension REC.*50\.0/s);
    }
    const tables = screen.getAllByRole('table', { hidden: true });
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      expect(tableRows(table)).toEqual([
        ['Dimension GOV', '62.5 %'],
        ['Dimension DAT', '37.5 %'],
        ['Dimension REC', '50.0 %'],
      ]);
    }
    // The bar chart marks the framework's thresholds and writes each value beside its bar.
    const bar = images[1]!.querySelector('svg')!;
    expect(bar.textContent).toContain('Ready with conditions');
    for (const value of ['62.5 %', '37.5 %', '50.0 %']) expect(bar.textContent).toContain(value);
  });

  it('follows the answers: raising the blocker to level 3 lifts the scores and clears it', async () => {
    const view = await renderInApp(<ResultsPanel assessment={before} framework={framework} />);
    // DAT-01 at 3: DAT = (6 + 4) / 16 = 62.5 %; overall (2 × 62.5 + 62.5 + 2 × 50) / 5 = 57.5 %.
    const after = assessmentOf(framework, { kind: 'self', subject: uniA, ratings: { ...ratings, 'DAT-01': 3 } });
    view.rerender(<ResultsPanel assessment={after} framework={framework} />);
    expect(figure('Overall score')).toHaveTextContent('57.5 %');
    expect(figure('Blockers')).toHaveTextContent('0');
    expect(screen.getByText('No blockers.')).toBeInTheDocument();
    expect(tableRows(screen.getAllByRole('table', { hidden: true })[1]!)[1]).toEqual(['Dimension DAT', '62.5 %']);
  });

  it('shows no band while a criterion is unanswered: the progress, and the score only "so far"', async () => {
    // DAT-01 unanswered: DAT = DAT-02 alone = 50 %, overall (2 × 62.5 + 50 + 2 × 50) / 5 = 55 % — "ready with
    // conditions" on paper, but DAT-01 could still be rated 0, which would make it "not ready".
    const { 'DAT-01': _left, ...rest } = ratings;
    const draft = assessmentOf(framework, { kind: 'self', subject: uniA, status: 'draft', ratings: rest });
    await renderInApp(<ResultsPanel assessment={draft} framework={framework} />);
    expect(figure('Completeness')).toHaveTextContent('4 of 5 answered');
    const band = figure('Decision band');
    expect(band).toHaveTextContent('Not decided yet');
    expect(band).not.toHaveTextContent(/Ready|Not ready/);
    expect(band.querySelector('.band')).toBeNull();
    expect(screen.queryByText('Overall score', { selector: '.figure-card__label' })).toBeNull();
    expect(figure('Score so far')).toHaveTextContent('55.0 %');
    expect(screen.getByText(/No decision band yet: 4 of 5 criteria answered/, { selector: '.alert' })).toBeInTheDocument();
  });

  it('states a band the missing answers can no longer change, and which criterion decides it', async () => {
    // DAT-01 critical at 0 (below level 1, which "ready with conditions" demands): not ready,
    // whatever REC-01 turns out to be.
    const { 'REC-01': _left, ...rest } = ratings;
    const draft = assessmentOf(framework, { kind: 'self', subject: uniA, status: 'draft', ratings: { ...rest, 'DAT-01': 0 } });
    await renderInApp(<ResultsPanel assessment={draft} framework={framework} />);
    const band = figure('Decision band');
    expect(band.querySelector('.band')).toHaveTextContent('Not ready');
    expect(band).toHaveTextContent('already decided by DAT-01, whatever the remaining answers');
  });

  it('shows the bars alone for a framework of fewer than three dimensions, which a radar cannot draw', async () => {
    const two = fixtureFramework();
    const assessment = assessmentOf(two, { kind: 'self', subject: uniA, ratings: { 'GOV-01': 3, 'GOV-02': 1, 'DAT-01': 1, 'DAT-02': 2 } });
    await renderInApp(<ResultsPanel assessment={assessment} framework={two} />);
    expect(chartImages()).toHaveLength(1);
    expect(screen.getByText('Scores by dimension (bars, with the decision thresholds)', { selector: 'figcaption' })).toBeInTheDocument();
    // (2 × 62.5 + 37.5) / 3 = 54.17 %.
    expect(figure('Overall score')).toHaveTextContent('54.2 %');
  });
});

describe('the review before completing', () => {
  let core: TestCore;

  beforeEach(async () => {
    ({ core } = await setUpCore());
    window.api = createApi((channel, request) => core.router.invoke(channel, request), () => () => undefined);
  });

  afterEach(async () => {
    await core.dispose();
  });

  const appContext = (): AppContextValue => ({
    info: { name: 'TrustBridge', version: 'test', dataDir: core.dataDir, platform: process.platform, systemLocale: 'en-GB' },
    settings: { ...defaultSettings, userName: 'Jordi Puig', userRole: 'Quality officer', setupCompleted: true },
    returning: true,
    updateSettings: async () => true,
  });

  async function newAssessment() {
    const guide = core.frameworks.list().find((item) => item.origin === 'built-in')!;
    const created = await core.assessments.create({ kind: 'self', subjectId: core.institutions.ownId()!, frameworkKey: guide.key, language: 'en', title: 'Self-assessment 2026' });
    return { created, framework: core.assessments.frameworkOf(created) };
  }

  async function renderReview(id: string, handlers: { onGoTo?(id: string): void; onCompleted?(): void } = {}) {
    const assessment = await core.assessments.get(id);
    const framework = core.assessments.frameworkOf(assessment);
    return renderInApp(
      <AppContext.Provider value={appContext()}>
        <ReviewPanel assessment={assessment} framework={framework} saving={false} onGoTo={handlers.onGoTo ?? (() => undefined)} onCompleted={handlers.onCompleted ?? (() => undefined)} />
        <ToastArea />
      </AppContext.Provider>,
    );
  }

  const section = (name: RegExp) => screen.getByRole('region', { name });

  it('shows the status changes of the history in the user’s language, not as stored codes', async () => {
    const { created, framework } = await newAssessment();
    for (const criterion of criteriaOf(framework)) await core.assessments.saveAnswer(created.id, criterion.id, { level: 3 });
    await core.assessments.complete(created.id);
    const reopened = await core.assessments.reopen(created.id);
    await renderInApp(<HistoryPanel assessment={reopened} framework={framework} />, 'es');
    const cells = (await screen.findAllByRole('gridcell', {}, { timeout: 10_000 })).map((cell) => cell.textContent);
    expect(cells).toContain('Borrador');
    expect(cells).toContain('Finalizada');
    expect(cells).not.toContain('draft');
    expect(cells).not.toContain('complete');
    expect(cells.some((text) => text?.startsWith('revision'))).toBe(false);
  });

  it('lists what is missing, the blockers and N/A without a reason, and will not complete yet', async () => {
    const { created, framework } = await newAssessment();
    const criteria = criteriaOf(framework);
    const critical = criteria.filter((criterion) => criterion.critical);
    const ordinary = criteria.filter((criterion) => !criterion.critical);
    await core.assessments.saveAnswer(created.id, critical[0]!.id, { level: 1 });
    await core.assessments.saveAnswer(created.id, critical[1]!.id, { notApplicable: true, naReason: '' });
    await core.assessments.saveAnswer(created.id, ordinary[0]!.id, { notApplicable: true, naReason: '' });
    await core.assessments.saveAnswer(created.id, ordinary[1]!.id, { level: 3 });
    const goTo = vi.fn();
    await renderReview(created.id, { onGoTo: goTo });

    // Answered: critical[0] (level 1), ordinary[0] (N/A without a reason is allowed for an ordinary
    // criterion) and ordinary[1]. critical[1], N/A without a reason, is listed on its own.
    const missing = section(/^Not answered yet/);
    expect(within(missing).getByText(String(criteria.length - 4), { selector: '.count' })).toBeInTheDocument();
    for (const answered of [critical[0]!, critical[1]!, ordinary[0]!, ordinary[1]!]) expect(within(missing).queryByText(answered.id)).toBeNull();
    expect(within(missing).getByText(ordinary[2]!.id)).toBeInTheDocument();

    const blockers = section(/^Critical criteria below level 2/);
    expect(within(blockers).getByText(critical[0]!.id)).toBeInTheDocument();
    expect(within(blockers).getByText(/level 1/)).toBeInTheDocument();
    expect(within(section(/critical criteria marked not applicable without a reason/i)).getByText(critical[1]!.id)).toBeInTheDocument();
    expect(within(section(/^Not applicable without a reason/)).getByText(ordinary[0]!.id)).toBeInTheDocument();

    expect(screen.getByRole('button', { name: 'Complete and lock' })).toBeDisabled();

    await userEvent.setup().click(within(blockers).getByRole('button', { name: new RegExp(critical[0]!.id) }));
    expect(goTo).toHaveBeenCalledWith(critical[0]!.id);
  });

  it('completes after confirmation, naming the user, and the stored assessment is locked', async () => {
    const user = userEvent.setup();
    const { created, framework } = await newAssessment();
    for (const criterion of criteriaOf(framework)) await core.assessments.saveAnswer(created.id, criterion.id, { level: 3 });
    const completed = vi.fn();
    await renderReview(created.id, { onCompleted: completed });
    for (const name of [/^Not answered yet/, /^Critical criteria below level 2/]) expect(within(section(name)).getByText('0', { selector: '.count' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Complete and lock' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('Jordi Puig');
    expect((await core.assessments.get(created.id)).status).toBe('draft');
    await user.click(within(dialog).getByRole('button', { name: 'Complete and lock' }));
    await vi.waitFor(() => expect(completed).toHaveBeenCalledTimes(1));
    const stored = await core.assessments.get(created.id);
    expect(stored.status).toBe('complete');
    expect(stored.completed?.by).toBe('Jordi Puig');
  });

  it('shows who locked a completed assessment and reopens it only as a new revision', async () => {
    const user = userEvent.setup();
    const { created, framework } = await newAssessment();
    for (const criterion of criteriaOf(framework)) await core.assessments.saveAnswer(created.id, criterion.id, { level: 2 });
    await core.assessments.complete(created.id);
    await renderReview(created.id);
    expect(screen.getByText(/Jordi Puig/, { selector: 'p' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Complete and lock' })).toBeNull();
    await user.click(screen.getByRole('button', { name: /reopen/i }));
    await vi.waitFor(() => expect(core.assessments.revisions(created.seriesId)).toHaveLength(2));
    const revisions = core.assessments.revisions(created.seriesId);
    expect(revisions.map((revision) => [revision.revision, revision.status])).toEqual([
      [1, 'complete'],
      [2, 'draft'],
    ]);
    expect((await core.assessments.get(created.id)).status).toBe('complete');
    await act(async () => undefined);
  });
});
