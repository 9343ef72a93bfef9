/**
 * buildConsortium on small hand-made consortia: which assessment a cell shows (newest revision,
 * newest completed, in progress), validity at its boundaries, dimension ranks and totals. Expected
 * figures are computed here from the inputs with the real scoring, never typed in.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../../shared/assessment/answer';
import type { Assessment } from '../../../../shared/assessment/schema';
import { abbreviate, initialsOf } from '../../../../shared/consortium/abbreviations';
import { buildConsortium } from '../../../../shared/consortium/build';
import { addCalendarMonths, daysBetween } from '../../../../shared/dates';
import type { ConsortiumInput, ConsortiumInstitution } from '../../../../shared/consortium/model';
import { frameworkFingerprint, frameworkRef } from '../../../../shared/framework/fingerprint';
import { criteriaOf, type Framework, type Level } from '../../../../shared/framework/schema';
import { scoreAssessment } from '../../../../shared/scoring';
import { answer, sampleFramework } from '../../../support/exchange-factories';

// ------------------------------------------------------------------ small builders

/** Two dimensions (QA, GOV) of two criteria each; the first criterion of QA is critical. */
function twoDimensionFramework(overrides: Partial<Framework> = {}): Framework {
  const base = sampleFramework(2);
  const criterion = (id: string, critical = false) => ({ ...base.dimensions[0]!.criteria[0]!, id, title: `Criterion ${id}`, critical });
  return {
    ...base,
    validityMonths: 24,
    dimensions: [
      { id: 'QA', title: 'Quality assurance', summary: 'How quality is assured.', weight: 1, criteria: [criterion('QA-01', true), criterion('QA-02')] },
      { id: 'GOV', title: 'Governance', summary: 'How the partnership is governed.', weight: 1, criteria: [criterion('GOV-01'), criterion('GOV-02')] },
    ],
    ...overrides,
  };
}

const institutions: ConsortiumInstitution[] = [
  { key: 'tb-zagreb-0001', legalName: 'Sveučilište u Primjeru', country: 'HR' },
  { key: 'tb-berlin-0001', legalName: 'Hochschule Musterstadt', country: 'DE' },
  { key: 'tb-valencia-01', legalName: 'Universidad de Ejemplo', country: 'ES' },
];
const [zagreb, berlin, valencia] = institutions.map((institution) => institution.key) as [string, string, string];

let counter = 0;

function assessmentOf(
  framework: Framework,
  assessor: string,
  subject: string,
  options: { levels?: readonly (Level | null)[]; day?: string; status?: 'complete' | 'draft'; seriesId?: string; revision?: number; kind?: 'self' | 'audit'; updatedAt?: string } = {},
): Assessment {
  counter += 1;
  const criteria = criteriaOf(framework);
  const levels = options.levels ?? criteria.map(() => 3 as Level);
  const answers: Record<string, Answer> = {};
  criteria.forEach((criterion, i) => {
    const level = levels[i % levels.length] ?? null;
    if (level !== null) answers[criterion.id] = answer({ level });
  });
  const day = options.day ?? '2026-06-01';
  const status = options.status ?? 'complete';
  const ref = (key: string) => ({ institutionId: key, legalName: institutions.find((i) => i.key === key)?.legalName ?? key, country: 'ES' });
  return {
    schemaVersion: 1,
    id: `assessment-${counter}`,
    kind: options.kind ?? (assessor === subject ? 'self' : 'audit'),
    title: `Assessment ${counter}`,
    subject: ref(subject),
    assessor: ref(assessor),
    framework: { ...frameworkRef(framework), language: framework.language },
    status,
    ...(status === 'complete' ? { completed: { by: 'QA officer', role: 'Quality officer', at: `${day}T10:00:00.000Z` } } : {}),
    seriesId: options.seriesId ?? `series-${counter}`,
    revision: options.revision ?? 1,
    origin: { type: 'local' },
    answers,
    history: [],
    createdAt: `${day}T08:00:00.000Z`,
    createdBy: 'QA officer',
    updatedAt: options.updatedAt ?? `${day}T10:00:00.000Z`,
  };
}

function inputOf(assessments: Assessment[], frameworks: Framework[], extra: Partial<ConsortiumInput> = {}): ConsortiumInput {
  const byFingerprint = new Map(frameworks.map((framework) => [frameworkFingerprint(framework), framework]));
  return {
    institutions,
    assessments,
    frameworkOf: (assessment) => byFingerprint.get(assessment.framework.fingerprint),
    today: '2026-11-23',
    ...extra,
  };
}

const cellOf = (model: ReturnType<typeof buildConsortium>, assessor: string, subject: string) => model.cells.find((cell) => cell.assessor === assessor && cell.subject === subject);

