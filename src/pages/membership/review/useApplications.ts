import type { ApplicationListItem } from '@/contracts/membership/schemas'
import { usePagedList } from '@/hooks/usePagedList'
import { listApplications, type ListQuery } from '../shared/review'

export type Filters = Omit<ListQuery, 'page' | 'pageSize'>

export const PAGE_SIZE = 20

function toQuery(filters: Filters, page: number): ListQuery {
  const query: ListQuery = { ...filters, page, pageSize: PAGE_SIZE }
  // Absent, not empty: the schema rejects '' as a date.
  if (!query.from) delete query.from
  if (!query.to) delete query.to
  if (!query.q?.trim()) delete query.q
  return query
}

/** The paged review queue; a new filter empties the list at once, since the old rows no longer match it. */
export function useApplications() {
  const paged = usePagedList<ApplicationListItem>({ clearOnFirstPage: true })
  const load = (filters: Filters, page: number) => paged.load((p) => listApplications(toQuery(filters, p)), page)
  return { list: paged.list, load }
}
