import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { ApiResult } from '@/contracts/result'

export type { Loaded } from '@/data/query'
import type { Loaded } from '@/data/query'

export interface LoaderOptions {
  /** load again whenever the page shows again (back from an edit page) */
  reloadOnShow?: boolean
}

/**
 * One loading state for a page's data: loading → ready | error, with `reload` for the retry button. Only the
 * latest request counts. Loads on mount (a component mounted after the page's first onShow still loads).
 */
export function useLoader<T>(fetch: () => Promise<ApiResult<T>>, deps: unknown[] = [], { reloadOnShow = false }: LoaderOptions = {}) {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' })
  const seq = useRef(0)
  const mounted = useRef(false)

  const reload = async (quiet = false) => {
    const mine = ++seq.current
    if (!quiet) setState({ kind: 'loading' })
    const res = await fetch()
    if (mine !== seq.current) return
    setState(res.ok ? { kind: 'ready', data: res.data } : { kind: 'error', error: res.error })
  }

  useEffect(() => {
    mounted.current = true
    void reload()
  }, deps)
  useDidShow(() => {
    // The first show comes with the mount; later ones refresh quietly, keeping what is on screen.
    if (reloadOnShow && mounted.current && seq.current > 0) void reload(true)
  })

  return { state, reload, setState }
}
