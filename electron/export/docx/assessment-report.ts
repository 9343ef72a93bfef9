/**
 * The self-assessment report and the audit report of one assessment: a summary page (figures,
 * chart, blockers, strengths and weaknesses), the contents, results by dimension, for an audit the
 * comparison with the partner's own self-assessment, and every criterion's record in an appendix.
 */
import { Document, Packer, Paragraph, type Table, type TableOfContents } from 'docx';
import type { AssessmentReport, CriterionLine } from '../../../shared/report/model';
import type { ReportTexts } from '../../../shared/report/texts';
import { verdictRuns } from './verdict';
import type { RenderedChart } from '../charts';
import { coverageAppendixBlocks, profileAndNotApplicableBlocks } from './guide2-appendix';
import { ratersBlocks } from './raters';
import type { TeamView } from '../../../shared/team/view';
import {
  aboutSection,
  criterionCell,
  dimensionTable,
  flagsText,
  frameworkFacts,
  gapText,
  levelText,
  ratingText,
  recordParagraphs,
  rowRating,
  type ReportMeta,
} from './common';
import {
  bullet,
  chartParagraph,
  colours,
  documentStyles,
  factTable,
  heading,
  note,
  paragraph,
  run,
  sections,
  table,
  tableOfContents,
  titlePage,
  widths,
  type CellContent,
} from './kit';

type Block = Paragraph | Table | TableOfContents;

/** `team`: the team view of an assessment several colleagues rated (a "Raters" section), or nothing. */
export async function assessmentReportDocx(report: AssessmentReport, texts: ReportTexts, chart: RenderedChart, meta: ReportMeta = {}, team?: TeamView): Promise<Buffer> {
  const kind = report.kind;
  const title = texts.t(`${kind}Report.title`);
  const subtitle =
    kind === 'audit'
      ? texts.t('auditReport.subtitle', { subject: report.subject.legalName, assessor: report.assessor.legalName })
      : texts.t('selfReport.subtitle', { institution: report.subject.legalName });
  const { assessment } = report;
  const facts: Array<readonly [string, CellContent]> = [
    [texts.t('titlePage.assessment'), `${assessment.title}${assessment.revision > 1 ? ` (${texts.t('common.revision', { revision: assessment.revision })})` : ''}`],
    [texts.t('titlePage.subject'), [report.subject.legalName, [report.subject.city, report.subject.country].filter(Boolean).join(', ')].filter(Boolean).join(' · ')],
    ...(kind === 'audit' ? [[texts.t('titlePage.assessor'), report.assessor.legalName] as const] : []),
    [
      texts.t('titlePage.status'),
      assessment.status === 'complete'
        ? texts.t('titlePage.completedOn', { date: texts.date(assessment.completedAt ?? undefined), by: assessment.completedBy ?? '—' })
        : texts.t('assessmentStatus.draft'),
    ],
    ...frameworkFacts(texts, report.framework, report.generatedOn),
    ...(meta.preparedBy ? [[texts.t('titlePage.preparedBy'), meta.preparedBy] as const] : []),
  ];
  const body: Block[] = [
    ...summary(report, texts, chart),
    ...tableOfContents(texts),
    ...dimensions(report, texts),
    ...comparison(report, texts),
    ...(team ? ratersBlocks(team, texts) : []),
    ...profileAndNotApplicableBlocks(report.guide2, texts),
    ...appendix(report, texts),
    ...coverageAppendixBlocks(report.guide2, texts),
    ...aboutSection(
      texts,
      report.framework,
      [
        { role: texts.t(`${kind}Report.role`), line: assessment },
        ...(report.reviewed ? [{ role: texts.t('auditReport.reviewedRole'), line: report.reviewed }] : []),
      ],
      meta,
    ),
  ];
  const document = new Document({
    creator: meta.preparedBy ?? 'TrustBridge',
    title: `${title} — ${report.subject.legalName}`,
    description: subtitle,
    features: { updateFields: true },
    styles: documentStyles(texts.locale),
    sections: sections(
      { texts, institution: report.subject.legalName, title, footerNote: `${report.framework.title} ${report.framework.version}` },
      titlePage({ kicker: texts.t('common.kicker'), title, subtitle, facts, notice: texts.t(`${kind}Report.notice`) }),
      body,
    ),
  });
  return Packer.toBuffer(document);
}

