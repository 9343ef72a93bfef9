/**
 * Small builders for frameworks and answers, so each test states only what it is about.
 * Every framework they build passes `frameworkSchema` (checked in factories.test.ts).
 */
import type { AnswerMap, ScoredAnswer } from '../../../../shared/assessment/answer';
import type { Criterion, Dimension, Framework, Level, Thresholds } from '../../../../shared/framework/schema';

/** The guide's defaults: ready ≥ 75 with no critical below 2; conditional ≥ 50 with no critical below 1. */
export const guideThresholds: Thresholds = {
  ready: 75,
  conditional: 50,
  blockerBelowLevel: 2,
  conditionalMinCriticalLevel: 1,
  largeGapLevels: 2,
};

export function criterion(id: string, overrides: Partial<Omit<Criterion, 'id'>> = {}): Criterion {
  return {
    id,
    title: `Criterion ${id}`,
    guidance: `What good looks like for ${id}.`,
    levels: ['Not in place', 'Initial', 'Developing', 'Established', 'Exemplary'],
    evidenceExamples: ['A published policy'],
    weight: 1,
    critical: false,
    sources: [{ instrument: 'esg-2015', locator: 'Standard 1.1' }],
    ...overrides,
  };
}

export function dimension(id: string, weight: number, ...criteria: Criterion[]): Dimension {
  return { id, title: `Dimension ${id}`, summary: `What ${id} covers.`, weight, criteria };
}

export function framework(
  dimensions: Dimension[],
  overrides: Partial<Omit<Framework, 'dimensions'>> = {},
): Framework {
  return {
    format: 'trustbridge-framework',
    formatVersion: 1,
    id: 'test-guide',
    version: '1.0',
    language: 'en',
    title: 'Test guide',
    summary: 'A framework built for a test.',
    publisher: 'TrustBridge tests',
    validityMonths: 36,
    scale: [
      { value: 0, label: 'Not in place', meaning: 'Nothing exists.' },
      { value: 1, label: 'Initial', meaning: 'Ad hoc.' },
      { value: 2, label: 'Developing', meaning: 'Partly in place.' },
      { value: 3, label: 'Established', meaning: 'In place and used.' },
      { value: 4, label: 'Exemplary', meaning: 'In place, reviewed, improved.' },
    ],
    thresholds: guideThresholds,
    retired: [],
    dimensions,
    ...overrides,
  };
}

/** One dimension of weight 1 holding equally weighted, non-critical criteria `QA-01`, `QA-02`, … */
export function flatFramework(criterionCount: number, thresholds: Partial<Thresholds> = {}): Framework {
  const criteria = Array.from({ length: criterionCount }, (_, i) => criterion(criterionId('QA', i + 1)));
  return framework([dimension('QA', 1, ...criteria)], { thresholds: { ...guideThresholds, ...thresholds } });
}

export function criterionId(dimensionId: string, n: number): string {
  return `${dimensionId}-${String(n).padStart(2, '0')}`;
}

export function rated(level: Level): ScoredAnswer {
  return { level, notApplicable: false, naReason: '' };
}

export function notApplicable(naReason = 'We award no joint degrees.'): ScoredAnswer {
  return { level: null, notApplicable: true, naReason };
}

/** Opened but not yet rated. */
export function unanswered(): ScoredAnswer {
  return { level: null, notApplicable: false, naReason: '' };
}

/** Answers in criterion order for `flatFramework`: `flatAnswers(3, 'na', null)` → QA-01 rated 3, QA-02 N/A, QA-03 unanswered. */
export function flatAnswers(...values: Array<Level | 'na' | null>): AnswerMap {
  return Object.fromEntries(
    values.map((value, i) => [
      criterionId('QA', i + 1),
      value === 'na' ? notApplicable() : value === null ? unanswered() : rated(value),
    ]),
  );
}
