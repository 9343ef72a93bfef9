/**
 * The model of the partnership readiness report: both institutions, up to four assessments (each
 * side's self-assessment and each side's audit by the other), the decision and the action plan.
 *
 * All four assessments are read against one framework — the report's — by criterion identifier,
 * as the product compares assessments made with different versions. An assessment made with
 * another version is marked (`otherFrameworkVersion`) so the report can say so.
 */
import { guide2Part, type Guide2ReportPart } from './guide2-part';
import type { Assessment } from '../assessment/schema';
import type { Framework } from '../framework/schema';
import type { Partnership } from '../partnership/schema';
import { overdueActions } from '../partnership/summary';
import { bandRank, partnershipReadiness, scoreAssessment, sideReadiness, structureForKnownProfile, type PartnershipSide } from '../scoring';
import { noAssessmentYet, partnershipVerdict } from '../scoring/verdict';
import { pinnedFingerprint } from './assessment-report';
import { topConditions } from './conditions';
import type { ActionLine, Figure, InstitutionLine, PartnershipReport, ScoreSummary, SideReport } from './model';
import {
  assessmentLine,
  comparisonSummary,
  criterionLine,
  criterionRows,
  defaultRankingSize,
  figure,
  FrameworkIndex,
  frameworkLine,
  scoreSummary,
} from './parts';

export interface PartnershipReportInput {
  /** The framework the assessments were made with, in the report's language. */
  framework: Framework;
  partnership: Partnership;
  institutions: Record<PartnershipSide, InstitutionLine>;
  /** The linked assessments that could be read (a slot left empty or unreadable is absent). */
  assessments: { selfA?: Assessment; selfB?: Assessment; auditOfB?: Assessment; auditOfA?: Assessment };
  /** `YYYY-MM-DD`: the report's date, which also decides which actions are overdue. */
  today: string;
  rankingSize?: number;
}

const sides: readonly PartnershipSide[] = ['A', 'B'];

