import type * as z from 'zod'
import type { ActionKind, ApiSpec, OutputOf, ParsedOf, RoleRule } from '../../src/contracts/api'
import type { Store } from './store/port'
import type { Caller } from './auth'
import type { Logger } from './log'
import type { Notice, Notifier } from './notify'
import type { NoticeData, NoticeKey } from '../../src/contracts/notices'
import type { Keys } from './keys'
import type { FileStorage } from './files'
import type { PhoneVerifier } from './phone-verify'

export type { RoleRule }

/** What a handler may use: never anything from the request but its validated input. */
export interface Ctx {
  caller: Caller
  store: Store
  now: () => Date
  log: Logger
  notifier: Notifier
  /** secrets for personal data and card signatures; absent where the deployment has not set them */
  keys: Keys | null
  /** stored files: CloudBase storage in the cloud, a folder locally */
  files: FileStorage
  /** turns a 手机号快速验证 code into the number WeChat vouches for (the local gateway's 本地演示 stands in) */
  phone: PhoneVerifier
  /**
   * Writes an audit record (who, when, which record, state before and after) under the action's declared
   * `audit` name. Pass the transaction that makes the change, so the record and the change land together.
   */
  audit(tx: Store, targetId: string, before: unknown, after: unknown): Promise<void>
  /**
   * Queues a notice in the outbox inside `tx`; a deliverer sends it after commit and retries failures, and the
   * in-app 消息中心 reads the same entries. Never send from inside a transaction: it may be retried.
   * Only a listed notice key with its listed fields: each must have a template a deployer can map.
   */
  notify<K extends NoticeKey>(tx: Store, notice: Omit<Notice, 'template' | 'data'> & { template: K; data: NoticeData<K> }): Promise<void>
}

export interface Runtime {
  store: Store
  now?: () => Date
  log?: Logger
  notifier?: Notifier
  keys?: Keys | null
  /** the cloud entry, the gateway and `npm start` pass theirs; without it every file operation is refused */
  files?: FileStorage
  /** without it (timer jobs, tools, unit tests) every 手机号快速验证 code is refused as unavailable */
  phone?: PhoneVerifier
}

/**
 * A fixed-window limit checked before the handler runs; `key` picks whose calls are counted together. It gets the
 * whole ctx, so a key may be derived from secrets (e.g. `ctx.keys.pii.hash` of an ID number) and never hold the
 * raw value.
 */
interface RateRule<I> {
  key: (input: I, ctx: Ctx) => string
  max: number
  perMs: number
  message: string
}

export interface ActionDef<S extends z.ZodType = z.ZodType, R = unknown> {
  input: S
  roles: RoleRule
  /** from the contract: a query writes nothing (the authz matrix test holds every query to it) */
  kind: ActionKind
  handler: (input: z.output<S>, ctx: Ctx) => Promise<R>
  /** one limit, or several (e.g. per caller and per ID number) */
  rateLimit?: RateRule<z.output<S>> | RateRule<z.output<S>>[]
  /** the audit log's action name; makes `ctx.audit` available to the handler */
  audit?: string
}

export type Actions = Record<string, ActionDef<any, any>>

/** The server's half of one action: the contract supplies input and roles, this supplies the rest. */
export interface Impl<S> {
  handler: (input: ParsedOf<S>, ctx: Ctx) => Promise<OutputOf<S>>
  rateLimit?: RateRule<ParsedOf<S>> | RateRule<ParsedOf<S>>[]
  audit?: string
}

export type Implementation<A extends ApiSpec> = { [K in keyof A]: Impl<A[K]> }

/**
 * Joins a domain's contract with its handlers. The mapped type checks every action exists, takes the
 * contract's parsed input and returns the contract's output — no restated types on either side.
 */
export function implement<A extends ApiSpec>(api: A, impl: Implementation<A>): Actions {
  const out: Actions = {}
  for (const name of Object.keys(api)) {
    const spec = api[name]
    const i = impl[name as keyof A]
    out[name] = {
      input: spec.input,
      roles: spec.roles,
      kind: spec.kind,
      handler: i.handler as ActionDef['handler'],
      rateLimit: i.rateLimit as never,
      audit: i.audit,
    }
  }
  return out
}

/** For actions outside any contract (tests, internal tools). */
export function defineAction<S extends z.ZodType, R>(def: ActionDef<S, R>): ActionDef<S, R> {
  return def
}

export { dispatch, systemCtx } from './dispatch'
