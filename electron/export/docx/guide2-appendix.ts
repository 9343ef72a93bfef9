/**
 * The parts guide 2.0 adds to the Word reports: the cooperation profile with the use of "not
 * applicable", and the coverage appendix (source elements by group, their citations with CELEX and
 * ELI, "not verified" marked, and the criteria covering each with the levels recorded). Reports of
 * a 1.0 assessment have no such part and get nothing from here.
 */
import type { Paragraph, Table } from 'docx';
import type { CoverageRow } from '../../../shared/framework/guide2';
import { translate } from '../../../shared/i18n';
import type { Guide2ReportPart } from '../../../shared/report/guide2-part';
import type { ReportTexts } from '../../../shared/report/texts';
import { bullet, colours, heading, note, paragraph, table, widths, type CellContent } from './kit';

type Block = Paragraph | Table;

export function profileAndNotApplicableBlocks(part: Guide2ReportPart | undefined, texts: ReportTexts): Block[] {
  if (!part) return [];
  const blocks: Block[] = [heading(1, texts.t('guide2.profileHeading'))];
  if (part.profile) {
    blocks.push(paragraph(texts.t('guide2.profile', { title: part.profile.title, summary: part.profile.summary })));
    if (part.profile.excluded.length) blocks.push(paragraph(texts.t('guide2.profileExcluded', { ids: part.profile.excluded.join(', ') })));
  } else blocks.push(paragraph(texts.t('guide2.noProfile')));
  if (part.assessmentTitle !== null) {
    if (part.notApplicable.length === 0) blocks.push(paragraph(texts.t('guide2.naNone')));
    else {
      blocks.push(paragraph(texts.t('guide2.naIntro', { title: part.assessmentTitle })));
      for (const item of part.notApplicable) blocks.push(bullet(`${item.criterionId} ${item.title}: ${item.reason || texts.t('guide2.naNoReason')}`));
    }
  }
  return blocks;
}

export function coverageAppendixBlocks(part: Guide2ReportPart | undefined, texts: ReportTexts): Block[] {
  if (!part || part.coverage.length === 0) return [];
  const blocks: Block[] = [heading(1, texts.t('guide2.coverageHeading'), { pageBreakBefore: true }), paragraph(texts.t('guide2.coverageIntro'))];
  if (part.assessmentTitle !== null) blocks.push(note(texts.t('guide2.coverageAssessment', { title: part.assessmentTitle })));
  const [element, citation, covered] = widths(26, 34, 40);
  for (const group of part.coverage) {
    blocks.push(heading(2, texts.t(`guide2.group_${group.id}`)));
    blocks.push(paragraph(texts.t('guide2.covered', { covered: group.covered, total: group.total })));
    blocks.push(
      table(
        [
          { header: texts.t('guide2.element'), width: element! },
          { header: texts.t('guide2.citation'), width: citation! },
          { header: texts.t('guide2.coveredBy'), width: covered! },
        ],
        group.rows.map((row): CellContent[] => [row.element.title, citationText(row, texts), coveredText(row, part.assessmentTitle !== null, texts)]),
      ),
    );
  }
  return blocks;
}

function citationText(row: CoverageRow, texts: ReportTexts): CellContent {
  const { instrument, locator, celex, eli } = row.element.citation;
  const text = [`${translate(texts.language, `instruments.${instrument}`)}, ${locator}`, celex && `CELEX ${celex}`, eli && `ELI ${eli}`, !row.element.verified && `(${texts.t('guide2.notVerified')})`]
    .filter(Boolean)
    .join(' · ');
  return row.element.verified ? text : { text, color: colours.warning };
}

function coveredText(row: CoverageRow, withLevels: boolean, texts: ReportTexts): string {
  if (row.criteria.length === 0) return texts.t('guide2.notCovered');
  return row.criteria
    .map((criterion) => {
      if (criterion.excluded) return `${criterion.criterionId} (${texts.t('guide2.excluded')})`;
      if (!withLevels) return criterion.criterionId;
      const said = criterion.notApplicable ? texts.t('guide2.notApplicable') : criterion.level === null ? texts.t('guide2.notAnswered') : String(criterion.level);
      return `${criterion.criterionId} (${said})`;
    })
    .join(', ');
}
