/**
 * A generated consortium: thirty fictional universities, each with its own data folder and signing
 * key, sharing a folder of signed exchange files as a sync service would leave it — self-assessments
 * and audits in many directions (some expired, some in progress, some revised), a partnership file
 * with a decision and a relayed copy, a key rotation, and the trouble a shared folder collects:
 * files tampered with, files signed for a member with a key that is not theirs, identical copies,
 * sync-service conflict copies, an empty file and temporary files.
 *
 * Files are made the way the app makes them (KeyRing + createExchangeFile, over assessments that
 * pass the real schema); forged files with a key of the test's choosing (forgeSignature).
 *
 * Alongside the folder it returns what should come out of it, by construction: which assessment
 * each direction must show, and which files must be refused, counted once, or lose a conflict. The
 * tests compute the expected scores from those assessments with the real scoring.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createExchangeFile } from '../../electron/exchange/write';
import { KeyRing } from '../../electron/keys/key-ring';
import { PartnerKeys } from '../../electron/keys/partner-keys';
import type { Answer } from '../../shared/assessment/answer';
import { assessmentSchema, type Assessment } from '../../shared/assessment/schema';
import { exchangePayloadSchema, type ExchangeIssuer, type ExchangeItemInput, type Signer } from '../../shared/exchange/schema';
import { frameworkFingerprint, frameworkRef } from '../../shared/framework/fingerprint';
import { criteriaOf, frameworkSchema, type Framework, type Level } from '../../shared/framework/schema';
import type { InstitutionProfile } from '../../shared/institution/schema';
import type { DecisionOutcome } from '../../shared/partnership/schema';
import { seededRandom } from '../../shared/seeded-random';
import { forgeSignature, serialiseExchange, testKeychain } from './exchange-factories';
import { sampleProfile } from './factories';
import { templatesDir } from './paths';
import { tempFolder } from './temp';

export interface Member {
  index: number;
  /** File-name part: `m07-hogeschool-voorbeeld`. */
  slug: string;
  profile: InstitutionProfile;
  exchangeId: string;
  keyRing: KeyRing;
  issuer: ExchangeIssuer;
  signer: Signer;
  dataDir: string;
}

export interface ExpectedCell {
  assessor: string;
  subject: string;
  /** The assessment the cell must show. */
  assessment: Assessment;
  status: 'complete' | 'in-progress';
}

export interface GeneratedConsortium {
  /** The shared folder. */
  folder: string;
  members: Member[];
  today: string;
  guide: Framework;
  consortiumGuide: Framework;
  frameworkOf(assessment: Assessment): Framework;
  expected: {
    /** Every audit direction that must have a cell, keyed `assessor→subject` (exchange ids). */
    cells: Map<string, ExpectedCell>;
    /** Per member (exchange id): the self-assessment of the diagonal. */
    self: Map<string, Assessment>;
    /** Directions whose only audit sits in a refused file: they must have no cell. */
    refusedDirections: Array<{ assessor: string; subject: string; fileName: string }>;
    /** Assessment ids (with revision) that must never count. */
    neverCounted: Array<{ id: string; revision: number; fileName: string; why: string }>;
    refused: Array<{ fileName: string; code: string }>;
    duplicates: Array<{ fileName: string; sameAs: string }>;
    conflicts: Array<{ files: string[]; kept: string }>;
    ignored: string[];
    decisions: Array<{ from: string; to: string; outcome: DecisionOutcome }>;
    /** Files named like a conflict copy whose content is unrelated: counted on their own. */
    notConflicts: string[];
    relayed: string[];
  };
  /** A data folder (member 0's) whose partner-key registry remembers every other member's genuine key. */
  registryDataDir(): Promise<string>;
  remove(): Promise<void>;
}

