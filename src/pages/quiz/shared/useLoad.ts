import { useCallback, useEffect, useState } from 'react'
import type { ApiResult } from '@/contracts/result'

export interface Loaded<T> {
  data: T | null
  loading: boolean
  error: string
  reload: () => void
}

/** One request's loading / error / data, with a retry; every quiz page shows the three states. */
export function useLoad<T>(fetcher: () => Promise<ApiResult<T>>, deps: unknown[] = []): Loaded<T> {
  const [data, setData] = useState<T | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState('')
  const reload = useCallback(() => {
    setLoading(true)
    setError('')
    void fetcher().then((r) => {
      setLoading(false)
      if (r.ok) setData(r.data)
      else setError(r.error.message)
    })
  }, deps)
  useEffect(reload, [reload])
  return { data, loading, error, reload }
}
