/**
 * The consortium key roster on the consortium screen and the inbox, and a sync service's second
 * version of a document in the notices: over a real core (window.api built from the contract over
 * the real router), real signed roster files and real files in the data folder. The officer
 * confirms the coordinator's fingerprint, sees what a new roster changes before accepting it, sees
 * a forged roster refused and a file from a key not on the roster flagged; a conflict copy is
 * compared in words and taken in its document's place, the stored version kept in quarantine.
 */
import type { KeyObject } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TextEncoder as NodeTextEncoder } from 'node:util';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/app/core';
import { signRoster } from '../../electron/consortium/roster';
import { generateSigningKey, publicJwkOf, signDetached } from '../../electron/keys/ed25519';
import type { Roster } from '../../shared/consortium/roster';
import { fingerprintForDisplay, keyFingerprint } from '../../shared/exchange/fingerprint';
import { createApi } from '../../shared/ipc/api';
import { RosterPanel } from '../../renderer/features/consortium/RosterPanel';
import { InboxPage } from '../../renderer/features/exchange/InboxPage';
import { NoticesBanner } from '../../renderer/features/notices/NoticesBanner';
import { ToastArea } from '../../renderer/components/Toasts';
import { completedSelfAssessment } from '../support/assessment-factories';
import { setUpParty, testCore, type TestCore } from '../support/core';
import { damageableStore, documentPath, type DamageableStore } from '../support/damaged-store';
import { sampleProfile } from '../support/factories';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';
import { findGrid, renderInApp } from './render';

// Signing under jsdom needs Uint8Arrays of the main realm (see import-page.test.tsx).
globalThis.TextEncoder = class extends NodeTextEncoder {
  override encode(input?: string): Uint8Array<ArrayBuffer> {
    return new Uint8Array(super.encode(input));
  }
} as typeof TextEncoder;

let files: Awaited<ReturnType<typeof tempFolder>>;
const useCore = (core: Core) => {
  window.api = createApi((channel, request) => core.router.invoke(channel, request), () => () => undefined);
};

beforeEach(async () => {
  files = await tempFolder('trustbridge-roster-ui-');
});
afterEach(async () => {
  await files.remove();
});

const coordinatorId = 'tb-coordinator-0001';
const fingerprintOf = (key: KeyObject) => keyFingerprint(publicJwkOf(key));

function roster(sequence: number, coordinatorKey: KeyObject, members: Array<{ exchangeId: string; legalName: string; keys: KeyObject[] }>): Roster {
  return {
    format: 'trustbridge-consortium-roster',
    formatVersion: 1,
    consortiumId: 'eu-alliance-unite',
    consortiumName: 'UNITE European University',
    sequence,
    issuedAt: '2026-01-10T08:00:00.000Z',
    validFrom: '2026-01-01',
    validUntil: '2099-12-31',
    coordinator: { exchangeId: coordinatorId, keyFingerprint: fingerprintOf(coordinatorKey) },
    members: members.map((member) => ({ exchangeId: member.exchangeId, legalName: member.legalName, keyFingerprints: member.keys.map(fingerprintOf) })),
  };
}

async function rosterFile(name: string, content: Roster, key: KeyObject): Promise<string> {
  const bytes = await signRoster(content, (canonical) =>
    signDetached(canonical, { alg: 'EdDSA', kid: fingerprintOf(key), jwk: publicJwkOf(key), 'tb.iss': coordinatorId, 'tb.signer': { name: 'Marta', role: 'Coordinator', institution: 'UNITE' }, iat: 1_767_000_000 }, key),
  );
  const path = join(files.path, name);
  await writeFile(path, bytes);
  return path;
}

