/**
 * Replays and revisions. A partner's file may bring an assessment this installation already holds:
 * the same one again, a newer revision of it, an old revision (a file kept and sent again, by
 * mistake or to roll a partner back), or — worst — a different content under the same revision
 * number. Only "new" and "newer-revision" may be applied; the others are refused or shown.
 */
import type { Assessment } from '../assessment/schema';
import { contentFingerprint } from '../crypto/sha256';

export type RevisionVerdict =
  /** Nothing of this series is held: import it. */
  | 'new'
  /** A later revision of what is held: show the differences (diffAssessments), then add it as a revision. */
  | 'newer-revision'
  /** Exactly what is held: nothing to do. */
  | 'same'
  /** An earlier revision than what is held: an old file replayed. Refuse it. */
  | 'older'
  /** Same series and revision, different content: one side changed a completed revision. Refuse and ask. */
  | 'conflict';

/**
 * `held` is the newest revision of the same series held here, or undefined when none is. The
 * assessments are compared without `origin`, which only says where each copy came from (the
 * sender's copy is `local`, the imported copy `exchange`).
 */
export function revisionVerdict(incoming: Assessment, held: Assessment | undefined): RevisionVerdict {
  if (!held) return 'new';
  if (held.seriesId !== incoming.seriesId) {
    throw new TypeError(`revisionVerdict compares revisions of one series, got ${incoming.seriesId} and ${held.seriesId}`);
  }
  if (incoming.revision > held.revision) return 'newer-revision';
  if (incoming.revision < held.revision) return 'older';
  return contentOf(incoming) === contentOf(held) ? 'same' : 'conflict';
}

function contentOf(assessment: Assessment): string {
  const { origin: _whereThisCopyCameFrom, ...content } = assessment;
  return contentFingerprint(content);
}
