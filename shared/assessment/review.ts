/**
 * The review before completing an assessment: what is still missing, which critical criteria are
 * below the blocker level, which "not applicable" answers lack a reason, and which answers carried
 * over from the previous cycle have not been confirmed. Pure: the review page and the completion
 * check read the same lists.
 */
import { criteriaOf, type Framework } from '../framework/schema';
import { scoreAssessment } from '../scoring/assessment-score';
import { structureForProfile } from '../scoring/framework-structure';
import type { Answer } from './answer';

export interface ReviewItem {
  criterionId: string;
  dimensionId: string;
  title: string;
  critical: boolean;
}

interface AssessmentReview {
  missing: ReviewItem[];
  /** Critical criteria rated below the framework's blocker level. */
  blockers: Array<ReviewItem & { level: number }>;
  /** Critical criteria marked not applicable without a reason: counted as missing until there is one. */
  criticalNaWithoutReason: ReviewItem[];
  /** Criteria marked not applicable that may not be (recognition, external QA): counted as missing until rated. */
  naNotAllowed: ReviewItem[];
  /** Other criteria marked not applicable without a reason: allowed, worth a sentence. */
  naWithoutReason: ReviewItem[];
  carriedOver: ReviewItem[];
  /** Every criterion is answered: the assessment can be completed. */
  canComplete: boolean;
}

/** `profileId`: the assessment's cooperation profile; criteria it excludes are not reviewed. */
export function reviewAssessment(framework: Framework, answers: Readonly<Record<string, Answer | undefined>>, profileId?: string): AssessmentReview {
  const structure = structureForProfile(framework, profileId);
  const score = scoreAssessment(structure, answers);
  const item = (criterion: ReturnType<typeof criteriaOf>[number]): ReviewItem => ({
    criterionId: criterion.id,
    dimensionId: criterion.dimensionId,
    title: criterion.title,
    critical: criterion.critical,
  });
  const results = new Map(score.criteria.map((result) => [result.criterionId, result]));
  const review: AssessmentReview = { missing: [], blockers: [], criticalNaWithoutReason: [], naNotAllowed: [], naWithoutReason: [], carriedOver: [], canComplete: score.complete };
  for (const criterion of criteriaOf(structure)) {
    const result = results.get(criterion.id);
    const answer = Object.hasOwn(answers, criterion.id) ? answers[criterion.id] : undefined;
    if (result?.naNotAllowed) review.naNotAllowed.push(item(criterion));
    else if (result?.naReasonMissing) review.criticalNaWithoutReason.push(item(criterion));
    else if (result?.status === 'missing') review.missing.push(item(criterion));
    if (result?.critical && result.level !== null && result.level < framework.thresholds.blockerBelowLevel) {
      review.blockers.push({ ...item(criterion), level: result.level });
    }
    if (!criterion.critical && result?.status === 'not-applicable' && answer?.naReason.trim() === '') review.naWithoutReason.push(item(criterion));
    if (answer?.carriedOver) review.carriedOver.push(item(criterion));
  }
  return review;
}
