/** GS1 dates: the century rule (General Specifications 7.12) and calendar checks. */

/**
 * Full year for a two-digit YY relative to the current year: a YY more than 50 years ahead is
 * in the past century, one 50 or more years behind is in the next century (GS1 GS 7.12).
 */
export function fullYear(yy: number, currentYear: number): number {
  const century = currentYear - (currentYear % 100);
  const diff = yy - (currentYear % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Two digits at `at` as a number (the caller has checked they are digits). */
export function num2(s: string, at: number): number {
  return (s.charCodeAt(at) - 48) * 10 + s.charCodeAt(at + 1) - 48;
}

/** YYYYMMDD-style check of year, month and day; day 0 only when `zeroDay` (GS1 "DD=00"). */
export function isValidDate(year: number, month: number, day: number, zeroDay: boolean): boolean {
  if (month < 1 || month > 12) return false;
  if (day === 0) return zeroDay;
  return day <= daysInMonth(year, month);
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** ISO date for YYMMDD at `at`, DD=00 meaning the last day of the month. Assumes a valid date. */
export function isoFromYymmdd(s: string, at: number, currentYear: number): string {
  const year = fullYear(num2(s, at), currentYear);
  const month = num2(s, at + 2);
  const day = num2(s, at + 4) || daysInMonth(year, month);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** ISO date for YYYYMMDD at `at`. */
export function isoFromYyyymmdd(s: string, at: number): string {
  return `${s.slice(at, at + 4)}-${s.slice(at + 4, at + 6)}-${s.slice(at + 6, at + 8)}`;
}

let lastToday: string | undefined;
let lastYear = 0;

/** The year of a YYYY-MM-DD string, or of the current UTC date when absent or malformed. */
export function yearOf(today: string | undefined): number {
  if (today !== undefined && today === lastToday) return lastYear; // the same option on every scan
  const year = today && /^\d{4}-\d{2}-\d{2}$/.test(today) ? Number(today.slice(0, 4)) : NaN;
  if (Number.isNaN(year)) return new Date().getUTCFullYear();
  lastToday = today;
  lastYear = year;
  return year;
}
