import tcb from '@cloudbase/node-sdk'
import type { ApiResult } from '../../src/contracts/result'
import { dispatch, systemCtx, type Actions } from './contract'
import type { FunctionModule } from './module'
import { consoleLogger } from './log'
import { CloudBaseNotifier } from './notify-cloudbase'
import type { Notifier } from './notify'
import { CloudBaseStore } from './store/cloudbase'
import { keysFromEnv, type Keys } from './keys'
import { deliverOutbox } from './outbox'
import { sweepRateLimits } from './rate-limit'
import { isSelfCheckEvent, selfCheck } from './selfcheck'
import { lazyWxCloudOpenApi } from './wx-openapi'
import { cloudFiles, type CloudStorageApp, type FileStorage } from './files'
import { wxPhoneVerifier, type PhoneVerifier } from './phone-verify'

interface CloudRuntime {
  store: CloudBaseStore
  notifier: Notifier
  keys: Keys | null
  files: FileStorage
  phone: PhoneVerifier
}

/** One per container: CloudBase reuses a warm instance across calls, and the SDK keeps its connections. */
let runtime: CloudRuntime | null = null

function getRuntime(): CloudRuntime {
  if (!runtime) {
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
    runtime = {
      store: new CloudBaseStore(app.database()),
      notifier: new CloudBaseNotifier(lazyWxCloudOpenApi),
      keys: keysFromEnv(),
      files: cloudFiles(app as unknown as CloudStorageApp),
      phone: wxPhoneVerifier(lazyWxCloudOpenApi),
    }
  }
  return runtime
}

/**
 * The variables CloudBase attached to this invocation: `environment` (JSON) on the current runtime, `environ`
 * ("k=v;k=v") on the older one. Parsed here rather than by the SDK, whose `getCloudbaseContext` and
 * `auth().getUserInfo()` fill gaps from process.env, which a warm instance shares across calls.
 */
function invocationVariables(context: unknown): Record<string, unknown> {
  if (!context || typeof context !== 'object') return {}
  const { environment, environ } = context as { environment?: unknown; environ?: unknown }
  if (typeof environment === 'string') {
    try {
      const parsed: unknown = JSON.parse(environment)
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}
    } catch {
      return {}
    }
  }
  if (typeof environ !== 'string') return {}
  const vars: Record<string, string> = {}
  for (const pair of environ.split(';')) {
    const eq = pair.indexOf('=')
    if (eq > 0) vars[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return vars
}

/**
 * The caller's openid, as the platform vouches for it: the WeChat context CloudBase attaches to this
 * invocation, and nothing else. Never anything in `event`: the client writes all of it, `userInfo` included
 * when the function is reached other than from the mini program. Without it there is no caller.
 */
export function callerOpenid(context: unknown): string | null {
  const id = invocationVariables(context).WX_OPENID
  return typeof id === 'string' && id ? id : null
}

/** The event as dispatch sees it: whatever identity a client put in `userInfo` is dropped before anything reads it. */
export function withoutUserInfo(event: unknown): unknown {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return event
  const { userInfo: _dropped, ...rest } = event as Record<string, unknown>
  return rest
}

export type CloudHandler = (event: unknown, context?: unknown) => Promise<ApiResult<unknown>>

/** A cloud function's `main`: everything past identity is `dispatch`, shared with the local gateway. */
export function cloudMain(actions: Actions, onTimer?: FunctionModule['onTimer']): CloudHandler {
  return async (event, context) => {
    let rt: CloudRuntime
    try {
      // Lazily, so that loading the module never touches the network.
      rt = getRuntime()
    } catch (e) {
      runtime = null
      consoleLogger.error('cloud_init_failed', { error: e instanceof Error ? e.message : String(e) })
      return { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } }
    }
    // A timer trigger (declared in the deploy plan) carries no caller: it runs the module's timer job, if any,
    // then sends the outbox. A client imitating the event has an openid and goes to dispatch like any other call.
    const openid = callerOpenid(context)
    if (isTimerEvent(event) && !openid) {
      const runtimeOpts = { store: rt.store, notifier: rt.notifier, keys: rt.keys, files: rt.files }
      // The jobs share one trigger with the outbox: a failing job is logged, and the notices still go out.
      const job = onTimer
        ? await onTimer(systemCtx(runtimeOpts)).catch((e: unknown) => {
            consoleLogger.error('timer_job_failed', { error: e instanceof Error ? e.message : String(e) })
            return 'failed'
          })
        : undefined
      // A job-only trigger (deploy gives it to every timer function but the outbox sender) runs the job alone.
      if ((event as { TriggerName?: string }).TriggerName === 'timer-job') {
        consoleLogger.info('timer_ran', { job: job ?? null })
        return { ok: true, data: { job: job ?? null } }
      }
      // Upkeep shares the sender's trigger: expired rate-limit windows go, then the outbox is sent.
      const expiredLimits = await sweepRateLimits(rt.store, new Date())
      const result = await deliverOutbox(rt.store, rt.notifier, consoleLogger)
      consoleLogger.info('timer_ran', { job: job ?? null, expiredLimits, ...result })
      return { ok: true, data: result }
    }
    // Only the Tencent Cloud API (npm run deploy -- --check, with the deployer's keys) reaches a function with no caller.
    if (isSelfCheckEvent(event) && !openid) return { ok: true, data: await selfCheck(rt.store, lazyWxCloudOpenApi) }
    return dispatch(actions, withoutUserInfo(event), openid, rt)
  }
}

/** CloudBase calls a timer-triggered function with `{ Type: 'Timer', TriggerName, Time }` and no WeChat context. */
export function isTimerEvent(event: unknown): boolean {
  return (
    !!event &&
    typeof event === 'object' &&
    (event as { Type?: unknown }).Type === 'Timer' &&
    typeof (event as { TriggerName?: unknown }).TriggerName === 'string'
  )
}
