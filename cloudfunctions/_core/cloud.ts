import tcb from '@cloudbase/node-sdk'
import type { ApiResult } from '../../src/contracts/result'
import { dispatch, type Actions } from './contract'
import { consoleLogger } from './log'
import { CloudBaseNotifier } from './notify-cloudbase'
import type { Notifier } from './notify'
import { CloudBaseStore } from './store/cloudbase'
import { keysFromEnv, type Keys } from './keys'
import { deliverOutbox } from './outbox'

type App = ReturnType<typeof tcb.init>

interface CloudRuntime {
  app: App
  store: CloudBaseStore
  notifier: Notifier
  keys: Keys | null
}

/** One per container: CloudBase reuses a warm instance across calls, and the SDK keeps its connections. */
let runtime: CloudRuntime | null = null

function getRuntime(): CloudRuntime {
  if (!runtime) {
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
    runtime = { app, store: new CloudBaseStore(app.database()), notifier: new CloudBaseNotifier(app), keys: keysFromEnv() }
  }
  return runtime
}

/** The part of the app this needs to learn who is calling. */
export interface IdentitySource {
  auth(): { getUserInfo(): { openId?: string } }
}

/**
 * The caller's openid, as the platform vouches for it: the WeChat context CloudBase attaches to this
 * invocation (`context`, which the SDK reads together with the WX_* variables), else the SDK's
 * `auth().getUserInfo()`. Never anything in `event`: the client writes all of it, `userInfo` included
 * when the function is reached other than from the mini program.
 */
export function callerOpenid(app: IdentitySource, context: unknown): string | null {
  let id: unknown
  if (context && typeof context === 'object') {
    try {
      id = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]).WX_OPENID
    } catch {
      // Not a CloudBase context (a local call, a test); fall through to the SDK's own view.
    }
  }
  if (typeof id !== 'string' || !id) id = app.auth().getUserInfo().openId
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
export function cloudMain(actions: Actions): CloudHandler {
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
    // A timer trigger (declared for the deliverer in the deploy plan) carries no caller: it sends the outbox.
    // A client imitating the event has an openid and goes to dispatch like any other call.
    if (isTimerEvent(event) && !callerOpenid(rt.app, context)) {
      const result = await deliverOutbox(rt.store, rt.notifier, consoleLogger)
      consoleLogger.info('outbox_delivered', result)
      return { ok: true, data: result }
    }
    const openid = callerOpenid(rt.app, context)
    return dispatch(actions, withoutUserInfo(event), openid, { store: rt.store, notifier: rt.notifier, keys: rt.keys })
  }
}

/** CloudBase calls a timer-triggered function with `{ Type: 'Timer', TriggerName, Time }` and no WeChat context. */
export function isTimerEvent(event: unknown): boolean {
  return !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer' && typeof (event as { TriggerName?: unknown }).TriggerName === 'string'
}
