/**
 * The report model: everything a report shows, computed once from framework + answers by
 * shared/scoring, as plain data. The Word and Excel exporters and the app's result screens lay it
 * out; none of them computes a figure of its own.
 *
 * Conventions:
 * - every score is a `Figure`: the exact value (decisions are made on it) and the value rounded for
 *   display by `roundScore` (what people read) — both, so a layout never rounds by itself;
 * - texts from the framework (criterion titles, level labels) and from people (justifications,
 *   names) are strings in the framework's or the author's language; every other text is a key of
 *   the report templates (`ReportText`), so the same model renders in English, Spanish or German.
 */
import type { Evidence } from '../assessment/answer';
import type { Assessment, AssessmentKind } from '../assessment/schema';
import type { Language, Level, Thresholds } from '../framework/schema';
import type { ActionStatus, DecisionOutcome } from '../partnership/schema';
import type { CriterionStatus, GapFlag, PartnershipSide, ReadinessBand, ReadinessBasis, SideRating } from '../scoring';
import type { Guide2ReportPart } from './guide2-part';
import type { Verdict } from '../scoring/verdict';
import type { ReportText } from './texts';

export interface Figure {
  /** Full precision, or null when there is no figure (nothing rated). */
  raw: number | null;
  /** One decimal, rounded as `roundScore` does: what a reader sees. */
  display: number | null;
}

export interface FrameworkLine {
  id: string;
  version: string;
  fingerprint: string;
  title: string;
  publisher: string;
  /** The language of the framework texts used (criterion titles, level labels). */
  language: Language;
  thresholds: Thresholds;
  /** The scale's level labels, index = level. */
  levelLabels: [string, string, string, string, string];
  criteria: number;
  dimensions: number;
}

export interface InstitutionLine {
  id: string;
  legalName: string;
  country: string;
  city?: string;
  erasmusCode?: string;
}

export interface Completeness {
  answered: number;
  total: number;
  /** answered / total as a percentage. */
  percent: Figure;
}

interface DimensionLine {
  id: string;
  title: string;
  weight: number;
  score: Figure;
  rated: number;
  notApplicable: number;
  missing: number;
  total: number;
}

/** A criterion named in a list (blockers, strongest, weakest). */
export interface CriterionLine {
  criterionId: string;
  dimensionId: string;
  title: string;
  weight: number;
  critical: boolean;
  level: Level | null;
  levelLabel: string | null;
}

export interface ScoreSummary {
  overall: Figure;
  band: ReadinessBand;
  /** The band rests on an assessment that is not fully answered. */
  provisional: boolean;
  /** What may be said: a result, or progress (shared/scoring/verdict.ts). Show this, not `band`. */
  verdict: Verdict;
  completeness: Completeness;
  dimensions: DimensionLine[];
  blockers: CriterionLine[];
  /** Critical criteria not answered yet: one of them could still turn out to be a blocker. */
  criticalMissing: CriterionLine[];
  strongest: CriterionLine[];
  weakest: CriterionLine[];
}

export type EvidenceLine =
  | { kind: 'link'; label: string; url: string; addedAt: string }
  | { kind: 'file'; label: string; fileName: string; mediaType: string; size: number; sha256: string; addedAt: string };

/** One criterion of one assessment, with everything recorded for it. */
export interface CriterionRow {
  dimensionId: string;
  dimensionTitle: string;
  criterionId: string;
  title: string;
  weight: number;
  critical: boolean;
  status: CriterionStatus;
  /** The scored level (null when not applicable or missing). */
  level: Level | null;
  levelLabel: string | null;
  /** The framework's descriptor of the level given. */
  levelDescriptor: string | null;
  naReason: string;
  /** A critical criterion marked not applicable without a reason, so counted as missing. */
  naReasonMissing: boolean;
  /** Self-assessment: the justification. Audit: the auditor's finding. */
  justification: string;
  /** Audit: evidence the auditor asks for. */
  requestedEvidence: string;
  evidence: EvidenceLine[];
  /** A critical criterion rated below the blocker level. */
  blocker: boolean;
  carriedOver: boolean;
}

export interface GapLine {
  criterionId: string;
  dimensionId: string;
  title: string;
  critical: boolean;
  weight: number;
  self: SideRating;
  /** Level label, or null for N/A and missing (the layout shows their own words). */
  selfLabel: string | null;
  peer: SideRating;
  peerLabel: string | null;
  /** peer − self; negative: the institution rated itself higher than its auditor. */
  gap: number | null;
  flags: GapFlag[];
}

export interface ComparisonSummary {
  rows: GapLine[];
  /** The rows with at least one flag, worst first (see `compareGapLines`). */
  flaggedRows: GapLine[];
  calibration: Figure;
  calibrationBasis: number;
}

