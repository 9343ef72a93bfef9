/**
 * The newcomer's path on Home: each step is done from what the data folder holds, the first step
 * not done is the next one, and its button leads to the screen that does it.
 */
import { describe, expect, it } from 'vitest';
import type { AgreementSummary } from '../../../../shared/agreement/summary';
import type { AssessmentSummary } from '../../../../shared/assessment/summary';
import { newcomerPath, pathSteps, type NewcomerPathInput } from '../../../../shared/home/newcomer-path';
import type { PartnershipSummary } from '../../../../shared/partnership/summary';

const own = { institutionId: 'own', legalName: 'Universidad de Ejemplo', country: 'ES' };
const partner = { institutionId: 'tampere', legalName: 'Tampere University', country: 'FI' };

function assessment(id: string, overrides: Partial<AssessmentSummary> = {}): AssessmentSummary {
  return {
    id,
    kind: 'self',
    title: id,
    subject: own,
    assessor: own,
    framework: { id: 'any-guide', version: 'x', fingerprint: 'f'.repeat(64), language: 'en' },
    status: 'complete',
    seriesId: id,
    revision: 1,
    origin: 'local',
    overall: 70,
    band: 'ready',
    answered: 10,
    total: 10,
    blockers: 0,
    carriedOver: 0,
    scored: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const partnership = (overrides: Partial<PartnershipSummary> = {}): PartnershipSummary => ({
  id: 'p1',
  title: 'Joint master',
  institutionA: 'own',
  institutionB: 'tampere',
  assessments: {},
  decision: undefined,
  actions: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

const agreement = { id: 'g1', partnershipId: 'p1', state: 'draft' } as AgreementSummary;

const empty: NewcomerPathInput = { institutions: [], assessments: [], partnerships: [], agreements: [] };
const states = (input: NewcomerPathInput) => newcomerPath(input).steps.map((step) => `${step.step}:${step.state}`);

describe('the newcomer’s path', () => {
  it('on an empty data folder, starts with the institution profile and leaves the rest for later', () => {
    const path = newcomerPath(empty);
    expect(path.steps.map((step) => step.step)).toEqual([...pathSteps]);
    expect(states(empty)).toEqual(['profile:next', 'selfAssessment:later', 'partner:later', 'audit:later', 'decision:later', 'agreement:later']);
    expect(path.next).toMatchObject({ step: 'profile', href: '/settings/institution' });
    expect(path.done).toBe(0);
  });

  it('after the first run, the next step is to start the self-assessment', () => {
    const input = { ...empty, institutions: [{ id: 'own', kind: 'own' as const }] };
    expect(newcomerPath(input).next).toEqual({ step: 'selfAssessment', state: 'next', verb: 'start', href: '/assessments/new?kind=self' });
  });

  it('continues a self-assessment in draft rather than starting another, and counts only a completed one', () => {
    const input = { ...empty, institutions: [{ id: 'own', kind: 'own' as const }], assessments: [assessment('s1', { status: 'draft', answered: 3 })] };
    expect(newcomerPath(input).next).toMatchObject({ step: 'selfAssessment', verb: 'continue', href: '/assessments/s1' });
    // A newer revision that is completed settles it.
    const completed = { ...input, assessments: [...input.assessments, assessment('s2', { seriesId: 's1', revision: 2 })] };
    expect(newcomerPath(completed).next).toMatchObject({ step: 'partner', verb: 'start', href: '/partners/new' });
  });

  it('does not count a self-assessment of another institution, nor an audit of an institution that is not a partner', () => {
    const input: NewcomerPathInput = {
      ...empty,
      institutions: [{ id: 'own', kind: 'own' }, { id: 'tampere', kind: 'partner' }],
      assessments: [assessment('imported', { subject: partner, assessor: partner }), assessment('a1', { kind: 'audit', subject: { ...partner, institutionId: 'gone' } })],
    };
    expect(states(input)).toEqual(['profile:done', 'selfAssessment:next', 'partner:done', 'audit:later', 'decision:later', 'agreement:later']);
  });

  it('asks for a partnership and its decision once the audit is done, then for the agreement of the decided partnership', () => {
    const base: NewcomerPathInput = {
      institutions: [{ id: 'own', kind: 'own' }, { id: 'tampere', kind: 'partner' }],
      assessments: [assessment('s1'), assessment('a1', { kind: 'audit', subject: partner, assessor: own })],
      partnerships: [],
      agreements: [],
    };
    expect(newcomerPath(base).next).toMatchObject({ step: 'decision', verb: 'start', href: '/partnerships?new=1' });
    const undecided = { ...base, partnerships: [partnership()] };
    expect(newcomerPath(undecided).next).toMatchObject({ step: 'decision', verb: 'open', href: '/partnerships/p1?tab=decision' });
    const decided = { ...base, partnerships: [partnership({ decision: { outcome: 'conditional', decidedAt: '2026-02-01T00:00:00.000Z' } })] };
    expect(newcomerPath(decided).next).toMatchObject({ step: 'agreement', verb: 'start', href: '/partnerships/p1?tab=decision' });
    const agreed = { ...decided, agreements: [agreement] };
    const path = newcomerPath(agreed);
    expect(path.next).toBeNull();
    expect(path.done).toBe(pathSteps.length);
  });

  it('counts a step done out of order, and still names the first missing step as next', () => {
    const input: NewcomerPathInput = { ...empty, institutions: [{ id: 'own', kind: 'own' }, { id: 'tampere', kind: 'partner' }], partnerships: [partnership({ decision: { outcome: 'not-ready', decidedAt: '2026-02-01T00:00:00.000Z' } })] };
    expect(states(input)).toEqual(['profile:done', 'selfAssessment:next', 'partner:done', 'audit:later', 'decision:done', 'agreement:later']);
    // A partnership decided not ready cannot have an agreement: the step leads to the partnership, not to drafting.
    expect(newcomerPath(input).steps[5]).toMatchObject({ verb: 'open', href: '/partnerships/p1?tab=decision' });
  });
});
