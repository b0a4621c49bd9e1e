/**
 * Beijing time (Asia/Shanghai) for every date and time people see or that a rule counts in days, whatever the
 * time zone of the phone or the server. China has kept UTC+8 without daylight saving since 1991, so a fixed
 * offset is exact and needs no time-zone database in the mini-program.
 *
 * The one module for it, on both sides (pages and functions). One name per meaning:
 *   beijingDay          2026-11-23          beijingTimeOfDay    10:05
 *   beijingDateTime     2026-11-23 10:05    (with `{ seconds: true }`: 2026-11-23 10:05:09)
 *   beijingMonthDay     11月23日            beijingMonthDayTime 11月23日 10:05 (with the year: 2026年11月23日 10:05)
 *   fromBeijingDateTime '2026-11-23 10:05' → the instant, 2026-11-23T10:05:00+08:00
 */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

type Instant = Date | string | number

const pad = (n: number) => String(n).padStart(2, '0')

/** The instant moved by +8 h, so its UTC fields read as the Beijing wall clock; null for unparseable text. */
function shifted(at: Instant): Date | null {
  const t = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at)
  return Number.isNaN(t) ? null : new Date(t + SHANGHAI_OFFSET_MS)
}

/** The Beijing calendar day of an instant, YYYY-MM-DD. A plain YYYY-MM-DD is returned as is. */
export function beijingDay(at: Instant = Date.now()): string {
  if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at)) return at
  const d = shifted(at)
  return d ? `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` : String(at)
}

/** HH:mm in Beijing time (the time of day only). */
export function beijingTimeOfDay(at: Instant): string {
  const d = shifted(at)
  return d ? `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : String(at)
}

/** YYYY-MM-DD HH:mm (or HH:mm:ss with `seconds`) in Beijing time; unparseable text comes back unchanged. */
export function beijingDateTime(at: Instant, opts: { seconds?: boolean } = {}): string {
  const d = shifted(at)
  if (!d) return String(at)
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${opts.seconds ? ':' + pad(d.getUTCSeconds()) : ''}`
  return `${beijingDay(at)} ${time}`
}

/** 11月23日 in Beijing time, for short lists (a deadline's last day: pass the instant it ends, minus 1 ms). */
export function beijingMonthDay(at: Instant): string {
  const d = shifted(at)
  return d ? `${d.getUTCMonth() + 1}月${d.getUTCDate()}日` : String(at)
}

/** 11月23日 10:05 in Beijing time, or 2026年11月23日 10:05 `withYear`. */
export function beijingMonthDayTime(at: Instant, withYear = false): string {
  const d = shifted(at)
  if (!d) return String(at)
  const text = `${beijingMonthDay(at)} ${beijingTimeOfDay(at)}`
  return withYear ? `${d.getUTCFullYear()}年${text}` : text
}

/**
 * The instant a Beijing wall-clock time names: 'YYYY-MM-DD HH:mm' (or with a T) → 'YYYY-MM-DDTHH:mm:00+08:00'.
 * Anything else comes back trimmed and unchanged, for the contract's own check to name the field.
 */
export function fromBeijingDateTime(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(text.trim())
  return m ? `${m[1]}T${m[2]}:00+08:00` : text.trim()
}

/** The Beijing year of an instant. */
export function beijingYear(at: Instant = Date.now()): number {
  return Number(beijingDay(at).slice(0, 4))
}

/** Day of week (0 = Sunday) and minutes since midnight, Beijing time. */
export function beijingClock(at: Date): { day: number; minutes: number } {
  const t = new Date(at.getTime() + SHANGHAI_OFFSET_MS)
  return { day: t.getUTCDay(), minutes: t.getUTCHours() * 60 + t.getUTCMinutes() }
}

/** The instant a Beijing calendar day starts (00:00 +08:00). */
export function startOfBeijingDay(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`)
}

/** The instant a Beijing calendar day ends (23:59:59.999 +08:00). */
export function endOfBeijingDay(day: string): Date {
  return new Date(`${day}T23:59:59.999+08:00`)
}

/** The Beijing calendar day `n` days after `day` (negative for before). */
export function addDays(day: string, n: number): string {
  const t = startOfBeijingDay(day).getTime() + n * 86400_000
  return beijingDay(t)
}
