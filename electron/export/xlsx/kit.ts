/**
 * Helpers every TrustBridge workbook uses: header rows, column widths, print setup, level colours.
 *
 * exceljs 4.4 traps handled here (see ../shared/style.md):
 * - style objects are shared between cells when assigned once and reused, so a later change to one
 *   cell's font changes all of them: every style here is a fresh object per cell;
 * - no formulas are written: a formula without a correct cached result shows wrong or empty values
 *   in viewers that do not recalculate (previews, some readers), so every figure is written as the
 *   value TrustBridge computed;
 * - text cells are stripped of control characters, which make the file unreadable.
 */
import type ExcelJS from 'exceljs';
import { cleanText } from '../../../shared/report/clean-text';
import type { ReportTexts } from '../../../shared/report/texts';

export const excelColours = {
  headerFill: 'FF17436B',
  headerText: 'FFFFFFFF',
  title: 'FF17436B',
  muted: 'FF5A6875',
  answerFill: 'FFFFF8DC',
  rule: 'FFC9D2DB',
  warning: 'FFB42318',
};

/** Fill colours by level 0–4: from "not in place" (red) to "exemplary" (green), readable with black text. */
const levelFills = ['FFF4C7C3', 'FFFBD9B5', 'FFFFF0B3', 'FFD9EAD3', 'FFB7DDB0'] as const;

/** Excel limits a cell to 32,767 characters; longer text is cut with a note rather than refused. */
const maxCellText = 32_000;

export function cellText(text: string | null | undefined): string {
  const cleaned = cleanText(text ?? '').trim();
  return cleaned.length > maxCellText ? `${cleaned.slice(0, maxCellText)}…` : cleaned;
}

/** A date cell from `YYYY-MM-DD` (or an ISO timestamp): midnight UTC, which exceljs writes as a whole serial day. */
export function dateValue(isoDate: string | null | undefined): Date | null {
  const day = isoDate ? /^\d{4}-\d{2}-\d{2}/.exec(isoDate)?.[0] : undefined;
  if (!day) return null;
  const date = new Date(`${day}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const dateFormat = 'yyyy-mm-dd';
export const percentFormat = '0.0%';

/** A score for a cell: the displayed figure (already rounded) as a fraction, shown as a percentage. */
export function percentValue(display: number | null): number | null {
  return display === null ? null : Math.round(display * 10) / 1000;
}

export interface SheetColumn {
  header: string;
  width: number;
  /** Long text: wrapped, aligned to the top. */
  wrap?: boolean;
  numFmt?: string;
  hidden?: boolean;
}

/** Writes a bold header row on row `row` and sets the columns' widths and formats. */
export function writeHeader(sheet: ExcelJS.Worksheet, columns: readonly SheetColumn[], row = 1): void {
  columns.forEach((column, i) => {
    const sheetColumn = sheet.getColumn(i + 1);
    sheetColumn.width = column.width;
    if (column.hidden) sheetColumn.hidden = true;
    const cell = sheet.getCell(row, i + 1);
    cell.value = column.header;
    cell.font = { bold: true, color: { argb: excelColours.headerText } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: excelColours.headerFill } };
    cell.alignment = { vertical: 'bottom', wrapText: true };
    cell.border = { bottom: { style: 'thin', color: { argb: excelColours.rule } } };
  });
  sheet.getRow(row).height = 32;
}

export type CellValue = string | number | boolean | Date | null;

/** Writes one data row with fresh styles per cell; returns the row number. */
export function writeRow(sheet: ExcelJS.Worksheet, rowNumber: number, columns: readonly SheetColumn[], values: readonly CellValue[]): ExcelJS.Row {
  const row = sheet.getRow(rowNumber);
  columns.forEach((column, i) => {
    const value = values[i] ?? null;
    const cell = row.getCell(i + 1);
    cell.value = typeof value === 'string' ? cellText(value) : value;
    if (column.numFmt) cell.numFmt = column.numFmt;
    else if (value instanceof Date) cell.numFmt = dateFormat;
    cell.alignment = { vertical: 'top', wrapText: column.wrap ?? false };
  });
  row.height = rowHeight(columns, values);
  return row;
}

/**
 * Excel does not grow a row to fit wrapped text that was written by another program, and a row of
 * default height shows one line of a long justification. The height is estimated from the longest
 * wrapped text (about 1.1 characters per unit of column width, 15 points a line), within Excel's
 * limit of 409 points.
 */
export function rowHeight(columns: readonly SheetColumn[], values: readonly CellValue[]): number {
  let lines = 1;
  columns.forEach((column, i) => {
    const value = values[i];
    if (!column.wrap || typeof value !== 'string' || column.hidden) return;
    const perLine = Math.max(8, Math.floor(column.width * 1.1));
    const count = value.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
    lines = Math.max(lines, count);
  });
  return Math.min(409, Math.max(15, lines * 15 + 3));
}

/** Header and footer text: `&` starts a code in Excel's header language and must be doubled. */
function headerText(text: string): string {
  return cleanText(text).replace(/&/g, '&&').slice(0, 120);
}

/**
 * Landscape A4, fitted to one page wide, header row repeated on every printed page, frozen header
 * (and key columns), a filter on the header, and a running header and footer with "page X of Y".
 */
export function finishTable(
  sheet: ExcelJS.Worksheet,
  options: { texts: ReportTexts; columns: number; lastRow: number; headerRow?: number; frozenColumns?: number; institution: string; title: string },
): void {
  const headerRow = options.headerRow ?? 1;
  sheet.views = tableViews(options.frozenColumns ?? 0, headerRow);
  if (options.lastRow > headerRow) {
    sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: options.lastRow, column: options.columns } };
  }
  printSetup(sheet, options);
  sheet.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
}

/** The frozen header row (and first columns) of a table sheet, as finishTable sets them. */
export function tableViews(frozenColumns: number, headerRow = 1): Array<Partial<ExcelJS.WorksheetView>> {
  return [{ state: 'frozen', xSplit: frozenColumns, ySplit: headerRow, activeCell: `A${headerRow + 1}` }];
}

export function printSetup(sheet: ExcelJS.Worksheet, options: { texts: ReportTexts; institution: string; title: string; orientation?: 'landscape' | 'portrait' }): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: options.orientation ?? 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
  const page = options.texts.t('common.pageXofY').replace('{{page}}', '&P').replace('{{pages}}', '&N');
  sheet.headerFooter = {
    oddHeader: `&L&8${headerText(options.institution)}&R&8${headerText(options.title)}`,
    oddFooter: `&L&8${headerText(sheet.name)}&R&8${page.replace(/&(?![PN])/g, '&&')}`,
  };
}

/** Colours cells of a level column (numbers 0–4) by level, as conditional formats so filters and edits keep them right. */
export function levelFormatting(sheet: ExcelJS.Worksheet, ref: string): void {
  sheet.addConditionalFormatting({
    ref,
    rules: levelFills.map((argb, level) => ({
      type: 'cellIs' as const,
      operator: 'equal' as const,
      formulae: [String(level)],
      priority: level + 1,
      style: { fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb } } },
    })),
  });
}

export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function writeTitle(sheet: ExcelJS.Worksheet, row: number, text: string, size = 16): void {
  const cell = sheet.getCell(row, 1);
  cell.value = cellText(text);
  cell.font = { bold: true, size, color: { argb: excelColours.title } };
  sheet.getRow(row).height = size + 10;
}
