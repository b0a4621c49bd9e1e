import { call } from '@/api/client'
import type { Me } from '@/contracts/roles'
import type {
  ApplicationDetail,
  ApplicationListItem,
  BulkApproveResult,
  CardVerification,
  MemberExport,
} from '@/contracts/membership/schemas'
import { hasAnyRole } from '@/hooks/useMe'

/** Reviewing 入会 is union cadres' work; keepers and lawyers have no business with applicants' data. */
export const canReviewMembership = (me: Me | null) => hasAnyRole(me, ['staff', 'admin'])

export type StatusFilter = 'pending' | 'approved' | 'rejected' | 'revoked' | 'all'
export type NewEmploymentFilter = 'all' | 'yes' | 'no'

export interface ListQuery {
  status: StatusFilter
  newEmployment: NewEmploymentFilter
  from?: string
  to?: string
  page: number
  pageSize: number
}

export const APPLICATIONS_PAGE = '/pages/staff/applications/index'
export const APPLICATION_PAGE = '/pages/staff/application/index'
export const VERIFY_CARD_PAGE = '/pages/staff/verify-card/index'

export const listApplications = (q: ListQuery) => call<{ items: ApplicationListItem[]; total: number }>('membership', 'listApplications', q)
export const getApplication = (id: string) => call<ApplicationDetail>('membership', 'getApplication', { id })
export const reviewApplication = (id: string, decision: 'approve' | 'reject', reason = '') =>
  call<ApplicationDetail>('membership', 'review', { id, decision, reason })
export const bulkApprove = (ids: string[]) => call<BulkApproveResult>('membership', 'bulkApprove', { ids })
export const revokeMembership = (id: string, reason: string) => call<ApplicationDetail>('membership', 'revoke', { id, reason })
export const exportMembers = () => call<MemberExport>('membership', 'exportMembers')
export const verifyCard = (payload: string) => call<CardVerification>('membership', 'verifyCard', { payload })
