/**
 * What the Team screen shows (the answer of `team.view`), and the previews of contribution files.
 * Built in electron/services/team.ts from the assessment's `team` data and its framework.
 */
import type { Language } from '../framework/schema';
import type { Consolidation, Contributor, RatingEvidence, RatingSource, RatingValue, TeamHistoryEntry } from './schema';

/** Krippendorff's alpha (ordinal) for a set of criteria, with what it rests on. */
export interface AgreementFigure {
  /** Null when fewer than two pairable ratings exist (nothing to compare). */
  alpha: number | null;
  /** Ratings that could be paired: levels 0–4 on criteria with at least two such ratings. */
  pairable: number;
  /** Criteria that took part (at least two pairable ratings). */
  units: number;
  reading: AgreementReading;
}

/**
 * The plain-language reading of alpha for a rector, after Krippendorff's own guidance (Content
 * Analysis, 2004, §11.4.4): at or above 0.800 the ratings can be relied on; from 0.667 only
 * tentative conclusions; below that the colleagues did not agree well enough. 'too-little' when
 * alpha is null.
 */
export type AgreementReading = 'reliable' | 'tentative' | 'unreliable' | 'too-little';

interface TeamRatingView {
  ratingId: string;
  contributorId: string;
  name: string;
  role: string;
  value: RatingValue;
  justification: string;
  evidence: RatingEvidence[];
  ratedAt: string;
  recordedAt: string;
  source: RatingSource;
}

/**
 * Where a criterion stands: nobody rated it; one colleague rated it; several agree; several
 * disagree (the coordinator must decide); or decided.
 */
export type CriterionTeamState = 'unrated' | 'single' | 'agreed' | 'conflict' | 'consolidated';

export interface CriterionTeamView {
  criterionId: string;
  dimensionId: string;
  title: string;
  /** Contributors (ids) this criterion is assigned to, directly or through its dimension. */
  assignedTo: string[];
  /** The current rating of each colleague who rated it. */
  ratings: TeamRatingView[];
  /** Highest minus lowest level among the ratings (N/A left out); null with fewer than two levels. */
  spread: number | null;
  /** Spread of two levels or more: to be discussed. */
  flagged: boolean;
  /** What the coordinator is offered: the single rating, or the shared value when all agree. */
  proposal: RatingValue | null;
  consolidation: Consolidation | null;
  /** True when a rating arrived after the consolidation was decided. */
  newerThanConsolidation: boolean;
  state: CriterionTeamState;
  /** The assessment's answer as it stands now. */
  answer: { level: number | null; notApplicable: boolean };
}

export interface ContributorView extends Contributor {
  /** Every criterion the colleague is asked to rate (dimensions expanded). */
  assignedCriteria: string[];
  /** How many of those the colleague has rated. */
  rated: number;
}

export interface TeamView {
  assessmentId: string;
  title: string;
  language: Language;
  /** False once the assessment is completed: the team data is a record then. */
  editable: boolean;
  /** The framework's dimensions and criteria, for assigning. */
  dimensions: Array<{ id: string; title: string; criteria: Array<{ id: string; title: string }> }>;
  /** Active contributors first, removed ones (kept because they rated) after. */
  contributors: ContributorView[];
  criteria: CriterionTeamView[];
  /** Colleagues with at least one current rating. */
  raters: number;
  agreement: { overall: AgreementFigure; byDimension: Record<string, AgreementFigure> };
  counts: { unrated: number; single: number; agreed: number; conflict: number; consolidated: number; flagged: number };
  history: TeamHistoryEntry[];
}

/** A problem found in a contribution file, worded for the user (code for translation, English text). */
export interface ContributionProblem {
  criterionId: string | null;
  severity: 'error' | 'warning';
  code: string;
  params: Record<string, string | number>;
  problem: string;
  whatToDo: string;
}

/** What applying a contribution file would add, for the coordinator to accept or refuse. */
export interface ContributionPreviewView {
  token: string;
  fileName: string;
  kind: 'signed' | 'workbook';
  assessment: { id: string; title: string };
  contributor: { id: string; name: string; role: string };
  /** Signed files: who signed, and whether this is the first signed file from this colleague. */
  signer: { name: string; keyFingerprint: string; displayFingerprint: string; firstUse: boolean } | null;
  ratings: Array<{ criterionId: string; value: RatingValue; justification: string; evidence: number; previous: RatingValue | null }>;
  problems: ContributionProblem[];
  canApply: boolean;
  counts: { rated: number; notApplicable: number; unanswered: number; unchanged: number };
}

/** The colleague's side: a request opened in their own TrustBridge, and their ratings so far. */
export interface ContributionRequestView {
  requestId: string;
  assessment: { id: string; title: string; institution: string };
  requestedBy: { name: string; role: string; institution: string };
  contributor: { id: string; name: string; role: string; email: string };
  language: Language;
  /** The criteria asked for, with what the colleague needs to rate them. */
  criteria: Array<{
    criterionId: string;
    dimensionId: string;
    dimensionTitle: string;
    title: string;
    question: string;
    levels: Array<{ value: number; label: string; meaning: string }>;
    allowsNotApplicable: boolean;
  }>;
  ratings: Record<string, { value: RatingValue; justification: string; evidence: RatingEvidence[]; ratedAt: string }>;
  receivedAt: string;
  exportedAt: string | null;
}

export interface ContributionRequestSummary {
  requestId: string;
  assessmentTitle: string;
  institution: string;
  requestedBy: string;
  criteria: number;
  rated: number;
  receivedAt: string;
  exportedAt: string | null;
}
