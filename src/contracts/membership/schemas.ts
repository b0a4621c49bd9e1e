import * as z from 'zod'
import '../zod'
import { calendarDate, docId, optionalText, text } from '../fields'
import { ageOn, checkIdNumber, PHONE_RE } from './idcard'
import { isCardCode } from './cardcode'
import type { Retained, TransferredOut } from './standing'
import { driveCode } from './drives'
import {
  EDUCATIONS,
  ETHNICITIES,
  GENDERS,
  HUKOU_KEYS,
  NEW_EMPLOYMENT_KEYS,
  POLITICAL_STATUSES,
  type ApplicationStatus,
  type NewEmploymentType,
} from './options'

/** Age limits of 入会: the Labour Law's minimum working age; no upper limit for 退休返聘. */
const MIN_AGE = 16

/**
 * The public contract of `apply` (field names fixed by the issue). The form validates with it before
 * sending; the server validates again, with its own clock.
 */
export const applyInput = z
  .object({
    name: text('姓名', { min: 2, max: 30 }).refine((v) => /^[\u4e00-\u9fa5·•A-Za-z ]+$/.test(v), '姓名只能包含汉字、字母和间隔号'),
    gender: z.enum(GENDERS, { error: '请选择性别' }),
    ethnicity: z.enum(ETHNICITIES, { error: '请选择民族' }),
    idNumber: z
      .string({ error: '请填写身份证号' })
      .trim()
      .superRefine((v, ctx) => {
        const r = checkIdNumber(v)
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message })
        else if (ageOn(r.birth, new Date()) < MIN_AGE) ctx.addIssue({ code: 'custom', message: `未满 ${MIN_AGE} 周岁不能申请入会` })
      })
      .transform((v) => v.toUpperCase()),
    /** typed: only older clients and tests; the form sends the number WeChat verified (`phoneVerificationId`) */
    phone: z.string({ error: '请填写手机号' }).trim().regex(PHONE_RE, '手机号应为 11 位大陆手机号码').optional(),
    /** from `verifyPhone`: the server learnt the number from WeChat's 手机号快速验证, not from the form */
    phoneVerificationId: z.string({ error: '请重新验证手机号' }).trim().min(1, '请验证手机号').max(64, '请重新验证手机号').optional(),
    education: z.enum(EDUCATIONS, { error: '请选择学历' }),
    politicalStatus: z.enum(POLITICAL_STATUSES, { error: '请选择政治面貌' }),
    employer: text('工作单位', { min: 2, max: 60 }),
    occupation: text('职业/工种', { max: 30 }),
    hukouType: z.enum(HUKOU_KEYS, { error: '请选择户籍类型' }),
    newEmploymentType: z.enum(NEW_EMPLOYMENT_KEYS, { error: '请选择是否新就业形态' }),
    region: docId('所在地区'),
    /** 集中入会: the event's code the form was opened with; the application goes to that union and records the event */
    drive: driveCode.optional(),
    consent: z.literal(true, { error: '请阅读并同意个人信息保护说明' }),
  })
  .superRefine(
    (v, ctx) => {
      // Runs even when other fields failed (see `when`), so the form shows every problem at once; the values may
      // then be raw input, so read them defensively and stay quiet unless both sides are readable.
      const raw = v as { idNumber?: unknown; gender?: unknown; phone?: unknown; phoneVerificationId?: unknown }
      if (raw.phone === undefined && raw.phoneVerificationId === undefined) ctx.addIssue({ code: 'custom', path: ['phone'], message: '请验证手机号' })
      if (typeof raw.idNumber !== 'string' || (raw.gender !== '男' && raw.gender !== '女')) return
      const r = checkIdNumber(raw.idNumber.trim())
      if (r.ok && r.gender !== raw.gender) ctx.addIssue({ code: 'custom', path: ['gender'], message: '性别与身份证号不一致' })
    },
    // By default zod skips an object's refinements once any field failed: a wrong gender then surfaced only after
    // every other field was fixed.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  )
type ApplyInput = z.input<typeof applyInput>

const applicationId = docId('申请编号')

/** The shortest reasons a reviewer may write; the reason boxes state them before anyone types. */
export const REJECT_REASON_MIN = 2
export const REVOKE_REASON_MIN = 2

export const reviewInput = z
  .object({
    id: applicationId,
    decision: z.enum(['approve', 'reject'], { error: '请选择通过或驳回' }),
    reason: optionalText('驳回原因', { max: 200, multiline: true }),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && v.reason.length < REJECT_REASON_MIN) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `驳回原因至少 ${REJECT_REASON_MIN} 个字，请写明需要修改的地方，方便申请人修改` })
    }
  })

