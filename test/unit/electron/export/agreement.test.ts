/**
 * The agreement's Word export, end to end on real files: a partnership decided in a real core, the
 * draft built from the shipped templates, seals made with real keys (each party its own data
 * folder), and the document read back as XML, by python-docx, and by LibreOffice as a PDF.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAgreement, loadAgreementTexts } from '../../../../electron/export';
import { agreementContentHash, agreementVerificationCode, buildAgreementDraft, refillClauses } from '../../../../shared/agreement/build';
import type { Agreement, AgreementContent, AgreementSide, AgreementSignature } from '../../../../shared/agreement/schema';
import { canonicalJson } from '../../../../shared/crypto/canonical-json';
import { fingerprintForDisplay, verificationCode } from '../../../../shared/exchange/fingerprint';
import { frameworkRef } from '../../../../shared/framework/fingerprint';
import type { Framework } from '../../../../shared/framework/schema';
import { setUpCore } from '../../../support/core';
import { makeParty, type Party } from '../../../support/exchange-factories';
import { templatesDir } from '../../../support/paths';
import { tempFolder } from '../../../support/temp';

const python = '/usr/bin/python3';
const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((path) => existsSync(path));
const now = () => new Date('2026-11-23T09:00:00.000Z');

let folder: Awaited<ReturnType<typeof tempFolder>>;
let setup: Awaited<ReturnType<typeof setUpCore>>;
let framework: Framework;
let draft: AgreementContent;
let partyA: Party;
let partyB: Party;

beforeAll(async () => {
  folder = await tempFolder('trustbridge-agreement-');
  setup = await setUpCore({ now });
  const { core, own, partner, guide } = setup;
  framework = await core.frameworks.get(guide.key, 'en');
  const created = await core.partnerships.create({ partnerId: partner.id, title: 'Ejemplo – Tampere 2026' });
  await core.partnerships.decide(created.id, { outcome: 'conditional', rationale: 'Ready once the data-protection arrangement is signed.' });
  const base = { owner: 'Jordi Puig', notes: '', isCondition: true } as const;
  await core.partnerships.saveAction(created.id, { ...base, title: 'Sign a joint-controller arrangement (Art. 26 GDPR) for learner data', criterionId: 'DAT-01', side: 'B', dueDate: '2027-03-31', status: 'open' });
  await core.partnerships.saveAction(created.id, { ...base, title: 'Publish the micro-credential QA policy', criterionId: 'IQA-01', side: 'A', dueDate: '2027-01-31', status: 'in-progress' });
  await core.partnerships.saveAction(created.id, { ...base, title: 'Register the agency report in DEQAR', criterionId: 'LEG-02', side: 'A', status: 'done' });
  const partnership = await core.partnerships.get(created.id);
  draft = buildAgreementDraft({
    id: 'agreement-2026',
    partnership,
    institutions: { A: own, B: partner },
    framework,
    decisionRef: frameworkRef(framework),
    language: 'en',
    texts: await loadAgreementTexts(templatesDir, 'en'),
    now: now(),
  });
  partyA = await makeParty(own, 'Dra. Elena Martín', now);
  partyB = await makeParty(partner, 'Prof. Liisa Virtanen', now);
}, 60_000);

afterAll(async () => {
  await setup?.core.dispose();
  await partyA?.remove();
  await partyB?.remove();
  await folder?.remove();
});

/** A seal as the app records it: the key ring signs the canonical content; the hash is kept beside it. */
async function seal(party: Party, side: AgreementSide, content: AgreementContent, signedAt: string): Promise<AgreementSignature> {
  const jws = await party.keyRing.signCanonical(canonicalJson(content), party.signer);
  return { side, signer: party.signer, signedAt, keyFingerprint: party.keyRing.fingerprint(), contentHash: agreementContentHash(content), jws };
}

function agreementOf(content: AgreementContent, signatures: AgreementSignature[]): Agreement {
  return {
    schemaVersion: 1,
    id: content.id,
    content,
    signedPayload: content,
    signatures,
    ownSide: 'A',
    history: [],
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-22T16:00:00.000Z',
  };
}

