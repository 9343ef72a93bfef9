import { verdictOf, type Verdict } from '../scoring/verdict';
import type { AssessmentSummary } from './summary';

/** What lists may say of an assessment, from its catalogue summary (shared/scoring/verdict.ts). */
export function summaryVerdict(summary: Pick<AssessmentSummary, 'band' | 'overall' | 'answered' | 'total' | 'criticalMissing' | 'certainBand' | 'decisive'>): Verdict {
  return verdictOf({ ...summary, criticalUnanswered: summary.criticalMissing, because: summary.decisive });
}