describe('the consortium key roster', () => {
  let a: TestCore;
  afterEach(async () => {
    await a?.dispose();
  });

  it('is confirmed by fingerprint once; a new roster shows its changes before it is accepted; a forged one is refused', async () => {
    const user = userEvent.setup();
    a = await testCore();
    useCore(a);
    const coordinator = generateSigningKey();
    const [porto, tampere, tampereNew, graz] = [generateSigningKey(), generateSigningKey(), generateSigningKey(), generateSigningKey()];
    const first = roster(1, coordinator, [
      { exchangeId: 'tb-porto-00000001', legalName: 'University of Porto', keys: [porto] },
      { exchangeId: 'tb-tampere-0000002', legalName: 'Tampere University', keys: [tampere] },
    ]);
    const second = roster(2, coordinator, [
      { exchangeId: 'tb-tampere-0000002', legalName: 'Tampere University', keys: [tampereNew] },
      { exchangeId: 'tb-graz-000000003', legalName: 'University of Graz', keys: [graz] },
    ]);
    const firstPath = await rosterFile('unite-1.tbroster', first, coordinator);
    const secondPath = await rosterFile('unite-2.tbroster', second, coordinator);
    const forgedPath = await rosterFile('unite-3-forged.tbroster', { ...second, sequence: 3 }, generateSigningKey());
    a.dialogs.answerOpen([firstPath]).answerOpen([firstPath]).answerOpen([secondPath]).answerOpen([forgedPath]);
    await renderInApp(
      <>
        <RosterPanel />
        <ToastArea />
      </>,
    );
    expect(await screen.findByText(/No roster yet/)).toBeTruthy();

    // The first roster asks to compare the coordinator's fingerprint by phone
    await user.click(screen.getByRole('button', { name: 'Open a roster file…' }));
    let dialog = await screen.findByRole('alertdialog', { name: 'Confirm the coordinator’s key for UNITE European University' }, { timeout: 10_000 });
    expect(within(dialog).getByText(fingerprintForDisplay(fingerprintOf(coordinator)))).toBeTruthy();
    expect(within(dialog).getByText(/compare this fingerprint with theirs/)).toBeTruthy();
    // Cancel (focused first) changes nothing
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(a.roster.trust).toBeUndefined();

    await user.click(screen.getByRole('button', { name: 'Open a roster file…' }));
    dialog = await screen.findByRole('alertdialog', { name: 'Confirm the coordinator’s key for UNITE European University' }, { timeout: 10_000 });
    await user.click(within(dialog).getByRole('button', { name: 'The fingerprints match: confirm' }));
    const table = await findGrid('Members of UNITE European University and their keys');
    expect(within(within(table).getByRole('row', { name: /^University of Porto/ })).getByRole('gridcell', { name: 'tb-porto-00000001' })).toBeTruthy();
    expect(within(table).getByText(fingerprintForDisplay(fingerprintOf(tampere)))).toBeTruthy();
    expect(a.roster.trust?.coordinatorFingerprint).toBe(fingerprintOf(coordinator));
    expect(a.roster.roster?.sequence).toBe(1);

    // The second roster: what it changes is shown before it is accepted
    await user.click(screen.getByRole('button', { name: 'Open a roster file…' }));
    dialog = await screen.findByRole('alertdialog', { name: 'Accept roster number 2?' }, { timeout: 10_000 });
    expect(within(dialog).getByText('University of Graz (tb-graz-000000003) joins the consortium.')).toBeTruthy();
    expect(within(dialog).getByText('University of Porto (tb-porto-00000001) leaves the consortium: its files will no longer count.')).toBeTruthy();
    expect(within(dialog).getByText(`Tampere University changes its key: from ${fingerprintForDisplay(fingerprintOf(tampere))} to ${fingerprintForDisplay(fingerprintOf(tampereNew))}.`)).toBeTruthy();
    expect(a.roster.roster?.sequence).toBe(1);
    await user.click(within(dialog).getByRole('button', { name: 'Accept the new roster' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), { timeout: 10_000 });
    const grazRow = await screen.findByRole('row', { name: /^University of Graz/ }, { timeout: 10_000 });
    expect(within(grazRow).getByRole('gridcell', { name: 'tb-graz-000000003' })).toBeTruthy();
    expect(screen.queryByRole('row', { name: /^University of Porto/ })).toBeNull();
    expect(a.roster.roster?.sequence).toBe(2);

    // A roster signed with another key in the coordinator's name is refused; nothing changes
    await user.click(screen.getByRole('button', { name: 'Open a roster file…' }));
    const refusal = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(refusal.textContent).toContain(`not with the coordinator key you confirmed (${fingerprintForDisplay(fingerprintOf(coordinator))})`);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(a.roster.roster?.sequence).toBe(2);
  }, 60_000);

  it('flags an inbox file signed with a key the roster does not list, with the reason', async () => {
    a = await testCore();
    const b = await testCore();
    try {
      useCore(a);
      await setUpParty(a, sampleProfile({ legalName: 'Universidad de Ejemplo' }), sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99' }), 'Jordi Puig');
      await setUpParty(b, sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99' }), sampleProfile({ legalName: 'Universidad de Ejemplo' }), 'Liisa Virtanen');
      const shared = join(files.path, 'shared');
      await mkdir(shared);
      const assessment = await completedSelfAssessment(b, { title: 'Self-assessment 2026' });
      await writeFile(join(shared, 'tampere.trustbridge'), await b.exchange.exportItems({ assessmentIds: [assessment.id] }));
      // The roster lists Tampere with another key than the one its file is signed with
      const coordinator = generateSigningKey();
      const path = await rosterFile('unite.tbroster', roster(1, coordinator, [{ exchangeId: b.identity.exchangeId()!, legalName: 'Tampere Test University', keys: [generateSigningKey()] }]), coordinator);
      await a.roster.confirmCoordinator({ consortiumId: 'eu-alliance-unite', exchangeId: coordinatorId, fingerprint: fingerprintOf(coordinator) }, new Date());
      await a.roster.offer(new Uint8Array(await readFile(path)));
      await a.inbox.setFolder(shared);

      await renderInApp(<InboxPage />);
      const card = await screen.findByRole('region', { name: 'tampere.trustbridge' }, { timeout: 10_000 });
      expect(within(card).getByText('Not on the consortium roster.')).toBeTruthy();
      expect(within(card).queryByRole('button', { name: /^Accept/ })).toBeNull();
      expect(a.assessments.list().some((item) => item.title === 'Self-assessment 2026')).toBe(false);
    } finally {
      await b.dispose();
    }
  }, 60_000);
});

describe('a sync service’s second version of a document', () => {
  let work: Awaited<ReturnType<typeof tempFolder>>;
  let stored: DamageableStore;
  let core: Core | undefined;
  beforeEach(async () => {
    work = await tempFolder('trustbridge-conflict-ui-');
    stored = await damageableStore(work.path);
  });
  afterEach(async () => {
    await core?.close();
    core = undefined;
    await work.remove();
  });

  it('is compared in words and, by keyboard, taken in the document’s place; the stored version is kept in quarantine', async () => {
    const user = userEvent.setup();
    // Given a second version of the self-assessment with another justification for one answer
    const version = JSON.parse(await readFile(documentPath(work.path, 'assessments', stored.selfAssessment), 'utf8')) as { answers: Record<string, { justification: string }> };
    const before = version.answers['LEG-01']!.justification;
    version.answers['LEG-01']!.justification = 'Written on the laptop.';
    await writeFile(join(work.path, 'documents', 'assessments', `${stored.selfAssessment} (conflicted copy 2026-11-23 101010).json`), JSON.stringify(version));
    core = await openCore({ dataDir: work.path, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB' });
    useCore(core);

    await renderInApp(
      <>
        <NoticesBanner />
        <ToastArea />
      </>,
    );
    const compare = await screen.findByRole('button', { name: 'Compare…' }, { timeout: 10_000 });
    compare.focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: /^Two versions of/ }, { timeout: 10_000 });
    const table = await findGrid('What differs (1)', dialog);
    const row = within(table).getByRole('row', { name: /Answer LEG-01: justification/ });
    expect(within(row).getByText(before)).toBeTruthy();
    expect(within(row).getByText('Written on the laptop.')).toBeTruthy();
    // "Decide later", which changes nothing, has focus; the choice is made by keyboard
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Decide later' }));
    within(dialog).getByRole('button', { name: 'Use the second version' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 10_000 });
    expect((await core.assessments.get(stored.selfAssessment)).answers['LEG-01']?.justification).toBe('Written on the laptop.');
    expect(core.store.notices.filter((notice) => notice.kind === 'sync-conflict')).toEqual([]);
    // Nothing lost: the version replaced and the second version's file are both in quarantine
    const quarantined = await readdir(join(work.path, 'quarantine', 'assessments'));
    expect(quarantined).toHaveLength(2);
    const replaced = quarantined.find((name) => name.includes('replaced-by-sync-version'))!;
    expect(JSON.parse(await readFile(join(work.path, 'quarantine', 'assessments', replaced), 'utf8')).answers['LEG-01'].justification).toBe(before);
  }, 60_000);
});
