/**
 * The consortium summary for a consortium board: a few pages that say what was counted, the key
 * figures, the weakest dimensions across the consortium, the audits that have expired or expire
 * soon, the directions nobody has audited yet, the trust matrix on a landscape page (short names
 * and a legend when it has more than eight members), the files refused with their reasons, and how
 * the figures are made. Written from the same model as the workbook and the screen.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  LineRuleType,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type TableOfContents,
} from 'docx';
import type { ConsortiumFiles, ConsortiumMember, ConsortiumModel, TrustCell } from '../../../shared/consortium/model';
import { refusalKind } from '../../../shared/consortium/refusals';
import { cleanText } from '../../../shared/report/clean-text';
import type { ReportTexts } from '../../../shared/report/texts';
import { roundScore } from '../../../shared/scoring/format';
import type { ReadinessBand } from '../../../shared/scoring/band';
import type { ReportMeta } from './common';
import {
  bullet,
  colours,
  continuedSection,
  documentStyles,
  factTable,
  heading,
  landscapeTextWidth,
  note,
  paragraph,
  run,
  sections,
  table,
  titlePage,
  widths,
  type CellContent,
  type DocumentFrame,
} from './kit';

type Block = Paragraph | Table | TableOfContents;
type SelfCell = ConsortiumModel['selfAssessments'][number];

/** Above this many members the matrix uses short names and a legend. */
const fullNamesUpTo = 8;
const expiredFill = 'E4E7EB';

interface ConsortiumSummaryInput {
  model: ConsortiumModel;
  files?: ConsortiumFiles;
  texts: ReportTexts;
  meta?: ReportMeta;
}

export async function consortiumSummaryDocx(input: ConsortiumSummaryInput): Promise<Buffer> {
  const { model, files, texts } = input;
  const meta = input.meta ?? {};
  const title = texts.t('consortium.summaryTitle');
  const subtitle = texts.t('consortium.subtitle', { count: model.totals.institutions, date: texts.date(model.today) });
  const frame: DocumentFrame = { texts, institution: texts.t('consortium.title'), title, footerNote: subtitle };
  const facts: Array<readonly [string, CellContent]> = [
    [texts.t('consortium.date'), texts.date(model.today)],
    [texts.t('consortium.totals.institutions'), String(model.totals.institutions)],
    [texts.t('consortium.totals.audits'), String(model.totals.audits)],
    ...(files
      ? ([
          [texts.t('consortium.folder'), files.folder],
          [texts.t('consortium.filesFact'), texts.t('consortium.filesFactValue', { counted: files.accepted.length, refused: files.refused.length })],
          [texts.t('consortium.keyCheckLabel'), texts.t(`consortium.keyCheck.${files.keyCheck}`)],
        ] as const)
      : []),
    [texts.t('titlePage.language'), texts.t('meta.languageName')],
    ...(meta.preparedBy ? [[texts.t('titlePage.preparedBy'), meta.preparedBy] as const] : []),
  ];
  const first: Block[] = [...countedSection(model, files, texts), ...weakestSection(model, texts), ...expirySection(model, texts), ...missingSection(model, texts)];
  const last: Block[] = [...(files ? filesSection(files, texts) : []), ...aboutSection(model, texts, meta)];
  const document = new Document({
    creator: meta.preparedBy ?? 'TrustBridge',
    title: `${title} — ${subtitle}`,
    description: texts.t('consortium.description'),
    styles: documentStyles(texts.locale),
    sections: [
      ...sections(frame, titlePage({ kicker: texts.t('common.kicker'), title, subtitle, facts, notice: texts.t('consortium.notice') }), first),
      continuedSection(frame, matrixSection(model, texts), { landscape: true }),
      continuedSection(frame, last),
    ],
  });
  return Packer.toBuffer(document);
}

function nameOf(model: ConsortiumModel, key: string): string {
  return model.institutions.find((institution) => institution.key === key)?.legalName ?? key;
}

function shortNames(model: ConsortiumModel): boolean {
  return model.institutions.length > fullNamesUpTo;
}

