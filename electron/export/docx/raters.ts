/**
 * The "Raters" section of the assessment report (team assessment): how well the colleagues agreed
 * (Krippendorff's alpha, ordinal, overall and per dimension, each with the ratings it rests on and
 * its reading), then every criterion rated by colleagues with each rating, the spread, the flag for
 * discussion and the coordinator's decision with its reason. Only for assessments with team data;
 * the workbook's "Raters" sheet (xlsx/raters-sheet.ts) holds the same figures.
 */
import type { Paragraph, Table } from 'docx';
import type { ReportTexts } from '../../../shared/report/texts';
import type { RatingValue } from '../../../shared/team/schema';
import type { AgreementFigure, TeamView } from '../../../shared/team/view';
import { heading, note, paragraph, table, widths } from './kit';

/** An alpha as a reader sees it: three decimals in the report's language, or a dash. */
export function alphaText(texts: ReportTexts, figure: AgreementFigure): string {
  return figure.alpha === null ? '—' : new Intl.NumberFormat(texts.locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(figure.alpha);
}

function valueText(texts: ReportTexts, value: RatingValue | null | undefined): string {
  return value === undefined || value === null ? '—' : value === 'na' ? texts.t('raters.na') : String(value);
}

export function ratersBlocks(team: TeamView, texts: ReportTexts): Array<Paragraph | Table> {
  const rated = team.criteria.filter((criterion) => criterion.ratings.length > 0 || criterion.consolidation);
  const double = rated.filter((criterion) => criterion.ratings.length >= 2).length;
  const blocks: Array<Paragraph | Table> = [
    heading(1, texts.t('raters.title'), { pageBreakBefore: true }),
    paragraph(texts.t('raters.intro', { raters: team.raters, criteria: rated.length, double, flagged: team.counts.flagged })),
    heading(2, texts.t('raters.agreement')),
  ];
  const [scope, alpha, pairable, reading] = widths(16, 14, 14, 56);
  const agreementRow = (label: string, figure: AgreementFigure) => [label, alphaText(texts, figure), String(figure.pairable), texts.t(`raters.readings.${figure.reading}`)];
  blocks.push(
    table(
      [
        { header: texts.t('raters.scope'), width: scope! },
        { header: 'α', width: alpha!, align: 'right' },
        { header: texts.t('raters.pairableShort'), width: pairable!, align: 'right' },
        { header: texts.t('raters.reading'), width: reading! },
      ],
      [
        agreementRow(texts.t('raters.overall'), team.agreement.overall),
        ...team.dimensions.flatMap((dimension) => {
          const figure = team.agreement.byDimension[dimension.id];
          return figure ? [agreementRow(dimension.id, figure)] : [];
        }),
      ],
    ),
  );
  blocks.push(note(texts.t('raters.alphaNote')));
  blocks.push(heading(2, texts.t('raters.ratingsHeading')));
  const [id, criterion, ratings, spread, decision] = widths(10, 28, 24, 9, 29);
  blocks.push(
    table(
      [
        { header: texts.t('columns.id'), width: id! },
        { header: texts.t('columns.criterion'), width: criterion! },
        { header: texts.t('raters.ratingsColumn'), width: ratings! },
        { header: texts.t('raters.spread'), width: spread!, align: 'center' },
        { header: texts.t('raters.consolidated'), width: decision! },
      ],
      rated.map((row) => [
        row.criterionId,
        row.title,
        row.ratings.map((rating) => `${rating.name}: ${valueText(texts, rating.value)}`).join('\n') || '—',
        row.flagged ? { text: `${row.spread ?? '—'} !`, bold: true } : String(row.spread ?? '—'),
        row.consolidation
          ? [valueText(texts, row.consolidation.value), row.consolidation.reason, `${texts.t('raters.decidedBy')}: ${row.consolidation.decidedBy}`].filter(Boolean).join('\n')
          : texts.t('raters.notDecided'),
      ]),
    ),
  );
  if (team.counts.flagged > 0) blocks.push(note(texts.t('raters.flaggedNote')));
  return blocks;
}
