/**
 * Ratings as the scoring command reads them: one JSON object from criterion id to a level 0–4 or
 * the string "na"; criteria not listed are unanswered. Checked against the structure being scored,
 * with a one-line message for the first problem.
 */
import type { ScoredAnswer } from '../assessment/answer';
import { criteriaOf, levelValues, type Level } from '../framework/schema';
import { allowsNotApplicable, notApplicableRefusedMessage } from './criterion-status';
import type { FrameworkStructure } from './framework-structure';

/**
 * "na" in a ratings file says the criterion does not apply; the file has no room for a reason, so
 * the reason is this text (a critical criterion N/A needs one to be accepted).
 */
export const ratingsFileNaReason = 'marked "na" in the ratings file';

export type ReadRatings = { ok: true; answers: Record<string, ScoredAnswer>; excluded: string[] } | { ok: false; message: string };

const shown = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(JSON.stringify(value) ?? value).slice(0, 40));

/**
 * `all`: the whole framework's criteria (a rating of a criterion the profile excludes is not an
 * error, it is left out and listed in `excluded`); `scored`: the structure under the profile.
 */
export function readRatings(value: unknown, all: FrameworkStructure, scored: FrameworkStructure): ReadRatings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'must be one JSON object from criterion id to a level 0–4 or "na"' };
  }
  const known = new Set(criteriaOf(all).map((criterion) => criterion.id));
  const inScope = new Map(criteriaOf(scored).map((criterion) => [criterion.id, criterion]));
  const answers: Record<string, ScoredAnswer> = {};
  const excluded: string[] = [];
  for (const [id, rating] of Object.entries(value)) {
    if (!known.has(id)) return { ok: false, message: `${shown(id)} is not a criterion of this framework` };
    const criterion = inScope.get(id);
    if (rating === 'na') {
      if (criterion && !allowsNotApplicable(criterion)) return { ok: false, message: notApplicableRefusedMessage(id) };
    } else if (!(levelValues as readonly unknown[]).includes(rating)) {
      return { ok: false, message: `${id}: ${shown(rating)} is not a level; give 0, 1, 2, 3, 4 or "na"` };
    }
    if (!criterion) {
      excluded.push(id);
      continue;
    }
    answers[id] = rating === 'na' ? { level: null, notApplicable: true, naReason: ratingsFileNaReason } : { level: rating as Level, notApplicable: false, naReason: '' };
  }
  return { ok: true, answers, excluded };
}
