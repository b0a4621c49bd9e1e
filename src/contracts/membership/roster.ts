import * as z from 'zod'
import '../zod'
import { docId, text } from '../fields'
import { uploadedFile } from '../files'
import { checkIdNumber } from './idcard'
import type { FieldError } from '../result'

/**
 * 会员名册导入: the members a union already has on paper come in from Excel. Each row becomes a membership (status
 * 已通过, no application), so nobody on the roster applies again; the worker then claims the e-card by 会员认证.
 */
export const importRosterInput = z.object({
  fileId: uploadedFile('表格文件'),
  dryRun: z.boolean({ error: '「预览」必须是真或假' }).default(false),
})

export type RosterRowStatus = 'created' | 'updated' | 'unchanged' | 'refused'

export interface RosterRow {
  /** the sheet's own row number, header = 1 */
  row: number
  /** 姓名 as written (the report is for the staff who uploaded it; 身份证号 only masked) */
  name: string
  idNumberMasked: string
  status: RosterRowStatus
  /** `path` is the column header, e.g. 身份证号 */
  errors?: FieldError[]
  /** what an update changes, in words: 「工作单位：A → B」 */
  changes?: string[]
  /** the member number the row has or will get (blank 会员编号 cells get one on import) */
  memberNo?: string
}

/** With `dryRun` the counts say what a real import would do; nothing was written. */
export interface RosterReport {
  dryRun: boolean
  created: number
  updated: number
  unchanged: number
  refused: number
  /** the template's example row, left out on purpose */
  skipped: number
  rows: RosterRow[]
}

/** A sheet this big is several units' rosters: they go in one by one (and one call stays within its time). */
export const ROSTER_MAX_ROWS = 1000

// ---- 会员认证: a roster member claims the e-card with this WeChat account ----

/** 姓名 + 身份证号 as on the roster, and the phone the roster has, verified by WeChat (never typed). */
export const claimInput = z.object({
  name: text('姓名', { min: 2, max: 30 }),
  idNumber: z
    .string({ error: '请填写身份证号' })
    .trim()
    .min(1, '请填写身份证号')
    .superRefine((v, ctx) => {
      const r = checkIdNumber(v)
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message })
    })
    .transform((v) => v.toUpperCase()),
  phoneVerificationId: z.string({ error: '请验证手机号' }).trim().min(1, '请验证手机号').max(64, '请重新验证手机号'),
})
export type ClaimInput = z.input<typeof claimInput>

/** An admin undoes a claim made by the wrong WeChat account; the reason goes to the audit log and the timeline. */
export const releaseClaimInput = z.object({
  id: docId('会员记录编号'),
  reason: text('解除原因', { min: 2, max: 200, multiline: true }),
})

// ---- 会员查询: anyone asks whether a person is a member, and of which union; nothing else ----

export const lookupInput = z.object({
  name: text('姓名', { min: 2, max: 30 }),
  idNumber: claimInput.shape.idNumber,
})

/** 是/不是 and which union: no number, date, phone or employer. */
export interface LookupAnswer {
  member: boolean
  orgName?: string
}
