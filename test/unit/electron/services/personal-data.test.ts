/**
 * Personal data on real files: the demo's store names people in every place TrustBridge has for
 * them (contacts, authors, completers, history, exchange signers, decision makers, action owners,
 * the app user). They can be listed, exported, and erased everywhere — the erasure itself logged
 * without the erased data.
 */
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../../electron/app/core';
import { writeDemoData, type DemoResult } from '../../../../electron/demo/demo-data';
import { erasedEmail, erasedName, personalDataOf, personKey, type PersonalDataService } from '../../../../electron/services/personal-data';
import { fileTree } from '../../../support/file-tree';
import { templatesDir } from '../../../support/paths';
import { ScriptedDialogs } from '../../../support/scripted-dialogs';
import { tempFolder } from '../../../support/temp';

let folder: Awaited<ReturnType<typeof tempFolder>>;
let demo: DemoResult;
let core: Core;
let personalData: PersonalDataService;

const open = () => openCore({ dataDir: folder.path, templatesDir, dialogs: new ScriptedDialogs(), appVersion: 'test', platform: process.platform, systemLocale: 'en-GB' });

/** Every file of the data folder whose bytes contain `text`. */
async function filesContaining(text: string): Promise<string[]> {
  const found: string[] = [];
  for (const path of Object.keys(await fileTree(folder.path))) {
    if ((await readFile(join(folder.path, path), 'utf8')).includes(text)) found.push(path);
  }
  return found;
}

/** Each test gets its own copy of the demo's store: erasure changes it. */
function withDemoStore(): void {
  beforeEach(async () => {
    folder = await tempFolder('trustbridge-gdpr-');
    demo = await writeDemoData({ dataDir: folder.path, templatesDir });
    core = await open();
    personalData = personalDataOf(core, () => new Date('2026-12-01T10:00:00.000Z'));
    // Writing the demo takes a few seconds alone and much longer on a loaded machine; a hook that
    // times out keeps writing into the folder the next test removes.
  }, 120_000);
  afterEach(async () => {
    await core?.close();
    await folder.remove();
  });
}

describe('names', () => {
  it('treats the same name spaced or capitalised differently as one person', () => {
    expect(personKey('  María  José FERRER ')).toBe(personKey('maría josé ferrer'));
    expect(personKey('Maria Jose Ferrer')).not.toBe(personKey('María José Ferrer'));
  });
});

