import * as z from 'zod'
import '../zod'
import { calendarDate, docId, optionalText, text } from '../fields'
import { UPLOAD_KINDS, uploadedFile, type DownloadLink } from '../files'

/** 案由: what the dispute is about. */
export const CATEGORIES = ['wage', 'injury', 'contract', 'social_insurance', 'other'] as const
export type Category = (typeof CATEGORIES)[number]
export const CATEGORY_LABELS: Record<Category, string> = {
  wage: '欠薪',
  injury: '工伤',
  contract: '劳动合同',
  social_insurance: '社会保险',
  other: '其他',
}

/** 援助形式, chosen when the union accepts. */
export const FORMS = ['consult', 'document', 'mediation', 'arbitration', 'litigation'] as const
export type AidForm = (typeof FORMS)[number]
export const FORM_LABELS: Record<AidForm, string> = {
  consult: '咨询',
  document: '代写文书',
  mediation: '调解',
  arbitration: '仲裁代理',
  litigation: '诉讼代理',
}

export const STATUSES = ['submitted', 'needs_docs', 'accepted', 'declined', 'objecting', 'assigned', 'in_progress', 'closed'] as const
export type CaseStatus = (typeof STATUSES)[number]
export const STATUS_LABELS: Record<CaseStatus, string> = {
  submitted: '已提交',
  needs_docs: '待补充材料',
  accepted: '已受理',
  declined: '不予受理',
  objecting: '异议审查中',
  assigned: '已指派',
  in_progress: '办理中',
  closed: '已办结',
}

export const OUTCOMES = ['mediated', 'arbitration', 'litigation', 'answered', 'withdrawn'] as const
export type Outcome = (typeof OUTCOMES)[number]
export const OUTCOME_LABELS: Record<Outcome, string> = {
  mediated: '调解成功',
  arbitration: '仲裁',
  litigation: '诉讼',
  answered: '咨询解答',
  withdrawn: '撤回',
}

/** A wage claim brought by this many people or more is a 群体案件, handled first. */
export const GROUP_SIZE = 3

/** The guided form: what to bring per 案由, and an example of facts and claim. */
export const GUIDE: Record<Category, { evidence: string[]; factsExample: string; claimExample: string }> = {
  wage: {
    evidence: ['劳动合同', '工资条或银行流水', '考勤记录', '欠条或结算单', '聊天记录'],
    factsExample: '2026 年 3 月起在某建筑工地做钢筋工，包工头说年底结清，至今拖欠 4 个月工资。',
    claimExample: '要求支付拖欠工资 24000 元。',
  },
  injury: {
    evidence: ['诊断证明', '病历和医疗费票据', '工伤认定书', '劳动能力鉴定结论', '劳动合同或工作证'],
    factsExample: '2026 年 5 月在车间操作冲床时右手受伤，单位不给申报工伤。',
    claimExample: '要求单位申报工伤并支付停工留薪期工资和医疗费。',
  },
  contract: {
    evidence: ['劳动合同', '解除或辞退通知', '工资条', '考勤记录', '聊天记录'],
    factsExample: '工作两年一直没签劳动合同，上周被口头辞退。',
    claimExample: '要求支付未签合同的二倍工资和违法解除赔偿金。',
  },
  social_insurance: {
    evidence: ['劳动合同', '社保缴费记录', '工资条', '聊天记录'],
    factsExample: '入职三年，单位从未缴纳社会保险。',
    claimExample: '要求单位补缴社会保险。',
  },
  other: {
    evidence: ['劳动合同', '聊天记录', '其他相关材料'],
    factsExample: '请写清楚时间、单位、发生了什么。',
    claimExample: '请写清楚希望得到什么结果。',
  },
}

/** Evidence files: photos and PDFs only, checked by their first bytes on the server. */
export const FILE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const
export type FileType = (typeof FILE_TYPES)[number]
export const MAX_FILE_BYTES = UPLOAD_KINDS.evidence.maxBytes
export const MAX_FILES = 10
/** items in one 补充材料 list */
export const MAX_DOC_ITEMS = 10
/** files one case may hold: the application's, and as many again once documents were asked for */
export const maxCaseFiles = (docsRequested: boolean) => (docsRequested ? 2 * MAX_FILES : MAX_FILES)

const PHONE_RE = /^1[3-9]\d{9}$/
const phone = z.string({ error: '请填写手机号' }).trim().regex(PHONE_RE, '手机号应为 11 位大陆手机号')
const money = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .min(0, `${label}不能为负数`)
    .max(100_000_000, `${label}过大`)

