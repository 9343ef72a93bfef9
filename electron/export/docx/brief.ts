/**
 * The brief for top management: at most four pages — the decision first, the table of both
 * sides, the chart, the blockers, the conditions and the next review date. The full readiness
 * report stays available for everything else.
 */
import { Document, Packer, type Paragraph, type Table, type TableOfContents } from 'docx';
import type { PartnershipReport } from '../../../shared/report/model';
import type { ReportTexts } from '../../../shared/report/texts';
import type { RenderedChart } from '../charts';
import type { ReportMeta } from './common';
import type { TeamView } from '../../../shared/team/view';
import { alphaText } from './raters';
import { documentStyles, heading, note, paragraph, sections } from './kit';
import { compactTitle, executiveSummary } from './readiness-report';

interface BriefMeta extends ReportMeta {
  /** The last day the assessments the decision rests on are valid (YYYY-MM-DD), or null. */
  nextReview: string | null;
  /** The assessments of the decision that colleagues rated as a team, each with its team view. */
  teams?: Array<{ assessment: string; team: TeamView }>;
}

export async function briefDocx(report: PartnershipReport, texts: ReportTexts, chart: RenderedChart, meta: BriefMeta): Promise<Buffer> {
  const pair = texts.t('readiness.pair', { a: report.institutions.A.legalName, b: report.institutions.B.legalName });
  const title = texts.t('brief.title');
  const body: Array<Paragraph | Table | TableOfContents> = [
    ...compactTitle(`${report.title} · ${texts.date(report.generatedOn)}`, title, pair),
    ...executiveSummary(report, texts, chart),
    heading(2, texts.t('brief.nextReviewHeading')),
    paragraph(meta.nextReview ? texts.t('brief.nextReview', { date: texts.date(meta.nextReview) }) : texts.t('brief.noReview')),
    ...(meta.teams?.length
      ? [
          heading(2, texts.t('raters.briefHeading')),
          ...meta.teams.map(({ assessment, team }) =>
            paragraph(
              texts.t('raters.briefLine', {
                assessment,
                raters: team.raters,
                alpha: alphaText(texts, team.agreement.overall),
                pairable: team.agreement.overall.pairable,
                reading: texts.t(`raters.readings.${team.agreement.overall.reading}`),
              }),
            ),
          ),
        ]
      : []),
    note(texts.t('brief.fullReport')),
  ];
  const document = new Document({
    creator: meta.preparedBy ?? 'TrustBridge',
    title: `${title} — ${pair}`,
    description: texts.t('brief.description'),
    styles: documentStyles(texts.locale),
    sections: sections({ texts, institution: pair, title, footerNote: `${report.framework.title} ${report.framework.version}` }, [], body),
  });
  return Packer.toBuffer(document);
}