const names: ReadonlyArray<[string, InstitutionProfile['country'], string, string]> = [
  ['Universidad de Ejemplo', 'ES', 'Valencia', 'E  VALENCI99'],
  ['Hochschule Musterstadt', 'DE', 'Musterstadt', 'D  MUSTERS01'],
  ['Tampere Test University', 'FI', 'Tampere', 'SF TAMPERE99'],
  ['Université de Saint-Exemple', 'FR', 'Saint-Exemple', 'F  STEXEMP01'],
  ['Università degli Studi di Esempio', 'IT', 'Esempio', 'I  ESEMPIO01'],
  ['Uniwersytet Przykładowy', 'PL', 'Przykładów', 'PL PRZYKLA01'],
  ['Universidade do Exemplo', 'PT', 'Exemplo', 'P  EXEMPLO01'],
  ['Technische Universität Beispielburg', 'DE', 'Beispielburg', 'D  BEISPIE02'],
  ['Hogeschool Voorbeeld', 'NL', 'Voorbeeld', 'NL VOORBEE01'],
  ['Universiteit van Proefstad', 'NL', 'Proefstad', 'NL PROEFST01'],
  ['Nordisk Testuniversitet', 'DK', 'Testby', 'DK TESTBY01'],
  ['Universitatea Exemplu', 'RO', 'Exemplu', 'RO EXEMPLU01'],
  ['Univerzita Příkladová', 'CZ', 'Příkladov', 'CZ PRIKLAD01'],
  ['Példa Egyetem', 'HU', 'Példaváros', 'HU PELDA01'],
  ['Tartu Proovi Ülikool', 'EE', 'Tartu', 'EE PROOVI01'],
  ['Universitat de Prova', 'ES', 'Prova', 'E  PROVA01'],
  ['Ollscoil na Samplach', 'IE', 'Sampla', 'IRLSAMPLA01'],
  ['Universidad Técnica de Muestra', 'ES', 'Muestra', 'E  MUESTRA01'],
  ['Fachhochschule Probental', 'AT', 'Probental', 'A  PROBENT01'],
  ["Université Libre d'Essai", 'BE', 'Essai', 'B  ESSAI01'],
  ['Vilniaus Pavyzdžių Universitetas', 'LT', 'Vilnius', 'LT PAVYZD01'],
  ['Rīgas Paraugu Universitāte', 'LV', 'Rīga', 'LV PARAUG01'],
  ['Univerza v Vzorcu', 'SI', 'Vzorec', 'SI VZOREC01'],
  ['Sveučilište u Primjeru', 'HR', 'Primjer', 'HR PRIMJER01'],
  ['Πανεπιστήμιο Παραδείγματος', 'GR', 'Athina', 'G  PARADEI01'],
  ['Malta Sample University', 'MT', 'Valletta', 'MT SAMPLE01'],
  ['Luxembourg Test Institute', 'LU', 'Luxembourg', 'LUXTEST01'],
  ['Linnéuniversitetet Prov', 'SE', 'Prov', 'S  PROV01'],
  ['Høgskolen i Eksempel', 'NO', 'Eksempel', 'N  EKSEMPE01'],
  ['Universidade Aberta de Ensaio', 'PT', 'Ensaio', 'P  ENSAIO01'],
];

function slugOf(index: number, legalName: string): string {
  const ascii = legalName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `m${String(index).padStart(2, '0')}-${ascii || 'institution'}`.slice(0, 40);
}

function loadGuide(): Framework {
  const { $schema: _editorHint, ...guide } = frameworkSchema.parse(JSON.parse(readFileSync(join(templatesDir, 'frameworks', 'trustbridge-guide', 'en.json'), 'utf8')));
  return guide;
}

/** A consortium's own version of the guide: three years of validity, one dimension renamed. */
function consortiumVersion(guide: Framework): Framework {
  return frameworkSchema.parse({
    ...structuredClone(guide),
    id: 'consortium-guide',
    version: '1.1',
    title: 'Consortium guide to trustworthy partnership',
    validityMonths: 36,
    basedOn: frameworkRef(guide),
    dimensions: guide.dimensions.map((dimension) => (dimension.id === 'GOV' ? { ...dimension, title: 'Consortium governance and the agreement' } : dimension)),
  });
}

interface AssessmentPlan {
  id: string;
  kind: 'self' | 'audit';
  assessor: Member;
  subject: Member;
  framework: Framework;
  /** The day it was completed (or last changed, when in progress). */
  day: string;
  status: 'complete' | 'draft';
  seriesId: string;
  revision: number;
  title: string;
  /** Mean level the answers scatter around (0–4). */
  quality: number;
  seed: number;
}

