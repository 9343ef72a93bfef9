/**
 * Where focus goes in first-run setup (renderer/features/first-run/FirstRunPage.tsx), over a real
 * core: to the next step's heading, and to the first field in error, in the same commit that shows
 * them (renderer/lib/use-focus-after-render.ts). Focus moved a frame later landed after a keyboard
 * user had reached the next field, and what they typed went into the field in error.
 */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createApi } from '../../shared/ipc/api';
import { defaultSettings } from '../../shared/settings';
import { FirstRunPage } from '../../renderer/features/first-run/FirstRunPage';
import { testCore, type TestCore } from '../support/core';
import { renderInApp } from './render';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

describe('first-run setup', () => {
  it('moves focus to the next step and to a field in error before the next key is handled', async () => {
    core = await testCore();
    const test = core;
    window.api = createApi(
      (channel, request) => test.router.invoke(channel, request),
      () => () => undefined,
    );
    await renderInApp(<FirstRunPage settings={{ ...defaultSettings }} onLanguageChange={() => undefined} onFinished={() => undefined} />);
    // Frames that never come, as on a machine too busy to draw one before the next key: nothing
    // may wait for one.
    const frames = vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
    onTestFinished(() => frames.mockRestore());
    const user = userEvent.setup({ delay: null });
    const name = await screen.findByRole('textbox', { name: /^Your name/ }, { timeout: 10_000 });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    // An empty name: the field in error has focus at once.
    expect(document.activeElement).toBe(name);
    await user.type(name, 'Jordi Puig');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    // The next step: its heading has focus at once, so the next Tab starts from the top of the step.
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'Your institution' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    // Nothing filled in: the first field in error has focus at once.
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: /^Legal name/ }));
    // And nothing moves it afterwards (no focus left waiting for a later frame).
    await act(() => new Promise((done) => setTimeout(done, 50)));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: /^Legal name/ }));
  }, 30_000);
});
