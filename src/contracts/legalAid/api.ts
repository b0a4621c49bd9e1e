import * as z from 'zod'
import { mutation, query } from '../api'
import { docId } from '../fields'
import {
  acceptInput,
  assignInput,
  caseIdInput,
  deadlineRuleInput,
  declineInput,
  fileDataInput,
  fileLinkInput,
  idInput,
  listCasesInput,
  messageInput,
  rateInput,
  policyInput,
  objectInput,
  decideObjectionInput,
  requestDocsInput,
  statsInput,
  submitInput,
  transitionInput,
  uploadInput,
  type AccessLogEntry,
  type CaseDetail,
  type CaseListItem,
  type CaseStats,
  type EvidenceLink,
  type FileInfo,
  type LawyerOption,
  type MeansPolicy,
} from './schemas'
import {
  answerInput,
  askInput,
  consultIdInput,
  consultQueueInput,
  faqsInput,
  manageFaqsInput,
  moveFaqInput,
  saveFaqInput,
  type ConsultItem,
  type Faq,
} from './consult'

const none = z.object({})

/**
 * The `legalAid` cloud function. Roles say who may call an action at all; whether a given case is theirs
 * (applicant, staff of the receiving union or above, the assigned lawyer) is checked per case on the server.
 */
export const legalAidApi = {
  // worker
  submit: mutation<{ id: string }>()(submitInput, 'signedIn'),
  myCases: query<{ items: CaseListItem[] }>()(none, 'signedIn'),
  get: mutation<CaseDetail>()(idInput, 'signedIn'),
  message: mutation<CaseDetail>()(messageInput, 'signedIn'),
  rate: mutation<CaseDetail>()(rateInput, 'signedIn'),
  withdraw: mutation<CaseDetail>()(idInput, 'signedIn'),
  upload: mutation<FileInfo>()(uploadInput, 'signedIn'),
  fileLink: mutation<{ token: string; expiresAt: string }>()(fileLinkInput, 'signedIn'),
  fileData: mutation<EvidenceLink>()(fileDataInput, 'signedIn'),
  /** the applicant says every listed document is in: the case goes back to the union's desk */
  supplyDone: mutation<CaseDetail>()(caseIdInput, 'signedIn'),
  /** a refused applicant objects, once: the union above decides within 5 days */
  object: mutation<CaseDetail>()(objectInput, 'signedIn'),
  // staff and lawyers
  newCount: query<{ count: number }>()(none, ['staff', 'admin']),
  myCaseCount: query<{ count: number }>()(none, ['lawyer']),
  listCases: query<{ items: CaseListItem[] }>()(listCasesInput, ['staff', 'lawyer', 'admin']),
  lawyers: query<{ items: LawyerOption[] }>()(idInput, ['staff', 'admin']),
  accept: mutation<CaseDetail>()(acceptInput, ['staff', 'admin']),
  decline: mutation<CaseDetail>()(declineInput, ['staff', 'admin']),
  /** 一次性告知: what is missing, once, with a deadline */
  requestDocs: mutation<CaseDetail>()(requestDocsInput, ['staff', 'admin']),
  /** staff of the union above the one that refused: uphold the refusal or send the case back to be decided again */
  decideObjection: mutation<CaseDetail>()(decideObjectionInput, ['staff', 'admin']),
  assign: mutation<CaseDetail>()(assignInput, ['staff', 'admin']),
  transition: mutation<CaseDetail>()(transitionInput, ['staff', 'lawyer', 'admin']),
  stats: query<CaseStats>()(statsInput, ['staff', 'admin']),
  setDeadlines: mutation<{ orgId: string }>()(deadlineRuleInput, ['staff', 'admin']),
  /** the union's means test: off (零门槛) or on with a threshold; read by everyone before applying */
  setPolicy: mutation<MeansPolicy>()(policyInput, ['staff', 'admin']),
  policy: query<MeansPolicy>()(z.object({ orgId: docId('工会').optional() }), 'signedIn'),
  accessLog: query<{ items: AccessLogEntry[] }>()(caseIdInput, ['admin']),
  // 咨询 (consult.ts): anyone signed in asks and reads their own; the union's lawyers and staff answer
  ask: mutation<{ id: string }>()(askInput, 'signedIn'),
  myConsults: query<{ items: ConsultItem[] }>()(none, 'signedIn'),
  /** one consultation: its asker, or the lawyers and staff of the union it went to */
  consult: query<ConsultItem>()(consultIdInput, 'signedIn'),
  /** the 工作台 list: open ones oldest first, answered ones newest first, of the unions the caller serves */
  consultQueue: query<{ items: ConsultItem[] }>()(consultQueueInput, ['staff', 'lawyer', 'admin']),
  consultCount: query<{ count: number }>()(none, ['staff', 'lawyer', 'admin']),
  answer: mutation<ConsultItem>()(answerInput, ['staff', 'lawyer', 'admin']),
  /** 常见问答 a worker reads before asking: the union's visible entries, by 案由 */
  faqs: query<{ items: Faq[] }>()(faqsInput, 'signedIn'),
  manageFaqs: query<{ orgId: string; orgName: string; items: Faq[] }>()(manageFaqsInput, ['staff', 'admin']),
  saveFaq: mutation<Faq>()(saveFaqInput, ['staff', 'admin']),
  moveFaq: mutation<{ items: Faq[] }>()(moveFaqInput, ['staff', 'admin']),
}

declare module '../api' {
  interface Apis {
    legalAid: typeof legalAidApi
  }
}