function unzip(file: string, part: string): string {
  return execFileSync('/usr/bin/unzip', ['-p', file, part], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
}

function parts(file: string, pattern: RegExp): string[] {
  return execFileSync('/usr/bin/unzip', ['-Z1', file]).toString().split('\n').filter((name) => pattern.test(name));
}

/** The document's text with paragraphs on their own lines and runs joined. */
function documentText(file: string): string {
  return unzip(file, 'word/document.xml')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

function hasPython(module: string): boolean {
  return spawnSync(python, ['-c', `import ${module}`]).status === 0;
}

describe('agreement Word export', () => {
  it('given an agreement sealed by both parties, writes the title page, numbered clauses, conditions, the annex and the signature page', async () => {
    const agreement = agreementOf(draft, [await seal(partyA, 'A', draft, '2026-11-22T10:15:00.000Z'), await seal(partyB, 'B', draft, '2026-11-22T15:40:00.000Z')]);
    const out = join(folder.path, 'agreement-sealed.docx');
    const progress: Array<[number, number]> = [];
    const result = await exportAgreement({ agreement, framework, templatesDir, outPath: out, now, onProgress: (done, total) => progress.push([done, total]) });
    expect(result.bytes).toBeGreaterThan(10_000);
    expect(progress.at(-1)).toEqual([3, 3]);

    const text = documentText(out);
    const code = agreementVerificationCode(draft);
    // Title page: title, kicker, both parties, the date, the text's verification code and full hash.
    expect(text).toContain('Agreement on micro-credentials');
    expect(text).toContain('PARTNERSHIP AGREEMENT');
    expect(text).toContain('between Universidad de Ejemplo and Tampere Test University');
    expect(text).toContain('Ready with conditions, 23 November 2026');
    expect(text).toContain(code);
    expect(text).toContain((agreementContentHash(draft).match(/.{4}/g) ?? []).join(' '));
    expect(text).toContain('Covering this text: 2 of 2');
    // Every clause, numbered, with its text; sub-paragraphs numbered, list items lettered.
    draft.clauses.forEach((clause, index) => expect(text).toContain(`${index + 1}.\u2002${clause.heading}`));
    expect(text).toContain('1.1\tThis agreement is made between Universidad de Ejemplo');
    expect(text).toContain('(a)\t“micro-credential” means');
    expect(text).toContain('(k)\ttype of quality assurance used to underpin the micro-credential.');
    // The conditions table: open conditions only, with party, criterion and due date.
    expect(text).toContain('Sign a joint-controller arrangement (Art. 26 GDPR) for learner data');
    expect(text).toContain('Publish the micro-credential QA policy');
    expect(text).not.toContain('Register the agency report in DEQAR');
    expect(text).toContain('31 March 2027');
    // Annex 1 with the criteria's titles from the guide.
    expect(text).toContain('Annex 1: Quality commitments');
    expect(text).toContain('GDPR-compliant exchange of learner data');
    // Signature page: each seal with signer, date, fingerprint and codes, and the eIDAS statement.
    expect(text).toContain('Dra. Elena Martín, Rectora');
    expect(text).toContain('Prof. Liisa Virtanen');
    expect(text).toContain('22 November 2026 at 10:15 UTC');
    expect(text).toContain(fingerprintForDisplay(partyA.keyRing.fingerprint()));
    expect(text).toContain(verificationCode(partyB.keyRing.fingerprint()));
    expect(text.match(/Yes: this seal covers this text\./g)).toHaveLength(2);
    expect(text).not.toContain('does not cover this text');
    expect(text).toContain('It is not a qualified electronic signature under the eIDAS Regulation (EU) No 910/2014');
    expect(text).toContain('Only a qualified electronic signature has the legal effect of a handwritten signature');
    expect(text).toContain('For Universidad de Ejemplo');
    expect(text).toContain('For Tampere Test University');
    expect(text).toContain('Place and date');
    expect(text).not.toContain('{{');
    expect(text).not.toContain('[[');

    const document = unzip(out, 'word/document.xml');
    const tables = document.split('<w:tbl>').length - 1;
    expect(document.split('<w:tblLayout w:type="fixed"/>').length - 1).toBe(tables);
    expect(document).not.toMatch(/w:type="pct"/);
    expect([...document.matchAll(/<w:pStyle w:val="Heading1"\/>.*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1])).toEqual(['Terms of the agreement', 'Annex 1: Quality commitments', 'Signatures']);
    // Running header with both parties and the title; footer with the code and "page X of Y".
    const furniture = parts(out, /^word\/(header|footer)\d+\.xml$/).map((part) => unzip(out, part)).join('');
    expect(furniture).toContain('Universidad de Ejemplo and Tampere Test University');
    expect(furniture).toContain(`Verification code ${code}`);
    expect(furniture).toMatch(/PAGE/);
    expect(furniture).toMatch(/NUMPAGES/);

    if (!hasPython('docx')) {
      console.warn('python-docx is not installed for /usr/bin/python3: skipping the independent Word reader (apt-get install python3-docx).');
      return;
    }
    const read = JSON.parse(
      execFileSync(python, [
        '-c',
        'import sys, json, docx\nd = docx.Document(sys.argv[1])\ncells = [c.text for t in d.tables for r in t.rows for c in r.cells]\nprint(json.dumps({"headings": [[p.style.name, p.text] for p in d.paragraphs if p.style.name.startswith("Heading")], "tables": len(d.tables), "cells": cells, "title": d.core_properties.title}))',
        out,
      ]).toString('utf8'),
    ) as { headings: Array<[string, string]>; tables: number; cells: string[]; title: string };
    expect(read.tables).toBe(tables);
    expect(read.headings.filter(([style]) => style === 'Heading 2').map(([, heading]) => heading)).toContain('4.\u2002Mutual recognition');
    expect(read.headings.some(([style, heading]) => style === 'Heading 3' && heading === 'Party B: Tampere Test University')).toBe(true);
    expect(read.cells.some((cell) => cell.includes('not a qualified electronic signature'))).toBe(true);
    expect(read.cells).toContain('Sign a joint-controller arrangement (Art. 26 GDPR) for learner data');
    expect(read.title).toBe('Agreement on micro-credentials — Universidad de Ejemplo and Tampere Test University');
  });

  it('reports a signature made before the text changed as not covering this text', async () => {
    const sealedByA = await seal(partyA, 'A', draft, '2026-11-22T10:15:00.000Z');
    // A lawyer edits a clause after A sealed; B seals the changed text.
    const changed = refillClauses(
      { ...draft, clauses: draft.clauses.map((clause) => (clause.id === 'final-provisions' ? { ...clause, text: `${clause.text}\nThis agreement is governed by Spanish law.`, edited: true } : clause)) },
      await loadAgreementTexts(templatesDir, 'en'),
    );
    const agreement = agreementOf(changed, [sealedByA, await seal(partyB, 'B', changed, '2026-11-23T08:00:00.000Z')]);
    const out = join(folder.path, 'agreement-changed.docx');
    await exportAgreement({ agreement, framework, templatesDir, outPath: out, now });
    const text = documentText(out);
    expect(text).toContain('No: the content was changed after this signature. This signature does not cover this text.');
    expect(text.match(/Yes: this seal covers this text\./g)).toHaveLength(1);
    expect(text).toContain('Made before a change of the text, no longer covering it: 1');
    expect(text).toContain(agreementVerificationCode(changed));
    // The seal shows the code of the text it was made over, which is not this text's.
    expect(text).toContain(agreementVerificationCode(draft));
    expect(text).toContain('This agreement is governed by Spanish law.');
  });

  it('writes labels in the language asked for and keeps the clauses in the agreement’s language; without the guide, the annex lists the codes', async () => {
    const agreement = agreementOf(draft, []);
    const out = join(folder.path, 'agreement-de-labels.docx');
    await exportAgreement({ agreement, templatesDir, language: 'de', outPath: out, now });
    const text = documentText(out);
    expect(text).toContain('Unterschriften');
    expect(text).toContain('Von dieser Vertragspartei ist kein digitales Siegel erfasst.');
    expect(text).toContain('keine qualifizierte elektronische Signatur');
    expect(text).toContain('Mutual recognition');
    expect(text).toContain('Die Bezeichnungen und Stufenbeschreibungen dieser Kriterien sind die des Leitfadens, Version 1.0.');
    expect(text).toContain('DAT-01');
  });

  it('refuses an agreement that is not valid', async () => {
    const broken = { ...agreementOf(draft, []), schemaVersion: 2 } as unknown as Agreement;
    await expect(exportAgreement({ agreement: broken, templatesDir, outPath: join(folder.path, 'broken.docx'), now })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(existsSync(join(folder.path, 'broken.docx'))).toBe(false);
  });

  it.skipIf(!soffice)('opens in LibreOffice: converted to PDF with the clauses and the signature page', async () => {
    const agreement = agreementOf(draft, [await seal(partyA, 'A', draft, '2026-11-22T10:15:00.000Z')]);
    const out = join(folder.path, 'agreement-pdf.docx');
    await exportAgreement({ agreement, framework, templatesDir, outPath: out, now });
    const outDir = join(folder.path, 'pdf');
    const run = spawnSync(soffice!, ['--headless', `-env:UserInstallation=file://${join(folder.path, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', outDir, out], { encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    const pdf = join(outDir, 'agreement-pdf.pdf');
    expect(existsSync(pdf), `${pdf} was not written`).toBe(true);
    expect(statSync(pdf).size).toBeGreaterThan(5_000);
    if (existsSync('/usr/bin/pdfinfo')) {
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('/usr/bin/pdfinfo', [pdf]).toString())?.[1]);
      expect(pages).toBeGreaterThanOrEqual(6);
    }
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('/usr/bin/pdftotext', ['-layout', pdf, '-']).toString('utf8');
      expect(text).toContain('Mutual recognition');
      expect(text).toMatch(/Page 2 of \d+/);
      expect(text).toContain('not a qualified electronic signature');
    }
  }, 300_000);
});

if (!soffice) console.warn('LibreOffice (soffice) is not installed: skipping the conversion of the agreement to PDF. Install libreoffice-writer-nogui.');
