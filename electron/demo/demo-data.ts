/**
 * A realistic sample data folder: two fictional universities that have assessed themselves and each
 * other against the newest built-in guide (version 2.0, for the cooperation profile "a joint
 * micro-credential"), and a partnership with a decision and an action plan. It is
 * written through the same services as the app (`openCore`), so `npm start -- --data-dir <folder>`
 * opens it, and it is deterministic — a fixed clock and seeded choices — so tests can rely on its
 * numbers. Every name, address, person and document in it is fictional (`.example` addresses).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Answer } from '../../shared/assessment/answer';
import type { Assessment } from '../../shared/assessment/schema';
import { frameworkRef } from '../../shared/framework/fingerprint';
import { defaultFrameworkFor } from '../../shared/framework/guide2';
import { criteriaOf, type Framework, type Level } from '../../shared/framework/schema';
import { institutionProfileSchema, type Institution } from '../../shared/institution/schema';
import { seededRandom } from '../../shared/seeded-random';
import { openCore, type Core } from '../app/core';
import { noDialogs } from '../platform/dialogs';

/** The demo's "today": the decision was taken on this day. */
export const demoDate = '2026-11-20';

/**
 * The cooperation profile of the demo partnership and of its four assessments: the two universities
 * plan joint micro-credentials, so a model agreement that provides for joint awarding (GOV-01) is
 * critical besides the guide's own critical criteria.
 */
export const demoProfileId = 'joint-micro-credential';

