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

const pad = (n: number) => String(n).padStart(2, '0')

/** Beijing time for display, whatever the phone's zone: 11月23日 10:00. */
export function beijing(iso: string, withYear = false): string {
  const d = new Date(Date.parse(iso) + 8 * 3600e3)
  const md = `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
  return withYear ? `${d.getUTCFullYear()}年${md}` : md
}

/** 2026-11-23 10:00 (Beijing) for inputs; and back to an instant with the +08:00 offset. */
export function toInputTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ')
}
export function fromInputTime(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(text.trim())
  return m ? `${m[1]}T${m[2]}:00+08:00` : text
}
