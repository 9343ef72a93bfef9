/**
 * Reading a consortium's shared folder: sync-service conflict copies recognised by name, temporary
 * files left alone, and on a generated folder of thirty members — tampered and changed-key files
 * refused with their reasons and never counted, identical copies counted once, conflict copies
 * resolved to the newer content, trust on first use decided the same way every time.
 */
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conflictOriginal,
  consortiumFromFolder,
  isTemporaryName,
  readConsortiumFolder,
  scanExchangeFolder,
  summariseFolder,
  type ConsortiumFolderRead,
} from '../../../../electron/consortium/folder';
import { createExchangeFile } from '../../../../electron/exchange/write';
import { KeyRing } from '../../../../electron/keys/key-ring';
import { PartnerKeys } from '../../../../electron/keys/partner-keys';
import { FrameworkCatalog } from '../../../../electron/services/frameworks';
import { buildConsortium } from '../../../../shared/consortium/build';
import { exchangePayloadSchema } from '../../../../shared/exchange/schema';
import { generateConsortium, type GeneratedConsortium } from '../../../support/consortium-factories';
import { forgeSignature, makeParty, partnerProfile, sampleAssessment, sampleFramework, serialiseExchange, type Party } from '../../../support/exchange-factories';
import { sampleProfile } from '../../../support/factories';
import { templatesDir } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';

// ------------------------------------------------------------------ names

describe('conflict copies by name', () => {
  const cases: Array<[service: string, copy: string, present: string[], original: string | undefined]> = [
    ['Nextcloud / ownCloud', 'audit (conflicted copy 2026-11-23 101010).trustbridge', ['audit.trustbridge'], 'audit.trustbridge'],
    ['older ownCloud', 'audit_conflict-20261123-101010.trustbridge', ['audit.trustbridge'], 'audit.trustbridge'],
    ['Dropbox', "audit (Jo's conflicted copy 2026-11-23).trustbridge", ['audit.trustbridge'], 'audit.trustbridge'],
    ['Dropbox, typographic apostrophe', 'audit (Jo’s conflicted copy 2026-11-23).trustbridge', ['audit.trustbridge'], 'audit.trustbridge'],
    ['Dropbox, second copy', "audit (Jo's conflicted copy 2026-11-23 (1)).trustbridge", ['audit.trustbridge'], 'audit.trustbridge'],
    ['OneDrive / SharePoint', 'audit-LAPTOP42.trustbridge', ['audit.trustbridge'], 'audit.trustbridge'],
    ['OneDrive, second copy', 'audit-LAPTOP42-1.trustbridge', ['audit.trustbridge'], 'audit.trustbridge'],
    ['OneDrive, hyphenated name', 'audit-2026-DESKTOP-7F3K2.trustbridge', ['audit-2026.trustbridge', 'audit.trustbridge'], 'audit-2026.trustbridge'],
    ['OneDrive without the original', 'audit-LAPTOP42.trustbridge', [], undefined],
    ['a year is not a computer name', 'audit-2026.trustbridge', ['audit.trustbridge'], undefined],
    ['Syncthing', 'audit.sync-conflict-20261123-101010-ABCDEF7.trustbridge', ['audit.trustbridge'], 'audit.trustbridge'],
    ['Windows copy', 'audit (1).trustbridge', ['audit.trustbridge'], 'audit.trustbridge'],
    ['Windows copy, no original', 'audit (2).trustbridge', [], undefined],
    ['Google Drive', 'audit(1).trustbridge', ['audit.trustbridge'], 'audit.trustbridge'],
    ['a copy of a copy', 'audit (1) (conflicted copy 2026-11-23 101010).trustbridge', ['audit (1).trustbridge', 'audit.trustbridge'], 'audit.trustbridge'],
    ['upper-case extension', 'audit (1).TRUSTBRIDGE', ['audit.TRUSTBRIDGE'], 'audit.TRUSTBRIDGE'],
    ['an ordinary name', 'self-assessment 2026.trustbridge', ['self-assessment.trustbridge'], undefined],
  ];
  it.each(cases)('%s: %s', (_service, copy, present, original) => {
    expect(conflictOriginal(copy, new Set([copy, ...present]))?.original).toBe(original);
  });

  it.each([
    ['~$audit.trustbridge', true],
    ['.~lock.audit.trustbridge#', true],
    ['.audit.trustbridge.~1a2b', true],
    ['audit.trustbridge.part', true],
    ['audit.trustbridge.tmp', true],
    ['audit.trustbridge', false],
    ['audit (1).trustbridge', false],
  ])('%s is temporary: %s', (name, temporary) => {
    expect(isTemporaryName(name)).toBe(temporary);
  });
});

