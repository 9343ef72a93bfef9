/**
 * The report model: every figure comes from shared/scoring, rounded for display only; the numbers
 * here are worked out by hand on the small framework of test/support/report-fixtures.ts:
 *
 *   GOV (dimension weight 2): GOV-01 critical, weight 3; GOV-02 weight 1
 *   DAT (dimension weight 1): DAT-01 critical, weight 2; DAT-02 weight 2
 */
import { describe, expect, it } from 'vitest';
import { assessmentReport } from '../../../../shared/report/assessment-report';
import { topConditions } from '../../../../shared/report/conditions';
import { partnershipReport } from '../../../../shared/report/partnership-report';
import { compareSelfAndPeer, roundScore, scoreAssessment } from '../../../../shared/scoring';
import { action, assessmentOf, lineA, lineB, partnershipOf, smallFramework, uniA, uniB } from '../../../support/report-fixtures';

const fw = smallFramework();
const today = '2026-11-20';
// A rates itself GOV-01 3, GOV-02 2, DAT-01 4, DAT-02 1; B's audit of A agrees everywhere.
const selfA = assessmentOf(fw, { kind: 'self', subject: uniA, ratings: { 'GOV-01': 3, 'GOV-02': 2, 'DAT-01': 4, 'DAT-02': 1 } });
const auditOfA = assessmentOf(fw, { kind: 'audit', subject: uniA, assessor: uniB, ratings: { 'GOV-01': 3, 'GOV-02': 2, 'DAT-01': 4, 'DAT-02': 1 } });
// B rates itself 3/4/3/3; A's audit of B says 1/4/3/N/A.
const selfB = assessmentOf(fw, { kind: 'self', subject: uniB, ratings: { 'GOV-01': 3, 'GOV-02': 4, 'DAT-01': 3, 'DAT-02': 3 } });
const auditOfB = assessmentOf(fw, { kind: 'audit', subject: uniB, assessor: uniA, ratings: { 'GOV-01': 1, 'GOV-02': 4, 'DAT-01': 3, 'DAT-02': 'na' } });

