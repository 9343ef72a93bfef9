/**
 * Pieces the three Word reports share: how a rating, a piece of evidence, a criterion's record and
 * the method are written.
 */
import { Paragraph, TextRun } from 'docx';
import type { Level } from '../../../shared/framework/schema';
import type { AssessmentLine, CriterionRow, FrameworkLine, ScoreSummary } from '../../../shared/report/model';
import { noFigure, type ReportTexts } from '../../../shared/report/texts';
import type { SideRating } from '../../../shared/scoring';
import { bullet, colours, fingerprintRun, heading, note, paragraph, run, table, userParagraphs, widths, type CellContent } from './kit';

export interface ReportMeta {
  /** The person who made the report (the app's user), if known. */
  preparedBy?: string;
  /** The TrustBridge version that made the report. */
  appVersion?: string;
}

export function levelText(level: Level | null, label: string | null): string {
  return level === null ? noFigure : `${level} – ${label ?? ''}`.trim();
}

export function ratingText(texts: ReportTexts, rating: SideRating, label: string | null): string {
  if (rating === 'na') return texts.t('ratings.notApplicable');
  if (rating === null) return texts.t('ratings.missing');
  return levelText(rating, label);
}

export function rowRating(texts: ReportTexts, row: CriterionRow): string {
  if (row.status === 'not-applicable') return texts.t('ratings.notApplicable');
  if (row.status === 'missing') return row.naReasonMissing ? texts.t('ratings.naWithoutReason') : texts.t('ratings.missing');
  return levelText(row.level, row.levelLabel);
}

export function gapText(gap: number | null): string {
  if (gap === null) return noFigure;
  return gap > 0 ? `+${gap}` : gap < 0 ? `−${Math.abs(gap)}` : '0';
}

export function flagsText(texts: ReportTexts, flags: readonly string[]): string {
  return flags.map((flag) => texts.t(`flags.${flag}`)).join('; ');
}

/** Evidence as paragraphs: links with their address, files with their SHA-256 fingerprint. */
function evidenceParagraphs(texts: ReportTexts, row: CriterionRow, style = 'TableText'): Paragraph[] {
  return row.evidence.map((evidence) => {
    if (evidence.kind === 'link') {
      return new Paragraph({
        style,
        children: [run('↗ ', { color: colours.accent }), run(evidence.label || evidence.url), ...(evidence.label ? [run(` — ${evidence.url}`, { color: colours.muted })] : [])],
      });
    }
    return new Paragraph({
      style,
      children: [
        run('▣ ', { color: colours.accent }),
        run(evidence.label || evidence.fileName),
        ...(evidence.label && evidence.label !== evidence.fileName ? [run(` (${evidence.fileName})`, { color: colours.muted })] : []),
        new TextRun({ text: '', break: 1 }),
        run(`${texts.t('evidence.sha256')} `, { size: 14, color: colours.muted }),
        fingerprintRun(evidence.sha256),
      ],
    });
  });
}

/** Everything recorded for one criterion in one assessment, as the paragraphs of a table cell. */
export function recordParagraphs(texts: ReportTexts, row: CriterionRow, kind: 'self' | 'audit'): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const label = kind === 'audit' ? texts.t('columns.finding') : texts.t('columns.justification');
  paragraphs.push(...userParagraphs(row.justification, { style: 'TableText', prefix: `${label}: ` }));
  if (row.status === 'not-applicable' || row.naReasonMissing) {
    paragraphs.push(...userParagraphs(row.naReason || texts.t('ratings.noReasonGiven'), { style: 'TableText', prefix: `${texts.t('columns.naReason')}: ` }));
  }
  if (row.evidence.length) {
    paragraphs.push(paragraph([run(`${texts.t('columns.evidence')}:`, { bold: true })], { style: 'TableText' }));
    paragraphs.push(...evidenceParagraphs(texts, row));
  }
  if (row.requestedEvidence.trim()) {
    paragraphs.push(...userParagraphs(row.requestedEvidence, { style: 'TableText', prefix: `${texts.t('columns.requestedEvidence')}: ` }));
  }
  if (!paragraphs.length) paragraphs.push(paragraph(texts.t('common.nothingRecorded'), { style: 'TableText' }));
  return paragraphs;
}

export function criterionCell(row: { criterionId: string; title: string; critical: boolean }, texts: ReportTexts): CellContent {
  return {
    paragraphs: [
      new Paragraph({
        style: 'TableText',
        children: [run(row.criterionId, { bold: true }), ...(row.critical ? [run(` · ${texts.t('common.critical')}`, { color: colours.warning, size: 15 })] : [])],
      }),
      paragraph(row.title, { style: 'TableText' }),
    ],
    words: `${row.criterionId}\n${row.title}`,
  };
}

