import * as z from 'zod'
import '../zod'
import { calendarDate, optionalText, text } from '../fields'
import { addDays, beijingDay } from '../time'
import { isOpenAt, nextOpeningAcross, nextOpeningText, parseHours, parseHoursCached, type OpeningHours } from './hours'

/**
 * Mobile and seasonal stations (舟山, 余杭: stations that follow a building site; 送清凉: summer hours).
 * Everything here is decided by the Beijing date at the moment of reading, so nothing has to run at midnight:
 * a station past its last day simply stops being listed.
 */

/** Seasonal hours: from and to are Beijing days, both included; these hours replace the usual ones then. */
const seasonInput = z
  .object({
    name: optionalText('时段名称', { max: 12 }),
    from: calendarDate('开始日期'),
    to: calendarDate('结束日期'),
    hours: text('时段开放时间', { min: 0, max: 80 }).superRefine((t, ctx) => {
      const parsed = parseHours(t)
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message })
    }),
  })
  .refine((s) => s.from <= s.to, { path: ['to'], message: '结束日期不能早于开始日期' })
export type Season = z.output<typeof seasonInput>

export const MAX_SEASONS = 4

export const seasonsInput = z
  .array(seasonInput, { error: '季节时段必须是列表' })
  .max(MAX_SEASONS, `季节时段最多 ${MAX_SEASONS} 个`)
  .superRefine((list, ctx) => {
    const sorted = list.map((s, i) => ({ ...s, i })).sort((a, b) => (a.from < b.from ? -1 : 1))
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k].from <= sorted[k - 1].to) {
        ctx.addIssue({ code: 'custom', path: [sorted[k].i, 'from'], message: '季节时段的日期不能重叠' })
      }
    }
  })

/** '' clears the date: the form sends every field, and an empty date means "no limit". */
const optionalDay = (label: string) => z.union([z.literal(''), calendarDate(label)])

export const validityInput = z
  .object({ validFrom: optionalDay('启用日期').optional(), validTo: optionalDay('到期日期').optional() })
  .refine((v) => !v.validFrom || !v.validTo || v.validFrom <= v.validTo, { path: ['validTo'], message: '到期日期不能早于启用日期' })

interface Lifecycle {
  hours: string
  validFrom?: string
  validTo?: string
  seasons?: Season[]
}

/** Where the station stands on a Beijing day: not yet started, running, or past its last day. */
export function validityOn(s: Pick<Lifecycle, 'validFrom' | 'validTo'>, day: string): 'before' | 'valid' | 'expired' {
  if (s.validFrom && day < s.validFrom) return 'before'
  if (s.validTo && day > s.validTo) return 'expired'
  return 'valid'
}

/** The season in force on a Beijing day, if any. */
export function seasonOn(s: Pick<Lifecycle, 'seasons'>, day: string): Season | undefined {
  return (s.seasons ?? []).find((x) => x.from <= day && day <= x.to)
}

/** The hours text that holds on a Beijing day: the season's, the usual ones, or null when it is not running. */
function hoursTextOn(s: Lifecycle, day: string): string | null {
  if (validityOn(s, day) !== 'valid') return null
  return seasonOn(s, day)?.hours ?? s.hours
}

function hoursOn(s: Lifecycle, day: string): OpeningHours | null {
  const t = hoursTextOn(s, day)
  return t === null ? null : parseHoursCached(t)
}

export function isOpenOn(s: Lifecycle, now: Date): boolean {
  const hours = hoursOn(s, beijingDay(now))
  return hours ? isOpenAt(hours, now) : false
}

const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

/** The badge's words: 营业中 / 今天 14:00 开门 / 明天 … (seasons and the last day counted) / 已到期 / 6月1日起开放 / 已打烊. */
export function lifecycleStatusText(s: Lifecycle, now: Date): string {
  const today = beijingDay(now)
  const state = validityOn(s, today)
  if (state === 'expired') return '已到期'
  if (state === 'before') return `${monthDay(s.validFrom as string)}起开放`
  if (isOpenOn(s, now)) return '营业中'
  const next = nextOpeningAcross((inDays) => hoursOn(s, addDays(today, inDays)), now)
  return next ? nextOpeningText(next) : '已打烊'
}

/** 「6月1日—9月30日」 for the detail's season line. */
export function seasonRangeText(season: Pick<Season, 'from' | 'to'>): string {
  return `${monthDay(season.from)}—${monthDay(season.to)}`
}
