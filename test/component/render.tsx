import { render, waitFor, within, type RenderResult } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { I18nProvider } from 'react-aria-components';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import type { Language } from '../../shared/framework/schema';
import { createI18n } from '../../renderer/lib/i18n';

/**
 * Renders a component with translations (and a router) as the app provides them. The providers are
 * a wrapper, so `rerender` keeps them.
 */
export async function renderInApp(ui: ReactElement, language: Language = 'en'): Promise<RenderResult> {
  const i18n = await createI18n(language);
  const Providers = ({ children }: { children: ReactNode }) => (
    <I18nextProvider i18n={i18n}>
      <I18nProvider locale={language}>
        <MemoryRouter>{children}</MemoryRouter>
      </I18nProvider>
    </I18nextProvider>
  );
  return render(ui, { wrapper: Providers }) as RenderResult;
}

/**
 * The grid named `name` in `scope` (the whole document by default), once it has drawn its rows.
 * React Aria's Table builds its collection a render after the table element itself, so a grid
 * just found may still be empty: a row looked up at once is then missing on a busy machine.
 */
export async function findGrid(name: string | RegExp, scope: HTMLElement = document.body, timeout = 10_000): Promise<HTMLElement> {
  const grid = await within(scope).findByRole('grid', { name }, { timeout });
  await waitFor(() => {
    if (within(grid).queryAllByRole('row').length < 2) throw new Error(`The grid “${String(name)}” has not drawn its rows yet.`);
  }, { timeout });
  return grid;
}
