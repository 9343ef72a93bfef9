/**
 * The partnership agreement between two data folders: drafted by A from a partnership decided
 * ready with conditions, signed, sent, countersigned by B and sent back; changes after signing;
 * files that must be refused; the Word export of the concluded agreement read back.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agreementContentHash } from '../../../../shared/agreement/hash';
import type { AgreementEdit } from '../../../../electron/services/agreements';
import type { Agreement } from '../../../../shared/agreement/schema';
import { exportAgreement } from '../../../../electron/export';
import { completedSelfAssessment } from '../../../support/assessment-factories';
import { setUpParty, testCore, type TestCore } from '../../../support/core';
import { sampleProfile } from '../../../support/factories';
import { templatesDir } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';

let files: Awaited<ReturnType<typeof tempFolder>>;
let a: TestCore;
let b: TestCore;
let c: TestCore;

const universidad = () =>
  sampleProfile({ legalName: 'Universidad de Ejemplo', country: 'ES', city: 'Valencia', erasmusCode: 'E  VALENCI99', legalRepresentative: { name: 'María López', role: 'Rector', email: '' } });
const tampere = () =>
  sampleProfile({ legalName: 'Tampere Test University', country: 'FI', city: 'Tampere', erasmusCode: 'SF TAMPERE99', schacCode: 'tampere-test.fi', legalRepresentative: { name: 'Mikko Laine', role: 'Rector', email: '' } });
const coimbra = () => sampleProfile({ legalName: 'Universidade de Teste', country: 'PT', city: 'Coimbra', erasmusCode: 'P  COIMBRA99' });

/** A's partnership with B, decided ready with one condition for B, and its agreement drafted. */
async function draftAtA(): Promise<Agreement> {
  const tampereInA = await setUpParty(a, universidad(), tampere(), 'Jordi Puig');
  await setUpParty(b, tampere(), universidad(), 'Liisa Virtanen');
  // B's key becomes known to A as B's exchange id through a first file (as in real life).
  const selfB = await completedSelfAssessment(b);
  await receive(a, await write(await b.exchange.exportItems({ assessmentIds: [selfB.id] }), 'b-self.trustbridge'));
  await completedSelfAssessment(a);
  const partnership = await a.partnerships.create({ partnerId: tampereInA.id, title: 'Micro-credentials in data literacy' });
  await a.partnerships.decide(partnership.id, { outcome: 'conditional', rationale: 'Ready once the data-sharing arrangement is signed.' });
  await a.partnerships.saveAction(partnership.id, {
    title: 'Sign a joint-controller arrangement for learner data',
    criterionId: 'DAT-01',
    side: 'B',
    owner: 'Mikko Laine',
    dueDate: '2027-03-31',
    status: 'open',
    isCondition: true,
    notes: '',
  });
  return a.agreements.create({ partnershipId: partnership.id, language: 'en' });
}

async function write(bytes: Uint8Array, name: string): Promise<string> {
  const path = join(files.path, name);
  await writeFile(path, bytes);
  return path;
}

async function preview(core: TestCore, path: string) {
  const [result] = (await core.exchange.preview([path]))!;
  return result!;
}

async function receive(core: TestCore, path: string) {
  const result = await preview(core, path);
  expect(result.error).toBeUndefined();
  await core.exchange.apply([result.token]);
  return result;
}

function editOf(agreement: Agreement): AgreementEdit {
  const { content } = agreement;
  return {
    title: content.title,
    signatories: { A: content.parties.A.signatory, B: content.parties.B.signatory },
    scope: content.scope,
    clauses: content.clauses.map(({ id, heading, text }) => ({ id, heading, text })),
  };
}

beforeEach(async () => {
  files = await tempFolder('trustbridge-agreement-');
  a = await testCore();
  b = await testCore();
  c = await testCore();
});

afterEach(async () => {
  await Promise.all([a.dispose(), b.dispose(), c.dispose()]);
  await files.remove();
});

