/**
 * Errors reach the user in their language, with what to do: real errors raised by the main
 * process's code (a wrong passphrase on a sealed key, a damaged exchange file) go through the
 * one path every toast and inline error takes (useAction → errorText) and show their specific
 * text in Spanish, German and English, never the raw English message.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AppErrorData, Result } from '../../shared/errors';
import { isAppError } from '../../shared/errors';
import { createPassphraseProtector } from '../../electron/keys/passphrase-protector';
import { verifyExchangeFile } from '../../electron/exchange/read';
import { errorText, ErrorMessage } from '../../renderer/components/ErrorMessage';
import { ToastArea } from '../../renderer/components/Toasts';
import { useAction } from '../../renderer/lib/use-action';
import { createI18n } from '../../renderer/lib/i18n';
import { renderInApp } from './render';

const fastScrypt = { N: 2 ** 14, r: 8, p: 1 };

/** The error the key store gets when a passphrase does not open the sealed key. */
async function wrongPassphraseError(): Promise<AppErrorData> {
  const sealed = await createPassphraseProtector('the right passphrase here', { scrypt: fastScrypt }).protect(new Uint8Array([1, 2, 3]));
  try {
    await createPassphraseProtector('a wrong passphrase here', { scrypt: fastScrypt }).unprotect(sealed);
  } catch (error) {
    if (isAppError(error)) return error.toData();
    throw error;
  }
  throw new Error('the wrong passphrase opened the key');
}

/** The error an import gets for an exchange file cut off in transit. */
async function damagedFileError(): Promise<AppErrorData> {
  const result = await verifyExchangeFile(new TextEncoder().encode('{"format": "trustbridge-exchange", "payload": {'));
  if (result.ok) throw new Error('a damaged file was accepted');
  return result.error;
}

function Action({ run }: { run: () => Promise<Result<unknown>> }) {
  const act = useAction();
  return (
    <button type="button" onClick={() => void act(run)}>
      Run
    </button>
  );
}

describe('an error in words the user reads', () => {
  it('a wrong passphrase, shown by useAction as a toast, in Spanish says what to do', async () => {
    const error = await wrongPassphraseError();
    await renderInApp(
      <>
        <Action run={() => Promise.resolve({ ok: false, error })} />
        <ToastArea />
      </>,
      'es',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    const toast = await screen.findByText(/La frase de contraseña no desbloquea la clave de firma/);
    expect(toast.textContent).toMatch(/Bloq Mayús/);
    expect(document.body.textContent).not.toContain(error.message);
  });

  it('a damaged exchange file, shown inline, in Spanish and German names the place and the next step', async () => {
    const error = await damagedFileError();
    await renderInApp(<ErrorMessage error={error} />, 'es');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Este archivo está dañado o incompleto \(línea 1, columna \d+\).*pide el archivo de nuevo/);
    const de = await createI18n('de');
    expect(errorText(de.t.bind(de), error)).toMatch(/^Diese Datei ist beschädigt oder abgeschnitten \(Zeile 1, Spalte \d+\)/);
  });

  it('in English keeps the specific message written where the error was raised; other languages never show it in English', async () => {
    const error: AppErrorData = { code: 'INVALID_FILE', message: 'This workbook is not a TrustBridge questionnaire: it lacks the sheet “Questionnaire”.' };
    const en = await createI18n('en');
    expect(errorText(en.t.bind(en), error)).toBe(error.message);
    const es = await createI18n('es');
    const spanish = errorText(es.t.bind(es), error);
    expect(spanish).not.toBe(error.message);
    expect(spanish).toBe(es.t('errors.INVALID_FILE'));
  });
});
