import * as z from 'zod'
import '../zod'
import { dateTime, docId, optionalText, text } from '../fields'
import { uploadedFile } from '../files'
import { LEVEL_OPENINGS, MAX_LEVELS, level, type Level, type LevelOpening, type LevelView } from './levels'

/** The weights of a campaign's prizes share 10,000 values; what is left is 谢谢参与. */
export const WEIGHT_TOTAL = 10_000
const MAX_OPTIONS = 6
const MAX_QUESTIONS = 500
/** Faster than this per question is not reading: the attempt is flagged for staff. */
export const HUMAN_MS_PER_QUESTION = 2000
/** A submit arriving this long after the deadline (network, slow phones) still counts. */
export const SUBMIT_GRACE_MS = 15_000

export const QUESTION_TYPES = ['single', 'multiple', 'judge'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]
export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = { single: '单选', multiple: '多选', judge: '判断' }
export const JUDGE_OPTIONS = ['正确', '错误']

export const PRIZE_KINDS = ['phone_credit', 'red_packet', 'goods', 'voucher'] as const
export type PrizeKind = (typeof PRIZE_KINDS)[number]
export const PRIZE_KIND_LABELS: Record<PrizeKind, string> = { phone_credit: '话费', red_packet: '红包', goods: '实物', voucher: '消费券' }
export const NO_PRIZE = '谢谢参与'

export const question = z
  .object({
    id: docId('题目编号').optional(),
    type: z.enum(QUESTION_TYPES, { error: '请选择题型（单选、多选或判断）' }),
    stem: text('题干', { max: 300, multiline: true }),
    options: z
      .array(text('选项', { max: 100 }), { error: '请填写选项' })
      .max(MAX_OPTIONS, `选项最多 ${MAX_OPTIONS} 个`)
      .default([]),
    answer: z
      .array(z.number({ error: '答案必须是选项序号' }).int('答案必须是选项序号').min(0, '答案必须是选项序号'), { error: '请选择正确答案' })
      .min(1, '请选择正确答案'),
    explanation: optionalText('解析', { max: 500, multiline: true }),
    /** in a campaign of levels: which level's bank (0-based) */
    level: z
      .number({ error: '所属关卡不正确' })
      .int('所属关卡不正确')
      .min(0, '所属关卡不正确')
      .max(MAX_LEVELS - 1, '所属关卡不正确')
      .optional(),
  })
  .transform((q) => (q.type === 'judge' ? { ...q, options: [...JUDGE_OPTIONS] } : q))
  .superRefine((q, ctx) => {
    if (q.type !== 'judge' && q.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: '选项至少 2 个' })
    if (new Set(q.options).size !== q.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: '选项不能重复' })
    if (q.answer.some((a) => a >= q.options.length)) ctx.addIssue({ code: 'custom', path: ['answer'], message: '答案超出了选项范围' })
    if (new Set(q.answer).size !== q.answer.length) ctx.addIssue({ code: 'custom', path: ['answer'], message: '答案不能重复' })
    if (q.type !== 'multiple' && q.answer.length !== 1)
      ctx.addIssue({ code: 'custom', path: ['answer'], message: `${QUESTION_TYPE_LABELS[q.type]}题只能有一个正确答案` })
  })
export type Question = z.output<typeof question>

const prize = z
  .object({
    name: text('奖品名称', { max: 30 }),
    kind: z.enum(PRIZE_KINDS, { error: '请选择奖品类型（话费、红包、实物或消费券）' }),
    quantity: z.number({ error: '奖品数量必须是数字' }).int('奖品数量必须是整数').min(1, '奖品数量至少 1').max(1_000_000, '奖品数量太大'),
    weight: z
      .number({ error: '中奖权重必须是数字' })
      .int('中奖权重必须是整数')
      .min(1, '中奖权重至少 1')
      .max(WEIGHT_TOTAL, `中奖权重最多 ${WEIGHT_TOTAL}`),
    /** 驿站券 (a voucher): false when staff chose 指定驿站, which then needs `stationId` */
    anyStation: z.boolean({ error: '使用地点设置不正确' }).optional(),
    /** 驿站券: the station it is used at; absent or '' for 任意驿站 */
    stationId: z.string({ error: '请选择驿站' }).max(80, '请选择驿站').optional(),
    /** 驿站券: valid this many days from the day it is won (that day counting as the first) */
    validDays: z
      .number({ error: '有效天数必须是数字' })
      .int('有效天数必须是整数')
      .min(1, '有效天数至少 1 天')
      .max(366, '有效天数最多 366 天')
      .optional(),
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'voucher' && p.anyStation === false && !p.stationId)
      ctx.addIssue({ code: 'custom', path: ['stationId'], message: '请选择使用券的驿站' })
  })

