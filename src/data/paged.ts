import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { ApiError, ApiResult } from '@/contracts/result'
import type { Apis, FunctionName, InputOf, OutputOf, QueryName } from '@/contracts/api'
import { fetchQuery } from '@/api/client'
import { ensureSignedIn } from '@/api/session'

export interface PagedList<T> {
  items: T[]
  total: number
  /** The last page shown; 0 before the first answer. */
  page: number
  loading: boolean
  error: ApiError | null
}

export interface Paged<T> {
  list: PagedList<T>
  /** 加载更多, or the failed page again for 重试 */
  more: () => void
  /** page 1 again; quiet keeps the rows on screen until the answer comes */
  reload: (quiet?: boolean) => void
  /** change rows on screen after a mutation (e.g. drop an approved application) */
  setItems: (update: (items: T[]) => T[]) => void
}

type PageOf<O> = O extends { items: Array<infer T>; total: number } ? T : never
/** The query actions of F that take `page` and answer `{items, total}`. */
type PagedName<F extends FunctionName> = {
  [A in QueryName<F>]: OutputOf<Apis[F][A]> extends { items: unknown[]; total: number }
    ? InputOf<Apis[F][A]> extends { page?: number }
      ? A
      : never
    : never
}[QueryName<F>]

/**
 * A list loaded page by page, typed from the contract: `usePagedQuery('stations', 'reports', { status })`.
 * When the input changes (a tab, a search) the old rows go at once since they no longer match; a reload of the same
 * input (back on the page, pull down) keeps them until the new ones come, so nothing flickers.
 */
export function usePagedQuery<F extends FunctionName, A extends PagedName<F>>(
  fn: F,
  action: A,
  data: Omit<InputOf<Apis[F][A]>, 'page'>,
  opts: { enabled?: boolean; reloadOnShow?: boolean } = {},
): Paged<PageOf<OutputOf<Apis[F][A]>>> {
  type T = PageOf<OutputOf<Apis[F][A]>>
  const { enabled = true, reloadOnShow = true } = opts
  const empty = (): PagedList<T> => ({ items: [], total: 0, page: 0, loading: true, error: null })
  const [list, setList] = useState<PagedList<T>>(empty)
  const seq = useRef(0)
  const key = JSON.stringify(data ?? {})
  const current = useRef({ data, list, enabled, reloadOnShow })
  current.current = { data, list, enabled, reloadOnShow }
  const send = fetchQuery as (fn: F, action: A, data: unknown) => Promise<ApiResult<{ items: T[]; total: number }>>

  const load = async (page: number, clear: boolean) => {
    if (!current.current.enabled || !ensureSignedIn()) return
    const mine = ++seq.current
    setList((l) => (clear ? empty() : { ...l, loading: true, error: null }))
    const res = await send(fn, action, { ...current.current.data, page })
    if (mine !== seq.current) return
    if (res.ok) {
      const { items, total } = res.data
      setList((l) => ({ items: page === 1 ? items : [...l.items, ...items], total, page, loading: false, error: null }))
    } else setList((l) => ({ ...l, loading: false, error: res.error }))
  }

  useEffect(() => {
    void load(1, true)
  }, [fn, action, key, enabled])
  useDidShow(() => {
    if (current.current.reloadOnShow && seq.current > 0) void load(1, false)
  })
  usePullDownRefresh(() => {
    void load(1, false).finally(() => Taro.stopPullDownRefresh())
  })

  return {
    list,
    more: () => void load(current.current.list.page + 1, false),
    reload: (quiet = false) => void load(1, !quiet),
    setItems: (update) => setList((l) => ({ ...l, items: update(l.items) })),
  }
}