// ------------------------------------------------------------------ which assessment a cell shows

describe('which audit a cell shows', () => {
  const framework = twoDimensionFramework();

  it('shows the newest revision of a series, with its own scores, whatever order the revisions come in', () => {
    const first = assessmentOf(framework, berlin, valencia, { levels: [1, 1, 1, 1], seriesId: 'audit-series', revision: 1, day: '2026-01-10' });
    const second = assessmentOf(framework, berlin, valencia, { levels: [4, 3, 4, 3], seriesId: 'audit-series', revision: 2, day: '2025-12-01' });

    for (const order of [[first, second], [second, first]]) {
      const cell = cellOf(buildConsortium(inputOf(order, [framework])), berlin, valencia)!;
      const expected = scoreAssessment(framework, second.answers);
      expect(cell).toMatchObject({ assessmentId: second.id, revision: 2, overall: expected.overall, band: expected.band, blockers: expected.blockers.length });
      expect(cell.dimensions).toEqual(Object.fromEntries(expected.dimensions.map((d) => [d.id, d.score])));
    }
  });

  it('prefers the newest completed audit to a newer one still in progress, and says that the renewal has started', () => {
    const older = assessmentOf(framework, berlin, valencia, { day: '2024-03-01' });
    const newer = assessmentOf(framework, berlin, valencia, { day: '2025-09-01' });
    const draft = assessmentOf(framework, berlin, valencia, { day: '2026-11-01', status: 'draft', levels: [0, null] });

    const cell = cellOf(buildConsortium(inputOf([draft, older, newer], [framework])), berlin, valencia)!;

    expect(cell).toMatchObject({ assessmentId: newer.id, status: 'complete', date: '2025-09-01' });
    expect(cell.renewalInProgress).toEqual({ assessmentId: draft.id, title: draft.title, updatedAt: draft.updatedAt });
  });

  it('shows an audit in progress when no completed one exists, dated by its last change', () => {
    const draft = assessmentOf(framework, zagreb, berlin, { day: '2026-10-02', status: 'draft', levels: [2, null], updatedAt: '2026-10-05T16:00:00.000Z' });

    const cell = cellOf(buildConsortium(inputOf([draft], [framework])), zagreb, berlin)!;

    expect(cell).toMatchObject({ assessmentId: draft.id, status: 'in-progress', date: '2026-10-05', overall: scoreAssessment(framework, draft.answers).overall });
    expect(cell.renewalInProgress).toBeUndefined();
  });

  it('puts self-assessments on the diagonal and ignores an "audit" of oneself', () => {
    const self = assessmentOf(framework, valencia, valencia);
    const odd = assessmentOf(framework, berlin, berlin, { kind: 'audit' });

    const model = buildConsortium(inputOf([self, odd], [framework]));

    expect(model.cells).toEqual([]);
    expect(model.selfAssessments.map((cell) => [cell.subject, cell.assessmentId])).toEqual([[valencia, self.id]]);
    expect(model.selfAssessments[0]).not.toHaveProperty('decision');
  });

  it('attaches the newest decision known for a direction', () => {
    const audit = assessmentOf(framework, berlin, valencia);
    const decisions = [
      { from: berlin, to: valencia, outcome: 'not-ready' as const, decidedAt: '2026-01-01T10:00:00.000Z' },
      { from: berlin, to: valencia, outcome: 'conditional' as const, decidedAt: '2026-07-01T10:00:00.000Z' },
      { from: valencia, to: berlin, outcome: 'ready' as const, decidedAt: '2026-07-01T10:00:00.000Z' },
    ];

    const model = buildConsortium(inputOf([audit], [framework], { decisions }));

    expect(cellOf(model, berlin, valencia)?.decision).toEqual({ outcome: 'conditional', decidedAt: '2026-07-01T10:00:00.000Z' });
    expect(cellOf(model, valencia, berlin)).toBeUndefined();
  });

  it('skips, and lists, assessments whose framework is unknown or whose institution is not a member', () => {
    const unknownFramework = assessmentOf(twoDimensionFramework({ version: '9.9' }), berlin, valencia);
    const stranger = assessmentOf(framework, 'tb-stranger-01', valencia);

    const model = buildConsortium(inputOf([unknownFramework, stranger], [framework]));

    expect(model.cells).toEqual([]);
    expect(model.skipped.map((item) => [item.assessmentId, item.reason]).sort()).toEqual(
      [
        [unknownFramework.id, 'unknown-framework'],
        [stranger.id, 'unknown-institution'],
      ].sort(),
    );
  });
});

// ------------------------------------------------------------------ dates and validity

