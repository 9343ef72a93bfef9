/**
 * The guide 2.0 parts of the screens: the guidance for auditors (a keyboard disclosure), the
 * carry-over confirmation (nothing happens until the officer confirms), and the coverage view over
 * a real core whose catalogue holds 1.0 and a 2.0 fixture, in English and Spanish.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { Answer } from '../../shared/assessment/answer';
import { carryOverPlan } from '../../shared/assessment/carry-over';
import type { Assessment } from '../../shared/assessment/schema';
import { criteriaOf, type Framework } from '../../shared/framework/schema';
import { createApi } from '../../shared/ipc/api';
import { AuditorGuidancePanel } from '../../renderer/features/assessments/AuditorGuidancePanel';
import { CarryOverDialog } from '../../renderer/features/assessments/CarryOverDialog';
import { NewAssessmentPage } from '../../renderer/features/assessments/NewAssessmentPage';
import { NotApplicableUse } from '../../renderer/features/assessments/NotApplicableUse';
import { Workspace } from '../../renderer/features/assessments/Workspace';
import { ToastArea } from '../../renderer/components/Toasts';
import { CoverageView } from '../../renderer/features/guide/CoverageView';
import { setUpCore, type TestCore } from '../support/core';
import { guide2FromV1, templatesWithGuide2 } from '../support/guide2-fixture';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { templatesDir } from '../support/paths';
import { renderInApp } from './render';

const v2 = async () => (await guide2FromV1('en')) as unknown as Framework;
const v1 = async () => JSON.parse(await readFile(join(templatesDir, 'frameworks/trustbridge-guide/en.json'), 'utf8')) as Framework;

describe('the guidance for auditors', () => {
  it('is closed at first and opens and closes from the keyboard, showing verify, sample, red flags and 2 vs 3', async () => {
    const criterion = criteriaOf(await v2()).find((c) => c.id === 'DAT-01')!;
    await renderInApp(<AuditorGuidancePanel criterion={criterion} />);
    const trigger = screen.getByRole('button', { name: 'Guidance for auditors' });
    expect(trigger).toHaveAttribute('aria-expanded', 'false');
    await userEvent.tab();
    expect(trigger).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(trigger).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('What to verify')).toBeVisible();
    expect(screen.getByText('Ask for the policy and the records behind DAT-01.')).toBeVisible();
    expect(screen.getByText('No record older than a year for DAT-01.')).toBeVisible();
    expect(screen.getByText('Level 2 or level 3?')).toBeVisible();
    await userEvent.keyboard(' ');
    expect(trigger).toHaveAttribute('aria-expanded', 'false');
  });

  it('is not shown for a 1.0 criterion, which has no guidance for auditors', async () => {
    const { container } = await renderInApp(<AuditorGuidancePanel criterion={criteriaOf(await v1())[0]!} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('speaks Spanish', async () => {
    const criterion = criteriaOf((await guide2FromV1('es')) as unknown as Framework)[0]!;
    await renderInApp(<AuditorGuidancePanel criterion={criterion} defaultExpanded />, 'es');
    expect(screen.getByRole('button', { name: 'Orientaciones para la auditoría' })).toBeInTheDocument();
    expect(screen.getByText('Señales de alerta')).toBeVisible();
  });
});

describe('the carry-over confirmation', () => {
  it('lists old → new criterion by criterion, says why a criterion starts empty, and does nothing until confirmed', async () => {
    const plan = carryOverPlan(
      {
        assessment: {
          framework: { id: 'trustbridge-guide', version: '1.0', fingerprint: '0'.repeat(64), language: 'en' },
          answers: {
            'REC-05': { level: 2, notApplicable: false, naReason: '', justification: '', evidence: [], requestedEvidence: '', carriedOver: false },
            'LEG-02': { level: null, notApplicable: true, naReason: 'x', justification: '', evidence: [], requestedEvidence: '', carriedOver: false },
          },
        },
        framework: await v1(),
      },
      { framework: await v2() },
    );
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    await renderInApp(<CarryOverDialog plan={plan} previousTitle="Self 2024" targetVersion="2.0" onConfirm={onConfirm} onCancel={onCancel} />);
    const dialog = screen.getByRole('alertdialog', { name: 'Carry answers over from “Self 2024”' });
    expect(within(dialog).getByText('1 of 55 criteria start with the earlier answer.')).toBeInTheDocument();
    const row = (id: string) => within(dialog).getByText(id, { selector: '[role="rowheader"] .mono' }).closest('[role="row"]')!;
    expect(row('REC-09')).toHaveTextContent('REC-05');
    expect(row('REC-09')).toHaveTextContent('carried');
    expect(row('LEG-02')).toHaveTextContent('not applicable is no longer allowed');
    expect(row('GOV-09')).toHaveTextContent('new in this version');
    expect(within(dialog).getByText('No longer in the guide, not carried: DES-06')).toBeInTheDocument();
    // Cancel has the focus, so Enter never starts a cycle by accident.
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(onConfirm).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start with these answers' }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });
});

describe('the coverage view', () => {
  let core: TestCore | undefined;
  let templates: Awaited<ReturnType<typeof templatesWithGuide2>> | undefined;
  afterEach(async () => {
    await core?.dispose();
    await templates?.remove();
  });

  it('lists source elements by group with citations, and what a chosen assessment says about each', async () => {
    templates = await templatesWithGuide2();
    const set = await setUpCore({ templatesDir: templates.path });
    core = set.core;
    const c = core;
    window.api = createApi((channel, request) => c.router.invoke(channel, request), () => () => undefined);
    const item = c.frameworks.list().find((candidate) => candidate.version === '2.0')!;
    const assessment = await c.assessments.create({ kind: 'self', subjectId: set.own.id, frameworkKey: item.key, language: 'en', title: 'Self 2026', profileId: 'mutual-recognition' });
    await c.assessments.saveAnswer(assessment.id, 'DES-01', { level: 2 });
    await c.assessments.saveAnswer(assessment.id, 'DES-02', { level: 4 });
    const framework = await c.frameworks.get(item.key, 'en');
    await renderInApp(<CoverageView framework={framework} language="en" />);

    expect(screen.getByRole('heading', { name: /Annex II of the 2022 Recommendation: principles/ })).toHaveTextContent('10 of 10 covered');
    expect(screen.getByRole('heading', { name: /Annex I of the 2022 Recommendation/ })).toHaveTextContent('2 of 11 covered');
    // Each source element's row is named by the element's title (its row header in the grid).
    const elementRow = (id: string) => screen.getByRole('row', { name: framework.sourceElements!.find((element) => element.id === id)!.title });
    const gdpr = elementRow('gdpr-art-35');
    expect(gdpr).toHaveTextContent('GDPR');
    expect(gdpr).toHaveTextContent('Art. 35 · CELEX 32016R0679');
    expect(gdpr).toHaveTextContent('not verified');
    expect(elementRow('annexI-c')).toHaveTextContent('Not covered by any criterion');

    // Choose the assessment: its levels appear beside each element, the profile's exclusions marked.
    await userEvent.click(screen.getByRole('button', { name: /Assessment/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Self 2026' }));
    await vi.waitFor(() => expect(elementRow('annexI-a')).toHaveTextContent('DES-01: 2 · DES-02: 4'));
    expect(elementRow('annexI-a')).toHaveTextContent('DES-07: left out by the profile');
    expect(elementRow('annexI-a')).toHaveTextContent('lowest level 2');
  });

  it('says so for a version without a crosswalk', async () => {
    await renderInApp(<CoverageView framework={await v1()} language="en" />);
    expect(screen.getByText(/has no crosswalk to the sources/)).toBeInTheDocument();
  });
});

describe('not applicable under guide 2.0', () => {
  const assessmentWith = (framework: Framework, answers: Record<string, Answer>, profileId?: string): Assessment => ({
    schemaVersion: 1,
    id: 'a1',
    kind: 'self',
    title: 'Self 2026',
    subject: { institutionId: 'own', legalName: 'Universidad de Ejemplo', country: 'ES' },
    assessor: { institutionId: 'own', legalName: 'Universidad de Ejemplo', country: 'ES' },
    framework: { id: framework.id, version: framework.version, fingerprint: '0'.repeat(64), language: 'en' },
    ...(profileId ? { profileId } : {}),
    status: 'draft',
    seriesId: 'a1',
    revision: 1,
    origin: { type: 'local' },
    answers,
    history: [],
    createdAt: '2026-11-01T09:00:00.000Z',
    createdBy: 'Jordi Puig',
    updatedAt: '2026-11-01T09:00:00.000Z',
  });
  const na = (reason: string): Answer => ({ level: null, notApplicable: true, naReason: reason, justification: '', evidence: [], requestedEvidence: '', carriedOver: false });

  it('the results list the profile and every N/A with its reason; 1.0 results show nothing new', async () => {
    const framework = await v2();
    const { unmount } = await renderInApp(<NotApplicableUse assessment={assessmentWith(framework, { 'LEG-03': na('No joint awards'), 'DAT-02': na('') }, 'stacking')} framework={framework} />);
    const section = screen.getByRole('region', { name: 'Marked not applicable' });
    expect(section).toHaveTextContent('Cooperation profile: Stacking into a programme');
    expect(within(section).getAllByRole('listitem').map((item) => item.textContent)).toEqual([expect.stringMatching(/^LEG-03 .*: No joint awards$/), expect.stringMatching(/^DAT-02 .*: no reason given$/)]);
    unmount();
    const old = await v1();
    const { container } = await renderInApp(<NotApplicableUse assessment={assessmentWith(old, { 'LEG-03': na('x') })} framework={old} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('the workspace refuses N/A on a criterion that always applies, says why, and the N shortcut does nothing', async () => {
    const framework = await v2();
    const onChange = vi.fn();
    const assessment = assessmentWith(framework, {});
    const empty: Answer = { level: null, notApplicable: false, naReason: '', justification: '', evidence: [], requestedEvidence: '', carriedOver: false };
    const props = { assessment, framework, reviewed: undefined, onSelect: () => undefined, answerOf: () => empty, onChange, onTextTyped: onChange, onTextSettled: () => undefined, onAnswerReplaced: () => undefined, locked: false };
    const { rerender } = await renderInApp(
      <>
        <Workspace {...props} selected="LEG-01" />
        <ToastArea />
      </>,
    );
    const checkbox = screen.getByRole('checkbox', { name: 'Not applicable to this institution' });
    expect(checkbox).toBeDisabled();
    expect(checkbox).toHaveAccessibleDescription(/always applies and cannot be marked not applicable/);
    await userEvent.keyboard('n');
    expect(onChange).not.toHaveBeenCalled();
    // The refusal is said where the officer looks: beside the checkbox and in a notice.
    await vi.waitFor(() => expect(screen.getAllByText(/always applies and cannot be marked not applicable/)).toHaveLength(2));
    // A criterion that may be N/A keeps the checkbox and the shortcut.
    rerender(
      <>
        <Workspace {...props} selected="LEG-03" />
        <ToastArea />
      </>,
    );
    expect(screen.getByRole('checkbox', { name: 'Not applicable to this institution' })).toBeEnabled();
    await userEvent.keyboard('n');
    expect(onChange).toHaveBeenCalledWith('LEG-03', { notApplicable: true });
  });

  it('Alt+↓ from the justification shows the next criterion with focus on its heading at once, so a level typed next goes to it', async () => {
    const framework = await v2();
    const [first, second] = criteriaOf(framework);
    const onChange = vi.fn();
    const assessment = assessmentWith(framework, {});
    const empty: Answer = { level: null, notApplicable: false, naReason: '', justification: '', evidence: [], requestedEvidence: '', carriedOver: false };
    function Screen() {
      const [selected, setSelected] = useState(first!.id);
      return (
        <Workspace
          assessment={assessment}
          framework={framework}
          reviewed={undefined}
          selected={selected}
          onSelect={setSelected}
          answerOf={() => empty}
          onChange={onChange}
          onTextTyped={() => undefined}
          onTextSettled={() => undefined}
          onAnswerReplaced={() => undefined}
          locked={false}
        />
      );
    }
    await renderInApp(<Screen />);
    // Frames that never come, as on a machine too busy to draw one before the next key: nothing
    // may wait for one.
    const frames = vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
    onTestFinished(() => frames.mockRestore());
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('textbox', { name: /^Justification/ }));
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    const heading = screen.getByRole('heading', { level: 2, name: new RegExp(`^${second!.id} `) });
    expect(document.activeElement).toBe(heading);
    await user.keyboard('2');
    expect(onChange).toHaveBeenCalledWith(second!.id, { level: 2, notApplicable: false });
  });
});

describe('starting an assessment under guide 2.0', () => {
  let core: TestCore | undefined;
  let templates: Awaited<ReturnType<typeof templatesWithGuide2>> | undefined;
  afterEach(async () => {
    await core?.dispose();
    await templates?.remove();
    core = undefined;
    templates = undefined;
  });

  it('defaults to the newest version, offers its profiles, and stores the one chosen', async () => {
    templates = await templatesWithGuide2();
    const set = await setUpCore({ templatesDir: templates.path });
    core = set.core;
    const c = core;
    window.api = createApi((channel, request) => c.router.invoke(channel, request), () => () => undefined);
    await renderInApp(<NewAssessmentPage />);
    // The newest built-in version is chosen without the officer doing anything.
    expect(await screen.findByRole('button', { name: / 2\.0\b/ })).toBeInTheDocument();
    const profile = await screen.findByRole('button', { name: /Cooperation profile/ });
    await userEvent.click(profile);
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['No profile: every criterion applies', 'Mutual recognition', 'Joint micro-credential', 'Stacking into a programme']);
    await userEvent.click(screen.getByRole('option', { name: 'Stacking into a programme' }));
    expect(screen.getByText(/A partner’s micro-credentials count towards one’s own programme\./)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Start assessment' }));
    await vi.waitFor(() => expect(c.assessments.list()).toHaveLength(1));
    const stored = await c.assessments.get(c.assessments.list()[0]!.id);
    expect(stored.framework.version).toBe('2.0');
    expect(stored.profileId).toBe('stacking');
  });
});
