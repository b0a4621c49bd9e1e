import type { BookingStatus, ClassSummary } from '@/contracts/childcare/schemas'
import { gradeRange } from '@/contracts/childcare/rules'
import type { NoticeKey } from '@/contracts/notices'
import { beijingDateTime } from '@/contracts/time'

export const CC = {
  list: '/pages/childcare/index/index',
  cls: (id: string) => `/pages/childcare/class/index?id=${encodeURIComponent(id)}`,
  children: '/pages/childcare/children/index',
  mine: '/pages/childcare/mine/index',
  manage: '/pages/childcare/manage/index',
  edit: '/pages/childcare/edit/index',
  roster: (id: string) => `/pages/childcare/roster/index?id=${encodeURIComponent(id)}`,
  checkin: '/pages/childcare/checkin/index',
  intent: '/pages/childcare/intent/index',
}

export const STATUS_TONE: Record<ClassSummary['status'], string> = { 未开放: 'grey', 报名中: 'green', 已满: 'amber', 已截止: 'faint' }

export const BOOKING_LABEL: Record<BookingStatus, string> = {
  confirmed: '预约成功',
  waitlisted: '候补中',
  offered: '候补到名额，待确认',
  applied: '已申请抽签',
}

export function classLine(c: ClassSummary): string {
  return `${c.startDate.slice(5)} 至 ${c.endDate.slice(5)} · ${c.dailyHours} · ${gradeRange(c.gradeMin, c.gradeMax)}`
}

export function placesLine(c: ClassSummary): string {
  if (c.allocation === 'lottery') return `名额 ${c.capacity} · 抽签`
  if (c.status === '未开放') return `名额 ${c.capacity} · ${beijingDateTime(c.opensAt)} 开放`
  // With places held back for priority groups, 「剩余 28/30」 read as two places already gone: name both pools.
  if (c.priority && !c.priority.released) {
    const general = c.remaining > 0 ? `普通名额剩余 ${c.remaining}` : `普通名额已满 · 候补 ${c.waiting} 人`
    return `${general} · 优先名额剩余 ${c.priority.remaining}（共 ${c.capacity}）`
  }
  if (c.remaining > 0) return `剩余 ${c.remaining}/${c.capacity}`
  return `已满 · 候补 ${c.waiting} 人`
}

/**
 * The notices a booking of this class can bring later: a lottery's result, and for a waitlisted child a place
 * offered or lapsed. Asked for even when the page shows places left: at opening time that count is seconds
 * old, and the waitlist is exactly when the parent needs to hear back. A confirmed place uses none of them.
 */
export function bookingNotices(c: Pick<ClassSummary, 'allocation'>): NoticeKey[] {
  return c.allocation === 'lottery'
    ? ['childcare_lottery', 'childcare_offer', 'childcare_offer_expired']
    : ['childcare_offer', 'childcare_offer_expired']
}

/** 2 天 03:04:05 until `target`, by the server's clock (offset measured at load). */
export function countdown(ms: number): string {
  if (ms <= 0) return ''
  const s = Math.floor(ms / 1000)
  const d = Math.floor(s / 86400)
  const hh = String(Math.floor((s % 86400) / 3600)).padStart(2, '0')
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0')
  const ss = String(s % 60).padStart(2, '0')
  return `${d ? `${d} 天 ` : ''}${hh}:${mm}:${ss}`
}

export function newRequestId(): string {
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}
