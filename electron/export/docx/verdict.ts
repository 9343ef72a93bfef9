import type { TextRun } from 'docx';
import type { ReportTexts } from '../../../shared/report/texts';
import { roundScore } from '../../../shared/scoring/format';
import { settledBand, type Verdict } from '../../../shared/scoring/verdict';
import { certainText, progressText, verdictHeadline } from '../verdict-text';
import { colours, run } from './kit';

/**
 * A verdict as runs of a paragraph: a result as its score and coloured band; an open one as
 * "Not decided yet" (or its certain band) followed by the progress in italics, so that a score so
 * far never reads as a result.
 */
export function verdictRuns(texts: ReportTexts, verdict: Verdict, options: { size?: number; withScore?: boolean } = {}): TextRun[] {
  const size = options.size ? { size: options.size } : {};
  const withScore = options.withScore ?? true;
  if (verdict.kind === 'result') {
    return [
      ...(withScore ? [run(`${texts.percent(roundScore(verdict.overall))}  `, { bold: true, ...size })] : []),
      run(verdictHeadline(texts, verdict), { bold: true, color: colours.band[verdict.band], ...size }),
    ];
  }
  const band = settledBand(verdict);
  const details = verdict.certain === null ? progressText(texts, verdict) : `${certainText(texts, verdict)} · ${progressText(texts, verdict)}`;
  return [
    run(verdictHeadline(texts, verdict), { bold: true, color: band ? colours.band[band] : colours.muted, ...size }),
    run(` — ${details}`, { italics: true, color: colours.muted, ...(options.size ? { size: Math.max(16, options.size - 6) } : {}) }),
  ];
}
