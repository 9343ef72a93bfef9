import { describe, expect, it } from 'vitest';
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