describe('scanning a folder', () => {
  it('lists exchange files at the top level with their copies, and leaves temporary files, sub-folders and other files alone', async () => {
    const folder = await tempFolder('trustbridge-scan-');
    try {
      await writeFile(join(folder.path, 'audit.trustbridge'), '{}');
      await writeFile(join(folder.path, 'audit (conflicted copy 2026-11-23 101010).trustbridge'), '{"a":1}');
      await writeFile(join(folder.path, 'empty.trustbridge'), '');
      await writeFile(join(folder.path, '~$audit.trustbridge'), 'lock');
      await writeFile(join(folder.path, 'audit.trustbridge.part'), 'partial');
      await writeFile(join(folder.path, 'minutes.docx'), 'other');
      await mkdir(join(folder.path, 'old.trustbridge'));
      await writeFile(join(folder.path, 'sub.trustbridge'), 'x').then(() => utimes(join(folder.path, 'sub.trustbridge'), new Date('2026-11-20T10:00:00Z'), new Date('2026-11-20T10:00:00Z')));

      const scan = await scanExchangeFolder(folder.path);

      expect(scan.files.map((file) => [file.fileName, file.baseName, file.conflictOf ?? null, file.size])).toEqual([
        ['audit (conflicted copy 2026-11-23 101010).trustbridge', 'audit', 'audit.trustbridge', 7],
        ['audit.trustbridge', 'audit', null, 2],
        ['empty.trustbridge', 'empty', null, 0],
        ['sub.trustbridge', 'sub', null, 1],
      ]);
      expect(scan.files.find((file) => file.fileName === 'sub.trustbridge')?.modifiedAt).toBe('2026-11-20T10:00:00.000Z');
      expect(scan.ignored).toEqual(['audit.trustbridge.part', 'old.trustbridge', '~$audit.trustbridge']);
    } finally {
      await folder.remove();
    }
  });
});

// ------------------------------------------------------------------ trust on first use within a folder