function makeAssessment(plan: AssessmentPlan): Assessment {
  const rand = seededRandom(plan.seed);
  const answers: Record<string, Answer> = {};
  const criteria = criteriaOf(plan.framework);
  for (const [index, criterion] of criteria.entries()) {
    // Drafts are half answered.
    if (plan.status === 'draft' && index % 2 === 1) continue;
    const raw = plan.quality + (rand() - 0.5) * 2.2;
    const level = Math.max(0, Math.min(4, Math.round(raw))) as Level;
    answers[criterion.id] = {
      level,
      notApplicable: false,
      naReason: '',
      justification: `${plan.kind === 'self' ? 'Our' : 'Auditor’s'} record for ${criterion.id}: level ${level}.`,
      evidence: [],
      requestedEvidence: '',
      carriedOver: false,
    };
  }
  const at = `${plan.day}T10:00:00.000Z`;
  const ref = (member: Member) => ({ institutionId: `local-${member.index}`, legalName: member.profile.legalName, country: member.profile.country });
  return assessmentSchema.parse({
    schemaVersion: 1,
    id: plan.id,
    kind: plan.kind,
    title: plan.title,
    subject: ref(plan.subject),
    assessor: ref(plan.assessor),
    framework: { ...frameworkRef(plan.framework), language: plan.framework.language },
    status: plan.status,
    ...(plan.status === 'complete' ? { completed: { by: plan.assessor.signer.name, role: 'Quality officer', at } } : {}),
    seriesId: plan.seriesId,
    revision: plan.revision,
    origin: { type: 'local' },
    answers,
    history: [],
    createdAt: `${plan.day}T08:00:00.000Z`,
    createdBy: plan.assessor.signer.name,
    updatedAt: at,
  });
}

/**
 * Local ids as the issuing installation would use them: the issuer's own records differ from its
 * partners'. `knowsExchangeId` false: the issuer has never had a file from that partner.
 */
function institutionItem(issuer: Member, member: Member, knowsExchangeId = true, withErasmusCode = true): ExchangeItemInput {
  return {
    type: 'institution',
    institutionId: `local-${member.index}`,
    ...(knowsExchangeId || member === issuer ? { exchangeId: member.exchangeId } : {}),
    profile: withErasmusCode ? member.profile : { ...member.profile, erasmusCode: '' },
  };
}

const issuedAfter = (day: string, hours = 24) => new Date(Date.parse(`${day}T10:00:00.000Z`) + hours * 3_600_000).toISOString();