export const submitInput = z.object({
  category: z.enum(CATEGORIES, { error: '请选择案由' }),
  employer: text('用人单位', { max: 60 }),
  facts: text('事实经过', { min: 10, max: 2000, multiline: true }),
  claim: text('诉求', { min: 2, max: 500, multiline: true }),
  amount: money('涉及金额').optional(),
  phone,
  groupSize: z.number({ error: '人数应为数字' }).int('人数应为整数').min(1, '人数至少 1 人').max(1000, '人数最多 1000 人').default(1),
  fileIds: z.array(docId('证据文件'), { error: '证据文件不正确' }).max(MAX_FILES, `证据最多 ${MAX_FILES} 个文件`).default([]),
  /** the law's clocks (clocks.ts): a hearing, the end of a limitation period, the day the job ended */
  hearingDay: calendarDate('开庭日期').optional(),
  limitationDay: calendarDate('时效届满日').optional(),
  leftOn: calendarDate('离职日期').optional(),
  /** the statement a union that means-tests asks for (法律援助法 第四十一条 个人诚信承诺, 第四十二条 exemptions) */
  migrant: z.boolean({ error: '请选择是否是农民工' }).default(false),
  assistance: z.boolean({ error: '请选择是否领取社会救助' }).default(false),
  monthlyIncome: money('家庭人均月收入').optional(),
  promise: z.boolean({ error: '请勾选个人诚信承诺' }).default(false),
  /** the consultation this application grew from (咨询 → 申请), the applicant's own */
  consultId: docId('咨询编号').optional(),
})
export type SubmitInput = z.input<typeof submitInput>

export const idInput = z.object({ id: docId('案件编号') })
export const caseIdInput = z.object({ caseId: docId('案件编号') })
export const messageInput = z.object({ caseId: docId('案件编号'), text: text('留言', { max: 500, multiline: true }) })
export const rateInput = z.object({
  caseId: docId('案件编号'),
  score: z.number({ error: '请选择评分' }).int('评分应为 1 到 5 的整数').min(1, '评分应为 1 到 5').max(5, '评分应为 1 到 5'),
  comment: optionalText('评价', { max: 300, multiline: true }),
})

/** A file already uploaded to the caller's own storage folder (kind `evidence`), and the name to show it by. */
export const uploadInput = z.object({
  caseId: docId('案件编号').optional(),
  /** while the case waits for documents: the item of the list this file answers */
  docItem: z
    .number({ error: '材料项不正确' })
    .int('材料项不正确')
    .min(0, '材料项不正确')
    .max(MAX_DOC_ITEMS - 1, '材料项不正确')
    .optional(),
  name: text('文件名', { max: 100 }),
  fileId: uploadedFile('证据文件'),
})

export const fileLinkInput = z.object({ fileId: docId('文件编号') })
export const fileDataInput = z.object({ token: z.string({ error: '链接无效' }).min(10, '链接无效').max(600, '链接无效') })

export const listCasesInput = z.object({
  status: z.enum(STATUSES, { error: '状态不正确' }).optional(),
  overdue: z.boolean({ error: '逾期筛选不正确' }).optional(),
})

export const acceptInput = z.object({
  id: docId('案件编号'),
  form: z.enum(FORMS, { error: '请选择援助形式' }),
  note: optionalText('受理意见', { max: 300, multiline: true }),
})
export const declineInput = z.object({ id: docId('案件编号'), reason: text('不予受理的理由', { min: 4, max: 300, multiline: true }) })
export const assignInput = z.object({ id: docId('案件编号'), lawyerOpenid: docId('律师') })
export const transitionInput = z
  .object({
    id: docId('案件编号'),
    to: z.enum(['in_progress', 'closed'], { error: '目标状态不正确' }),
    note: optionalText('办理说明', { max: 500, multiline: true }),
    outcome: z.enum(OUTCOMES, { error: '请选择办结结果' }).optional(),
    amountRecovered: money('挽回金额').optional(),
  })
  .refine((v) => v.to !== 'closed' || v.outcome, { path: ['outcome'], message: '办结时请选择结果' })

/** 一次性告知 (法律援助法 第四十三条): everything missing, listed once, with the day it is due. */
export const requestDocsInput = z.object({
  id: docId('案件编号'),
  items: z
    .array(text('材料名称', { min: 2, max: 40 }), { error: '请列出需要补充的材料' })
    .min(1, '请至少列出一项需要补充的材料')
    .max(MAX_DOC_ITEMS, `最多列 ${MAX_DOC_ITEMS} 项`)
    .refine((a) => new Set(a).size === a.length, '材料名称有重复'),
  dueDay: calendarDate('补充期限'),
  note: optionalText('说明', { max: 300, multiline: true }),
})

/** 异议 (法律援助法 第四十九条): a refused applicant objects once; the union above decides within 5 days. */
export const OBJECTION_DAYS = 5
export const objectInput = z.object({ id: docId('案件编号'), reason: text('异议理由', { min: 4, max: 500, multiline: true }) })
export const decideObjectionInput = z
  .object({
    id: docId('案件编号'),
    decision: z.enum(['uphold', 'overturn'], { error: '请选择维持或改正' }),
    note: optionalText('审查意见', { max: 300, multiline: true }),
  })
  .refine((v) => v.decision !== 'uphold' || (v.note ?? '').trim().length >= 4, { path: ['note'], message: '维持不予受理时请写明理由（至少 4 个字）' })

