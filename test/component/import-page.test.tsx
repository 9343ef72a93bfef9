/**
 * The Import page over a real core (window.api built from the contract over the real router, as
 * the preload builds it), with real signed files from a second core: a partner's file is accepted
 * and its key becomes known; a later file in the partner's name, signed with another key, is
 * refused as a changed key until the officer, having checked the new key with the partner,
 * accepts it in the confirmation dialog.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TextEncoder as NodeTextEncoder } from 'node:util';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../shared/exchange/fingerprint';
import { createApi } from '../../shared/ipc/api';
import { ImportPage } from '../../renderer/features/exchange/ImportPage';
import { ToastArea } from '../../renderer/components/Toasts';
import { completedSelfAssessment } from '../support/assessment-factories';
import { setUpParty, testCore, type TestCore } from '../support/core';
import { forgeSignature, serialiseExchange } from '../support/exchange-factories';
import { sampleProfile } from '../support/factories';
import { tempFolder } from '../support/temp';
import { renderInApp } from './render';

// The partner's files are signed here, in the test, as the main process signs them. Under jsdom
// the TextEncoder's Uint8Arrays are not of the realm jose checks against; the main process has one
// realm only.
globalThis.TextEncoder = class extends NodeTextEncoder {
  override encode(input?: string): Uint8Array<ArrayBuffer> {
    return new Uint8Array(super.encode(input));
  }
} as typeof TextEncoder;

const valencia = () => sampleProfile({ legalName: 'Universidad de Ejemplo', country: 'ES', city: 'Valencia', erasmusCode: 'E  VALENCI99' });
const tampere = () => sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99' });

let a: TestCore;
let b: TestCore;
let files: Awaited<ReturnType<typeof tempFolder>>;
let pending = 0;

beforeEach(async () => {
  pending = 0;
  a = await testCore();
  b = await testCore();
  files = await tempFolder('trustbridge-import-page-');
  await setUpParty(a, valencia(), tampere(), 'Jordi Puig');
  await setUpParty(b, tampere(), valencia(), 'Liisa Virtanen');
  // Requests under way are counted, so a test can wait until the page has nothing pending.
  window.api = createApi(
    async (channel, request) => {
      pending += 1;
      try {
        return await a.router.invoke(channel, request);
      } finally {
        pending -= 1;
      }
    },
    () => () => undefined,
  );
});

afterEach(async () => {
  await a.dispose();
  await b.dispose();
  await files.remove();
});

async function write(bytes: Uint8Array, name: string): Promise<string> {
  const path = join(files.path, name);
  await writeFile(path, bytes);
  return path;
}

describe('a partner’s changed key on the Import page', () => {
  it('is refused until the officer accepts the new key in the dialog; then the file is stored', async () => {
    const user = userEvent.setup();
    const first = await completedSelfAssessment(b, { title: 'Self-assessment 2026' });
    const firstPath = await write(await b.exchange.exportItems({ assessmentIds: [first.id] }), 'tampere-2026.trustbridge');
    // B's next file, signed in B's name with a key A has never seen and no rotation statement.
    const second = await completedSelfAssessment(b, { title: 'Self-assessment 2027' });
    const genuine = JSON.parse(Buffer.from(await b.exchange.exportItems({ assessmentIds: [second.id] })).toString('utf8')) as { payload: unknown; signatures: Array<{ protected: string }> };
    const header = JSON.parse(Buffer.from(genuine.signatures[0]!.protected, 'base64url').toString('utf8')) as { 'tb.iss': string; 'tb.signer': Parameters<typeof forgeSignature>[1]['signer'] };
    const forged = await forgeSignature(genuine.payload, { exchangeId: header['tb.iss'], signer: header['tb.signer'] });
    const secondPath = await write(serialiseExchange(genuine.payload, [forged.signature]), 'tampere-new-key.trustbridge');
    a.dialogs.answerOpen([firstPath]).answerOpen([secondPath]).answerOpen([secondPath]);

    await renderInApp(
      <>
        <ImportPage />
        <ToastArea />
      </>,
    );
    const card = (name: string) => screen.getByRole('region', { name });

    // The first file: the partner's key is seen for the first time, and accepted with the file.
    await user.click(screen.getByRole('button', { name: 'Open files…' }));
    await user.click(await within(await screen.findByRole('region', { name: 'tampere-2026.trustbridge' }, { timeout: 10_000 })).findByRole('button', { name: /^Accept/ }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'tampere-2026.trustbridge' })).toBeNull(), { timeout: 10_000 });
    const keysBefore = a.identity.partnerIssuers().find((issuer) => issuer.exchangeId === header['tb.iss'])!.keys;
    expect(keysBefore).toHaveLength(1);

    // The second file is refused as a changed key, with nothing to accept.
    await user.click(screen.getByRole('button', { name: 'Open files…' }));
    const refused = await screen.findByRole('region', { name: 'tampere-new-key.trustbridge' }, { timeout: 10_000 });
    expect(within(refused).queryByRole('button', { name: /^Accept/ })).toBeNull();
    const checked = within(refused).getByRole('button', { name: 'I checked the new key with the partner…' });

    // Cancelling the dialog changes nothing.
    await user.click(checked);
    let dialog = await screen.findByRole('alertdialog', { name: 'Accept the new key for tampere-new-key.trustbridge?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog', { name: 'Accept the new key for tampere-new-key.trustbridge?' })).toBeNull());
    await waitFor(() => expect(pending).toBe(0));
    expect(a.identity.partnerIssuers().find((issuer) => issuer.exchangeId === header['tb.iss'])!.keys).toEqual(keysBefore);
    expect(within(card('tampere-new-key.trustbridge')).queryByRole('button', { name: /^Accept/ })).toBeNull();

    // Accepting the new key (by keyboard) re-checks the file, which can now be accepted.
    await user.click(within(card('tampere-new-key.trustbridge')).getByRole('button', { name: 'I checked the new key with the partner…' }));
    dialog = await screen.findByRole('alertdialog', { name: 'Accept the new key for tampere-new-key.trustbridge?' });
    within(dialog).getByRole('button', { name: 'Accept the new key' }).focus();
    await user.keyboard('{Enter}');
    // Accepting the key verifies the file again (signatures, keys, plan) and shows it as a new card:
    // give it time under load, and look for the card afresh each time.
    const accept = await waitFor(() => within(card('tampere-new-key.trustbridge')).getByRole('button', { name: /^Accept/ }), { timeout: 10_000 });
    const keys = a.identity.partnerIssuers().find((issuer) => issuer.exchangeId === header['tb.iss'])!.keys;
    expect(keys.map((key) => [key.fingerprint, key.status])).toEqual([
      [keysBefore[0]!.fingerprint, 'retired'],
      [keyFingerprint(forged.jwk), 'confirmed'],
    ]);
    await user.click(accept);
    await waitFor(() => expect(screen.queryByRole('region', { name: 'tampere-new-key.trustbridge' })).toBeNull(), { timeout: 10_000 });
    expect(a.assessments.list().map((summary) => summary.title)).toEqual(expect.arrayContaining(['Self-assessment 2026', 'Self-assessment 2027']));
  });
});
