import * as z from 'zod'
import '../zod'
import { docId, optionalText, text } from '../fields'

/**
 * 会籍状态 besides 正常 and 已注销: 保留会籍 (会籍管理办法) for a member who retires, loses the job, or whose employer
 * closes. The membership is kept without dues, by the member's own union or, when that union goes with the
 * employer, by the union above it. Staff set it and lift it; nothing changes it on its own.
 */
export const RETAIN_REASONS = [
  { key: 'retired', label: '退休' },
  { key: 'unemployed', label: '失业' },
  { key: 'employer_closed', label: '单位注销' },
] as const
export type RetainReason = (typeof RETAIN_REASONS)[number]['key']
const REASON_KEYS = RETAIN_REASONS.map((r) => r.key) as unknown as [RetainReason, ...RetainReason[]]

export const retainReasonLabel = (key: RetainReason) => RETAIN_REASONS.find((r) => r.key === key)?.label ?? key

export const retainInput = z.object({
  id: docId('会员记录编号'),
  reason: z.enum(REASON_KEYS, { error: '请选择保留会籍的原因' }),
  /** `own`: the member's union keeps it; `parent`: the union above (the employer and its union are gone) */
  heldBy: z.enum(['own', 'parent'], { error: '请选择由哪个工会保留' }),
  note: optionalText('说明', { max: 200, multiline: true }),
})

export const liftRetainInput = z.object({
  id: docId('会员记录编号'),
  note: optionalText('说明', { max: 200, multiline: true }),
})

/** What a member and staff see of a retained membership. */
export interface Retained {
  reason: RetainReason
  /** 「保留会籍（退休）」 */
  label: string
  heldByOrgName: string
  since: string
}

// ---- 已转出: a member leaves for a union outside this county's app ----

/** Staff record where the member went (a union or place outside the app); the membership ends here. */
export const transferOutInput = z.object({
  id: docId('会员记录编号'),
  to: text('转往的工会或单位', { min: 2, max: 60 }),
  note: optionalText('说明', { max: 200, multiline: true }),
})

export interface TransferredOut {
  /** where to, as staff recorded it */
  to: string
  at: string
  /** the union the member left */
  fromOrgName: string
}

/** The four 会籍状态 of the issue, as staff and members read them. */
type Standing = 'normal' | 'retained' | 'transferred' | 'revoked'
export const STANDING_LABELS: Record<Standing, string> = { normal: '正常', retained: '保留会籍', transferred: '已转出', revoked: '已注销' }

/** A membership's state from its status; null while it is still an application (待审核、已驳回). */
export function standingOf(status: string, retained: boolean): Standing | null {
  if (status === 'approved') return retained ? 'retained' : 'normal'
  if (status === 'transferred_out') return 'transferred'
  if (status === 'revoked') return 'revoked'
  return null
}

/**
 * What a retained member may do, rule by rule: retained members keep their rights unless a rule says otherwise
 * (会籍管理办法: 保留会籍 is membership without dues). The card and the member-only notices of other services
 * show these lines; the services' own checks call `memberStanding` in cloudfunctions/_core/member.ts.
 */
export const RETAINED_RULES = [
  { rule: 'card', text: '电子会员卡继续有效，会员编号不变' },
  { rule: 'dues', text: '保留期间不需缴纳会费' },
  { rule: 'childcare', text: '可以为子女报名「仅限会员」的职工子女托管班' },
  { rule: 'quiz', text: '可以参加「仅限会员」的答题活动' },
  { rule: 'legalAid', text: '可以申请法律援助（法律援助不要求会员身份）' },
  { rule: 'transfer', text: '重新就业后，可以申请把会籍转到新单位的工会' },
] as const

// ---- 半年无活动名单: for staff review only; nothing changes on its own ----

/** 6 months without measurable activity (the 章程's rule on leaving), counted in Beijing calendar months. */
export const INACTIVE_MONTHS = 6

export const inactiveInput = z.object({
  page: z.number({ error: '页码必须是数字' }).int().min(1).max(10000).default(1),
  pageSize: z.number({ error: '每页数量必须是数字' }).int().min(1).max(50).default(20),
})

const INACTIVE_DECISIONS = [
  { key: 'keep', label: '已核实，保留会籍' },
  { key: 'reviewed', label: '已查看，另行处理' },
] as const
export type InactiveDecision = (typeof INACTIVE_DECISIONS)[number]['key']
const DECISION_KEYS = INACTIVE_DECISIONS.map((d) => d.key) as unknown as [InactiveDecision, ...InactiveDecision[]]
export const inactiveDecisionLabel = (k: InactiveDecision) => INACTIVE_DECISIONS.find((d) => d.key === k)?.label ?? k

export const reviewInactiveInput = z.object({
  id: docId('会员记录编号'),
  decision: z.enum(DECISION_KEYS, { error: '请选择核查结果' }),
  note: optionalText('说明', { max: 200, multiline: true }),
})

export interface InactiveItem {
  id: string
  name: string
  memberNo: string
  phoneMasked: string
  employer: string
  orgName: string
  /** the last activity the app saw (Beijing date shown): joining, 会员认证, opening the e-card, a transfer request */
  lastActiveAt: string
  claimed: boolean
  /** this year's mark, if any */
  mark?: { decision: InactiveDecision; label: string; at: string; by: string; note?: string }
}

export interface InactiveList {
  /** the Beijing year the marks belong to */
  year: number
  /** members whose last activity is before this instant */
  cutoff: string
  items: InactiveItem[]
  total: number
}
