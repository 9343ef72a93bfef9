/**
 * The consortium workbook: the same model as the trust-matrix screen and the Word summary, as
 * sheets a consortium office can filter, sort and print — Overview (figures, legend, members),
 * Trust matrix (who audited whom), Audits (one row per cell and self-assessment), Dimensions
 * (weakest first, each member's score) and, when read from a folder, Files (what counted, what was
 * refused and why). Numbers are numbers, dates are dates, and no cell holds a formula.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ConsortiumFiles, ConsortiumMember, ConsortiumModel, TrustCell } from '../../../shared/consortium/model';
import { refusalKind } from '../../../shared/consortium/refusals';
import type { ReportTexts } from '../../../shared/report/texts';
import { roundScore } from '../../../shared/scoring/format';
import type { ReadinessBand } from '../../../shared/scoring/band';
import {
  cellText,
  columnLetter,
  dateFormat,
  dateValue,
  excelColours,
  finishTable,
  percentFormat,
  percentValue,
  printSetup,
  tableViews,
  writeHeader,
  writeRow,
  writeTitle,
  type CellValue,
  type SheetColumn,
} from './kit';

/** Band colours as in the Word reports: a light fill with dark text of the same hue. */
const bandColours: Record<ReadinessBand, { fill: string; text: string }> = {
  ready: { fill: 'FFE3F2E7', text: 'FF1E7B3A' },
  conditional: { fill: 'FFFFF1D6', text: 'FF8A5A00' },
  'not-ready': { fill: 'FFFDE7E5', text: 'FFB42318' },
};
const expiredColours = { fill: 'FFE4E7EB', text: 'FF5A6875' };
const selfBorder = 'FF17436B';

type SelfCell = ConsortiumModel['selfAssessments'][number];

interface ConsortiumWorkbookInput {
  model: ConsortiumModel;
  files?: ConsortiumFiles;
  texts: ReportTexts;
  now: Date;
  preparedBy?: string;
}

interface Frame {
  texts: ReportTexts;
  institution: string;
  title: string;
}

