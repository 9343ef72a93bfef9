/**
 * The assessment workbook: the same report model as the Word reports, as sheets a QA office can
 * filter, sort and print — Summary, Criteria, Gaps (audits and partnerships) and Action plan
 * (partnerships). Numbers are numbers, dates are dates, and no cell holds a formula.
 */
import ExcelJS from 'exceljs';
import type { AssessmentReport, ComparisonSummary, CriterionRow, PartnershipReport, ScoreSummary } from '../../../shared/report/model';
import type { ReportTexts } from '../../../shared/report/texts';
import { verdictLine } from '../verdict-text';
import type { PartnershipSide, SideRating } from '../../../shared/scoring';
import {
  cellText,
  columnLetter,
  dateFormat,
  dateValue,
  excelColours,
  finishTable,
  levelFormatting,
  percentFormat,
  percentValue,
  printSetup,
  writeHeader,
  writeRow,
  writeTitle,
  type CellValue,
  type SheetColumn,
} from './kit';
import { ratersSheet } from './raters-sheet';
import type { TeamView } from '../../../shared/team/view';

type Report = AssessmentReport | PartnershipReport;

export async function assessmentWorkbookXlsx(report: Report, texts: ReportTexts, meta: { preparedBy?: string; now: Date; team?: TeamView }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.preparedBy ?? 'TrustBridge';
  workbook.created = meta.now;
  workbook.modified = meta.now;
  workbook.title = texts.t('workbook.title');
  const institution = report.type === 'partnership' ? texts.t('readiness.pair', { a: report.institutions.A.legalName, b: report.institutions.B.legalName }) : report.subject.legalName;
  const frame = { texts, institution, title: texts.t('workbook.title') };

  summarySheet(workbook.addWorksheet(texts.t('workbook.sheets.summary')), report, texts, frame);
  criteriaSheet(workbook.addWorksheet(texts.t('workbook.sheets.criteria')), report, texts, frame);
  const comparisons = comparisonsOf(report);
  if (comparisons.length) gapsSheet(workbook.addWorksheet(texts.t('workbook.sheets.gaps')), comparisons, texts, frame);
  if (report.type === 'partnership') actionSheet(workbook.addWorksheet(texts.t('workbook.sheets.actions')), report, texts, frame);
  if (meta.team && meta.team.raters > 0) ratersSheet(workbook.addWorksheet(texts.t('raters.sheet')), meta.team, texts, frame);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface Frame {
  texts: ReportTexts;
  institution: string;
  title: string;
}

// ------------------------------------------------------------------ Summary

function summarySheet(sheet: ExcelJS.Worksheet, report: Report, texts: ReportTexts, frame: Frame): void {
  sheet.getColumn(1).width = 48;
  for (let c = 2; c <= 7; c += 1) sheet.getColumn(c).width = 18;
  let row = 1;
  writeTitle(sheet, row++, report.type === 'partnership' ? texts.t('readiness.title') : texts.t(`${report.kind}Report.title`));
  const subtitle = sheet.getCell(row++, 1);
  subtitle.value = cellText(frame.institution);
  subtitle.font = { size: 12, color: { argb: excelColours.muted } };
  row += 1;

  const fact = (label: string, value: CellValue, numFmt?: string) => {
    const labelCell = sheet.getCell(row, 1);
    labelCell.value = label;
    labelCell.font = { bold: true, color: { argb: excelColours.muted } };
    const valueCell = sheet.getCell(row, 2);
    valueCell.value = typeof value === 'string' ? cellText(value) : value;
    if (numFmt) valueCell.numFmt = numFmt;
    else if (value instanceof Date) valueCell.numFmt = dateFormat;
    valueCell.alignment = { horizontal: 'left' };
    row += 1;
  };
  const { framework } = report;
  fact(texts.t('titlePage.framework'), `${framework.title} (${framework.id})`);
  fact(texts.t('columns.frameworkVersion'), framework.version);
  fact(texts.t('titlePage.fingerprint'), framework.fingerprint);
  fact(texts.t('titlePage.date'), dateValue(report.generatedOn));
  fact(texts.t('titlePage.language'), texts.t('meta.languageName'));
  row += 1;

  const table = (columns: readonly SheetColumn[], rows: ReadonlyArray<readonly CellValue[]>) => {
    writeHeader(sheet, columns, row);
    sheet.getRow(row).height = 30;
    row += 1;
    for (const values of rows) writeRow(sheet, row++, columns, values);
    row += 1;
  };

  if (report.type === 'partnership') {
    fact(texts.t('titlePage.partnership'), report.title);
    fact(texts.t('readiness.decision'), report.decision ? texts.t(`bands.${report.decision.outcome}`) : texts.t('readiness.noDecision'));
    if (report.decision) {
      fact(texts.t('workbook.decidedBy'), report.decision.decidedBy);
      fact(texts.t('workbook.decidedOn'), dateValue(report.decision.decidedAt));
    }
    fact(texts.t('workbook.scoresSay'), verdictLine(texts, report.readiness.verdict));
    fact(texts.t(report.readiness.verdict.kind === 'result' ? 'columns.overall' : 'workbook.overallSoFar'), percentValue(report.readiness.overall.display), percentFormat);
    fact(texts.t('workbook.boundedBy'), report.readiness.boundedBy === 'both' ? texts.t('readiness.boundedByBoth') : report.institutions[report.readiness.boundedBy].legalName);
    fact(texts.t('workbook.openConditions'), report.openConditions);
    fact(texts.t('workbook.overdueActions'), report.overdue);
    row += 1;
    const sideValue = (side: PartnershipSide, pick: (score: ScoreSummary) => CellValue) => {
      const score = report.sides[side].score;
      return score ? pick(score) : null;
    };
    const measure = { header: texts.t('workbook.measure'), width: 48 };
    const sideColumn = (side: PartnershipSide, numFmt?: string): SheetColumn => ({ header: report.institutions[side].legalName, width: 18, ...(numFmt ? { numFmt } : {}) });
    table(
      [measure, sideColumn('A'), sideColumn('B')],
      [
        [texts.t('readiness.basisRow'), texts.t(`basis.${report.sides.A.basis}`), texts.t(`basis.${report.sides.B.basis}`)],
        [texts.t('workbook.band'), verdictLine(texts, report.sides.A.verdict), verdictLine(texts, report.sides.B.verdict)],
      ],
    );
    row -= 1;
    const numberRows: Array<[string, CellValue, CellValue, string | undefined]> = [
      [texts.t('columns.overall'), percentValue(report.sides.A.overall.display), percentValue(report.sides.B.overall.display), percentFormat],
      [texts.t('workbook.answered'), sideValue('A', (s) => s.completeness.answered), sideValue('B', (s) => s.completeness.answered), '0'],
      [texts.t('workbook.total'), sideValue('A', (s) => s.completeness.total), sideValue('B', (s) => s.completeness.total), '0'],
      [texts.t('workbook.completeness'), sideValue('A', (s) => percentValue(s.completeness.percent.display)), sideValue('B', (s) => percentValue(s.completeness.percent.display)), percentFormat],
      [texts.t('readiness.blockersRow'), sideValue('A', (s) => s.blockers.length), sideValue('B', (s) => s.blockers.length), '0'],
      [texts.t('readiness.calibrationRow'), percentValue(report.sides.A.comparison?.calibration.display ?? null), percentValue(report.sides.B.comparison?.calibration.display ?? null), percentFormat],
      [texts.t('workbook.calibrationBasis'), report.sides.A.comparison?.calibrationBasis ?? null, report.sides.B.comparison?.calibrationBasis ?? null, '0'],
    ];
    for (const [label, a, b, numFmt] of numberRows) {
      writeRow(sheet, row++, [measure, { header: '', width: 18, ...(numFmt ? { numFmt } : {}) }, { header: '', width: 18, ...(numFmt ? { numFmt } : {}) }], [label, a, b]);
    }
    row += 1;
    const pct = (header: string): SheetColumn => ({ header, width: 18, numFmt: percentFormat });
    table(
      [
        { header: texts.t('columns.dimension'), width: 48, wrap: true },
        { header: texts.t('columns.weight'), width: 18, numFmt: '0.0##' },
        pct(texts.t('readiness.selfOfColumn', { institution: report.institutions.A.legalName })),
        pct(texts.t('readiness.auditOfColumn', { institution: report.institutions.A.legalName })),
        pct(texts.t('readiness.selfOfColumn', { institution: report.institutions.B.legalName })),
        pct(texts.t('readiness.auditOfColumn', { institution: report.institutions.B.legalName })),
      ],
      report.dimensions.map((d) => [`${d.id} — ${d.title}`, d.weight, percentValue(d.self.A.display), percentValue(d.audit.A.display), percentValue(d.self.B.display), percentValue(d.audit.B.display)]),
    );
  } else {
    const { score, assessment } = report;
    fact(texts.t('titlePage.assessment'), assessment.title);
    fact(texts.t('titlePage.subject'), report.subject.legalName);
    fact(texts.t('titlePage.assessor'), report.assessor.legalName);
    fact(texts.t('titlePage.status'), assessment.status === 'complete' ? texts.t('assessmentStatus.complete') : texts.t('assessmentStatus.draft'));
    fact(texts.t('workbook.completedOn'), dateValue(assessment.completedAt));
    fact(texts.t(score.verdict.kind === 'result' ? 'columns.overall' : 'workbook.overallSoFar'), percentValue(score.overall.display), percentFormat);
    fact(texts.t('workbook.band'), verdictLine(texts, score.verdict));
    fact(texts.t('workbook.answered'), score.completeness.answered);
    fact(texts.t('workbook.total'), score.completeness.total);
    fact(texts.t('workbook.completeness'), percentValue(score.completeness.percent.display), percentFormat);
    fact(texts.t('readiness.blockersRow'), score.blockers.length);
    fact(texts.t('readiness.criticalMissingRow'), score.criticalMissing.length);
    if (report.comparison) {
      fact(texts.t('readiness.calibrationRow'), percentValue(report.comparison.calibration.display), percentFormat);
      fact(texts.t('workbook.calibrationBasis'), report.comparison.calibrationBasis);
    }
    row += 1;
    table(
      [
        { header: texts.t('columns.dimension'), width: 48, wrap: true },
        { header: texts.t('columns.weight'), width: 18, numFmt: '0.0##' },
        { header: texts.t('columns.score'), width: 18, numFmt: percentFormat },
        { header: texts.t('columns.rated'), width: 18, numFmt: '0' },
        { header: texts.t('columns.notApplicable'), width: 18, numFmt: '0' },
        { header: texts.t('columns.missing'), width: 18, numFmt: '0' },
      ],
      score.dimensions.map((d) => [`${d.id} — ${d.title}`, d.weight, percentValue(d.score.display), d.rated, d.notApplicable, d.missing]),
    );
  }
  const note = sheet.getCell(row, 1);
  note.value = texts.t('workbook.roundingNote');
  note.font = { italic: true, size: 9, color: { argb: excelColours.muted } };
  printSetup(sheet, { ...frame, orientation: 'portrait' });
}


// ------------------------------------------------------------------ Criteria

function evidenceText(row: CriterionRow | null): string {
  if (!row) return '';
  return row.evidence.map((e) => (e.kind === 'link' ? `${e.label ? `${e.label}: ` : ''}${e.url}` : `${e.label || e.fileName} (${e.fileName})`)).join('\n');
}

function fingerprints(row: CriterionRow | null): string {
  if (!row) return '';
  return row.evidence.flatMap((e) => (e.kind === 'file' ? [`${e.fileName}: ${e.sha256}`] : [])).join('\n');
}

function statusText(texts: ReportTexts, row: CriterionRow | null): string {
  if (!row) return texts.t('ratings.noAssessment');
  if (row.status === 'not-applicable') return texts.t('ratings.notApplicable');
  if (row.status === 'missing') return row.naReasonMissing ? texts.t('ratings.naWithoutReason') : texts.t('ratings.missing');
  return texts.t('workbook.rated');
}

function criteriaSheet(sheet: ExcelJS.Worksheet, report: Report, texts: ReportTexts, frame: Frame): void {
  const base: SheetColumn[] = [
    { header: texts.t('columns.dimension'), width: 10 },
    { header: texts.t('columns.id'), width: 9 },
    { header: texts.t('columns.criterion'), width: 36, wrap: true },
    { header: texts.t('columns.weight'), width: 8, numFmt: '0.0##' },
    { header: texts.t('columns.critical'), width: 9 },
  ];
  let columns: SheetColumn[];
  let rows: CellValue[][];
  let levelColumns: number[];
  if (report.type === 'partnership') {
    columns = [
      { header: texts.t('workbook.institution'), width: 22, wrap: true },
      ...base,
      { header: texts.t('workbook.selfLevel'), width: 9, numFmt: '0' },
      { header: texts.t('workbook.selfStatus'), width: 14, wrap: true },
      { header: texts.t('workbook.auditLevel'), width: 9, numFmt: '0' },
      { header: texts.t('workbook.auditStatus'), width: 14, wrap: true },
      { header: texts.t('columns.justification'), width: 50, wrap: true },
      { header: texts.t('workbook.auditFinding'), width: 50, wrap: true },
      { header: texts.t('columns.naReason'), width: 28, wrap: true },
      { header: texts.t('columns.evidence'), width: 40, wrap: true },
      { header: texts.t('workbook.fingerprints'), width: 40, wrap: true },
      { header: texts.t('columns.requestedEvidence'), width: 34, wrap: true },
    ];
    levelColumns = [7, 9];
    rows = (['A', 'B'] as const).flatMap((side) =>
      report.sides[side].criteria.map((entry) => {
        const any = (entry.self ?? entry.audit)!;
        return [
          report.institutions[side].legalName,
          any.dimensionId,
          any.criterionId,
          any.title,
          any.weight,
          any.critical ? texts.t('common.yes') : texts.t('common.no'),
          entry.self?.level ?? null,
          statusText(texts, entry.self),
          entry.audit?.level ?? null,
          statusText(texts, entry.audit),
          entry.self?.justification ?? '',
          entry.audit?.justification ?? '',
          [entry.self?.naReason, entry.audit?.naReason].filter(Boolean).join('\n'),
          evidenceText(entry.self),
          fingerprints(entry.self),
          entry.audit?.requestedEvidence ?? '',
        ];
      }),
    );
  } else {
    const audit = report.kind === 'audit';
    columns = [
      ...base,
      { header: texts.t(audit ? 'columns.auditLevel' : 'columns.level'), width: 9, numFmt: '0' },
      { header: texts.t('workbook.levelLabel'), width: 16 },
      { header: texts.t('columns.status'), width: 14, wrap: true },
      { header: texts.t(audit ? 'columns.finding' : 'columns.justification'), width: 60, wrap: true },
      { header: texts.t('columns.naReason'), width: 28, wrap: true },
      { header: texts.t('columns.evidence'), width: 40, wrap: true },
      { header: texts.t('workbook.fingerprints'), width: 40, wrap: true },
      ...(audit ? [{ header: texts.t('columns.requestedEvidence'), width: 34, wrap: true }] : []),
    ];
    levelColumns = [6];
    rows = report.criteria.map((row) => [
      row.dimensionId,
      row.criterionId,
      row.title,
      row.weight,
      row.critical ? texts.t('common.yes') : texts.t('common.no'),
      row.level,
      row.levelLabel ?? '',
      statusText(texts, row),
      row.justification,
      row.naReason,
      evidenceText(row),
      fingerprints(row),
      ...(audit ? [row.requestedEvidence] : []),
    ]);
  }
  writeHeader(sheet, columns);
  rows.forEach((values, i) => writeRow(sheet, i + 2, columns, values));
  const lastRow = rows.length + 1;
  for (const column of levelColumns) levelFormatting(sheet, `${columnLetter(column)}2:${columnLetter(column)}${Math.max(2, lastRow)}`);
  finishTable(sheet, { ...frame, columns: columns.length, lastRow, frozenColumns: report.type === 'partnership' ? 4 : 3 });
}

// ------------------------------------------------------------------ Gaps

function comparisonsOf(report: Report): Array<{ institution: string; partner: string; comparison: ComparisonSummary }> {
  if (report.type === 'assessment') {
    return report.comparison ? [{ institution: report.subject.legalName, partner: report.assessor.legalName, comparison: report.comparison }] : [];
  }
  return (['A', 'B'] as const).flatMap((side) => {
    const comparison = report.sides[side].comparison;
    const partner = report.institutions[side === 'A' ? 'B' : 'A'].legalName;
    return comparison ? [{ institution: report.institutions[side].legalName, partner, comparison }] : [];
  });
}

function ratingCell(rating: SideRating): CellValue {
  return typeof rating === 'number' ? rating : null;
}

function ratingNote(texts: ReportTexts, rating: SideRating): string {
  return rating === 'na' ? texts.t('ratings.notApplicable') : rating === null ? texts.t('ratings.missing') : '';
}

function gapsSheet(sheet: ExcelJS.Worksheet, comparisons: ReturnType<typeof comparisonsOf>, texts: ReportTexts, frame: Frame): void {
  const columns: SheetColumn[] = [
    { header: texts.t('workbook.institution'), width: 22, wrap: true },
    { header: texts.t('workbook.auditedBy'), width: 22, wrap: true },
    { header: texts.t('columns.dimension'), width: 10 },
    { header: texts.t('columns.id'), width: 9 },
    { header: texts.t('columns.criterion'), width: 36, wrap: true },
    { header: texts.t('columns.critical'), width: 9 },
    { header: texts.t('columns.weight'), width: 8, numFmt: '0.0##' },
    { header: texts.t('workbook.selfLevel'), width: 9, numFmt: '0' },
    { header: texts.t('workbook.auditLevel'), width: 9, numFmt: '0' },
    { header: texts.t('columns.gap'), width: 7, numFmt: '+0;-0;0' },
    { header: texts.t('workbook.flagged'), width: 9 },
    { header: texts.t('columns.flags'), width: 40, wrap: true },
    { header: texts.t('workbook.notes'), width: 22, wrap: true },
  ];
  writeHeader(sheet, columns);
  let rowNumber = 2;
  for (const { institution, partner, comparison } of comparisons) {
    for (const row of comparison.rows) {
      const notes = [ratingNote(texts, row.self) && `${texts.t('workbook.selfLevel')}: ${ratingNote(texts, row.self)}`, ratingNote(texts, row.peer) && `${texts.t('workbook.auditLevel')}: ${ratingNote(texts, row.peer)}`].filter(Boolean).join('\n');
      writeRow(sheet, rowNumber++, columns, [
        institution,
        partner,
        row.dimensionId,
        row.criterionId,
        row.title,
        row.critical ? texts.t('common.yes') : texts.t('common.no'),
        row.weight,
        ratingCell(row.self),
        ratingCell(row.peer),
        row.gap,
        row.flags.length ? texts.t('common.yes') : texts.t('common.no'),
        row.flags.map((flag) => texts.t(`flags.${flag}`)).join('\n'),
        notes,
      ]);
    }
  }
  const lastRow = rowNumber - 1;
  levelFormatting(sheet, `H2:I${Math.max(2, lastRow)}`);
  // A gap of two levels or more either way, in the colour of a warning.
  sheet.addConditionalFormatting({
    ref: `J2:J${Math.max(2, lastRow)}`,
    rules: [
      { type: 'cellIs', operator: 'lessThan', formulae: ['-1'], priority: 1, style: { font: { bold: true, color: { argb: excelColours.warning } } } },
      { type: 'cellIs', operator: 'greaterThan', formulae: ['1'], priority: 2, style: { font: { bold: true, color: { argb: 'FF1F5F99' } } } },
    ],
  });
  finishTable(sheet, { ...frame, columns: columns.length, lastRow, frozenColumns: 5 });
}

// ------------------------------------------------------------------ Action plan

function actionSheet(sheet: ExcelJS.Worksheet, report: PartnershipReport, texts: ReportTexts, frame: Frame): void {
  const columns: SheetColumn[] = [
    { header: '#', width: 5, numFmt: '0' },
    { header: texts.t('columns.action'), width: 48, wrap: true },
    { header: texts.t('workbook.condition'), width: 11 },
    { header: texts.t('workbook.institution'), width: 22, wrap: true },
    { header: texts.t('columns.id'), width: 9 },
    { header: texts.t('columns.criterion'), width: 30, wrap: true },
    { header: texts.t('columns.owner'), width: 26, wrap: true },
    { header: texts.t('columns.due'), width: 12, numFmt: dateFormat },
    { header: texts.t('columns.status'), width: 12 },
    { header: texts.t('workbook.overdue'), width: 10 },
    { header: texts.t('workbook.notes'), width: 40, wrap: true },
  ];
  writeHeader(sheet, columns);
  report.actions.forEach((action, i) => {
    const row = writeRow(sheet, i + 2, columns, [
      i + 1,
      action.title,
      action.isCondition ? texts.t('common.yes') : texts.t('common.no'),
      action.institution,
      action.criterionId ?? '',
      action.criterionTitle ?? '',
      action.owner,
      dateValue(action.dueDate),
      texts.t(`actionStatus.${action.status}`),
      action.overdue ? texts.t('common.yes') : texts.t('common.no'),
      action.notes,
    ]);
    if (action.overdue) {
      for (const column of [8, 10]) row.getCell(column).font = { bold: true, color: { argb: excelColours.warning } };
    }
  });
  finishTable(sheet, { ...frame, columns: columns.length, lastRow: report.actions.length + 1, frozenColumns: 2 });
}
