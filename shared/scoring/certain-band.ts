import type { AnswerMap, ScoredAnswer } from '../assessment/answer';
import type { Level } from '../framework/schema';
import { maxLevel } from '../framework/schema';
import { scoreAssessment } from './assessment-score';
import type { ReadinessBand } from './band';
import { answerFor, criterionStanding } from './criterion-status';
import type { FrameworkStructure } from './framework-structure';

/** The answers with every criterion still missing rated at `level`. */
function withMissingAt(framework: FrameworkStructure, answers: AnswerMap, level: Level): AnswerMap {
  const filled: Record<string, ScoredAnswer | undefined> = { ...answers };
  for (const dimension of framework.dimensions) {
    for (const criterion of dimension.criteria) {
      if (criterionStanding(criterion, answerFor(answers, criterion.id)).status === 'missing') {
        filled[criterion.id] = { level, notApplicable: false, naReason: '' };
      }
    }
  }
  return filled;
}

/**
 * The band an assessment will have however its missing criteria are answered, or null when the
 * missing answers can still change it. A complete assessment's band is certain.
 *
 * The band only gets better as any level rises (the overall score rises, blockers disappear), so
 * every way of answering the rest lies between "every missing criterion at 0" and "every missing
 * criterion at 4"; marking one not applicable leaves it out, which also lands in between. When
 * both extremes give the same band, so does every possibility — for example a critical criterion
 * already rated below the level "ready with conditions" demands makes the assessment not ready
 * whatever comes next.
 */
export function certainBand(framework: FrameworkStructure, answers: AnswerMap): ReadinessBand | null {
  const worst = scoreAssessment(framework, withMissingAt(framework, answers, 0));
  const best = scoreAssessment(framework, withMissingAt(framework, answers, maxLevel as Level));
  return worst.band === best.band ? worst.band : null;
}
