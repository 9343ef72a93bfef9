/**
 * The building blocks every TrustBridge Word document is made of: page, styles, title page,
 * running header and footer, tables with explicit widths, paragraphs of people's text. One place,
 * so the three reports look like one office made them.
 *
 * Word and LibreOffice traps handled here (see ../shared/style.md):
 * - every table has explicit column widths in DXA (twentieths of a point) and a fixed layout:
 *   LibreOffice ignores percentages and auto-fit;
 * - no table cell holds an empty paragraph (LibreOffice draws it as a tall blank line): an empty
 *   value is written as "—";
 * - people's text is stripped of control characters, which Word refuses;
 * - headings use Word's own Heading 1–3 styles, so the navigation pane and the table of contents
 *   work; the table of contents is a field that Word fills when it opens the document
 *   (`updateFields`, which makes Word ask once whether to update the fields).
 */
import {
  AlignmentType,
  BorderStyle,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IStylesOptions,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx';
import { cleanText } from '../../../shared/report/clean-text';
import { noFigure, type ReportTexts } from '../../../shared/report/texts';
import type { ReadinessBand } from '../../../shared/scoring';

/** A4 portrait with 2 cm side margins: 9,638 DXA of text width. */
export const page = {
  width: 11906,
  height: 16838,
  margin: { top: 1304, bottom: 1134, left: 1134, right: 1134, header: 624, footer: 567 },
};
export const textWidth = page.width - page.margin.left - page.margin.right;
/** A4 landscape with the same margins: 14,570 DXA of text width, for wide tables. */
export const landscapeTextWidth = page.height - page.margin.left - page.margin.right;

export const colours = {
  text: '1B2733',
  muted: '5A6875',
  heading: '17436B',
  accent: '1F5F99',
  rule: 'C9D2DB',
  headerFill: 'E6EDF4',
  zebra: 'F6F8FA',
  band: { ready: '1E7B3A', conditional: '8A5A00', 'not-ready': 'B42318' } satisfies Record<ReadinessBand, string>,
  bandFill: { ready: 'E3F2E7', conditional: 'FFF1D6', 'not-ready': 'FDE7E5' } satisfies Record<ReadinessBand, string>,
  warning: 'B42318',
};

const font = 'Calibri';
/** Sizes in half-points. */
const size = { body: 21, table: 18, small: 16, title: 52, subtitle: 30 };

export function documentStyles(locale: string): IStylesOptions {
  const heading = (pt: number, before: number, after: number, colour: string) => ({
    run: { font, size: pt * 2, bold: true, color: colour },
    paragraph: { spacing: { before, after }, keepNext: true, keepLines: true },
  });
  return {
    default: {
      document: { run: { font, size: size.body, color: colours.text, language: { value: locale } }, paragraph: { spacing: { after: 100, line: 264, lineRule: LineRuleType.AUTO } } },
      title: { run: { font, size: size.title, bold: true, color: colours.heading }, paragraph: { spacing: { after: 160 } } },
      heading1: {
        ...heading(16, 360, 140, colours.heading),
        paragraph: { spacing: { before: 360, after: 140 }, keepNext: true, keepLines: true, border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: colours.rule, space: 4 } } },
      },
      heading2: heading(13, 260, 100, colours.accent),
      heading3: heading(11, 200, 80, colours.text),
    },
    paragraphStyles: [
      { id: 'TableText', name: 'Table Text', basedOn: 'Normal', quickFormat: true, run: { size: size.table }, paragraph: { spacing: { before: 0, after: 40, line: 240, lineRule: LineRuleType.AUTO } } },
      { id: 'TableHeading', name: 'Table Heading', basedOn: 'TableText', run: { bold: true, color: colours.heading }, paragraph: { keepNext: true } },
      { id: 'Note', name: 'Note', basedOn: 'Normal', run: { size: size.small, color: colours.muted }, paragraph: { spacing: { after: 80 } } },
      { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', run: { size: size.subtitle, color: colours.accent }, paragraph: { spacing: { after: 240 } } },
      { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', run: { size: 32, bold: true, color: colours.heading }, paragraph: { spacing: { before: 0, after: 200 } } },
    ],
  };
}

// ------------------------------------------------------------------ text

/** People's text as paragraphs: one per line, control characters removed, blank lines dropped. */
export function userParagraphs(text: string, options: { style?: string; prefix?: string } = {}): Paragraph[] {
  const lines = cleanText(text)
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
  return lines.map(
    (line, i) =>
      new Paragraph({
        ...(options.style ? { style: options.style } : {}),
        children: [...(i === 0 && options.prefix ? [new TextRun({ text: options.prefix, bold: true })] : []), new TextRun(line)],
      }),
  );
}

export function run(text: string, options: { bold?: boolean; italics?: boolean; color?: string; size?: number; font?: string } = {}): TextRun {
  return new TextRun({ text: cleanText(text), ...options });
}

export function paragraph(children: string | ParagraphChild[], options: { style?: string; keepNext?: boolean; spacingAfter?: number; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): Paragraph {
  return new Paragraph({
    children: typeof children === 'string' ? [run(children)] : children,
    ...(options.style ? { style: options.style } : {}),
    ...(options.keepNext ? { keepNext: true } : {}),
    ...(options.alignment ? { alignment: options.alignment } : {}),
    ...(options.spacingAfter !== undefined ? { spacing: { after: options.spacingAfter } } : {}),
  });
}

export function heading(level: 1 | 2 | 3, text: string, options: { pageBreakBefore?: boolean } = {}): Paragraph {
  const headingLevel = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
  return new Paragraph({ heading: headingLevel, children: [run(text)], ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}) });
}