describe('trust on first use within a folder', () => {
  let party: Party;
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  const framework = sampleFramework();

  beforeAll(async () => {
    party = await makeParty(sampleProfile(), 'Dra. Elena Martín');
  });
  afterAll(async () => {
    await party.remove();
  });

  async function genuine(name: string, issuedAt: string, seriesId: string) {
    const assessment = sampleAssessment({ id: seriesId, seriesId }, { framework, subject: { institutionId: 'own', legalName: party.profile.legalName, country: party.profile.country } });
    const bytes = await createExchangeFile(
      { issuer: party.issuer, items: [{ type: 'institution', institutionId: 'own', exchangeId: party.issuer.exchangeId, profile: party.profile }, { type: 'framework', framework }, { type: 'assessment', assessment }] },
      party.keyRing,
      party.signer,
      { now: () => new Date(issuedAt) },
    );
    await writeFile(join(folder.path, name), bytes);
  }

  async function forged(name: string, issuedAt: string, seriesId: string) {
    const assessment = sampleAssessment({ id: seriesId, seriesId }, { framework, subject: { institutionId: 'own', legalName: party.profile.legalName, country: party.profile.country } });
    const payload = exchangePayloadSchema.parse({ issuedAt, issuer: party.issuer, items: [{ type: 'framework', framework }, { type: 'assessment', assessment }] });
    const { signature } = await forgeSignature(payload, { exchangeId: party.issuer.exchangeId, signer: party.signer });
    await writeFile(join(folder.path, name), serialiseExchange(payload, [signature]));
  }

  it('trusts the key of the file issued first, whatever the file names, and refuses the other key as changed', async () => {
    folder = await tempFolder('trustbridge-tofu-');
    try {
      await genuine('z-genuine.trustbridge', '2026-01-10T10:00:00.000Z', 'series-genuine');
      await forged('a-forged.trustbridge', '2026-06-10T10:00:00.000Z', 'series-forged');

      const read = await readConsortiumFolder(folder.path);

      expect(read.accepted.map((file) => file.fileName)).toEqual(['z-genuine.trustbridge']);
      expect(read.refused).toEqual([expect.objectContaining({ fileName: 'a-forged.trustbridge', code: 'KEY_CHANGED' })]);
      expect(read.refused[0]!.reason).toContain(party.profile.legalName);
      expect(read.refused[0]!.reason).toContain('first in z-genuine.trustbridge');
    } finally {
      await folder.remove();
    }
  });

  it('takes the file name as the tie-breaker when two files were issued at the same moment', async () => {
    folder = await tempFolder('trustbridge-tofu-');
    try {
      await forged('a-forged.trustbridge', '2026-01-10T10:00:00.000Z', 'series-forged');
      await genuine('b-genuine.trustbridge', '2026-01-10T10:00:00.000Z', 'series-genuine');

      const read = await readConsortiumFolder(folder.path);

      // Without a registry the folder cannot know better: the documented rule decides, every time.
      expect(read.accepted.map((file) => file.fileName)).toEqual(['a-forged.trustbridge']);
      expect(read.refused.map((file) => [file.fileName, file.code])).toEqual([['b-genuine.trustbridge', 'KEY_CHANGED']]);

      // With a registry that knows the genuine key, the registry decides.
      const registryFolder = await tempFolder('trustbridge-registry-');
      try {
        const registry = await PartnerKeys.open({ dataDir: registryFolder.path });
        await registry.remember({ exchangeId: party.issuer.exchangeId, institutionName: party.profile.legalName, jwk: party.keyRing.publicKey() });
        const checked = await readConsortiumFolder(folder.path, { partnerKeys: registry, ownKeyRing: await KeyRing.open({ dataDir: registryFolder.path }) });
        expect(checked.keyCheck).toBe('registry');
        expect(checked.accepted.map((file) => file.fileName)).toEqual(['b-genuine.trustbridge']);
        expect(checked.refused.map((file) => [file.fileName, file.code])).toEqual([['a-forged.trustbridge', 'KEY_CHANGED']]);
      } finally {
        await registryFolder.remove();
      }
    } finally {
      await folder.remove();
    }
  });

  it('learns nothing from a refused file: a tampered file issued first does not make its key the first one', async () => {
    folder = await tempFolder('trustbridge-tofu-');
    try {
      await forged('early-forged.trustbridge', '2025-01-01T10:00:00.000Z', 'series-forged');
      // A byte of the payload changed after signing: the signature no longer matches.
      const path = join(folder.path, 'early-forged.trustbridge');
      await writeFile(path, (await readFile(path, 'utf8')).replace('"level": 3', '"level": 4'));
      await genuine('later-genuine.trustbridge', '2026-01-10T10:00:00.000Z', 'series-genuine');

      const read = await readConsortiumFolder(folder.path);

      expect(read.refused.map((file) => [file.fileName, file.code])).toEqual([['early-forged.trustbridge', 'SIGNATURE_INVALID']]);
      expect(read.accepted.map((file) => file.fileName)).toEqual(['later-genuine.trustbridge']);
    } finally {
      await folder.remove();
    }
  });
});

// ------------------------------------------------------------------ the generated consortium

