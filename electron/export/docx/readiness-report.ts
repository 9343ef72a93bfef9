/**
 * The partnership readiness report for top management. The first numbered page is the executive
 * summary — the two institutions, the decision in one line, overall and per-side readiness, the
 * dimension chart, the blockers and the three most important conditions — so a rector who reads
 * one page has read what matters. Then the contents, the detail, and an appendix with every
 * criterion's ratings, justifications and evidence.
 */
import { Document, Packer, Paragraph, TextRun, type Table, type TableOfContents } from 'docx';
import type { PartnershipReport, SideReport } from '../../../shared/report/model';
import type { ReportTexts } from '../../../shared/report/texts';
import { settledBand, type Verdict } from '../../../shared/scoring/verdict';
import { verdictRuns } from './verdict';
import type { PartnershipSide } from '../../../shared/scoring';
import type { RenderedChart } from '../charts';
import { coverageAppendixBlocks, profileAndNotApplicableBlocks } from './guide2-appendix';
import { aboutSection, criterionCell, flagsText, frameworkFacts, gapText, ratingText, recordParagraphs, rowRating, type ReportMeta } from './common';
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
  userParagraphs,
  widths,
  type CellContent,
} from './kit';

type Block = Paragraph | Table | TableOfContents;
const sides: readonly PartnershipSide[] = ['A', 'B'];

export async function readinessReportDocx(report: PartnershipReport, texts: ReportTexts, chart: RenderedChart, meta: ReportMeta = {}): Promise<Buffer> {
  const { institutions } = report;
  const pair = texts.t('readiness.pair', { a: institutions.A.legalName, b: institutions.B.legalName });
  const title = texts.t('readiness.title');
  const facts = [
    [texts.t('titlePage.partnership'), report.title] as const,
    [texts.t('titlePage.institutionA'), institutionText(report, 'A')] as const,
    [texts.t('titlePage.institutionB'), institutionText(report, 'B')] as const,
    ...frameworkFacts(texts, report.framework, report.generatedOn),
    ...(meta.preparedBy ? [[texts.t('titlePage.preparedBy'), meta.preparedBy] as const] : []),
  ];
  // Page 1 is the executive summary, as the export dialog promises; the cover details follow it.
  const [, , , ...cover] = titlePage({ kicker: '', title, subtitle: pair, facts, notice: texts.t('readiness.notice') });
  const body: Block[] = [
    ...executiveSummary(report, texts, chart),
    new Paragraph({ pageBreakBefore: true, children: [] }),
    ...cover,
    ...tableOfContents(texts),
    ...sideSections(report, texts),
    ...dimensionSection(report, texts),
    ...discrepancySection(report, texts),
    ...decisionSection(report, texts),
    ...actionPlanSection(report, texts),
    ...profileAndNotApplicableBlocks(report.guide2, texts),
    ...appendix(report, texts),
    ...coverageAppendixBlocks(report.guide2, texts),
    ...aboutSection(texts, report.framework, assessmentsUsed(report, texts), meta),
  ];
  const document = new Document({
    creator: meta.preparedBy ?? 'TrustBridge',
    title: `${title} — ${pair}`,
    description: texts.t('readiness.description'),
    features: { updateFields: true },
    styles: documentStyles(texts.locale),
    sections: sections(
      { texts, institution: pair, title, footerNote: `${report.framework.title} ${report.framework.version}` },
      [],
      [...compactTitle(texts.t('common.kicker'), title, pair), ...body],
    ),
  });
  return Packer.toBuffer(document);
}

/** The kicker, the title and the pair of institutions, small enough to leave page 1 to the summary. */
export function compactTitle(kicker: string, title: string, subtitle: string): Paragraph[] {
  return [
    new Paragraph({ spacing: { after: 60 }, children: [run(kicker.toUpperCase(), { color: colours.accent, bold: true, size: 18 })] }),
    new Paragraph({ spacing: { after: 40 }, children: [run(title, { bold: true, size: 36 })] }),
    new Paragraph({ spacing: { after: 200 }, children: [run(subtitle, { color: colours.muted, size: 22 })] }),
  ];
}

function institutionText(report: PartnershipReport, side: PartnershipSide): string {
  const institution = report.institutions[side];
  return [institution.legalName, [institution.city, institution.country].filter(Boolean).join(', '), institution.erasmusCode].filter(Boolean).join(' · ');
}

