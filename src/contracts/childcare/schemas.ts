import * as z from 'zod'
import '../zod'
import { calendarDate, dateTime, docId, optionalText, text } from '../fields'
import { checkIdNumber } from '../membership/idcard'
import { GENDERS } from '../membership/options'
import { TERMS, type Allocation, type Audience, type ClassStatus, type Term } from './rules'
import { healthDeclaration, type ClassNotice } from './health'
import { startOfBeijingDay } from '../time'
import { PRIORITY_KEYS, priorityInput, type ClaimView, type PriorityView } from './priority'

const grade = (label: string) =>
  z.coerce
    .number({ error: `请选择${label}` })
    .int(`${label}应为 1–9 的整数`)
    .min(1, `${label}应为 1–9（一年级至初三）`)
    .max(9, `${label}应为 1–9（一年级至初三）`)

export const saveChildInput = z
  .object({
    id: docId('孩子编号').optional(),
    name: text('孩子姓名', { min: 2, max: 30 }).pipe(z.string().regex(/^[\u4e00-\u9fa5·•A-Za-z ]+$/, '孩子姓名只能包含汉字、字母和间隔号')),
    gender: z.enum(GENDERS, { error: '请选择性别' }),
    idNumber: z
      .string({ error: '请填写身份证号' })
      .trim()
      .superRefine((v, ctx) => {
        const r = checkIdNumber(v)
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message })
      })
      .transform((v) => v.toUpperCase()),
    grade: grade('年级'),
    school: optionalText('就读学校', { max: 40 }),
    health: optionalText('健康情况', { max: 200, multiline: true }),
    pickupPeople: optionalText('接送人', { max: 100 }),
  })
  .superRefine((v, ctx) => {
    const r = checkIdNumber(v.idNumber)
    if (r.ok && r.gender !== v.gender) ctx.addIssue({ code: 'custom', path: ['gender'], message: '性别与身份证号不一致' })
  })

export const idInput = z.object({ id: docId('编号') })
export const classIdInput = z.object({ classId: docId('托管班编号') })
export const bookingIdInput = z.object({ bookingId: docId('预约编号') })

export const bookInput = z.object({
  classId: docId('托管班编号'),
  childIds: z
    .array(docId('孩子编号'), { error: '请选择要报名的孩子' })
    .min(1, '请选择要报名的孩子')
    .max(5, '一次最多为 5 个孩子报名')
    .refine((a) => new Set(a).size === a.length, '同一个孩子选了两次'),
  requestId: z.string({ error: '缺少请求编号' }).regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号不正确'),
  /** the 告家长书 version the parent read (classes with a notice require the current one) */
  noticeVersion: z.number({ error: '请先阅读告家长书' }).int().min(1).optional(),
  /** one per child, for classes with a notice */
  health: z.array(healthDeclaration).max(5).optional(),
  /** 优先名额: the group the parent claims for these children (the class must reserve places for it) */
  claim: z.enum(PRIORITY_KEYS, { error: '优先类别不正确' }).optional(),
})

export const verifyClaimInput = z.object({
  bookingId: docId('预约编号'),
  approve: z.boolean({ error: '请选择通过或不通过' }),
})

export const checkInInput = z.object({
  code: z
    .string({ error: '请填写签到码' })
    .trim()
    .transform((s) => s.replace(/^CC:/i, '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{8}$/, '签到码应为 8 位字母或数字')),
})

export const upsertClassInput = z
  .object({
    id: docId('托管班编号').optional(),
    // Callers from before terms existed opened summer classes only.
    term: z.enum(TERMS, { error: '请选择托管类型' }).default('暑期'),
    title: text('班级名称', { min: 2, max: 40 }),
    site: text('托管点', { min: 2, max: 40 }),
    address: text('地址', { min: 2, max: 80 }),
    startDate: calendarDate('开班日期'),
    endDate: calendarDate('结束日期'),
    dailyHours: text('每日时段', { max: 30 }),
    gradeMin: grade('最低年级'),
    gradeMax: grade('最高年级'),
    capacity: z.coerce.number({ error: '请填写名额' }).int('名额应为整数').min(1, '名额至少 1 个').max(2000, '名额最多 2000 个'),
    opensAt: dateTime('开放报名时间'),
    closesAt: dateTime('报名截止时间'),
    cancelBefore: dateTime('取消截止时间'),
    audience: z.enum(['all', 'members'], { error: '请选择报名对象' }),
    allocation: z.enum(['fcfs', 'lottery'], { error: '请选择分配方式' }),
    fee: z.coerce.number({ error: '费用应为数字' }).min(0, '费用不能为负').max(100000, '费用过大').default(0),
    description: optionalText('课程内容', { max: 1000, multiline: true }),
    /** 告家长书: parents read it (and declare each child's health) before booking; a change makes a new version */
    notice: optionalText('告家长书', { max: 3000, multiline: true }),
    /** the 街道/乡镇 the class serves: parents who registered interest there (意向登记) are told when it opens */
    areaId: z.preprocess((v) => (v === '' ? null : v), docId('服务街道').nullable().optional()),
    /** 优先名额; null or absent: every place is open to all */
    priority: priorityInput.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.priority) {
      if (v.priority.places > v.capacity) ctx.addIssue({ code: 'custom', path: ['priority', 'places'], message: '优先名额不能多于总名额' })
      const r = v.priority.releaseAt
      if (v.allocation === 'fcfs' && !r) ctx.addIssue({ code: 'custom', path: ['priority', 'releaseAt'], message: '请填写优先名额释放时间' })
      if (v.allocation === 'fcfs' && r && (Date.parse(r) <= Date.parse(v.opensAt) || Date.parse(r) > Date.parse(v.closesAt)))
        ctx.addIssue({ code: 'custom', path: ['priority', 'releaseAt'], message: '优先名额释放时间应在开放报名之后、报名截止之前' })
    }
    if (v.endDate < v.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开班日期' })
    if (v.gradeMax < v.gradeMin) ctx.addIssue({ code: 'custom', path: ['gradeMax'], message: '最高年级不能低于最低年级' })
    if (Date.parse(v.closesAt) <= Date.parse(v.opensAt)) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: '报名截止时间应晚于开放时间' })
    if (Date.parse(v.cancelBefore) > startOfBeijingDay(v.startDate).getTime())
      ctx.addIssue({ code: 'custom', path: ['cancelBefore'], message: '取消截止时间不能晚于开班当天' })
  })

