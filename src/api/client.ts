import Taro from '@tarojs/taro'
import type { ActionName, Apis, FunctionName, InputOf, OutputOf, QueryName } from '@/contracts/api'
import type { ApiResult } from '@/contracts/result'
import { mapCloudError, NETWORK_ERROR } from './errors'
import { clearToken, getToken, loginUrl } from './session'

export { NETWORK_ERROR }

let cloudReady = false

/** Called once at launch; wx.cloud ignores repeated init calls, but we keep it explicit. */
export function initCloud(): void {
  if (process.env.TARO_ENV !== 'weapp' || cloudReady) return
  // A release build names its environment (TCB_ENV_ID, see config/release.ts); a local build leaves `env` out,
  // which wx.cloud reads as the IDE's default environment. (DYNAMIC_CURRENT_ENV exists only in cloud functions.)
  Taro.cloud.init(CLOUD_ENV ? { env: CLOUD_ENV, traceUser: true } : { traceUser: true })
  cloudReady = true
}

function isEnvelope<T>(value: unknown): value is ApiResult<T> {
  if (!value || typeof value !== 'object') return false
  const v = value as { ok?: unknown; error?: unknown }
  return v.ok === true || (v.ok === false && !!v.error && typeof v.error === 'object')
}

async function callCloud<T>(fn: FunctionName, action: string, data: object, attempts: number): Promise<ApiResult<T>> {
  initCloud()
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await Taro.cloud.callFunction({ name: fn, data: { action, data } })
      return isEnvelope<T>(res.result) ? res.result : { ok: false, error: NETWORK_ERROR }
    } catch (e) {
      const failure = mapCloudError(e)
      // A warning, not an error: the caller gets the failure and the page shows it (offline, 重试).
      console.warn('cloud_call_failed', {
        fn,
        action,
        attempt,
        errCode: failure.errCode,
        errMsg: (e as { errMsg?: string } | null)?.errMsg,
      })
      if (failure.transient && attempt < attempts) continue
      return { ok: false, error: failure.error }
    }
  }
}

let redirecting = false

async function callGateway<T>(fn: FunctionName, action: string, data: object, attempts: number): Promise<ApiResult<T>> {
  if (process.env.TARO_ENV !== 'h5') return { ok: false, error: NETWORK_ERROR }
  let body: unknown
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch('/api/' + fn, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + getToken() },
        body: JSON.stringify({ action, data }),
      })
      body = await res.json()
      break
    } catch (e) {
      // fetch rejects only when no answer came (network down, connection reset): the same rule as the cloud's.
      if (attempt >= attempts) throw e
    }
  }
  if (!isEnvelope<T>(body)) return { ok: false, error: NETWORK_ERROR }
  if (!body.ok && body.error.code === 'UNAUTHENTICATED' && !redirecting) {
    // A stale or foreign token: pick a persona again rather than showing errors on every page.
    redirecting = true
    clearToken()
    Taro.reLaunch({ url: loginUrl() }).finally(() => {
      redirecting = false
    })
  }
  return body
}

type Spec<F extends FunctionName, A extends ActionName<F>> = Apis[F][A]
type DataArg<S> = Record<string, never> extends InputOf<S> ? [data?: InputOf<S>] : [data: InputOf<S>]

async function send<T>(fn: FunctionName, action: string, data: object | undefined, attempts: number): Promise<ApiResult<T>> {
  const body = data ?? {}
  try {
    return process.env.TARO_ENV === 'weapp' ? await callCloud<T>(fn, action, body, attempts) : await callGateway<T>(fn, action, body, attempts)
  } catch {
    return { ok: false, error: NETWORK_ERROR }
  }
}

/**
 * One call to a cloud function action, typed from the domain's contract (input and answer); never throws,
 * every failure comes back as an envelope. Sent once: a lost answer is not asked again, because the action may
 * have written (pages send mutations through `useMutation`).
 */
export function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  // Actions whose every field is optional may be called without data.
  ...[data]: DataArg<Spec<F, A>>
): Promise<ApiResult<OutputOf<Spec<F, A>>>> {
  return send(fn, action, data as object | undefined, 1)
}

/**
 * A read declared with `query()` in the contract: when the request is lost on the way (network, timeout) it is
 * asked once more, which is harmless because a query writes nothing. Mutations do not type-check here.
 */
export function fetchQuery<F extends FunctionName, A extends QueryName<F>>(
  fn: F,
  action: A,
  ...[data]: DataArg<Spec<F, A>>
): Promise<ApiResult<OutputOf<Spec<F, A>>>> {
  return send(fn, action, data as object | undefined, 2)
}
