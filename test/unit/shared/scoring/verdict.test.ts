import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerMap } from '../../../../shared/assessment/answer';
import type { Level } from '../../../../shared/framework/schema';
import { assessmentVerdict, certainBand, noAssessmentYet, partnershipVerdict, scoreAssessment } from '../../../../shared/scoring';
import type { ReadinessBand } from '../../../../shared/scoring';
import { criterion, dimension, flatAnswers, flatFramework, framework, rated } from './factories';

/** Two dimensions; DAT-01 and GOV-01 critical. */
const guide = framework([
  dimension('GOV', 1, criterion('GOV-01', { critical: true }), criterion('GOV-02'), criterion('GOV-03')),
  dimension('DAT', 1, criterion('DAT-01', { critical: true }), criterion('DAT-02'), criterion('DAT-03')),
]);
const ids = ['GOV-01', 'GOV-02', 'GOV-03', 'DAT-01', 'DAT-02', 'DAT-03'];

describe('an incomplete assessment has progress, not a band', () => {
  it('shows "n of total answered, k critical unanswered" and its score only so far', () => {
    // The case: a few answers, all high, every critical criterion unanswered
    const answers = { 'GOV-02': rated(4), 'GOV-03': rated(4) };
    const score = scoreAssessment(guide, answers);
    expect(score.band).toBe('ready'); // what the old screens showed as "provisional"

    const verdict = assessmentVerdict(guide, answers);

    expect(verdict).toEqual({ kind: 'progress', answered: 2, total: 6, criticalUnanswered: 2, scoreSoFar: 100, certain: null, because: [] });
  });

  it('states a band already certain, and which criterion decides it', () => {
    // DAT-01 critical rated 0: below the level "ready with conditions" demands, whatever comes next
    const verdict = assessmentVerdict(guide, { 'DAT-01': rated(0), 'GOV-02': rated(4) });

    expect(verdict).toMatchObject({ kind: 'progress', certain: 'not-ready', because: ['DAT-01'], answered: 2, total: 6 });
  });

  it('gives the result once every criterion is answered', () => {
    const answers = Object.fromEntries(ids.map((id) => [id, rated(3)]));
    expect(assessmentVerdict(guide, answers)).toEqual({ kind: 'result', band: 'ready', overall: 75 });
  });
});

describe('certainBand', () => {
  it('is the band with every missing criterion at 0 when it equals the band with every missing at 4', () => {
    expect(certainBand(flatFramework(4), flatAnswers(0, 0, 0, null))).toBe('not-ready');
    expect(certainBand(flatFramework(4), flatAnswers(4, 4, 4, null))).toBe('ready');
    expect(certainBand(flatFramework(4), flatAnswers(4, 4, null, null))).toBeNull();
  });

  it('holds for every way of answering the rest, not applicable included', () => {
    const fw = framework([
      dimension('A', 2, criterion('A-01', { critical: true }), criterion('A-02'), criterion('A-03', { weight: 3 })),
      dimension('B', 1, criterion('B-01', { critical: true }), criterion('B-02')),
    ]);
    const all = ['A-01', 'A-02', 'A-03', 'B-01', 'B-02'];
    const critical = new Set(['A-01', 'B-01']);
    const answer = fc.oneof(fc.constant<null>(null), fc.constant<'na'>('na'), fc.integer({ min: 0, max: 4 }));
    const toMap = (values: Array<number | 'na' | null>): AnswerMap =>
      Object.fromEntries(values.flatMap((value, i) =>
        value === null ? [] : [[all[i]!, value === 'na' ? { level: null, notApplicable: true, naReason: 'Does not apply.' } : rated(value as Level)]]));
    fc.assert(
      fc.property(fc.array(answer, { minLength: 5, maxLength: 5 }), fc.array(answer, { minLength: 5, maxLength: 5 }), (now, rest) => {
        const answers = toMap(now);
        const certain = certainBand(fw, answers);
        if (certain === null) return;
        // Complete the assessment in any way (critical N/A carries a reason, so it is accepted)
        const completed = toMap(now.map((value, i) => value ?? (rest[i] === null ? (critical.has(all[i]!) ? 2 : 'na') : rest[i]!)));
        expect(scoreAssessment(fw, completed).band).toBe(certain);
      }),
      { numRuns: 400 },
    );
  });
});

describe('partnership verdict', () => {
  const result = (band: ReadinessBand, overall: number) => ({ kind: 'result' as const, band, overall });

  it('is a result only when both sides are', () => {
    expect(partnershipVerdict(result('ready', 80), result('conditional', 60))).toEqual(result('conditional', 60));
    const open = assessmentVerdict(guide, { 'GOV-02': rated(4) });
    expect(partnershipVerdict(result('ready', 80), open)).toMatchObject({ kind: 'progress', answered: 1, total: 6, certain: null });
    expect(partnershipVerdict(noAssessmentYet, result('ready', 80))).toMatchObject({ kind: 'progress', certain: null });
  });

  it('is certainly not ready when one side already is', () => {
    const blocked = assessmentVerdict(guide, { 'DAT-01': rated(0) });
    expect(partnershipVerdict(result('ready', 90), blocked)).toMatchObject({ kind: 'progress', certain: 'not-ready', because: ['DAT-01'] });
  });
});
