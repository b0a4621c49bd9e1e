import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { ActionName, Apis, FunctionName, InputOf, OutputOf } from '@/contracts/api'
import type { ApiError, ApiResult } from '@/contracts/result'
import { call } from '@/api/client'
import { toFieldMessages, type FieldMessages } from '@/utils/form'

export interface MutationOptions<T, I> {
  /** the toast after success (short: WeChat cuts a success toast at 7 characters) */
  success?: string | ((data: T, input: I) => string)
  onSuccess?: (data: T, input: I) => void | Promise<void>
  /** errors other than field errors; by default they are kept in `error` for the page to show */
  onError?: (error: ApiError, input: I) => void
}

export interface Mutation<T, I> {
  /**
   * Sends once. While one is in flight a second tap gets `null` and sends nothing (a state update lands only after
   * the next render, so the guard is a ref). Never throws.
   */
  run: (input: I) => Promise<ApiResult<T> | null>
  busy: boolean
  /** the last failure, cleared by the next run */
  error: ApiError | null
  /** the last failure's field errors, under every prefix of their path (`questions.3.options`, `questions`) */
  fields: FieldMessages
  reset: () => void
}

/** Any write with the double-tap guard and error bookkeeping: `useMutationWith((x) => doSomething(x))`. */
export function useMutationWith<I, T>(send: (input: I) => Promise<ApiResult<T>>, opts: MutationOptions<T, I> = {}): Mutation<T, I> {
  const inflight = useRef(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const latest = useRef({ send, opts })
  latest.current = { send, opts }

  const run = async (input: I) => {
    if (inflight.current) return null
    inflight.current = true
    setBusy(true)
    setError(null)
    try {
      const res = await latest.current.send(input)
      const o = latest.current.opts
      if (res.ok) {
        const title = typeof o.success === 'function' ? o.success(res.data, input) : o.success
        if (title) void Taro.showToast({ title, icon: 'success' }).catch(() => undefined)
        await o.onSuccess?.(res.data, input)
      } else {
        setError(res.error)
        o.onError?.(res.error, input)
      }
      return res
    } finally {
      inflight.current = false
      setBusy(false)
    }
  }

  return { run, busy, error, fields: toFieldMessages(error?.fields), reset: () => setError(null) }
}

/** One action from the contract, typed: `const save = useMutation('stations', 'upsert', { success: '已保存' })`. */
export function useMutation<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  opts: MutationOptions<OutputOf<Apis[F][A]>, InputOf<Apis[F][A]>> = {},
): Mutation<OutputOf<Apis[F][A]>, InputOf<Apis[F][A]>> {
  const send = call as (fn: F, action: A, data: InputOf<Apis[F][A]>) => Promise<ApiResult<OutputOf<Apis[F][A]>>>
  return useMutationWith((input: InputOf<Apis[F][A]>) => send(fn, action, input), opts)
}
