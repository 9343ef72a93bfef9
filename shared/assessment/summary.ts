/**
 * What lists show of an assessment without opening it: kept in the store's catalogue, recomputed
 * whenever the assessment is saved.
 */
import type { ReadinessBand } from '../scoring/band';
import type { Assessment, AssessmentKind } from './schema';

export interface AssessmentSummary {
  id: string;
  kind: AssessmentKind;
  title: string;
  subject: Assessment['subject'];
  assessor: Assessment['assessor'];
  framework: Assessment['framework'];
  status: Assessment['status'];
  seriesId: string;
  revision: number;
  origin: Assessment['origin']['type'];
  /** 0–100 with full precision, or null when nothing is rated (or the framework is unknown). */
  overall: number | null;
  band: ReadinessBand;
  answered: number;
  total: number;
  blockers: number;
  /** Critical criteria not answered yet (absent from catalogues written before it was kept). */
  criticalMissing?: number;
  /** The band the missing answers can no longer change, or null (verdict.ts); absent in old catalogues. */
  certainBand?: ReadinessBand | null;
  /** The criteria that already settle `certainBand`. */
  decisive?: string[];
  /** Answers carried over from the previous cycle and not yet confirmed or changed. */
  carriedOver: number;
  /** False when the framework it pins is not in this store, so no score could be computed. */
  scored: boolean;
  createdAt: string;
  updatedAt: string;
  completedAt?: string;
  /** Once completed: its last valid day (YYYY-MM-DD), from the framework's validity in months. */
  validUntil?: string;
  /** The renewal of an earlier cycle: the assessment its answers were carried over from. */
  carriedFromId?: string;
}

/** The assessment a list should open for a series: the newest revision. */
export function latestRevisions(summaries: readonly AssessmentSummary[]): AssessmentSummary[] {
  const newest = new Map<string, AssessmentSummary>();
  for (const summary of summaries) {
    const held = newest.get(summary.seriesId);
    if (!held || held.revision < summary.revision) newest.set(summary.seriesId, summary);
  }
  return [...newest.values()];
}