function decisionLine(report: PartnershipReport, texts: ReportTexts): Paragraph {
  if (!report.decision) {
    return new Paragraph({
      spacing: { after: 120 },
      children: [run(`${texts.t('readiness.noDecision')} `, { bold: true, size: 24 }), run(`${texts.t('readiness.scoresSay')} `, { size: 24 }), ...verdictRuns(texts, report.readiness.verdict, { size: 24, withScore: false })],
    });
  }
  const { decision } = report;
  return new Paragraph({
    spacing: { after: 120 },
    children: [
      run(`${texts.t('readiness.decision')}: `, { bold: true, size: 26 }),
      run(texts.t(`bands.${decision.outcome}`), { bold: true, size: 26, color: colours.band[decision.outcome] }),
      run(` — ${texts.t('readiness.decidedBy', { name: decision.decidedBy || '—', date: texts.date(decision.decidedAt) })}`, { size: 18, color: colours.muted }),
    ],
  });
}

function figureCell(texts: ReportTexts, verdict: Verdict, basis: string): CellContent {
  const band = settledBand(verdict);
  return {
    paragraphs: [
      new Paragraph({ style: 'TableText', children: verdictRuns(texts, verdict) }),
      new Paragraph({ style: 'TableText', children: [run(basis, { color: colours.muted, size: 16 })] }),
    ],
    ...(band ? { fill: colours.bandFill[band] } : {}),
  };
}

/** Decision, the table of both sides, the chart, blockers and top conditions: page 1 of the report, and the brief. */
export function executiveSummary(report: PartnershipReport, texts: ReportTexts, chart: RenderedChart, options: { pageBreakBefore?: boolean } = {}): Block[] {
  const { sides: bySide, readiness } = report;
  const [measure, a, b, partnership] = widths(19, 27, 27, 27);
  const blocks: Block[] = [heading(1, texts.t('readiness.summaryHeading'), { pageBreakBefore: options.pageBreakBefore ?? false }), decisionLine(report, texts)];
  if (report.decisionAboveScores) blocks.push(paragraph([run(texts.t('readiness.decisionAboveScores'), { color: colours.warning, bold: true })]));
  const bounded =
    readiness.boundedBy === 'both' ? texts.t('readiness.boundedByBoth') : texts.t('readiness.boundedBy', { institution: report.institutions[readiness.boundedBy].legalName });
  blocks.push(
    table(
      [
        { header: '', width: measure! },
        { header: report.institutions.A.legalName, width: a! },
        { header: report.institutions.B.legalName, width: b! },
        { header: texts.t('readiness.partnershipColumn'), width: partnership! },
      ],
      [
        [
          { text: texts.t('readiness.readinessRow'), bold: true },
          figureCell(texts, bySide.A.verdict, texts.t(`basis.${bySide.A.basis}`)),
          figureCell(texts, bySide.B.verdict, texts.t(`basis.${bySide.B.basis}`)),
          figureCell(texts, readiness.verdict, bounded),
        ],
        [
          { text: texts.t('readiness.completenessRow'), bold: true },
          completenessText(texts, bySide.A),
          completenessText(texts, bySide.B),
          readiness.provisional ? texts.t('readiness.provisionalNote') : texts.t('readiness.completeNote'),
        ],
        [{ text: texts.t('readiness.blockersRow'), bold: true }, String(bySide.A.score?.blockers.length ?? 0), String(bySide.B.score?.blockers.length ?? 0), String(report.blockers.length)],
      ],
      { zebra: false },
    ),
  );
  // 470 px wide: with the table, the blockers and the conditions, the summary fits one A4 page.
  blocks.push(chartParagraph(chart, 470));
  blocks.push(note(texts.t('readiness.chartNoteShort')));

  blocks.push(heading(2, texts.t('readiness.blockersHeading')));
  if (report.blockers.length === 0) {
    blocks.push(paragraph(texts.t('readiness.noBlockers', { level: report.framework.thresholds.blockerBelowLevel, label: report.framework.levelLabels[report.framework.thresholds.blockerBelowLevel] })));
  } else {
    for (const blocker of report.blockers) {
      blocks.push(bullet([run(`${blocker.institution}: `, { bold: true }), run(`${blocker.criterionId} ${blocker.title} — `), run(texts.t('readiness.ratedAt', { level: blocker.level ?? '—', label: blocker.levelLabel ?? '' }), { color: colours.warning })]));
    }
  }
  blocks.push(heading(2, texts.t('readiness.conditionsHeading')));
  if (report.conditions.length === 0) blocks.push(paragraph(texts.t('readiness.noConditions')));
  else blocks.push(note(texts.t('readiness.actionsSummary', { open: report.openConditions, overdue: report.overdue })));
  report.conditions.forEach((condition, i) => {
    const details = [
      condition.institution,
      condition.criterionId ? `${condition.criterionId} ${condition.criterionTitle ?? ''}`.trim() : null,
      condition.owner ? texts.t('readiness.owner', { owner: condition.owner }) : null,
      condition.dueDate ? texts.t('readiness.due', { date: texts.date(condition.dueDate) }) : null,
    ].filter((part): part is string => Boolean(part));
    blocks.push(
      new Paragraph({
        spacing: { after: 60 },
        keepLines: true,
        indent: { left: 360, hanging: 360 },
        children: [
          run(`${i + 1}.\t`, { bold: true, color: colours.accent }),
          run(texts.resolve(condition.text), { bold: true }),
          new TextRun({ text: '', break: 1 }),
          run(details.join(' · '), { color: colours.muted, size: 17 }),
          ...(condition.overdue ? [run(` ${texts.t('readiness.overdue')}`, { bold: true, color: colours.warning, size: 17 })] : []),
        ],
      }),
    );
  });
  return blocks;
}