export async function consortiumWorkbookXlsx(input: ConsortiumWorkbookInput): Promise<Buffer> {
  const { model, files, texts } = input;
  // Written with exceljs's streaming writer: each sheet is turned into XML and compressed row by
  // row when it is committed, instead of the whole workbook's model and XML being built at once at
  // the end (a matrix of 300 members is 90,000 cells; building it all at once was the peak memory
  // of a consortium export). Sheets are still built whole before they are committed, so the code
  // below writes cells in any order, as with an ordinary workbook.
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  // The streaming writer zips with archiver, which calls the deprecated Buffer() constructor; Node
  // would print its DEP0005 warning (once per process) on the command line's and the app's console.
  const quiet = process.noDeprecation;
  process.noDeprecation = true;
  let workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  try {
    workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  } finally {
    process.noDeprecation = quiet;
  }
  workbook.creator = input.preparedBy ?? 'TrustBridge';
  workbook.lastModifiedBy = workbook.creator;
  workbook.created = input.now;
  workbook.modified = input.now;
  workbook.title = texts.t('consortium.workbookTitle');
  const frame: Frame = { texts, institution: texts.t('consortium.title'), title: texts.t('consortium.subtitle', { count: model.totals.institutions, date: texts.date(model.today) }) };

  // A streamed sheet writes its views and page fit when it is added, before any cell: they are
  // given here, and the sheet code setting the same views afterwards is checked against them.
  const sheet = (name: string, views: Array<Partial<ExcelJS.WorksheetView>>, build: (sheet: ExcelJS.Worksheet) => void) => {
    const added = workbook.addWorksheet(name, { views, pageSetup: { fitToWidth: 1, fitToHeight: 0 } });
    Object.defineProperty(added, 'views', {
      get: () => views,
      set: (later: unknown) => {
        if (JSON.stringify(later) !== JSON.stringify(views)) throw new Error(`The views of the streamed sheet "${name}" are given when it is added`);
      },
    });
    build(added);
    added.commit();
  };
  sheet(texts.t('consortium.sheets.overview'), [], (added) => overviewSheet(added, input, frame));
  sheet(texts.t('consortium.sheets.matrix'), matrixViews, (added) => matrixSheet(added, model, texts, frame));
  sheet(texts.t('consortium.sheets.audits'), tableViews(2), (added) => auditsSheet(added, model, texts, frame));
  sheet(texts.t('consortium.sheets.dimensions'), tableViews(3), (added) => dimensionsSheet(added, model, texts, frame));
  if (files) sheet(texts.t('consortium.sheets.files'), tableViews(1), (added) => filesSheet(added, files, texts, frame));
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

/** "Ready with conditions", or the short form the matrix has room for. */
function bandText(texts: ReportTexts, band: ReadinessBand, short = false): string {
  return short ? texts.t(`consortium.bandShort.${band}`) : texts.t(`bands.${band}`);
}

function nameOf(model: ConsortiumModel, key: string): string {
  return model.institutions.find((institution) => institution.key === key)?.legalName ?? key;
}

// ------------------------------------------------------------------ Overview

function overviewSheet(sheet: ExcelJS.Worksheet, input: ConsortiumWorkbookInput, frame: Frame): void {
  const { model, files, texts } = input;
  sheet.getColumn(1).width = 46;
  sheet.getColumn(2).width = 16;
  for (let c = 3; c <= 6; c += 1) sheet.getColumn(c).width = 18;
  let row = 1;
  writeTitle(sheet, row++, texts.t('consortium.title'));
  const subtitle = sheet.getCell(row++, 1);
  subtitle.value = cellText(frame.title);
  subtitle.font = { size: 12, color: { argb: excelColours.muted } };
  row += 1;

  const fact = (label: string, value: CellValue, numFmt?: string) => {
    const labelCell = sheet.getCell(row, 1);
    labelCell.value = cellText(label);
    labelCell.font = { bold: true, color: { argb: excelColours.muted } };
    const valueCell = sheet.getCell(row, 2);
    valueCell.value = typeof value === 'string' ? cellText(value) : value;
    if (numFmt) valueCell.numFmt = numFmt;
    else if (value instanceof Date) valueCell.numFmt = dateFormat;
    valueCell.alignment = { horizontal: 'left' };
    row += 1;
  };
  fact(texts.t('consortium.date'), dateValue(model.today));
  fact(texts.t('titlePage.language'), texts.t('meta.languageName'));
  if (input.preparedBy) fact(texts.t('titlePage.preparedBy'), input.preparedBy);
  if (files) {
    fact(texts.t('consortium.folder'), files.folder);
    fact(texts.t('consortium.readAt'), dateValue(files.readAt));
    fact(texts.t('consortium.keyCheckLabel'), texts.t(`consortium.keyCheck.${files.keyCheck}`));
  }
  row += 1;

  const heading = (text: string) => {
    const cell = sheet.getCell(row++, 1);
    cell.value = cellText(text);
    cell.font = { bold: true, size: 13, color: { argb: excelColours.title } };
  };
  heading(texts.t('consortium.totals.heading'));
  const { totals } = model;
  const figures: Array<[string, number]> = [
    [texts.t('consortium.totals.institutions'), totals.institutions],
    [texts.t('consortium.totals.audits'), totals.audits],
    [texts.t('consortium.totals.valid'), totals.valid],
    [texts.t('consortium.totals.expiring', { days: model.expiringWithinDays }), totals.expiring],
    [texts.t('consortium.totals.expired'), totals.expired],
    [texts.t('consortium.totals.inProgress'), totals.inProgress],
    [texts.t('consortium.totals.selfAssessments'), totals.selfAssessments],
    [texts.t('consortium.totals.directionsMissing'), totals.directionsMissing],
  ];
  if (files) {
    figures.push(
      [texts.t('consortium.totals.filesCounted'), files.accepted.length],
      [texts.t('consortium.totals.filesRefused'), files.refused.length],
      [texts.t('consortium.totals.duplicates'), files.duplicates.length],
      [texts.t('consortium.totals.conflicts'), files.conflicts.length],
    );
  }
  for (const [label, value] of figures) fact(label, value, '0');
  row += 1;

  heading(texts.t('consortium.legend.heading'));
  const legendLine = (text: string, sample?: { label: string; fill: string; colour: string; italic?: boolean }) => {
    const textCell = sheet.getCell(row, 1);
    textCell.value = cellText(text);
    textCell.alignment = { wrapText: true, vertical: 'top' };
    if (sample) {
      const cell = sheet.getCell(row, 2);
      cell.value = cellText(sample.label);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: sample.fill } };
      cell.font = { bold: true, italic: sample.italic ?? false, color: { argb: sample.colour } };
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
    }
    sheet.getRow(row).height = Math.max(18, Math.ceil(text.length / 48) * 15 + 3);
    row += 1;
  };
  legendLine(texts.t('consortium.legend.rows'));
  legendLine(texts.t('consortium.legend.cell'));
  for (const band of ['ready', 'conditional', 'not-ready'] as const) {
    legendLine(texts.t(`consortium.legend.band.${band}`), { label: bandText(texts, band, true), fill: bandColours[band].fill, colour: bandColours[band].text });
  }
  legendLine(texts.t('consortium.legend.expired'), { label: texts.t('consortium.matrix.expired'), fill: expiredColours.fill, colour: expiredColours.text });
  legendLine(texts.t('consortium.legend.expiring', { days: model.expiringWithinDays }));
  legendLine(texts.t('consortium.legend.inProgress'), { label: texts.t('consortium.matrix.inProgress'), fill: 'FFFFFFFF', colour: excelColours.muted, italic: true });
  legendLine(texts.t('consortium.legend.empty'));
  row += 1;

  heading(texts.t('consortium.membersHeading'));
  const columns: SheetColumn[] = [
    { header: texts.t('consortium.columns.institution'), width: 46, wrap: true },
    { header: texts.t('consortium.columns.abbreviation'), width: 16 },
    { header: texts.t('consortium.columns.country'), width: 18 },
    { header: texts.t('consortium.columns.city'), width: 18, wrap: true },
    { header: texts.t('consortium.columns.erasmusCode'), width: 18 },
    { header: texts.t('consortium.columns.exchangeId'), width: 42 },
  ];
  writeHeader(sheet, columns, row++);
  for (const institution of model.institutions) {
    writeRow(sheet, row++, columns, [
      institution.own ? `${institution.legalName} (${texts.t('consortium.own')})` : institution.legalName,
      institution.abbreviation,
      institution.country,
      institution.city ?? '',
      institution.erasmusCode ?? '',
      institution.key,
    ]);
  }
  row += 1;
  // What the matrix leaves out, and why, so that it never silently disagrees with a partnership.
  if (model.skipped.length) {
    heading(texts.t('consortium.summary.notCountedHeading'));
    for (const item of model.skipped) {
      legendLine(texts.t(`consortium.notCounted.${item.reason}`, { title: item.title, assessor: nameOf(model, item.assessor), subject: nameOf(model, item.subject) }));
    }
    row += 1;
  }
  const note = sheet.getCell(row, 1);
  note.value = texts.t('workbook.roundingNote');
  note.font = { italic: true, size: 9, color: { argb: excelColours.muted } };
  printSetup(sheet, { ...frame, orientation: 'portrait' });
}