export function bullet(children: string | ParagraphChild[]): Paragraph {
  return new Paragraph({ bullet: { level: 0 }, children: typeof children === 'string' ? [run(children)] : children, spacing: { after: 60 } });
}

export function note(text: string): Paragraph {
  return paragraph(text, { style: 'Note' });
}

// ------------------------------------------------------------------ tables

export type CellContent =
  | string
  | number
  | null
  /** `words`: the text the paragraphs show, so the column is made wide enough for its longest word. */
  | { paragraphs: Paragraph[]; fill?: string; words?: string }
  | { text: string; bold?: boolean; color?: string; fill?: string; align?: 'left' | 'center' | 'right' };

export interface Column {
  header: string;
  /** DXA. The widths of a table's columns add up to the text width or less. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

const cellMargins = { top: 50, bottom: 50, left: 90, right: 90 };
const thin = { style: BorderStyle.SINGLE, size: 4, color: colours.rule };
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function alignment(align: Column['align']) {
  return align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT;
}

function cellParagraphs(content: CellContent, column: Column): { paragraphs: Paragraph[]; fill?: string } {
  if (content !== null && typeof content === 'object' && 'paragraphs' in content) {
    // Never an empty cell: Word needs a paragraph, and an empty one renders badly in LibreOffice.
    return { paragraphs: content.paragraphs.length ? content.paragraphs : [paragraph(noFigure, { style: 'TableText' })], ...(content.fill ? { fill: content.fill } : {}) };
  }
  const value = content === null ? '' : typeof content === 'object' ? content.text : String(content);
  const lines = cleanText(value)
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
  const style = typeof content === 'object' && content !== null ? content : undefined;
  const paragraphs = (lines.length ? lines : [noFigure]).map(
    (line) =>
      new Paragraph({
        style: 'TableText',
        alignment: alignment(style?.align ?? column.align),
        children: [new TextRun({ text: line, ...(style?.bold ? { bold: true } : {}), ...(style?.color ? { color: style.color } : {}) })],
      }),
  );
  return { paragraphs, ...(style?.fill ? { fill: style.fill } : {}) };
}

/**
 * Rough width in DXA of a word set in the table's 9 pt type, by kind of character. Sized for
 * the widest font a reader may get: Word uses Calibri, but LibreOffice without Calibri or Carlito
 * falls back to DejaVu Sans, about a fifth wider; a column wide enough for that fits both.
 */
function wordWidth(word: string, bold: boolean): number {
  const em = size.table * 10; // half-points to DXA: 9 pt = 180 DXA
  let ems = 0;
  for (const character of word) {
    if (/[ijlI.,:;'’]/u.test(character)) ems += 0.3;
    else if (/[frt]/u.test(character)) ems += 0.42;
    else if (/[mwMW]/u.test(character)) ems += 0.98;
    else if (/[\p{Lu}\p{N}]/u.test(character)) ems += 0.72;
    else ems += 0.62;
  }
  return Math.ceil(ems * em * (bold ? 1.1 : 1));
}

function longestWordWidth(text: string, bold: boolean): number {
  let widest = 0;
  for (const word of text.split(/[\s/–—-]+/u)) {
    // Fingerprints, addresses and file names may break: they are not words a reader sees split.
    if (word.length > 24) continue;
    widest = Math.max(widest, wordWidth(word, bold));
  }
  return widest;
}

/**
 * Widens a column whose header or text holds a word longer than the column ("Universida d",
 * "Weig ht") and takes that room from columns with room to spare, keeping the table's width: a
 * word in a table is never broken inside itself when the page can hold it whole.
 */
export function fitColumns(columns: readonly Column[], rows: ReadonlyArray<readonly CellContent[]>, withHeader = true): Column[] {
  const padding = cellMargins.left + cellMargins.right + 40;
  const needed = columns.map((column, c) => {
    let widest = withHeader ? longestWordWidth(column.header, true) : 0;
    for (const row of rows) {
      const cell = row[c];
      if (cell === null || cell === undefined) continue;
      if (typeof cell === 'object' && 'paragraphs' in cell) {
        // Built paragraphs cannot be read back; a cell that says what it shows is sized by it
        // (a criterion's title under its id: "Identitätsüberprüfung" must not break).
        if (cell.words) widest = Math.max(widest, longestWordWidth(cell.words, true));
        continue;
      }
      const text = typeof cell === 'object' ? cell.text : String(cell);
      widest = Math.max(widest, longestWordWidth(text, typeof cell === 'object' && cell.bold === true));
    }
    return widest === 0 ? 0 : widest + padding;
  });
  const deficit = columns.reduce((sum, column, c) => sum + Math.max(0, needed[c]! - column.width), 0);
  if (deficit === 0) return [...columns];
  const slack = columns.map((column, c) => Math.max(0, column.width - needed[c]!));
  const totalSlack = slack.reduce((sum, value) => sum + value, 0);
  const total = columns.reduce((sum, column) => sum + column.width, 0);
  const totalNeeded = needed.reduce((sum, value) => sum + value, 0);
  // Not enough room anywhere: keep the widths the table asked for rather than squeeze others.
  if (totalNeeded > total) return [...columns];
  if (totalSlack < deficit) {
    // Every column gets what its longest word needs; what is left is shared as first asked.
    const spare = total - totalNeeded;
    const shared = columns.map((column, c) => ({ ...column, width: needed[c]! + Math.floor((column.width / total) * spare) }));
    shared[shared.length - 1]!.width += total - shared.reduce((sum, column) => sum + column.width, 0);
    return shared;
  }
  const fitted = columns.map((column, c) => ({ ...column, width: Math.max(column.width, needed[c]!) - Math.floor((slack[c]! / totalSlack) * deficit) }));
  const drift = columns.reduce((sum, column) => sum + column.width, 0) - fitted.reduce((sum, column) => sum + column.width, 0);
  const roomiest = slack.indexOf(Math.max(...slack));
  fitted[roomiest]!.width += drift;
  return fitted;
}

/**
 * A table with a repeated header row, thin rules, fixed column widths in DXA, and zebra rows for
 * reading across wide tables. Column widths are the ones asked for, adjusted by fitColumns so
 * no word is broken inside itself.
 */
export function table(requested: readonly Column[], rows: ReadonlyArray<readonly CellContent[]>, options: { header?: boolean; zebra?: boolean } = {}): Table {
  const withHeader = options.header ?? true;
  const columns = fitColumns(requested, rows, withHeader);
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map(
      (column) =>
        new TableCell({
          width: { size: column.width, type: WidthType.DXA },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: colours.headerFill },
          verticalAlign: VerticalAlignTable.BOTTOM,
          children: [new Paragraph({ style: 'TableHeading', alignment: alignment(column.align), children: [run(column.header || ' ')] })],
        }),
    ),
  });
  const bodyRows = rows.map(
    (row, r) =>
      new TableRow({
        cantSplit: row.length <= 6 && !row.some((cell) => typeof cell === 'object' && cell !== null && 'paragraphs' in cell && cell.paragraphs.length > 8),
        children: columns.map((column, c) => {
          const content = cellParagraphs(row[c] ?? null, column);
          const fill = content.fill ?? (options.zebra !== false && r % 2 === 1 ? colours.zebra : undefined);
          return new TableCell({
            width: { size: column.width, type: WidthType.DXA },
            ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
            children: content.paragraphs,
          });
        }),
      }),
  );
  return new Table({
    columnWidths: columns.map((column) => column.width),
    width: { size: columns.reduce((sum, column) => sum + column.width, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    // The cells' padding, once for the table (tblCellMar) rather than on each cell: the same
    // layout in Word and LibreOffice, and a third fewer elements for the packer to write.
    margins: cellMargins,
    borders: { top: thin, bottom: thin, left: none, right: none, insideHorizontal: thin, insideVertical: none },
    rows: withHeader ? [headerRow, ...bodyRows] : bodyRows,
  });
}

/** Label/value pairs in two columns without a header: facts on a title page or in a summary. */
export function factTable(rows: ReadonlyArray<readonly [string, CellContent]>, labelWidth = 3000, totalWidth = textWidth): Table {
  return table(
    [
      { header: '', width: labelWidth },
      { header: '', width: totalWidth - labelWidth },
    ],
    rows.map(([label, value]) => [{ text: label, bold: true, color: colours.muted }, value]),
    { header: false, zebra: false },
  );
}

/** Scales column weights to the text width, so tables always fill the page exactly. */
export function widths(...weights: number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const scaled = weights.map((weight) => Math.floor((weight / total) * textWidth));
  scaled[scaled.length - 1]! += textWidth - scaled.reduce((sum, width) => sum + width, 0);
  return scaled;
}

// ------------------------------------------------------------------ picture

export function chartParagraph(chart: { svg: string; png: Buffer; width: number; height: number; alt: string; name: string }, displayWidthPx: number): Paragraph {
  const scale = displayWidthPx / chart.width;
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    // An explicit automatic line height: with a fixed one, LibreOffice clips the picture to one line.
    spacing: { before: 80, after: 120, line: 240, lineRule: LineRuleType.AUTO },
    children: [
      new ImageRun({
        type: 'svg',
        data: Buffer.from(chart.svg, 'utf8'),
        fallback: { type: 'png', data: chart.png },
        transformation: { width: Math.round(chart.width * scale), height: Math.round(chart.height * scale) },
        altText: { name: chart.name, title: chart.name, description: cleanText(chart.alt).slice(0, 2000) },
      }),
    ],
  });
}

