/**
 * A newcomer's first screens over a real core (window.api over the real router): Home shows the
 * path from profile to agreement with the next step as its main button, and says "Welcome back"
 * only to someone who has been here before; empty lists and the New partnership dialog offer the
 * action that moves the officer on instead of a dead end.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../shared/ipc/api';
import { defaultSettings } from '../../shared/settings';
import { AppContext, type AppContextValue } from '../../renderer/app/app-context';
import { HomePage } from '../../renderer/features/home/HomePage';
import { NewPartnershipDialog } from '../../renderer/features/partnerships/NewPartnershipDialog';
import { PartnershipsList } from '../../renderer/features/partnerships/PartnershipsList';
import { AssessmentsPage } from '../../renderer/features/assessments/AssessmentsPage';
import { completedSelfAssessment } from '../support/assessment-factories';
import { testCore, type TestCore } from '../support/core';
import { sampleProfile } from '../support/factories';
import { renderInApp } from './render';

let core: TestCore;

beforeEach(async () => {
  core = await testCore();
  await core.institutions.saveOwn(sampleProfile({ legalName: 'Universidad de Ejemplo', country: 'ES', city: 'Valencia' }));
  await core.store.updateSettings({ userName: 'Jordi Puig', userRole: 'Quality officer', setupCompleted: true });
  window.api = createApi(
    (channel, request) => core.router.invoke(channel, request),
    () => () => undefined,
  );
});

afterEach(async () => {
  await core.dispose();
});

const context = (returning: boolean): AppContextValue => ({
  info: { name: 'TrustBridge', version: 'test', dataDir: core.dataDir, platform: process.platform, systemLocale: 'en-GB' },
  settings: { ...defaultSettings, userName: 'Jordi Puig', userRole: 'Quality officer', setupCompleted: true },
  returning,
  updateSettings: async () => true,
});

async function renderHome(returning: boolean, language: 'en' | 'es' | 'de' = 'en') {
  return renderInApp(
    <AppContext.Provider value={context(returning)}>
      <HomePage />
    </AppContext.Provider>,
    language,
  );
}

/** Each step of the checklist as "title: state", in order. */
function checklist(): string[] {
  const list = within(screen.getByRole('region', { name: 'Your path to a partnership agreement' })).getByRole('list');
  return within(list)
    .getAllByRole('listitem')
    .map((item) => `${within(item).getByRole('heading').textContent}: ${item.querySelector('.path__state')?.textContent}`);
}

describe('Home for a newcomer', () => {
  it('after the first run, greets without "back", shows the whole path and makes the self-assessment the main button', async () => {
    await renderHome(false);
    await screen.findByRole('heading', { level: 1, name: 'Welcome, Jordi Puig' });
    await screen.findByRole('region', { name: 'Your path to a partnership agreement' });
    expect(checklist()).toEqual([
      'Describe your institution: Done',
      'Assess your own institution: Next',
      'Add a partner institution: Later',
      'Audit the partner: Later',
      'Decide on the partnership: Later',
      'Agree in writing: Later',
    ]);
    expect(screen.getByText('1 of 6 steps done')).toBeInTheDocument();
    // The main button of the page header is the next step.
    const header = screen.getByRole('banner');
    const main = within(header).getByRole('link', { name: 'Start your self-assessment' });
    expect(main).toHaveAttribute('href', '/assessments/new?kind=self');
    expect(main).toHaveClass('button--primary');
    // The step marked next is the current one for assistive technology too.
    const current = screen.getByRole('region', { name: 'Your path to a partnership agreement' }).querySelector('[aria-current="step"]');
    expect(within(current as HTMLElement).getByRole('heading').textContent).toBe('Assess your own institution');
  });

  it('says "Welcome back" to an officer who finished setting up on an earlier launch', async () => {
    await renderHome(true);
    await screen.findByRole('heading', { level: 1, name: 'Welcome back, Jordi Puig' });
  });

  it('moves on to the partner once the self-assessment is completed, and a draft audit is continued', async () => {
    await completedSelfAssessment(core);
    const partner = await core.institutions.createPartner(sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere' }));
    const guide = core.frameworks.list().find((item) => item.origin === 'built-in')!;
    const audit = await core.assessments.create({ kind: 'audit', subjectId: partner.id, frameworkKey: guide.key, language: 'en', title: 'Audit of Tampere' });
    await renderHome(true);
    const main = await within(screen.getByRole('banner')).findByRole('link', { name: 'Continue your audit' });
    expect(main).toHaveAttribute('href', `/assessments/${audit.id}`);
    expect(checklist().slice(0, 4)).toEqual(['Describe your institution: Done', 'Assess your own institution: Done', 'Add a partner institution: Done', 'Audit the partner: Next']);
  });

  it('shows the path in Spanish, with no English left in it', async () => {
    await renderHome(false, 'es');
    const region = await screen.findByRole('region', { name: 'Tu camino hacia un acuerdo de alianza' });
    expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Empieza tu autoevaluación' })).toBeInTheDocument();
    expect(region.textContent).not.toMatch(/\b(Done|Next|Later|partner|assessment|steps)\b/);
  });
});

describe('empty states that lead somewhere', () => {
  it('New partnership without any partner offers to add the partner institution', async () => {
    await renderInApp(<NewPartnershipDialog onClose={() => undefined} />);
    const dialog = await screen.findByRole('dialog', { name: 'New partnership' });
    await within(dialog).findByText(/there is none yet/);
    expect(within(dialog).getByRole('link', { name: 'Add a partner institution' })).toHaveAttribute('href', '/partners/new');
  });

  it('the empty partnership list offers to add a partner first, then to create the first partnership', async () => {
    const { unmount } = await renderInApp(<PartnershipsList />);
    expect(await screen.findByRole('link', { name: 'Add a partner institution' })).toHaveAttribute('href', '/partners/new');
    unmount();
    await core.institutions.createPartner(sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere' }));
    await renderInApp(<PartnershipsList />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Create the first partnership' }));
    const dialog = await screen.findByRole('dialog', { name: 'New partnership' });
    await waitFor(() => expect(within(dialog).getByDisplayValue('Micro-credential partnership with Tampere Test University')).toBeInTheDocument());
  });

  it('the empty assessment list starts the self-assessment', async () => {
    await renderInApp(<AssessmentsPage />);
    expect(await screen.findByRole('link', { name: 'Start your self-assessment' })).toHaveAttribute('href', '/assessments/new?kind=self');
  });
});
