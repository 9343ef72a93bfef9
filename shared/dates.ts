/**
 * Calendar arithmetic on `YYYY-MM-DD` days, in UTC so that no time zone moves a day. Validity is
 * counted in calendar months, as people count "valid for two years": 2026-02-28 + 24 months is
 * 2028-02-28, and a month that has no such day ends at its last day (2026-08-31 + 6 months is
 * 2027-02-28).
 */

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})/;

/** The day part of an ISO date or timestamp (`2026-10-01T09:00:00Z` → `2026-10-01`), or undefined. */
export function dayOf(iso: string | undefined): string | undefined {
  const match = iso ? dayPattern.exec(iso) : null;
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

function parts(day: string): [number, number, number] {
  const match = dayPattern.exec(day);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD day: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `day` plus `months` calendar months, clamped to the end of a shorter month. */
export function addCalendarMonths(day: string, months: number): string {
  const [year, month, date] = parts(day);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format(targetYear, targetMonth, Math.min(date, daysInMonth(targetYear, targetMonth)));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}
