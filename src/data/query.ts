import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { ApiError, ApiResult } from '@/contracts/result'
import type { Apis, FunctionName, InputOf, OutputOf, QueryName } from '@/contracts/api'
import { fetchQuery } from '@/api/client'
import { ensureSignedIn } from '@/api/session'

export type Loaded<T> = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; data: T }

export interface QueryOptions<T = unknown> {
  /** false: wait (e.g. until the location is known); the state stays `loading` */
  enabled?: boolean
  /** load again, quietly, whenever the page shows again (back from an edit page); default true */
  reloadOnShow?: boolean
  /** pulling the page down reloads (the page config must say `enablePullDownRefresh: true`); default true */
  pullToRefresh?: boolean
  /** pages anyone may open signed out (login, 会员证核验) pass false; otherwise a missing sign-in goes to login */
  signedIn?: boolean
  /** an answer already at hand (a cache shared between pages): shown at once, then checked quietly on mount */
  initialData?: T
  /** when the input changes (a tab, a filter), keep the answer on screen until the new one comes, instead of a
   * loading page: the tabs stay put. A failure still shows the error (the old answer was for another input). */
  keepPrevious?: boolean
}

export interface Query<T> {
  state: Loaded<T>
  /** the answer when ready */
  data: T | undefined
  /** `quiet`: keep what is on screen until the answer comes (pull to refresh, back on the page) */
  reload: (quiet?: boolean) => Promise<void>
  /** change the data on screen after a mutation answered with the new row, without another round trip */
  setData: (update: (data: T) => T) => void
}

/**
 * Any read a page needs, as one state: loading → ready | error. `deps` decide when it loads again; only the
 * latest request counts (an answer to a superseded one is dropped). Loads on mount, not in useLoad: a component
 * under RoleGate mounts after the page's first show when the page is opened cold (a scanned code, a shared card).
 */
export function useQueryWith<T>(fetch: () => Promise<ApiResult<T>>, deps: unknown[], opts: QueryOptions<T> = {}): Query<T> {
  const { enabled = true, reloadOnShow = true, pullToRefresh = true, signedIn = true, initialData, keepPrevious = false } = opts
  const [state, setState] = useState<Loaded<T>>(() => (initialData !== undefined ? { kind: 'ready', data: initialData } : { kind: 'loading' }))
  const first = useRef(initialData !== undefined)
  const seq = useRef(0)
  const latest = useRef(fetch)
  latest.current = fetch
  const live = useRef({ enabled, reloadOnShow, pullToRefresh })
  live.current = { enabled, reloadOnShow, pullToRefresh }

  // 'quiet': keep the data on screen, and keep it if the reload fails; 'keep': keep it only until the answer comes.
  const load = async (mode: 'loud' | 'quiet' | 'keep') => {
    if (!live.current.enabled) return
    if (signedIn && !ensureSignedIn()) return
    const mine = ++seq.current
    if (mode === 'loud') setState({ kind: 'loading' })
    const res = await latest.current()
    if (mine !== seq.current) return
    setState((prev) => (res.ok ? { kind: 'ready', data: res.data } : mode === 'quiet' && prev.kind === 'ready' ? prev : { kind: 'error', error: res.error }))
  }
  const reload = (quiet = false) => load(quiet ? 'quiet' : 'loud')

  const shown = useRef(false)
  shown.current = state.kind === 'ready'
  useEffect(() => {
    const mode = first.current ? 'quiet' : keepPrevious && shown.current ? 'keep' : 'loud'
    first.current = false
    if (enabled) void load(mode)
    else {
      seq.current++
      setState({ kind: 'loading' })
    }
  }, [enabled, ...deps])

  useDidShow(() => {
    // The first show comes with the mount; later ones refresh quietly.
    if (live.current.reloadOnShow && seq.current > 0) void reload(true)
  })

  usePullDownRefresh(() => {
    if (!live.current.pullToRefresh) return
    void reload(true).finally(() => Taro.stopPullDownRefresh())
  })

  const setData = (update: (data: T) => T) => setState((s) => (s.kind === 'ready' ? { kind: 'ready', data: update(s.data) } : s))
  return { state, data: state.kind === 'ready' ? state.data : undefined, reload, setData }
}

type QueryData<F extends FunctionName, A extends QueryName<F>> = InputOf<Apis[F][A]>

/**
 * One query action, typed from the contract: `useQuery('stations', 'get', { id })`. It loads again when the
 * input changes (compared by value), and a lost request is asked once more (queries write nothing).
 */
export function useQuery<F extends FunctionName, A extends QueryName<F>>(
  fn: F,
  action: A,
  data: QueryData<F, A>,
  opts: QueryOptions<OutputOf<Apis[F][A]>> = {},
): Query<OutputOf<Apis[F][A]>> {
  const key = JSON.stringify(data ?? {})
  const send = fetchQuery as (fn: F, action: A, data: unknown) => Promise<ApiResult<OutputOf<Apis[F][A]>>>
  return useQueryWith(() => send(fn, action, data), [fn, action, key], opts)
}
