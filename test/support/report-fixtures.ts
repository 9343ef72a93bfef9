/**
 * Small, hand-checkable inputs for the report model: a two-dimension framework, assessments built
 * from `{ criterionId: level }` maps, and a partnership. Numbers in the tests that use them are
 * worked out by hand in the test's comments.
 */
import type { Answer } from '../../shared/assessment/answer';
import type { Assessment, AssessmentKind, InstitutionRef } from '../../shared/assessment/schema';
import { frameworkRef } from '../../shared/framework/fingerprint';
import type { Framework, Level } from '../../shared/framework/schema';
import type { ActionItem, Partnership } from '../../shared/partnership/schema';
import type { InstitutionLine } from '../../shared/report/model';
import { criterion, dimension, framework } from '../unit/shared/scoring/factories';

/**
 * GOV (weight 2): GOV-01 critical weight 3, GOV-02 weight 1.
 * DAT (weight 1): DAT-01 critical weight 2, DAT-02 weight 2.
 */
export function smallFramework(): Framework {
  return framework(
    [
      dimension('GOV', 2, criterion('GOV-01', { critical: true, weight: 3, title: 'Cooperation agreement' }), criterion('GOV-02', { weight: 1, title: 'Joint review' })),
      dimension('DAT', 1, criterion('DAT-01', { critical: true, weight: 2, title: 'GDPR-compliant exchange' }), criterion('DAT-02', { weight: 2, title: 'Security of records' })),
    ],
    { id: 'small-guide', title: 'Small guide' },
  );
}

export const uniA: InstitutionRef = { institutionId: 'inst-a', legalName: 'Universidad de Ejemplo', country: 'ES' };
export const uniB: InstitutionRef = { institutionId: 'inst-b', legalName: 'Tampere Test University', country: 'FI' };
export const lineA: InstitutionLine = { id: 'inst-a', legalName: 'Universidad de Ejemplo', country: 'ES', city: 'Valencia' };
export const lineB: InstitutionLine = { id: 'inst-b', legalName: 'Tampere Test University', country: 'FI', city: 'Tampere' };

export type Rating = Level | 'na' | { level: Level | null; na?: boolean; reason?: string; text?: string };

export function answers(ratings: Record<string, Rating>): Record<string, Answer> {
  return Object.fromEntries(
    Object.entries(ratings).map(([id, rating]) => {
      const answer: Answer = { level: null, notApplicable: false, naReason: '', justification: `Justification of ${id}.`, evidence: [], requestedEvidence: '', carriedOver: false };
      if (rating === 'na') return [id, { ...answer, notApplicable: true, naReason: 'Does not apply here.' }];
      if (typeof rating === 'number') return [id, { ...answer, level: rating }];
      return [id, { ...answer, level: rating.level, notApplicable: rating.na ?? false, naReason: rating.reason ?? '', justification: rating.text ?? answer.justification }];
    }),
  );
}

let counter = 0;

export function assessmentOf(
  fw: Framework,
  input: { kind: AssessmentKind; subject: InstitutionRef; assessor?: InstitutionRef; ratings: Record<string, Rating>; id?: string; status?: 'draft' | 'complete' },
): Assessment {
  counter += 1;
  const id = input.id ?? `assessment-${counter}`;
  const at = '2026-10-01T10:00:00.000Z';
  return {
    schemaVersion: 1,
    id,
    kind: input.kind,
    title: `${input.kind === 'self' ? 'Self-assessment' : 'Audit'} of ${input.subject.legalName}`,
    subject: input.subject,
    assessor: input.assessor ?? input.subject,
    framework: { ...frameworkRef(fw), language: fw.language },
    status: input.status ?? 'complete',
    ...(input.status === 'draft' ? {} : { completed: { by: 'QA officer', role: 'Quality', at } }),
    seriesId: id,
    revision: 1,
    origin: { type: 'local' },
    answers: answers(input.ratings),
    history: [],
    createdAt: at,
    createdBy: 'QA officer',
    updatedAt: at,
  };
}

export function action(overrides: Partial<ActionItem> & Pick<ActionItem, 'id' | 'title'>): ActionItem {
  return { side: 'B', owner: 'Owner', status: 'open', isCondition: false, notes: '', ...overrides };
}

export function partnershipOf(input: { actions?: ActionItem[]; decision?: Partnership['decision']; assessments?: Partnership['assessments'] }): Partnership {
  return {
    schemaVersion: 1,
    id: 'partnership-1',
    title: 'Joint micro-credentials',
    institutionA: uniA.institutionId,
    institutionB: uniB.institutionId,
    assessments: input.assessments ?? {},
    ...(input.decision ? { decision: input.decision } : {}),
    actions: input.actions ?? [],
    createdAt: '2026-10-01T10:00:00.000Z',
    updatedAt: '2026-10-01T10:00:00.000Z',
  };
}