describe('the partnership agreement', () => {
  it('is drafted from the partnership: parties and signatories, the condition, the guide version, both exchange ids', async () => {
    const agreement = await draftAtA();
    const { content } = agreement;
    expect(agreement.ownSide).toBe('A');
    expect(content.parties.A).toMatchObject({ legalName: 'Universidad de Ejemplo', exchangeId: a.identity.keyStatus().exchangeId, signatory: { name: 'María López', role: 'Rector' } });
    expect(content.parties.B).toMatchObject({ legalName: 'Tampere Test University', exchangeId: b.identity.keyStatus().exchangeId, signatory: { name: 'Mikko Laine', role: 'Rector' } });
    expect(content.conditions).toEqual([expect.objectContaining({ text: 'Sign a joint-controller arrangement for learner data', side: 'B', criterionId: 'DAT-01', dueDate: '2027-03-31' })]);
    expect(content.decision.outcome).toBe('conditional');
    expect(content.framework.id).toBe('trustbridge-guide');
    expect(a.agreements.list()).toEqual([expect.objectContaining({ id: agreement.id, state: 'draft', signedBy: [] })]);
    // One agreement per partnership.
    await expect(a.agreements.create({ partnershipId: content.partnershipId, language: 'en' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('is refused for a partnership not decided ready', async () => {
    const tampereInA = await setUpParty(a, universidad(), tampere(), 'Jordi Puig');
    await completedSelfAssessment(a);
    const partnership = await a.partnerships.create({ partnerId: tampereInA.id, title: 'Undecided' });
    await expect(a.agreements.create({ partnershipId: partnership.id, language: 'en' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await a.partnerships.decide(partnership.id, { outcome: 'not-ready', rationale: 'Critical gaps in data protection.' });
    await expect(a.agreements.create({ partnershipId: partnership.id, language: 'en' })).rejects.toThrow(/not ready/);
    expect(a.agreements.list()).toEqual([]);
  });

  it('keeps a clause edited by hand, writes the others again from the new scope, and marks only the edited one', async () => {
    const drafted = await draftAtA();
    const edit = editOf(drafted);
    edit.scope = { ...edit.scope, ectsMin: 2, ectsMax: 10 };
    const duration = edit.clauses.find((clause) => clause.id === 'duration')!;
    duration.text = `${duration.text}\nLearners enrolled at the date of notice complete their micro-credential.`;
    const saved = await a.agreements.update(drafted.id, edit);
    const clauses = new Map(saved.content.clauses.map((clause) => [clause.id, clause]));
    expect(clauses.get('duration')).toMatchObject({ edited: true, text: expect.stringContaining('Learners enrolled at the date of notice') });
    expect(saved.content.clauses.filter((clause) => clause.edited).map((clause) => clause.id)).toEqual(['duration']);
    // The ECTS range appears, freshly written, in a clause that was not touched.
    expect(saved.content.clauses.some((clause) => !clause.edited && /\b2\b.*\b10\b/.test(clause.text))).toBe(true);
    expect(saved.history.map((event) => event.kind)).toEqual(['drafted', 'edited']);

    // Saving the same thing again changes nothing.
    const again = await a.agreements.update(drafted.id, editOf(saved));
    expect(again.updatedAt).toBe(saved.updatedAt);
    // A clause given back its model text is no longer marked as edited.
    const view = await a.agreements.view(drafted.id);
    const restored = editOf(saved);
    restored.clauses = restored.clauses.map((clause) => (clause.id === 'duration' ? view.templateClauses.find((model) => model.id === 'duration')! : clause));
    const back = await a.agreements.update(drafted.id, restored);
    expect(back.content.clauses.find((clause) => clause.id === 'duration')!.edited).toBe(false);
  });

  it('goes from A’s signature to B’s countersignature and back: both hold the same text with both signatures', async () => {
    const drafted = await draftAtA();
    const signedByA = await a.agreements.sign(drafted.id);
    expect(signedByA.signatures).toEqual([expect.objectContaining({ side: 'A', signer: { name: 'María López', role: 'Rector', institution: 'Universidad de Ejemplo' } })]);
    expect((await a.agreements.view(drafted.id)).state).toBe('awaiting-partner');
    await expect(a.agreements.sign(drafted.id)).rejects.toMatchObject({ code: 'CONFLICT' });

    // B receives A's signed agreement.
    const toB = await write(await a.agreements.exchangeFile(drafted.id), 'agreement-signed-by-a.trustbridge');
    const atB = await preview(b, toB);
    expect(atB.items!.find((item) => item.type === 'agreement')).toMatchObject({ action: 'add', reason: 'agreement-new' });
    await b.exchange.apply([atB.token]);
    const received = await b.agreements.view(drafted.id);
    expect(received).toMatchObject({ state: 'awaiting-own', integrity: { ok: true }, canSign: true, agreement: { ownSide: 'B' } });
    expect(received.signatures).toEqual([expect.objectContaining({ side: 'A', valid: true, coversContent: true, key: 'unconfirmed' })]);
    expect(received.contentHash).toBe(agreementContentHash(drafted.content));

    // B countersigns the same text and sends it back.
    await b.agreements.sign(drafted.id);
    const concludedAtB = await b.agreements.view(drafted.id);
    expect(concludedAtB.state).toBe('concluded');
    expect(concludedAtB.signatures.map((signature) => [signature.side, signature.signer.name, signature.key])).toEqual([
      ['A', 'María López', 'unconfirmed'],
      ['B', 'Mikko Laine', 'own'],
    ]);
    const backToA = await write(await b.agreements.exchangeFile(drafted.id), 'agreement-countersigned.trustbridge');
    // The countersigned file is A's own payload: A accepts it for the countersignature it brings.
    const atA = await preview(a, backToA);
    expect(atA.ok).toBe(true);
    expect(atA.items!.find((item) => item.type === 'agreement')).toMatchObject({ action: 'add-revision', reason: 'agreement-countersigned' });
    await a.exchange.apply([atA.token]);
    const concludedAtA = await a.agreements.view(drafted.id);
    expect(concludedAtA).toMatchObject({ state: 'concluded', integrity: { ok: true }, canSign: false, canSendFile: true });
    expect(concludedAtA.signatures.map((signature) => [signature.side, signature.key, signature.valid])).toEqual([
      ['A', 'own', true],
      ['B', 'unconfirmed', true],
    ]);
    expect(concludedAtA.contentHash).toBe(concludedAtB.contentHash);
    expect(concludedAtA.verificationCode).toBe(concludedAtB.verificationCode);
    expect(concludedAtA.endsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(a.agreements.list()[0]).toMatchObject({ state: 'concluded', signedBy: ['A', 'B'] });
    expect((await a.agreements.get(drafted.id)).history.map((event) => event.kind)).toEqual(['drafted', 'signed', 'countersignature-received']);

    // The same countersigned file again brings nothing.
    expect((await preview(a, backToA)).changes).toBe(0);
  });

  it('shows a change after signing: the signatures stay but no longer cover the text, and nothing unsigned is sent', async () => {
    const drafted = await draftAtA();
    await a.agreements.sign(drafted.id);
    const edit = editOf(await a.agreements.get(drafted.id));
    edit.scope = { ...edit.scope, durationYears: 5 };
    await a.agreements.update(drafted.id, edit);
    const view = await a.agreements.view(drafted.id);
    expect(view.state).toBe('changed-after-signing');
    expect(view.signatures).toEqual([expect.objectContaining({ side: 'A', coversContent: false, valid: true })]);
    expect(view.canSendFile).toBe(false);
    await expect(a.agreements.exchangeFile(drafted.id)).rejects.toThrow(/changed after it was signed/);
    // Signing again issues a new payload and drops the signature of the earlier text.
    await a.agreements.sign(drafted.id);
    const resigned = await a.agreements.view(drafted.id);
    expect(resigned.state).toBe('awaiting-partner');
    expect(resigned.signatures).toHaveLength(1);
    expect(resigned.signatures[0]!.coversContent).toBe(true);
  });

  it('at B: takes A’s newer signed text after an older one, refuses the older one replayed, and refuses it over B’s own unsigned edits', async () => {
    const drafted = await draftAtA();
    await a.agreements.sign(drafted.id);
    const first = await write(await a.agreements.exchangeFile(drafted.id), 'first.trustbridge');
    await receive(b, first);

    const edit = editOf(await a.agreements.get(drafted.id));
    edit.scope = { ...edit.scope, reviewCycleMonths: 6 };
    await a.agreements.update(drafted.id, edit);
    await a.agreements.sign(drafted.id);
    const second = await write(await a.agreements.exchangeFile(drafted.id), 'second.trustbridge');

    const newer = await preview(b, second);
    const plan = newer.items!.find((item) => item.type === 'agreement')!;
    expect(plan).toMatchObject({ action: 'add-revision', reason: 'agreement-new-text' });
    expect(plan.changedParts).toContain('scope');
    await b.exchange.apply([newer.token]);
    expect((await b.agreements.get(drafted.id)).content.scope.reviewCycleMonths).toBe(6);

    const replayed = await preview(b, first);
    expect(replayed.items!.find((item) => item.type === 'agreement')).toMatchObject({ action: 'refuse', reason: 'agreement-older' });
    expect(replayed.changes).toBe(0);

    // B edits locally; A's next text is then not taken over B's work.
    const atB = editOf(await b.agreements.get(drafted.id));
    atB.title = `${atB.title} (Tampere's proposal)`;
    await b.agreements.update(drafted.id, atB);
    edit.scope = { ...edit.scope, reviewCycleMonths: 24 };
    await a.agreements.update(drafted.id, edit);
    await a.agreements.sign(drafted.id);
    const third = await write(await a.agreements.exchangeFile(drafted.id), 'third.trustbridge');
    expect((await preview(b, third)).items!.find((item) => item.type === 'agreement')).toMatchObject({ action: 'refuse', reason: 'agreement-local-edits' });
    expect((await b.agreements.get(drafted.id)).content.title).toContain("Tampere's proposal");
  });

  it('after an amendment, refuses the partner’s countersigned copy of the earlier text, by file and through the inbox, and concludes only the amended text', async () => {
    const drafted = await draftAtA();
    await a.agreements.sign(drafted.id);
    await receive(b, await write(await a.agreements.exchangeFile(drafted.id), 'signed-by-a.trustbridge'));
    await b.agreements.sign(drafted.id);
    const countersignedBytes = await b.agreements.exchangeFile(drafted.id);
    const countersignedOld = await write(countersignedBytes, 'countersigned-before-the-amendment.trustbridge');

    // A amends the signed text before B's countersigned copy reaches it.
    await a.agreements.amend(drafted.id);
    const refusedAtA = async () => {
      const before = await a.agreements.get(drafted.id);
      const result = await preview(a, countersignedOld);
      expect(result.items!.find((item) => item.type === 'agreement')).toMatchObject({ action: 'refuse', reason: 'agreement-amended' });
      expect(result.changes).toBe(0);
      await a.exchange.apply([result.token]);
      expect(await a.agreements.get(drafted.id)).toEqual(before);
    };
    // The amended text is still word for word the signed one: B's signature must not conclude it.
    await refusedAtA();
    expect((await a.agreements.view(drafted.id)).state).toBe('draft');

    // Changed, then signed by A: still no countersignature from the old copy.
    const edit = editOf(await a.agreements.get(drafted.id));
    edit.scope = { ...edit.scope, durationYears: edit.scope.durationYears + 1 };
    await a.agreements.update(drafted.id, edit);
    await refusedAtA();
    await a.agreements.sign(drafted.id);
    await refusedAtA();
    const awaiting = await a.agreements.view(drafted.id);
    expect(awaiting.state).toBe('awaiting-partner');
    expect(awaiting.signatures.map((signature) => [signature.side, signature.coversContent])).toEqual([['A', true]]);

    // The same copy through the shared-folder inbox: listed (not put aside as nothing new) with the
    // same refusal for the officer to read; accepting it anyway takes nothing.
    const shared = await tempFolder('trustbridge-agreement-inbox-');
    try {
      await a.inbox.setFolder(shared.path);
      await b.inbox.setFolder(shared.path);
      await b.inbox.publish('Agreement countersigned by Tampere', countersignedBytes);
      const [entry] = (await a.inbox.scan()).entries;
      expect(entry!.preview.items!.find((item) => item.type === 'agreement')).toMatchObject({ action: 'refuse', reason: 'agreement-amended' });
      const before = await a.agreements.get(drafted.id);
      expect((await a.inbox.accept(entry!.sha256)).added).toBe(0);
      expect(await a.agreements.get(drafted.id)).toEqual(before);
    } finally {
      await a.inbox.setFolder(null);
      await b.inbox.setFolder(null);
      await shared.remove();
    }

    // The amended text goes to B, which countersigns it; that copy concludes it at A.
    const amendedAtB = await preview(b, await write(await a.agreements.exchangeFile(drafted.id), 'amended-signed-by-a.trustbridge'));
    expect(amendedAtB.items!.find((item) => item.type === 'agreement')).toMatchObject({ action: 'add-revision', reason: 'agreement-new-text' });
    await b.exchange.apply([amendedAtB.token]);
    await b.agreements.sign(drafted.id);
    await receive(a, await write(await b.agreements.exchangeFile(drafted.id), 'amended-countersigned.trustbridge'));
    const concluded = await a.agreements.view(drafted.id);
    expect(concluded.state).toBe('concluded');
    expect(concluded.agreement.content.scope.durationYears).toBe(edit.scope.durationYears);

    // Concluded, amended again: the countersigned copy of the text just concluded is refused too.
    const countersignedSecond = await write(await b.agreements.exchangeFile(drafted.id), 'second-countersigned.trustbridge');
    await a.agreements.amend(drafted.id);
    const replayed = await preview(a, countersignedSecond);
    expect(replayed.items!.find((item) => item.type === 'agreement')).toMatchObject({ action: 'refuse', reason: 'agreement-amended' });
    expect((await a.agreements.get(drafted.id)).revisions).toHaveLength(2);
  });

  it('is refused by an institution that is not a party', async () => {
    const drafted = await draftAtA();
    await a.agreements.sign(drafted.id);
    await setUpParty(c, coimbra(), universidad(), 'Ana Costa');
    const path = await write(await a.agreements.exchangeFile(drafted.id), 'not-for-c.trustbridge');
    const result = await preview(c, path);
    expect(result.items!.find((item) => item.type === 'agreement')).toMatchObject({ action: 'refuse', reason: 'agreement-not-a-party' });
    await c.exchange.apply([result.token]);
    expect(c.agreements.list()).toEqual([]);
  });

  it('notices a stored copy whose signed payload was altered', async () => {
    const drafted = await draftAtA();
    await a.agreements.sign(drafted.id);
    await a.store.update(a.agreements.kind, drafted.id, (current) => {
      const payload = structuredClone(current.signedPayload) as { items: Array<{ type: string; agreement?: { scope: { ectsMax: number } } }> };
      payload.items.find((item) => item.type === 'agreement')!.agreement!.scope.ectsMax = 60;
      return { ...current, signedPayload: payload };
    });
    const view = await a.agreements.view(drafted.id);
    expect(view.integrity).toMatchObject({ ok: false, message: expect.stringMatching(/changed after it was signed/) });
    expect(view.signatures.every((signature) => !signature.valid)).toBe(true);
    expect(view.canSendFile).toBe(false);
    await expect(a.agreements.exchangeFile(drafted.id)).rejects.toMatchObject({ code: 'DAMAGED_FILE' });
  });

  it('exports the concluded agreement to Word with both seals, read back by python-docx', async () => {
    const drafted = await draftAtA();
    await a.agreements.sign(drafted.id);
    await receive(b, await write(await a.agreements.exchangeFile(drafted.id), 'to-b.trustbridge'));
    await b.agreements.sign(drafted.id);
    await receive(a, await write(await b.agreements.exchangeFile(drafted.id), 'to-a.trustbridge'));
    const agreement = await a.agreements.get(drafted.id);
    const outPath = join(files.path, 'agreement.docx');
    await exportAgreement({ agreement, templatesDir, outPath, framework: a.frameworks.byRef(agreement.content.framework, 'en')! });
    const text = execFileSync('/usr/bin/python3', ['-c', readDocx, outPath], { encoding: 'utf8' });
    expect(text).toContain('María López');
    expect(text).toContain('Mikko Laine');
    expect(text).toContain((await a.agreements.view(drafted.id)).verificationCode);
    expect(text).toMatch(/not a qualified electronic signature/i);
    expect((await readFile(outPath)).subarray(0, 2).toString()).toBe('PK');
  });
});

/** Every paragraph and table cell of a Word file, as plain text. */
const readDocx = `
import sys, docx
d = docx.Document(sys.argv[1])
parts = [p.text for p in d.paragraphs]
for t in d.tables:
    for row in t.rows:
        for cell in row.cells:
            parts.append(cell.text)
print("\\n".join(parts))
`;