describe('assessment report model', () => {
  it('given a self-assessment, when modelled, then the scores are those worked out by hand', () => {
    const report = assessmentReport({ framework: fw, assessment: selfA, today });
    // GOV = (3×3 + 1×2) / (4×4) = 68.75 %; DAT = (2×4 + 2×1) / (4×4) = 62.5 %;
    // overall = (2 × 68.75 + 1 × 62.5) / 3 = 66.666… % → shown 66.7; no blocker, below 75 → with conditions.
    expect(report.score.dimensions.map((d) => d.score)).toEqual([
      { raw: 68.75, display: 68.8 },
      { raw: 62.5, display: 62.5 },
    ]);
    expect(report.score.overall.raw).toBeCloseTo(200 / 3, 12);
    expect(report.score.overall.display).toBe(66.7);
    expect(report.score.band).toBe('conditional');
    expect(report.score.provisional).toBe(false);
    expect(report.score.completeness).toEqual({ answered: 4, total: 4, percent: { raw: 100, display: 100 } });
    expect(report.score.blockers).toEqual([]);
  });

  it('given any assessment, when modelled, then every figure equals scoreAssessment’s and is rounded by roundScore', () => {
    for (const assessment of [selfA, auditOfA, selfB, auditOfB]) {
      const report = assessmentReport({ framework: fw, assessment, today });
      const score = scoreAssessment(fw, assessment.answers);
      expect(report.score.overall).toEqual({ raw: score.overall, display: roundScore(score.overall) });
      expect(report.score.band).toBe(score.band);
      expect(report.score.dimensions.map((d) => d.score.raw)).toEqual(score.dimensions.map((d) => d.score));
      expect(report.score.blockers.map((b) => b.criterionId)).toEqual(score.blockers.map((b) => b.criterionId));
      expect(report.criteria.map((row) => [row.criterionId, row.status, row.level])).toEqual(score.criteria.map((c) => [c.criterionId, c.status, c.level]));
    }
  });

  it('given an audit with a blocker and the self-assessment it reviews, when modelled, then it names the blocker and compares both', () => {
    const report = assessmentReport({ framework: fw, assessment: auditOfB, reviewed: selfB, today });
    // GOV = (3×1 + 1×4)/16 = 43.75 %; DAT = 2×3 / (2×4) = 75 % (DAT-02 is N/A); overall = (87.5 + 75)/3 = 54.1666… → 54.2.
    expect(report.score.overall.display).toBe(54.2);
    expect(report.score.band).toBe('conditional');
    expect(report.score.blockers).toMatchObject([{ criterionId: 'GOV-01', level: 1, levelLabel: 'Initial', title: 'Cooperation agreement' }]);
    expect(report.criteria.find((row) => row.criterionId === 'GOV-01')?.blocker).toBe(true);
    // Calibration over GOV-01 (w3, |gap| 2), GOV-02 (w1, 0), DAT-01 (w2, 0): 100 × (1 − 6/24) = 75.
    expect(report.comparison?.calibration).toEqual({ raw: 75, display: 75 });
    expect(report.comparison?.calibrationBasis).toBe(3);
    expect(report.comparison?.flaggedRows.map((row) => [row.criterionId, row.gap, row.flags])).toEqual([
      ['GOV-01', -2, ['large-gap', 'critical-overrated']],
      ['DAT-02', null, ['na-disputed']],
    ]);
    expect(report.chart.series).toHaveLength(2);
    expect(report.chart.series[1]?.values).toEqual(report.score.dimensions.map((d) => d.score.raw));
  });

  it('given a self-assessment passed as "reviewed" of another institution, when modelled, then it is not compared', () => {
    const report = assessmentReport({ framework: fw, assessment: auditOfB, reviewed: selfA, today });
    expect(report.comparison).toBeNull();
  });

  it('given unanswered criteria, when modelled, then the band is provisional and critical gaps are listed', () => {
    const draft = assessmentOf(fw, { kind: 'self', subject: uniA, status: 'draft', ratings: { 'GOV-02': 4, 'DAT-01': { level: null, na: true, reason: '' } } });
    const report = assessmentReport({ framework: fw, assessment: draft, today });
    expect(report.score.provisional).toBe(true);
    expect(report.score.completeness).toMatchObject({ answered: 1, total: 4 });
    expect(report.score.criticalMissing.map((c) => c.criterionId)).toEqual(['GOV-01', 'DAT-01']);
    expect(report.criteria.find((row) => row.criterionId === 'DAT-01')).toMatchObject({ status: 'missing', naReasonMissing: true });
    // A dimension with nothing rated has no score — not zero.
    expect(report.score.dimensions[1]?.score).toEqual({ raw: null, display: null });
  });
});