function completenessText(texts: ReportTexts, side: SideReport): string {
  if (!side.score) return texts.t('basis.none');
  const { completeness } = side.score;
  return texts.t('readiness.answeredOf', { answered: completeness.answered, total: completeness.total, percent: texts.percent(completeness.percent.display) });
}

function calibrationText(texts: ReportTexts, side: SideReport): string {
  if (!side.comparison || side.comparison.calibration.display === null) return texts.t('readiness.noCalibration');
  return texts.t('readiness.calibrationValue', { value: texts.percent(side.comparison.calibration.display), count: side.comparison.calibrationBasis });
}

function sideSections(report: PartnershipReport, texts: ReportTexts): Block[] {
  const blocks: Block[] = [heading(1, texts.t('readiness.sidesHeading'), { pageBreakBefore: true }), paragraph(texts.t('readiness.sidesIntro'))];
  for (const side of sides) {
    const data = report.sides[side];
    blocks.push(heading(2, data.institution.legalName));
    blocks.push(paragraph(texts.t(`readiness.basisExplained.${data.basis}`, { institution: data.institution.legalName, partner: report.institutions[side === 'A' ? 'B' : 'A'].legalName })));
    if (!data.score) continue;
    const score = data.score;
    blocks.push(
      factTable([
        [texts.t('columns.overall'), { paragraphs: [new Paragraph({ style: 'TableText', children: verdictRuns(texts, score.verdict) })] }],
        [texts.t('readiness.completenessRow'), completenessText(texts, data)],
        [texts.t('readiness.blockersRow'), score.blockers.length ? score.blockers.map((b) => `${b.criterionId} ${b.title}`).join('\n') : texts.t('common.none')],
        [texts.t('readiness.criticalMissingRow'), score.criticalMissing.length ? score.criticalMissing.map((c) => `${c.criterionId} ${c.title}`).join('\n') : texts.t('common.none')],
        [texts.t('readiness.calibrationRow'), calibrationText(texts, data)],
      ]),
    );
    const [id, criterion, level] = widths(14, 62, 24);
    const rankTable = (rows: typeof score.strongest) =>
      table(
        [
          { header: texts.t('columns.id'), width: id! },
          { header: texts.t('columns.criterion'), width: criterion! },
          { header: texts.t('columns.level'), width: level! },
        ],
        rows.map((row) => [row.criterionId, row.title, `${row.level ?? '—'} – ${row.levelLabel ?? ''}`]),
      );
    blocks.push(heading(3, texts.t('readiness.strongestHeading')), rankTable(score.strongest));
    blocks.push(heading(3, texts.t('readiness.weakestHeading')), rankTable(score.weakest));
  }
  return blocks;
}

