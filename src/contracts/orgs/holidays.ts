import * as z from 'zod'
import '../zod'
import { isCalendarDate } from '../fields'

/**
 * The union's own holiday calendar: for each year, the State Council's 放假 days and 调休 makeup working days,
 * entered by the county's admins. Deadlines counted in working days use the `chinese-days` package's data,
 * then these entries; a year with neither is counted in natural days and says so.
 */

/** How many days before the calendar data runs out the admins are warned. */
export const HOLIDAY_WARN_DAYS = 60
/** A year's notice has about 30 days off; more is a paste gone wrong. */
const MAX_DAYS = 60

const pad = (n: number) => String(n).padStart(2, '0')

/** Weekday of a YYYY-MM-DD date: 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}

interface ParsedNotice {
  off: string[]
  work: string[]
  /** lines that named a date we could not place, in the notice's words */
  problems: string[]
}

const DATE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/g
const RANGE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:[（(][^）)]*[）)])?\s*(?:至|到|—|-|~)\s*(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日/g

function dayList(from: string, to: string): string[] {
  const out: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`) && out.length < 40; t += 86400e3) {
    out.push(new Date(t).toISOString().slice(0, 10))
  }
  return out
}

/**
 * Reads the dates out of the State Council's notice as published (「一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。
 * 1月4日（周一）上班。」): in each sentence that says 放假, every date and 至 range is a day off; in each that says 上班,
 * every date is a makeup working day. Dates without a year belong to `year`.
 */
export function parseNotice(text: string, year: number): ParsedNotice {
  const off = new Set<string>()
  const work = new Set<string>()
  const problems: string[] = []
  const date = (y: string | undefined, m: string, d: string) => `${y ?? year}-${pad(Number(m))}-${pad(Number(d))}`
  for (const raw of text.split(/[。；;\n]/)) {
    const sentence = raw.trim()
    if (!sentence) continue
    const isOff = /放假/.test(sentence)
    const isWork = /上班/.test(sentence) && !isOff
    if (!isOff && !isWork) continue
    let rest = sentence
    if (isOff) {
      for (const m of sentence.matchAll(RANGE)) {
        const from = date(m[1], m[2], m[3])
        const to = date(m[4] ?? m[1], m[5] ?? m[2], m[6])
        if (!isCalendarDate(from) || !isCalendarDate(to) || to < from) problems.push(sentence)
        else for (const d of dayList(from, to)) off.add(d)
        rest = rest.replace(m[0], '')
      }
    }
    for (const m of rest.matchAll(DATE)) {
      const d = date(m[1], m[2], m[3])
      if (!isCalendarDate(d)) problems.push(sentence)
      else (isOff ? off : work).add(d)
    }
  }
  return { off: [...off].sort(), work: [...work].sort(), problems }
}

const dayList_ = (label: string) =>
  z
    .array(z.string({ error: `${label}的日期格式不对` }).trim(), { error: `请填写${label}` })
    .max(MAX_DAYS, `${label}最多 ${MAX_DAYS} 天，请检查是否粘贴了多余内容`)
    .transform((a) => [...new Set(a)].sort())

export const holidayYearInput = z.object({
  year: z.coerce.number({ error: '请选择年份' }).int('年份不正确').min(2020, '年份不正确').max(2100, '年份不正确'),
})

export const saveHolidaysInput = z
  .object({
    year: holidayYearInput.shape.year,
    off: dayList_('放假日期'),
    work: dayList_('调休上班日期'),
  })
  .superRefine((v, ctx) => {
    const check = (field: 'off' | 'work', label: string) => {
      for (const d of v[field]) {
        if (!isCalendarDate(d)) ctx.addIssue({ code: 'custom', path: [field], message: `${label}「${d}」不是有效日期` })
        else if (Number(d.slice(0, 4)) !== v.year) ctx.addIssue({ code: 'custom', path: [field], message: `${label} ${d} 不在 ${v.year} 年` })
      }
    }
    check('off', '放假日期')
    check('work', '调休上班日期')
    const both = v.off.filter((d) => v.work.includes(d))
    if (both.length) ctx.addIssue({ code: 'custom', path: ['work'], message: `${both.join('、')} 既是放假又是上班，请核对` })
    const weekdays = v.work.filter((d) => isCalendarDate(d) && weekday(d) !== 0 && weekday(d) !== 6)
    if (weekdays.length) ctx.addIssue({ code: 'custom', path: ['work'], message: `调休上班日应为周六或周日：${weekdays.join('、')} 是工作日` })
    if (!v.off.length) ctx.addIssue({ code: 'custom', path: ['off'], message: '请至少填写一个放假日期（可粘贴国务院办公厅的放假通知）' })
  })

export interface HolidayYear {
  year: number
  off: string[]
  work: string[]
  /** where the year's data comes from: the union's entries, the built-in package, or nothing yet */
  source: 'union' | 'package' | 'none'
  updatedAt?: string
  updatedByName?: string
}

export interface HolidayStatus {
  /** the last year with data (package or union) */
  lastYear: number
  /** the last year the built-in package covers */
  packageLastYear: number
  /** shown to admins from HOLIDAY_WARN_DAYS before the data runs out */
  warning?: string
}