// ------------------------------------------------------------------ page furniture

export function tableOfContents(texts: ReportTexts): Array<Paragraph | TableOfContents> {
  return [
    new Paragraph({ style: 'TOCHeading', pageBreakBefore: true, children: [run(texts.t('common.contents'))] }),
    new TableOfContents(texts.t('common.contents'), { hyperlink: true, headingStyleRange: '1-2' }),
    note(texts.t('common.contentsNote')),
  ];
}

/** "Page {{page}} of {{pages}}" with Word's PAGE and SECTIONPAGES fields where the placeholders are. */
function pageXofY(template: string): Array<string | (typeof PageNumber)[keyof typeof PageNumber]> {
  const parts: Array<string | (typeof PageNumber)[keyof typeof PageNumber]> = [];
  let last = 0;
  for (const match of template.matchAll(/\{\{(page|pages)\}\}/g)) {
    if (match.index > last) parts.push(template.slice(last, match.index));
    // NUMPAGES, not SECTIONPAGES: LibreOffice leaves SECTIONPAGES blank.
    parts.push(match[1] === 'page' ? PageNumber.CURRENT : PageNumber.TOTAL_PAGES);
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

export interface DocumentFrame {
  texts: ReportTexts;
  /** The institution the document is about (left of the running header). */
  institution: string;
  /** The document's title (right of the running header). */
  title: string;
  /** Framework and version, shown small in the footer. */
  footerNote: string;
}

function runningHeader(frame: DocumentFrame, width = textWidth): Header {
  return new Header({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: width }],
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: colours.rule, space: 4 } },
        children: [run(frame.institution, { size: size.small, color: colours.muted, bold: true }), new TextRun({ text: '\t' }), run(frame.title, { size: size.small, color: colours.muted })],
      }),
    ],
  });
}