describe('validity', () => {
  it('adds calendar months and ends a shorter month on its last day', () => {
    // Calendar facts: February has 28 days in 2027 and 29 in 2028.
    expect(addCalendarMonths('2026-02-28', 24)).toBe('2028-02-28');
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addCalendarMonths('2026-01-31', 25)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-11-30', 14)).toBe('2028-01-30');
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });

  const framework = twoDimensionFramework({ validityMonths: 24 });
  const day = '2024-08-31';
  const validUntil = addCalendarMonths(day, framework.validityMonths);
  const shift = (base: string, days: number) => new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const validityOn = (today: string, expiringWithinDays?: number) =>
    cellOf(buildConsortium(inputOf([assessmentOf(framework, berlin, valencia, { day })], [framework], { today, ...(expiringWithinDays !== undefined ? { expiringWithinDays } : {}) })), berlin, valencia)!;

  it('is counted from the completion day for the framework’s validity in months', () => {
    expect(validityOn('2026-01-01')).toMatchObject({ date: day, validUntil });
  });

  it('is valid up to and including the last day, expiring within 90 days of it, and expired the day after', () => {
    expect(validityOn(shift(validUntil, -91)).validity).toBe('valid');
    expect(validityOn(shift(validUntil, -90)).validity).toBe('expiring');
    expect(validityOn(validUntil).validity).toBe('expiring');
    expect(validityOn(shift(validUntil, 1)).validity).toBe('expired');
  });

  it('takes another expiry window when given one', () => {
    expect(validityOn(shift(validUntil, -30), 20).validity).toBe('valid');
    expect(validityOn(shift(validUntil, -20), 20).validity).toBe('expiring');
  });
});

// ------------------------------------------------------------------ dimensions

describe('dimensions across the consortium', () => {
  const framework = twoDimensionFramework();

  it('scores each member by its newest audit that has not expired, and ranks the weakest dimension first', () => {
    const ofZagreb = assessmentOf(framework, berlin, zagreb, { levels: [4, 4, 1, 2], day: '2026-03-01' });
    const ofZagrebOlder = assessmentOf(framework, valencia, zagreb, { levels: [0, 0, 0, 0], day: '2025-03-01' });
    const ofBerlin = assessmentOf(framework, valencia, berlin, { levels: [3, 2, 2, 2], day: '2025-10-01' });
    const ofValenciaExpired = assessmentOf(framework, zagreb, valencia, { levels: [4, 4, 4, 4], day: '2022-01-01' });

    const model = buildConsortium(inputOf([ofZagreb, ofZagrebOlder, ofBerlin, ofValenciaExpired], [framework]));

    const counted = { [zagreb]: scoreAssessment(framework, ofZagreb.answers), [berlin]: scoreAssessment(framework, ofBerlin.answers) };
    const expected = framework.dimensions.map((dimension) => {
      const scores = Object.values(counted).map((score) => score.dimensions.find((d) => d.id === dimension.id)!.score!);
      return { id: dimension.id, mean: scores.reduce((a, b) => a + b, 0) / scores.length, min: Math.min(...scores), count: scores.length };
    });
    expected.sort((a, b) => a.mean - b.mean || a.id.localeCompare(b.id));

    expect(model.dimensions.map((row) => ({ id: row.id, mean: row.mean, min: row.min, count: row.count }))).toEqual(expected);
    expect(model.dimensions.map((row) => row.rank)).toEqual(expected.map((_, i) => i + 1));
    const first = model.dimensions[0]!;
    expect(first.scores).toEqual({
      [zagreb]: counted[zagreb]!.dimensions.find((d) => d.id === first.id)!.score,
      [berlin]: counted[berlin]!.dimensions.find((d) => d.id === first.id)!.score,
      [valencia]: null,
    });
  });

  it('breaks ties by code and ranks a dimension nobody has a score on last', () => {
    const withExtra = twoDimensionFramework({
      version: '1.1',
      dimensions: [...twoDimensionFramework().dimensions, { ...twoDimensionFramework().dimensions[1]!, id: 'DAT', title: 'Data', criteria: [{ ...twoDimensionFramework().dimensions[1]!.criteria[0]!, id: 'DAT-01' }] }],
    });
    // Every criterion at the same level: QA and GOV tie; DAT is left unanswered.
    const audit = assessmentOf(withExtra, berlin, valencia, { levels: [3, 3, 3, 3, null] });

    const model = buildConsortium(inputOf([audit], [withExtra]));

    expect(model.dimensions.map((row) => [row.id, row.rank, row.count])).toEqual([
      ['GOV', 1, 1],
      ['QA', 2, 1],
      ['DAT', 3, 0],
    ]);
    expect(model.dimensions[2]!.mean).toBeNull();
  });

  it('matches dimensions by code across framework versions, titled by the newest version', () => {
    const older = twoDimensionFramework();
    const newer = twoDimensionFramework({ version: '1.2', dimensions: twoDimensionFramework().dimensions.map((d) => (d.id === 'GOV' ? { ...d, title: 'Consortium governance' } : d)) });
    const a = assessmentOf(older, berlin, valencia, { levels: [2, 2, 2, 2] });
    const b = assessmentOf(newer, valencia, berlin, { levels: [4, 4, 4, 4] });

    const model = buildConsortium(inputOf([a, b], [older, newer]));

    const gov = model.dimensions.find((row) => row.id === 'GOV')!;
    expect(gov.title).toBe('Consortium governance');
    expect(gov.count).toBe(2);
  });

  it('prefers titles in the language asked for', () => {
    const english = twoDimensionFramework({ version: '1.2' });
    const spanish = twoDimensionFramework({ language: 'es', dimensions: twoDimensionFramework().dimensions.map((d) => ({ ...d, title: `${d.id} (es)` })) });
    const a = assessmentOf(english, berlin, valencia);
    const b = assessmentOf(spanish, valencia, berlin);

    expect(buildConsortium(inputOf([a, b], [english, spanish], { language: 'es' })).dimensions.map((row) => row.title).sort()).toEqual(['GOV (es)', 'QA (es)']);
    expect(buildConsortium(inputOf([a, b], [english, spanish])).dimensions.map((row) => row.title).sort()).toEqual(['Governance', 'Quality assurance']);
  });
});