/** Each approval is ~15 store round trips; 20 keep one call well inside a cloud function's time limit. */
export const BULK_APPROVE_MAX = 20

export const bulkApproveInput = z.object({
  ids: z
    .array(applicationId, { error: '请选择申请' })
    .min(1, '请至少选择一份申请')
    .max(BULK_APPROVE_MAX, `一次最多批量通过 ${BULK_APPROVE_MAX} 份，请分批提交`),
})

export const listApplicationsInput = z.object({
  status: z.enum(['pending', 'approved', 'rejected', 'revoked', 'transferred_out', 'all'], { error: '状态筛选不正确' }).default('pending'),
  newEmployment: z.enum(['all', 'yes', 'no'], { error: '新就业形态筛选不正确' }).default('all'),
  from: calendarDate('开始日期').optional(),
  to: calendarDate('结束日期').optional(),
  page: z.number({ error: '页码必须是数字' }).int().min(1).max(10000).default(1),
  pageSize: z.number({ error: '每页数量必须是数字' }).int().min(1).max(50).default(20),
  /** 姓名（包含即可）、手机号后 4 位或会员编号 */
  q: optionalText('搜索内容', { max: 30 }).optional(),
})

export const getApplicationInput = z.object({ id: applicationId })

export const revokeInput = z.object({
  id: applicationId,
  reason: text('注销原因', { min: REVOKE_REASON_MIN, max: 200, multiline: true }),
})

/** A scanned QR payload (GH1./GH2. …) or the card's 8-character 核验码; the server tells them apart. */
export const verifyCardInput = z.object({
  payload: text('核验码', { max: 2000 }).refine(
    (s) => isCardCode(s) || (s.length >= 10 && s.startsWith('GH')),
    '核验码应为 8 位字母或数字（如 7K3M-9QXA），或扫描会员卡二维码',
  ),
})

export interface TimelineEntry {
  at: string
  /** imported / claimed / released: a roster member brought in, claimed by 会员认证, the claim undone */
  status: ApplicationStatus | 'submitted' | 'resubmitted' | 'transferred' | 'imported' | 'claimed' | 'released' | 'retained' | 'restored'
  note?: string
  /** the reviewer's name on review, revoke and transfer entries (staff see it) */
  by?: string
}

/** A phone WeChat verified for this caller, kept a few minutes for the form that asked (apply, 会员认证). */
export interface VerifiedPhone {
  verificationId: string
  phoneMasked: string
  expiresAt: string
}

// ---- 会籍转移 ----

const transferId = docId('转移申请编号')

export const requestTransferInput = z.object({
  toEmployer: text('新工作单位', { min: 2, max: 60 }),
  /** 所在地区 for routing a 新就业形态 member; the membership's own region when left out */
  region: docId('所在地区').optional(),
  reason: text('转移原因', { min: 2, max: 200, multiline: true }),
})

const TRANSFER_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const
export type TransferStatus = (typeof TRANSFER_STATUSES)[number]

export const transfersInput = z.object({
  status: z.enum(TRANSFER_STATUSES, { error: '状态筛选不正确' }).optional(),
})

export const reviewTransferInput = z
  .object({
    id: transferId,
    decision: z.enum(['approve', 'reject'], { error: '请选择同意或不同意' }),
    reason: optionalText('不同意的原因', { max: 200, multiline: true }),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && v.reason.length < 2)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '不同意时请写明原因，方便会员了解' })
  })

export const cancelTransferInput = z.object({ id: transferId })

export interface TransferItem {
  id: string
  status: TransferStatus
  memberName: string
  memberNo: string
  from: { id: string; name: string }
  to: { id: string; name: string }
  toEmployer: string
  reason: string
  requestedAt: string
  decidedAt?: string
  /** who decided (staff name); in staff lists only */
  decidedBy?: string
  rejectReason?: string
}