function runningFooter(frame: DocumentFrame, width = textWidth): Footer {
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: width }],
        children: [
          run(frame.footerNote, { size: size.small, color: colours.muted }),
          new TextRun({ text: '\t' }),
          new TextRun({ children: pageXofY(frame.texts.t('common.pageXofY')), size: size.small, color: colours.muted }),
        ],
      }),
    ],
  });
}

/**
 * One section: the title page has its own (empty) header and footer, every page after it the
 * running header and "page X of Y". (A separate title section numbered apart would need Word's
 * SECTIONPAGES field, which LibreOffice does not fill; so the executive summary is page 2 of Y.)
 */
export function sections(frame: DocumentFrame, titlePage: Array<Paragraph | Table>, body: Array<Paragraph | Table | TableOfContents>): ISectionOptions[] {
  const empty = () => new Paragraph({ children: [] });
  return [
    {
      properties: { titlePage: true, page: { size: { width: page.width, height: page.height }, margin: page.margin } },
      headers: { default: runningHeader(frame), first: new Header({ children: [empty()] }) },
      footers: { default: runningFooter(frame), first: new Footer({ children: [empty()] }) },
      children: [...titlePage, ...body],
    },
  ];
}

/**
 * A further section with the running header and footer: landscape for a wide table (the consortium
 * matrix), back to portrait after it. Page numbers continue across sections.
 */
