import type { InputOf } from '@/contracts/api'
import type { membershipApi } from '@/contracts/membership/api'

type ListInput = InputOf<typeof membershipApi.listApplications>
export type StatusFilter = NonNullable<ListInput['status']>
export type NewEmploymentFilter = NonNullable<ListInput['newEmployment']>

/** What the filter bar and the search box choose; the page number is the paged query's. */
export interface Filters {
  status: StatusFilter
  newEmployment: NewEmploymentFilter
  from?: string
  to?: string
  q?: string
}

const PAGE_SIZE = 20

/** Absent, not empty: the schema rejects '' as a date. */
export function toListInput(filters: Filters): Omit<ListInput, 'page'> {
  const input: Omit<ListInput, 'page'> = { status: filters.status, newEmployment: filters.newEmployment, pageSize: PAGE_SIZE }
  if (filters.from) input.from = filters.from
  if (filters.to) input.to = filters.to
  if (filters.q?.trim()) input.q = filters.q
  return input
}