export type Prize = z.output<typeof prize>

const count = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .min(min, `${label}至少 ${min}`)
    .max(max, `${label}最多 ${max}`)

export const upsertCampaignInput = z
  .object({
    id: docId('活动编号').optional(),
    title: text('活动名称', { min: 2, max: 40 }),
    description: optionalText('活动说明', { max: 500, multiline: true }),
    startAt: dateTime('开始时间'),
    endAt: dateTime('结束时间'),
    audience: z.enum(['all', 'members'], { error: '请选择参与对象' }),
    questionsPerAttempt: count('每次题数', 1, 50),
    timeLimitSec: count('答题时限（秒）', 30, 3600),
    passScore: count('及格题数', 1, 50),
    attemptsPerDay: count('每天答题次数', 1, 20),
    drawsPerPass: count('每次及格的抽奖次数', 0, 10),
    dailyPrizeCap: count('每天发奖上限', 1, 1_000_000).optional(),
    showRanking: z.boolean({ error: '排行榜设置不正确' }).default(false),
    /** 'draw': each right is a draw from the table; 'pick': each right lets the winner choose a prize in stock */
    prizeMode: z.enum(['draw', 'pick'], { error: '请选择发奖方式' }).default('draw'),
    /** 练习模式: the bank may be practised while the campaign runs (it always may after the end) */
    practiceOpen: z.boolean({ error: '练习模式设置不正确' }).default(false),
    questions: z.array(question, { error: '题目格式不正确' }).max(MAX_QUESTIONS, `题库最多 ${MAX_QUESTIONS} 题`).optional(),
    prizes: z.array(prize, { error: '奖品格式不正确' }).max(20, '奖品最多 20 种').optional(),
    /** 闯关: empty for a plain campaign */
    levels: z.array(level, { error: '关卡格式不正确' }).max(MAX_LEVELS, `关卡最多 ${MAX_LEVELS} 个`).default([]),
    levelOpening: z.enum(LEVEL_OPENINGS, { error: '请选择关卡开放方式' }).default('daily'),
  })
  .superRefine((v, ctx) => {
    v.questions?.forEach((q, i) => {
      if (q.level !== undefined && q.level >= v.levels.length)
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'level'],
          message: v.levels.length ? `没有第 ${q.level + 1} 关` : '本活动没有设置关卡',
        })
    })
    if (v.endAt <= v.startAt) ctx.addIssue({ code: 'custom', path: ['endAt'], message: '结束时间应晚于开始时间' })
    if (v.passScore > v.questionsPerAttempt) ctx.addIssue({ code: 'custom', path: ['passScore'], message: '及格题数不能多于每次题数' })
    const total = (v.prizes ?? []).reduce((s, p) => s + p.weight, 0)
    if (total > WEIGHT_TOTAL) ctx.addIssue({ code: 'custom', path: ['prizes'], message: `奖品权重合计 ${total}，不能超过 ${WEIGHT_TOTAL}` })
  })

export const campaignIdInput = z.object({ campaignId: docId('活动编号') })
export const idInput = z.object({ id: docId('活动编号') })

/** Pasted CSV rides inside the call, so it stays small (at most 60 KB of UTF-8); a bigger bank goes as a file. */
const MAX_PASTE_CHARS = 20_000
/** A question bank of 500 rows is far below this; the sheet upload kind allows more for other imports. */
export const MAX_QUESTION_FILE_BYTES = 2 * 1024 * 1024

