/**
 * How long an assessment counts: a framework says for how many months an assessment made with it
 * stays valid (the guide: 24), counted from its completion. Renewals are due before the end.
 */

/** `day` (YYYY-MM-DD) plus whole calendar months; the 31st becomes the last day of a shorter month. */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The last day an assessment completed at `completedAt` (an ISO date-time or day) is valid. */
export function validUntil(completedAt: string, validityMonths: number): string {
  return addMonths(completedAt.slice(0, 10), validityMonths);
}

export type Validity = 'valid' | 'expiring' | 'expired';

/** Days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Expired after its last valid day; expiring within `withinDays` days of it (90 by default). */
export function validityOn(lastValidDay: string, today: string, withinDays = 90): Validity {
  if (lastValidDay < today) return 'expired';
  return daysBetween(today, lastValidDay) <= withinDays ? 'expiring' : 'valid';
}