describe('listing the persons named in the store', () => {
  withDemoStore();
  it('finds institution contacts, authors, completers, history, signers, decision makers, action owners and the app user', async () => {
    const persons = await personalData.list();
    const byName = new Map(persons.map((person) => [person.name, person]));

    const rector = byName.get('Dra. Elena Martín Soler');
    expect(rector).toMatchObject({ emails: ['rectora@uni-ejemplo.example'], categories: ['legal-representative'] });
    expect(rector!.places).toEqual([
      expect.objectContaining({ collection: 'institutions', documentId: demo.institutions.A, documentTitle: 'Universidad de Ejemplo', field: 'profile.legalRepresentative.name', role: 'Rectora' }),
    ]);

    const officer = byName.get('María José Ferrer')!;
    expect(officer.categories).toEqual(
      expect.arrayContaining(['app-user', 'qa-contact', 'assessment-author', 'assessment-completer', 'change-history', 'decision-maker']),
    );
    expect(officer.places).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ collection: 'settings', field: 'userName' }),
        expect.objectContaining({ collection: 'assessments', documentId: demo.assessments.selfA, field: 'createdBy' }),
        expect.objectContaining({ collection: 'assessments', documentId: demo.assessments.selfA, field: 'completed.by', role: 'Head of the Quality Unit' }),
        expect.objectContaining({ collection: 'assessments', field: expect.stringMatching(/^history\.\d+\.by$/) }),
        expect.objectContaining({ collection: 'partnerships', documentId: demo.partnership, field: 'decision.decidedBy' }),
      ]),
    );

    // A partner's officer, named in the exchange file's signer line (free text) and as an action owner.
    const partnerOfficer = byName.get('Laura Virtanen')!;
    expect(partnerOfficer.categories).toEqual(expect.arrayContaining(['qa-contact', 'exchange-signer', 'assessment-completer']));
    expect(partnerOfficer.places).toEqual(
      expect.arrayContaining([expect.objectContaining({ category: 'exchange-signer', field: 'origin.signer', value: expect.stringContaining('Laura Virtanen') })]),
    );
    // Every place is in the catalogue's documents or the settings, and names its field.
    for (const person of persons) {
      for (const place of person.places) expect(['settings', 'institutions', 'assessments', 'partnerships']).toContain(place.collection);
    }
  });

  it('exports the list, or one person’s places for an access request, as JSON', async () => {
    const all = await personalData.exportTo(join(folder.path, '..', `${demo.partnership}-persons.json`));
    const written = JSON.parse(await readFile(all.path, 'utf8'));
    await rm(all.path);
    expect(written).toMatchObject({ format: 'trustbridge-personal-data', formatVersion: 1, exportedAt: '2026-12-01T10:00:00.000Z', scope: expect.stringContaining('not searched') });
    expect(written.persons.map((person: { name: string }) => person.name)).toEqual(expect.arrayContaining(['Dra. Elena Martín Soler', 'Laura Virtanen', 'María José Ferrer']));

    const one = await personalData.export({ key: personKey('Laura Virtanen') });
    expect(one.persons).toHaveLength(1);
    expect(one.persons[0]!.places.length).toBeGreaterThan(3);
    await expect(personalData.export({ key: 'nobody at all' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('erasing a person', () => {
  withDemoStore();
  it('anonymises the person everywhere, keeping structure and scores, and nothing in the folder names them any more', async () => {
    await core.store.snapshots.take('manual');
    const summariesBefore = core.assessments.list();
    const partnershipBefore = await core.partnerships.get(demo.partnership);
    expect(await filesContaining('Laura Virtanen')).not.toEqual([]);

    const result = await personalData.erase(personKey('Laura Virtanen'));

    expect(result).toMatchObject({ remainingCopies: [], at: '2026-12-01T10:00:00.000Z' });
    expect(result.categories).toEqual(expect.arrayContaining(['qa-contact', 'exchange-signer', 'assessment-completer']));
    expect(result.documentsChanged).toBeGreaterThanOrEqual(3);
    expect(result.copiesChanged).toBeGreaterThan(0);
    // Live documents, their .bak, the snapshot, the catalogue: no file names her, nor her e-mail.
    expect(await filesContaining('Laura Virtanen')).toEqual([]);
    expect(await filesContaining('quality@tampere-test.example')).toEqual([]);
    expect((await personalData.list()).map((person) => person.name)).not.toContain('Laura Virtanen');

    const partner = await core.institutions.get(demo.institutions.B);
    expect(partner.qaContact).toEqual({ name: erasedName, role: expect.any(String), email: erasedEmail });
    const selfB = await core.assessments.get(demo.assessments.selfB);
    expect(selfB.completed?.by).toBe(erasedName);
    expect(selfB.origin).toMatchObject({ type: 'exchange', signer: expect.stringContaining(erasedName) });
    // Scores, answers, statuses and the partnership are as they were.
    expect(core.assessments.list().map(({ updatedAt: _u, ...summary }) => summary)).toEqual(summariesBefore.map(({ updatedAt: _u, ...summary }) => summary));
    const partnershipAfter = await core.partnerships.get(demo.partnership);
    expect(partnershipAfter.decision).toEqual(partnershipBefore.decision);
    expect(partnershipAfter.actions.map((action) => ({ ...action, owner: '' }))).toEqual(partnershipBefore.actions.map((action) => ({ ...action, owner: '' })));
    // Others stay named.
    expect((await core.institutions.get(demo.institutions.A)).legalRepresentative.name).toBe('Dra. Elena Martín Soler');
  });

  it('survives a restart: the erased store opens cleanly, with nothing set aside', async () => {
    await personalData.erase(personKey('Dra. Elena Martín Soler'));
    await core.close();
    core = await open();
    expect(core.store.notices).toEqual([]);
    expect((await core.institutions.get(demo.institutions.A)).legalRepresentative).toEqual({ name: erasedName, role: 'Rectora', email: '' });
  });

  it('erasing the app user clears the user name in the settings and every place they signed', async () => {
    const result = await personalData.erase(personKey('María José Ferrer'));
    expect(result.categories).toEqual(expect.arrayContaining(['app-user', 'decision-maker', 'assessment-author', 'change-history', 'qa-contact']));
    expect(core.store.settings.userName).toBe('');
    expect(JSON.parse(await readFile(join(folder.path, 'settings.json'), 'utf8')).userName).toBe('');
    expect((await core.partnerships.get(demo.partnership)).decision?.decidedBy).toBe(erasedName);
    expect(await filesContaining('María José Ferrer')).toEqual([]);
  });

  it('records the erasure in a log that holds the date, the kinds of places and the counts, never the person', async () => {
    const first = await personalData.erase(personKey('Laura Virtanen'));
    await personalData.erase(personKey('Prof. Mikko Laine'));

    const log = await readFile(join(folder.path, 'erasures.json'), 'utf8');
    for (const erased of ['Laura', 'Virtanen', 'quality@tampere-test.example', 'Mikko', 'Laine', 'rector@tampere-test.example', personKey('Laura Virtanen')]) {
      expect(log).not.toContain(erased);
    }
    const records = await personalData.erasures();
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual({
      id: first.id,
      at: '2026-12-01T10:00:00.000Z',
      categories: first.categories,
      placesChanged: first.placesChanged,
      documentsChanged: first.documentsChanged,
      copiesChanged: first.copiesChanged,
    });
    expect(records[1]).toMatchObject({ categories: ['legal-representative'], placesChanged: 1, documentsChanged: 1 });
  });

  it('anonymises checked copies, also those set aside as damaged, and names the one it cannot read', async () => {
    // Given the partner's checked copy damaged twice over the years: once by a changed byte (the
    // JSON still reads, the checksum does not match), once cut short; each time the store set it
    // aside in quarantine/ and wrote a new copy from the document.
    const copyPath = join(folder.path, 'copies', 'documents', 'institutions', `${demo.institutions.B}.json.copy`);
    const damageCopy = async (damage: (text: string) => string) => {
      await core.close();
      await writeFile(copyPath, damage(await readFile(copyPath, 'utf8')));
      core = await open();
      personalData = personalDataOf(core, () => new Date('2026-12-01T10:00:00.000Z'));
      await core.institutions.get(demo.institutions.B);
    };
    await damageCopy((text) => text.replace('"Tampere', '"Tamperx'));
    await damageCopy((text) => text.slice(0, text.indexOf('Laura Virtanen') + 'Laura Virtanen'.length + 5));
    const setAside = (await filesContaining('Laura Virtanen')).filter((path) => path.startsWith('quarantine/'));
    expect(setAside).toHaveLength(2);
    expect(setAside.every((path) => /institutions\/.+\.json\.copy\./.test(path))).toBe(true);

    // When she is erased
    const result = await personalData.erase(personKey('Laura Virtanen'));

    // Then the copy that can be read is anonymised (and still a well-formed copy), and the one cut
    // short, which cannot be, is named as remaining rather than silently kept
    const left = await filesContaining('Laura Virtanen');
    expect(left).toHaveLength(1);
    expect(result.remainingCopies).toEqual(left);
    const readable = setAside.find((path) => !left.includes(path))!;
    const anonymised = await readFile(join(folder.path, readable));
    const header = /^trustbridge-copy 1 sha256=([0-9a-f]{64}) bytes=(\d+)\n/.exec(anonymised.toString('utf8'))!;
    const body = anonymised.subarray(Buffer.byteLength(header[0]));
    expect(createHash('sha256').update(body).digest('hex')).toBe(header[1]);
    expect(JSON.parse(body.toString('utf8')).profile.qaContact).toMatchObject({ name: erasedName, email: erasedEmail });
    // The live copy follows the document
    expect((await readFile(copyPath, 'utf8')).includes('Laura Virtanen')).toBe(false);
  });

  it('refuses a person who is not named in the store', async () => {
    await expect(personalData.erase('nobody at all')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(readFile(join(folder.path, 'erasures.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('a team assessment’s colleagues', () => {
  withDemoStore();
  it('are found with their role and e-mail, and erased everywhere, decisions and history included', async () => {
    // A committee's record on the partner's audit: two colleagues, one rating each, a decision.
    const id = demo.assessments.selfA;
    await core.store.update(core.assessments.kind, id, (draft) => ({
      ...draft,
      team: {
        contributors: [
          { id: '0b7c2f4e-51a3-4a8e-9f0e-0a1b2c3d4e5f', name: 'Inés Registradora', role: 'Registrar', email: 'ines.registrar@ejemplo.example', assignment: { dimensions: ['LEG'], criteria: [] }, addedAt: '2026-11-01T09:00:00.000Z', requests: [] },
          { id: '1c8d3a5f-62b4-4b9f-8a1f-1b2c3d4e5f60', name: 'Jon Datos', role: 'Data protection officer', email: 'jon@ejemplo.example', assignment: { dimensions: ['LEG'], criteria: [] }, addedAt: '2026-11-01T09:00:00.000Z', requests: [] },
        ],
        ratings: [],
        consolidations: {},
        history: [{ at: '2026-11-02T09:00:00.000Z', by: 'Inés Registradora', action: 'contributor-updated' as const, detail: '' }],
      },
    }));
    const inés = (await personalData.list()).find((person) => person.name === 'Inés Registradora');
    expect(inés?.places.map((place) => place.category)).toEqual(expect.arrayContaining(['team-contributor', 'change-history']));
    expect(inés?.places.find((place) => place.category === 'team-contributor')).toMatchObject({ role: 'Registrar', email: 'ines.registrar@ejemplo.example', documentId: id });

    const result = await personalData.erase(personKey('Inés Registradora'));
    expect(result.categories).toEqual(expect.arrayContaining(['team-contributor', 'change-history']));
    expect(await filesContaining('Inés Registradora')).toEqual([]);
    expect(await filesContaining('ines.registrar@ejemplo.example')).toEqual([]);
    const team = (await core.assessments.get(id)).team!;
    expect(team.contributors.map((person) => [person.name, person.email])).toEqual([
      [erasedName, erasedEmail],
      ['Jon Datos', 'jon@ejemplo.example'],
    ]);
    expect(team.history[0]!.by).toBe(erasedName);
  });
});
