import { beijingClock } from '../time'
/**
 * Opening hours of a station, written the way staff write them:
 *   "24小时" | "08:00-20:00" | "20:00-次日08:00" | "周一至周五 08:00-18:00；周六 09:00-12:00"
 * Days not named in a day-qualified text are closed days. Times are Asia/Shanghai.
 */
interface HoursRule {
  /** 0 = Sunday … 6 = Saturday */
  days: number[]
  /** minutes since midnight */
  open: number
  /** minutes since midnight; <= open means the range ends on the next day */
  close: number
}

export type OpeningHours = { always: true } | { always: false; rules: HoursRule[] }

type HoursParse = { ok: true; hours: OpeningHours } | { ok: false; message: string }

const DAY_NAMES: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 }
const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6]

function parseDays(spec: string): number[] | null {
  const s = spec.replace(/星期/g, '周')
  if (s === '每天' || s === '每日' || s === '全天' || s === '周一至周日' || s === '周一到周日') return ALL_DAYS
  if (s === '工作日') return [1, 2, 3, 4, 5]
  if (s === '周末') return [0, 6]
  const out = new Set<number>()
  for (const part of s.split(/[、,，]/)) {
    const range = part.match(/^周([一二三四五六日天])(?:至|到|-|~)周?([一二三四五六日天])$/)
    if (range) {
      // Sunday closes the week in Chinese usage: 周一至周日 is seven days.
      const from = DAY_NAMES[range[1]]
      const to = DAY_NAMES[range[2]] === 0 ? 7 : DAY_NAMES[range[2]]
      if (to < from) return null
      for (let d = from; d <= to; d++) out.add(d % 7)
      continue
    }
    const one = part.match(/^周([一二三四五六日天])$/)
    if (!one) return null
    out.add(DAY_NAMES[one[1]])
  }
  return out.size ? [...out].sort() : null
}

function parseClock(text: string): number | null {
  const m = text.match(/^(\d{1,2})[:：](\d{2})$/)
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2])
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null
  return h * 60 + min
}

function parseRange(text: string): { open: number; close: number } | null {
  const m = text.match(/^(\d{1,2}[:：]\d{2})\s*(?:-|－|—|~|至|到)\s*(次日)?\s*(\d{1,2}[:：]\d{2})$/)
  if (!m) return null
  const open = parseClock(m[1])
  let close = parseClock(m[3])
  if (open === null || close === null || open === 24 * 60) return null
  if (close === 24 * 60) close = 0
  if (open === close && !m[2]) return null
  // "次日" only makes sense when the range really crosses midnight.
  if (m[2] && close > open) return null
  return { open, close }
}

