import { useRef, useState } from 'react'
import type { z } from 'zod'
import type { ApiResult } from '@/contracts/result'
import { check, toFieldMessages, type FieldMessages } from '@/utils/form'
import { scrollToFirstError } from '@/utils/nav'

export type Checked<D> = { ok: true; data: D } | { ok: false; errors: FieldMessages }

const FIX_FIELDS = '请按标红的提示修改后再提交'

export interface FormOptions<V, S extends z.ZodType> {
  initial: V | (() => V)
  /** the contract's input schema: the server parses the same one */
  schema: S
  /** the form's values as the action's input (trimmed strings to numbers, …); default: the values as they are */
  toInput?: (values: V) => unknown
  /** checks the schema cannot express (two fields agreeing); runs after the schema passes */
  refine?: (data: z.output<S>, values: V) => FieldMessages | null
}

export interface Form<V, D> {
  values: V
  set: <K extends keyof V>(key: K, value: V[K]) => void
  patch: (values: Partial<V>) => void
  /** replace everything (a loaded record), forgetting errors */
  reset: (values: V) => void
  /** the message for a field or item (`questions.3.options`); nothing until the first submit */
  error: (path: string) => string | undefined
  /** a failure that belongs to no field (「名称已被使用」 goes to its field; 「网络连接失败」 here) */
  formError: string
  /** whether a submit has been tried (errors are visible from then on) */
  tried: boolean
  /**
   * Validates with the schema; on failure shows every error and scrolls to the first; on success sends
   * `send(data)`. Field errors in the answer go beside their fields, other errors to `formError`.
   */
  submit: <T>(send: (data: D) => Promise<ApiResult<T> | null>) => Promise<ApiResult<T> | null>
}

/**
 * A form over a contract schema. Errors appear after the first submit and then follow the values: each one goes
 * as soon as its field is valid, without another tap. A server's field error stays until that field changes.
 */
export function useForm<V extends object, S extends z.ZodType>(opts: FormOptions<V, S>): Form<V, z.output<S>> {
  type D = z.output<S>
  const [values, setValues] = useState<V>(opts.initial)
  const [tried, setTried] = useState(false)
  const [server, setServer] = useState<FieldMessages>({})
  const [formError, setFormError] = useState('')
  const latest = useRef(opts)
  latest.current = opts

  const validate = (v: V): Checked<D> => {
    const { schema, toInput, refine } = latest.current
    const checked = check(schema, toInput ? toInput(v) : v)
    if (!checked.ok) return checked
    const extra = refine?.(checked.data, v)
    return extra && Object.keys(extra).length ? { ok: false, errors: extra } : checked
  }

  // Recomputed from the values on every render once tried: an error leaves with the mistake.
  const live: FieldMessages = tried
    ? (() => {
        const c = validate(values)
        return c.ok ? {} : c.errors
      })()
    : {}

  const dropServer = (keys: PropertyKey[]) => {
    if (!Object.keys(server).length) return
    const ks = keys.map(String)
    setServer((s) => Object.fromEntries(Object.entries(s).filter(([p]) => !ks.some((k) => p === k || p.startsWith(k + '.')))))
  }

  return {
    values,
    set: (key, value) => {
      setValues((v) => ({ ...v, [key]: value }))
      dropServer([key])
    },
    patch: (p) => {
      setValues((v) => ({ ...v, ...p }))
      dropServer(Object.keys(p))
    },
    reset: (v) => {
      setValues(v)
      setTried(false)
      setServer({})
      setFormError('')
    },
    error: (path) => live[path] ?? server[path],
    // The summary line goes with the last red field.
    formError: formError === FIX_FIELDS && !Object.keys(live).length && !Object.keys(server).length ? '' : formError,
    tried,
    submit: async (send) => {
      setTried(true)
      setFormError('')
      const checked = validate(values)
      if (!checked.ok) {
        setFormError(FIX_FIELDS)
        scrollToFirstError()
        return null
      }
      const res = await send(checked.data)
      if (res && !res.ok) {
        const fields = toFieldMessages(res.error.fields)
        setServer(fields)
        if (Object.keys(fields).length) scrollToFirstError()
        setFormError(Object.keys(fields).length ? FIX_FIELDS : res.error.message)
      }
      return res
    },
  }
}