/** Data for a dimension chart: one axis per dimension, one or two series. */
export interface DimensionChartData {
  axes: Array<{ id: string; label: string }>;
  series: Array<{ name: ReportText; values: Array<number | null> }>;
}

export interface AssessmentLine {
  id: string;
  title: string;
  kind: AssessmentKind;
  status: Assessment['status'];
  revision: number;
  subject: string;
  assessor: string;
  completedAt: string | null;
  completedBy: string | null;
  origin: Assessment['origin']['type'];
  frameworkVersion: string;
  /** Made with another version of the framework than the report's: compared by criterion identifiers. */
  otherFrameworkVersion: boolean;
}

export interface AssessmentReport {
  type: 'assessment';
  /** Guide 2.0 and later: profile, N/A use and the coverage appendix (absent for 1.0). */
  guide2?: Guide2ReportPart;
  kind: AssessmentKind;
  generatedOn: string;
  framework: FrameworkLine;
  assessment: AssessmentLine;
  subject: InstitutionLine;
  assessor: InstitutionLine;
  score: ScoreSummary;
  /** Every criterion in framework order. */
  criteria: CriterionRow[];
  /** An audit beside the partner's own self-assessment it reviews, when that is available. */
  comparison: ComparisonSummary | null;
  reviewed: AssessmentLine | null;
  chart: DimensionChartData;
}

export interface SideReport {
  side: PartnershipSide;
  institution: InstitutionLine;
  basis: ReadinessBasis;
  band: ReadinessBand;
  provisional: boolean;
  /** What may be said of this side: a result, or progress. Show this, not `band`. */
  verdict: Verdict;
  overall: Figure;
  /** Of the assessment the readiness rests on. */
  score: ScoreSummary | null;
  /** The side's own self-assessment, scored, when there is one (beside the audit). */
  selfScore: ScoreSummary | null;
  /** Self-assessment against the partner's audit of it. */
  comparison: ComparisonSummary | null;
  self: AssessmentLine | null;
  /** The partner's audit of this side. */
  audit: AssessmentLine | null;
  /** Every criterion: the side's own answer and the partner's audit answer. */
  criteria: Array<{ criterionId: string; self: CriterionRow | null; audit: CriterionRow | null }>;
}

export interface ActionLine {
  id: string;
  title: string;
  criterionId: string | null;
  criterionTitle: string | null;
  side: PartnershipSide;
  institution: string;
  owner: string;
  dueDate: string | null;
  status: ActionStatus;
  isCondition: boolean;
  notes: string;
  overdue: boolean;
}

export interface ConditionLine {
  /** Where it comes from: a condition of the action plan, or a blocker that stands. */
  source: 'action' | 'blocker';
  text: ReportText;
  side: PartnershipSide;
  institution: string;
  criterionId: string | null;
  criterionTitle: string | null;
  owner: string | null;
  dueDate: string | null;
  overdue: boolean;
}

export interface PartnershipReport {
  /** Guide 2.0 and later: the partnership's profile, N/A use and coverage of the partner's assessment (absent for 1.0). */
  guide2?: Guide2ReportPart;
  type: 'partnership';
  id: string;
  title: string;
  generatedOn: string;
  framework: FrameworkLine;
  institutions: Record<PartnershipSide, InstitutionLine>;
  decision: { outcome: DecisionOutcome; rationale: string; decidedBy: string; decidedAt: string } | null;
  /** What the scores say, whatever was decided. */
  readiness: {
    band: ReadinessBand;
    overall: Figure;
    boundedBy: PartnershipSide | 'both';
    provisional: boolean;
    /** What may be said of the partnership: a result only when both sides are. Show this, not `band`. */
    verdict: Verdict;
    basis: Record<PartnershipSide, ReadinessBasis>;
  };
  /** The recorded decision is more favourable than the scores support (top management should know). */
  decisionAboveScores: boolean;
  sides: Record<PartnershipSide, SideReport>;
  /** Per dimension: each side's score on its readiness basis, and each side's self-assessment. */
  dimensions: Array<{
    id: string;
    title: string;
    weight: number;
    readiness: Record<PartnershipSide, Figure>;
    self: Record<PartnershipSide, Figure>;
    audit: Record<PartnershipSide, Figure>;
  }>;
  /** Blockers of both sides, on each side's readiness basis. */
  blockers: Array<CriterionLine & { side: PartnershipSide; institution: string }>;
  actions: ActionLine[];
  overdue: number;
  openConditions: number;
  /** The three most important conditions (see `topConditions`). */
  conditions: ConditionLine[];
  chart: DimensionChartData;
}

export type { Evidence };
