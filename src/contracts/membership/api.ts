import * as z from 'zod'
import { action } from '../api'
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
} from './schemas'

const none = z.object({})
const STAFF = ['staff', 'admin'] as const satisfies readonly ['staff', 'admin']

/** The `membership` cloud function. */
export const membershipApi = {
  options: action<MembershipOptions>()(none, 'signedIn'),
  apply: action<MyApplication>()(applyInput, 'signedIn'),
  myStatus: action<{ application: MyApplication | null }>()(none, 'signedIn'),
  withdraw: action<{ withdrawn: boolean }>()(none, 'signedIn'),
  card: action<MemberCard>()(none, 'signedIn'),
  verifyCard: action<CardVerification>()(verifyCardInput, [...STAFF]),
  cardPublicKey: action<{ algorithm: string; publicKeyPem: string }>()(none, [...STAFF]),
  pendingCount: action<{ count: number }>()(none, [...STAFF]),
  listApplications: action<{ items: ApplicationListItem[]; total: number }>()(listApplicationsInput, [...STAFF]),
  getApplication: action<ApplicationDetail>()(getApplicationInput, [...STAFF]),
  review: action<ApplicationDetail>()(reviewInput, [...STAFF]),
  bulkApprove: action<BulkApproveResult>()(bulkApproveInput, [...STAFF]),
  revoke: action<ApplicationDetail>()(revokeInput, [...STAFF]),
  /** the approved members as .xlsx, answered as a short-lived link */
  exportMembers: action<DownloadLink>()(none, [...STAFF]),
  // 会籍转移: the member asks, the receiving union decides
  requestTransfer: action<TransferItem>()(requestTransferInput, 'signedIn'),
  myTransfer: action<{ transfer: TransferItem | null }>()(none, 'signedIn'),
  cancelTransfer: action<TransferItem>()(cancelTransferInput, 'signedIn'),
  transfers: action<{ items: StaffTransferItem[] }>()(transfersInput, [...STAFF]),
  transferPendingCount: action<{ count: number }>()(none, [...STAFF]),
  reviewTransfer: action<StaffTransferItem>()(reviewTransferInput, [...STAFF]),
  stats: action<MembershipStats>()(none, [...STAFF]),
}

declare module '../api' {
  interface Apis {
    membership: typeof membershipApi
  }
}
