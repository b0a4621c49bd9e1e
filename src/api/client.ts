import Taro from '@tarojs/taro'
import type { ActionName, Apis, FunctionName, InputOf, OutputOf } from '@/contracts/api'
import type { ApiResult } from '@/contracts/result'
import { isIdempotentAction, mapCloudError, NETWORK_ERROR, newRequestId } from './errors'
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

async function callCloud<T>(fn: FunctionName, action: string, data: object): Promise<ApiResult<T>> {
  initCloud()
  const requestId = newRequestId()
  // A read whose request failed on the way (network, timeout) is asked once more, with the same request id.
  const attempts = isIdempotentAction(action) ? 2 : 1
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await Taro.cloud.callFunction({ name: fn, data: { action, data, requestId } })
      return isEnvelope<T>(res.result) ? res.result : { ok: false, error: NETWORK_ERROR }
    } catch (e) {
      const failure = mapCloudError(e)
      console.error('cloud_call_failed', {
        fn,
        action,
        requestId,
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

async function callGateway<T>(fn: FunctionName, action: string, data: object): Promise<ApiResult<T>> {
  if (process.env.TARO_ENV !== 'h5') return { ok: false, error: NETWORK_ERROR }
  const res = await fetch('/api/' + fn, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + getToken() },
    body: JSON.stringify({ action, data }),
  })
  const body: unknown = await res.json()
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

/**
 * One call to a cloud function action, typed from the domain's contract (input and answer); never throws,
 * every failure comes back as an envelope.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  // Actions whose every field is optional may be called without data.
  ...[data]: Record<string, never> extends InputOf<Spec<F, A>> ? [data?: InputOf<Spec<F, A>>] : [data: InputOf<Spec<F, A>>]
): Promise<ApiResult<OutputOf<Spec<F, A>>>> {
  type T = OutputOf<Spec<F, A>>
  const body = (data ?? {}) as object
  try {
    return process.env.TARO_ENV === 'weapp' ? await callCloud<T>(fn, action, body) : await callGateway<T>(fn, action, body)
  } catch {
    return { ok: false, error: NETWORK_ERROR }
  }
}
