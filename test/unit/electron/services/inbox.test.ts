/**
 * The shared-folder inbox over a real folder both institutions point at (as a sync service would
 * make it): partners' files listed once checked, accepted or refused for good, the own files and
 * files that bring nothing left out, sync-conflict copies recognised, tampered files shown as
 * refused, and a file that appears noticed without asking.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { InboxView } from '../../../../shared/exchange/inbox';
import { completedSelfAssessment } from '../../../support/assessment-factories';
import { setUpParty, testCore, type TestCore } from '../../../support/core';
import { sampleProfile } from '../../../support/factories';
import { tempFolder } from '../../../support/temp';

let shared: Awaited<ReturnType<typeof tempFolder>>;
let a: TestCore;
let b: TestCore;

const universidad = () => sampleProfile({ legalName: 'Universidad de Ejemplo', country: 'ES', city: 'Valencia', erasmusCode: 'E  VALENCI99' });
const tampere = () => sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99' });

async function setUp(core: TestCore, own: ReturnType<typeof universidad>, partner: ReturnType<typeof universidad>) {
  await setUpParty(core, own, partner);
  await core.inbox.setFolder(shared.path);
}

beforeEach(async () => {
  shared = await tempFolder('trustbridge-shared-');
  a = await testCore();
  b = await testCore();
  await setUp(a, universidad(), tampere());
  await setUp(b, tampere(), universidad());
});

afterEach(async () => {
  await a.dispose();
  await b.dispose();
  await shared.remove();
});

describe('the shared-folder inbox', () => {
  it('lists a partner’s file once checked, leaves out the own files, and takes it only when accepted', async () => {
    const selfB = await completedSelfAssessment(b);
    const published = await b.inbox.publish('Tampere self-assessment', await b.exchange.exportItems({ assessmentIds: [selfB.id] }));
    expect(published).toBe(join(shared.path, 'Tampere self-assessment.trustbridge'));
    // B does not see its own file; A sees it, checked, and nothing is stored yet.
    expect((await b.inbox.scan()).entries).toEqual([]);
    const view = await a.inbox.scan();
    expect(view.entries).toEqual([expect.objectContaining({ fileName: 'Tampere self-assessment.trustbridge', preview: expect.objectContaining({ ok: true, changes: expect.any(Number) }) })]);
    expect(a.assessments.list()).toEqual([]);

    const { added, view: after } = await a.inbox.accept(view.entries[0]!.sha256);
    expect(added).toBeGreaterThan(0);
    expect(after.entries).toEqual([]);
    expect(a.assessments.list().map((summary) => summary.id)).toEqual([selfB.id]);

    // The decision lasts: A reopened does not list the file again.
    const dataDir = a.dataDir;
    const first = a;
    await first.close();
    // The first core owns the folder: it is removed once the test and afterEach are done.
    onTestFinished(() => first.dispose());
    a = await testCore({ dataDir });
    expect((await a.inbox.scan()).entries).toEqual([]);
    expect(JSON.parse(await readFile(join(dataDir, 'inbox.json'), 'utf8')).handled[view.entries[0]!.sha256]).toMatchObject({ decision: 'accepted' });
  });

  it('after an accept, reads again only the files the accept could change: the same series leaves the list, others keep their check', async () => {
    const [one, two, three] = [await completedSelfAssessment(b), await completedSelfAssessment(b), await completedSelfAssessment(b)];
    await b.inbox.publish('one', await b.exchange.exportItems({ assessmentIds: [one.id] }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The same assessment again in another file (issued later): nothing new once "one" is in.
    await b.inbox.publish('one again', await b.exchange.exportItems({ assessmentIds: [one.id] }));
    await b.inbox.publish('two', await b.exchange.exportItems({ assessmentIds: [two.id] }));
    await b.inbox.publish('three', await b.exchange.exportItems({ assessmentIds: [three.id] }));
    const listed = (await a.inbox.scan()).entries;
    const named = (view: InboxView, name: string) => view.entries.find((entry) => entry.fileName === `${name}.trustbridge`);
    expect(listed.map((entry) => entry.fileName).sort()).toEqual(['one again.trustbridge', 'one.trustbridge', 'three.trustbridge', 'two.trustbridge']);

    // The first accept from this partner records its key: every file of the partner is read again.
    const afterTwo = (await a.inbox.accept(listed.find((entry) => entry.fileName === 'two.trustbridge')!.sha256)).view;
    const threeChecked = named(afterTwo, 'three')!.preview.token;
    const afterOne = (await a.inbox.accept(named(afterTwo, 'one')!.sha256)).view;

    expect(afterOne.entries.map((entry) => entry.fileName)).toEqual(['three.trustbridge']);
    // Not read again: its check is the one made before the accept.
    expect(named(afterOne, 'three')!.preview.token).toBe(threeChecked);
    expect(afterOne.handled).toBeGreaterThanOrEqual(1);
    expect(a.assessments.list().map((summary) => summary.id).sort()).toEqual([one.id, two.id].sort());
    // And what is listed still applies.
    await a.inbox.accept(named(afterOne, 'three')!.sha256);
    expect(a.assessments.list()).toHaveLength(3);
  });

  it('applies only the bytes that were listed: a file replaced in the folder since is refused, nothing stored', async () => {
    const [one, two] = [await completedSelfAssessment(b), await completedSelfAssessment(b)];
    const path = await b.inbox.publish('report', await b.exchange.exportItems({ assessmentIds: [one.id] }));
    const [listed] = (await a.inbox.scan()).entries;
    // Another member's sync client replaces the file before the officer accepts what was shown.
    await writeFile(path, await b.exchange.exportItems({ assessmentIds: [two.id] }));

    await expect(a.inbox.accept(listed!.sha256)).rejects.toThrow(/changed or left the shared folder/);
    expect(a.assessments.list()).toEqual([]);
    // Read again, the new content is listed for its own decision.
    expect((await a.inbox.scan()).entries.map((entry) => entry.fileName)).toEqual(['report.trustbridge']);
  });

  it('refuses a file for good, also under another name or as a sync service’s identical copy', async () => {
    const selfB = await completedSelfAssessment(b);
    const path = await b.inbox.publish('Tampere', await b.exchange.exportItems({ assessmentIds: [selfB.id] }));
    const [entry] = (await a.inbox.scan()).entries;
    await a.inbox.refuse(entry!.sha256);
    await copyFile(path, join(shared.path, 'Tampere (conflicted copy 2026-11-23 101010).trustbridge'));
    await copyFile(path, join(shared.path, 'renamed.trustbridge'));
    expect((await a.inbox.scan()).entries).toEqual([]);
    expect(a.assessments.list()).toEqual([]);
  });

  it('lists a conflicting copy with different content beside its original, and a tampered file as refused', async () => {
    const selfB = await completedSelfAssessment(b);
    const bytes = await b.exchange.exportItems({ assessmentIds: [selfB.id] });
    await writeFile(join(shared.path, 'Tampere.trustbridge'), bytes);
    const revision = await b.assessments.reopen(selfB.id);
    await b.assessments.saveAnswer(revision.id, 'LEG-02', { level: 4 });
    await b.assessments.complete(revision.id);
    await writeFile(join(shared.path, 'Tampere-LAPTOP7.trustbridge'), await b.exchange.exportItems({ assessmentIds: [revision.id] }));
    const tampered = Buffer.from(bytes);
    const at = tampered.indexOf('"title"');
    tampered[at + 12] = tampered[at + 12] === 0x41 ? 0x42 : 0x41;
    await writeFile(join(shared.path, 'tampered.trustbridge'), tampered);

    const view: InboxView = await a.inbox.scan();
    expect(view.entries.map((entry) => [entry.fileName, entry.conflictOf ?? null, entry.preview.ok])).toEqual([
      ['Tampere-LAPTOP7.trustbridge', 'Tampere.trustbridge', true],
      ['Tampere.trustbridge', null, true],
      ['tampered.trustbridge', null, false],
    ]);
    expect(view.entries[2]!.preview.error).toMatchObject({ code: 'SIGNATURE_INVALID' });
    await expect(a.inbox.accept(view.entries[2]!.sha256)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await a.inbox.refuse(view.entries[2]!.sha256);
    expect((await a.inbox.scan()).entries).toHaveLength(2);
  });

  it('notices a file that appears in the folder without being asked', async () => {
    const changes: InboxView[] = [];
    const dataDir = a.dataDir;
    const first = a;
    await first.close();
    onTestFinished(() => first.dispose());
    const { openCore } = await import('../../../../electron/app/core');
    const { ScriptedDialogs } = await import('../../../support/scripted-dialogs');
    const { templatesDir } = await import('../../../support/paths');
    const watched = await openCore({
      dataDir,
      templatesDir,
      dialogs: new ScriptedDialogs(),
      appVersion: 'test',
      platform: process.platform,
      systemLocale: 'en-GB',
      watchSharedFolder: true,
      sharedFolderPollMs: 500,
      emit: (event) => {
        if (event.type === 'inbox-changed') changes.push(watched.inbox.view());
      },
    });
    a = { ...watched, dialogs: new ScriptedDialogs(), dataDir, dispose: async () => watched.close() } as TestCore;
    try {
      await watched.inbox.scan();
      const selfB = await completedSelfAssessment(b);
      await b.inbox.publish('Arrived', await b.exchange.exportItems({ assessmentIds: [selfB.id] }));
      const deadline = Date.now() + 10_000;
      while (!changes.some((view) => view.entries.length === 1) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(changes.at(-1)?.entries.map((entry) => entry.fileName)).toEqual(['Arrived.trustbridge']);
    } finally {
      await watched.close();
    }
  });

  it('answers a scan asked for during another with a scan that starts after it: a folder just chosen is the one shown', async () => {
    // Enough files that reading the first folder is still under way when the second is chosen.
    const selfB = await completedSelfAssessment(b);
    for (let index = 0; index < 40; index += 1) await b.inbox.publish(`file ${index}`, await b.exchange.exportItems({ assessmentIds: [selfB.id] }));
    const other = await tempFolder('trustbridge-other-shared-');
    try {
      await writeFile(join(other.path, 'elsewhere.trustbridge'), await b.exchange.exportItems({ assessmentIds: [selfB.id] }));
      const reading = a.inbox.scan();
      const chosen = await a.inbox.setFolder(other.path);
      expect(chosen.folder).toBe(other.path);
      expect(chosen.entries.map((entry) => entry.fileName)).toEqual(['elsewhere.trustbridge']);
      await reading;
      // And a file that arrives while a scan runs is in the view of a scan asked for after it.
      const running = a.inbox.scan();
      await writeFile(join(other.path, 'later.trustbridge'), await b.exchange.exportItems({ assessmentIds: [selfB.id] }));
      const asked = await a.inbox.scan();
      expect(asked.entries.map((entry) => entry.fileName)).toEqual(['elsewhere.trustbridge', 'later.trustbridge']);
      await running;
    } finally {
      await a.inbox.stop();
      await other.remove();
    }
  });

  it('refuses a folder that cannot be read, and keeps the one chosen before', async () => {
    await expect(a.inbox.setFolder(join(shared.path, 'missing'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(a.store.settings.sharedFolder).toBe(shared.path);
  });
});
