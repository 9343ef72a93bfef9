/**
 * The modal form dialog of the renderer kit, in jsdom with the app's translations: focus moves
 * into it, Escape and Cancel close it, submit runs once while busy, and an error from the main
 * process is shown in the user's language. axe judges the open dialog.
 */
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { AppErrorData } from '../../shared/errors';
import { FormDialog } from '../../renderer/components/FormDialog';
import { TextInput } from '../../renderer/components/TextInput';
import { renderInApp } from './render';

function Opener({ onSubmit, error }: { onSubmit(name: string): Promise<unknown>; error?: AppErrorData }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      {open && (
        <FormDialog title="Rename" intro="Give it a new name." submitLabel="Rename" busyLabel="Renaming…" error={error} isSubmitDisabled={!name} onSubmit={() => onSubmit(name)} onClose={() => setOpen(false)}>
          <TextInput label="Name" value={name} onChange={setName} isRequired name="name" />
        </FormDialog>
      )}
    </>
  );
}

async function seriousFindings(): Promise<string[]> {
  // jsdom cannot compute colours: contrast is judged in the e2e tests on real Chromium.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

describe('FormDialog', () => {
  it('takes focus, is named by its title, submits by Enter once while busy, and gives focus back when closed', async () => {
    const user = userEvent.setup();
    let finish: (() => void) | undefined;
    const onSubmit = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    await renderInApp(<Opener onSubmit={onSubmit} />);
    const opener = screen.getByRole('button', { name: 'Open' });
    await user.click(opener);

    const dialog = await screen.findByRole('dialog', { name: 'Rename' });
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    expect(screen.getByText('Give it a new name.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Rename' })).toBeDisabled();
    expect(await seriousFindings()).toEqual([]);

    await user.click(screen.getByRole('textbox', { name: /Name/ }));
    await user.keyboard('New name{Enter}');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    const busy = await screen.findByRole('button', { name: 'Renaming…' });
    expect(busy).toBeDisabled();
    await user.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenCalledTimes(1);

    await act(async () => finish?.());
    await screen.findByRole('button', { name: 'Rename' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  it('closes with Cancel without submitting', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(() => Promise.resolve());
    await renderInApp(<Opener onSubmit={onSubmit} />);
    await user.click(screen.getByRole('button', { name: 'Open' }));
    await screen.findByRole('dialog', { name: 'Rename' });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('shows an error from the main process as an alert in the user language', async () => {
    const user = userEvent.setup();
    const error: AppErrorData = { code: 'LOCKED', message: 'The signing key is locked', params: { reason: 'wrong-passphrase' } };
    await renderInApp(<Opener onSubmit={() => Promise.resolve()} error={error} />, 'de');
    await user.click(screen.getByRole('button', { name: 'Open' }));
    const alert = await screen.findByRole('alert');
    expect(alert).not.toHaveTextContent('The signing key is locked');
    expect(alert).toHaveTextContent('Die Passphrase entsperrt den Signaturschlüssel nicht');
    expect(screen.getByRole('button', { name: 'Abbrechen' })).toBeInTheDocument();
  });
});
