/**
 * Power loss at every point of a save (power-loss/simulate.ts): the store's file operations are
 * recorded while it saves an answer, records a readiness decision, imports an exchange file of
 * several items (one store transaction: all of them or none), writes the signing key, completes
 * an assessment, attaches an evidence file (the file, its copy and the assessment), accepts a
 * file from the shared-folder inbox and takes a snapshot, and every state a power cut could leave
 * between them (every prefix,
 * every legal outcome of the operations not yet made durable) is opened as the app would. Each must
 * hold the last acknowledged save or the new one (the new one from the moment the operation
 * resolved, whatever it left to do after), never a mix, never something unreadable, and the store
 * must find nothing to repair.
 * A bounded sample of the states here; `npm run power-loss` checks every one.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/app/core';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { Snapshots } from '../../electron/store/snapshots';
import { createExchangeFile } from '../../electron/exchange/write';
import { criteriaOf } from '../../shared/framework/schema';
import { KeyRing } from '../../electron/keys/key-ring';
import { makeParty, partnerProfile, sampleAssessment, sampleFramework } from '../support/exchange-factories';
import { damageableStore, type DamageableStore } from '../support/damaged-store';
import { templatesDir } from '../support/paths';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { tempFolder } from '../support/temp';
import { crashStates, readState, recordOperations, writeState, type FolderState } from './power-loss/simulate';

// npm test takes at most 6 outcomes per prefix (a seeded sample when there are more; the operations
// below have no more, so every state is checked); npm run power-loss has no cap.
const maxSubsets = Number(process.env['POWER_LOSS_SUBSETS'] ?? 6);
let work: Awaited<ReturnType<typeof tempFolder>>;
let dataDir: string;
let stored: DamageableStore;

const open = (folder: string) =>
  openCore({ dataDir: folder, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB', snapshotEveryMs: Number.MAX_SAFE_INTEGER });

beforeAll(async () => {
  work = await tempFolder('trustbridge-power-loss-');
  dataDir = join(work.path, 'data');
  stored = await damageableStore(dataDir);
}, 60_000);

afterAll(async () => {
  await work?.remove();
});

/**
 * Records `operation` on an open core (after `before` states are read), then opens every crash
 * state and hands it to `check`. Returns how many states were checked.
 */
async function everyPowerCut(
  operation: (core: Core) => Promise<unknown>,
  check: (core: Core, folder: string, acknowledged: boolean) => Promise<void>,
  options: { withBackups?: boolean } = {},
): Promise<number> {
  const core = await open(dataDir);
  let before: FolderState;
  let ops;
  let acknowledgedAfter = Number.POSITIVE_INFINITY;
  try {
    await core.store.flush();
    before = await readState(dataDir, options);
    ({ ops } = await recordOperations(dataDir, async (recorded) => {
      await operation(core);
      // From here on the result must survive any power cut.
      acknowledgedAfter = recorded();
      // What the store writes after it is acknowledged (the catalogue, the copies folder's fsync)
      // belongs to it too.
      await core.store.flush();
    }));
  } finally {
    await core.close();
  }
  expect(ops.some((op) => op.op === 'fsync')).toBe(true);
  const states = crashStates(before, ops, { maxSubsets, acknowledgedAfter });
  const folder = join(work.path, 'state');
  expect(states.some((state) => state.acknowledged)).toBe(true);
  for (const [index, { state, acknowledged }] of states.entries()) {
    await writeState(folder, state);
    const reopened = await open(folder).catch((error: unknown) => {
      throw new Error(`state ${index} of ${states.length}: the store did not open: ${String(error)}`);
    });
    try {
      await check(reopened, folder, acknowledged);
      // A power cut is no damage: nothing restored, rebuilt or set aside.
      expect(reopened.store.notices, `state ${index} of ${states.length}`).toEqual([]);
    } finally {
      await reopened.close();
    }
  }
  console.info(`power loss: ${ops.length} operations, ${states.length} states checked`);
  return states.length;
}