export interface ClassSummary {
  id: string
  term: Term
  title: string
  site: string
  address: string
  startDate: string
  endDate: string
  dailyHours: string
  gradeMin: number
  gradeMax: number
  capacity: number
  remaining: number
  waiting: number
  opensAt: string
  closesAt: string
  cancelBefore: string
  status: ClassStatus
  audience: Audience
  allocation: Allocation
  fee: number
  orgName: string
  /** 优先名额, where the class reserves some */
  priority?: PriorityView
  /** the 街道/乡镇 the class serves, where staff gave one */
  areaId?: string
  areaName?: string
}

export interface LotteryInfo {
  /** SHA-256 of the secret seed, published when the class was created */
  seedHash: string
  /** revealed once drawn */
  seed?: string
  drawnAt?: string
  applicants: number
  /** after the draw: every application's public number in drawn order, for anyone to recompute */
  order?: BallotEntry[]
  /** the caller's own applications' numbers in this class, to find them in `order` */
  mine?: string[]
  /** how to recompute the order, step by step in plain words */
  recipe: string[]
  /** 优先名额 of the first pass (classes that reserve places) */
  priorityPlaces?: number
}

export interface BallotEntry {
  /** first 16 hex characters of SHA-256(applicationId) */
  ticket: string
  children: number
  result: 'confirmed' | 'waitlisted'
  /** a verified 优先名额 claim: placed in the first pass while reserved places last (classes with priority places) */
  priority?: boolean
}

export const BALLOT_RECIPE: string[] = [
  '开班时公布「种子承诺」，抽签后公布种子。用任何 SHA-256 工具计算种子文字的摘要，应与种子承诺完全相同，说明种子在报名前就定好了、没有换过。',
  '下表列出每份申请的 16 位编号（兄弟姐妹一起报名算一份），您自己的申请已标出。编号由系统从申请记录算出，不含孩子的任何信息。',
  '以种子为密钥，对每个编号计算 HMAC-SHA256，得到 64 位的十六进制字符串；把所有编号按这个字符串从小到大排列，就是抽签顺序。',
  '按顺序分配名额：一份申请的孩子都放得下就中签，放不下就按顺序进入候补，后面人数更少的申请仍可补上剩余名额。',
  '有优先名额的班分两轮，用的是同一个顺序：第一轮只看表中标「优先」的申请（资格已核实），按顺序分配优先名额；第二轮把剩下的名额（含第一轮没用完的优先名额）按顺序分给其余所有申请，规则同上。',
]

export interface ClassDetail extends ClassSummary {
  description: string
  /** 告家长书; absent on classes opened without one (then no health declaration is asked) */
  notice?: ClassNotice
  rules: string[]
  /** the server's clock, for the countdown */
  serverNow: string
  lottery?: LotteryInfo
}

export interface ChildView {
  id: string
  name: string
  gender: string
  idNumberMasked: string
  grade: number
  school: string
  health: string
  pickupPeople: string
}

export type BookingStatus = 'confirmed' | 'waitlisted' | 'offered' | 'applied'

export interface BookResult {
  bookings: Array<{ id: string; childId: string; status: 'confirmed' | 'waitlisted' | 'applied'; position?: number; claim?: ClaimView }>
}

export interface MyBooking {
  id: string
  classId: string
  classTitle: string
  site: string
  startDate: string
  endDate: string
  dailyHours: string
  childId: string
  childName: string
  status: BookingStatus
  /** waitlisted: place in the queue now */
  position?: number
  offerExpiresAt?: string
  cancelBefore: string
  canCancel: boolean
  /** confirmed: the check-in code and its QR image */
  code?: string
  qr?: string
  checkins: string[]
  claim?: ClaimView
}

export interface RosterRow {
  bookingId: string
  childName: string
  gender: string
  grade: number
  idNumberMasked: string
  parentName: string
  status: BookingStatus
  position?: number
  checkedInToday: boolean
  attended: number
  /** attended / days so far (0–1) */
  attendanceRate: number
  /** the parent's 健康申报, where the class asked for one: the statements answered 否, and the note */
  health?: { flagged: boolean; no: string[]; note: string; noticeVersion: number }
  /** 优先名额 claim, for staff to verify */
  claim?: ClaimView
}

export interface Roster {
  class: ClassSummary
  today: string
  days: number
  daysSoFar: number
  rows: RosterRow[]
}

export interface CheckInResult {
  bookingId: string
  childName: string
  classTitle: string
  day: string
  alreadyCheckedIn: boolean
  attended: number
}

export interface LotteryResult {
  seed: string
  seedHash: string
  /** applications in drawn order; `ticket` is what HMAC(seed, ticket) ranks */
  order: Array<{ applicationId: string; ticket: string; children: number; result: 'confirmed' | 'waitlisted'; priority?: boolean }>
  /** reserved places the first pass could give */
  priorityPlaces?: number
}
