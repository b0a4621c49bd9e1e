import type { CaseStatus } from '@/contracts/legalAid/schemas'
import { beijingMonthDay } from '@/contracts/time'

/** The last day of a deadline, which ends at 24:00 Beijing time (the instant stored): 12月2日. */
export function deadlineDay(iso: string): string {
  return beijingMonthDay(Date.parse(iso) - 1)
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
