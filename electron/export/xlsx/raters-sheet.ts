/**
 * The "Raters" sheet of the assessment workbook (team assessment): every criterion with each
 * colleague's rating side by side, the spread, the flag for discussion and the coordinator's
 * decision; below it, Krippendorff's alpha overall and per dimension with the pairable ratings
 * and a plain-language reading. Only for assessments with team data.
 */
import type ExcelJS from 'exceljs';
import type { ReportTexts } from '../../../shared/report/texts';
import type { RatingValue } from '../../../shared/team/schema';
import type { AgreementFigure, TeamView } from '../../../shared/team/view';
import { finishTable, writeHeader, writeRow, writeTitle, type CellValue, type SheetColumn } from './kit';

export function ratersSheet(sheet: ExcelJS.Worksheet, team: TeamView, texts: ReportTexts, frame: { institution: string; title: string }): void {
  const value = (rating: RatingValue | null | undefined): CellValue => (rating === undefined || rating === null ? null : rating === 'na' ? texts.t('raters.na') : rating);
  const raters = team.contributors.filter((contributor) => team.criteria.some((criterion) => criterion.ratings.some((rating) => rating.contributorId === contributor.id)));
  const columns: SheetColumn[] = [
    { header: texts.t('columns.dimension'), width: 10 },
    { header: texts.t('columns.id'), width: 9 },
    { header: texts.t('columns.criterion'), width: 36, wrap: true },
    ...raters.map((rater) => ({ header: rater.role ? `${rater.name} (${rater.role})` : rater.name, width: 16, wrap: true })),
    { header: texts.t('raters.spread'), width: 9, numFmt: '0' },
    { header: texts.t('raters.flagged'), width: 11 },
    { header: texts.t('raters.consolidated'), width: 13 },
    { header: texts.t('raters.reason'), width: 44, wrap: true },
    { header: texts.t('raters.decidedBy'), width: 22, wrap: true },
  ];
  writeTitle(sheet, 1, texts.t('raters.title'));
  const headerRow = 3;
  writeHeader(sheet, columns, headerRow);
  let row = headerRow + 1;
  for (const criterion of team.criteria) {
    if (criterion.ratings.length === 0 && !criterion.consolidation) continue;
    const byRater = new Map(criterion.ratings.map((rating) => [rating.contributorId, rating.value]));
    writeRow(sheet, row, columns, [
      criterion.dimensionId,
      criterion.criterionId,
      criterion.title,
      ...raters.map((rater) => value(byRater.get(rater.id))),
      criterion.spread,
      criterion.flagged ? texts.t('common.yes') : '',
      value(criterion.consolidation?.value),
      criterion.consolidation?.reason ?? '',
      criterion.consolidation?.decidedBy ?? '',
    ]);
    row += 1;
  }
  const lastRow = row - 1;

  // Agreement: overall, then each dimension.
  row += 2;
  writeTitle(sheet, row, texts.t('raters.agreement'), 13);
  row += 1;
  const agreementColumns: SheetColumn[] = [
    { header: texts.t('raters.scope'), width: 10 },
    { header: texts.t('raters.alpha'), width: 9, numFmt: '0.000' },
    { header: texts.t('raters.pairable'), width: 36 },
    { header: texts.t('raters.reading'), width: 16, wrap: true },
  ];
  agreementColumns.forEach((column, i) => {
    const cell = sheet.getCell(row, i + 1);
    cell.value = column.header;
    cell.font = { bold: true };
  });
  row += 1;
  const agreementRow = (scope: string, figure: AgreementFigure) => {
    const cells: CellValue[] = [scope, figure.alpha === null ? null : Math.round(figure.alpha * 1000) / 1000, figure.pairable, texts.t(`raters.readings.${figure.reading}`)];
    cells.forEach((cellValue, i) => {
      const cell = sheet.getCell(row, i + 1);
      cell.value = cellValue;
      if (i === 1) cell.numFmt = '0.000';
      cell.alignment = { vertical: 'top', wrapText: i === 3 };
    });
    row += 1;
  };
  agreementRow(texts.t('raters.overall'), team.agreement.overall);
  for (const dimension of team.dimensions) {
    const figure = team.agreement.byDimension[dimension.id];
    if (figure) agreementRow(dimension.id, figure);
  }
  finishTable(sheet, { texts, columns: columns.length, lastRow, headerRow, frozenColumns: 3, institution: frame.institution, title: frame.title });
}