/** "Universidad de Ejemplo" with up to eight members, else "UE". */
function label(model: ConsortiumModel, key: string): string {
  const member = model.institutions.find((institution) => institution.key === key);
  if (!member) return key;
  return shortNames(model) ? member.abbreviation : member.legalName;
}

// ------------------------------------------------------------------ what was counted, key figures

function countedSection(model: ConsortiumModel, files: ConsortiumFiles | undefined, texts: ReportTexts): Block[] {
  const { totals } = model;
  const blocks: Block[] = [
    heading(1, texts.t('consortium.summary.countedHeading'), { pageBreakBefore: true }),
    paragraph(
      files
        ? texts.t('consortium.summary.countedFromFiles', { audits: totals.audits, self: totals.selfAssessments, institutions: totals.institutions, files: files.accepted.length })
        : texts.t('consortium.summary.counted', { audits: totals.audits, self: totals.selfAssessments, institutions: totals.institutions }),
    ),
  ];
  if (files) {
    blocks.push(
      paragraph(
        files.refused.length
          ? [run(texts.t('consortium.summary.refused', { count: files.refused.length }), { bold: true, color: colours.warning })]
          : texts.t('consortium.summary.noneRefused'),
      ),
    );
    if (files.duplicates.length || files.conflicts.length) {
      blocks.push(paragraph(texts.t('consortium.summary.copies', { duplicates: files.duplicates.length, conflicts: files.conflicts.length })));
    }
    if (files.notCounted.length) blocks.push(paragraph(texts.t('consortium.summary.notCounted', { count: files.notCounted.length })));
  }
  // What the matrix leaves out, and why, as the workbook lists it: a reader comparing this
  // summary with a partnership's report sees why an assessment is missing here.
  if (model.skipped.length) {
    blocks.push(heading(2, texts.t('consortium.summary.notCountedHeading')));
    for (const item of model.skipped) {
      blocks.push(bullet(texts.t(`consortium.notCounted.${item.reason}`, { title: item.title, assessor: nameOf(model, item.assessor), subject: nameOf(model, item.subject) })));
    }
  }
  blocks.push(heading(2, texts.t('consortium.totals.heading')));
  const figure = (label: string, value: number, colour?: string): readonly [string, CellContent] => [label, { text: String(value), bold: true, ...(colour ? { color: colour } : {}) }];
  blocks.push(
    factTable(
      [
        figure(texts.t('consortium.totals.institutions'), totals.institutions),
        figure(texts.t('consortium.totals.audits'), totals.audits),
        figure(texts.t('consortium.totals.valid'), totals.valid, colours.band.ready),
        figure(texts.t('consortium.totals.expiring', { days: model.expiringWithinDays }), totals.expiring, colours.band.conditional),
        figure(texts.t('consortium.totals.expired'), totals.expired, colours.band['not-ready']),
        figure(texts.t('consortium.totals.inProgress'), totals.inProgress),
        figure(texts.t('consortium.totals.selfAssessments'), totals.selfAssessments),
        figure(texts.t('consortium.totals.directionsMissing'), totals.directionsMissing),
      ],
      6400,
    ),
  );
  const bands = (['ready', 'conditional', 'not-ready'] as const).map((band) => ({ band, count: model.cells.filter((cell) => cell.status === 'complete' && cell.validity !== 'expired' && cell.band === band).length }));
  blocks.push(new Paragraph({ spacing: { before: 160 }, children: [run(texts.t('consortium.summary.bands', { ready: bands[0]!.count, conditional: bands[1]!.count, notReady: bands[2]!.count }))] }));
  return blocks;
}

// ------------------------------------------------------------------ weakest dimensions

