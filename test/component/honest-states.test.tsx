/**
 * A screen that has not loaded its data, or could not read it, says so: a loading line, then the
 * error with Try again — never "Nothing needs your attention", "No partnerships yet" or "No
 * assessments yet" for data it does not have. Real core over a temp folder with one partnership;
 * only the channel under test is held back (never answered) or refused, as a slow or failing disk
 * would.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors';
import { createApi } from '../../shared/ipc/api';
import { defaultSettings } from '../../shared/settings';
import { AppContext, type AppContextValue } from '../../renderer/app/app-context';
import { HomePage } from '../../renderer/features/home/HomePage';
import { AssessmentsPage } from '../../renderer/features/assessments/AssessmentsPage';
import { PartnershipsList } from '../../renderer/features/partnerships/PartnershipsList';
import { InboxPage } from '../../renderer/features/exchange/InboxPage';
import { HistoryPanel } from '../../renderer/features/assessments/HistoryPanel';
import type { Assessment } from '../../shared/assessment/schema';
import { completedSelfAssessment } from '../support/assessment-factories';
import { setUpCore, type TestCore } from '../support/core';
import { renderInApp } from './render';

let core: TestCore;
let assessment: Assessment;
/** What the channel under test does: answer as the core does, never answer, or fail. */
let mode: { channel: string; kind: 'hold' | 'fail' } | undefined;
const refusal: Result<never> = { ok: false, error: { code: 'UNREADABLE', message: 'TrustBridge cannot read catalogue.json.', params: { path: 'catalogue.json' } } };

beforeEach(async () => {
  const setUp = await setUpCore();
  core = setUp.core;
  assessment = await completedSelfAssessment(core, { title: 'Self-assessment 2026' });
  await core.partnerships.create({ partnerId: setUp.partner.id, title: 'Joint micro-credentials' });
  mode = undefined;
  window.api = createApi(
    (channel, request) => {
      if (mode?.channel === channel) return mode.kind === 'hold' ? new Promise(() => undefined) : Promise.resolve(refusal);
      return core.router.invoke(channel, request);
    },
    () => () => undefined,
  );
});

afterEach(async () => {
  await core.dispose();
});

const context: () => AppContextValue = () => ({
  info: { name: 'TrustBridge', version: 'test', dataDir: core.dataDir, platform: process.platform, systemLocale: 'en-GB' },
  settings: { ...defaultSettings, userName: 'Jordi Puig', userRole: 'Quality officer', setupCompleted: true },
  returning: true,
  updateSettings: async () => true,
});

const inApp = (ui: ReactElement) => renderInApp(<AppContext.Provider value={context()}>{ui}</AppContext.Provider>);

/** Texts that would claim there is nothing, each wrong for this store. */
const falseEmpties = [/Nothing needs your attention/i, /No partnerships yet/i, /No assessments yet/i, /No shared folder chosen/i, /No changes yet/i];

function expectNoFalseEmpty() {
  for (const text of falseEmpties) expect(screen.queryByText(text)).toBeNull();
}

describe.each([
  ['Home', 'home.overview', () => <HomePage />, /Joint micro-credentials/],
  ['the assessment list', 'assessments.list', () => <AssessmentsPage />, /Self-assessment 2026/],
  ['the partnership list', 'partnerships.list', () => <PartnershipsList />, /Joint micro-credentials/],
  ['the inbox', 'inbox.view', () => <InboxPage />, /No shared folder chosen/],
  ['the change history', 'assessments.history', () => <HistoryPanel assessment={assessment} framework={core.assessments.frameworkOf(assessment, 'en')} />, /^Status$/],
] as const)('%s', (_name, channel, ui, loaded) => {
  it('shows a loading line, and no empty state, while its data has not come', async () => {
    mode = { channel, kind: 'hold' };
    await inApp(ui());
    await waitFor(() => expect(screen.getByText('Loading…')).toBeInTheDocument());
    expectNoFalseEmpty();
  });

  it('shows the error with Try again instead of an empty state, and the data once it can be read', async () => {
    mode = { channel, kind: 'fail' };
    await inApp(ui());
    await waitFor(() => expect(screen.getByText(/cannot read catalogue\.json/)).toBeInTheDocument());
    expectNoFalseEmpty();
    mode = undefined;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getAllByText(loaded).length).toBeGreaterThan(0));
    expect(screen.queryByText(/cannot read catalogue\.json/)).toBeNull();
  });
});