/** Questions from a file uploaded to storage first (`fileId`, .xlsx or .csv in UTF-8 or GBK) or from pasted CSV. */
export const importQuestionsInput = z
  .object({
    campaignId: docId('活动编号'),
    fileId: uploadedFile('表格文件').optional(),
    csv: z
      .string({ error: '粘贴的内容不正确' })
      .max(MAX_PASTE_CHARS, `粘贴的内容过长（最多 ${MAX_PASTE_CHARS / 10000} 万字）：请把题目保存为文件后选择文件导入`)
      .optional(),
    replace: z.boolean().default(false),
  })
  .refine((v) => (v.fileId === undefined) !== (v.csv === undefined), { message: '请选择文件或粘贴 CSV 内容（二选一）', path: ['csv'] })

export const startInput = z.object({
  campaignId: docId('活动编号'),
  /** in a campaign of levels, which level (0-based) */
  level: z
    .number({ error: '关卡不正确' })
    .int('关卡不正确')
    .min(0, '关卡不正确')
    .max(MAX_LEVELS - 1, '关卡不正确')
    .optional(),
})
export const submitInput = z.object({
  attemptId: docId('答题编号'),
  answers: z.record(
    z.string().max(64),
    z
      .array(
        z
          .number()
          .int()
          .min(0)
          .max(MAX_OPTIONS - 1),
      )
      .max(MAX_OPTIONS),
    { error: '答案格式不正确' },
  ),
})
export const drawInput = campaignIdInput
/** 选奖品: one right spent on this prize, if it is still in stock */
export const pickInput = z.object({
  campaignId: docId('活动编号'),
  prizeId: z.string({ error: '请选择奖品' }).min(1, '请选择奖品').max(80, '请选择奖品'),
})
export const claimInput = z.object({
  drawId: docId('抽奖编号'),
  name: optionalText('收件人', { max: 20 }),
  phone: z
    .union([
      z.literal(''),
      z
        .string()
        .trim()
        .regex(/^1[3-9]\d{9}$/, '手机号应为 11 位大陆手机号码'),
    ])
    .default(''),
  address: optionalText('收货地址', { max: 120 }),
})
export const fairnessInput = z.object({ campaignId: docId('活动编号'), page: z.number().int().min(1).max(10_000).default(1) })

// ---- answers ----

export type CampaignState = 'upcoming' | 'running' | 'ended'
export const CAMPAIGN_STATE_LABELS: Record<CampaignState, string> = { upcoming: '未开始', running: '进行中', ended: '已结束' }

export interface PrizeView {
  id: string
  name: string
  kind: PrizeKind
  quantity: number
  weight: number
  remaining: number
  /** 驿站券: where it is used (stationId '' = 任意驿站) and for how many days */
  voucher?: VoucherTerms
}

/** Where and how long a 驿站券 is good for, as configured on its prize. */
export interface VoucherTerms {
  /** '' for 任意驿站 */
  stationId: string
  stationName: string
  validDays: number
}

export interface CampaignSummary {
  id: string
  title: string
  description: string
  startAt: string
  endAt: string
  state: CampaignState
  audience: 'all' | 'members'
  questionsPerAttempt: number
  timeLimitSec: number
  passScore: number
  attemptsPerDay: number
  attemptsLeftToday: number
  drawsLeft: number
  bestScore: number | null
  seedHash: string
  showRanking: boolean
  prizes: PrizeView[]
  /** 闯关: the path, in order; empty for a plain campaign (and in the campaign list, which shows only the count) */
  levels: LevelView[]
  levelCount: number
  levelOpening: LevelOpening
  /** the certificate's code once every level is passed */
  certificateCode: string | null
  /** the bank may be practised now (ended, or 练习模式 on) */
  practiceAvailable: boolean
  /** 'pick': rights are spent choosing a prize in stock, not drawing */
  prizeMode: 'draw' | 'pick'
}

export interface StartResult {
  level?: number
  attemptId: string
  deadline: string
  questions: Array<{ id: string; type: QuestionType; stem: string; options: string[] }>
}

