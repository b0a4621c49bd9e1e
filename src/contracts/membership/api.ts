import * as z from 'zod'
import { verifyPhoneInput } from '../profile/schemas'
import { inactiveInput, liftRetainInput, retainInput, reviewInactiveInput, transferOutInput, type InactiveItem, type InactiveList } from './standing'
import { createDriveInput, driveInfoInput, type DriveInfo, type DriveItem } from './drives'
import { claimInput, importRosterInput, lookupInput, releaseClaimInput, type LookupAnswer, type RosterReport } from './roster'
import { mutation, query } from '../api'
import type { DownloadLink } from '../files'
import {
  applyInput,
  bulkApproveInput,
  cancelTransferInput,
  requestTransferInput,
  reviewTransferInput,
  transfersInput,
  type MembershipStats,
  type StaffTransferItem,
  type TransferItem,
  getApplicationInput,
  listApplicationsInput,
  reviewInput,
  revokeInput,
  verifyCardInput,
  type ApplicationDetail,
  type ApplicationListItem,
  type BulkApproveResult,
  type CardVerification,
  type MemberCard,
  type MembershipOptions,
  type MyApplication,
  type VerifiedPhone,
} from './schemas'

const none = z.object({})
const STAFF = ['staff', 'admin'] as const satisfies readonly ['staff', 'admin']

/** The `membership` cloud function. */
export const membershipApi = {
  options: query<MembershipOptions>()(none, 'signedIn'),
  /** WeChat's 手机号快速验证 code → the number, kept for the caller's next apply or claim */
  verifyPhone: mutation<VerifiedPhone>()(verifyPhoneInput, 'signedIn'),
  apply: mutation<MyApplication>()(applyInput, 'signedIn'),
  myStatus: query<{ application: MyApplication | null }>()(none, 'signedIn'),
  withdraw: mutation<{ withdrawn: boolean }>()(none, 'signedIn'),
  card: mutation<MemberCard>()(none, 'signedIn'),
  verifyCard: mutation<CardVerification>()(verifyCardInput, [...STAFF]),
  cardPublicKey: query<{ algorithm: string; publicKeyPem: string }>()(none, [...STAFF]),
  pendingCount: query<{ count: number }>()(none, [...STAFF]),
  listApplications: query<{ items: ApplicationListItem[]; total: number }>()(listApplicationsInput, [...STAFF]),
  getApplication: query<ApplicationDetail>()(getApplicationInput, [...STAFF]),
  review: mutation<ApplicationDetail>()(reviewInput, [...STAFF]),
  bulkApprove: mutation<BulkApproveResult>()(bulkApproveInput, [...STAFF]),
  revoke: mutation<ApplicationDetail>()(revokeInput, [...STAFF]),
  /** the approved members as .xlsx, answered as a short-lived link */
  exportMembers: mutation<DownloadLink>()(none, [...STAFF]),
  // 会籍转移: the member asks, the receiving union decides
  requestTransfer: mutation<TransferItem>()(requestTransferInput, 'signedIn'),
  myTransfer: query<{ transfer: TransferItem | null }>()(none, 'signedIn'),
  cancelTransfer: mutation<TransferItem>()(cancelTransferInput, 'signedIn'),
  transfers: query<{ items: StaffTransferItem[] }>()(transfersInput, [...STAFF]),
  transferPendingCount: query<{ count: number }>()(none, [...STAFF]),
  reviewTransfer: mutation<StaffTransferItem>()(reviewTransferInput, [...STAFF]),
  stats: query<MembershipStats>()(none, [...STAFF]),
  // 会员名册导入: the template, then 预览 (dryRun) and 确认导入 of one uploaded workbook
  rosterTemplate: query<DownloadLink>()(none, [...STAFF]),
  importRoster: mutation<RosterReport>()(importRosterInput, [...STAFF]),
  /** 会员认证: a member on the roster takes the e-card with this WeChat account */
  claim: mutation<MyApplication>()(claimInput, 'signedIn'),
  /** 会员查询: 是/不是会员 and which union, for anyone; a mutation because every ask is counted against probing */
  lookup: mutation<LookupAnswer>()(lookupInput, 'signedIn'),
  /** 集中入会: staff make an event code, list theirs with counts; the form reads one after a scan */
  createDrive: mutation<DriveItem>()(createDriveInput, [...STAFF]),
  drives: query<{ items: DriveItem[] }>()(none, [...STAFF]),
  driveInfo: query<DriveInfo>()(driveInfoInput, 'signedIn'),
  /** 保留会籍: set and lift (staff of the member's union or above; audited) */
  retain: mutation<ApplicationDetail>()(retainInput, [...STAFF]),
  liftRetain: mutation<ApplicationDetail>()(liftRetainInput, [...STAFF]),
  /** 已转出: the member went to a union outside this app; staff record where (audited) */
  transferOut: mutation<ApplicationDetail>()(transferOutInput, [...STAFF]),
  /** 半年无活动名单 of this year, for review only: staff mark each 保留 or 已查看; nothing changes on its own */
  inactive: query<InactiveList>()(inactiveInput, [...STAFF]),
  reviewInactive: mutation<InactiveItem>()(reviewInactiveInput, [...STAFF]),
  /** the same list as .xlsx (masked) */
  exportInactive: mutation<DownloadLink>()(none, [...STAFF]),
  /** undoes a claim by the wrong account (admins only; audited) */
  releaseClaim: mutation<ApplicationDetail>()(releaseClaimInput, ['admin']),
}

declare module '../api' {
  interface Apis {
    membership: typeof membershipApi
  }
}
