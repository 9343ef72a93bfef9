import type { AnswerMap, ScoredAnswer } from '../assessment/answer';
import type { Level } from '../framework/schema';
import { scoreAssessment } from './assessment-score';
import type { AssessmentScore } from './assessment-score';
import type { ReadinessBand } from './band';
import { answerFor, criterionStanding } from './criterion-status';
import type { FrameworkStructure } from './framework-structure';

/** The answers with every criterion still missing rated at `level`. */
export function completedAt(framework: FrameworkStructure, answers: AnswerMap, level: Level): Record<string, ScoredAnswer | undefined> {
  const completed: Record<string, ScoredAnswer | undefined> = { ...answers };
  for (const dimension of framework.dimensions) {
    for (const criterion of dimension.criteria) {
      if (criterionStanding(criterion, answerFor(answers, criterion.id)).status === 'missing') {
        completed[criterion.id] = { level, notApplicable: false, naReason: '' };
      }
    }
  }
  return completed;
}

/**
 * The band an assessment will have whatever its missing answers turn out to be, or null when
 * they could still change it (issue 15: an incomplete assessment never shows a band as if it were
 * a result). Every completion rates the same criteria, and within those, raising a rating never
 * lowers the score or the band; so every completion lies between the one with all missing at 0
 * and the one with all missing at 4, and when those two agree, so does every other.
 */
export function certainBand(framework: FrameworkStructure, answers: AnswerMap, score: AssessmentScore = scoreAssessment(framework, answers)): ReadinessBand | null {
  if (score.complete) return score.band;
  const lowest = scoreAssessment(framework, completedAt(framework, answers, 0)).band;
  const highest = scoreAssessment(framework, completedAt(framework, answers, 4)).band;
  return lowest === highest ? lowest : null;
}