export function partnershipReport(input: PartnershipReportInput): PartnershipReport {
  const { partnership, assessments, institutions } = input;
  // A partnership that names a cooperation profile is decided under it: both sides are scored on
  // the criteria the profile keeps, with its weights and critical flags (docs/scoring.md). A profile
  // of another guide version than this framework's (possible: a partnership names any profile of
  // the data folder) leaves the framework whole.
  const framework = structureForKnownProfile(input.framework, partnership.profileId);
  const index = new FrameworkIndex(framework);
  const rankingSize = input.rankingSize ?? defaultRankingSize;
  const ownOf = (side: PartnershipSide) => (side === 'A' ? assessments.selfA : assessments.selfB);
  // The audit OF a side is made by the other side.
  const auditOf = (side: PartnershipSide) => (side === 'A' ? assessments.auditOfA : assessments.auditOfB);

  const readinessOf = Object.fromEntries(
    sides.map((side) => [side, sideReadiness(framework, { self: ownOf(side)?.answers, auditByPartner: auditOf(side)?.answers })]),
  ) as Record<PartnershipSide, ReturnType<typeof sideReadiness>>;
  const overall = partnershipReadiness(readinessOf.A, readinessOf.B);

  const summaryOf = (answers: Assessment | undefined): ScoreSummary | null =>
    answers ? scoreSummary(index, scoreAssessment(framework, answers.answers), rankingSize, answers.answers) : null;

  const sideReports = Object.fromEntries(
    sides.map((side): [PartnershipSide, SideReport] => {
      const readiness = readinessOf[side];
      const own = ownOf(side);
      const audit = auditOf(side);
      const ownScore = own ? scoreAssessment(framework, own.answers) : null;
      const auditScore = audit ? scoreAssessment(framework, audit.answers) : null;
      const ownRows = own && ownScore ? criterionRows(index, own, ownScore) : null;
      const auditRows = audit && auditScore ? criterionRows(index, audit, auditScore) : null;
      const basisAnswers = (audit ?? own)?.answers;
      const score = readiness.score ? scoreSummary(index, readiness.score, rankingSize, basisAnswers) : null;
      return [
        side,
        {
          side,
          institution: institutions[side],
          basis: readiness.basis,
          band: readiness.band,
          provisional: !readiness.complete,
          verdict: score?.verdict ?? noAssessmentYet,
          overall: figure(readiness.overall),
          score,
          selfScore: summaryOf(own),
          comparison: readiness.comparison ? comparisonSummary(index, readiness.comparison) : null,
          self: own ? assessmentLine(own, framework) : null,
          audit: audit ? assessmentLine(audit, framework) : null,
          criteria: [...index.criteria.keys()].map((criterionId, position) => ({
            criterionId,
            self: ownRows?.[position] ?? null,
            audit: auditRows?.[position] ?? null,
          })),
        },
      ];
    }),
  ) as Record<PartnershipSide, SideReport>;

  const dimensionFigure = (summary: ScoreSummary | null, position: number): Figure =>
    summary?.dimensions[position]?.score ?? figure(null);
  const auditSummaries = Object.fromEntries(sides.map((side) => [side, summaryOf(auditOf(side))])) as Record<PartnershipSide, ScoreSummary | null>;
  const dimensions = framework.dimensions.map((dimension, position) => ({
    id: dimension.id,
    title: dimension.title,
    weight: dimension.weight,
    readiness: { A: dimensionFigure(sideReports.A.score, position), B: dimensionFigure(sideReports.B.score, position) },
    self: { A: dimensionFigure(sideReports.A.selfScore, position), B: dimensionFigure(sideReports.B.selfScore, position) },
    audit: { A: dimensionFigure(auditSummaries.A, position), B: dimensionFigure(auditSummaries.B, position) },
  }));

  const blockers = sides.flatMap((side) =>
    readinessOf[side].blockers.map((blocker) => ({ ...criterionLine(index, blocker), side, institution: institutions[side].legalName })),
  );

  const overdueIds = new Set(overdueActions(partnership.actions, input.today).map((action) => action.id));
  const actions: ActionLine[] = partnership.actions.map((action) => ({
    id: action.id,
    title: action.title,
    criterionId: action.criterionId ?? null,
    criterionTitle: action.criterionId ? index.title(action.criterionId) : null,
    side: action.side,
    institution: institutions[action.side].legalName,
    owner: action.owner,
    dueDate: action.dueDate ?? null,
    status: action.status,
    isCondition: action.isCondition,
    notes: action.notes,
    overdue: overdueIds.has(action.id),
  }));

  const { blockerBelowLevel } = framework.thresholds;
  const conditions = topConditions({
    actions,
    blockers,
    boundedBy: overall.boundedBy,
    requiredLevel: blockerBelowLevel,
    requiredLevelLabel: index.levelLabel(blockerBelowLevel) ?? String(blockerBelowLevel),
  });

  const decision = partnership.decision
    ? {
        outcome: partnership.decision.outcome,
        rationale: partnership.decision.rationale,
        decidedBy: partnership.decision.decidedBy,
        decidedAt: partnership.decision.decidedAt,
      }
    : null;
  const firstPinned = assessments.selfA ?? assessments.auditOfA ?? assessments.selfB ?? assessments.auditOfB;

  return {
    type: 'partnership',
    id: partnership.id,
    title: partnership.title,
    generatedOn: input.today,
    framework: frameworkLine(framework, pinnedFingerprint(framework, firstPinned)),
    institutions,
    decision,
    readiness: {
      band: overall.band,
      overall: figure(overall.overall),
      boundedBy: overall.boundedBy,
      provisional: !overall.complete,
      verdict: partnershipVerdict(sideReports.A.verdict, sideReports.B.verdict),
      basis: overall.basis,
    },
    decisionAboveScores: decision !== null && bandRank(decision.outcome) > bandRank(overall.band),
    sides: sideReports,
    dimensions,
    blockers,
    actions,
    overdue: overdueIds.size,
    openConditions: actions.filter((action) => action.isCondition && action.status !== 'done').length,
    conditions,
    chart: {
      axes: framework.dimensions.map((dimension) => ({ id: dimension.id, label: dimension.title })),
      series: sides.map((side) => ({
        name: institutions[side].legalName,
        values: dimensions.map((dimension) => dimension.readiness[side].raw),
      })),
    },
    ...guide2Of(input.framework, partnership.profileId, assessments.auditOfB ?? assessments.selfB),
  };
}

/** Guide 2.0: the partnership's profile and the coverage of the partner's assessment (the audit of B, else B's own). */
function guide2Of(framework: Framework, profileId: string | undefined, assessment: Assessment | undefined): { guide2?: Guide2ReportPart } {
  const part = guide2Part(framework, { profileId, assessment });
  return part ? { guide2: part } : {};
}