describe('a consortium of thirty members', () => {
  let consortium: GeneratedConsortium;
  let read: ConsortiumFolderRead;
  let catalog: FrameworkCatalog;

  beforeAll(async () => {
    consortium = await generateConsortium();
    read = await readConsortiumFolder(consortium.folder, { now: () => new Date('2026-11-23T12:00:00.000Z') });
    catalog = await FrameworkCatalog.load(templatesDir, () => new Date());
  }, 60_000);

  afterAll(async () => {
    await consortium?.remove();
  });

  const sortByName = <T extends { fileName: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.fileName < b.fileName ? -1 : 1));

  it('refuses the tampered, changed-key, empty and unreadable files, each with its reason', () => {
    expect(read.refused.map((file) => ({ fileName: file.fileName, code: file.code }))).toEqual(sortByName(consortium.expected.refused));
    for (const refused of read.refused) expect(refused.reason.length).toBeGreaterThan(40);
    const changed = read.refused.filter((file) => file.code === 'KEY_CHANGED');
    for (const file of changed) {
      const victim = consortium.members.find((member) => file.fileName.startsWith(member.slug))!;
      expect(file.reason).toContain(victim.profile.legalName);
      expect(file.reason).toContain('no key-rotation statement');
    }
  });

  it('never counts an assessment from a refused, relayed or losing file', () => {
    const input = consortiumFromFolder(read, { frameworks: catalog });
    const counted = new Set(input.assessments.map((assessment) => `${assessment.id}#${assessment.revision}`));
    const model = buildConsortium({ ...input, today: consortium.today });
    const shown = new Set([...model.cells, ...model.selfAssessments].map((cell) => `${cell.assessmentId}#${cell.revision}`));
    for (const never of consortium.expected.neverCounted) {
      if (never.why === 'conflict lost') expect(shown.has(`${never.id}#${never.revision}`), `${never.id} (${never.why})`).toBe(false);
      else expect(counted.has(`${never.id}#${never.revision}`), `${never.id} (${never.why})`).toBe(false);
    }
    for (const direction of consortium.expected.refusedDirections) {
      expect(model.cells.find((cell) => cell.assessor === direction.assessor && cell.subject === direction.subject), direction.fileName).toBeUndefined();
    }
    expect(input.notCounted.map((item) => [item.fileName, item.reason])).toEqual(consortium.expected.relayed.map((fileName) => [fileName, 'relayed']));
  });

  it('counts identical copies once and names the file they copy', () => {
    expect(read.duplicates).toEqual(sortByName(consortium.expected.duplicates));
    const accepted = new Set(read.accepted.map((file) => file.fileName));
    for (const duplicate of read.duplicates) {
      expect(accepted.has(duplicate.fileName)).toBe(false);
      expect(accepted.has(duplicate.sameAs)).toBe(true);
    }
  });

  it('keeps the newer of a file and its sync-conflict copies, and never counts both', () => {
    expect(read.conflicts.map(({ files, kept }) => ({ files, kept })).sort((a, b) => (a.kept < b.kept ? -1 : 1))).toEqual(
      [...consortium.expected.conflicts].sort((a, b) => (a.kept < b.kept ? -1 : 1)),
    );
    const accepted = new Set(read.accepted.map((file) => file.fileName));
    for (const conflict of read.conflicts) {
      expect(conflict.files.filter((name) => accepted.has(name))).toEqual([conflict.kept]);
      expect(conflict.why).toContain(conflict.kept);
    }
    expect(read.conflicts.map((conflict) => conflict.basis).sort()).toEqual(['issued-later', 'issued-later', 'revision', 'revision']);
  });

  it('counts a file named like a copy but holding other content on its own', () => {
    for (const name of consortium.expected.notConflicts) {
      expect(read.accepted.find((file) => file.fileName === name)).toMatchObject({ countedSeparately: true });
    }
  });

  it('leaves temporary files alone', () => {
    expect(read.ignored).toEqual(consortium.expected.ignored);
  });

  it('accepts the files of a member that replaced its key, through the old key’s rotation statement', () => {
    const member = consortium.members[7]!;
    const files = read.accepted.filter((file) => file.verified.issuer.exchangeId === member.exchangeId);
    const keys = new Set(files.map((file) => file.verified.signatures[0]!.fingerprint));
    expect(keys.size).toBe(2);
    expect(read.refused.some((file) => file.fileName.startsWith(member.slug))).toBe(false);
  });

  it('maps every counted assessment to the members by exchange id, matching partners named without one', () => {
    const input = consortiumFromFolder(read, { frameworks: catalog });
    const members = new Set(consortium.members.map((member) => member.exchangeId));
    expect(new Set(input.institutions.map((institution) => institution.key))).toEqual(members);
    for (const assessment of input.assessments) {
      expect(members.has(assessment.assessor.institutionId)).toBe(true);
      expect(members.has(assessment.subject.institutionId)).toBe(true);
    }
    expect(input.decisions).toEqual([expect.objectContaining({ from: consortium.members[0]!.exchangeId, to: consortium.members[1]!.exchangeId, outcome: 'conditional' })]);
  });

  it('with a partner-key registry, refuses the same files: the registry decides about the keys it knows', async () => {
    const dataDir = await consortium.registryDataDir();
    const checked = await readConsortiumFolder(consortium.folder, { partnerKeys: await PartnerKeys.open({ dataDir }), ownKeyRing: await KeyRing.open({ dataDir }) });

    expect(checked.refused.map((file) => ({ fileName: file.fileName, code: file.code }))).toEqual(sortByName(consortium.expected.refused));
    const own = checked.accepted.filter((file) => file.verified.issuer.exchangeId === consortium.members[0]!.exchangeId);
    expect(own.length).toBeGreaterThan(0);
    for (const file of own) expect(file.verified.signatures[0]!.trust).toEqual({ status: 'own', key: 'current' });
    const rotated = checked.accepted.filter((file) => file.verified.signatures[0]!.trust.status === 'rotated');
    expect(rotated.map((file) => file.verified.issuer.exchangeId)).toEqual([consortium.members[7]!.exchangeId]);
    const summary = summariseFolder(checked, consortiumFromFolder(checked, { frameworks: catalog }));
    expect(summary.keyCheck).toBe('registry');
  });

  it('reports progress file by file', async () => {
    const progress: Array<[number, number]> = [];
    await readConsortiumFolder(consortium.folder, { onProgress: (done, total) => progress.push([done, total]) });
    const total = (await scanExchangeFolder(consortium.folder)).files.length;
    expect(progress).toHaveLength(total);
    expect(progress.at(-1)).toEqual([total, total]);
  });
});

