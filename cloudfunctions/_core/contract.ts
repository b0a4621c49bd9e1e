import type * as z from 'zod'
import { fieldErrors } from '../../src/contracts/zod'
import type { ApiResult } from '../../src/contracts/result'
import type { Role } from '../../src/contracts/roles'
import { AppError } from './errors'
import { hasAnyRole, loadCaller, type Caller } from './auth'
import { consoleLogger, type Logger } from './log'
import type { Store } from './store/port'
import type { Notifier } from './notify'
import type { Keys } from './keys'

/** What a handler may use: never anything from the request but its validated input. */
export interface Ctx {
  caller: Caller
  store: Store
  now: () => Date
  log: Logger
  notifier: Notifier
  /** secrets for personal data and card signatures; absent where the deployment has not set them */
  keys: Keys | null
}

export interface Runtime {
  store: Store
  now?: () => Date
  log?: Logger
  notifier?: Notifier
  keys?: Keys | null
}

/** `signedIn`: any caller with an identity (every WeChat user is a worker); otherwise one of these roles. */
export type RoleRule = 'signedIn' | Role[]

export interface ActionDef<S extends z.ZodType = z.ZodType, R = unknown> {
  input: S
  roles: RoleRule
  handler: (input: z.output<S>, ctx: Ctx) => Promise<R>
}

export type Actions = Record<string, ActionDef<any, any>>

/** Declares an action once: input schema, who may call it, what it does. */
export function defineAction<S extends z.ZodType, R>(def: ActionDef<S, R>): ActionDef<S, R> {
  return def
}

const nullNotifier: Notifier = { send: async () => undefined }

function fail(code: AppError['code'], message: string, fields?: AppError['fields']): ApiResult<never> {
  return { ok: false, error: fields ? { code, message, fields } : { code, message } }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Runs one call of a function: shape, identity, role, input, handler — in that order, so that
 * nobody learns an action's input rules before being allowed to call it.
 */
export async function dispatch(actions: Actions, event: unknown, openid: string | null, rt: Runtime): Promise<ApiResult<unknown>> {
  const log = rt.log ?? consoleLogger
  if (!isPlainObject(event)) return fail('VALIDATION_FAILED', '请求格式不正确', [{ path: 'action', message: '请求必须是 {action, data} 形式的对象' }])
  const { action, data } = event
  if (typeof action !== 'string' || !action || action.length > 64) {
    return fail('VALIDATION_FAILED', '请求格式不正确', [{ path: 'action', message: '缺少操作名称 action' }])
  }
  if (!Object.prototype.hasOwnProperty.call(actions, action)) return fail('NOT_FOUND', `不支持的操作：${action.slice(0, 32)}`)
  if (data !== undefined && data !== null && !isPlainObject(data)) {
    return fail('VALIDATION_FAILED', '请求格式不正确', [{ path: 'data', message: 'data 必须是对象' }])
  }
  if (!openid) return fail('UNAUTHENTICATED', '请先登录')

  const def = actions[action]
  try {
    const caller = await loadCaller(rt.store, openid)
    if (def.roles !== 'signedIn' && !hasAnyRole(caller, def.roles)) return fail('FORBIDDEN', '您没有权限进行此操作')
    const parsed = def.input.safeParse(data ?? {})
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error)
      return fail('VALIDATION_FAILED', fields[0]?.message ?? '填写的内容有误，请检查', fields)
    }
    const ctx: Ctx = {
      caller,
      store: rt.store,
      now: rt.now ?? (() => new Date()),
      log,
      notifier: rt.notifier ?? nullNotifier,
      keys: rt.keys ?? null,
    }
    return { ok: true, data: await def.handler(parsed.data, ctx) }
  } catch (e) {
    if (e instanceof AppError) return fail(e.code, e.message, e.fields)
    // Internals stay in the log (masked); the caller gets a plain apology.
    log.error('action_failed', { action, error: e instanceof Error ? e.stack ?? e.message : String(e) })
    return fail('INTERNAL', '服务暂时不可用，请稍后再试')
  }
}
