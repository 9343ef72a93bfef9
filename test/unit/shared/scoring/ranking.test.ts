import { describe, expect, it } from 'vitest';
import { FrameworkIndex, scoreSummary } from '../../../../shared/report/parts';
import { rankCriteria, scoreAssessment } from '../../../../shared/scoring';
import { criterion, dimension, flatAnswers, flatFramework, framework, rated } from './factories';

const ids = (list: Array<{ criterionId: string }>) => list.map((c) => c.criterionId);

describe('strongest and weakest criteria', () => {
  it('lists the n highest and the n lowest rated criteria', () => {
    const score = scoreAssessment(flatFramework(5), flatAnswers(2, 4, 0, 3, 1));

    const { strongest, weakest } = rankCriteria(score, 2);

    expect(ids(strongest)).toEqual(['QA-02', 'QA-04']);
    expect(ids(weakest)).toEqual(['QA-03', 'QA-05']);
  });

  it('puts the heavier criterion first between equal levels, then keeps framework order', () => {
    const fw = framework([
      dimension(
        'QA',
        1,
        criterion('QA-01', { weight: 1 }),
        criterion('QA-02', { weight: 5 }),
        criterion('QA-03', { weight: 1 }),
      ),
    ]);
    const score = scoreAssessment(fw, { 'QA-01': rated(2), 'QA-02': rated(2), 'QA-03': rated(2) });

    const { strongest, weakest } = rankCriteria(score, 3);

    expect(ids(strongest)).toEqual(['QA-02', 'QA-01', 'QA-03']);
    expect(ids(weakest)).toEqual(['QA-02', 'QA-01', 'QA-03']);
  });

  it('leaves out criteria that are not applicable or missing', () => {
    const score = scoreAssessment(flatFramework(4), flatAnswers('na', 1, null, 3));

    const { strongest, weakest } = rankCriteria(score, 10);

    expect(ids(strongest)).toEqual(['QA-04', 'QA-02']);
    expect(ids(weakest)).toEqual(['QA-02', 'QA-04']);
  });

  it('returns empty lists for n of zero or less', () => {
    const score = scoreAssessment(flatFramework(2), flatAnswers(1, 2));

    expect(rankCriteria(score, 0)).toEqual({ strongest: [], weakest: [] });
    expect(rankCriteria(score, -3)).toEqual({ strongest: [], weakest: [] });
  });
});

describe('the strongest and weakest of a partly answered assessment (scoreSummary)', () => {
  const summaryOf = (...levels: Array<0 | 1 | 2 | 3 | 4 | null>) => {
    const fw = flatFramework(12);
    const answers = flatAnswers(...levels);
    return scoreSummary(new FrameworkIndex(fw), scoreAssessment(fw, answers), 5, answers);
  };

  it('never names the same criterion in both lists, whatever the number answered', () => {
    for (let answered = 0; answered <= 12; answered += 1) {
      const levels = Array.from({ length: 12 }, (_, i) => (i < answered ? ((i * 3) % 5) as 0 | 1 | 2 | 3 | 4 : null));
      const { strongest, weakest } = summaryOf(...levels);
      const both = ids(strongest).filter((id) => ids(weakest).includes(id));
      expect(both, `${answered} answered`).toEqual([]);
      expect(strongest.length + weakest.length, `${answered} answered`).toBe(Math.min(answered, 10));
    }
  });

  it('with three answers, names the better two as strongest and the third as weakest', () => {
    const { strongest, weakest } = summaryOf(1, 4, 3);
    expect(ids(strongest)).toEqual(['QA-02', 'QA-03']);
    expect(ids(weakest)).toEqual(['QA-01']);
  });
});