// ------------------------------------------------------------------ totals and order

describe('totals and order', () => {
  const framework = twoDimensionFramework({ validityMonths: 12 });
  const today = '2026-11-23';
  const assessments = [
    assessmentOf(framework, berlin, valencia, { day: '2026-06-01' }),
    assessmentOf(framework, valencia, berlin, { day: '2025-12-10' }),
    assessmentOf(framework, zagreb, berlin, { day: '2025-01-10' }),
    assessmentOf(framework, zagreb, valencia, { day: '2026-11-01', status: 'draft', levels: [1, null] }),
    assessmentOf(framework, valencia, valencia, { day: '2026-02-01' }),
    assessmentOf(framework, berlin, berlin, { day: '2026-03-01' }),
  ];

  it('counts audits by validity, the diagonal, and the directions nobody has audited', () => {
    const model = buildConsortium(inputOf(assessments, [framework], { today }));

    const audits = model.cells;
    const completed = audits.filter((cell) => cell.status === 'complete');
    const n = institutions.length;
    expect(model.totals).toEqual({
      institutions: n,
      audits: audits.length,
      valid: completed.filter((cell) => cell.validity === 'valid').length,
      expiring: completed.filter((cell) => cell.validity === 'expiring').length,
      expired: completed.filter((cell) => cell.validity === 'expired').length,
      inProgress: audits.length - completed.length,
      selfAssessments: 2,
      directionsMissing: n * (n - 1) - audits.length,
    });
    expect(model.totals.valid + model.totals.expiring + model.totals.expired + model.totals.inProgress).toBe(model.totals.audits);
    // Each validity occurs once in this consortium, so the counts are not trivially zero.
    expect([model.totals.valid, model.totals.expiring, model.totals.expired, model.totals.inProgress]).toEqual([1, 1, 1, 1]);
    expect(model.expiringWithinDays).toBe(90);
  });

  it('sorts members by legal name and lists cells row by row, whatever the input order', () => {
    const model = buildConsortium(inputOf(assessments, [framework], { today }));
    const shuffled = buildConsortium(inputOf([...assessments].reverse(), [framework], { today, institutions: [...institutions].reverse() }));

    const names = institutions.map((i) => i.legalName).sort((a, b) => a.localeCompare(b, 'en'));
    expect(model.institutions.map((i) => i.legalName)).toEqual(names);
    const position = new Map(model.institutions.map((institution, index) => [institution.key, index]));
    const keys = model.cells.map((cell) => position.get(cell.assessor)! * 10 + position.get(cell.subject)!);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(shuffled).toEqual(model);
  });

  it('gives every member a unique short name', () => {
    const many = [
      { key: 'a', legalName: 'Universidad de Ejemplo', country: 'ES' },
      { key: 'b', legalName: 'Universidade do Exemplo', country: 'PT' },
      { key: 'c', legalName: 'Universitatea Exemplu', country: 'RO' },
      { key: 'd', legalName: 'Universität Eins', country: 'RO' },
      { key: 'e', legalName: 'Hochschule für Technik', country: 'DE' },
    ];
    const short = abbreviate(many);
    expect(new Set(short.values()).size).toBe(many.length);
    expect(short.get('a')).toBe('UE-ES');
    expect(short.get('e')).toBe('HT');
    expect(initialsOf("Université Libre d'Essai")).toBe('ULE');
  });
});
