import { fieldErrors } from '../../src/contracts/zod'
import type { ApiResult } from '../../src/contracts/result'
import { AppError } from './errors'
import { hasAnyRole, loadCaller } from './auth'
import { consoleLogger } from './log'
import type { Notifier } from './notify'
import { enqueueNotice } from './outbox'
import { rateLimit } from './rate-limit'
import { noPhoneVerifier } from './phone-verify'
import type { Actions, ActionDef, Ctx, Runtime } from './contract'
import type { FileStorage } from './files'

const nullNotifier: Notifier = { send: async () => undefined }

/**
 * For a runtime given no file storage (a unit test, a benchmark): the cloud entry and both local servers always
 * pass theirs, so an action reaching for files here is told plainly instead of writing into some default folder.
 */
const noFiles: FileStorage = (() => {
  const refuse = () => Promise.reject(new Error('no file storage in this runtime: pass Runtime.files'))
  return { put: refuse, get: refuse, link: refuse, links: refuse, remove: refuse, idOf: () => null }
})()

function fail(code: AppError['code'], message: string, fields?: AppError['fields']): ApiResult<never> {
  return { ok: false, error: fields ? { code, message, fields } : { code, message } }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function ctxFor(def: ActionDef, caller: Ctx['caller'], rt: Runtime): Ctx {
  const now = rt.now ?? (() => new Date())
  return {
    caller,
    store: rt.store,
    now,
    log: rt.log ?? consoleLogger,
    notifier: rt.notifier ?? nullNotifier,
    keys: rt.keys ?? null,
    files: rt.files ?? noFiles,
    phone: rt.phone ?? noPhoneVerifier,
    audit: async (tx, targetId, before, after) => {
      if (!def.audit) throw new Error('ctx.audit used by an action that declares no audit name')
      await tx.insert('audit_log', {
        at: now().toISOString(),
        actor: caller.openid,
        actorName: caller.name,
        action: def.audit,
        targetId,
        before: before ?? null,
        after: after ?? null,
      })
    },
    notify: (tx, notice) => enqueueNotice(tx, notice, now()),
  }
}

/** The context a timer job runs with: a system caller that holds no role and names itself in audit records. */
export function systemCtx(rt: Runtime): Ctx {
  return ctxFor(
    { input: undefined as never, roles: [], kind: 'mutation', handler: async () => undefined, audit: 'system.timer' },
    { openid: 'system', name: '系统', grants: [] },
    rt,
  )
}

/**
 * Runs one call of a function: shape, identity, role, input, rate limit, handler — in that order, so that
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
    const ctx = ctxFor(def, caller, rt)
    const rules = def.rateLimit ? (Array.isArray(def.rateLimit) ? def.rateLimit : [def.rateLimit]) : []
    for (const r of rules) await rateLimit(rt.store, r.key(parsed.data, ctx), r.max, r.perMs, ctx.now(), r.message)
    return { ok: true, data: await def.handler(parsed.data, ctx) }
  } catch (e) {
    if (e instanceof AppError) return fail(e.code, e.message, e.fields)
    // Internals stay in the log (masked); the caller gets a plain apology.
    log.error('action_failed', { action, error: e instanceof Error ? (e.stack ?? e.message) : String(e) })
    return fail('INTERNAL', '服务暂时不可用，请稍后再试')
  }
}
