/**
 * Home's overview is bounded: whatever the store holds, it carries a fixed number of rows, with
 * the totals — and it finds what needs attention among all of it, the most urgent first.
 */
import { describe, expect, it } from 'vitest';
import type { AgreementSummary } from '../../../../shared/agreement/summary';
import type { AssessmentSummary } from '../../../../shared/assessment/summary';
import { homeOverview } from '../../../../shared/home/overview';
import type { PartnershipSummary } from '../../../../shared/partnership/summary';

const ref = { institutionId: 'own', legalName: 'Universidad de Ejemplo', country: 'ES' };

function assessment(i: number, overrides: Partial<AssessmentSummary> = {}): AssessmentSummary {
  return {
    id: `a${i}`,
    kind: 'self',
    title: `Self-assessment ${i}`,
    subject: ref,
    assessor: ref,
    framework: { id: 'trustbridge-guide', version: '1.0', fingerprint: 'f'.repeat(64), language: 'en' },
    status: 'complete',
    seriesId: `s${i}`,
    revision: 1,
    origin: 'local',
    overall: 70,
    band: 'ready',
    answered: 55,
    total: 55,
    blockers: 0,
    carriedOver: 0,
    scored: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: `2026-${String((i % 12) + 1).padStart(2, '0')}-01T00:00:00.000Z`,
    completedAt: '2026-01-01T00:00:00.000Z',
    validUntil: '2028-01-01',
    ...overrides,
  };
}

const partnership = (i: number, overrides: Partial<PartnershipSummary> = {}): PartnershipSummary => ({
  id: `p${i}`,
  title: `Partnership ${i}`,
  institutionA: 'own',
  institutionB: `partner${i}`,
  assessments: {},
  decision: { outcome: 'ready', decidedAt: '2026-05-01T00:00:00.000Z' },
  actions: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: `2026-0${(i % 9) + 1}-01T00:00:00.000Z`,
  ...overrides,
});

describe('Home’s overview', () => {
  it('carries a bounded number of rows whatever the store holds, with the totals', () => {
    const assessments = Array.from({ length: 1000 }, (_, i) => assessment(i));
    const partnerships = Array.from({ length: 40 }, (_, i) => partnership(i));
    const overview = homeOverview({ assessments, partnerships, agreements: [], names: new Map(), today: '2026-11-23', rows: 8 });
    expect(overview.latest).toHaveLength(8);
    expect(overview.latestTotal).toBe(1000);
    expect(overview.partnerships).toHaveLength(8);
    expect(overview.partnershipsTotal).toBe(40);
    // Newest first.
    expect(overview.latest[0]!.updatedAt >= overview.latest[7]!.updatedAt).toBe(true);
  });

  it('finds what needs attention among everything, the most urgent first', () => {
    const assessments = [
      ...Array.from({ length: 300 }, (_, i) => assessment(i)),
      assessment(1001, { status: 'draft', answered: 50, completedAt: undefined, validUntil: undefined }),
      assessment(1002, { validUntil: '2026-10-01' }),
      assessment(1003, { validUntil: '2027-01-15' }),
      assessment(1004, { validUntil: '2026-01-01' }),
      // 1004 was renewed: no reminder for it.
      assessment(1005, { status: 'draft', answered: 55, carriedFromId: 'a1004', carriedOver: 3, completedAt: undefined, validUntil: undefined }),
    ];
    const agreements: AgreementSummary[] = [
      {
        id: 'g1',
        title: 'Agreement on micro-credentials',
        partnershipId: 'p1',
        language: 'en',
        ownSide: 'B',
        parties: { A: { institutionId: 'x', exchangeId: null, legalName: 'Tampere Test University' }, B: { institutionId: 'own', exchangeId: null, legalName: 'Universidad de Ejemplo' } },
        state: 'awaiting-own',
        contentHash: 'c'.repeat(64),
        signedBy: ['A'],
        concludedAt: undefined,
        endsOn: undefined,
        createdAt: '2026-11-01T00:00:00.000Z',
        updatedAt: '2026-11-01T00:00:00.000Z',
      },
    ];
    const overview = homeOverview({ assessments, partnerships: [partnership(1, { decision: undefined })], agreements, names: new Map(), today: '2026-11-23', rows: 50 });
    const kinds = overview.attention.map((item) => [item.kind, item.severity]);
    expect(kinds.slice(0, 2)).toEqual([
      ['expired', 'high'],
      ['countersign', 'high'],
    ]);
    expect(kinds).toEqual(expect.arrayContaining([['undecided', 'normal'], ['missing', 'normal'], ['expiring', 'normal'], ['carriedOver', 'normal']]));
    expect(overview.attention.filter((item) => item.kind === 'expired').map((item) => item.params['title'])).toEqual(['Self-assessment 1002']);
    expect(overview.attention.find((item) => item.kind === 'expiring')?.href).toBe('#/assessments/new?from=a1003');
    expect(overview.attentionTotal).toBe(overview.attention.length);
  });
});