export interface SubmitResult {
  score: number
  total: number
  passed: boolean
  passScore: number
  review: Array<{ questionId: string; correct: boolean; answer: number[]; yours: number[]; explanation: string }>
  drawsGranted: number
  level?: number
  prizeMode?: 'draw' | 'pick'
  /** passing this try completed the campaign's last level: its certificate */
  certificateCode?: string
}

export interface DrawResult {
  drawId: string
  won: boolean
  prize?: { name: string; kind: PrizeKind }
  drawsLeft: number
}

export type ClaimStatus = 'unclaimed' | 'claimed'

export interface MyPrize {
  drawId: string
  campaignId: string
  campaignTitle: string
  prizeName: string
  kind: PrizeKind
  wonAt: string
  claimStatus: ClaimStatus
  claimedAt?: string
  phoneMasked?: string
  addressMasked?: string
  nameMasked?: string
  voucherCode?: string
  /** 驿站券 once claimed: the QR to show the keeper, where and until when it is good, and whether it was used */
  voucher?: VoucherView
  /** 待发放 / 已发放 / 已核销, once claimed */
  deliveryStatus?: 'pending' | 'delivered' | 'redeemed'
  deliveredAt?: string
  /** how staff delivered it: parcel number, top-up or transfer record */
  deliveryNote?: string
}

export interface Winner {
  nameMasked: string
  prizeName: string
  wonAt: string
}

export interface FairnessView {
  seedHash: string
  seed?: string
  revealed: boolean
  /**
   * The prize table every draw is applied to, in the order values are walked: prize i covers the values
   * [from, to] (0–9999). Locked from the start (and from the first draw), so it is the table the seed met.
   */
  prizes: Array<{ name: string; weight: number; quantity: number; from: number; to: number }>
  /** values from here to 9999 are 谢谢参与 */
  noPrizeFrom: number
  draws: Array<{ drawId: string; value?: number; intended: string; intendedIndex: number; issued: boolean }>
  total: number
  page: number
}

export interface RankingRow {
  rank: number
  nameMasked: string
  score: number
  seconds: number
}

export interface CampaignEdit {
  id: string
  title: string
  description: string
  startAt: string
  endAt: string
  audience: 'all' | 'members'
  questionsPerAttempt: number
  timeLimitSec: number
  passScore: number
  attemptsPerDay: number
  drawsPerPass: number
  dailyPrizeCap?: number
  showRanking: boolean
  seedHash: string
  state: CampaignState
  questions: Array<Question & { id: string }>
  prizes: PrizeView[]
  levels: Level[]
  levelOpening: LevelOpening
  practiceOpen: boolean
  prizeMode: 'draw' | 'pick'
  prizesLocked: boolean
  /** someone has drawn: the start time is what the draws were made under */
  startLocked: boolean
}

export interface ManagedCampaign {
  id: string
  title: string
  startAt: string
  endAt: string
  state: CampaignState
  questionCount: number
}

export interface QuizStats {
  participants: number
  attempts: number
  passed: number
  passRate: number
  flagged: Array<{ nameMasked: string; score: number; seconds: number; at: string }>
  flaggedCount: number
  questions: Array<{ id: string; stem: string; asked: number; correct: number; rate: number }>
  prizes: Array<{ name: string; kind: PrizeKind; quantity: number; issued: number }>
  days: Array<{ day: string; attempts: number; passed: number; issued: number }>
}

export interface ImportReport {
  added: number
  rows: Array<{ row: number; ok: boolean; stem: string; errors: string[] }>
  message?: string
}

/** A 驿站券 as its owner sees it in 我的奖品. */
export interface VoucherView {
  code: string
  /** a data: URL of the QR the keeper scans; absent once used or expired */
  qr?: string
  stationName: string
  anyStation: boolean
  /** last Beijing day it can be used, YYYY-MM-DD */
  validUntil: string
  status: 'valid' | 'redeemed' | 'expired'
  redeemedAt?: string
  redeemedStationName?: string
}
