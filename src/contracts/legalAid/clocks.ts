import { addDays, beijingDay, startOfBeijingDay } from '../time'
import type { Category } from './schemas'

/**
 * The law's clocks on a case, shared by the server (which flags and sorts) and the form (which warns as the
 * worker types):
 * - 法律援助法 第四十四条: fewer than 7 days before a limitation period ends or a hearing → 先行援助;
 * - 劳动争议调解仲裁法 第二十七条: one year to apply for arbitration, for a claim after the job ended counted from
 *   the day it ended (wages owed while still employed have no limit until the job ends).
 */
const FIRST_AID_DAYS = 7
const ARBITRATION_WARN_DAYS = 60

type ClockKind = 'hearing' | 'limitation' | 'arbitration'
const CLOCK_LABELS: Record<ClockKind, string> = {
  hearing: '开庭日期',
  limitation: '时效届满日',
  arbitration: '申请仲裁的最后一天',
}

/** 案由 whose arbitration limit the app computes from the day the job ended (欠薪, 辞退 under 劳动合同). */
export const ARBITRATION_CATEGORIES: Category[] = ['wage', 'contract']

export interface Clock {
  kind: ClockKind
  /** YYYY-MM-DD, a Beijing day */
  day: string
}

/** The last day to apply for arbitration: one year from the day the job ended (29 Feb → 28 Feb). */
export function arbitrationLastDay(leftOn: string): string {
  const [y, m, d] = leftOn.split('-').map(Number)
  const next = `${y + 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  return m === 2 && d === 29 ? `${y + 1}-02-28` : next
}

/** Whole Beijing days from today to `day` (0 on the day itself, negative once passed). */
export function daysLeft(day: string, now: Date | number | string): number {
  const today = beijingDay(now)
  return Math.round((startOfBeijingDay(day).getTime() - startOfBeijingDay(today).getTime()) / 86400_000)
}

/** The clocks a worker's dates set; the arbitration clock only for the 案由 it applies to. */
export function clocksOf(input: { category?: Category | ''; hearingDay?: string; limitationDay?: string; leftOn?: string }): Clock[] {
  const out: Clock[] = []
  if (input.hearingDay) out.push({ kind: 'hearing', day: input.hearingDay })
  if (input.limitationDay) out.push({ kind: 'limitation', day: input.limitationDay })
  if (input.leftOn && input.category && ARBITRATION_CATEGORIES.includes(input.category))
    out.push({ kind: 'arbitration', day: arbitrationLastDay(input.leftOn) })
  return out
}

/** 「开庭日期 12月10日，还剩 3 天」: why a case is flagged, in words staff and the worker read. */
export function clockText(c: Clock, now: Date | number | string): string {
  const left = daysLeft(c.day, now)
  const [, m, d] = c.day.split('-').map(Number)
  const when = left < 0 ? `已过 ${-left} 天` : left === 0 ? '就是今天' : `还剩 ${left} 天`
  return `${CLOCK_LABELS[c.kind]} ${m}月${d}日，${when}`
}

/** The nearest clock still running with fewer than 7 days left: the reason for 先行援助, or null. */
export function firstAidClock(clocks: Clock[], now: Date | number | string): Clock | null {
  const running = clocks.filter((c) => {
    const left = daysLeft(c.day, now)
    return left >= 0 && left < FIRST_AID_DAYS
  })
  running.sort((a, b) => a.day.localeCompare(b.day))
  return running[0] ?? null
}

/** A warning for the worker when the arbitration year is nearly out (under 60 days) or already past. */
export function arbitrationWarning(clocks: Clock[], now: Date | number | string): string | null {
  const c = clocks.find((x) => x.kind === 'arbitration')
  if (!c) return null
  const left = daysLeft(c.day, now)
  const [y, m, d] = c.day.split('-').map(Number)
  if (left < 0) return `按离职日期算，申请劳动仲裁的一年期限已于 ${y}年${m}月${d}日 届满。如有中断、中止等情形仍可申请，请尽快提交，工会会帮您判断。`
  if (left < ARBITRATION_WARN_DAYS) return `申请劳动仲裁的一年期限只剩 ${left} 天（到 ${y}年${m}月${d}日）。请尽快提交，逾期可能无法申请仲裁。`
  return null
}

/** Bounds the date wheels offer: a hearing or a limitation end from today on; the day the job ended up to today. */
export function clockBounds(now: Date | number | string): { future: { start: string; end: string }; past: { start: string; end: string } } {
  const today = beijingDay(now)
  return { future: { start: today, end: addDays(today, 3 * 366) }, past: { start: addDays(today, -5 * 366), end: today } }
}