function summary(report: AssessmentReport, texts: ReportTexts, chart: RenderedChart): Block[] {
  const { score } = report;
  const blocks: Block[] = [heading(1, texts.t('assessment.summaryHeading'), { pageBreakBefore: true })];
  blocks.push(
    new Paragraph({
      spacing: { after: 120 },
      children: [
        run(`${texts.t('assessment.resultLine')}: `, { bold: true, size: 26 }),
        ...verdictRuns(texts, score.verdict, { size: 26 }),
      ],
    }),
  );
  if (score.provisional) blocks.push(paragraph([run(texts.t('assessment.provisionalWarning', { missing: score.completeness.total - score.completeness.answered }), { color: colours.warning })]));
  const rows: Array<readonly [string, CellContent]> = [
    [texts.t('readiness.completenessRow'), texts.t('readiness.answeredOf', { answered: score.completeness.answered, total: score.completeness.total, percent: texts.percent(score.completeness.percent.display) })],
    [texts.t('readiness.blockersRow'), score.blockers.length ? { text: String(score.blockers.length), bold: true, color: colours.warning } : texts.t('common.none')],
    [texts.t('readiness.criticalMissingRow'), score.criticalMissing.length ? score.criticalMissing.map((c) => `${c.criterionId} ${c.title}`).join('\n') : texts.t('common.none')],
  ];
  if (report.comparison) {
    rows.push([
      texts.t('readiness.calibrationRow'),
      report.comparison.calibration.display === null
        ? texts.t('readiness.noCalibration')
        : texts.t('readiness.calibrationValue', { value: texts.percent(report.comparison.calibration.display), count: report.comparison.calibrationBasis }),
    ]);
  }
  blocks.push(factTable(rows));
  blocks.push(chartParagraph(chart, 560));
  blocks.push(note(texts.t('readiness.chartNote')));
  blocks.push(heading(2, texts.t('readiness.blockersHeading')));
  if (!score.blockers.length) {
    blocks.push(paragraph(texts.t('readiness.noBlockers', { level: report.framework.thresholds.blockerBelowLevel, label: report.framework.levelLabels[report.framework.thresholds.blockerBelowLevel] })));
  } else {
    for (const blocker of score.blockers) {
      blocks.push(bullet([run(`${blocker.criterionId} ${blocker.title} — `), run(texts.t('readiness.ratedAt', { level: blocker.level ?? '—', label: blocker.levelLabel ?? '' }), { color: colours.warning })]));
    }
  }
  const [id, criterion, level] = widths(14, 62, 24);
  const rankTable = (rows: CriterionLine[]) =>
    table(
      [
        { header: texts.t('columns.id'), width: id! },
        { header: texts.t('columns.criterion'), width: criterion! },
        { header: texts.t('columns.level'), width: level! },
      ],
      rows.map((row) => [row.criterionId, row.title, levelText(row.level, row.levelLabel)]),
    );
  blocks.push(heading(2, texts.t('readiness.strongestHeading')), rankTable(score.strongest));
  blocks.push(heading(2, texts.t('readiness.weakestHeading')), rankTable(score.weakest));
  return blocks;
}