describe('a power cut at any point', () => {
  it('while an answer is saved: the last acknowledged answer or the new one', async () => {
    const checked = await everyPowerCut(
      (core) => core.assessments.saveAnswer(stored.selfAssessment, 'LEG-01', { justification: 'Fourth draft.' }),
      async (core, _folder, acknowledged) => {
        const assessment = await core.assessments.get(stored.selfAssessment);
        expect(acknowledged ? ['Fourth draft.'] : ['Third draft.', 'Fourth draft.']).toContain(assessment.answers['LEG-01']?.justification);
        expect(assessment.answers['LEG-01']?.level).toBe(3);
        // The catalogue follows the document it holds.
        expect(core.assessments.summary(stored.selfAssessment)).toEqual(core.assessments.kind.summarise(assessment));
      },
    );
    expect(checked).toBeGreaterThan(5);
  }, 300_000);

  it('while a readiness decision is recorded: the previous decision or the new one, never a mix', async () => {
    const checked = await everyPowerCut(
      (core) => core.partnerships.decide(stored.partnership, { outcome: 'ready', rationale: 'All conditions met.' }),
      async (core, _folder, acknowledged) => {
        const partnership = await core.partnerships.get(stored.partnership);
        expect(acknowledged ? ['ready'] : ['conditional', 'ready']).toContain(partnership.decision?.outcome);
        expect(partnership.decision?.rationale).toBe(partnership.decision?.outcome === 'ready' ? 'All conditions met.' : 'Two conditions.');
      },
    );
    expect(checked).toBeGreaterThan(5);
  }, 300_000);

  it('while an exchange file of several items is imported: all of them or none, and all once acknowledged', async () => {
    // Given a partner's file that brings the partner itself, a framework version not held here and
    // three assessments made with it: five documents written in one store transaction
    const party = await makeParty(partnerProfile(), 'Prof. Dr. Anna Schmidt');
    try {
      const framework = sampleFramework(2);
      const subject = { institutionId: 'inst-b', legalName: party.profile.legalName, country: party.profile.country };
      const titles = ['Imported 1 of 3', 'Imported 2 of 3', 'Imported 3 of 3'];
      const items = titles.map((title, index) => ({ type: 'assessment' as const, assessment: sampleAssessment({ id: `power-cut-${index}`, seriesId: `power-cut-series-${index}`, title }, { framework, subject }) }));
      const path = join(work.path, 'partner.trustbridge');
      await writeFile(
        path,
        await createExchangeFile(
          { issuer: party.issuer, items: [{ type: 'institution', institutionId: 'inst-b', exchangeId: party.issuer.exchangeId, profile: party.profile }, { type: 'framework', framework }, ...items] },
          party.keyRing,
          party.signer,
        ),
      );
      const fingerprint = (core: Core) => core.frameworks.list().some((item) => item.title === framework.title && item.version === framework.version && item.origin === 'imported');
      const checked = await everyPowerCut(
        async (core) => {
          const [preview] = await core.exchange.preview([path]);
          if (!preview?.ok) throw new Error(preview?.error?.message ?? 'no preview');
          expect(preview.changes).toBe(5);
          await core.exchange.apply([preview.token]);
        },
        async (core, _folder, acknowledged) => {
          const imported = core.assessments.list().filter((item) => titles.includes(item.title));
          const partner = core.institutions.list().filter((item) => item.legalName === party.profile.legalName);
          // All five or none: never some assessments without the others, their framework or their institution.
          const all = imported.length === titles.length && partner.length === 1 && fingerprint(core);
          const none = imported.length === 0 && partner.length === 0 && !fingerprint(core);
          expect(all || none, `${imported.length} assessments, ${partner.length} partner, framework ${fingerprint(core)}`).toBe(true);
          if (acknowledged) expect(all).toBe(true);
          for (const item of imported) {
            const assessment = await core.assessments.get(item.id);
            expect(titles).toContain(assessment.title);
            // Its institution is the partner created with it.
            expect(assessment.subject.institutionId).toBe(partner[0]!.id);
          }
          // Nothing of a transaction is left over once the store is open.
          expect(await readdir(join(_folder, 'transactions')).then((names) => names.filter((name) => !name.endsWith('.tmp')), () => [])).toEqual([]);
        },
      );
      expect(checked).toBeGreaterThan(10);
    } finally {
      await party.remove();
    }
  }, 600_000);

  it('while the signing key is written: no key yet or the whole key, never a damaged key file', async () => {
    let fingerprint = '';
    const checked = await everyPowerCut(
      async (core) => {
        fingerprint = (await core.identity.createKey('a passphrase for the power-loss test')).fingerprint ?? '';
      },
      async (_core, folder, acknowledged) => {
        const ring = await KeyRing.open({ dataDir: folder });
        expect(ring.hasKey() || !acknowledged).toBe(true);
        if (ring.hasKey()) expect(ring.fingerprint()).toBe(fingerprint);
      },
    );
    expect(fingerprint).not.toBe('');
    expect(checked).toBeGreaterThan(3);
  }, 300_000);

  it('while an assessment is completed: still a draft or complete with who and when, never half', async () => {
    // Given a self-assessment with every criterion answered
    const prepared = await open(dataDir);
    let id: string;
    try {
      const own = (await prepared.institutions.getOwn())!;
      const guide = prepared.frameworks.list().find((item) => item.origin === 'built-in')!;
      const draft = await prepared.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey: guide.key, language: 'en', title: 'Complete before the power cut' });
      id = draft.id;
      for (const criterion of criteriaOf(prepared.assessments.frameworkOf(draft))) {
        await prepared.assessments.saveAnswer(id, criterion.id, { level: 3, justification: `Answered ${criterion.id}.` });
      }
    } finally {
      await prepared.close();
    }
    const checked = await everyPowerCut(
      (core) => core.assessments.complete(id),
      async (core, _folder, acknowledged) => {
        const assessment = await core.assessments.get(id);
        expect(acknowledged ? ['complete'] : ['draft', 'complete']).toContain(assessment.status);
        if (assessment.status === 'complete') expect(assessment.completed).toMatchObject({ by: 'Jordi Puig', role: 'Quality officer' });
        else expect(assessment.completed).toBeUndefined();
        expect(core.assessments.summary(id)).toEqual(core.assessments.kind.summarise(assessment));
      },
    );
    expect(checked).toBeGreaterThan(5);
  }, 300_000);

  it('while an evidence file is attached: not attached, or attached with the whole file and its copy', async () => {
    const source = join(work.path, 'minutes.pdf');
    // Several chunks of the file stream, so a power cut can fall between them too.
    const content = Buffer.concat(Array.from({ length: 3 }, (_, index) => Buffer.alloc(70_000, `quality board minutes, part ${index + 1}\n`)));
    await writeFile(source, content);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const checked = await everyPowerCut(
      async (core) => {
        const file = await core.evidence.addFile(source);
        await core.assessments.addEvidence(stored.selfAssessment, 'LEG-02', { kind: 'file', label: 'Board minutes', fileName: 'minutes.pdf', mediaType: 'application/pdf', size: file.size, sha256: file.sha256 });
      },
      async (core, _folder, acknowledged) => {
        const attached = ((await core.assessments.get(stored.selfAssessment)).answers['LEG-02']?.evidence ?? []).filter((item) => item.kind === 'file');
        expect(attached.length).toBe(acknowledged ? 1 : attached.length);
        expect(attached.length).toBeLessThanOrEqual(1);
        // Whatever is attached is there, whole, with its copy (written again quietly if the power
        // cut came before it): never an attachment without its file.
        for (const item of attached) {
          expect(item).toMatchObject({ sha256 });
          expect(await core.evidence.check(sha256)).toEqual({ state: 'good' });
          expect(createHash('sha256').update(await readFile(core.evidence.pathOf(sha256))).digest('hex')).toBe(sha256);
          expect(await readFile(core.evidence.copyPathOf(sha256)!)).toEqual(content);
        }
      },
    );
    expect(checked).toBeGreaterThan(5);
  }, 300_000);

  it('while an inbox file is accepted: the file’s assessment whole or not yet there, and never offered again once acknowledged', async () => {
    // Given a shared folder with a partner's signed file in it
    const party = await makeParty(partnerProfile(), 'Prof. Dr. Anna Schmidt');
    const shared = join(work.path, 'shared');
    try {
      await mkdir(shared, { recursive: true });
      const framework = sampleFramework(2);
      const assessment = sampleAssessment({ title: 'Accepted from the inbox' }, { framework, subject: { institutionId: 'inst-b', legalName: party.profile.legalName, country: party.profile.country } });
      await writeFile(join(shared, 'partner.trustbridge'), await createExchangeFile({ issuer: party.issuer, items: [{ type: 'framework', framework }, { type: 'assessment', assessment }] }, party.keyRing, party.signer));
      const prepared = await open(dataDir);
      try {
        await prepared.inbox.setFolder(shared);
      } finally {
        await prepared.close();
      }
      const checked = await everyPowerCut(
        async (core) => {
          const [entry] = (await core.inbox.scan()).entries;
          if (!entry?.preview.ok) throw new Error(entry?.preview.error?.message ?? 'nothing in the inbox');
          await core.inbox.accept(entry.sha256);
        },
        async (core, _folder, acknowledged) => {
          const accepted = core.assessments.list().filter((item) => item.title === 'Accepted from the inbox');
          expect(accepted.length).toBeLessThanOrEqual(1);
          for (const item of accepted) expect((await core.assessments.get(item.id)).title).toBe('Accepted from the inbox');
          const offered = (await core.inbox.scan()).entries.filter((entry) => entry.preview.ok && entry.preview.changes > 0);
          if (acknowledged) {
            expect(accepted).toHaveLength(1);
            // Accepted once: not offered again (the decision kept, or nothing new in it any more).
            expect(offered).toEqual([]);
          }
          // Either in the store or still offered: never lost in between.
          expect(accepted.length + offered.length).toBe(1);
        },
      );
      expect(checked).toBeGreaterThan(5);
    } finally {
      await party.remove();
      const cleanup = await open(dataDir);
      try {
        await cleanup.inbox.setFolder(null);
      } finally {
        await cleanup.close();
      }
    }
  }, 300_000);

  it('while a snapshot is taken: the snapshots listed are each whole, the older one until the new one is acknowledged', async () => {
    // Given a snapshot taken before, and an answer saved since (so the new snapshot copies one
    // file and shares the others with the older one by a link)
    const logger = { info() {}, warn() {}, error() {} };
    const snapshotsOf = (folder: string, at: Date) => new Snapshots({ dataDir: folder, now: () => at, logger, kept: 1 });
    const prepared = await open(dataDir);
    let older: string;
    try {
      older = (await snapshotsOf(dataDir, new Date(Date.now() + 60_000)).take('manual')).name;
      await prepared.assessments.saveAnswer(stored.selfAssessment, 'LEG-01', { justification: 'Saved between two snapshots.' });
      await prepared.store.flush();
    } finally {
      await prepared.close();
    }
    const live = await readState(dataDir);
    const withSnapshots = await readState(dataDir, { withBackups: true });
    let newer = '';
    // The new snapshot as it was completed (the operation ran to its end in dataDir).
    let completed: FolderState | undefined;
    const checked = await everyPowerCut(
      async (core) => {
        newer = (await snapshotsOf(core.store.dataDir, new Date(Date.now() + 120_000)).take('manual')).name;
      },
      async (_core, folder, acknowledged) => {
        const state = await readState(folder, { withBackups: true });
        completed ??= await readState(dataDir, { withBackups: true });
        const manual = (await snapshotsOf(folder, new Date()).list()).filter((snapshot) => snapshot.reason === 'manual').map((snapshot) => snapshot.name);
        // The older snapshot until the new one is there; the new one from the moment it was acknowledged.
        expect(manual.length).toBeGreaterThan(0);
        if (acknowledged) expect(manual).toContain(newer);
        for (const name of manual) {
          const prefix = `backups/${name}/`;
          const files = [...state.keys()].filter((path) => path.startsWith(prefix)).map((path) => path.slice(prefix.length));
          const manifest = JSON.parse(state.get(`${prefix}manifest.json`)?.toString('utf8') ?? 'null') as { files: Record<string, unknown> } | null;
          expect(manifest, `${name} has its manifest`).not.toBeNull();
          // Whole: every file the manifest names, with the content it had, and nothing else.
          expect(files.filter((path) => path !== 'manifest.json').sort()).toEqual(Object.keys(manifest!.files).sort());
          for (const path of Object.keys(manifest!.files)) {
            const expected = (name === older ? withSnapshots : completed).get(`${prefix}${path}`);
            // The documents as they were (opening a store touches only its catalogue and settings).
            if (name === newer && path.startsWith('documents/')) expect(expected?.equals(live.get(path)!), path).toBe(true);
            expect(state.get(`${prefix}${path}`)?.equals(expected ?? Buffer.alloc(1)), `${name}/${path}`).toBe(true);
          }
        }
      },
      { withBackups: true },
    );
    expect(newer).not.toBe('');
    expect(checked).toBeGreaterThan(5);
  }, 300_000);
});
