/**
 * Beijing time (Asia/Shanghai) for every date and time people see or that a rule counts in days, whatever the
 * time zone of the phone or the server. China has kept UTC+8 without daylight saving since 1991, so a fixed
 * offset is exact and needs no time-zone database in the mini-program.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

const pad = (n: number) => String(n).padStart(2, '0')

function shifted(at: Date | string | number): Date | null {
  const t = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at)
  return Number.isNaN(t) ? null : new Date(t + SHANGHAI_OFFSET_MS)
}

/** The Beijing calendar day of an instant, YYYY-MM-DD. A plain YYYY-MM-DD is returned as is. */
export function beijingDay(at: Date | string | number = Date.now()): string {
  if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at)) return at
  const d = shifted(at)
  return d ? `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` : String(at)
}

/** HH:mm in Beijing time. */
export function beijingTime(at: Date | string | number): string {
  const d = shifted(at)
  return d ? `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : String(at)
}

/** YYYY-MM-DD HH:mm in Beijing time; unparseable text comes back unchanged. */
export function beijingDateTime(at: Date | string | number): string {
  const d = shifted(at)
  return d ? `${beijingDay(at)} ${beijingTime(at)}` : String(at)
}

/** The Beijing year of an instant. */
export function beijingYear(at: Date | string | number = Date.now()): number {
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