export function parseHours(input: string): HoursParse {
  const text = input.trim().replace(/\s+/g, ' ')
  if (!text) return { ok: false, message: '请填写开放时间' }
  if (/^(24\s*小时|24h|全天24小时|全天候)$/i.test(text)) return { ok: true, hours: { always: true } }
  const rules: HoursRule[] = []
  for (const segment of text
    .split(/[;；]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = segment.match(/^(?:([^\d\s][^\s]*)\s+)?(.+)$/)
    if (!m) return { ok: false, message: `无法识别的开放时间：${segment}` }
    const days = m[1] ? parseDays(m[1]) : ALL_DAYS
    if (!days) return { ok: false, message: `无法识别的日期：${m[1]}` }
    if (/^(24\s*小时|24h)$/i.test(m[2])) {
      rules.push({ days, open: 0, close: 0 })
      continue
    }
    for (const r of m[2].split(/[、,， ]+/).filter(Boolean)) {
      const range = parseRange(r)
      if (!range) return { ok: false, message: `无法识别的时间段：${r}（示例：08:00-20:00、20:00-次日08:00、24小时）` }
      rules.push({ days, ...range })
    }
  }
  if (!rules.length) return { ok: false, message: '请填写开放时间' }
  return { ok: true, hours: { always: false, rules } }
}

export function isOpenAt(hours: OpeningHours, at: Date): boolean {
  if (hours.always) return true
  const { day, minutes } = beijingClock(at)
  const yesterday = (day + 6) % 7
  return hours.rules.some((r) => {
    if (r.open === r.close) return r.days.includes(day) // a whole day ("周六 24小时")
    if (r.close > r.open) return r.days.includes(day) && minutes >= r.open && minutes < r.close
    // Overnight: the evening part belongs to the listed day, the small hours to the day after it.
    return (r.days.includes(day) && minutes >= r.open) || (r.days.includes(yesterday) && minutes < r.close)
  })
}

const pad2 = (n: number) => String(n).padStart(2, '0')
const hhmm = (minutes: number) => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

interface NextOpening {
  /** 0 = later today, 1 = tomorrow, … up to 7 (the same weekday next week) */
  inDays: number
  /** Beijing wall-clock time it opens, HH:mm */
  at: string
  /** 0–6, 0 = Sunday: the Beijing weekday it opens on */
  weekday: number
}

/**
 * When a station that is closed at `now` next opens, looking up to a week ahead in Beijing time. A range's opening
 * belongs to the day it is listed under (an overnight 20:00-次日08:00 opens at 20:00); the small hours of
 * yesterday's overnight range are already over when this is asked, or the station would be open. Null when it
 * never opens (no rules) or is always open.
 */
export function nextOpening(hours: OpeningHours, now: Date): NextOpening | null {
  if (hours.always) return null
  return nextOpeningAcross(() => hours, now)
}

/**
 * nextOpening when the hours differ by day: `hoursOf(inDays)` is the hours that hold `inDays` days from now (a
 * seasonal timetable, a station that starts or ends on a date), or null for a day it does not open at all.
 */
export function nextOpeningAcross(hoursOf: (inDays: number) => OpeningHours | null, now: Date): NextOpening | null {
  const { day, minutes } = beijingClock(now)
  for (let inDays = 0; inDays <= 7; inDays++) {
    const hours = hoursOf(inDays)
    if (!hours) continue
    const weekday = (day + inDays) % 7
    if (hours.always) {
      if (inDays > 0) return { inDays, at: '00:00', weekday }
      continue
    }
    const opens = hours.rules.filter((r) => r.days.includes(weekday)).map((r) => r.open)
    const candidates = inDays === 0 ? opens.filter((o) => o > minutes) : opens
    if (candidates.length) return { inDays, at: hhmm(Math.min(...candidates)), weekday }
  }
  return null
}

/** 今天 14:00 开门 / 明天 08:30 开门 / 后天 / 周一 08:30 开门 / 下周二 (a week on: closed again since this morning) */
export function nextOpeningText(next: NextOpening): string {
  const when =
    next.inDays === 0
      ? '今天'
      : next.inDays === 1
        ? '明天'
        : next.inDays === 2
          ? '后天'
          : next.inDays === 7
            ? `下${WEEKDAYS[next.weekday]}`
            : WEEKDAYS[next.weekday]
  return `${when} ${next.at} 开门`
}

/** What the open badge says: 营业中, or when it opens next (今天 14:00 开门, 明天 08:30 开门, 周一 08:30 开门), or 已打烊. */
export function openStatusText(hours: OpeningHours | null, now: Date): string {
  if (!hours) return '已打烊'
  if (isOpenAt(hours, now)) return '营业中'
  const next = nextOpening(hours, now)
  return next ? nextOpeningText(next) : '已打烊'
}

const parsedCache = new Map<string, OpeningHours | null>()

/** Stations are listed many times a second; their hours texts repeat, so parse each once. */
export function parseHoursCached(text: string): OpeningHours | null {
  let hours = parsedCache.get(text)
  if (hours === undefined) {
    const p = parseHours(text)
    hours = p.ok ? p.hours : null
    if (parsedCache.size > 5000) parsedCache.clear()
    parsedCache.set(text, hours)
  }
  return hours
}

export function isOpenText(text: string, at: Date): boolean {
  const hours = parseHoursCached(text)
  return hours ? isOpenAt(hours, at) : false
}
