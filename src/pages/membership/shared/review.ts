import { call } from '@/api/client'
import type { Me } from '@/contracts/roles'
import type { InputOf } from '@/contracts/api'
import { membershipApi } from '@/contracts/membership/api'
import { allows } from '@/contracts/api'

/** Reviewing 入会 is union cadres' work; keepers and lawyers have no business with applicants' data. */
export const canReviewMembership = (me: Me | null) => !!me && allows(membershipApi.listApplications, me.roles)

export type ListQuery = Required<Pick<InputOf<typeof membershipApi.listApplications>, 'status' | 'newEmployment' | 'page' | 'pageSize'>> &
  Pick<InputOf<typeof membershipApi.listApplications>, 'from' | 'to' | 'q'>
export type StatusFilter = ListQuery['status']
export type NewEmploymentFilter = ListQuery['newEmployment']

export const APPLICATIONS_PAGE = '/pages/membership/review/index'
export const APPLICATION_PAGE = '/pages/membership/review-detail/index'
export const VERIFY_CARD_PAGE = '/pages/membership/verify/index'

export const listApplications = (q: ListQuery) => call('membership', 'listApplications', q)
export const getApplication = (id: string) => call('membership', 'getApplication', { id })
export const reviewApplication = (id: string, decision: 'approve' | 'reject', reason = '') => call('membership', 'review', { id, decision, reason })
export const bulkApprove = (ids: string[]) => call('membership', 'bulkApprove', { ids })
export const revokeMembership = (id: string, reason: string) => call('membership', 'revoke', { id, reason })
export const exportMembers = () => call('membership', 'exportMembers')
export const verifyCard = (payload: string) => call('membership', 'verifyCard', { payload })