/** The "About this report" section: method, thresholds, assessments used, disclaimer. */
export function aboutSection(texts: ReportTexts, framework: FrameworkLine, assessments: ReadonlyArray<{ role: string; line: AssessmentLine }>, meta: ReportMeta): Array<Paragraph | ReturnType<typeof table>> {
  const { thresholds } = framework;
  const blockerLabel = framework.levelLabels[thresholds.blockerBelowLevel];
  const minLabel = framework.levelLabels[thresholds.conditionalMinCriticalLevel];
  const blocks: Array<Paragraph | ReturnType<typeof table>> = [
    heading(1, texts.t('about.heading'), { pageBreakBefore: true }),
    heading(2, texts.t('about.methodHeading')),
    paragraph(texts.t('about.levels', { labels: framework.levelLabels.map((label, level) => `${level} ${label}`).join(', ') })),
    paragraph(texts.t('about.scores')),
    paragraph(texts.t('about.completeness')),
    bullet(texts.t('about.bandReady', { ready: thresholds.ready, level: thresholds.blockerBelowLevel, label: blockerLabel })),
    bullet(texts.t('about.bandConditional', { conditional: thresholds.conditional, level: thresholds.conditionalMinCriticalLevel, label: minLabel })),
    bullet(texts.t('about.bandNotReady')),
    paragraph(texts.t('about.blockers', { level: thresholds.blockerBelowLevel, label: blockerLabel })),
    paragraph(texts.t('about.gaps', { levels: thresholds.largeGapLevels })),
    paragraph(texts.t('about.calibration')),
    paragraph(texts.t('about.rounding')),
  ];
  if (assessments.length) {
    blocks.push(heading(2, texts.t('about.assessmentsHeading')));
    const [role, title, assessor, status, version] = widths(18, 30, 22, 16, 14);
    blocks.push(
      table(
        [
          { header: texts.t('columns.role'), width: role! },
          { header: texts.t('columns.assessment'), width: title! },
          { header: texts.t('columns.assessor'), width: assessor! },
          { header: texts.t('columns.status'), width: status! },
          { header: texts.t('columns.frameworkVersion'), width: version! },
        ],
        assessments.map(({ role: roleName, line }) => [
          roleName,
          `${line.title}${line.revision > 1 ? ` (${texts.t('common.revision', { revision: line.revision })})` : ''}`,
          line.assessor,
          line.status === 'complete' ? `${texts.t('assessmentStatus.complete')}, ${texts.date(line.completedAt ?? undefined)}` : texts.t('assessmentStatus.draft'),
          line.otherFrameworkVersion ? { text: `${line.frameworkVersion} *`, color: colours.warning } : line.frameworkVersion,
        ]),
      ),
    );
    if (assessments.some(({ line }) => line.otherFrameworkVersion)) blocks.push(note(texts.t('about.otherVersionNote', { version: framework.version })));
    const origins = assessments.filter(({ line }) => line.origin !== 'local');
    if (origins.length) blocks.push(note(texts.t('about.originsNote')));
  }
  blocks.push(heading(2, texts.t('about.disclaimerHeading')));
  blocks.push(paragraph(texts.t('about.disclaimer')));
  blocks.push(paragraph(texts.t('about.signatureNote')));
  blocks.push(note(texts.t('about.madeWith', { version: meta.appVersion ?? '—', framework: `${framework.title} ${framework.version}` })));
  return blocks;
}

/** Title-page facts common to all reports. */
export function frameworkFacts(texts: ReportTexts, framework: FrameworkLine, generatedOn: string): Array<readonly [string, CellContent]> {
  return [
    [texts.t('titlePage.framework'), texts.t('titlePage.frameworkValue', { title: framework.title, version: framework.version, publisher: framework.publisher })],
    [texts.t('titlePage.fingerprint'), { paragraphs: [new Paragraph({ style: 'TableText', children: [fingerprintRun(framework.fingerprint)] })] }],
    [texts.t('titlePage.date'), texts.date(generatedOn)],
    [texts.t('titlePage.language'), texts.t('meta.languageName')],
  ];
}

/** Dimension results of one scored assessment as a table. */
export function dimensionTable(texts: ReportTexts, score: ScoreSummary): ReturnType<typeof table> {
  const [dimension, weight, value, rated, na, missing] = widths(44, 10, 13, 11, 11, 11);
  return table(
    [
      { header: texts.t('columns.dimension'), width: dimension! },
      { header: texts.t('columns.weight'), width: weight!, align: 'right' },
      { header: texts.t('columns.score'), width: value!, align: 'right' },
      { header: texts.t('columns.rated'), width: rated!, align: 'right' },
      { header: texts.t('columns.notApplicable'), width: na!, align: 'right' },
      { header: texts.t('columns.missing'), width: missing!, align: 'right' },
    ],
    [
      ...score.dimensions.map((d) => [`${d.id} — ${d.title}`, texts.decimal(d.weight), { text: texts.percent(d.score.display), bold: true }, d.rated, d.notApplicable, d.missing] as CellContent[]),
      [
        { text: texts.t('columns.overall'), bold: true },
        '',
        { text: texts.percent(score.overall.display), bold: true },
        score.dimensions.reduce((sum, d) => sum + d.rated, 0),
        score.dimensions.reduce((sum, d) => sum + d.notApplicable, 0),
        score.dimensions.reduce((sum, d) => sum + d.missing, 0),
      ],
    ],
  );
}
