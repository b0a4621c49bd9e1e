import type * as z from 'zod'
import type { Role } from './roles'

/** `signedIn`: any caller with an identity (every WeChat user is a worker); otherwise one of these roles. */
export type RoleRule = 'signedIn' | Role[]

/**
 * One action of a cloud function as both sides see it: the input schema (the form validates with it, the
 * function parses with it), who may call it, and the answer's type. The output exists only as a type.
 */
export interface ActionSpec<I extends z.ZodType = z.ZodType, O = unknown, K extends ActionKind = ActionKind> {
  input: I
  roles: RoleRule
  kind: K
  /** phantom: carries the answer's type to `call()` and to the server's implementation check */
  readonly __output?: O
}

export type ApiSpec = Record<string, ActionSpec<any, any, ActionKind>>

/**
 * `query`: changes nothing stored (no row, no log), so asking twice is harmless: the client asks once more when
 * the first request is lost on the way, and pages load it with `useQuery`. `mutation`: writes something (even an
 * access-log row), so the client never repeats it on its own; pages send it with `useMutation`.
 */
export type ActionKind = 'query' | 'mutation'

/**
 * Declares a read: `nearby: query<NearbyResult>()(nearbyInput, 'signedIn')`. Curried so that the output type is
 * written once while the input type is inferred from the schema.
 */
export function query<O>() {
  return <I extends z.ZodType>(input: I, roles: RoleRule): ActionSpec<I, O, 'query'> => ({ input, roles, kind: 'query' })
}

/** Declares an action that writes: `book: mutation<BookResult>()(bookInput, 'signedIn')`. */
export function mutation<O>() {
  return <I extends z.ZodType>(input: I, roles: RoleRule): ActionSpec<I, O, 'mutation'> => ({ input, roles, kind: 'mutation' })
}

export type InputOf<S> = S extends ActionSpec<infer I, any> ? z.input<I> : never
export type ParsedOf<S> = S extends ActionSpec<infer I, any> ? z.output<I> : never
export type OutputOf<S> = S extends ActionSpec<any, infer O> ? O : never

/**
 * Every cloud function's contract, keyed by function name. Each domain's `contracts/<domain>/api.ts` adds
 * itself with `declare module '@/contracts/api' { interface Apis { … } }`, so adding a domain edits no list here.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Apis {}

export type FunctionName = keyof Apis & string
export type ActionName<F extends FunctionName> = keyof Apis[F] & string
/** The actions of `F` declared with `query()`: the only ones the client may ask twice. */
export type QueryName<F extends FunctionName> = { [A in ActionName<F>]: Apis[F][A] extends { kind: 'query' } ? A : never }[ActionName<F>]

/** Whether a person holding `roles` passes an action's role rule; the server applies the same rule. */
export function allows(spec: Pick<ActionSpec, 'roles'>, roles: readonly Role[]): boolean {
  return spec.roles === 'signedIn' || spec.roles.some((r) => roles.includes(r))
}
