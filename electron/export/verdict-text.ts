/**
 * A verdict (shared/scoring/verdict.ts) in a report's words: the band of a result; otherwise the
 * progress and the score "so far", and a band only when the remaining answers cannot change it.
 * Every Word and Excel export writes readiness through these, so no document states a band that
 * the answers do not support.
 */
import type { ReportTexts } from '../../shared/report/texts';
import { roundScore } from '../../shared/scoring/format';
import type { Verdict, VerdictProgress } from '../../shared/scoring/verdict';

/** "6 of 55 answered · critical unanswered: 7 · 53.1 % so far" (no assessment: "No assessment yet"). */
export function progressText(texts: ReportTexts, verdict: VerdictProgress): string {
  if (verdict.total === 0) return texts.t('verdict.noAssessment');
  return [
    texts.t('verdict.progress', { answered: verdict.answered, total: verdict.total }),
    ...(verdict.criticalUnanswered > 0 ? [texts.t('verdict.criticalUnanswered', { count: verdict.criticalUnanswered })] : []),
    ...(verdict.scoreSoFar !== null ? [texts.t('verdict.soFar', { score: texts.percent(roundScore(verdict.scoreSoFar)) })] : []),
  ].join(' · ');
}

/** The headline: a band (a result, or certain) or "Not decided yet". */
export function verdictHeadline(texts: ReportTexts, verdict: Verdict): string {
  if (verdict.kind === 'result') return texts.t(`bands.${verdict.band}`);
  if (verdict.certain === null) return texts.t('verdict.open');
  return texts.t(`bands.${verdict.certain}`);
}

/** Why a band is already certain before every answer is in. */
export function certainText(texts: ReportTexts, verdict: VerdictProgress): string {
  return verdict.because.length > 0 ? texts.t('verdict.certain', { criteria: verdict.because.join(', ') }) : texts.t('verdict.certainByScore');
}

/** One line for a cell: "Ready with conditions", or "Not decided yet (6 of 55 answered · …)". */
export function verdictLine(texts: ReportTexts, verdict: Verdict): string {
  if (verdict.kind === 'result') return verdictHeadline(texts, verdict);
  const details = verdict.certain === null ? progressText(texts, verdict) : `${certainText(texts, verdict)}; ${progressText(texts, verdict)}`;
  return `${verdictHeadline(texts, verdict)} (${details})`;
}
