import { beijingDay, beijingTime } from '@/contracts/time'

/** A Beijing instant as people read it on a card: 11月23日 10:00 (or 2026年11月23日 10:00). */
export function shortTime(iso: string, withYear = false): string {
  const [y, m, d] = beijingDay(iso).split('-')
  const md = `${Number(m)}月${Number(d)}日 ${beijingTime(iso)}`
  return withYear ? `${y}年${md}` : md
}

/** A Beijing calendar day as 2026年11月23日. */
export function longDay(day: string): string {
  const [y, m, d] = day.split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}