function dimensions(report: AssessmentReport, texts: ReportTexts): Block[] {
  const blocks: Block[] = [heading(1, texts.t('assessment.dimensionsHeading'), { pageBreakBefore: true }), dimensionTable(texts, report.score)];
  const [criterion, weight, level] = widths(60, 10, 30);
  for (const dimension of report.score.dimensions) {
    blocks.push(heading(2, `${dimension.id} — ${dimension.title}`));
    blocks.push(paragraph(texts.t('assessment.dimensionLine', { score: texts.percent(dimension.score.display), rated: dimension.rated, total: dimension.total, na: dimension.notApplicable, missing: dimension.missing })));
    blocks.push(
      table(
        [
          { header: texts.t('columns.criterion'), width: criterion! },
          { header: texts.t('columns.weight'), width: weight!, align: 'right' },
          { header: texts.t(report.kind === 'audit' ? 'columns.auditLevel' : 'columns.level'), width: level! },
        ],
        report.criteria
          .filter((row) => row.dimensionId === dimension.id)
          .map((row) => [criterionCell(row, texts), texts.decimal(row.weight), row.blocker ? { text: rowRating(texts, row), bold: true, color: colours.warning } : rowRating(texts, row)]),
      ),
    );
  }
  return blocks;
}

function comparison(report: AssessmentReport, texts: ReportTexts): Block[] {
  if (report.kind !== 'audit') return [];
  const blocks: Block[] = [heading(1, texts.t('auditReport.comparisonHeading'), { pageBreakBefore: true })];
  if (!report.comparison) return [...blocks, paragraph(texts.t('auditReport.noReviewed', { subject: report.subject.legalName }))];
  const { comparison: data } = report;
  blocks.push(paragraph(texts.t('readiness.discrepanciesIntro', { levels: report.framework.thresholds.largeGapLevels })));
  blocks.push(
    paragraph(
      data.calibration.display === null
        ? texts.t('readiness.noCalibration')
        : texts.t('readiness.calibrationValue', { value: texts.percent(data.calibration.display), count: data.calibrationBasis }),
    ),
  );
  if (!data.flaggedRows.length) return [...blocks, paragraph(texts.t('readiness.noDiscrepancies'))];
  const [criterion, self, peer, gap, flags] = widths(38, 15, 15, 7, 25);
  blocks.push(
    table(
      [
        { header: texts.t('columns.criterion'), width: criterion! },
        { header: texts.t('readiness.selfRatingColumn'), width: self! },
        { header: texts.t('readiness.peerRatingColumn', { partner: report.assessor.legalName }), width: peer! },
        { header: texts.t('columns.gap'), width: gap!, align: 'center' },
        { header: texts.t('columns.flags'), width: flags! },
      ],
      data.flaggedRows.map((row) => [
        criterionCell(row, texts),
        ratingText(texts, row.self, row.selfLabel),
        ratingText(texts, row.peer, row.peerLabel),
        { text: gapText(row.gap), bold: true, align: 'center' },
        { text: flagsText(texts, row.flags), color: row.flags.includes('critical-overrated') ? colours.warning : colours.text },
      ]),
    ),
  );
  return blocks;
}

function appendix(report: AssessmentReport, texts: ReportTexts): Block[] {
  const blocks: Block[] = [heading(1, texts.t('assessment.appendixHeading'), { pageBreakBefore: true }), paragraph(texts.t('assessment.appendixIntro'))];
  const [criterion, level, record] = widths(24, 16, 60);
  for (const dimension of report.score.dimensions) {
    blocks.push(heading(2, `${dimension.id} — ${dimension.title}`));
    blocks.push(
      table(
        [
          { header: texts.t('columns.criterion'), width: criterion! },
          { header: texts.t(report.kind === 'audit' ? 'columns.auditLevel' : 'columns.level'), width: level! },
          { header: texts.t('readiness.recordColumn'), width: record! },
        ],
        report.criteria
          .filter((row) => row.dimensionId === dimension.id)
          .map((row) => [criterionCell(row, texts), rowRating(texts, row), { paragraphs: recordParagraphs(texts, row, report.kind) }]),
      ),
    );
  }
  return blocks;
}
