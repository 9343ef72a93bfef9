/**
 * Screens that run an action through useAction tell the user when it failed, in their language,
 * and go on as if nothing happened: a decision on a partnership someone removed meanwhile, a
 * damaged framework file, a call that threw before it could answer. Each runs against a real core
 * over a temp data folder (window.api built from the contract over the real router, as the
 * preload builds it), and what the store holds afterwards is read back.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../shared/ipc/api';
import { createI18n } from '../../renderer/lib/i18n';
import { ToastArea } from '../../renderer/components/Toasts';
import { DecisionForm } from '../../renderer/features/partnerships/DecisionForm';
import { FrameworkVersions } from '../../renderer/features/guide/FrameworkVersions';
import { useAction } from '../../renderer/lib/use-action';
import { setUpCore, type TestCore } from '../support/core';
import { renderInApp } from './render';

let core: TestCore;
let partnerId: string;

beforeEach(async () => {
  const set = await setUpCore();
  core = set.core;
  partnerId = set.partner.id;
  window.api = createApi(
    (channel, request) => core.router.invoke(channel, request),
    () => () => undefined,
  );
});

afterEach(async () => {
  await core.dispose();
});

/** A new partnership's decision form, with the toasts, in `language`; `saved` counts onSaved calls. */
async function decisionForm(language: 'en' | 'es') {
  const partnership = await core.partnerships.create({ partnerId, title: 'Ejemplo–Tampere' });
  const counts = { saved: 0 };
  await renderInApp(
    <>
      <DecisionForm partnership={partnership} suggested={undefined} onSaved={() => (counts.saved += 1)} />
      <ToastArea />
    </>,
    language,
  );
  return { partnership, counts };
}

describe('an action that fails, run through useAction', () => {
  it('a decision on a partnership removed meanwhile says so in Spanish, and nothing is recorded', async () => {
    const user = userEvent.setup();
    const es = await createI18n('es');
    const { partnership, counts } = await decisionForm('es');
    // Another window removes the partnership while the officer writes the rationale.
    await core.partnerships.remove(partnership.id);
    await user.type(screen.getByRole('textbox', { name: new RegExp(es.t('partnership.rationale')) }), 'Cumple los criterios críticos.');
    await user.click(screen.getByRole('button', { name: es.t('partnership.recordDecision') }));
    await screen.findByText(es.t('errors.NOT_FOUND'));
    // One toast, not one from the hook and another from the screen.
    expect(screen.getAllByText(es.t('errors.NOT_FOUND'))).toHaveLength(1);
    expect(screen.queryByText(es.t('partnership.decisionSaved'))).toBeNull();
    expect(counts.saved).toBe(0);
    expect(core.partnerships.list().some((summary) => summary.id === partnership.id)).toBe(false);
  });

  it('a decision that is stored shows the success toast once and no error', async () => {
    const user = userEvent.setup();
    const en = await createI18n('en');
    const { partnership, counts } = await decisionForm('en');
    await user.type(screen.getByRole('textbox', { name: new RegExp(en.t('partnership.rationale')) }), 'Meets every critical criterion.');
    await user.click(screen.getByRole('button', { name: en.t('partnership.recordDecision') }));
    await screen.findByText(en.t('partnership.decisionSaved'));
    expect(screen.getAllByText(en.t('partnership.decisionSaved'))).toHaveLength(1);
    expect(counts.saved).toBe(1);
    expect((await core.partnerships.get(partnership.id)).decision?.rationale).toBe('Meets every critical criterion.');
  });

  it('a damaged framework file says where it is cut off, in Spanish too, and no framework is added', async () => {
    const user = userEvent.setup();
    const es = await createI18n('es');
    const path = join(core.dataDir, 'framework-cut-off.json');
    await writeFile(path, '{"id": "my-guide", "version": "1.0", "dimensions": [');
    core.dialogs.answerOpen([path]);
    const before = core.frameworks.list().map((item) => item.key);
    let changed = 0;
    await renderInApp(
      <>
        <FrameworkVersions items={[]} language="es" onChanged={() => (changed += 1)} />
        <ToastArea />
      </>,
      'es',
    );
    await user.click(screen.getByRole('button', { name: es.t('guide.import') }));
    // The parser's problem, line and column travel with the error: the text is the user's language, not English.
    await screen.findByText(/^Este archivo está dañado o incompleto \(línea 1, columna \d+\)/);
    expect(screen.queryByText(es.t('common.cancelled'))).toBeNull();
    expect(changed).toBe(0);
    expect(core.frameworks.list().map((item) => item.key)).toEqual(before);
  });

  it('a call that throws instead of answering shows the internal-error text, not the thrown message', async () => {
    const es = await createI18n('es');
    function Throwing() {
      const run = useAction();
      return (
        <button type="button" onClick={() => void run(() => Promise.reject(new Error('IPC bridge went away')))}>
          Run
        </button>
      );
    }
    await renderInApp(
      <>
        <Throwing />
        <ToastArea />
      </>,
      'es',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(es.t('errors.INTERNAL'));
    await waitFor(() => expect(document.body.textContent).not.toContain('IPC bridge went away'));
  });
});
