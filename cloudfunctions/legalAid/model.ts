import { maskPhone } from '../../src/contracts/membership/idcard'
import type {
  AidForm,
  CaseDetail,
  CaseListItem,
  CaseStatus,
  Category,
  DocsRequest,
  Objection,
  FileType,
  Outcome,
  TimelineEntry,
} from '../../src/contracts/legalAid/schemas'
import { arbitrationWarning, clockText, firstAidClock, type Clock } from '../../src/contracts/legalAid/clocks'

export const CASES = 'legal_cases'
export const MESSAGES = 'legal_messages'
export const FILES = 'legal_files'
export const ACCESS_LOG = 'legal_access_log'
export const SETTINGS = 'legal_settings'

export type CaseDoc = {
  _id: string
  applicantOpenid: string
  applicantName: string
  category: Category
  employer: string
  facts: string
  claim: string
  amount: number | null
  /** AES-GCM sealed; null only in demo seed data written without keys */
  phoneCipher: string | null
  phoneMasked: string
  groupSize: number
  urgent: boolean
  /** 0 群体案件, 1 工伤, 2 others: the intake queue's first sort key */
  priority: number
  /** 农民工 claiming wages or 工伤 compensation skip the financial-hardship test (法律援助法 第四十二条) */
  hardshipExempt: boolean
  /** the means test as applied at submission (policy.ts); absent on older cases */
  means?: string | null
  fileIds: string[]
  orgId: string
  orgName: string
  status: CaseStatus
  form: AidForm | null
  declineReason: string | null
  lawyerOpenid: string | null
  lawyerName: string | null
  outcome: Outcome | null
  amountRecovered: number | null
  rating: { score: number; comment: string } | null
  submittedAt: string
  decidedAt: string | null
  assignedAt: string | null
  closedAt: string | null
  decisionDue: string | null
  assignDue: string | null
  /** the deadline that runs now (decision, then assignment), for sorting and the overdue filter */
  dueAt: string | null
  deadlineNote: string | null
  /** the dates the worker gave (clocks.ts); absent on cases stored before they were asked */
  clocks?: Clock[]
  /** 补充材料: the one list of what is missing; absent or null when none was asked */
  docsRequest?: DocsRequest | null
  /** set once the 「即将视为撤回」 notice went out */
  docsReminded?: boolean
  /** who refused (openid): they may not review the objection to their own refusal */
  declinedBy?: string | null
  /** 异议 against a refusal; absent or null when none */
  objection?: Objection | null
  /** the consultation this application grew from (咨询 → 申请); absent on older cases */
  consultId?: string | null
  timeline: TimelineEntry[]
}

export type MessageDoc = {
  _id: string
  caseId: string
  at: string
  fromOpenid: string
  fromName: string
  role: 'applicant' | 'staff' | 'lawyer'
  text: string
}

export type FileDoc = {
  _id: string
  ownerOpenid: string
  caseId: string | null
  name: string
  type: FileType
  size: number
  sha256: string
  ref: string
  uploadedAt: string
}

export function priorityOf(category: Category, groupSize: number): number {
  if (category === 'wage' && groupSize >= 3) return 0
  if (category === 'injury') return 1
  return 2
}

export function toListItem(d: CaseDoc, now: Date): CaseListItem {
  return {
    id: d._id,
    category: d.category,
    employer: d.employer,
    applicantName: d.applicantName,
    phoneMasked: d.phoneMasked,
    groupSize: d.groupSize,
    urgent: d.urgent,
    status: d.status,
    orgName: d.orgName,
    submittedAt: d.submittedAt,
    dueAt: d.dueAt,
    overdue: !!d.dueAt && Date.parse(d.dueAt) < now.getTime(),
    lawyerName: d.lawyerName,
    firstAid: firstAidOf(d, now),
  }
}

/** Statuses in which a case still runs against the law's clocks. */
const CLOCK_STATUSES: CaseStatus[] = ['submitted', 'needs_docs', 'accepted', 'assigned', 'in_progress']

/** 先行援助 is a reading of the clocks at `now`: a case submitted 10 days before its hearing is flagged 3 days later. */
export function firstAidClockOf(d: CaseDoc, now: Date): Clock | null {
  return CLOCK_STATUSES.includes(d.status) ? firstAidClock(d.clocks ?? [], now) : null
}

function firstAidOf(d: CaseDoc, now: Date): string | null {
  const c = firstAidClockOf(d, now)
  return c ? clockText(c, now) : null
}

export function toDetail(
  d: CaseDoc,
  now: Date,
  viewer: { role: CaseDetail['viewerRole']; openid: string; phone: string | null; mayReview?: boolean },
  files: CaseDetail['files'],
  messages: MessageDoc[],
): CaseDetail {
  return {
    ...toListItem(d, now),
    viewerRole: viewer.role,
    facts: d.facts,
    claim: d.claim,
    amount: d.amount,
    phone: viewer.role === 'applicant' || !viewer.phone ? d.phoneMasked : viewer.phone,
    hardshipExempt: d.hardshipExempt,
    means: d.means ?? null,
    form: d.form,
    declineReason: d.declineReason,
    outcome: d.outcome,
    amountRecovered: d.amountRecovered,
    rating: d.rating,
    decisionDue: d.decisionDue,
    assignDue: d.assignDue,
    deadlineNote: d.deadlineNote,
    files,
    clocks: (d.clocks ?? []).map((c) => clockText(c, now)),
    arbitrationWarning: CLOCK_STATUSES.includes(d.status) ? arbitrationWarning(d.clocks ?? [], now) : null,
    docsRequest: d.docsRequest ?? null,
    objection: d.objection ?? null,
    canDecideObjection: !!viewer.mayReview,
    consultId: d.consultId ?? null,
    timeline: d.timeline,
    messages: messages.map((m) => ({ at: m.at, fromName: m.fromName, role: m.role, text: m.text, mine: m.fromOpenid === viewer.openid })),
  }
}

export { maskPhone }
