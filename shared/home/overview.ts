/**
 * What Home shows, computed where the catalogue is (the main process) and bounded: the first
 * items that need attention and the first rows of each list, with the totals. Home then costs the
 * same with ten assessments as with ten thousand — nothing proportional to the store crosses IPC
 * or is rendered.
 */
import type { AgreementSummary } from '../agreement/summary';
import { latestRevisions, type AssessmentSummary } from '../assessment/summary';
import { validityOn } from '../assessment/validity';
import { overdueActions, readinessAtAGlance, type PartnershipSummary, type SideAtAGlance } from '../partnership/summary';
import type { ReadinessBand } from '../scoring/band';
import type { Verdict } from '../scoring/verdict';
import { newcomerPath, type NewcomerPath, type NewcomerPathInput } from './newcomer-path';

type AttentionKind =
  | 'overdue'
  | 'undecided'
  | 'missing'
  | 'carriedOver'
  | 'blockers'
  | 'expired'
  | 'expiring'
  | 'countersign'
  | 'agreementEnded'
  | 'agreementEnding';

export interface AttentionItem {
  key: string;
  kind: AttentionKind;
  /** The screen to open, as a hash route (`#/assessments/…`). */
  href: string;
  /** Values for the sentence (`home.attention.<kind>`): title, count, date (YYYY-MM-DD), partner. */
  params: Record<string, string | number>;
  severity: 'high' | 'normal';
}

export interface HomePartnershipRow {
  id: string;
  title: string;
  partnerName: string;
  band: ReadinessBand;
  provisional: boolean;
  overall: number | null;
  /** What may be said of its readiness: a result, or the progress (shared/scoring/verdict.ts). */
  verdict: Verdict;
  decision: PartnershipSummary['decision'];
}

export interface HomeOverview {
  attention: AttentionItem[];
  attentionTotal: number;
  partnerships: HomePartnershipRow[];
  partnershipsTotal: number;
  latest: AssessmentSummary[];
  latestTotal: number;
  /** Where the officer stands on the path from profile to agreement (newcomer-path.ts). */
  path: NewcomerPath;
}

interface OverviewInput {
  assessments: readonly AssessmentSummary[];
  partnerships: readonly PartnershipSummary[];
  agreements: readonly AgreementSummary[];
  names: ReadonlyMap<string, string>;
  /** The own institution and the partners, for the newcomer's path; none when left out. */
  institutions?: NewcomerPathInput['institutions'];
  /** The user's day, YYYY-MM-DD. */
  today: string;
  rows: number;
}

/** Days before an agreement ends from which Home mentions it (its renewal needs agreeing). */
const agreementNoticeDays = 180;

export function homeOverview(input: OverviewInput): HomeOverview {
  const { today, rows } = input;
  const summaries = new Map(input.assessments.map((summary) => [summary.id, summary]));
  const latest = latestRevisions(input.assessments).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const partnerships = [...input.partnerships].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const attention: AttentionItem[] = [];
  const push = (item: AttentionItem) => attention.push(item);

  for (const partnership of partnerships) {
    const overdue = overdueActions(partnership.actions, today).length;
    const href = `#/partnerships/${partnership.id}?tab=decision`;
    if (overdue) push({ key: `o-${partnership.id}`, kind: 'overdue', href, params: { count: overdue, title: partnership.title }, severity: 'high' });
    if (!partnership.decision) push({ key: `d-${partnership.id}`, kind: 'undecided', href, params: { title: partnership.title }, severity: 'normal' });
  }
  const renewed = new Set(input.assessments.flatMap((summary) => (summary.carriedFromId ? [summary.carriedFromId] : [])));
  for (const summary of latest) {
    const href = `#/assessments/${summary.id}`;
    if (summary.status === 'draft' && summary.answered < summary.total) {
      push({ key: `m-${summary.id}`, kind: 'missing', href: `${href}?tab=review`, params: { count: summary.total - summary.answered, title: summary.title }, severity: 'normal' });
    }
    if (summary.carriedOver > 0) push({ key: `c-${summary.id}`, kind: 'carriedOver', href: `${href}?tab=review`, params: { count: summary.carriedOver, title: summary.title }, severity: 'normal' });
    if (summary.blockers > 0) push({ key: `b-${summary.id}`, kind: 'blockers', href: `${href}?tab=results`, params: { count: summary.blockers, title: summary.title }, severity: 'high' });
    // Renewals: completed assessments whose validity ends soon or has ended, not renewed yet.
    if (summary.validUntil && !renewed.has(summary.id)) {
      const validity = validityOn(summary.validUntil, today);
      if (validity !== 'valid') {
        push({
          key: `v-${summary.id}`,
          kind: validity,
          href: `#/assessments/new?from=${encodeURIComponent(summary.id)}`,
          params: { title: summary.title, date: summary.validUntil },
          severity: validity === 'expired' ? 'high' : 'normal',
        });
      }
    }
  }
  for (const agreement of input.agreements) {
    const href = `#/agreements/${agreement.id}`;
    if (agreement.state === 'awaiting-own') {
      push({ key: `g-${agreement.id}`, kind: 'countersign', href, params: { title: agreement.title, partner: agreement.parties[agreement.ownSide === 'A' ? 'B' : 'A'].legalName }, severity: 'high' });
    }
    if (agreement.endsOn && validityOn(agreement.endsOn, today, agreementNoticeDays) !== 'valid') {
      const ended = agreement.endsOn < today;
      push({ key: `e-${agreement.id}`, kind: ended ? 'agreementEnded' : 'agreementEnding', href, params: { title: agreement.title, date: agreement.endsOn }, severity: ended ? 'high' : 'normal' });
    }
  }
  // High first, in the order found (a stable sort).
  attention.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'high' ? -1 : 1));

  return {
    attention: attention.slice(0, rows),
    attentionTotal: attention.length,
    partnerships: partnerships.slice(0, rows).map((partnership) => {
      const glance = readinessAtAGlance(partnership, summaries);
      return {
        id: partnership.id,
        title: partnership.title,
        partnerName: input.names.get(partnership.institutionB) ?? '',
        band: glance.band,
        provisional: provisional(glance.A) || provisional(glance.B),
        overall: glance.overall,
        verdict: glance.verdict,
        decision: partnership.decision,
      };
    }),
    partnershipsTotal: partnerships.length,
    latest: latest.slice(0, rows),
    latestTotal: latest.length,
    path: newcomerPath({ institutions: input.institutions ?? [], assessments: input.assessments, partnerships: input.partnerships, agreements: input.agreements }),
  };
}

function provisional(side: SideAtAGlance): boolean {
  return side.provisional;
}
