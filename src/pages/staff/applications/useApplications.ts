import { useRef, useState } from 'react'
import type { ApplicationListItem } from '@/contracts/membership/schemas'
import type { ApiError } from '@/contracts/result'
import { listApplications, type ListQuery } from '../shared/membership'

export type Filters = Omit<ListQuery, 'page' | 'pageSize'>

export const PAGE_SIZE = 20

interface ListState {
  items: ApplicationListItem[]
  total: number
  page: number
  loading: boolean
  error: ApiError | null
}

const EMPTY: ListState = { items: [], total: 0, page: 0, loading: true, error: null }

/** Paged review queue. Answers to superseded queries (a tab tapped twice quickly) are dropped. */
export function useApplications() {
  const [list, setList] = useState<ListState>(EMPTY)
  const seq = useRef(0)

  const load = async (filters: Filters, page: number) => {
    const mine = ++seq.current
    setList((l) => (page === 1 ? { ...EMPTY } : { ...l, loading: true, error: null }))
    const query: ListQuery = { ...filters, page, pageSize: PAGE_SIZE }
    // Absent, not empty: the schema rejects '' as a date.
    if (!query.from) delete query.from
    if (!query.to) delete query.to
    const res = await listApplications(query)
    if (mine !== seq.current) return
    if (res.ok) {
      setList((l) => ({
        items: page === 1 ? res.data.items : [...l.items, ...res.data.items],
        total: res.data.total,
        page,
        loading: false,
        error: null,
      }))
    } else {
      setList((l) => ({ ...l, loading: false, error: res.error }))
    }
  }

  return { list, load }
}
