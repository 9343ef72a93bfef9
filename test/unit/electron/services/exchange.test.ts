/**
 * Two institutions, two data folders, files going back and forth: self-assessments, an audit, a
 * newer revision, a replayed old file and a tampered one — through the same service the app uses.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { criteriaOf } from '../../../../shared/framework/schema';
import { completedSelfAssessment } from '../../../support/assessment-factories';
import { setUpParty, testCore, testPassphrase as passphrase, type TestCore } from '../../../support/core';
import { sampleProfile } from '../../../support/factories';
import { tempFolder } from '../../../support/temp';

let files: Awaited<ReturnType<typeof tempFolder>>;
let a: TestCore;
let b: TestCore;

const universidad = () => sampleProfile({ legalName: 'Universidad de Ejemplo', country: 'ES', city: 'Valencia', erasmusCode: 'E  VALENCI99' });
const tampere = () => sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99', schacCode: 'tampere-test.fi' });

async function send(from: TestCore, selection: Parameters<TestCore['exchange']['exportItems']>[0], name: string): Promise<string> {
  const path = join(files.path, name);
  await writeFile(path, await from.exchange.exportItems(selection));
  return path;
}

/** Every file of a data folder with its SHA-256: to prove a refused import changed nothing. */
async function fingerprintFolder(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if ((await stat(path)).isFile()) result[relative(dir, path)] = createHash('sha256').update(await readFile(path)).digest('hex');
    }
  };
  await walk(dir);
  return result;
}

beforeEach(async () => {
  files = await tempFolder('trustbridge-files-');
  a = await testCore();
  b = await testCore();
});

afterEach(async () => {
  await a.dispose();
  await b.dispose();
  await files.remove();
});

