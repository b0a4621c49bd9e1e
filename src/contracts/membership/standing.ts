import * as z from 'zod'
import '../zod'
import { docId, optionalText } from '../fields'

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
