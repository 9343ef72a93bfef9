/**
 * "The three most important conditions" on the first page of the readiness report: what top
 * management must know stands between the two institutions and a sound partnership.
 *
 * How they are chosen, in this order, until three are found:
 *
 * 1. **Open conditions of the action plan** (actions marked as a condition of the decision and not
 *    done). The officers who made the decision wrote them, so they come first. Among them:
 *    a. a condition on a criterion that is a blocker now (on the side that must act) first — it is
 *       what keeps the partnership from being ready;
 *    b. then overdue ones — a promise already broken is the next thing to know;
 *    c. then by due date, earliest first, undated last — a date nobody set is the least urgent;
 *    d. then in the order of the plan, as the officers wrote it.
 * 2. **Blockers that no listed condition covers** (a critical criterion rated below the blocker
 *    level on a side's readiness basis, with no condition on the same criterion and side): the
 *    lowest level first, then the heavier criterion, then the side that bounds the partnership,
 *    then framework order. Each reads as "raise criterion X at institution Y to level Z".
 *
 * Conditions that are done are met and never listed. Fewer than three is fine: the report then
 * says so rather than padding the list.
 */
import type { Level } from '../framework/schema';
import type { PartnershipSide } from '../scoring';
import type { ActionLine, ConditionLine, CriterionLine } from './model';

export const importantConditionCount = 3;

export interface ConditionSources {
  actions: readonly ActionLine[];
  /** Blockers on each side's readiness basis, in framework order. */
  blockers: ReadonlyArray<CriterionLine & { side: PartnershipSide; institution: string }>;
  /** The side that bounds the partnership: its blockers come first between equals. */
  boundedBy: PartnershipSide | 'both';
  /** The level a blocker must reach (the framework's `blockerBelowLevel`) and its label. */
  requiredLevel: Level;
  requiredLevelLabel: string;
}

export function topConditions(sources: ConditionSources, count = importantConditionCount): ConditionLine[] {
  const blockerKeys = new Set(sources.blockers.map((blocker) => `${blocker.side}:${blocker.criterionId}`));
  const open = sources.actions
    .map((action, order) => ({ action, order }))
    .filter(({ action }) => action.isCondition && action.status !== 'done');
  open.sort(
    (a, b) =>
      Number(isBlocking(b.action, blockerKeys)) - Number(isBlocking(a.action, blockerKeys)) ||
      Number(b.action.overdue) - Number(a.action.overdue) ||
      compareDueDates(a.action.dueDate, b.action.dueDate) ||
      a.order - b.order,
  );
  const chosen: ConditionLine[] = open.slice(0, count).map(({ action }) => ({
    source: 'action',
    text: action.title,
    side: action.side,
    institution: action.institution,
    criterionId: action.criterionId,
    criterionTitle: action.criterionTitle,
    owner: action.owner || null,
    dueDate: action.dueDate,
    overdue: action.overdue,
  }));
  if (chosen.length >= count) return chosen;

  // Any open condition on a criterion covers its blocker, even one not among the chosen: the
  // officers have already turned that blocker into a condition.
  const covered = new Set(open.filter(({ action }) => action.criterionId !== null).map(({ action }) => `${action.side}:${action.criterionId}`));
  const boundingFirst = (side: PartnershipSide) => (sources.boundedBy === side ? 0 : 1);
  const uncovered = sources.blockers
    .map((blocker, order) => ({ blocker, order }))
    .filter(({ blocker }) => !covered.has(`${blocker.side}:${blocker.criterionId}`))
    .sort(
      (a, b) =>
        (a.blocker.level ?? 0) - (b.blocker.level ?? 0) ||
        b.blocker.weight - a.blocker.weight ||
        boundingFirst(a.blocker.side) - boundingFirst(b.blocker.side) ||
        a.order - b.order,
    );
  for (const { blocker } of uncovered) {
    if (chosen.length >= count) break;
    chosen.push({
      source: 'blocker',
      text: {
        key: 'conditions.fromBlocker',
        params: {
          institution: blocker.institution,
          id: blocker.criterionId,
          criterion: blocker.title,
          level: sources.requiredLevel,
          label: sources.requiredLevelLabel,
        },
      },
      side: blocker.side,
      institution: blocker.institution,
      criterionId: blocker.criterionId,
      criterionTitle: blocker.title,
      owner: null,
      dueDate: null,
      overdue: false,
    });
  }
  return chosen;
}

function isBlocking(action: ActionLine, blockerKeys: ReadonlySet<string>): boolean {
  return action.criterionId !== null && blockerKeys.has(`${action.side}:${action.criterionId}`);
}

function compareDueDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
