/**
 * A file and its sync-conflict copies: which of them are versions of one document, and which version
 * counts (see folder.ts for the rules).
 */
import type { FileConflict } from '../../shared/consortium/model';
import type { ExchangePayload } from '../../shared/exchange/schema';
import { compareText } from './scan';
import type { FolderEntry } from './trust';

/** What makes two files versions of one document: the assessment series, partnerships and agreements they hold. */
function documentIdentities(payload: ExchangePayload): Set<string> {
  const identities = new Set<string>();
  for (const item of payload.items) {
    if (item.type === 'assessment') identities.add(`series:${item.assessment.seriesId}`);
    else if (item.type === 'partnership') identities.add(`partnership:${item.partnership.id}`);
    else if (item.type === 'agreement') identities.add(`agreement:${item.agreement.id}`);
  }
  return identities;
}

function sameDocument(a: FolderEntry, b: FolderEntry): boolean {
  if (a.verified.issuer.exchangeId !== b.verified.issuer.exchangeId) return false;
  const ia = documentIdentities(a.verified.payload);
  const ib = documentIdentities(b.verified.payload);
  if (ia.size === 0 && ib.size === 0) return true;
  return [...ia].some((identity) => ib.has(identity));
}

function highestRevisions(payload: ExchangePayload): Map<string, { revision: number; title: string }> {
  const revisions = new Map<string, { revision: number; title: string }>();
  for (const item of payload.items) {
    if (item.type !== 'assessment') continue;
    const held = revisions.get(item.assessment.seriesId);
    if (!held || item.assessment.revision > held.revision) revisions.set(item.assessment.seriesId, { revision: item.assessment.revision, title: item.assessment.title });
  }
  return revisions;
}

/** Which of two versions wins, and by which rule. Negative: `a` wins. */
function compareVersionsOfDocument(a: FolderEntry, b: FolderEntry): { order: number; basis: FileConflict['basis'] } {
  const ra = highestRevisions(a.verified.payload);
  const rb = highestRevisions(b.verified.payload);
  let aHigher = false;
  let bHigher = false;
  for (const [series, { revision }] of ra) {
    const other = rb.get(series);
    if (!other) continue;
    if (revision > other.revision) aHigher = true;
    if (revision < other.revision) bHigher = true;
  }
  if (aHigher !== bHigher) return { order: aHigher ? -1 : 1, basis: 'revision' };
  const issued = Date.parse(b.verified.payload.issuedAt) - Date.parse(a.verified.payload.issuedAt);
  if (issued !== 0) return { order: issued, basis: 'issued-later' };
  const signatures = b.verified.signatures.length - a.verified.signatures.length;
  if (signatures !== 0) return { order: signatures, basis: 'more-signatures' };
  return { order: Number(Boolean(a.file.conflictOf)) - Number(Boolean(b.file.conflictOf)) || compareText(a.file.fileName, b.file.fileName), basis: 'file-name' };
}

export function resolveConflicts(entries: readonly FolderEntry[]): { kept: FolderEntry[]; conflicts: FileConflict[]; separate: Set<string> } {
  const groups = new Map<string, FolderEntry[]>();
  for (const entry of entries) {
    const root = entry.file.conflictOf ?? entry.file.fileName;
    groups.set(root, [...(groups.get(root) ?? []), entry]);
  }
  const kept: FolderEntry[] = [];
  const conflicts: FileConflict[] = [];
  const separate = new Set<string>();
  for (const members of groups.values()) {
    // Clusters of versions of one document within the group (connected by `sameDocument`).
    const clusters: FolderEntry[][] = [];
    for (const member of members) {
      const joined = clusters.filter((cluster) => cluster.some((other) => sameDocument(member, other)));
      const merged = [member, ...joined.flat()];
      for (const cluster of joined) clusters.splice(clusters.indexOf(cluster), 1);
      clusters.push(merged);
    }
    for (const cluster of clusters) {
      if (cluster.length === 1) {
        // A copy by its name whose group holds other files it has nothing in common with.
        if (cluster[0]!.file.conflictOf && members.length > 1) separate.add(cluster[0]!.file.fileName);
        kept.push(cluster[0]!);
        continue;
      }
      const ranked = cluster.toSorted((a, b) => compareVersionsOfDocument(a, b).order);
      const winner = ranked[0]!;
      const runnerUp = ranked[1]!;
      const { basis } = compareVersionsOfDocument(winner, runnerUp);
      kept.push(winner);
      conflicts.push({
        files: cluster.map((entry) => entry.file.fileName).sort(compareText),
        kept: winner.file.fileName,
        basis,
        why: conflictWhy(winner, ranked.slice(1), basis),
      });
    }
  }
  return { kept, conflicts, separate };
}

function conflictWhy(winner: FolderEntry, losers: readonly FolderEntry[], basis: FileConflict['basis']): string {
  const others = losers.map((entry) => entry.file.fileName).join(', ');
  const head = `${winner.file.fileName} and ${others} are versions of the same file made by the sync service; only ${winner.file.fileName} was counted`;
  switch (basis) {
    case 'revision': {
      const mine = highestRevisions(winner.verified.payload);
      const theirs = highestRevisions(losers[0]!.verified.payload);
      const series = [...mine].find(([id, { revision }]) => (theirs.get(id)?.revision ?? revision) < revision);
      return series
        ? `${head}, because it holds revision ${series[1].revision} of "${series[1].title}" and the other holds revision ${theirs.get(series[0])!.revision}.`
        : `${head}, because it holds newer revisions.`;
    }
    case 'issued-later':
      return `${head}, because it was issued later (${winner.verified.payload.issuedAt} against ${losers[0]!.verified.payload.issuedAt}).`;
    case 'more-signatures':
      return `${head}, because it carries more signatures (${winner.verified.signatures.length}).`;
    case 'file-name':
      return `${head}: both were issued at the same moment, so the original name was preferred.`;
  }
}