// ------------------------------------------------------------------ Trust matrix

function matrixCellText(texts: ReportTexts, cell: SelfCell, self: boolean): string {
  const lines = [bandText(texts, cell.band, true), texts.percent(roundScore(cell.overall)), cell.date];
  if (self) lines.unshift(texts.t('consortium.matrix.self'));
  if (cell.status !== 'complete') lines.push(texts.t('consortium.matrix.inProgress'));
  else if (cell.validity === 'expired') lines.push(texts.t('consortium.matrix.expired'));
  else if (cell.validity === 'expiring') lines.push(texts.t('consortium.matrix.expiring'));
  return lines.join('\n');
}

function matrixNote(texts: ReportTexts, model: ConsortiumModel, cell: SelfCell & Partial<Pick<TrustCell, 'decision'>>): string {
  return [
    `${cell.title}`,
    `${nameOf(model, cell.assessor)} → ${nameOf(model, cell.subject)}`,
    `${texts.t('consortium.columns.status')}: ${texts.t(`consortium.status.${cell.status}`)}`,
    `${texts.t('consortium.columns.overall')}: ${texts.percent(roundScore(cell.overall))} · ${texts.t(`bands.${cell.band}`)} · ${texts.t('consortium.columns.blockers')}: ${cell.blockers}`,
    `${texts.t('consortium.columns.date')}: ${cell.date}`,
    `${texts.t('consortium.columns.validUntil')}: ${cell.validUntil} (${texts.t(`consortium.validity.${cell.validity}`)})`,
    `${texts.t('consortium.columns.framework')}: ${cell.framework.title} ${cell.framework.version}`,
    ...(cell.decision ? [`${texts.t('consortium.columns.decision')}: ${texts.t(`bands.${cell.decision.outcome}`)} (${cell.decision.decidedAt.slice(0, 10)})`] : []),
    ...(cell.renewalInProgress ? [`${texts.t('consortium.columns.renewal')}: ${cell.renewalInProgress.title}`] : []),
  ]
    .map((line) => cellText(line))
    .join('\n');
}

