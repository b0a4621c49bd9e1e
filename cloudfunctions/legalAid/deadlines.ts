import { isWorkday } from 'chinese-days'
import { PACKAGE_FIRST_YEAR, PACKAGE_LAST_YEAR, type UnionCalendar } from '../_core/holidays'
import { addDays, beijingDay, startOfBeijingDay } from '../../src/contracts/time'

/**
 * Deadlines of the Legal Aid Law (2022, 第四十一条/第四十三条): 7 days from application to decision, 3 days
 * from decision to assigning a lawyer. A union may count calendar days or working days; working days follow
 * the State Council's holiday calendar including 调休 makeup days, from `chinese-days`.
 *
 * A deadline ends at 24:00 Beijing time of its last day. Day arithmetic is on Beijing calendar dates, never
 * on the machine's time zone.
 */
export interface DeadlineRule {
  decisionDays: number
  assignDays: number
  unit: 'days' | 'workdays'
}

export const DEFAULT_RULE: DeadlineRule = { decisionDays: 7, assignDays: 3, unit: 'days' }

const DAY_MS = 24 * 3600e3

/** Years the package's holiday data covers: outside them chinese-days silently calls Mon–Fri workdays, so we refuse. */
const CALENDAR_FIRST_YEAR = PACKAGE_FIRST_YEAR
export const CALENDAR_LAST_YEAR = PACKAGE_LAST_YEAR

export class CalendarRangeError extends Error {
  constructor(readonly date: string) {
    super(`working-day calendar (chinese-days) has no data for ${date}: covered ${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}; update chinese-days`)
    this.name = 'CalendarRangeError'
  }
}

/**
 * Whether `date` (YYYY-MM-DD) is a working day: the union's entries for its year first (放假 days off, 调休 days
 * working, other days by the package, or Monday–Friday where the package has no data), else the package; throws
 * for a year neither covers.
 */
export function isWorkingDay(date: string, union?: UnionCalendar): boolean {
  const year = Number(date.slice(0, 4))
  const covered = year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR
  const own = union?.get(year)
  if (own) {
    if (own.off.has(date)) return false
    if (own.work.has(date)) return true
    if (covered) return isWorkday(date)
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay()
    return wd !== 0 && wd !== 6
  }
  if (!covered) throw new CalendarRangeError(date)
  return isWorkday(date)
}

/** The last day of a period of `n` days (or working days) counted from the day after `start`. */
export function lastDay(start: Date, n: number, unit: DeadlineRule['unit'], union?: UnionCalendar): string {
  let day = beijingDay(start)
  if (unit === 'days') return addDays(day, n)
  let left = n
  while (left > 0) {
    day = addDays(day, 1)
    if (isWorkingDay(day, union)) left--
  }
  return day
}

/** The instant a period ends: 24:00 Beijing time of its last day, as UTC ISO text. */
export function dueAt(start: Date, n: number, unit: DeadlineRule['unit'], union?: UnionCalendar): string {
  return startOfBeijingDay(addDays(lastDay(start, n, unit, union), 1)).toISOString()
}

/** Whole days between two instants (to one decimal), for the stats' medians. */
export function daysBetween(a: string, b: string): number {
  return Math.round(((Date.parse(b) - Date.parse(a)) / DAY_MS) * 10) / 10
}