export interface Objection {
  reason: string
  at: string
  /** 24:00 Beijing of the fifth day */
  dueAt: string
  reviewOrgId: string
  reviewOrgName: string
  decision: 'uphold' | 'overturn' | null
  note: string
  decidedAt: string | null
  by: string | null
}

/**
 * A union's means test (经济困难审查). Off means 零门槛 (上海's way). On: a household income per person per month at or
 * under the threshold, and optionally a least amount in dispute (锦州: 1000 元); 农民工 claiming wages or 工伤 and
 * people on social assistance are exempt by law (第四十二条). Applicants state their income under a 个人诚信承诺.
 */
export const policyInput = z
  .object({
    orgId: docId('工会'),
    meansTest: z.boolean({ error: '请选择是否审查经济困难' }),
    incomeThreshold: money('收入标准').optional(),
    minAmount: money('涉案金额下限').optional(),
  })
  .refine((v) => !v.meansTest || v.incomeThreshold !== undefined, { path: ['incomeThreshold'], message: '审查经济困难时请填写家庭人均月收入标准' })
export interface MeansPolicy {
  orgId: string
  orgName: string
  meansTest: boolean
  incomeThreshold: number | null
  minAmount: number | null
}

export const statsInput = z.object({ from: calendarDate('开始日期').optional(), to: calendarDate('结束日期').optional() })

export const deadlineRuleInput = z.object({
  orgId: docId('工会'),
  decisionDays: z.number({ error: '受理期限应为数字' }).int('受理期限应为整数').min(1, '受理期限至少 1 天').max(60, '受理期限最多 60 天'),
  assignDays: z.number({ error: '指派期限应为数字' }).int('指派期限应为整数').min(1, '指派期限至少 1 天').max(30, '指派期限最多 30 天'),
  unit: z.enum(['days', 'workdays'], { error: '请选择按自然日或工作日计算' }),
})

// ---- answers ----

export interface TimelineEntry {
  at: string
  status: CaseStatus | 'message' | 'rated' | 'file' | 'docs_supplied'
  note: string
  by: string
}

export interface CaseListItem {
  id: string
  category: Category
  employer: string
  applicantName: string
  phoneMasked: string
  groupSize: number
  urgent: boolean
  status: CaseStatus
  orgName: string
  submittedAt: string
  /** the running deadline: decision while 已提交, assignment while 已受理 */
  dueAt: string | null
  overdue: boolean
  lawyerName: string | null
  /** 先行援助 (第四十四条): why, e.g. 「开庭日期 12月10日，还剩 3 天」; null when no clock is that close */
  firstAid: string | null
}

export interface DocsRequest {
  items: { label: string; fileIds: string[] }[]
  /** the last Beijing day to supply them; after it the case is treated as withdrawn */
  dueDay: string
  note: string
  requestedAt: string
  by: string
  suppliedAt: string | null
}

export interface FileInfo {
  id: string
  name: string
  type: FileType
  size: number
}

interface CaseMessage {
  at: string
  fromName: string
  role: 'applicant' | 'staff' | 'lawyer'
  text: string
  mine: boolean
}

export interface CaseDetail extends CaseListItem {
  /** who is looking: the page shows what they may do */
  viewerRole: 'applicant' | 'staff' | 'lawyer'
  facts: string
  claim: string
  amount: number | null
  /** full number for staff and the lawyer (their read is logged); masked for the applicant's own view */
  phone: string
  hardshipExempt: boolean
  /** the means test as applied at submission, in words for staff (「家庭人均月收入 1800 元，标准 2000 元，已作诚信承诺」) */
  means: string | null
  form: AidForm | null
  declineReason: string | null
  outcome: Outcome | null
  amountRecovered: number | null
  rating: { score: number; comment: string } | null
  decisionDue: string | null
  assignDue: string | null
  deadlineNote: string | null
  files: FileInfo[]
  /** the dates the worker gave, in words (「开庭日期 12月10日，还剩 3 天」) */
  clocks: string[]
  arbitrationWarning: string | null
  docsRequest: DocsRequest | null
  objection: Objection | null
  /** the viewer is staff of the union that reviews the objection (and did not make the refusal) */
  canDecideObjection: boolean
  /** the consultation the application grew from, if any */
  consultId: string | null
  timeline: TimelineEntry[]
  messages: CaseMessage[]
}

export interface LawyerOption {
  openid: string
  name: string
}

export interface CaseStats {
  total: number
  byCategory: { key: Category; label: string; count: number }[]
  byStatus: { key: CaseStatus; label: string; count: number }[]
  medianDaysToDecision: number | null
  medianDaysToClose: number | null
  amountRecovered: number
  rating: { average: number | null; count: number }
}

export interface AccessLogEntry {
  at: string
  openid: string
  name: string
  role: string
  what: 'case' | 'file'
  fileId: string | null
}

/** What `fileData` answers for a valid token: a storage link that lives about two minutes, and the real type. */
export interface EvidenceLink extends DownloadLink {
  type: FileType
}
