import { useRef, useState } from 'react'
import type { ApiError, ApiResult } from '@/contracts/result'

export interface PagedList<T> {
  items: T[]
  total: number
  /** The last page shown; 0 before the first answer. */
  page: number
  loading: boolean
  error: ApiError | null
}

export type FetchPage<T> = (page: number) => Promise<ApiResult<{ items: T[]; total: number }>>

const empty = <T>(): PagedList<T> => ({ items: [], total: 0, page: 0, loading: true, error: null })

/**
 * A list loaded page by page, "load more" appending. Only the latest request counts: an answer to a
 * superseded one (a tab tapped twice quickly, a page shown again) is dropped.
 *
 * `clearOnFirstPage`: when page 1 is asked for again, whether the old rows go at once (the query changed,
 * so they no longer match) or stay until the new ones arrive (same query, refreshed: no flicker).
 */
export function usePagedList<T>({ clearOnFirstPage }: { clearOnFirstPage: boolean }) {
  const [list, setList] = useState<PagedList<T>>(empty)
  const seq = useRef(0)

  const load = async (fetchPage: FetchPage<T>, page: number) => {
    const mine = ++seq.current
    setList((l) => (page === 1 && clearOnFirstPage ? empty<T>() : { ...l, loading: true, error: null }))
    const res = await fetchPage(page)
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
