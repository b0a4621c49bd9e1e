import * as z from 'zod'
import { mutation, query } from '../api'
import type { DownloadLink } from '../files'
import {
  bookInput,
  bookingIdInput,
  checkInInput,
  classIdInput,
  idInput,
  saveChildInput,
  upsertClassInput,
  verifyClaimInput,
  type BookResult,
  type CheckInResult,
  type ChildView,
  type ClassDetail,
  type ClassSummary,
  type LotteryResult,
  type MyBooking,
  type Roster,
} from './schemas'
import { demandInput, intentIdInput, registerIntentInput, type DemandView, type IntentOptions, type IntentView } from './intent'
import { accessLogInput, giveConsentInput, type AccessEntry, type ConsentState } from './privacy'

const none = z.object({})
const STAFF = ['staff', 'admin'] as const satisfies readonly ['staff', 'admin']

/** The `childcare` cloud function: 职工子女托管 (summer, winter, spring/autumn breaks, after school). */
export const childcareApi = {
  listClasses: query<{ items: ClassSummary[]; serverNow: string }>()(none, 'signedIn'),
  getClass: query<ClassDetail>()(idInput, 'signedIn'),
  saveChild: mutation<ChildView>()(saveChildInput, 'signedIn'),
  myChildren: query<{ items: ChildView[] }>()(none, 'signedIn'),
  deleteChild: mutation<{ deleted: boolean }>()(idInput, 'signedIn'),
  book: mutation<BookResult>()(bookInput, 'signedIn'),
  myBookings: query<{ items: MyBooking[] }>()(none, 'signedIn'),
  cancel: mutation<{ cancelled: boolean }>()(bookingIdInput, 'signedIn'),
  acceptOffer: mutation<{ status: 'confirmed' }>()(bookingIdInput, 'signedIn'),
  upsertClass: mutation<{ id: string }>()(upsertClassInput, [...STAFF]),
  managedClasses: query<{ items: ClassSummary[] }>()(none, [...STAFF]),
  roster: mutation<Roster>()(classIdInput, [...STAFF]),
  checkIn: mutation<CheckInResult>()(checkInInput, [...STAFF]),
  exportRoster: mutation<DownloadLink>()(classIdInput, [...STAFF]),
  runLottery: mutation<LotteryResult>()(classIdInput, [...STAFF]),
  // 优先名额: staff verify or refuse a parent's claim (a refused one falls back to the general pool or the waitlist)
  verifyClaim: mutation<{ state: 'verified' | 'refused'; status: 'confirmed' | 'waitlisted' | 'applied' }>()(verifyClaimInput, [...STAFF]),
  // 意向登记: parents register interest before classes exist; staff see the demand counted
  intentOptions: query<IntentOptions>()(none, 'signedIn'),
  registerIntent: mutation<IntentView>()(registerIntentInput, 'signedIn'),
  myIntents: query<{ items: IntentView[] }>()(none, 'signedIn'),
  withdrawIntent: mutation<{ withdrawn: boolean }>()(intentIdInput, 'signedIn'),
  intentDemand: query<DemandView>()(demandInput, [...STAFF]),
  // 儿童个人信息处理规则: the guardian's consent, then the admins' log of staff views and its yearly audit
  consent: query<ConsentState>()(none, 'signedIn'),
  giveConsent: mutation<ConsentState>()(giveConsentInput, 'signedIn'),
  accessLog: query<{ items: AccessEntry[] }>()(accessLogInput, ['admin']),
  exportAccessAudit: mutation<DownloadLink>()(accessLogInput, ['admin']),
}

declare module '../api' {
  interface Apis {
    childcare: typeof childcareApi
  }
}