function weakestSection(model: ConsortiumModel, texts: ReportTexts): Block[] {
  const blocks: Block[] = [heading(2, texts.t('consortium.summary.weakestHeading')), paragraph(texts.t('consortium.summary.weakestIntro'))];
  const scored = model.dimensions.filter((dimension) => dimension.mean !== null);
  if (!scored.length) return [...blocks, paragraph(texts.t('consortium.summary.noScores'))];
  const [rank, dimension, mean, min, count] = widths(10, 44, 14, 14, 18);
  blocks.push(
    table(
      [
        { header: texts.t('consortium.columns.rank'), width: rank!, align: 'center' },
        { header: texts.t('consortium.columns.dimension'), width: dimension! },
        { header: texts.t('consortium.columns.mean'), width: mean!, align: 'right' },
        { header: texts.t('consortium.columns.min'), width: min!, align: 'right' },
        { header: texts.t('consortium.columns.count'), width: count!, align: 'right' },
      ],
      model.dimensions.map((row): CellContent[] => {
        const weakest = row.rank <= 3 && row.mean !== null;
        const style = weakest ? { bold: true, color: colours.warning } : {};
        return [
          { text: String(row.rank), align: 'center', ...style },
          { text: `${row.id} — ${row.title}`, ...style },
          { text: texts.percent(roundScore(row.mean)), align: 'right', ...style },
          { text: texts.percent(roundScore(row.min)), align: 'right' },
          { text: String(row.count), align: 'right' },
        ];
      }),
    ),
  );
  blocks.push(note(texts.t('consortium.dimensionsNote')));
  return blocks;
}

// ------------------------------------------------------------------ expiry

function expirySection(model: ConsortiumModel, texts: ReportTexts): Block[] {
  const due = [...model.cells, ...model.selfAssessments]
    .filter((cell) => cell.status === 'complete' && cell.validity !== 'valid')
    .sort((a, b) => (a.validUntil < b.validUntil ? -1 : a.validUntil > b.validUntil ? 1 : nameOf(model, a.assessor).localeCompare(nameOf(model, b.assessor), 'en')));
  const blocks: Block[] = [
    heading(1, texts.t('consortium.summary.expiryHeading'), { pageBreakBefore: true }),
    paragraph(texts.t('consortium.summary.expiryIntro', { days: model.expiringWithinDays, today: texts.date(model.today) })),
  ];
  if (!due.length) return [...blocks, paragraph(texts.t('consortium.summary.noExpiry', { days: model.expiringWithinDays }))];
  const [assessor, subject, band, date, until, validity] = widths(24, 24, 16, 12, 12, 12);
  blocks.push(
    table(
      [
        { header: texts.t('consortium.columns.assessor'), width: assessor! },
        { header: texts.t('consortium.columns.subject'), width: subject! },
        { header: texts.t('consortium.columns.band'), width: band! },
        { header: texts.t('consortium.columns.date'), width: date! },
        { header: texts.t('consortium.columns.validUntil'), width: until! },
        { header: texts.t('consortium.columns.validity'), width: validity! },
      ],
      due.map((cell): CellContent[] => {
        const self = cell.assessor === cell.subject;
        const expired = cell.validity === 'expired';
        return [
          nameOf(model, cell.assessor),
          self ? texts.t('consortium.kinds.selfOf', { institution: nameOf(model, cell.subject) }) : nameOf(model, cell.subject),
          { text: `${texts.t(`bands.${cell.band}`)}\n${texts.percent(roundScore(cell.overall))}`, color: colours.band[cell.band] },
          cell.date,
          { text: cell.validUntil, bold: true },
          { text: texts.t(`consortium.validity.${cell.validity}`), bold: true, color: expired ? colours.warning : colours.band.conditional, ...(expired ? { fill: expiredFill } : {}) },
        ];
      }),
    ),
  );
  const renewals = model.cells.filter((cell) => cell.renewalInProgress);
  if (renewals.length) blocks.push(note(texts.t('consortium.summary.renewalsNote', { count: renewals.length })));
  return blocks;
}

// ------------------------------------------------------------------ directions missing

