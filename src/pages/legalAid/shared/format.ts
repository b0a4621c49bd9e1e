import type { CaseStatus } from '@/contracts/legalAid/schemas'
import { beijingMonthDay } from '@/contracts/time'

/** The last day of a deadline, which ends at 24:00 Beijing (the instant itself is the next day's 00:00): 12月2日. */
export function lastDay(iso: string): string {
  return beijingMonthDay(Date.parse(iso) - 1)
}

/** 12月2日 for a plain YYYY-MM-DD. */
export function dayText(day: string): string {
  const [, m, d] = day.split('-').map(Number)
  return `${m}月${d}日`
}

export const STATUS_TONE: Record<CaseStatus, string> = {
  submitted: 'amber',
  needs_docs: 'red',
  accepted: 'amber',
  declined: 'grey',
  objecting: 'amber',
  assigned: 'green',
  in_progress: 'green',
  closed: 'faint',
}

/** Which deadline runs while a case is in a state. */
export const DUE_LABEL: Partial<Record<CaseStatus, string>> = {
  submitted: '受理决定期限',
  needs_docs: '补充材料期限',
  accepted: '指派律师期限',
  objecting: '异议答复期限',
}

export const DETAIL_URL = (id: string) => `/pages/legalAid/detail/index?id=${encodeURIComponent(id)}`