describe('partnership report model', () => {
  const actions = [
    action({ id: 'c3', title: 'Undated condition for A', side: 'A', isCondition: true }),
    action({ id: 'c2', title: 'Overdue condition for A', side: 'A', criterionId: 'GOV-02', dueDate: '2026-09-30', isCondition: true }),
    action({ id: 'c1', title: 'Sign the agreement', side: 'B', criterionId: 'GOV-01', dueDate: '2027-01-31', isCondition: true }),
    action({ id: 'c4', title: 'A condition already met', side: 'B', isCondition: true, status: 'done', dueDate: '2026-01-01' }),
    action({ id: 'a5', title: 'Overdue plain action', side: 'A', dueDate: '2026-11-19' }),
  ];
  const build = (overrides: Partial<Parameters<typeof partnershipReport>[0]> = {}) =>
    partnershipReport({
      framework: fw,
      partnership: partnershipOf({ actions, decision: { outcome: 'ready', rationale: 'Why.', decidedBy: 'Rector', decidedAt: '2026-11-20T10:00:00.000Z' } }),
      institutions: { A: lineA, B: lineB },
      assessments: { selfA, selfB, auditOfA, auditOfB },
      today,
      ...overrides,
    });

  it('given both audits, when modelled, then each side rests on its audit and the weaker side bounds the partnership', () => {
    const report = build();
    expect(report.sides.A).toMatchObject({ basis: 'audit', band: 'conditional', overall: { display: 66.7 } });
    expect(report.sides.B).toMatchObject({ basis: 'audit', band: 'conditional', overall: { display: 54.2 } });
    // Equal bands: the lower score bounds it.
    expect(report.readiness).toMatchObject({ band: 'conditional', boundedBy: 'B', provisional: false, overall: { display: 54.2 } });
    expect(report.sides.A.comparison?.calibration.display).toBe(100);
    expect(report.sides.B.comparison?.calibration.display).toBe(75);
    expect(report.blockers).toMatchObject([{ side: 'B', criterionId: 'GOV-01', institution: 'Tampere Test University' }]);
    // GOV of B: self (3×3 + 1×4)/16 = 81.25 → 81.3; audited (3×1 + 1×4)/16 = 43.75 → 43.8.
    expect(report.dimensions[0]).toMatchObject({ id: 'GOV', self: { A: { display: 68.8 }, B: { display: 81.3 } }, audit: { A: { display: 68.8 }, B: { display: 43.8 } } });
  });

  it('given a decision above what the scores support, when modelled, then it says so', () => {
    expect(build().decisionAboveScores).toBe(true);
    const conditional = build({ partnership: partnershipOf({ actions, decision: { outcome: 'conditional', rationale: 'Why.', decidedBy: 'Rector', decidedAt: today } }) });
    expect(conditional.decisionAboveScores).toBe(false);
  });

  it('given an action plan, when modelled, then overdue actions are those not done and past due', () => {
    const report = build();
    expect(report.actions.filter((a) => a.overdue).map((a) => a.id)).toEqual(['c2', 'a5']);
    expect(report.overdue).toBe(2);
    expect(report.openConditions).toBe(3);
  });

  it('chooses the three most important conditions: a blocking one, then overdue, then by date; done ones never', () => {
    const report = build();
    expect(report.conditions.map((c) => c.text)).toEqual(['Sign the agreement', 'Overdue condition for A', 'Undated condition for A']);
    expect(report.conditions[1]).toMatchObject({ overdue: true, side: 'A', criterionId: 'GOV-02' });
  });

  it('fills up with blockers that no condition covers, worded as what must be raised', () => {
    const report = build({ partnership: partnershipOf({ actions: [actions[1]!] }) });
    expect(report.conditions).toHaveLength(2);
    expect(report.conditions[1]).toMatchObject({
      source: 'blocker',
      side: 'B',
      criterionId: 'GOV-01',
      text: { key: 'conditions.fromBlocker', params: { institution: 'Tampere Test University', id: 'GOV-01', level: 2, label: 'Developing' } },
    });
    // A condition on the blocking criterion covers it, even when it is not among the first three.
    const covered = topConditions({ actions: build().actions, blockers: build().blockers, boundedBy: 'B', requiredLevel: 2, requiredLevelLabel: 'Developing' }, 1);
    expect(covered.map((c) => c.source)).toEqual(['action']);
  });

  it('given only self-assessments, when modelled, then readiness is self-declared and there is no comparison', () => {
    const report = build({ assessments: { selfA, selfB } });
    expect(report.readiness.basis).toEqual({ A: 'self', B: 'self' });
    expect(report.sides.B.comparison).toBeNull();
    expect(report.sides.B.overall.raw).toBe(scoreAssessment(fw, selfB.answers).overall);
    expect(compareSelfAndPeer(fw, selfB.answers, auditOfB.answers).calibration).toBe(75);
  });

  it('given no assessment of a side, when modelled, then that side is not ready and bounds the partnership', () => {
    const report = build({ assessments: { selfA, auditOfA } });
    expect(report.sides.B).toMatchObject({ basis: 'none', band: 'not-ready', overall: { raw: null } });
    expect(report.readiness).toMatchObject({ band: 'not-ready', boundedBy: 'B', overall: { raw: null } });
  });
});
