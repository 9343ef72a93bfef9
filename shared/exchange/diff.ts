/**
 * What changed between two revisions of one assessment, criterion by criterion: shown when a
 * partner's file brings a newer revision of an assessment this installation already holds, so the
 * QA officer sees what the partner changed before accepting it.
 */
import { emptyAnswer, type Answer, type Evidence } from '../assessment/answer';
import type { Assessment } from '../assessment/schema';
import { canonicalJson } from '../crypto/canonical-json';
import type { FrameworkRef, Level } from '../framework/schema';

interface ValueChange<T> {
  from: T;
  to: T;
}

interface EvidenceChanges {
  added: Evidence[];
  removed: Evidence[];
  /** Same evidence id, different label, link or file. */
  changed: Array<ValueChange<Evidence>>;
}

export interface CriterionDiff {
  criterionId: string;
  level?: ValueChange<Level | null>;
  notApplicable?: ValueChange<boolean>;
  naReason?: ValueChange<string>;
  /** Self-assessment: the justification; audit: the auditor's finding. */
  justification?: ValueChange<string>;
  requestedEvidence?: ValueChange<string>;
  evidence?: EvidenceChanges;
}

export interface AssessmentDiff {
  revision: ValueChange<number>;
  title?: ValueChange<string>;
  status?: ValueChange<Assessment['status']>;
  framework?: ValueChange<FrameworkRef>;
  /** Criteria whose answer changed, by criterion id. */
  criteria: CriterionDiff[];
  /** Criteria answered in either revision whose answer did not change. */
  unchangedCount: number;
}

const scalarFields = ['level', 'notApplicable', 'naReason', 'justification', 'requestedEvidence'] as const;

/**
 * Compares two revisions. A criterion missing from one side counts as unanswered there, so
 * answering a criterion for the first time shows as a change from "no level" to a level.
 */
export function diffAssessments(older: Assessment, newer: Assessment): AssessmentDiff {
  const ids = [...new Set([...Object.keys(older.answers), ...Object.keys(newer.answers)])].sort();
  const criteria: CriterionDiff[] = [];
  for (const criterionId of ids) {
    const change = diffAnswer(criterionId, older.answers[criterionId] ?? emptyAnswer, newer.answers[criterionId] ?? emptyAnswer);
    if (change) criteria.push(change);
  }
  const olderFramework = { id: older.framework.id, version: older.framework.version, fingerprint: older.framework.fingerprint };
  const newerFramework = { id: newer.framework.id, version: newer.framework.version, fingerprint: newer.framework.fingerprint };
  return {
    revision: { from: older.revision, to: newer.revision },
    ...(older.title !== newer.title ? { title: { from: older.title, to: newer.title } } : {}),
    ...(older.status !== newer.status ? { status: { from: older.status, to: newer.status } } : {}),
    ...(olderFramework.fingerprint !== newerFramework.fingerprint ? { framework: { from: olderFramework, to: newerFramework } } : {}),
    criteria,
    unchangedCount: ids.length - criteria.length,
  };
}

function diffAnswer(criterionId: string, older: Answer, newer: Answer): CriterionDiff | undefined {
  const diff: CriterionDiff = { criterionId };
  let changed = false;
  for (const field of scalarFields) {
    if (older[field] !== newer[field]) {
      // The field names and value types line up one to one; TypeScript cannot follow the loop.
      (diff as unknown as Record<string, ValueChange<unknown>>)[field] = { from: older[field], to: newer[field] };
      changed = true;
    }
  }
  const evidence = diffEvidence(older.evidence, newer.evidence);
  if (evidence) {
    diff.evidence = evidence;
    changed = true;
  }
  return changed ? diff : undefined;
}

function diffEvidence(older: readonly Evidence[], newer: readonly Evidence[]): EvidenceChanges | undefined {
  const olderById = new Map(older.map((item) => [item.id, item]));
  const newerById = new Map(newer.map((item) => [item.id, item]));
  const added = newer.filter((item) => !olderById.has(item.id));
  const removed = older.filter((item) => !newerById.has(item.id));
  const changed: Array<ValueChange<Evidence>> = [];
  for (const item of newer) {
    const before = olderById.get(item.id);
    if (before && canonicalJson(before) !== canonicalJson(item)) changed.push({ from: before, to: item });
  }
  return added.length || removed.length || changed.length ? { added, removed, changed } : undefined;
}