describe('a conflict copy from another institution', () => {
  it('is a file of its own, not a version of the original', async () => {
    const folder = await tempFolder('trustbridge-conflict-');
    const a = await makeParty(sampleProfile(), 'Dra. Elena Martín');
    const b = await makeParty(partnerProfile(), 'Prof. Dr. Anna Schmidt');
    try {
      const framework = sampleFramework();
      const fileOf = async (party: Party, id: string) =>
        createExchangeFile(
          { issuer: party.issuer, items: [{ type: 'framework', framework }, { type: 'assessment', assessment: sampleAssessment({ id, seriesId: 'same-series' }, { framework, subject: { institutionId: 'own', legalName: party.profile.legalName, country: party.profile.country } }) }] },
          party.keyRing,
          party.signer,
        );
      await writeFile(join(folder.path, 'self.trustbridge'), await fileOf(a, 'a-self'));
      await writeFile(join(folder.path, 'self (1).trustbridge'), await fileOf(b, 'b-self'));

      const read = await readConsortiumFolder(folder.path);

      expect(read.conflicts).toEqual([]);
      expect(read.accepted.map((file) => [file.fileName, file.countedSeparately ?? false])).toEqual([
        ['self (1).trustbridge', true],
        ['self.trustbridge', false],
      ]);
    } finally {
      await Promise.all([folder.remove(), a.remove(), b.remove()]);
    }
  });
});