export async function generateConsortium(options: { size?: number; today?: string } = {}): Promise<GeneratedConsortium> {
  const size = options.size ?? 30;
  const today = options.today ?? '2026-11-23';
  const shared = await tempFolder('trustbridge-consortium-');
  const keyFolders: Array<{ remove(): Promise<void> }> = [];
  const guide = loadGuide();
  const consortiumGuide = consortiumVersion(guide);
  const byFingerprint = new Map([guide, consortiumGuide].map((framework) => [frameworkFingerprint(framework), framework]));
  const frameworkOf = (assessment: Assessment) => byFingerprint.get(assessment.framework.fingerprint)!;

  // The members, each with its own data folder and key.
  const members: Member[] = await Promise.all(
    names.slice(0, size).map(async ([legalName, country, city, erasmusCode], index) => {
      const folder = await tempFolder('trustbridge-member-');
      keyFolders.push(folder);
      const keyRing = await KeyRing.open({ dataDir: folder.path });
      await keyRing.ensureKey(testKeychain());
      const slug = slugOf(index, legalName);
      const domain = `${slug.slice(4)}.example.eu`.replace(/-+/g, '-');
      const profile = sampleProfile({
        legalName,
        country,
        city,
        erasmusCode,
        oid: `E1${String(index).padStart(7, '0')}`,
        pic: String(900_000_000 + index),
        schacCode: domain,
        website: `https://www.${domain}`,
        legalRepresentative: { name: `Rector ${index}`, role: 'Rector', email: `rector@${domain}` },
        qaContact: { name: `QA officer ${index}`, role: 'Quality officer', email: `qa@${domain}` },
      });
      return {
        index,
        slug,
        profile,
        exchangeId: keyRing.exchangeId(),
        keyRing,
        issuer: { exchangeId: keyRing.exchangeId(), profile },
        signer: { name: `QA officer ${index}`, role: 'Quality officer', institution: legalName },
        dataDir: folder.path,
      };
    }),
  );
  const n = members.length;
  const member = (i: number) => members[((i % n) + n) % n]!;
  const direction = (a: Member, b: Member) => `${a.exchangeId}→${b.exchangeId}`;

  const expected: GeneratedConsortium['expected'] = {
    cells: new Map(),
    self: new Map(),
    refusedDirections: [],
    neverCounted: [],
    refused: [],
    duplicates: [],
    conflicts: [],
    ignored: [],
    decisions: [],
    notConflicts: [],
    relayed: [],
  };
  const written = new Map<string, Uint8Array>();
  const write = async (fileName: string, bytes: Uint8Array) => {
    written.set(fileName, bytes);
    await writeFile(join(shared.path, fileName), bytes);
  };
  const sign = (issuer: Member, items: ExchangeItemInput[], issuedAt: string) =>
    createExchangeFile({ issuer: issuer.issuer, items }, issuer.keyRing, issuer.signer, { now: () => new Date(issuedAt) });
  // Members are of different strength; auditors differ in severity.
  const strength = (m: Member) => [3.4, 2.9, 2.3, 1.6][m.index % 4]!;
  const severity = (m: Member) => [0, -0.3, 0.2][m.index % 3]!;
  let seed = 1;

  // Self-assessments: every member, some revised, a few with a renewal in progress.
  for (const m of members) {
    const series = `self-${m.slug}`;
    const first = makeAssessment({ id: `${series}-r1`, kind: 'self', assessor: m, subject: m, framework: guide, day: '2025-03-10', status: 'complete', seriesId: series, revision: 1, title: `Self-assessment 2025 — ${m.profile.legalName}`, quality: strength(m) + 0.3, seed: seed++ });
    await write(`${m.slug}-self-2025.trustbridge`, await sign(m, [institutionItem(m, m), { type: 'framework', framework: guide }, { type: 'assessment', assessment: first }], issuedAfter('2025-03-10')));
    let shown = first;
    if (m.index % 3 === 0) {
      const second = makeAssessment({ id: `${series}-r2`, kind: 'self', assessor: m, subject: m, framework: guide, day: '2026-06-15', status: 'complete', seriesId: series, revision: 2, title: `Self-assessment 2026 — ${m.profile.legalName}`, quality: strength(m) + 0.4, seed: seed++ });
      await write(`${m.slug}-self-2026.trustbridge`, await sign(m, [institutionItem(m, m), { type: 'framework', framework: guide }, { type: 'assessment', assessment: second }], issuedAfter('2026-06-15')));
      shown = second;
    }
    expected.self.set(m.exchangeId, shown);
  }

  // Audits: every member audits four others; dates spread over four years.
  const days = ['2023-04-18', '2023-11-02', '2024-05-21', '2024-11-22', '2024-11-23', '2025-01-15', '2025-02-22', '2025-06-30', '2025-10-08', '2026-02-12', '2026-07-01', '2026-11-02'];
  const steps = [1, 3, 7, 12];
  const auditFile = (assessor: Member, subject: Member, suffix = '') => `${assessor.slug}-audit-of-${subject.slug.slice(0, 3)}${suffix}.trustbridge`;
  const audit = (assessor: Member, subject: Member, day: string, extra: Partial<AssessmentPlan> = {}) =>
    makeAssessment({
      id: `audit-${assessor.index}-${subject.index}-${day}`,
      kind: 'audit',
      assessor,
      subject,
      framework: guide,
      day,
      status: 'complete',
      seriesId: `audit-${assessor.index}-${subject.index}-${day.slice(0, 4)}`,
      revision: 1,
      title: `Audit of ${subject.profile.legalName} ${day.slice(0, 4)}`,
      quality: strength(subject) + severity(assessor),
      seed: seed++,
      ...extra,
    });
  const auditItems = (assessor: Member, subject: Member, assessments: Assessment[], options: { knowsExchangeId?: boolean; withErasmusCode?: boolean; framework?: Framework } = {}): ExchangeItemInput[] => [
    institutionItem(assessor, assessor),
    institutionItem(assessor, subject, options.knowsExchangeId ?? true, options.withErasmusCode ?? true),
    ...(options.framework ? [{ type: 'framework' as const, framework: options.framework }] : []),
    ...assessments.map((assessment): ExchangeItemInput => ({ type: 'assessment', assessment })),
  ];

  for (const assessor of members) {
    for (const [k, step] of steps.entries()) {
      const subject = member(assessor.index + step);
      const day = days[(assessor.index * 5 + k * 7) % days.length]!;
      const fileName = auditFile(assessor, subject);
      const key = direction(assessor, subject);
      // Partners the assessor has never had a file from are named without exchange id (matched by Erasmus code, or by name).
      const knowsExchangeId = (assessor.index + k) % 7 !== 0;
      const withErasmusCode = (assessor.index + k) % 14 !== 0;
      const framework = assessor.index % 9 === 4 && step === 7 ? consortiumGuide : guide;

      if (assessor.index % 8 === 2 && step === 3) {
        // Only an audit in progress.
        const draft = audit(assessor, subject, '2026-11-10', { status: 'draft' });
        await write(fileName, await sign(assessor, auditItems(assessor, subject, [draft], { knowsExchangeId, withErasmusCode }), issuedAfter('2026-11-10')));
        expected.cells.set(key, { assessor: assessor.exchangeId, subject: subject.exchangeId, assessment: draft, status: 'in-progress' });
        continue;
      }
      const done = audit(assessor, subject, day, { framework });
      const items = auditItems(assessor, subject, [done], { knowsExchangeId, withErasmusCode, ...(framework === guide ? {} : { framework }) });
      await write(fileName, await sign(assessor, items, issuedAfter(day)));
      let shown = done;
      if (assessor.index % 6 === 1 && step === 1) {
        // A newer audit of the same direction, in a file of its own: the newer one counts.
        const other = audit(assessor, subject, '2026-09-14', { seriesId: `audit-${assessor.index}-${subject.index}-second` });
        await write(auditFile(assessor, subject, '-2026'), await sign(assessor, auditItems(assessor, subject, [other]), issuedAfter('2026-09-14')));
        if (other.completed!.at > done.completed!.at) shown = other;
      }
      if (assessor.index % 10 === 5 && step === 12) {
        // A renewal started: the completed audit is shown, the draft noted.
        const renewal = audit(assessor, subject, '2026-11-15', { status: 'draft', seriesId: `renewal-${assessor.index}-${subject.index}` });
        await write(auditFile(assessor, subject, '-renewal'), await sign(assessor, auditItems(assessor, subject, [renewal]), issuedAfter('2026-11-15')));
      }
      expected.cells.set(key, { assessor: assessor.exchangeId, subject: subject.exchangeId, assessment: shown, status: 'complete' });
    }
  }

  // A decided partnership (member 0 with member 1), carrying member 1's self-assessment as member 0 holds it: relayed, not counted.
  {
    const a = member(0);
    const b = member(1);
    const relayedSelf = { ...expected.self.get(b.exchangeId)!, revision: 7, id: 'relayed-self-copy', title: 'Self-assessment as relayed by a partner', origin: { type: 'exchange' as const, importedAt: '2026-05-01T10:00:00.000Z', signer: b.signer.name, keyFingerprint: b.keyRing.fingerprint() } };
    const auditOfB = expected.cells.get(direction(a, b))!.assessment;
    const partnership = {
      schemaVersion: 1 as const,
      id: 'partnership-0-1',
      title: `${a.profile.legalName} and ${b.profile.legalName}`,
      institutionA: `local-${a.index}`,
      institutionB: `local-${b.index}`,
      assessments: { selfB: relayedSelf.id, auditOfB: auditOfB.id },
      decision: { outcome: 'conditional' as const, rationale: 'Ready once the data-protection conditions are met.', decidedBy: 'Rector 0', decidedAt: '2026-10-20T09:00:00.000Z' },
      actions: [],
      createdAt: '2026-10-01T09:00:00.000Z',
      updatedAt: '2026-10-20T09:00:00.000Z',
    };
    const fileName = `${a.slug}-partnership-${b.slug.slice(0, 3)}.trustbridge`;
    await write(
      fileName,
      await sign(
        a,
        [
          institutionItem(a, a),
          institutionItem(a, b),
          { type: 'assessment', assessment: relayedSelf },
          { type: 'assessment', assessment: auditOfB },
          { type: 'partnership', partnership, parties: { A: { institutionId: `local-${a.index}`, exchangeId: a.exchangeId, profile: a.profile }, B: { institutionId: `local-${b.index}`, exchangeId: b.exchangeId, profile: b.profile } } },
        ],
        '2026-10-21T10:00:00.000Z',
      ),
    );
    expected.decisions.push({ from: a.exchangeId, to: b.exchangeId, outcome: 'conditional' });
    expected.relayed.push(fileName);
    expected.neverCounted.push({ id: relayedSelf.id, revision: relayedSelf.revision, fileName, why: 'relayed' });
  }

  // Tampered files: a level raised after signing. Two hold audits of directions nobody else audited; one a revision 2 of an existing audit.
  const tamper = (bytes: Uint8Array): Uint8Array => {
    const text = Buffer.from(bytes).toString('utf8');
    const match = /"level": [0-3]/.exec(text)!;
    const digit = match.index + match[0].length - 1;
    return new Uint8Array(Buffer.from(`${text.slice(0, digit)}4${text.slice(digit + 1)}`, 'utf8'));
  };
  for (const i of [2, 11, 20]) {
    const assessor = member(i);
    const subject = member(i + 15);
    const fake = audit(assessor, subject, '2026-10-05');
    const fileName = auditFile(assessor, subject);
    await write(fileName, tamper(await sign(assessor, auditItems(assessor, subject, [fake]), issuedAfter('2026-10-05'))));
    expected.refused.push({ fileName, code: 'SIGNATURE_INVALID' });
    expected.refusedDirections.push({ assessor: assessor.exchangeId, subject: subject.exchangeId, fileName });
    expected.neverCounted.push({ id: fake.id, revision: 1, fileName, why: 'tampered' });
  }
  {
    const assessor = member(5);
    const subject = member(6);
    const held = expected.cells.get(direction(assessor, subject))!.assessment;
    const revised = { ...held, revision: 2, id: `${held.id}-r2`, updatedAt: '2026-10-30T10:00:00.000Z', completed: { ...held.completed!, at: '2026-10-30T10:00:00.000Z' } };
    const fileName = auditFile(assessor, subject, '-r2');
    await write(fileName, tamper(await sign(assessor, auditItems(assessor, subject, [revised]), '2026-10-31T10:00:00.000Z')));
    expected.refused.push({ fileName, code: 'SIGNATURE_INVALID' });
    expected.neverCounted.push({ id: revised.id, revision: 2, fileName, why: 'tampered' });
  }

  // Changed keys: files signed for a member with a key that is not theirs, issued after the member's genuine files.
  for (const i of [4, 13, 22]) {
    const victim = member(i);
    const subject = member(i + 16);
    const fake = audit(victim, subject, '2026-11-20');
    const fileName = `${victim.slug}-audit-of-${subject.slug.slice(0, 3)}-update.trustbridge`;
    const items: ExchangeItemInput[] = auditItems(victim, subject, [fake]);
    if (i === 22) {
      // …and a flattering "revision" of the victim's own self-assessment.
      const self = expected.self.get(victim.exchangeId)!;
      items.push({ type: 'assessment', assessment: { ...self, id: 'forged-self', revision: 9, title: 'Self-assessment (forged)' } });
      expected.neverCounted.push({ id: 'forged-self', revision: 9, fileName, why: 'changed key' });
    }
    const payload = exchangePayloadSchema.parse({ issuedAt: '2026-11-23T08:00:00.000Z', issuer: victim.issuer, items });
    const { signature } = await forgeSignature(payload, { exchangeId: victim.exchangeId, signer: victim.signer });
    await write(fileName, serialiseExchange(payload, [signature]));
    expected.refused.push({ fileName, code: 'KEY_CHANGED' });
    expected.refusedDirections.push({ assessor: victim.exchangeId, subject: subject.exchangeId, fileName });
    expected.neverCounted.push({ id: fake.id, revision: 1, fileName, why: 'changed key' });
  }

  // A key rotation: member 7 replaces its key, then audits another partner; the new key carries the old key's statement.
  {
    const m = member(7);
    await m.keyRing.replaceKey(testKeychain());
    const subject = member(7 + 20);
    const done = audit(m, subject, '2026-11-18');
    await write(auditFile(m, subject), await sign(m, auditItems(m, subject, [done]), issuedAfter('2026-11-18', 48)));
    expected.cells.set(direction(m, subject), { assessor: m.exchangeId, subject: subject.exchangeId, assessment: done, status: 'complete' });
  }

  // Identical copies: byte for byte, and re-serialised without whitespace (same payload, other bytes).
  {
    const original = `${member(3).slug}-self-2025.trustbridge`;
    const same = `${member(3).slug}-self-2025 - Kopie.trustbridge`;
    await write(same, written.get(original)!);
    expected.duplicates.push({ fileName: same, sameAs: original });
    const other = `${member(8).slug}-self-2025.trustbridge`;
    const compact = `${member(8).slug}-self-2025.compact.trustbridge`;
    await write(compact, new Uint8Array(Buffer.from(JSON.stringify(JSON.parse(Buffer.from(written.get(other)!).toString('utf8'))), 'utf8')));
    expected.duplicates.push({ fileName: compact, sameAs: other });
    // OneDrive's copy with the computer's name, identical: a duplicate rather than a conflict.
    const onedrive = `${member(9).slug}-self-2025-LAPTOP42.trustbridge`;
    await write(onedrive, written.get(`${member(9).slug}-self-2025.trustbridge`)!);
    expected.duplicates.push({ fileName: onedrive, sameAs: `${member(9).slug}-self-2025.trustbridge` });
  }

  // Sync conflicts with different content.
  {
    // Nextcloud: the copy holds an older revision of the self-assessment series (issued later): the original wins by revision.
    const m = member(12); // index % 3 === 0: revised self-assessment
    const original = `${m.slug}-self-2026.trustbridge`;
    const copy = `${m.slug}-self-2026 (conflicted copy 2026-11-20 101010).trustbridge`;
    const older = makeAssessment({ id: `self-${m.slug}-r1b`, kind: 'self', assessor: m, subject: m, framework: guide, day: '2025-03-10', status: 'complete', seriesId: `self-${m.slug}`, revision: 1, title: 'Self-assessment 2025 (edited on a laptop)', quality: 1, seed: seed++ });
    await write(copy, await sign(m, [institutionItem(m, m), { type: 'assessment', assessment: older }], '2026-11-20T10:10:10.000Z'));
    expected.conflicts.push({ files: [original, copy].sort(), kept: original });
    expected.neverCounted.push({ id: older.id, revision: 1, fileName: copy, why: 'conflict lost' });
  }
  {
    // Dropbox: the copy holds revision 2 of an audit whose original file holds revision 1: the copy wins.
    const assessor = member(14);
    const subject = member(14 + 3);
    const original = auditFile(assessor, subject);
    const held = expected.cells.get(direction(assessor, subject))!.assessment;
    const revised = makeAssessment({ id: `${held.id}-r2`, kind: 'audit', assessor, subject, framework: guide, day: '2026-08-01', status: 'complete', seriesId: held.seriesId, revision: 2, title: `${held.title} (revised)`, quality: strength(subject) + 0.5, seed: seed++ });
    const copy = original.replace('.trustbridge', " (Jo's conflicted copy 2026-11-21).trustbridge");
    await write(copy, await sign(assessor, auditItems(assessor, subject, [revised]), '2026-08-02T10:00:00.000Z'));
    expected.conflicts.push({ files: [original, copy].sort(), kept: copy });
    expected.cells.set(direction(assessor, subject), { assessor: assessor.exchangeId, subject: subject.exchangeId, assessment: revised, status: 'complete' });
    expected.neverCounted.push({ id: held.id, revision: 1, fileName: original, why: 'conflict lost' });
  }
  {
    // Syncthing: the same revision edited on two machines; the one issued later wins.
    const assessor = member(16);
    const subject = member(16 + 7);
    const original = auditFile(assessor, subject);
    const held = expected.cells.get(direction(assessor, subject))!.assessment;
    const edited = { ...held, title: `${held.title} (edited)`, updatedAt: `${held.updatedAt.slice(0, 10)}T16:00:00.000Z` };
    const copy = original.replace('.trustbridge', '.sync-conflict-20261121-101010-ABCDEF7.trustbridge');
    await write(copy, await sign(assessor, auditItems(assessor, subject, [edited]), '2026-11-21T10:10:10.000Z'));
    expected.conflicts.push({ files: [original, copy].sort(), kept: copy });
    expected.cells.set(direction(assessor, subject), { assessor: assessor.exchangeId, subject: subject.exchangeId, assessment: edited, status: 'complete' });
  }
  {
    // Windows "(1)": an earlier export of the same audit, different content; the original (issued later) wins.
    const assessor = member(18);
    const subject = member(18 + 1);
    const original = auditFile(assessor, subject);
    const held = expected.cells.get(direction(assessor, subject))!.assessment;
    const earlier = { ...held, title: `${held.title} (draft export)`, updatedAt: `${held.updatedAt.slice(0, 10)}T07:00:00.000Z` };
    const copy = original.replace('.trustbridge', ' (1).trustbridge');
    await write(copy, await sign(assessor, auditItems(assessor, subject, [earlier]), issuedAfter(held.updatedAt.slice(0, 10), 2)));
    expected.conflicts.push({ files: [original, copy].sort(), kept: original });
  }
  {
    // A name that looks like a OneDrive copy ("…-final") but holds another audit: counted on its own.
    const assessor = member(19);
    const subject = member(19 + 20);
    const other = audit(assessor, subject, '2026-03-03');
    const name = auditFile(assessor, member(19 + 1)).replace('.trustbridge', '-final.trustbridge');
    await write(name, await sign(assessor, auditItems(assessor, subject, [other]), issuedAfter('2026-03-03')));
    expected.notConflicts.push(name);
    expected.cells.set(direction(assessor, subject), { assessor: assessor.exchangeId, subject: subject.exchangeId, assessment: other, status: 'complete' });
  }

  // What a shared folder collects besides.
  await write('incoming.trustbridge', new Uint8Array());
  expected.refused.push({ fileName: 'incoming.trustbridge', code: 'EMPTY' });
  await write('notes.trustbridge', new Uint8Array(Buffer.from('Remember to send the audit to Tampere.\n', 'utf8')));
  expected.refused.push({ fileName: 'notes.trustbridge', code: 'INVALID_FILE' });
  for (const name of ['~$consortium.trustbridge', '.m00-self-2025.trustbridge.part', 'upload.trustbridge.tmp', '.~lock.m01.trustbridge#']) {
    await writeFile(join(shared.path, name), 'partial');
    expected.ignored.push(name);
  }
  await writeFile(join(shared.path, 'minutes.docx'), 'not ours');
  expected.ignored.sort();

  return {
    folder: shared.path,
    members,
    today,
    guide,
    consortiumGuide,
    frameworkOf,
    expected,
    registryDataDir: async () => {
      const registry = await PartnerKeys.open({ dataDir: members[0]!.dataDir });
      const genuine = members.slice(1).map((m) => ({ exchangeId: m.exchangeId, institutionName: m.profile.legalName, jwk: m.index === 7 ? firstKeyOf(m) : m.keyRing.publicKey() }));
      await registry.remember(genuine);
      return members[0]!.dataDir;
    },
    remove: async () => {
      await shared.remove();
      await Promise.all(keyFolders.map((folder) => folder.remove()));
    },
  };
}

/** Member 7's key before its rotation, as partners who saw its earlier files remember it. */
function firstKeyOf(m: Member) {
  return JSON.parse(readFileSync(join(m.dataDir, 'keys', 'own-key.json'), 'utf8')).retired[0].jwk;
}