function dimensionSection(report: PartnershipReport, texts: ReportTexts): Block[] {
  const [dimension, weight, selfA, auditA, selfB, auditB] = widths(36, 8, 14, 14, 14, 14);
  const short = (side: PartnershipSide) => report.institutions[side].legalName;
  return [
    heading(1, texts.t('readiness.dimensionsHeading'), { pageBreakBefore: true }),
    paragraph(texts.t('readiness.dimensionsIntro')),
    table(
      [
        { header: texts.t('columns.dimension'), width: dimension! },
        { header: texts.t('columns.weight'), width: weight!, align: 'right' },
        { header: texts.t('readiness.selfOfColumn', { institution: short('A') }), width: selfA!, align: 'right' },
        { header: texts.t('readiness.auditOfColumn', { institution: short('A') }), width: auditA!, align: 'right' },
        { header: texts.t('readiness.selfOfColumn', { institution: short('B') }), width: selfB!, align: 'right' },
        { header: texts.t('readiness.auditOfColumn', { institution: short('B') }), width: auditB!, align: 'right' },
      ],
      [
        ...report.dimensions.map((d): CellContent[] => [
          `${d.id} — ${d.title}`,
          texts.decimal(d.weight),
          texts.percent(d.self.A.display),
          { text: texts.percent(d.audit.A.display), bold: true },
          texts.percent(d.self.B.display),
          { text: texts.percent(d.audit.B.display), bold: true },
        ]),
        [
          { text: texts.t('columns.overall'), bold: true },
          '',
          texts.percent(report.sides.A.selfScore?.overall.display ?? null),
          { text: texts.percent(report.sides.A.basis === 'audit' ? report.sides.A.overall.display : null), bold: true },
          texts.percent(report.sides.B.selfScore?.overall.display ?? null),
          { text: texts.percent(report.sides.B.basis === 'audit' ? report.sides.B.overall.display : null), bold: true },
        ],
      ],
    ),
    note(texts.t('readiness.dimensionsNote')),
  ];
}

function discrepancySection(report: PartnershipReport, texts: ReportTexts): Block[] {
  const blocks: Block[] = [heading(1, texts.t('readiness.discrepanciesHeading'), { pageBreakBefore: true }), paragraph(texts.t('readiness.discrepanciesIntro', { levels: report.framework.thresholds.largeGapLevels }))];
  const [criterion, self, peer, gap, flags] = widths(38, 15, 15, 7, 25);
  for (const side of sides) {
    const data = report.sides[side];
    const partner = report.institutions[side === 'A' ? 'B' : 'A'].legalName;
    blocks.push(heading(2, texts.t('readiness.discrepanciesOf', { institution: data.institution.legalName })));
    if (!data.comparison) {
      blocks.push(paragraph(texts.t('readiness.noComparison', { institution: data.institution.legalName, partner })));
      continue;
    }
    blocks.push(paragraph(calibrationText(texts, data)));
    if (!data.comparison.flaggedRows.length) {
      blocks.push(paragraph(texts.t('readiness.noDiscrepancies')));
      continue;
    }
    blocks.push(
      table(
        [
          { header: texts.t('columns.criterion'), width: criterion! },
          { header: texts.t('readiness.selfRatingColumn'), width: self! },
          { header: texts.t('readiness.peerRatingColumn', { partner }), width: peer! },
          { header: texts.t('columns.gap'), width: gap!, align: 'center' },
          { header: texts.t('columns.flags'), width: flags! },
        ],
        data.comparison.flaggedRows.map((row) => [
          criterionCell(row, texts),
          ratingText(texts, row.self, row.selfLabel),
          ratingText(texts, row.peer, row.peerLabel),
          { text: gapText(row.gap), bold: true, align: 'center' },
          { text: flagsText(texts, row.flags), color: row.flags.includes('critical-overrated') ? colours.warning : colours.text },
        ]),
      ),
    );
  }
  return blocks;
}

function decisionSection(report: PartnershipReport, texts: ReportTexts): Block[] {
  const blocks: Block[] = [heading(1, texts.t('readiness.decisionHeading'), { pageBreakBefore: true })];
  if (!report.decision) return [...blocks, paragraph(texts.t('readiness.noDecisionYet'))];
  blocks.push(decisionLine(report, texts));
  blocks.push(...userParagraphs(report.decision.rationale));
  return blocks;
}

