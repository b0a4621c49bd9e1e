import calendar from 'chinese-days/dist/chinese-days.json'
import { HOLIDAY_WARN_DAYS, type HolidayStatus } from '../../src/contracts/orgs/holidays'
import { beijingDay } from '../../src/contracts/time'
import type { Store } from './store/port'

/**
 * The union's holiday calendar: one document per year (`_id` the year) with the State Council's 放假 days and
 * 调休 makeup working days, entered by the county's admins in the 工作台. It extends the `chinese-days` package
 * (which ends with the year its release knew about) and may correct it.
 */
export const HOLIDAYS = 'holiday_calendar'

export interface HolidayDoc {
  _id: string
  year: number
  off: string[]
  work: string[]
  updatedAt: string
  updatedBy: string
  updatedByName: string
  [field: string]: unknown
}

const YEARS = Object.keys((calendar as { holidays: Record<string, unknown> }).holidays).map((d) => Number(d.slice(0, 4)))
export const PACKAGE_FIRST_YEAR = Math.min(...YEARS)
export const PACKAGE_LAST_YEAR = Math.max(...YEARS)

export type UnionCalendar = Map<number, { off: Set<string>; work: Set<string> }>

export async function loadUnionCalendar(store: Store, years: number[]): Promise<UnionCalendar> {
  const docs = await store.find<HolidayDoc>(HOLIDAYS, { where: { _id: { $in: years.map(String) } }, limit: years.length })
  return new Map(docs.map((d) => [d.year, { off: new Set(d.off), work: new Set(d.work) }]))
}

/** The last year with data, and the admins' warning from HOLIDAY_WARN_DAYS before it ends. */
export async function holidayStatus(store: Store, now: Date): Promise<HolidayStatus> {
  const [latest] = await store.find<HolidayDoc>(HOLIDAYS, { orderBy: [['year', 'desc']], limit: 1 })
  const lastYear = Math.max(PACKAGE_LAST_YEAR, latest?.year ?? 0)
  const today = beijingDay(now)
  const warnFrom = new Date(Date.parse(`${lastYear}-12-31T00:00:00Z`) - HOLIDAY_WARN_DAYS * 86400e3).toISOString().slice(0, 10)
  const status: HolidayStatus = { lastYear, packageLastYear: PACKAGE_LAST_YEAR }
  if (today >= warnFrom) {
    status.warning =
      today > `${lastYear}-12-31`
        ? `${lastYear + 1} 年以后的节假日安排尚未录入，按工作日计算的期限正按自然日计算。请录入国务院办公厅的放假通知。`
        : `节假日安排只录入到 ${lastYear} 年底，${lastYear + 1} 年的放假通知发布后请尽快录入；未录入前按工作日计算的期限将按自然日计算。`
  }
  return status
}