describe('exchange between two institutions', () => {
  it('sends a self-assessment, the partner imports it mapped to its own records, and remembers the key on first use', async () => {
    await setUpParty(a, universidad(), tampere(), 'Jordi Puig');
    const uniInB = await setUpParty(b, tampere(), universidad(), 'Liisa Virtanen');
    const selfA = await completedSelfAssessment(a);
    const file = await send(a, { assessmentIds: [selfA.id] }, 'uni-self.trustbridge');

    const [preview] = (await b.exchange.preview([file]))!;
    expect(preview).toMatchObject({ ok: true, issuer: { legalName: 'Universidad de Ejemplo' }, institution: { action: 'matched', legalName: 'Universidad de Ejemplo' } });
    expect(preview!.signatures).toEqual([expect.objectContaining({ signer: { name: 'Jordi Puig', role: 'Quality officer', institution: 'Universidad de Ejemplo' }, trust: 'new-issuer', confirmed: false })]);
    expect(preview!.items!.find((item) => item.type === 'assessment')).toMatchObject({ action: 'add', verdict: 'new' });
    expect(b.assessments.list()).toHaveLength(0);

    await b.exchange.apply([preview!.token]);
    const [held] = b.assessments.list();
    expect(held).toMatchObject({ id: selfA.id, kind: 'self', origin: 'exchange', subject: { institutionId: uniInB.id } });
    expect(b.institutions.list().find((item) => item.id === uniInB.id)?.exchangeId).toBe(a.identity.keyStatus().exchangeId);
    expect(b.identity.partnerIssuers()).toEqual([expect.objectContaining({ institutionName: 'Universidad de Ejemplo', keys: [expect.objectContaining({ status: 'unconfirmed' })] })]);
  });

  it('brings the partner’s self-assessment and its audit of us back, fills the partnership, and knows it was already imported', async () => {
    const tampereInA = await setUpParty(a, universidad(), tampere(), 'Jordi Puig');
    await setUpParty(b, tampere(), universidad(), 'Liisa Virtanen');
    const selfA = await completedSelfAssessment(a);
    const partnership = await a.partnerships.create({ partnerId: tampereInA.id, title: 'Data literacy' });
    await b.exchange.apply((await b.exchange.preview([await send(a, { assessmentIds: [selfA.id] }, 'a.trustbridge')]))!.map((p) => p.token));

    // B assesses itself and audits A (reviewing A's self-assessment it received).
    const selfB = await completedSelfAssessment(b);
    const guide = b.frameworks.list()[0]!;
    const uniInB = b.institutions.list().find((item) => item.kind === 'partner')!;
    const audit = await b.assessments.create({ kind: 'audit', subjectId: uniInB.id, frameworkKey: guide.key, language: 'en', title: 'Audit of Universidad', reviewsAssessmentId: selfA.id });
    for (const criterion of criteriaOf(b.assessments.frameworkOf(audit))) await b.assessments.saveAnswer(audit.id, criterion.id, { level: 2 });
    const back = await send(b, { assessmentIds: [selfB.id, audit.id] }, 'b.trustbridge');

    const [preview] = (await a.exchange.preview([back]))!;
    expect(preview!.items!.filter((item) => item.type === 'assessment').map((item) => item.action)).toEqual(['add', 'add']);
    await a.exchange.apply([preview!.token]);
    const linked = (await a.partnerships.get(partnership.id)).assessments;
    expect(linked).toEqual({ selfA: selfA.id, selfB: selfB.id, auditOfA: audit.id });

    // The same file again changes nothing.
    const [again] = (await a.exchange.preview([back]))!;
    expect(again!.changes).toBe(0);
    expect(again!.items!.filter((item) => item.type === 'assessment').map((item) => item.reason)).toEqual(['same', 'same']);
  });

  it('adds a newer revision as a revision, shows what changed, and refuses the old file replayed', async () => {
    await setUpParty(a, universidad(), tampere(), 'Jordi Puig');
    await setUpParty(b, tampere(), universidad(), 'Liisa Virtanen');
    const selfB = await completedSelfAssessment(b);
    const first = await send(b, { assessmentIds: [selfB.id] }, 'b-rev1.trustbridge');
    await a.exchange.apply((await a.exchange.preview([first]))!.map((p) => p.token));

    const revision = await b.assessments.reopen(selfB.id);
    await b.assessments.saveAnswer(revision.id, 'LEG-02', { level: 4, justification: 'New EQAR-registered review, 2026.' });
    await b.assessments.complete(revision.id);
    const second = await send(b, { assessmentIds: [revision.id] }, 'b-rev2.trustbridge');

    const [preview] = (await a.exchange.preview([second]))!;
    const plan = preview!.items!.find((item) => item.type === 'assessment')!;
    expect(plan).toMatchObject({ action: 'add-revision', verdict: 'newer-revision' });
    expect(JSON.stringify(plan.diff)).toContain('LEG-02');
    await a.exchange.apply([preview!.token]);
    expect(a.assessments.revisions(selfB.id).map((summary) => summary.revision)).toEqual([1, 2]);

    const before = await fingerprintFolder(a.dataDir);
    const [replay] = (await a.exchange.preview([first]))!;
    expect(replay!.items!.find((item) => item.type === 'assessment')).toMatchObject({ action: 'refuse', verdict: 'older' });
    expect(replay!.changes).toBe(0);
    await a.exchange.apply([replay!.token]);
    expect(await fingerprintFolder(a.dataDir)).toEqual(before);
  });

  it('refuses a file changed after signing, leaving the data folder byte for byte unchanged', async () => {
    await setUpParty(a, universidad(), tampere(), 'Jordi Puig');
    await setUpParty(b, tampere(), universidad(), 'Liisa Virtanen');
    const selfB = await completedSelfAssessment(b);
    const file = await send(b, { assessmentIds: [selfB.id] }, 'b.trustbridge');
    const tampered = (await readFile(file, 'utf8')).replace('"level": 3', '"level": 4');
    await writeFile(file, tampered);
    const before = await fingerprintFolder(a.dataDir);
    const [preview] = (await a.exchange.preview([file]))!;
    expect(preview).toMatchObject({ ok: false, error: { code: 'SIGNATURE_INVALID' } });
    await expect(a.exchange.apply([preview!.token])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await fingerprintFolder(a.dataDir)).toEqual(before);
  });

  it('asks for the passphrase before signing when the key is locked', async () => {
    await setUpParty(a, universidad(), tampere(), 'Jordi Puig');
    const selfA = await completedSelfAssessment(a);
    a.identity.lock();
    await expect(a.exchange.exportItems({ assessmentIds: [selfA.id] })).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(a.identity.unlock('not the passphrase')).rejects.toBeTruthy();
    await a.identity.unlock(passphrase);
    expect((await a.exchange.exportItems({ assessmentIds: [selfA.id] })).length).toBeGreaterThan(1000);
  });
});