function matrixSheet(sheet: ExcelJS.Worksheet, model: ConsortiumModel, texts: ReportTexts, frame: Frame): void {
  const members = model.institutions;
  writeTitle(sheet, 1, texts.t('consortium.sheets.matrix'), 14);
  const intro = sheet.getCell(2, 1);
  intro.value = cellText(texts.t('consortium.legend.rows'));
  intro.font = { italic: true, color: { argb: excelColours.muted } };
  const headerRow = matrixHeaderRow;
  sheet.getColumn(1).width = 38;
  const corner = sheet.getCell(headerRow, 1);
  corner.value = cellText(texts.t('consortium.matrix.corner'));
  corner.font = { bold: true, color: { argb: excelColours.headerText } };
  corner.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: excelColours.headerFill } };
  corner.alignment = { vertical: 'bottom', wrapText: true };
  members.forEach((member, i) => {
    const column = i + 2;
    sheet.getColumn(column).width = 12.5;
    const cell = sheet.getCell(headerRow, column);
    cell.value = member.abbreviation;
    cell.note = cellText(member.legalName);
    cell.font = { bold: true, color: { argb: excelColours.headerText } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: excelColours.headerFill } };
    cell.alignment = { horizontal: 'center', vertical: 'bottom' };
  });
  sheet.getRow(headerRow).height = 30;

  const cells = new Map<string, SelfCell & Partial<Pick<TrustCell, 'decision'>>>();
  for (const cell of [...model.cells, ...model.selfAssessments]) cells.set(`${cell.assessor}\u0000${cell.subject}`, cell);
  members.forEach((assessor, r) => {
    const rowNumber = headerRow + 1 + r;
    const label = sheet.getCell(rowNumber, 1);
    label.value = cellText(`${assessor.legalName} (${assessor.abbreviation})`);
    label.font = { bold: true };
    label.alignment = { vertical: 'middle', wrapText: true };
    members.forEach((subject, c) => {
      const target = sheet.getCell(rowNumber, c + 2);
      const self = assessor.key === subject.key;
      const cell = cells.get(`${assessor.key}\u0000${subject.key}`);
      if (!cell) {
        // The same style object for every empty cell of a kind: a matrix of 300 members has
        // 90,000 cells, and one set of objects per cell cost most of the workbook's time and memory.
        target.style = self ? emptySelfStyle : emptyStyle;
        return;
      }
      target.value = cellText(matrixCellText(texts, cell, self));
      target.note = matrixNote(texts, model, cell);
      const expired = cell.status === 'complete' && cell.validity === 'expired';
      const colours = expired ? expiredColours : bandColours[cell.band];
      target.style = {
        alignment: matrixAlignment,
        border: self ? diagonalBorder() : thinBorder(),
        fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: colours.fill } },
        font: { size: 9, color: { argb: colours.text }, italic: cell.status !== 'complete', bold: cell.validity === 'expiring' && cell.status === 'complete' },
      };
    });
    sheet.getRow(rowNumber).height = 62;
  });
  sheet.views = matrixViews;
  printSetup(sheet, frame);
  sheet.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  sheet.pageSetup.printTitlesColumn = 'A:A';
}

