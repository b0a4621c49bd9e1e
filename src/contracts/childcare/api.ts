import * as z from 'zod'
import { action } from '../api'
import type { DownloadLink } from '../files'
import {
  bookInput,
  bookingIdInput,
  checkInInput,
  classIdInput,
  idInput,
  saveChildInput,
  upsertClassInput,
  type BookResult,
  type CheckInResult,
  type ChildView,
  type ClassDetail,
  type ClassSummary,
  type LotteryResult,
  type MyBooking,
  type Roster,
} from './schemas'
import { accessLogInput, giveConsentInput, type AccessEntry, type ConsentState } from './privacy'

const none = z.object({})
const STAFF = ['staff', 'admin'] as const satisfies readonly ['staff', 'admin']

/** The `childcare` cloud function: 暑期托管. */
export const childcareApi = {
  listClasses: action<{ items: ClassSummary[]; serverNow: string }>()(none, 'signedIn'),
  getClass: action<ClassDetail>()(idInput, 'signedIn'),
  saveChild: action<ChildView>()(saveChildInput, 'signedIn'),
  myChildren: action<{ items: ChildView[] }>()(none, 'signedIn'),
  deleteChild: action<{ deleted: boolean }>()(idInput, 'signedIn'),
  book: action<BookResult>()(bookInput, 'signedIn'),
  myBookings: action<{ items: MyBooking[] }>()(none, 'signedIn'),
  cancel: action<{ cancelled: boolean }>()(bookingIdInput, 'signedIn'),
  acceptOffer: action<{ status: 'confirmed' }>()(bookingIdInput, 'signedIn'),
  upsertClass: action<{ id: string }>()(upsertClassInput, [...STAFF]),
  managedClasses: action<{ items: ClassSummary[] }>()(none, [...STAFF]),
  roster: action<Roster>()(classIdInput, [...STAFF]),
  checkIn: action<CheckInResult>()(checkInInput, [...STAFF]),
  exportRoster: action<DownloadLink>()(classIdInput, [...STAFF]),
  runLottery: action<LotteryResult>()(classIdInput, [...STAFF]),
  // 儿童个人信息处理规则: the guardian's consent, then the admins' log of staff views and its yearly audit
  consent: action<ConsentState>()(none, 'signedIn'),
  giveConsent: action<ConsentState>()(giveConsentInput, 'signedIn'),
  accessLog: action<{ items: AccessEntry[] }>()(accessLogInput, ['admin']),
  exportAccessAudit: action<DownloadLink>()(accessLogInput, ['admin']),
}

declare module '../api' {
  interface Apis {
    childcare: typeof childcareApi
  }
}
