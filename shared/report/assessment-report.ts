/**
 * The model of a self-assessment report or an audit report: one assessment, scored against the
 * framework it pinned (shown in the report's language), and — for an audit — beside the partner's
 * own self-assessment it reviews.
 */
import type { Assessment } from '../assessment/schema';
import { frameworkFingerprint } from '../framework/fingerprint';
import type { Framework } from '../framework/schema';
import { guide2Part } from './guide2-part';
import { compareSelfAndPeer, scoreAssessment, structureForKnownProfile } from '../scoring';
import type { AssessmentReport, DimensionChartData, InstitutionLine } from './model';
import {
  assessmentLine,
  comparisonSummary,
  criterionRows,
  defaultRankingSize,
  FrameworkIndex,
  frameworkLine,
  institutionLine,
  scoreSummary,
} from './parts';

export interface AssessmentReportInput {
  /** The framework the assessment pinned, in the report's language where a translation exists. */
  framework: Framework;
  assessment: Assessment;
  /** Audit only: the partner's self-assessment this audit reviews, to show them side by side. */
  reviewed?: Assessment;
  /** Richer descriptions of the institutions than the assessment's references, where known. */
  subject?: InstitutionLine;
  assessor?: InstitutionLine;
  /** The report's date, `YYYY-MM-DD` (passed in: the model never reads a clock). */
  today: string;
  rankingSize?: number;
}

/**
 * The fingerprint a report prints: the one the assessment pinned when the framework is the same
 * version (possibly shown in a translation, which has its own fingerprint but the same structure),
 * else the framework's own.
 */
export function pinnedFingerprint(framework: Framework, assessment: Pick<Assessment, 'framework'> | undefined): string {
  if (assessment && assessment.framework.id === framework.id && assessment.framework.version === framework.version) {
    return assessment.framework.fingerprint;
  }
  return frameworkFingerprint(framework);
}

export function assessmentReport(input: AssessmentReportInput): AssessmentReport {
  const { assessment, reviewed } = input;
  // Under a cooperation profile the excluded criteria are not part of the assessment (1.0: no
  // profile; a profile the framework lacks, only in a file edited by hand, leaves it whole).
  const framework = structureForKnownProfile(input.framework, assessment.profileId);
  const guide2 = guide2Part(input.framework, { profileId: assessment.profileId, assessment });
  const index = new FrameworkIndex(framework);
  const score = scoreAssessment(framework, assessment.answers);
  const summary = scoreSummary(index, score, input.rankingSize ?? defaultRankingSize, assessment.answers);
  // An audit is compared with the self-assessment of the institution it audits; anything else
  // passed as `reviewed` is ignored rather than compared with the wrong institution.
  const comparable = assessment.kind === 'audit' && reviewed?.kind === 'self' && reviewed.subject.institutionId === assessment.subject.institutionId ? reviewed : undefined;
  const comparison = comparable ? comparisonSummary(index, compareSelfAndPeer(framework, comparable.answers, assessment.answers)) : null;
  const reviewedScore = comparable ? scoreAssessment(framework, comparable.answers) : null;

  const chart: DimensionChartData = {
    axes: summary.dimensions.map((dimension) => ({ id: dimension.id, label: dimension.title })),
    series: [
      ...(reviewedScore ? [{ name: { key: 'series.selfOf', params: { institution: assessment.subject.legalName } }, values: reviewedScore.dimensions.map((d) => d.score) }] : []),
      {
        name: assessment.kind === 'audit' ? { key: 'series.auditBy', params: { institution: assessment.assessor.legalName } } : { key: 'series.selfOf', params: { institution: assessment.subject.legalName } },
        values: score.dimensions.map((dimension) => dimension.score),
      },
    ],
  };

  return {
    type: 'assessment',
    kind: assessment.kind,
    generatedOn: input.today,
    framework: frameworkLine(framework, pinnedFingerprint(framework, assessment)),
    assessment: assessmentLine(assessment, framework),
    subject: input.subject ?? institutionLine(assessment.subject),
    assessor: input.assessor ?? institutionLine(assessment.assessor),
    score: summary,
    criteria: criterionRows(index, assessment, score),
    comparison,
    reviewed: comparable ? assessmentLine(comparable, framework) : null,
    chart,
    ...(guide2 ? { guide2 } : {}),
  };
}