const matrixHeaderRow = 3;
const matrixViews: Array<Partial<ExcelJS.WorksheetView>> = [{ state: 'frozen', xSplit: 1, ySplit: matrixHeaderRow, activeCell: `B${matrixHeaderRow + 1}` }];
const matrixAlignment: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
const emptyStyle: Partial<ExcelJS.Style> = { alignment: matrixAlignment, border: thinBorder() };
const emptySelfStyle: Partial<ExcelJS.Style> = { alignment: matrixAlignment, border: diagonalBorder(), fill: { type: 'pattern', pattern: 'lightGray', fgColor: { argb: 'FFD0D5DB' } } };

function thinBorder(): Partial<ExcelJS.Borders> {
  const side = { style: 'thin' as const, color: { argb: excelColours.rule } };
  return { top: side, bottom: side, left: side, right: side };
}

function diagonalBorder(): Partial<ExcelJS.Borders> {
  const side = { style: 'medium' as const, color: { argb: selfBorder } };
  return { top: side, bottom: side, left: side, right: side };
}

// ------------------------------------------------------------------ Audits

function auditsSheet(sheet: ExcelJS.Worksheet, model: ConsortiumModel, texts: ReportTexts, frame: Frame): void {
  const columns: SheetColumn[] = [
    { header: texts.t('consortium.columns.assessor'), width: 30, wrap: true },
    { header: texts.t('consortium.columns.subject'), width: 30, wrap: true },
    { header: texts.t('consortium.columns.kind'), width: 15 },
    { header: texts.t('consortium.columns.title'), width: 34, wrap: true },
    { header: texts.t('consortium.columns.status'), width: 13 },
    { header: texts.t('consortium.columns.overall'), width: 10, numFmt: percentFormat },
    { header: texts.t('consortium.columns.band'), width: 22 },
    { header: texts.t('consortium.columns.blockers'), width: 9, numFmt: '0' },
    { header: texts.t('consortium.columns.date'), width: 12, numFmt: dateFormat },
    { header: texts.t('consortium.columns.validUntil'), width: 12, numFmt: dateFormat },
    { header: texts.t('consortium.columns.validity'), width: 14 },
    { header: texts.t('consortium.columns.framework'), width: 40, wrap: true },
    { header: texts.t('consortium.columns.decision'), width: 22 },
    { header: texts.t('consortium.columns.decidedOn'), width: 12, numFmt: dateFormat },
    { header: texts.t('consortium.columns.renewal'), width: 28, wrap: true },
    { header: texts.t('consortium.columns.revision'), width: 9, numFmt: '0' },
    { header: texts.t('consortium.columns.assessmentId'), width: 24 },
  ];
  writeHeader(sheet, columns);
  const rows: Array<SelfCell & Partial<Pick<TrustCell, 'decision'>>> = [...model.cells, ...model.selfAssessments];
  const order = new Map(model.institutions.map((institution, index) => [institution.key, index]));
  rows.sort((a, b) => order.get(a.assessor)! - order.get(b.assessor)! || order.get(a.subject)! - order.get(b.subject)!);
  rows.forEach((cell, i) => {
    const self = cell.assessor === cell.subject;
    writeRow(sheet, i + 2, columns, [
      nameOf(model, cell.assessor),
      nameOf(model, cell.subject),
      texts.t(self ? 'consortium.kinds.self' : 'consortium.kinds.audit'),
      cell.title,
      texts.t(`consortium.status.${cell.status}`),
      percentValue(roundScore(cell.overall)),
      texts.t(`bands.${cell.band}`),
      cell.blockers,
      dateValue(cell.date),
      dateValue(cell.validUntil),
      texts.t(`consortium.validity.${cell.validity}`),
      `${cell.framework.title} ${cell.framework.version}`,
      cell.decision ? texts.t(`bands.${cell.decision.outcome}`) : '',
      dateValue(cell.decision?.decidedAt),
      cell.renewalInProgress?.title ?? '',
      cell.revision,
      cell.assessmentId,
    ]);
  });
  const lastRow = Math.max(2, rows.length + 1);
  // Bands and validity coloured by their text, as conditional formats so filters and sorting keep them right.
  const textRule = (text: string, fill: string, colour: string, priority: number) => ({
    type: 'cellIs' as const,
    operator: 'equal' as const,
    formulae: [`"${text.replace(/"/g, '""')}"`],
    priority,
    style: { fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: fill } }, font: { color: { argb: colour } } },
  });
  sheet.addConditionalFormatting({
    ref: `G2:G${lastRow}`,
    rules: (['ready', 'conditional', 'not-ready'] as const).map((band, i) => textRule(texts.t(`bands.${band}`), bandColours[band].fill, bandColours[band].text, i + 1)),
  });
  sheet.addConditionalFormatting({
    ref: `K2:K${lastRow}`,
    rules: [
      textRule(texts.t('consortium.validity.expired'), expiredColours.fill, expiredColours.text, 1),
      textRule(texts.t('consortium.validity.expiring'), bandColours.conditional.fill, bandColours.conditional.text, 2),
    ],
  });
  finishTable(sheet, { ...frame, columns: columns.length, lastRow: rows.length + 1, frozenColumns: 2 });
}

