/**
 * How long an assessment counts: a framework says for how many months an assessment made with it
 * stays valid (the guide: 24), counted from its completion. Renewals are due before the end. The
 * calendar arithmetic is in ../dates.ts; the consortium overview counts validity the same way.
 */
import { addCalendarMonths, daysBetween } from '../dates';

export { daysBetween };

/** `day` (YYYY-MM-DD) plus whole calendar months; the 31st becomes the last day of a shorter month. */
export function addMonths(day: string, months: number): string {
  return addCalendarMonths(day.slice(0, 10), months);
}

/** The last day an assessment completed at `completedAt` (an ISO date-time or day) is valid. */
export function validUntil(completedAt: string, validityMonths: number): string {
  return addMonths(completedAt, validityMonths);
}

export type Validity = 'valid' | 'expiring' | 'expired';

/** Expired after its last valid day; expiring within `withinDays` days of it (90 by default). */
export function validityOn(lastValidDay: string, today: string, withinDays = 90): Validity {
  const left = daysBetween(today, lastValidDay);
  if (left < 0) return 'expired';
  return left <= withinDays ? 'expiring' : 'valid';
}
