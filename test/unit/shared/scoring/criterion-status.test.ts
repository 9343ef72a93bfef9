import { describe, expect, it } from 'vitest';
import { answerFor, criterionStanding } from '../../../../shared/scoring';
import { notApplicable, rated, unanswered } from './factories';

const critical = { critical: true };
const ordinary = { critical: false };

describe('criterion status', () => {
  it('is rated when a level is set and the criterion is not marked not applicable', () => {
    expect(criterionStanding(ordinary, rated(0))).toEqual({ status: 'rated', level: 0, naReasonMissing: false, naNotAllowed: false });
    expect(criterionStanding(critical, rated(4))).toEqual({ status: 'rated', level: 4, naReasonMissing: false, naNotAllowed: false });
  });

  it('is missing when there is no answer or the answer has no level yet', () => {
    expect(criterionStanding(ordinary, undefined)).toEqual({ status: 'missing', level: null, naReasonMissing: false, naNotAllowed: false });
    expect(criterionStanding(ordinary, unanswered())).toEqual({
      status: 'missing',
      level: null,
      naReasonMissing: false,
      naNotAllowed: false,
    });
  });

  it('accepts a critical criterion as not applicable when a reason is given', () => {
    expect(criterionStanding(critical, notApplicable('No joint programmes.'))).toEqual({
      status: 'not-applicable',
      level: null,
      naReasonMissing: false,
      naNotAllowed: false,
    });
  });

  it('counts a critical criterion marked not applicable without a reason as missing, and says why', () => {
    expect(criterionStanding(critical, notApplicable(''))).toEqual({
      status: 'missing',
      level: null,
      naReasonMissing: true,
      naNotAllowed: false,
    });
  });

  it('treats a reason of only spaces and line breaks as no reason', () => {
    expect(criterionStanding(critical, notApplicable('  \n\t ')).naReasonMissing).toBe(true);
  });

  it('accepts a non-critical criterion as not applicable even without a reason', () => {
    expect(criterionStanding(ordinary, notApplicable('')).status).toBe('not-applicable');
  });

  it('ignores a level left in an answer that is marked not applicable', () => {
    // Given an answer rated 1 and afterwards marked not applicable
    const answer = { level: 1 as const, notApplicable: true, naReason: 'Out of scope.' };

    // When / then: it does not apply, and its old level does not count
    expect(criterionStanding(ordinary, answer)).toEqual({ status: 'not-applicable', level: null, naReasonMissing: false, naNotAllowed: false });
  });

  it('reads only answers recorded under the criterion’s own identifier', () => {
    expect(answerFor({}, 'constructor')).toBeUndefined();
    expect(answerFor({ 'QA-01': rated(2) }, 'QA-01')).toEqual(rated(2));
  });
});

describe('a criterion that may not be not applicable', () => {
  const legal = { critical: true, allowsNotApplicable: false };

  it('counts N/A as unanswered, with or without a reason, and says why', () => {
    expect(criterionStanding(legal, notApplicable('We have no recognition body.'))).toEqual({ status: 'missing', level: null, naReasonMissing: false, naNotAllowed: true });
    expect(criterionStanding({ critical: false, allowsNotApplicable: false }, notApplicable('')).naNotAllowed).toBe(true);
  });

  it('is rated as usual, and allowsNotApplicable absent or true keeps the old rules', () => {
    expect(criterionStanding(legal, rated(1))).toEqual({ status: 'rated', level: 1, naReasonMissing: false, naNotAllowed: false });
    expect(criterionStanding({ critical: true, allowsNotApplicable: true }, notApplicable('Reason.')).status).toBe('not-applicable');
  });
});
