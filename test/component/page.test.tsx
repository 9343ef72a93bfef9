/**
 * The page frame of the renderer kit, in jsdom with the app's translations: one h1 whatever the
 * state, a loading line while the data comes, the error in the user's language with a retry that
 * loads again, and the content once the data is there. axe judges each state.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors';
import { Page } from '../../renderer/components/Page';
import { useResource } from '../../renderer/lib/use-resource';
import { renderInApp } from './render';

/** A loader whose answers the test gives one at a time, in order. */
function scriptedLoader<T>() {
  const waiting: Array<(result: Result<T>) => void> = [];
  let calls = 0;
  return {
    load: () => {
      calls += 1;
      return new Promise<Result<T>>((resolve) => waiting.push(resolve));
    },
    answer: (result: Result<T>) => waiting.shift()!(result),
    get calls() {
      return calls;
    },
  };
}

function ListPage({ load }: { load(): Promise<Result<string[]>> }) {
  const items = useResource(load, []);
  return (
    <main>
      <Page title="Partners" intro="Everyone you work with." resource={items}>
        {(names) => (
          <ul aria-label="Partner names">
            {names.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        )}
      </Page>
    </main>
  );
}

async function seriousFindings(): Promise<string[]> {
  // jsdom cannot compute colours: contrast is judged in the e2e tests on real Chromium.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

describe('Page', () => {
  it('keeps its one heading while loading, then shows the content', async () => {
    const loader = scriptedLoader<string[]>();
    await renderInApp(<ListPage load={loader.load} />);
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Partners');
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    expect(await seriousFindings()).toEqual([]);

    loader.answer({ ok: true, value: ['Tampere University', 'Universidad de Sevilla'] });
    const list = await screen.findByRole('list', { name: 'Partner names' });
    expect(list).toHaveTextContent('Tampere University');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getAllByRole('main')).toHaveLength(1);
    expect(await seriousFindings()).toEqual([]);
  });

  it('shows a failed load in the user language and loads again on Try again, by keyboard', async () => {
    const user = userEvent.setup();
    const loader = scriptedLoader<string[]>();
    await renderInApp(<ListPage load={loader.load} />, 'es');
    loader.answer({ ok: false, error: { code: 'INTERNAL', message: 'EACCES: permission denied, open partners.json' } });

    const alert = await screen.findByRole('alert');
    expect(alert).not.toHaveTextContent('EACCES');
    expect(alert).toHaveTextContent('Se ha producido un error interno en TrustBridge');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Partners');
    expect(await seriousFindings()).toEqual([]);

    const retry = screen.getByRole('button', { name: 'Reintentar' });
    await user.tab();
    expect(document.activeElement).toBe(retry);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(loader.calls).toBe(2));
    loader.answer({ ok: true, value: ['Tampere University'] });
    expect(await screen.findByRole('list', { name: 'Partner names' })).toHaveTextContent('Tampere University');
  });

  it('without a resource, shows the heading, an error of the page and the content', async () => {
    await renderInApp(
      <main>
        <Page title="Settings" error={{ code: 'DISK_FULL', message: 'disk full' }}>
          <p>Theme</p>
        </Page>
      </main>,
      'de',
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Settings');
    expect(screen.getByRole('alert')).not.toHaveTextContent('disk full');
    expect(screen.getByRole('alert')).toHaveTextContent('Der Datenträger ist voll');
    expect(screen.getByText('Theme')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
