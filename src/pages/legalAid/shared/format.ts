import type { CaseStatus } from '@/contracts/legalAid/schemas'

/** Beijing time whatever the phone's zone: 11月23日 10:05. */
export function beijingTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600e3)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}

/** The last day of a deadline (ends 24:00 Beijing): 12月2日. */
export function beijingDay(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600e3 - 1)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

export const STATUS_TONE: Record<CaseStatus, string> = {
  submitted: 'amber',
  accepted: 'amber',
  declined: 'grey',
  assigned: 'green',
  in_progress: 'green',
  closed: 'faint',
}

export const DETAIL_URL = (id: string) => `/pages/legalAid/detail/index?id=${encodeURIComponent(id)}`