// ------------------------------------------------------------------ Dimensions

function dimensionsSheet(sheet: ExcelJS.Worksheet, model: ConsortiumModel, texts: ReportTexts, frame: Frame): void {
  const members: ConsortiumMember[] = model.institutions;
  const columns: SheetColumn[] = [
    { header: texts.t('consortium.columns.rank'), width: 7, numFmt: '0' },
    { header: texts.t('consortium.columns.code'), width: 8 },
    { header: texts.t('consortium.columns.dimension'), width: 40, wrap: true },
    { header: texts.t('consortium.columns.mean'), width: 10, numFmt: percentFormat },
    { header: texts.t('consortium.columns.min'), width: 10, numFmt: percentFormat },
    { header: texts.t('consortium.columns.count'), width: 12, numFmt: '0' },
    ...members.map((member): SheetColumn => ({ header: member.abbreviation, width: 8, numFmt: percentFormat })),
  ];
  writeHeader(sheet, columns);
  members.forEach((member, i) => (sheet.getCell(1, 7 + i).note = cellText(member.legalName)));
  model.dimensions.forEach((dimension, i) => {
    const row = writeRow(sheet, i + 2, columns, [
      dimension.rank,
      dimension.id,
      dimension.title,
      percentValue(roundScore(dimension.mean)),
      percentValue(roundScore(dimension.min)),
      dimension.count,
      ...members.map((member) => percentValue(roundScore(dimension.scores[member.key] ?? null))),
    ]);
    if (dimension.rank === 1 && dimension.mean !== null) {
      for (let c = 1; c <= 6; c += 1) {
        row.getCell(c).font = { bold: true, color: { argb: excelColours.warning } };
        row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: bandColours['not-ready'].fill } };
      }
    }
  });
  const lastRow = model.dimensions.length + 1;
  if (members.length && model.dimensions.length) {
    // Each member's scores from red (low) through amber to green (high), as the band colours go.
    sheet.addConditionalFormatting({
      ref: `G2:${columnLetter(6 + members.length)}${lastRow}`,
      rules: [
        {
          type: 'colorScale',
          priority: 1,
          cfvo: [
            { type: 'num', value: 0.25 },
            { type: 'num', value: 0.5 },
            { type: 'num', value: 0.75 },
          ],
          color: [{ argb: 'FFF4C7C3' }, { argb: 'FFFFF0B3' }, { argb: 'FFB7DDB0' }],
        },
      ],
    });
  }
  const noteRow = lastRow + 2;
  const note = sheet.getCell(noteRow, 1);
  note.value = cellText(texts.t('consortium.dimensionsNote'));
  note.font = { italic: true, size: 9, color: { argb: excelColours.muted } };
  finishTable(sheet, { ...frame, columns: columns.length, lastRow, frozenColumns: 3 });
}