function actionPlanSection(report: PartnershipReport, texts: ReportTexts): Block[] {
  const blocks: Block[] = [heading(1, texts.t('readiness.actionPlanHeading'))];
  if (!report.actions.length) return [...blocks, paragraph(texts.t('readiness.noActions'))];
  blocks.push(paragraph(texts.t('readiness.actionPlanIntro', { count: report.actions.length, open: report.openConditions, overdue: report.overdue })));
  const [action, criterion, who, due, status] = widths(38, 18, 20, 12, 12);
  blocks.push(
    table(
      [
        { header: texts.t('columns.action'), width: action! },
        { header: texts.t('columns.criterion'), width: criterion! },
        { header: texts.t('columns.owner'), width: who! },
        { header: texts.t('columns.due'), width: due! },
        { header: texts.t('columns.status'), width: status! },
      ],
      report.actions.map((item) => [
        {
          paragraphs: [
            new Paragraph({
              style: 'TableText',
              children: [...(item.isCondition ? [run(`${texts.t('readiness.conditionTag')} `, { bold: true, color: colours.accent })] : []), run(item.title, { bold: item.isCondition })],
            }),
            ...(item.notes.trim() ? [new Paragraph({ style: 'TableText', children: [run(item.notes, { color: colours.muted, size: 16 })] })] : []),
          ],
          words: `${item.title}\n${item.notes}`,
        },
        item.criterionId ? `${item.criterionId} ${item.criterionTitle ?? ''}` : '',
        `${item.owner || '—'}\n${item.institution}`,
        item.overdue ? { text: `${texts.date(item.dueDate ?? undefined)}\n${texts.t('readiness.overdue')}`, color: colours.warning, bold: true } : texts.date(item.dueDate ?? undefined),
        texts.t(`actionStatus.${item.status}`),
      ]),
    ),
  );
  return blocks;
}

function appendix(report: PartnershipReport, texts: ReportTexts): Block[] {
  const blocks: Block[] = [heading(1, texts.t('readiness.appendixHeading'), { pageBreakBefore: true }), paragraph(texts.t('readiness.appendixIntro'))];
  const [criterion, self, audit, record] = widths(21, 15, 15, 49);
  for (const side of sides) {
    const data = report.sides[side];
    const partner = report.institutions[side === 'A' ? 'B' : 'A'].legalName;
    blocks.push(heading(2, texts.t('readiness.appendixOf', { institution: data.institution.legalName })));
    if (!data.self && !data.audit) {
      blocks.push(paragraph(texts.t('basis.none')));
      continue;
    }
    for (const dimension of report.dimensions) {
      const rows = data.criteria.filter((entry) => (entry.self ?? entry.audit)?.dimensionId === dimension.id);
      if (!rows.length) continue;
      blocks.push(heading(3, `${dimension.id} — ${dimension.title}`));
      blocks.push(
        table(
          [
            { header: texts.t('columns.criterion'), width: criterion! },
            { header: texts.t('readiness.selfRatingColumn'), width: self! },
            { header: texts.t('readiness.auditShortColumn'), width: audit! },
            { header: texts.t('readiness.recordColumn'), width: record! },
          ],
          rows.map((entry) => {
            const any = (entry.self ?? entry.audit)!;
            return [
              criterionCell(any, texts),
              entry.self ? rowRating(texts, entry.self) : texts.t('ratings.noAssessment'),
              entry.audit ? rowRating(texts, entry.audit) : texts.t('ratings.noAssessment'),
              {
                paragraphs: [
                  ...(entry.self ? [new Paragraph({ style: 'TableText', children: [run(texts.t('readiness.selfRecord', { institution: data.institution.legalName }), { bold: true, color: colours.accent })] }), ...recordParagraphs(texts, entry.self, 'self')] : []),
                  ...(entry.audit ? [new Paragraph({ style: 'TableText', children: [run(texts.t('readiness.auditRecord', { institution: partner }), { bold: true, color: colours.accent })] }), ...recordParagraphs(texts, entry.audit, 'audit')] : []),
                ],
              },
            ];
          }),
        ),
      );
    }
  }
  return blocks;
}

function assessmentsUsed(report: PartnershipReport, texts: ReportTexts) {
  const used = [];
  for (const side of sides) {
    const data = report.sides[side];
    const partner = report.institutions[side === 'A' ? 'B' : 'A'].legalName;
    if (data.self) used.push({ role: texts.t('readiness.roleSelf', { institution: data.institution.legalName }), line: data.self });
    if (data.audit) used.push({ role: texts.t('readiness.roleAudit', { institution: data.institution.legalName, partner }), line: data.audit });
  }
  return used;
}
