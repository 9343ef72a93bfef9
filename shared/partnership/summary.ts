import type { ActionStatus, DecisionOutcome, Partnership } from './schema';

/** What lists show of a partnership without opening it (kept in the store's catalogue). */
export interface PartnershipSummary {
  id: string;
  title: string;
  institutionA: string;
  institutionB: string;
  assessments: Partnership['assessments'];
  decision: { outcome: DecisionOutcome; decidedAt: string } | undefined;
  actions: Array<{ status: ActionStatus; dueDate: string | undefined; isCondition: boolean }>;
  createdAt: string;
  updatedAt: string;
}

/** Actions not done whose due date has passed (dates compared as YYYY-MM-DD, in the user's day). */
export function overdueActions<T extends { status: ActionStatus; dueDate?: string | undefined }>(actions: readonly T[], today: string): T[] {
  return actions.filter((action) => action.status !== 'done' && action.dueDate !== undefined && action.dueDate < today);
}
