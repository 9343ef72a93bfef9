import type { AnswerMap } from '../assessment/answer';
import type { Framework } from '../framework/schema';
import { allowsNotApplicable, answerFor } from './criterion-status';

/**
 * The criteria marked not applicable although the framework says they may not be, in framework
 * order. Places that accept answers (saving, exchange import, questionnaire import, the scoring
 * command) refuse these; scoring counts them as unanswered.
 */
export function notApplicableRefused(framework: Pick<Framework, 'dimensions'>, answers: AnswerMap): string[] {
  return framework.dimensions.flatMap((dimension) =>
    dimension.criteria
      .filter((criterion) => !allowsNotApplicable(criterion) && answerFor(answers, criterion.id)?.notApplicable === true)
      .map((criterion) => criterion.id),
  );
}