export interface DemoResult {
  dataDir: string;
  institutions: { A: string; B: string };
  assessments: { selfA: string; selfB: string; auditOfB: string; auditOfA: string };
  partnership: string;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A clock that starts at `start` and moves on by `stepMs` each time it is read. */
function steppingClock(start: string, stepMs: number): { now: () => Date; jump(to: string): void } {
  let current = Date.parse(start);
  return {
    now: () => {
      const value = new Date(current);
      current += stepMs;
      return value;
    },
    jump: (to: string) => {
      current = Date.parse(to);
    },
  };
}

const ejemplo = institutionProfileSchema.parse({
  legalName: 'Universidad de Ejemplo',
  country: 'ES',
  city: 'Valencia',
  erasmusCode: 'E  VALENCI99',
  oid: 'E10099999',
  pic: '999888777',
  schacCode: 'uni-ejemplo.example',
  website: 'https://www.uni-ejemplo.example',
  legalRepresentative: { name: 'Dra. Elena Martín Soler', role: 'Rectora', email: 'rectora@uni-ejemplo.example' },
  qaContact: { name: 'María José Ferrer', role: 'Head of the Quality Unit', email: 'calidad@uni-ejemplo.example' },
  qaAgency: { name: 'Agencia de Calidad de Ejemplo (fictional)', eqarRegistered: 'yes' },
});

const tampere = institutionProfileSchema.parse({
  legalName: 'Tampere Test University',
  country: 'FI',
  city: 'Tampere',
  erasmusCode: 'SF TAMPERE99',
  oid: 'E10088888',
  pic: '999777666',
  schacCode: 'tampere-test.example',
  website: 'https://www.tampere-test.example',
  legalRepresentative: { name: 'Prof. Mikko Laine', role: 'Rector', email: 'rector@tampere-test.example' },
  qaContact: { name: 'Laura Virtanen', role: 'Quality Manager, Quality Services', email: 'quality@tampere-test.example' },
  qaAgency: { name: 'Finnish Test Evaluation Centre (fictional)', eqarRegistered: 'yes' },
});

interface Voice {
  docs: readonly string[];
  office: string;
  committee: string;
  since: string;
  scope: string;
  when: string;
  improvement: string;
  site: string;
}

const voices: Record<'A' | 'B', Voice> = {
  A: {
    docs: ['The Internal Quality Assurance System manual (SGIC, 2024)', 'The Regulation on Lifelong Learning Studies (2023)', 'The Micro-credential Framework approved by the Governing Council (2024)', 'Procedure PC-07 for the university’s own short courses'],
    office: 'the Quality Unit',
    committee: 'Quality Committee',
    since: 'the 2023/24 academic year',
    scope: 'the pilot micro-credentials of the School of Engineering',
    when: 'the 2027/28 academic year',
    improvement: 'a shorter approval route for courses under 6 ECTS',
    site: 'https://www.uni-ejemplo.example',
  },
  B: {
    docs: ['The Tampere Test University Quality Handbook (2025)', 'The Rules for Continuous Learning (2024)', 'The Micro-credential Policy (Rector’s decision 12/2024)', 'The Degree Regulations, chapter 6'],
    office: 'Quality Services',
    committee: 'Quality Council',
    since: 'autumn 2024',
    scope: 'the open-university micro-credentials in health sciences',
    when: 'spring 2027',
    improvement: 'a learner panel in every programme review',
    site: 'https://www.tampere-test.example',
  },
};

function selfJustification(random: () => number, voice: Voice, level: Level): string {
  const doc = pick(random, voice.docs);
  switch (level) {
    case 4:
      return `${doc} governs this for every micro-credential. It was evaluated in the 2025 review cycle, the improvements agreed then (${voice.improvement}) are in place, and the practice was presented to our consortium partners as an example.`;
    case 3:
      return `${doc} covers this and has been applied to all micro-credentials since ${voice.since}. Records are kept by ${voice.office}, and the ${voice.committee} reviews the procedure every two years.`;
    case 2:
      return `${doc} covers this and is approved, but so far it has been applied only to ${voice.scope}. Extension to all micro-credentials is planned for ${voice.when}.`;
    case 1:
      return `Some practice exists, but it depends on the individual course coordinators and is not documented. ${voice.office} is drafting a procedure.`;
    case 0:
      return 'Nothing is in place yet for micro-credentials.';
  }
}

const sampleIssues = [
  'two of the files had no record of the review step',
  'the procedure had not been applied to courses run with external partners',
  'the review due in 2025 has not taken place yet',
  'the records for the summer-school offers were incomplete',
];
const requests = [
  'the minutes of the last review of the procedure',
  'the list of micro-credentials offered in 2025/26 with the approval date of each',
  'three issued certificates with their metadata',
  'the records of the sample courses named in our finding',
];

function auditFinding(random: () => number, auditor: Voice, subject: Voice, self: Level, level: Level): { finding: string; requested: string } {
  const doc = pick(random, subject.docs).replace(/^The /, 'the ');
  const sample = 4 + Math.floor(random() * 5);
  if (level === self) return { finding: `Reviewed ${doc} and a sample of ${sample} micro-credential records. The practice matches the self-assessment; level confirmed.`, requested: '' };
  if (level > self) return { finding: `The practice goes beyond what the self-assessment claims: ${doc} is applied systematically and was reviewed in 2025. Rated one level higher.`, requested: '' };
  const issue = pick(random, sampleIssues);
  const request = pick(random, requests);
  if (self - level === 1) {
    return { finding: `${capitalise(doc)} is in place, but in the sample of ${sample} records reviewed ${issue}. Rated one level below the self-assessment.`, requested: `Please send ${request}.` };
  }
  return { finding: `The self-assessment describes an established practice, but ${issue}, and ${auditor.office} found no evidence that it is applied beyond single cases. The evidence supports level ${level} only.`, requested: `Please send ${request}.` };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Dimension profiles (typical level) of each assessment, and the criteria that tell the story. */
const profiles = {
  selfA: { LEG: 3, IQA: 3, DES: 3, ASM: 3, REC: 3, DIG: 2, GOV: 2, LRN: 3, DAT: 3 },
  auditOfA: { LEG: 3, IQA: 3, DES: 3, ASM: 3, REC: 3, DIG: 2, GOV: 2, LRN: 2, DAT: 3 },
  selfB: { LEG: 4, IQA: 3, DES: 3, ASM: 3, REC: 3, DIG: 3, GOV: 3, LRN: 4, DAT: 3 },
  auditOfB: { LEG: 3, IQA: 3, DES: 3, ASM: 2, REC: 3, DIG: 3, GOV: 2, LRN: 3, DAT: 2 },
} as const;

interface StoryAnswer {
  level: Level | 'na';
  text: string;
  requested?: string;
  naReason?: string;
}

const story: Record<keyof typeof profiles, Record<string, StoryAnswer>> = {
  selfA: {
    'LEG-01': { level: 4, text: 'A public university recognised under Spanish law (Ley Orgánica del Sistema Universitario 2/2023), entitled to award ECTS credits for its own lifelong-learning courses, including micro-credentials, under the Royal Decree on university teaching.' },
    'LEG-02': { level: 3, text: 'Institutional accreditation renewed in 2024 by a regional agency listed in EQAR; the report and the resolution are published on the Quality Unit’s website. Micro-credentials are inside the scope of the accredited internal QA system.' },
    'DIG-01': { level: 3, text: 'Every certificate states how to verify it: a verification code checked on the university’s verification page, which answers without the learner. The pilot micro-credentials also carry an electronic seal.' },
    'DIG-02': { level: 2, text: 'The pilot micro-credentials are issued as European Digital Credentials for Learning, which learners keep in their own wallet; the rest still receive PDF certificates by email.' },
    'GOV-01': { level: 3, text: 'Our model agreement for joint micro-credentials, including joint awarding, was approved by the Governing Council in June 2026 and names the Vice-Rector for Lifelong Learning as signatory. It has not been used yet; the Quality Unit keeps a checklist for adapting it to a first partner.' },
    'DAT-01': { level: 3, text: 'Learner data exchanged with partners is covered by the Data Protection Policy (2025) and by a joint-controller agreement template under Art. 26 GDPR, used in two Erasmus+ projects.' },
    'REC-01': { level: 3, text: 'The Regulation on Lifelong Learning Studies (2023) sets a recognition procedure for micro-credentials from other institutions, based on learning outcomes, with decisions by the Recognition Committee within two months and a right of appeal.' },
    'REC-03': { level: 'na', text: '', naReason: 'Recognition of prior learning for micro-credentials is handled by the partner institution that awards the larger credential; we do not award credit for prior learning in this offer.' },
  },
  auditOfA: {
    'LEG-01': { level: 4, text: 'Confirmed from the published legal basis and the university’s statutes.' },
    'DIG-02': { level: 2, text: 'Confirmed: digital credentials are issued only for the pilot micro-credentials; the others are PDF files sent by email. This limits how easily our learners could share credentials issued in Valencia.', requested: 'The roll-out plan for digital credentials.' },
    'GOV-01': { level: 3, text: 'The model agreement is approved, covers every topic the guide lists including joint awarding, and comes with a checklist. Our partnership would be the first to use it.' },
    'LRN-01': { level: 1, text: 'Learners sit on the Quality Committee, but none was involved in designing the three micro-credentials we sampled. The self-assessment rates this higher than the evidence shows.', requested: 'Minutes showing learner involvement in the design of micro-credentials.' },
    'REC-03': { level: 'na', text: '', naReason: 'Agreed: in this partnership the awarding partner handles recognition of prior learning.' },
  },
  selfB: {
    'LEG-02': { level: 4, text: 'Audited in 2025 by the national evaluation centre (EQAR-registered); the audit certificate covers continuous-learning provision, including open-university micro-credentials.' },
    'ASM-01': { level: 4, text: 'Every micro-credential publishes its assessment criteria in the course catalogue, aligned with the learning outcomes; the alignment is checked at approval and in the annual course review.' },
    'GOV-01': { level: 3, text: 'We have cooperation agreements on micro-credentials with two Nordic universities, based on our Micro-credential Policy, and we are ready to adapt them to this partnership.' },
    'DAT-01': { level: 3, text: 'Learner data is processed under the university’s Data Protection Policy (2022) and recorded in the GDPR processing register. Partners receive data through the national study register.' },
    'DAT-04': { level: 3, text: 'Seal and signing keys are kept in the university’s hardware security module, administered by IT Services under a documented key procedure.' },
  },
  auditOfB: {
    'ASM-01': { level: 2, text: 'Criteria are published for most courses, but in three of the eight micro-credentials sampled the criteria in the catalogue did not match the assessment actually used. Critical: to be corrected before joint delivery starts.', requested: 'The corrected criteria of the three courses named in our finding, and the approval check-list.' },
    'GOV-01': { level: 2, text: 'The existing agreements were drafted case by case and say nothing about joint awarding or the joint quality assurance of micro-credentials; no approved model covers the topics the guide lists. For a joint micro-credential this is critical: it blocks Ready until a model is approved.' },
    'DAT-01': {
      level: 2,
      text: 'Roles and the lawful basis are determined for data sent through the national study register, but there is no approved template arrangement (joint controllers, Art. 26 GDPR) for joint micro-credentials, the data protection officer has not reviewed one, and the processing register has no entry for learner data exchanged with partners. This blocks Ready until a template is approved.',
      requested: 'A joint-controller agreement (Art. 26 GDPR) template for joint micro-credentials and the updated entry of the processing register.',
    },
    'DES-01': { level: 3, text: 'Checked five credentials issued in 2026 from different micro-credentials against the catalogue: all eleven mandatory elements are present, and the issuing checklist includes them.' },
    'DAT-04': { level: 3, text: 'Confirmed from the key procedure and the IT Services audit log.' },
    'LRN-01': { level: 4, text: 'Learner panels take part in every programme review, and their proposals are documented and followed up. A practice we would like to adopt.' },
  },
};

function levelFor(random: () => number, base: number): Level {
  const roll = random();
  const noise = roll < 0.15 ? -1 : roll > 0.85 ? 1 : 0;
  return Math.min(4, Math.max(0, base + noise)) as Level;
}

function plan(framework: Framework, slot: keyof typeof profiles, seed: number): Map<string, StoryAnswer> {
  const random = seededRandom(seed);
  const answers = new Map<string, StoryAnswer>();
  for (const criterion of criteriaOf(framework)) {
    const base = profiles[slot][criterion.dimensionId as keyof (typeof profiles)[typeof slot]] ?? 3;
    const told = story[slot][criterion.id];
    // Draw for every criterion, told or not, so that one story edit does not shift all the others.
    const level = levelFor(random, base);
    answers.set(criterion.id, told ?? { level, text: '' });
  }
  return answers;
}

function evidenceLinks(voice: Voice, criterionId: string, random: () => number): Array<{ label: string; url: string }> {
  const dimension = criterionId.slice(0, criterionId.indexOf('-')).toLowerCase();
  const choices = [
    { label: 'Quality manual, current version', url: `${voice.site}/quality/manual.pdf` },
    { label: `Procedure ${criterionId}`, url: `${voice.site}/quality/procedures/${criterionId.toLowerCase()}.pdf` },
    { label: 'Micro-credential catalogue 2026/27', url: `${voice.site}/micro-credentials/catalogue` },
    { label: `Review report ${dimension.toUpperCase()} 2025`, url: `${voice.site}/quality/reviews/${dimension}-2025.pdf` },
  ];
  const count = 1 + Math.floor(random() * 2);
  return [...new Set(Array.from({ length: count }, () => pick(random, choices)))];
}

export async function writeDemoData(options: { dataDir: string; templatesDir: string }): Promise<DemoResult> {
  await mkdir(options.dataDir, { recursive: true });
  const clock = steppingClock('2026-09-14T08:30:00.000Z', 90_000);
  const core = await openCore({
    dataDir: options.dataDir,
    templatesDir: options.templatesDir,
    dialogs: noDialogs,
    appVersion: 'demo',
    platform: process.platform,
    systemLocale: 'en-GB',
    now: clock.now,
    snapshotEveryMs: Number.MAX_SAFE_INTEGER,
  });
  try {
    return await fill(core, options.dataDir, clock);
  } finally {
    await core.close();
  }
}

async function fill(core: Core, dataDir: string, clock: ReturnType<typeof steppingClock>): Promise<DemoResult> {
  await core.store.updateSettings({ userName: 'María José Ferrer', userRole: 'Head of the Quality Unit', setupCompleted: true, language: null });
  const own = await core.institutions.saveOwn(ejemplo);
  const partner = await core.institutions.createPartner(tampere);
  const frameworkKey = defaultFrameworkFor(core.frameworks.list(), 'en')!.key;
  const framework = await core.frameworks.get(frameworkKey, 'en');

  // A's self-assessment, made in the app.
  clock.jump('2026-09-15T08:00:00.000Z');
  const selfA = await core.assessments.create({ kind: 'self', subjectId: own.id, frameworkKey, language: 'en', title: 'Self-assessment 2026', profileId: demoProfileId });
  const selfAPlan = plan(framework, 'selfA', 101);
  const evidenceFile = await demoEvidenceFile(core, dataDir);
  const random = seededRandom(7);
  for (const [criterionId, answer] of selfAPlan) {
    const text = answer.text || (answer.level === 'na' ? '' : selfJustification(random, voices.A, answer.level));
    await core.assessments.saveAnswer(selfA.id, criterionId, answer.level === 'na' ? { notApplicable: true, naReason: answer.naReason ?? '' } : { level: answer.level, justification: text });
    if (answer.level !== 'na') {
      for (const link of evidenceLinks(voices.A, criterionId, random)) await core.assessments.addEvidence(selfA.id, criterionId, { kind: 'link', ...link });
    }
    if (criterionId === 'IQA-01' || criterionId === 'DAT-01') {
      await core.assessments.addEvidence(selfA.id, criterionId, { kind: 'file', label: evidenceFile.label, fileName: evidenceFile.fileName, mediaType: 'text/plain', size: evidenceFile.size, sha256: evidenceFile.sha256 });
    }
  }
  await core.assessments.complete(selfA.id);

  // B's self-assessment and B's audit of A arrive as signed exchange files.
  clock.jump('2026-10-06T09:00:00.000Z');
  const selfB = await storeExchanged(core, framework, {
    kind: 'self',
    subject: partner,
    assessor: partner,
    title: 'Self-assessment 2026 — Tampere Test University',
    plan: plan(framework, 'selfB', 202),
    text: (_criterionId, level, r) => selfJustification(r, voices.B, level),
    voice: voices.B,
    completedAt: '2026-10-02T13:40:00.000Z',
  });
  clock.jump('2026-10-27T09:00:00.000Z');
  const selfAPlanLevels = selfAPlan;
  const auditOfA = await storeExchanged(core, framework, {
    kind: 'audit',
    subject: own,
    assessor: partner,
    title: 'Audit of Universidad de Ejemplo',
    plan: plan(framework, 'auditOfA', 303),
    text: (criterionId, level, r) => {
      const self = selfAPlanLevels.get(criterionId)?.level;
      return auditFinding(r, voices.B, voices.A, self === 'na' || self === undefined ? level : self, level);
    },
    voice: voices.B,
    completedAt: '2026-10-23T15:10:00.000Z',
  });

  // A's audit of B, made in the app, beside B's self-assessment.
  clock.jump('2026-10-12T08:00:00.000Z');
  const auditOfB = await core.assessments.create({ kind: 'audit', subjectId: partner.id, frameworkKey, language: 'en', title: 'Audit of Tampere Test University', reviewsAssessmentId: selfB.id, profileId: demoProfileId });
  const selfBLevels = plan(framework, 'selfB', 202);
  const auditRandom = seededRandom(11);
  for (const [criterionId, answer] of plan(framework, 'auditOfB', 404)) {
    if (answer.level === 'na') {
      await core.assessments.saveAnswer(auditOfB.id, criterionId, { notApplicable: true, naReason: answer.naReason ?? '' });
      continue;
    }
    const self = selfBLevels.get(criterionId)?.level;
    const generated = auditFinding(auditRandom, voices.A, voices.B, self === 'na' || self === undefined ? answer.level : self, answer.level);
    await core.assessments.saveAnswer(auditOfB.id, criterionId, {
      level: answer.level,
      justification: answer.text || generated.finding,
      requestedEvidence: answer.requested ?? (answer.text ? '' : generated.requested),
    });
  }
  await core.assessments.complete(auditOfB.id);

  // The partnership, its decision and its action plan.
  clock.jump('2026-11-18T10:00:00.000Z');
  const partnership = await core.partnerships.create({ partnerId: partner.id, title: 'Joint micro-credentials in digital health', profileId: demoProfileId });
  await core.partnerships.link(partnership.id, 'selfA', selfA.id);
  await core.partnerships.link(partnership.id, 'selfB', selfB.id);
  await core.partnerships.link(partnership.id, 'auditOfB', auditOfB.id);
  await core.partnerships.link(partnership.id, 'auditOfA', auditOfA.id);
  const actions: Array<Parameters<Core['partnerships']['saveAction']>[1]> = [
    { title: 'Sign a joint-controller agreement (Art. 26 GDPR) for learner data in joint micro-credentials', criterionId: 'DAT-01', side: 'B', owner: 'Data Protection Officer, Tampere Test University', dueDate: '2027-01-31', status: 'in-progress', isCondition: true, notes: 'Template from Universidad de Ejemplo sent on 19 November 2026.' },
    { title: 'Correct the published assessment criteria of the three courses found inconsistent', criterionId: 'ASM-01', side: 'B', owner: 'Laura Virtanen, Quality Services', dueDate: '2026-10-31', status: 'open', isCondition: true, notes: 'Agreed during the audit visit; not yet confirmed.' },
    { title: 'Approve a model agreement that provides for joint awarding and joint quality assurance', criterionId: 'GOV-01', side: 'B', owner: 'Vice-Rector for Education, Tampere Test University', dueDate: '2027-03-31', status: 'open', isCondition: true, notes: 'Universidad de Ejemplo’s model agreement offered as a starting point.' },
    { title: 'Issue digital credentials for all joint micro-credentials', criterionId: 'DIG-02', side: 'A', owner: 'Digital Services and the Quality Unit', dueDate: '2027-06-30', status: 'open', isCondition: false, notes: 'European Digital Credentials for Learning; pilot running.' },
    { title: 'Involve learners in the design of the joint micro-credentials', criterionId: 'LRN-01', side: 'A', owner: 'María José Ferrer, Quality Unit', dueDate: '2027-02-28', status: 'open', isCondition: false, notes: 'Adopt the learner panels of Tampere Test University.' },
    { title: 'Agree the joint review cycle and the first review date', criterionId: 'GOV-07', side: 'A', owner: 'Both quality offices', dueDate: '2026-11-30', status: 'done', isCondition: false, notes: 'First joint review set for November 2027.' },
  ];
  for (const action of actions) await core.partnerships.saveAction(partnership.id, action);
  clock.jump(`${demoDate}T11:30:00.000Z`);
  await core.partnerships.decide(partnership.id, {
    outcome: 'conditional',
    rationale:
      'Both institutions are accredited, have working internal quality assurance for micro-credentials, and rated each other close to their own assessments on most criteria.\n' +
      'Three critical criteria of Tampere Test University stand at level 2, and each blocks Ready: there is no approved template arrangement for learner data exchanged with partners (DAT-01), the published assessment criteria of three courses do not match the assessment used (ASM-01), and no approved model agreement provides for joint awarding (GOV-01, critical for a joint micro-credential).\n' +
      'The partnership is ready with conditions: joint delivery starts only when the three conditions in the action plan are met.',
  });
  await core.store.flush();
  return {
    dataDir,
    institutions: { A: own.id, B: partner.id },
    assessments: { selfA: selfA.id, selfB: selfB.id, auditOfB: auditOfB.id, auditOfA: auditOfA.id },
    partnership: partnership.id,
  };
}

async function demoEvidenceFile(core: Core, dataDir: string): Promise<{ label: string; fileName: string; size: number; sha256: string }> {
  const folder = join(dataDir, '..', `.demo-evidence-${randomUUID().slice(0, 8)}`);
  await mkdir(folder, { recursive: true });
  const fileName = 'data-protection-policy-2025.txt';
  const path = join(folder, fileName);
  await writeFile(
    path,
    'Universidad de Ejemplo — Data Protection Policy (fictional, 2025)\n\n1. Scope. This policy covers the personal data of learners in all programmes, including micro-credentials offered jointly with partners.\n2. Joint controllers. Joint offers are governed by an agreement under Article 26 GDPR.\n',
    'utf8',
  );
  const { sha256, size } = await core.evidence.addFile(path);
  await rm(folder, { recursive: true, force: true });
  return { label: 'Data Protection Policy 2025', fileName, size, sha256 };
}

async function storeExchanged(
  core: Core,
  framework: Framework,
  input: {
    kind: 'self' | 'audit';
    subject: Institution;
    assessor: Institution;
    title: string;
    plan: Map<string, StoryAnswer>;
    text: (criterionId: string, level: Level, random: () => number) => string | { finding: string; requested: string };
    voice: Voice;
    completedAt: string;
  },
): Promise<Assessment> {
  const random = seededRandom(input.kind === 'self' ? 505 : 606);
  const answers: Record<string, Answer> = {};
  for (const [criterionId, answer] of input.plan) {
    if (answer.level === 'na') {
      answers[criterionId] = { level: null, notApplicable: true, naReason: answer.naReason ?? '', justification: '', evidence: [], requestedEvidence: '', carriedOver: false };
      continue;
    }
    const generated = input.text(criterionId, answer.level, random);
    const justification = answer.text || (typeof generated === 'string' ? generated : generated.finding);
    const requestedEvidence = answer.requested ?? (answer.text || typeof generated === 'string' ? '' : generated.requested);
    answers[criterionId] = {
      level: answer.level,
      notApplicable: false,
      naReason: '',
      justification,
      evidence:
        input.kind === 'self'
          ? evidenceLinks(input.voice, criterionId, random).map((link, i) => ({ kind: 'link' as const, id: `${criterionId}-${i + 1}`, ...link, addedAt: input.completedAt }))
          : [],
      requestedEvidence,
      carriedOver: false,
    };
  }
  const at = input.completedAt;
  const id = randomUUID();
  const ref = (institution: Institution) => ({ institutionId: institution.id, legalName: institution.legalName, country: institution.country });
  const assessment: Assessment = {
    schemaVersion: 1,
    id,
    kind: input.kind,
    title: input.title,
    subject: ref(input.subject),
    assessor: ref(input.assessor),
    framework: { ...frameworkRef(framework), language: framework.language },
    profileId: demoProfileId,
    status: 'complete',
    completed: { by: 'Laura Virtanen', role: 'Quality Manager, Quality Services', at },
    seriesId: id,
    revision: 1,
    origin: {
      type: 'exchange',
      importedAt: new Date(Date.parse(at) + 3 * 24 * 3600 * 1000).toISOString(),
      signer: 'Tampere Test University — Laura Virtanen, Quality Manager',
      keyFingerprint: 'ed25519:7c1e 94ab 0d52 e8f3 61aa 2b90 c4d7 13fe',
    },
    answers,
    history: [{ at, by: 'Laura Virtanen', field: 'status', from: 'draft', to: 'complete' }],
    createdAt: '2026-09-21T07:45:00.000Z',
    createdBy: 'Laura Virtanen',
    updatedAt: at,
  };
  return core.assessments.importAssessment(assessment);
}