/** A transfer as staff see it: into one of their unions (they may decide) or out of one. */
export interface StaffTransferItem extends TransferItem {
  direction: 'in' | 'out'
  canDecide: boolean
}

// ---- 统计 (counts only: no names, ids or phones) ----

export interface MembershipStats {
  scope: string
  totalMembers: number
  newEmploymentMembers: number
  byOrg: { org: string; count: number }[]
  /** the last 12 Beijing months, oldest first, 'YYYY-MM' */
  byMonth: { month: string; count: number }[]
  stationsByArea: { area: string; stations: number; reports: number }[]
}

/** What the applicant sees of their own application. */
export interface MyApplication {
  id: string
  status: ApplicationStatus
  name: string
  idNumberMasked: string
  phoneMasked: string
  org: { id: string; name: string }
  /** `roster`: no application, the union's 会员名册 brought this member in */
  routedBy: 'employer' | 'region_industry' | 'industry' | 'county' | 'roster' | 'drive'
  rejectReason?: string
  timeline: TimelineEntry[]
  submittedAt: string
  /** 保留会籍 (退休、失业、单位注销): still a member */
  retained?: Retained
  /** 已转出: where the member went, when, and from which union (the card here is no longer valid) */
  transferredOut?: TransferredOut
  /** only for a revoked membership: when and why (the reviewer's note in the timeline), and whom to call */
  revoked?: { at: string; reason: string; orgName: string; phone?: string }
  /** the form as submitted, minus the two encrypted fields, so a rejected applicant can fix it */
  form: Omit<ApplyInput, 'idNumber' | 'phone' | 'phoneVerificationId' | 'consent' | 'drive'>
}

export interface ApplicationListItem {
  id: string
  name: string
  gender: string
  idNumberMasked: string
  phoneMasked: string
  employer: string
  occupation: string
  newEmploymentType: NewEmploymentType
  orgName: string
  status: ApplicationStatus
  /** 保留会籍 (still 已通过): lists show 「保留会籍（退休）」 beside the status */
  retainedLabel?: string
  submittedAt: string
}

export interface ApplicationDetail extends ApplicationListItem {
  /** the number came from WeChat's phone check rather than typed */
  phoneVerified: boolean
  retained?: Retained
  transferredOut?: TransferredOut
  /** roster members only: whether a WeChat account has claimed the e-card (会员认证) */
  claimed?: boolean
  ethnicity: string
  education: string
  politicalStatus: string
  hukouType: string
  region: string
  regionName: string
  routedBy: MyApplication['routedBy']
  rejectReason?: string
  memberNo?: string
  timeline: TimelineEntry[]
}

export interface MemberCard {
  memberNo: string
  name: string
  orgName: string
  joinDate: string
  status: 'valid' | 'revoked'
  /** 保留会籍: still a member (the card is valid), without dues, held by this union */
  retained?: Retained
  qr: CardQr
}

/** The card's QR, valid for a few minutes from `issuedAt`; the page refreshes it before `expiresAt`. */
export interface CardQr {
  payload: string
  image: string
  /** 8-character 核验码 with the same expiry, for reading out when scanning is impossible */
  code: string
  issuedAt: string
  expiresAt: string
  /** seconds the QR and code are valid from issue; the page counts down from it rather than the phone's clock */
  ttlSec: number
}

export interface CardVerification {
  valid: boolean
  /** 有效 · 已过期 (a screenshot or an old code) · 无效 (forged, unknown) · 已注销 (the member left) · 已转出 (moved away) */
  status: 'valid' | 'expired' | 'invalid' | 'revoked' | 'transferred_out'
  /** the verdict and why, e.g. 「已过期：…」 */
  label: string
  memberNo?: string
  nameMasked?: string
  orgName?: string
}

export interface MembershipOptions {
  regions: { id: string; name: string }[]
  /** employers that have their own grassroots union, offered as suggestions */
  employers: string[]
  privacyNotice: string
}

export interface BulkApproveResult {
  approved: number
  results: { id: string; ok: boolean; message?: string }[]
}
