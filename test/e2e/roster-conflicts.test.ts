/**
 * The consortium key roster and a sync service's conflict copy in the real renderer (Chromium),
 * by keyboard alone: the officer confirms the coordinator's fingerprint, accepts a new roster
 * after reading what it changes, sees an inbox file signed with a key not on the roster flagged,
 * and compares a conflict copy of an assessment with the stored one and takes it. Axe finds no
 * serious or critical problem on any of these screens.
 */
import type { KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRoster } from '../../electron/consortium/roster';
import { generateSigningKey, publicJwkOf, signDetached } from '../../electron/keys/ed25519';
import type { Roster } from '../../shared/consortium/roster';
import { fingerprintForDisplay, keyFingerprint } from '../../shared/exchange/fingerprint';
import { damageableStore, documentPath } from '../support/damaged-store';
import { exampleExchangeFile } from '../support/exchange-factories';
import { tempFolder } from '../support/temp';
import { seriousAccessibilityFindings } from './accessibility';
import { launchApp, type RunningApp } from './harness';
import { pressButton, tabTo } from './keyboard';

const coordinatorId = 'tb-coordinator-0001';
const fingerprintOf = (key: KeyObject) => keyFingerprint(publicJwkOf(key));

function roster(sequence: number, coordinator: KeyObject, members: Array<[string, string, KeyObject]>): Roster {
  return {
    format: 'trustbridge-consortium-roster',
    formatVersion: 1,
    consortiumId: 'eu-alliance-unite',
    consortiumName: 'UNITE European University',
    sequence,
    issuedAt: '2026-01-10T08:00:00.000Z',
    validFrom: '2026-01-01',
    validUntil: '2099-12-31',
    coordinator: { exchangeId: coordinatorId, keyFingerprint: fingerprintOf(coordinator) },
    members: members.map(([exchangeId, legalName, key]) => ({ exchangeId, legalName, keyFingerprints: [fingerprintOf(key)] })),
  };
}

describe('roster and conflict copies, by keyboard', () => {
  let work: Awaited<ReturnType<typeof tempFolder>>;
  let app: RunningApp | undefined;

  beforeAll(async () => {
    work = await tempFolder('trustbridge-e2e-roster-');
  });
  afterAll(async () => {
    await app?.close();
    await work?.remove();
  });

  it('confirms the coordinator, accepts a new roster, flags a file, and resolves a conflict copy', async () => {
    // Given a data folder with a conflict copy of the self-assessment beside it
    const dataDir = join(work.path, 'data');
    const stored = await damageableStore(dataDir);
    const version = JSON.parse(await readFile(documentPath(dataDir, 'assessments', stored.selfAssessment), 'utf8')) as { answers: Record<string, { justification: string }> };
    const before = version.answers['LEG-01']!.justification;
    version.answers['LEG-01']!.justification = 'Written on the laptop.';
    await writeFile(join(dataDir, 'documents', 'assessments', `${stored.selfAssessment} (conflicted copy 2026-11-23 101010).json`), JSON.stringify(version));
    // …two rosters signed by the coordinator, and a partner's file in the shared folder whose key no roster lists
    const coordinator = generateSigningKey();
    const sign = async (name: string, content: Roster) => {
      const path = join(work.path, name);
      const bytes = await signRoster(content, (canonical) =>
        signDetached(canonical, { alg: 'EdDSA', kid: fingerprintOf(coordinator), jwk: publicJwkOf(coordinator), 'tb.iss': coordinatorId, 'tb.signer': { name: 'Marta', role: 'Coordinator', institution: 'UNITE' }, iat: 1_767_000_000 }, coordinator),
      );
      await writeFile(path, bytes);
      return path;
    };
    const first = await sign('unite-1.tbroster', roster(1, coordinator, [['tb-porto-00000001', 'University of Porto', generateSigningKey()]]));
    const second = await sign('unite-2.tbroster', roster(2, coordinator, [['tb-porto-00000001', 'University of Porto', generateSigningKey()], ['tb-graz-000000003', 'University of Graz', generateSigningKey()]]));
    const shared = join(work.path, 'shared');
    await mkdir(shared);
    await writeFile(join(shared, 'partner.trustbridge'), await exampleExchangeFile());

    app = await launchApp({ dataDir });
    const { page } = app;
    app.dialogs.answerOpen([first]).answerOpen([second]);

    // The consortium screen: the first roster asks to compare the coordinator's fingerprint
    await page.goto(`${app.baseUrl}/index.html#/consortium`);
    await page.getByRole('heading', { level: 2, name: 'Consortium key roster' }).waitFor();
    await pressButton(page, 'Open a roster file…');
    const confirm = page.getByRole('alertdialog', { name: 'Confirm the coordinator’s key for UNITE European University' });
    await confirm.waitFor();
    await confirm.getByText(fingerprintForDisplay(fingerprintOf(coordinator))).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await tabTo(page, 'The fingerprints match: confirm');
    await page.keyboard.press('Enter');
    await page.getByRole('row', { name: /^University of Porto/ }).waitFor();
    expect(app.core.roster.roster?.sequence).toBe(1);

    // A new roster: what it changes is read before it is accepted
    await pressButton(page, 'Open a roster file…');
    const accept = page.getByRole('alertdialog', { name: 'Accept roster number 2?' });
    await accept.waitFor();
    await accept.getByText('University of Graz (tb-graz-000000003) joins the consortium.').waitFor();
    await accept.getByText(/^University of Porto changes its key/).waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await tabTo(page, 'Accept the new roster');
    await page.keyboard.press('Enter');
    await page.getByRole('row', { name: /^University of Graz/ }).waitFor();
    expect(app.core.roster.roster?.sequence).toBe(2);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    // The inbox flags the partner's file: its key is not on the roster
    await app.core.inbox.setFolder(shared);
    await page.goto(`${app.baseUrl}/index.html#/inbox`);
    const card = page.getByRole('region', { name: 'partner.trustbridge' });
    await card.getByText('Not on the consortium roster.').waitFor();
    expect(await card.getByRole('button', { name: /^Accept/ }).count()).toBe(0);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);

    // The conflict copy: compared in words, and taken
    await pressButton(page, 'Compare…');
    const dialog = page.getByRole('dialog', { name: /^Two versions of/ });
    await dialog.waitFor();
    const row = dialog.getByRole('row', { name: /Answer LEG-01: justification/ });
    await row.getByText(before).waitFor();
    await row.getByText('Written on the laptop.').waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await tabTo(page, 'Use the second version');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    expect((await app.core.assessments.get(stored.selfAssessment)).answers['LEG-01']?.justification).toBe('Written on the laptop.');
    expect(app.core.store.notices.filter((notice) => notice.kind === 'sync-conflict')).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    expect(app.externalRequests).toEqual([]);
  }, 240_000);
});