function missingSection(model: ConsortiumModel, texts: ReportTexts): Block[] {
  const blocks: Block[] = [
    heading(1, texts.t('consortium.summary.missingHeading'), { pageBreakBefore: true }),
    paragraph(texts.t('consortium.summary.missingIntro', { missing: model.totals.directionsMissing, possible: model.totals.institutions * (model.totals.institutions - 1) })),
  ];
  const audited = new Set(model.cells.map((cell) => `${cell.assessor}\u0000${cell.subject}`));
  const [institution, received, given, notBy] = widths(30, 11, 11, 48);
  blocks.push(
    table(
      [
        { header: texts.t('consortium.columns.institution'), width: institution! },
        { header: texts.t('consortium.columns.auditsReceived'), width: received!, align: 'right' },
        { header: texts.t('consortium.columns.auditsGiven'), width: given!, align: 'right' },
        { header: texts.t('consortium.columns.notAuditedBy'), width: notBy! },
      ],
      model.institutions.map((member): CellContent[] => {
        const missingFrom = model.institutions.filter((other) => other.key !== member.key && !audited.has(`${other.key}\u0000${member.key}`));
        const receivedCount = model.cells.filter((cell) => cell.subject === member.key).length;
        return [
          shortNames(model) ? `${member.legalName} (${member.abbreviation})` : member.legalName,
          { text: String(receivedCount), align: 'right', ...(receivedCount === 0 ? { bold: true, color: colours.warning } : {}) },
          { text: String(model.cells.filter((cell) => cell.assessor === member.key).length), align: 'right' },
          missingFrom.length ? missingFrom.map((other) => label(model, other.key)).join(', ') : texts.t('common.none'),
        ];
      }),
    ),
  );
  if (shortNames(model)) blocks.push(note(texts.t('consortium.summary.shortNamesNote')));
  return blocks;
}

// ------------------------------------------------------------------ the matrix (landscape)

const matrixCellMargins = { top: 20, bottom: 20, left: 25, right: 25 };
const thin = { style: BorderStyle.SINGLE, size: 4, color: colours.rule };

function matrixCell(text: Paragraph[], width: number, fill?: string, options: { header?: boolean; selfBorder?: boolean } = {}): TableCell {
  const strong = { style: BorderStyle.SINGLE, size: 12, color: colours.heading };
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: matrixCellMargins,
    verticalAlign: options.header ? VerticalAlignTable.BOTTOM : VerticalAlignTable.CENTER,
    ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
    ...(options.selfBorder ? { borders: { top: strong, bottom: strong, left: strong, right: strong } } : {}),
    children: text,
  });
}

function small(text: string, options: { bold?: boolean; italics?: boolean; color?: string; size?: number; align?: 'left' | 'center' } = {}): Paragraph {
  return new Paragraph({
    style: 'TableText',
    // A fixed line height a little above the font size, so thirty rows fit one landscape page.
    spacing: { before: 0, after: 0, line: Math.round((options.size ?? 14) * 11), lineRule: LineRuleType.EXACT },
    alignment: options.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
    children: [new TextRun({ text: cleanText(text), size: options.size ?? 14, ...(options.bold ? { bold: true } : {}), ...(options.italics ? { italics: true } : {}), ...(options.color ? { color: options.color } : {}) })],
  });
}

/** Marks after a score in the compact matrix: validity ends soon; only an unfinished audit. */
const expiringSign = '!';
const inProgressSign = '…';

function scoreText(texts: ReportTexts, overall: number | null, compact: boolean): string {
  const display = roundScore(overall);
  if (display === null) return '—';
  return compact ? String(Math.round(display)) : texts.percent(display);
}

