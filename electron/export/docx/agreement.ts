/**
 * The partnership agreement as a Word document: a title page that identifies the exact text (the
 * content hash and its verification code, which the footer repeats on every page), the numbered
 * clauses with the conditions of the decision as a table, Annex 1 with the quality commitments as
 * the guide words them, and the signature page — for each party the digital seals recorded, each
 * saying plainly whether it covers this text, and lines for the handwritten signatures that give the
 * agreement its legal effect.
 *
 * Clause texts are the agreement's content, in the agreement's language; headings and labels come
 * from `templates/agreements/<language>.json` (`document`), in the language asked for.
 */
import {
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import { agreementContentHash, contentVerificationCode } from '../../../shared/agreement/hash';
import type { Agreement, AgreementParty, AgreementSide, AgreementSignature } from '../../../shared/agreement/schema';
import type { AgreementTexts } from '../../../shared/agreement/texts';
import { fingerprintForDisplay, verificationCode } from '../../../shared/exchange/fingerprint';
import { criteriaOf, type Criterion, type Framework } from '../../../shared/framework/schema';
import { cleanText } from '../../../shared/report/clean-text';
import { fillPlaceholders, type ReportTexts } from '../../../shared/report/texts';
import { colours, documentStyles, factTable, heading, note, paragraph, run, sections, table, textWidth, titlePage, widths, type CellContent } from './kit';

type Block = Paragraph | Table;
const sides: readonly AgreementSide[] = ['A', 'B'];
const mono = 'Consolas';

interface AgreementDocxInput {
  agreement: Agreement;
  /** Headings and labels, in the document's language. */
  texts: AgreementTexts;
  /** The report texts of the same language: "page X of Y" and dates. */
  reportTexts: ReportTexts;
  /** The guide the agreement refers to, for the annex's titles and level descriptions. */
  framework?: Framework;
  /** The document's date. */
  now: Date;
}

export async function agreementDocx(input: AgreementDocxInput): Promise<Buffer> {
  const { agreement, texts } = input;
  const { content } = agreement;
  const label = (key: keyof AgreementTexts['document'], params?: Record<string, string | number>) => fillPlaceholders(texts.document[key], params);
  const hash = agreementContentHash(content);
  const code = contentVerificationCode(hash);
  const pair = label('pair', { partyA: content.parties.A.legalName, partyB: content.parties.B.legalName });
  const context: Context = { ...input, label, hash, code, criteria: new Map(input.framework ? criteriaOf(input.framework).map((criterion) => [criterion.id, criterion]) : []) };

  const document = new Document({
    creator: 'TrustBridge',
    title: cleanText(`${content.title} — ${pair}`),
    description: label('description'),
    styles: documentStyles(texts.locale),
    sections: sections(
      { texts: input.reportTexts, institution: pair, title: content.title, footerNote: label('footer', { code }) },
      titlePage({
        kicker: label('kicker'),
        title: content.title,
        subtitle: label('between', { partyA: content.parties.A.legalName, partyB: content.parties.B.legalName }),
        facts: titleFacts(context),
        notice: label('notice'),
      }),
      [...clauseSection(context), ...annex(context), ...signaturePage(context)],
    ),
  });
  return Packer.toBuffer(document);
}

interface Context extends AgreementDocxInput {
  label: (key: keyof AgreementTexts['document'], params?: Record<string, string | number>) => string;
  hash: string;
  code: string;
  criteria: Map<string, Criterion>;
}

// ------------------------------------------------------------------ title page

function titleFacts(context: Context): Array<readonly [string, CellContent]> {
  const { agreement, label, reportTexts, hash, code } = context;
  const { content } = agreement;
  const covering = agreement.signatures.filter((signature) => signature.contentHash === hash).length;
  const stale = agreement.signatures.length - covering;
  const seals: CellContent = agreement.signatures.length
    ? {
        paragraphs: [
          paragraph(label('sealsSummary', { covering, count: agreement.signatures.length }), { style: 'TableText' }),
          ...(stale ? [paragraph([run(label('sealsStale', { stale }), { bold: true, color: colours.warning })], { style: 'TableText' })] : []),
        ],
      }
    : label('sealsNone');
  return [
    [label('partyLabelA'), partyCell(content.parties.A)],
    [label('partyLabelB'), partyCell(content.parties.B)],
    [label('framework'), label('frameworkValue', { framework: frameworkName(context), version: content.framework.version })],
    [
      label('decision'),
      { paragraphs: [paragraph([run(label('decisionValue', { outcome: reportTexts.t(`bands.${content.decision.outcome}`), date: reportTexts.date(content.decision.decidedAt) }), { bold: true, color: colours.band[content.decision.outcome] })], { style: 'TableText' })] },
    ],
    [label('textDate'), reportTexts.date(agreement.updatedAt)],
    [label('exportedOn'), reportTexts.date(context.now.toISOString())],
    [label('contentCode'), { paragraphs: [paragraph([run(code, { bold: true, size: 26, font: mono, color: colours.heading })], { style: 'TableText' })] }],
    [label('contentHash'), { paragraphs: [paragraph([monoRun(groups(hash))], { style: 'TableText' })] }],
    [label('seals'), seals],
  ];
}

function partyCell(party: AgreementParty): CellContent {
  const details = [[party.city, party.country].filter((part) => part.trim()).join(', '), party.erasmusCode.trim() && `Erasmus ${party.erasmusCode}`, party.schacCode.trim() && `SCHAC ${party.schacCode}`]
    .filter(Boolean)
    .join(' · ');
  return {
    paragraphs: [
      paragraph([run(party.legalName, { bold: true })], { style: 'TableText' }),
      ...(details ? [paragraph([run(details, { color: colours.muted, size: 16 })], { style: 'TableText' })] : []),
    ],
  };
}

function frameworkName(context: Context): string {
  const { framework, agreement } = context;
  return framework && framework.id === agreement.content.framework.id ? framework.title : agreement.content.framework.id;
}

// ------------------------------------------------------------------ clauses

/** Indents in DXA: a numbered paragraph hangs its number, a lettered item hangs its letter further in. */
const indent = { number: 720, letter: 1300 };

function clauseSection(context: Context): Block[] {
  const { agreement, label } = context;
  const { content } = agreement;
  const blocks: Block[] = [heading(1, label('clausesHeading'), { pageBreakBefore: true })];
  let conditionsPlaced = false;
  content.clauses.forEach((clause, index) => {
    const number = index + 1;
    blocks.push(heading(2, `${number}.\u2002${clause.heading}`));
    blocks.push(...clauseParagraphs(clause.text, number));
    if (clause.id === 'conditions' && content.conditions.length) {
      blocks.push(conditionsTable(context));
      conditionsPlaced = true;
    }
  });
  // A lawyer may remove the conditions clause; the conditions are part of the content all the same.
  if (!conditionsPlaced && content.conditions.length) {
    const fallback = context.texts.clauses.find((clause) => clause.id === 'conditions')?.heading ?? label('conditionsCondition');
    blocks.push(heading(2, fallback), conditionsTable(context));
  }
  return blocks;
}

/**
 * A clause's lines as paragraphs: "N.k" numbers for its paragraphs (none when there is only one),
 * and lines beginning with "- " as lettered items (a), (b)… of the paragraph before them. Left
 * aligned, not justified: long codes and names (an Erasmus code, a SCHAC domain) would otherwise
 * stretch a line into wide gaps where the program does not hyphenate.
 */
function clauseParagraphs(text: string, clauseNumber: number): Paragraph[] {
  const lines = cleanText(text)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const numbered = lines.filter((line) => !line.startsWith('- ')).length > 1;
  // Lettered items hang inside the paragraph they belong to: under its text when it is numbered.
  const itemLeft = numbered ? indent.letter : indent.letter - indent.number;
  const paragraphs: Paragraph[] = [];
  let sub = 0;
  let letter = 0;
  for (const line of lines) {
    if (line.startsWith('- ')) {
      const mark = `(${String.fromCharCode(97 + (letter % 26))})`;
      letter += 1;
      paragraphs.push(
        new Paragraph({
          indent: { left: itemLeft, hanging: indent.letter - indent.number },
          tabStops: [{ type: TabStopType.LEFT, position: itemLeft }],
          spacing: { after: 60 },
          children: [run(mark), new TextRun('\t'), run(line.slice(2).trim())],
        }),
      );
      continue;
    }
    letter = 0;
    sub += 1;
    paragraphs.push(
      numbered
        ? new Paragraph({
            indent: { left: indent.number, hanging: indent.number },
            tabStops: [{ type: TabStopType.LEFT, position: indent.number }],
            spacing: { after: 100 },
            children: [run(`${clauseNumber}.${sub}`, { color: colours.muted }), new TextRun('\t'), run(line)],
          })
        : new Paragraph({ spacing: { after: 100 }, children: [run(line)] }),
    );
  }
  return paragraphs;
}

function conditionsTable(context: Context): Table {
  const { agreement, label, reportTexts, criteria } = context;
  const { content } = agreement;
  const [no, condition, party, criterion, due] = widths(6, 40, 22, 18, 14);
  return table(
    [
      { header: label('conditionsNumber'), width: no! },
      { header: label('conditionsCondition'), width: condition! },
      { header: label('conditionsParty'), width: party! },
      { header: label('conditionsCriterion'), width: criterion! },
      { header: label('conditionsDue'), width: due! },
    ],
    content.conditions.map((item, index) => {
      const title = item.criterionId ? criteria.get(item.criterionId)?.title : undefined;
      return [
        String(index + 1),
        item.text,
        {
          paragraphs: [
            paragraph([run(label(item.side === 'A' ? 'partyLabelA' : 'partyLabelB'), { bold: true })], { style: 'TableText' }),
            paragraph(content.parties[item.side].legalName, { style: 'TableText' }),
          ],
        },
        item.criterionId
          ? {
              paragraphs: [
                paragraph([run(item.criterionId, { bold: true })], { style: 'TableText' }),
                ...(title ? [paragraph([run(title, { color: colours.muted, size: 16 })], { style: 'TableText' })] : []),
              ],
            }
          : null,
        item.dueDate ? reportTexts.date(item.dueDate) : { text: label('conditionsNoDate'), color: colours.muted },
      ];
    }),
  );
}

// ------------------------------------------------------------------ annex

function annex(context: Context): Block[] {
  const { agreement, label, framework, criteria } = context;
  const { content } = agreement;
  const agreed = content.framework.version;
  const blocks: Block[] = [heading(1, label('annexHeading'), { pageBreakBefore: true })];
  if (!content.scope.qualityCommitments.length) return [...blocks, paragraph(label('annexNone'))];
  if (framework) {
    blocks.push(paragraph(label('annexIntro', { framework: framework.title, version: framework.version })));
    if (framework.id !== content.framework.id || framework.version !== agreed) blocks.push(note(label('annexOtherVersion', { version: framework.version, agreed })));
  } else {
    blocks.push(paragraph(label('annexNoFramework', { agreed })));
  }
  const [id, title, established] = widths(13, 32, 55);
  blocks.push(
    table(
      [
        { header: label('annexCriterion'), width: id! },
        { header: label('annexTitle'), width: title! },
        { header: label('annexEstablished'), width: established! },
      ],
      content.scope.qualityCommitments.map((criterionId) => {
        const criterion = criteria.get(criterionId);
        if (!criterion) return [{ text: criterionId, bold: true }, framework ? { text: label('annexUnknownCriterion'), color: colours.warning } : null, null];
        return [{ text: criterionId, bold: true }, criterion.title, criterion.levels[3]];
      }),
    ),
  );
  return blocks;
}

// ------------------------------------------------------------------ signatures

function signaturePage(context: Context): Block[] {
  const { agreement, label, code } = context;
  const { content } = agreement;
  // The statement ends by pointing at the signature lines, so they follow it; the record of the
  // digital seals comes after them.
  const blocks: Block[] = [
    heading(1, label('signaturesHeading'), { pageBreakBefore: true }),
    paragraph(withEmphasis(context.texts.document.signaturesIntro, 'code', code)),
    statementBox(label('sealStatementHeading'), label('sealStatement')),
    heading(2, label('handwrittenHeading')),
    paragraph(label('handwrittenIntro'), { keepNext: true }),
    handwrittenTable(context),
    heading(2, label('digitalSealsHeading')),
  ];
  for (const side of sides) {
    blocks.push(heading(3, label('forParty', { party: label(side === 'A' ? 'partyLabelA' : 'partyLabelB'), institution: content.parties[side].legalName })));
    const signatures = agreement.signatures.filter((signature) => signature.side === side);
    if (!signatures.length) blocks.push(note(label('noSeal')));
    for (const signature of signatures) blocks.push(sealTable(context, signature), new Paragraph({ spacing: { after: 120 }, children: [] }));
  }
  return blocks;
}

function statementBox(title: string, text: string): Table {
  return table([{ header: '', width: textWidth }], [[{ paragraphs: [paragraph([run(title, { bold: true, color: colours.heading })], { style: 'TableText' }), paragraph(text, { style: 'TableText' })], fill: 'F1F5F9' }]], {
    header: false,
    zebra: false,
  });
}

function sealTable(context: Context, signature: AgreementSignature): Table {
  const { label, hash, reportTexts } = context;
  const covers = signature.contentHash === hash;
  const signer = [signature.signer.name, signature.signer.role].filter((part) => part.trim()).join(', ');
  const status: CellContent = covers
    ? { paragraphs: [paragraph([run(label('sealCovers'), { bold: true, color: colours.band.ready })], { style: 'TableText' })], fill: colours.bandFill.ready }
    : { paragraphs: [paragraph([run(label('sealNotCovers'), { bold: true, color: colours.warning })], { style: 'TableText' })], fill: colours.bandFill['not-ready'] };
  return factTable(
    [
      [label('sealSigner'), { paragraphs: [paragraph([run(signer, { bold: true }), run(` (${signature.signer.institution})`, { color: colours.muted })], { style: 'TableText' })] }],
      [label('sealDate'), dateTime(signature.signedAt, reportTexts.locale)],
      [label('sealKey'), { paragraphs: [paragraph([monoRun(fingerprintForDisplay(signature.keyFingerprint))], { style: 'TableText' })] }],
      [label('sealKeyCode'), { paragraphs: [paragraph([monoRun(verificationCode(signature.keyFingerprint), true)], { style: 'TableText' })] }],
      [label('sealContent'), { paragraphs: [paragraph([monoRun(contentVerificationCode(signature.contentHash), true)], { style: 'TableText' })] }],
      [label('sealStatus'), status],
    ],
    3400,
  );
}

/** Side by side, one column per party: lines to sign on, with the signatory's name and role printed. */
function handwrittenTable(context: Context): Table {
  const { agreement, label } = context;
  const gap = 500;
  const column = Math.floor((textWidth - gap) / 2);
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const line = (value: string, caption: string, before: number) => [
    new Paragraph({
      spacing: { before, after: 0 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: colours.text, space: 2 } },
      children: [run(value || '\u00A0')],
    }),
    new Paragraph({ spacing: { before: 20, after: 0 }, children: [run(caption, { size: 15, color: colours.muted })] }),
  ];
  const block = (side: AgreementSide) => {
    const party = agreement.content.parties[side];
    return new TableCell({
      width: { size: column, type: WidthType.DXA },
      margins: { top: 60, bottom: 60, left: 0, right: 0 },
      children: [
        new Paragraph({ keepNext: true, children: [run(label('handwrittenFor', { institution: party.legalName }), { bold: true })] }),
        new Paragraph({ keepNext: true, children: [run(label(side === 'A' ? 'partyLabelA' : 'partyLabelB'), { size: 16, color: colours.muted })] }),
        ...line('', label('handwrittenPlaceDate'), 560),
        ...line('', label('handwrittenSignature'), 1300),
        ...line(party.signatory.name, label('handwrittenName'), 360),
        ...line(party.signatory.role, label('handwrittenRole'), 240),
      ],
    });
  };
  const spacer = new TableCell({ width: { size: gap, type: WidthType.DXA }, children: [new Paragraph({ children: [run('\u00A0')] })] });
  return new Table({
    columnWidths: [column, gap, column],
    width: { size: column * 2 + gap, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [new TableRow({ cantSplit: true, children: [block('A'), spacer, block('B')] })],
  });
}

// ------------------------------------------------------------------ small pieces

/** A template's text with one placeholder's value set in bold monospace (a code to read out). */
function withEmphasis(template: string, name: string, value: string): TextRun[] {
  const [before = '', ...rest] = template.split(`{{${name}}}`);
  // Non-breaking spaces: a code read aloud in groups must not be split over two lines.
  return [run(before), run(value.replace(/ /g, '\u00A0'), { bold: true, font: mono }), run(rest.join(value))];
}

function groups(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

function monoRun(text: string, emphasis = false): TextRun {
  return new TextRun({ text, font: mono, size: emphasis ? 19 : 16, ...(emphasis ? { bold: true } : { color: colours.muted }) });
}

function dateTime(iso: string, locale: string): string {
  const parsed = new Date(iso);
  if (Number.isNaN(parsed.getTime())) return iso;
  return `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(parsed)} UTC`;
}