export function continuedSection(frame: DocumentFrame, children: Array<Paragraph | Table | TableOfContents>, options: { landscape?: boolean } = {}): ISectionOptions {
  const width = options.landscape ? landscapeTextWidth : textWidth;
  return {
    properties: {
      page: {
        size: { width: page.width, height: page.height, ...(options.landscape ? { orientation: PageOrientation.LANDSCAPE } : {}) },
        margin: page.margin,
      },
    },
    headers: { default: runningHeader(frame, width) },
    footers: { default: runningFooter(frame, width) },
    children,
  };
}

interface TitlePageInput {
  kicker: string;
  title: string;
  subtitle: string;
  facts: ReadonlyArray<readonly [string, CellContent]>;
  notice: string;
}

export function titlePage(input: TitlePageInput): Array<Paragraph | Table> {
  return [
    new Paragraph({ spacing: { before: 2400, after: 200 }, children: [run(input.kicker.toUpperCase(), { color: colours.accent, bold: true, size: 20 })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [run(input.title)] }),
    paragraph(input.subtitle, { style: 'Subtitle' }),
    new Paragraph({ spacing: { before: 600, after: 200 }, border: { top: { style: BorderStyle.SINGLE, size: 12, color: colours.accent, space: 8 } }, children: [] }),
    factTable(input.facts, 2900),
    new Paragraph({ spacing: { before: 1800 }, children: [run(input.notice, { size: size.small, color: colours.muted })] }),
  ];
}

export function fingerprintRun(sha256: string): TextRun {
  return new TextRun({ text: (sha256.match(/.{1,4}/g) ?? []).join(' '), font: 'Consolas', size: 14, color: colours.muted });
}
