/**
 * The colleague's contribution requests and the framework editor in the Page frame, over a real
 * core (window.api built from the contract over the real router): the page's heading is there
 * from the start, a loading line while the data comes, then the content; what cannot be loaded
 * is said in the user's language with Try again, which asks the core again.
 */
import { randomUUID } from 'node:crypto';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../shared/ipc/api';
import { AppContext, type AppContextValue } from '../../renderer/app/app-context';
import { AssessmentPage } from '../../renderer/features/assessments/AssessmentPage';
import { defaultSettings } from '../../shared/settings';
import { ContributionRequestsPage } from '../../renderer/features/assessments/team/ContributionRequestsPage';
import { FrameworkEditorPage } from '../../renderer/features/guide/FrameworkEditorPage';
import { setUpCore, type TestCore } from '../support/core';
import { renderInApp } from './render';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

/** Points window.api at the core, counting the calls made on each channel. */
function useCore(test: TestCore): Map<string, number> {
  const calls = new Map<string, number>();
  window.api = createApi(
    (channel, request) => {
      calls.set(channel, (calls.get(channel) ?? 0) + 1);
      return test.router.invoke(channel, request);
    },
    () => () => undefined,
  );
  return calls;
}

/** Renders a page at a path of the app's router. */
function at(path: string, pattern: string, page: ReactElement) {
  return (
    <Routes location={path}>
      <Route path={pattern} element={page} />
    </Routes>
  );
}

describe('the contribution requests in the Page frame', () => {
  it('shows the list loading, then says there is none yet', async () => {
    ({ core } = await setUpCore());
    useCore(core);
    await renderInApp(at('/team/requests', '/team/requests', <ContributionRequestsPage />));
    expect(screen.getByRole('heading', { level: 1, name: 'Contribution requests' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    await screen.findByText(/^No request yet\./, {}, { timeout: 10_000 });
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  }, 30_000);

  it('says in words that a request is not there, with Try again that asks again', async () => {
    const user = userEvent.setup();
    ({ core } = await setUpCore());
    const calls = useCore(core);
    const missing = randomUUID();
    await renderInApp(at(`/team/requests/${missing}`, '/team/requests/:requestId', <ContributionRequestsPage />));
    const heading = screen.getByRole('heading', { level: 1, name: 'Contribution requests' });
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    // English shows the store's own specific words (errorText); other languages the code's text.
    expect(within(alert).getByText(`No contribution-request with id ${missing} is stored`)).toBeTruthy();
    expect(calls.get('team.request')).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(calls.get('team.request')).toBe(2));
    expect(await screen.findByRole('alert')).toBeTruthy();
    // The heading is the same element throughout: the layout's focus stays on it.
    expect(screen.getByRole('heading', { level: 1 })).toBe(heading);
  }, 30_000);
});

describe('the framework editor in the Page frame', () => {
  it('loads a draft under the same heading it showed while loading', async () => {
    const setUp = await setUpCore();
    core = setUp.core;
    useCore(core);
    const draft = await core.frameworks.clone({ key: setUp.guide.key, language: 'en', id: 'own-guide', title: 'Our own guide', version: '0.1' });
    await renderInApp(at(`/guide/edit/${draft.key}`, '/guide/edit/:key', <FrameworkEditorPage />));
    const heading = screen.getByRole('heading', { level: 1 });
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    await screen.findByRole('button', { name: 'Publish' }, { timeout: 10_000 });
    expect(screen.getByRole('heading', { level: 1 })).toBe(heading);
    expect(heading.textContent).toBe('Our own guide');
    expect(draft.status).toBe('draft');
    expect(screen.queryByText('Loading…')).toBeNull();
  }, 30_000);

  it('saves a criterion title as typed, and draws the outline again only once typing pauses', async () => {
    const setUp = await setUpCore();
    core = setUp.core;
    useCore(core);
    const draft = await core.frameworks.clone({ key: setUp.guide.key, language: 'en', id: 'own-guide', title: 'Our own guide', version: '0.1' });
    await renderInApp(at(`/guide/edit/${draft.key}`, '/guide/edit/:key', <FrameworkEditorPage />));
    const field = await screen.findByRole('textbox', { name: /^Title of the criterion/ }, { timeout: 10_000 });
    const before = (field as HTMLInputElement).value;
    const outline = screen.getByRole('listbox', { name: 'Criteria' });
    const entry = () => within(outline).getByRole('option', { selected: true }).textContent;
    expect(entry()).toContain(before);
    const user = userEvent.setup();
    await user.type(field, ' (joint board)');
    // Every key went into the field; the outline of every criterion was not drawn for any of them.
    expect((field as HTMLInputElement).value).toBe(`${before} (joint board)`);
    expect(entry()).not.toContain('(joint board)');
    // Once typing pauses, the editor has the title, and the draft is stored with it.
    await waitFor(() => expect(entry()).toContain(`${before} (joint board)`));
    await screen.findByText('All changes saved', {}, { timeout: 5_000 });
    const stored = await core.frameworks.get(draft.key);
    expect(stored.dimensions.flatMap((dimension) => dimension.criteria).map((criterion) => criterion.title)).toContain(`${before} (joint board)`);
  }, 30_000);

  it('says in words that a framework is not there, with Try again', async () => {
    const user = userEvent.setup();
    ({ core } = await setUpCore());
    const calls = useCore(core);
    await renderInApp(at('/guide/edit/no-such-framework', '/guide/edit/:key', <FrameworkEditorPage />));
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).not.toBe('');
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(calls.get('frameworks.get')).toBe(2));
  }, 30_000);
});

describe('an assessment opened from another one', () => {
  it('says it is loading until the new one arrives, never showing the last one under the new address', async () => {
    ({ core } = await setUpCore());
    const opened = core;
    const guide = opened.frameworks.list().find((item) => item.origin === 'built-in')!;
    const create = (title: string) => opened.assessments.create({ kind: 'self', subjectId: opened.institutions.ownId()!, frameworkKey: guide.key, language: 'en', title });
    const first = await create('First self-assessment');
    const second = await create('Second self-assessment');
    // The second one's view waits until the test lets it through, as a slow disk would.
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    window.api = createApi(
      async (channel, request) => {
        if (channel === 'assessments.view' && (request as { id: string }).id === second.id) await held;
        return opened.router.invoke(channel, request);
      },
      () => () => undefined,
    );
    const context: AppContextValue = {
      info: { name: 'TrustBridge', version: 'test', dataDir: opened.dataDir, platform: process.platform, systemLocale: 'en-GB' },
      settings: { ...defaultSettings, userName: 'Jordi Puig', userRole: 'Quality officer', setupCompleted: true },
      returning: true,
      updateSettings: async () => true,
    };
    const screenAt = (id: string) => <AppContext.Provider value={context}>{at(`/assessments/${id}`, '/assessments/:id', <AssessmentPage />)}</AppContext.Provider>;
    const { rerender } = await renderInApp(screenAt(first.id));
    await screen.findByRole('heading', { level: 1, name: 'First self-assessment' }, { timeout: 10_000 });

    rerender(screenAt(second.id));
    await waitFor(() => expect(screen.queryByRole('heading', { level: 1, name: 'First self-assessment' })).toBeNull());
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(screen.queryByRole('textbox', { name: /Justification/ })).toBeNull();

    release();
    await screen.findByRole('heading', { level: 1, name: 'Second self-assessment' }, { timeout: 10_000 });
  }, 30_000);
});
