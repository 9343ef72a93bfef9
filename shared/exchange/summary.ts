/**
 * What an exchange file holds, in a line per item: for the command line, the import preview and
 * logs. The interface translates from the typed items instead; these lines are plain English.
 */
import { frameworkFingerprint } from '../framework/fingerprint';
import type { FrameworkRef } from '../framework/schema';
import type { ExchangeItem, ExchangeItemOf, ExchangeItemType, ExchangePayload } from './schema';

export interface ItemSummary {
  type: string;
  /** One line, e.g. `Self-assessment "QA review 2026" of Universidad de Ejemplo (revision 2, complete)`. */
  label: string;
  /** The item's own identifier where it has one (assessment, framework, partnership). */
  id?: string;
}

/** One describer per item type; a new item type does not compile until it has one. */
const itemDescriptions: { [T in ExchangeItemType]: (item: ExchangeItemOf<T>) => ItemSummary } = {
  assessment: ({ assessment }) => ({
    type: 'assessment',
    id: assessment.id,
    label: `${assessment.kind === 'self' ? 'Self-assessment' : `Audit by ${assessment.assessor.legalName}`} "${assessment.title}" of ${assessment.subject.legalName} (revision ${assessment.revision}, ${assessment.status})`,
  }),
  framework: ({ framework }) => ({
    type: 'framework',
    id: framework.id,
    label: `Framework "${framework.title}" ${framework.id} version ${framework.version} (${framework.language})`,
  }),
  partnership: ({ partnership, parties }) => ({
    type: 'partnership',
    id: partnership.id,
    label: `Partnership "${partnership.title}" between ${parties.A.profile.legalName} and ${parties.B.profile.legalName}${partnership.decision ? ` (decision: ${partnership.decision.outcome})` : ''}`,
  }),
  agreement: ({ agreement }) => ({
    type: 'agreement',
    id: agreement.id,
    label: `Agreement "${agreement.title}" between ${agreement.parties.A.legalName} and ${agreement.parties.B.legalName} (${agreement.language})`,
  }),
  'contribution-request': ({ requestId, assessment, contributor, criteria }) => ({
    type: 'contribution-request',
    id: requestId,
    label: `Request to ${contributor.name} to rate ${criteria.length} criteria of "${assessment.title}" (${assessment.institution})`,
  }),
  contribution: ({ requestId, contributor, ratings }) => ({
    type: 'contribution',
    id: requestId,
    label: `${contributor.name}'s ratings of ${ratings.length} criteria`,
  }),
  institution: ({ profile }) => ({
    type: 'institution',
    label: `Institution profile of ${profile.legalName} (${profile.city}, ${profile.country})`,
  }),
};

export function describeItem(item: ExchangeItem): ItemSummary {
  const describe = itemDescriptions[item.type] as (item: ExchangeItem) => ItemSummary;
  return describe(item);
}

/** How many items of each type, in the order types first appear. */
export function countItems(items: ReadonlyArray<{ type: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.type] = (counts[item.type] ?? 0) + 1;
  return counts;
}

/** `2 assessments, 1 framework` — or `nothing but the issuer's profile`. */
export function describeCounts(counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts).map(([type, count]) => `${count} ${type}${count === 1 ? '' : 's'}`);
  return parts.length ? parts.join(', ') : "nothing but the issuer's profile";
}

/**
 * Framework versions that assessments in the payload were made with but that the payload does not
 * carry as a snapshot. The importer needs them from its own store, or must ask the sender.
 */
export function missingFrameworks(payload: Pick<ExchangePayload, 'items'>): FrameworkRef[] {
  const carried = new Set(
    payload.items.flatMap((item) => (item.type === 'framework' ? [frameworkFingerprint(item.framework)] : [])),
  );
  const missing = new Map<string, FrameworkRef>();
  for (const item of payload.items) {
    if (item.type !== 'assessment') continue;
    const { id, version, fingerprint } = item.assessment.framework;
    if (!carried.has(fingerprint)) missing.set(fingerprint, { id, version, fingerprint });
  }
  return [...missing.values()];
}