// ------------------------------------------------------------------ Files

function filesSheet(sheet: ExcelJS.Worksheet, files: ConsortiumFiles, texts: ReportTexts, frame: Frame): void {
  const columns: SheetColumn[] = [
    { header: texts.t('consortium.columns.file'), width: 62, wrap: true },
    { header: texts.t('consortium.columns.outcome'), width: 24, wrap: true },
    { header: texts.t('consortium.columns.issuer'), width: 30, wrap: true },
    { header: texts.t('consortium.columns.issuedAt'), width: 12, numFmt: dateFormat },
    { header: texts.t('consortium.columns.counted'), width: 12, numFmt: '0' },
    { header: texts.t('consortium.columns.detail'), width: 80, wrap: true },
  ];
  writeHeader(sheet, columns);
  type Line = { values: CellValue[]; outcome: 'counted' | 'duplicate' | 'conflict' | 'refused' | 'ignored' };
  const lines: Line[] = [];
  const notCounted = new Map<string, string[]>();
  for (const item of files.notCounted) {
    notCounted.set(item.fileName, [...(notCounted.get(item.fileName) ?? []), texts.t(`consortium.notCounted.${item.reason}`, { title: item.title, assessor: item.assessor, subject: item.subject })]);
  }
  // What went wrong first: refused files, then copies not counted, then the files counted.
  for (const refused of files.refused) {
    const label = texts.t(`consortium.refusal.${refusalKind(refused.code)}`);
    lines.push({ outcome: 'refused', values: [refused.fileName, `${texts.t('consortium.files.refused')}: ${label}`, '', null, 0, refused.reason] });
  }
  for (const duplicate of files.duplicates) {
    lines.push({ outcome: 'duplicate', values: [duplicate.fileName, texts.t('consortium.files.duplicate'), '', null, 0, texts.t('consortium.files.sameAs', { file: duplicate.sameAs })] });
  }
  for (const conflict of files.conflicts) {
    for (const fileName of conflict.files.filter((name) => name !== conflict.kept)) {
      lines.push({
        outcome: 'conflict',
        values: [fileName, texts.t('consortium.files.conflictLost'), '', null, 0, `${texts.t(`consortium.conflictBasis.${conflict.basis}`, { file: conflict.kept })}\n${conflict.why}`],
      });
    }
  }
  for (const file of files.accepted) {
    lines.push({
      outcome: 'counted',
      values: [
        file.fileName,
        texts.t('consortium.files.counted'),
        file.issuer,
        dateValue(file.issuedAt),
        file.counted,
        [
          texts.t('consortium.files.signedBy', { signers: file.signedBy.join('; ') }),
          ...(file.conflictOf && file.countedSeparately ? [texts.t('consortium.files.syncCopyCounted', { file: file.conflictOf })] : []),
          ...(notCounted.get(file.fileName) ?? []),
        ].join('\n'),
      ],
    });
  }
  for (const ignored of files.ignored) lines.push({ outcome: 'ignored', values: [ignored, texts.t('consortium.files.ignored'), '', null, 0, texts.t('consortium.files.ignoredDetail')] });
  lines.forEach((line, i) => {
    const row = writeRow(sheet, i + 2, columns, line.values);
    if (line.outcome === 'refused') row.getCell(2).font = { bold: true, color: { argb: excelColours.warning } };
    else if (line.outcome !== 'counted') row.getCell(2).font = { color: { argb: excelColours.muted } };
  });
  finishTable(sheet, { ...frame, columns: columns.length, lastRow: lines.length + 1, frozenColumns: 1 });
}
