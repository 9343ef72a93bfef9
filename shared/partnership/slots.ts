import type { AssessmentSummary } from '../assessment/summary';
import type { Partnership } from './schema';

export type PartnershipSlot = keyof Partnership['assessments'];
export const partnershipSlots: readonly PartnershipSlot[] = ['selfA', 'auditOfA', 'selfB', 'auditOfB'];

/**
 * Which assessment belongs in which place: A's and B's own self-assessments, A's audit of B and
 * B's audit of A.
 */
export function fitsSlot(
  summary: Pick<AssessmentSummary, 'kind' | 'subject' | 'assessor'>,
  slot: PartnershipSlot,
  partnership: Pick<Partnership, 'institutionA' | 'institutionB'>,
): boolean {
  const { institutionA: a, institutionB: b } = partnership;
  switch (slot) {
    case 'selfA':
      return summary.kind === 'self' && summary.subject.institutionId === a;
    case 'selfB':
      return summary.kind === 'self' && summary.subject.institutionId === b;
    case 'auditOfB':
      return summary.kind === 'audit' && summary.subject.institutionId === b && summary.assessor.institutionId === a;
    case 'auditOfA':
      return summary.kind === 'audit' && summary.subject.institutionId === a && summary.assessor.institutionId === b;
  }
}
