import * as z from 'zod'
import { action } from '../api'
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
} from './schemas'

const none = z.object({})

/**
 * The `legalAid` cloud function. Roles say who may call an action at all; whether a given case is theirs
 * (applicant, staff of the receiving union or above, the assigned lawyer) is checked per case on the server.
 */
export const legalAidApi = {
  // worker
  submit: action<{ id: string }>()(submitInput, 'signedIn'),
  myCases: action<{ items: CaseListItem[] }>()(none, 'signedIn'),
  get: action<CaseDetail>()(idInput, 'signedIn'),
  message: action<CaseDetail>()(messageInput, 'signedIn'),
  rate: action<CaseDetail>()(rateInput, 'signedIn'),
  withdraw: action<CaseDetail>()(idInput, 'signedIn'),
  upload: action<FileInfo>()(uploadInput, 'signedIn'),
  fileLink: action<{ token: string; expiresAt: string }>()(fileLinkInput, 'signedIn'),
  fileData: action<EvidenceLink>()(fileDataInput, 'signedIn'),
  // staff and lawyers
  newCount: action<{ count: number }>()(none, ['staff', 'admin']),
  myCaseCount: action<{ count: number }>()(none, ['lawyer']),
  listCases: action<{ items: CaseListItem[] }>()(listCasesInput, ['staff', 'lawyer', 'admin']),
  lawyers: action<{ items: LawyerOption[] }>()(idInput, ['staff', 'admin']),
  accept: action<CaseDetail>()(acceptInput, ['staff', 'admin']),
  decline: action<CaseDetail>()(declineInput, ['staff', 'admin']),
  assign: action<CaseDetail>()(assignInput, ['staff', 'admin']),
  transition: action<CaseDetail>()(transitionInput, ['staff', 'lawyer', 'admin']),
  stats: action<CaseStats>()(statsInput, ['staff', 'admin']),
  setDeadlines: action<{ orgId: string }>()(deadlineRuleInput, ['staff', 'admin']),
  accessLog: action<{ items: AccessLogEntry[] }>()(caseIdInput, ['admin']),
}

declare module '../api' {
  interface Apis {
    legalAid: typeof legalAidApi
  }
}