function matrixSection(model: ConsortiumModel, texts: ReportTexts): Block[] {
  const members = model.institutions;
  const compact = shortNames(model);
  const blocks: Block[] = [heading(1, texts.t('consortium.summary.matrixHeading')), paragraph(`${texts.t('consortium.legend.rows')} ${texts.t('consortium.summary.matrixIntro')}`)];
  if (!members.length) return blocks;
  const labelWidth = compact ? 1000 : 2600;
  const cellWidth = Math.floor((landscapeTextWidth - labelWidth) / members.length);
  const size = compact ? (members.length > 20 ? 14 : 16) : 16; // half-points
  const cells = new Map<string, SelfCell & Partial<Pick<TrustCell, 'decision'>>>();
  for (const cell of [...model.cells, ...model.selfAssessments]) cells.set(`${cell.assessor}\u0000${cell.subject}`, cell);

  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      matrixCell([small(texts.t('consortium.matrix.cornerShort'), { bold: true, color: colours.heading, size, align: 'left' })], labelWidth, colours.headerFill, { header: true }),
      ...members.map((member) => matrixCell([small(compact ? member.abbreviation : member.legalName, { bold: true, color: colours.heading, size: compact ? size - 2 : size })], cellWidth, colours.headerFill, { header: true })),
    ],
  });
  const rows = members.map(
    (assessor) =>
      new TableRow({
        cantSplit: true,
        children: [
          matrixCell([small(compact ? assessor.abbreviation : assessor.legalName, { bold: true, size, align: 'left' })], labelWidth, colours.headerFill),
          ...members.map((subject) => {
            const self = assessor.key === subject.key;
            const cell = cells.get(`${assessor.key}\u0000${subject.key}`);
            if (!cell) return matrixCell([small(self ? '·' : '', { size, color: colours.muted })], cellWidth, self ? 'F0F2F4' : undefined, { selfBorder: self });
            const expired = cell.status === 'complete' && cell.validity === 'expired';
            const open = cell.status !== 'complete';
            const colour = expired ? colours.muted : colours.band[cell.band];
            // Expired cells are grey, which says it. A mark only where the colour cannot: with short
            // names a sign after the score keeps every row one line high, so thirty rows fit a page.
            const expiring = !expired && !open && cell.validity === 'expiring';
            const score = scoreText(texts, cell.overall, compact);
            const paragraphs = compact
              ? [small(`${score}${open ? inProgressSign : expiring ? expiringSign : ''}`, { bold: true, color: colour, italics: open, size })]
              : [
                  small(score, { bold: true, color: colour, italics: open, size }),
                  ...(open || expiring ? [small(texts.t(open ? 'consortium.matrix.inProgressShort' : 'consortium.matrix.expiringShort'), { color: colour, italics: open, size: size - 3 })] : []),
                ];
            return matrixCell(paragraphs, cellWidth, expired ? expiredFill : colours.bandFill[cell.band], { selfBorder: self });
          }),
        ],
      }),
  );
  blocks.push(
    new Table({
      columnWidths: [labelWidth, ...members.map(() => cellWidth)],
      width: { size: labelWidth + cellWidth * members.length, type: WidthType.DXA },
      layout: TableLayoutType.FIXED,
      borders: { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin },
      rows: [header, ...rows],
    }),
  );
  blocks.push(matrixLegend(texts, model));
  if (compact) blocks.push(...abbreviationLegend(texts, members));
  return blocks;
}

/** The colours and marks of the matrix, as a one-row table of samples. */
function matrixLegend(texts: ReportTexts, model: ConsortiumModel): Paragraph {
  const sample = (text: string, fill: string, colour: string) => [new TextRun({ text: ` ${cleanText(text)} `, bold: true, color: colour, size: 16, shading: { type: ShadingType.CLEAR, color: 'auto', fill } }), new TextRun({ text: '   ', size: 16 })];
  const band = (value: ReadinessBand) => sample(texts.t(`bands.${value}`), colours.bandFill[value], colours.band[value]);
  return new Paragraph({
    spacing: { before: 160, after: 60 },
    children: [
      ...band('ready'),
      ...band('conditional'),
      ...band('not-ready'),
      ...sample(texts.t('consortium.validity.expired'), expiredFill, colours.muted),
      run(`${shortNames(model) ? `00${expiringSign}` : texts.t('consortium.matrix.expiringShort')} = ${texts.t('consortium.legend.expiringShort', { days: model.expiringWithinDays })}   `, { size: 16 }),
      run(`${shortNames(model) ? `00${inProgressSign}` : texts.t('consortium.matrix.inProgressShort')} = ${texts.t('consortium.status.in-progress')}`, { size: 16, italics: true }),
    ],
  });
}

function abbreviationLegend(texts: ReportTexts, members: readonly ConsortiumMember[]): Block[] {
  const perColumn = Math.ceil(members.length / 3);
  const pairWidth = Math.floor(landscapeTextWidth / 3);
  const abbreviationWidth = 1000;
  const rows: CellContent[][] = [];
  for (let r = 0; r < perColumn; r += 1) {
    const row: CellContent[] = [];
    for (let c = 0; c < 3; c += 1) {
      const member = members[c * perColumn + r];
      row.push(member ? { text: member.abbreviation, bold: true } : '', member ? `${member.legalName} (${member.country})` : '');
    }
    rows.push(row);
  }
  return [
    heading(2, texts.t('consortium.summary.legendHeading')),
    table(
      [0, 1, 2].flatMap(() => [
        { header: texts.t('consortium.columns.abbreviation'), width: abbreviationWidth },
        { header: texts.t('consortium.columns.institution'), width: pairWidth - abbreviationWidth },
      ]),
      rows,
      { zebra: false },
    ),
  ];
}

// ------------------------------------------------------------------ files refused

function filesSection(files: ConsortiumFiles, texts: ReportTexts): Block[] {
  const blocks: Block[] = [heading(1, texts.t('consortium.summary.refusedHeading'))];
  if (!files.refused.length) blocks.push(paragraph(texts.t('consortium.summary.noneRefused')));
  else {
    blocks.push(paragraph(texts.t('consortium.summary.refusedIntro')));
    const [file, reason] = widths(36, 64);
    blocks.push(
      table(
        [
          { header: texts.t('consortium.columns.file'), width: file! },
          { header: texts.t('consortium.columns.reason'), width: reason! },
        ],
        files.refused.map((refused): CellContent[] => [
          refused.fileName,
          {
            paragraphs: [
              new Paragraph({ style: 'TableText', children: [run(texts.t(`consortium.refusal.${refusalKind(refused.code)}`), { bold: true, color: colours.warning })] }),
              new Paragraph({ style: 'TableText', children: [run(refused.reason, { size: 16, color: colours.muted })] }),
            ],
          },
        ]),
      ),
    );
  }
  if (files.conflicts.length) {
    blocks.push(heading(2, texts.t('consortium.summary.conflictsHeading')));
    for (const conflict of files.conflicts) {
      const others = conflict.files.filter((name) => name !== conflict.kept);
      blocks.push(bullet([run(texts.t(`consortium.conflictBasis.${conflict.basis}`, { file: conflict.kept })), run(` ${texts.t('consortium.summary.notCountedFiles', { files: others.join(', ') })}`, { color: colours.muted })]));
    }
  }
  if (files.notCounted.length) {
    blocks.push(heading(2, texts.t('consortium.summary.notCountedHeading')));
    for (const item of files.notCounted) {
      blocks.push(bullet([run(`${item.fileName}: `, { bold: true }), run(texts.t(`consortium.notCounted.${item.reason}`, { title: item.title, assessor: item.assessor, subject: item.subject }))]));
    }
  }
  return blocks;
}

// ------------------------------------------------------------------ about

function aboutSection(model: ConsortiumModel, texts: ReportTexts, meta: ReportMeta): Block[] {
  return [
    heading(1, texts.t('consortium.summary.aboutHeading'), { pageBreakBefore: true }),
    bullet(texts.t('consortium.about.newest')),
    bullet(texts.t('consortium.about.validity', { days: model.expiringWithinDays })),
    bullet(texts.t('consortium.about.dimensions')),
    bullet(texts.t('consortium.about.signedBy')),
    bullet(texts.t('consortium.about.keys')),
    bullet(texts.t('consortium.about.copies')),
    paragraph(texts.t('about.disclaimer')),
    paragraph(texts.t('about.signatureNote')),
    note(texts.t('consortium.about.madeWith', { version: meta.appVersion ?? '—' })),
  ];
}
