import type { Role, RoleGrant } from '../../src/contracts/roles'
import { findAll } from './paging'
import type { Store } from './store/port'

export interface Caller {
  openid: string
  name: string
  grants: RoleGrant[]
}

export interface UserDoc {
  _id: string
  name: string
  grants: RoleGrant[]
  [field: string]: unknown
}

/** Roles live in the store and are looked up on every call: a client can never claim one. */
export async function loadCaller(store: Store, openid: string): Promise<Caller> {
  const user = await store.get<UserDoc>('users', openid)
  return { openid, name: user?.name ?? '', grants: Array.isArray(user?.grants) ? user!.grants : [] }
}

export function rolesOf(caller: Caller): Role[] {
  return ['worker', ...new Set(caller.grants.map((g) => g.role))]
}

export function hasAnyRole(caller: Caller, roles: Role[]): boolean {
  const mine = rolesOf(caller)
  return roles.some((r) => mine.includes(r))
}

export function scopesOf(caller: Caller, role: RoleGrant['role']): string[] {
  return caller.grants.filter((g) => g.role === role && g.scope).map((g) => g.scope as string)
}

export interface OrgDoc {
  _id: string
  name: string
  parentId: string | null
  [field: string]: unknown
}

/** The org itself and its ancestors, nearest first. Org trees are a few levels deep. */
export async function orgChain(store: Store, orgId: string): Promise<string[]> {
  const chain: string[] = []
  let current: string | null = orgId
  while (current && chain.length < 16 && !chain.includes(current)) {
    chain.push(current)
    const org: OrgDoc | null = await store.get<OrgDoc>('orgs', current)
    current = org?.parentId ?? null
  }
  return chain
}

/** Staff and admins act on their org and everything under it. */
export async function governsOrg(store: Store, caller: Caller, orgId: string): Promise<boolean> {
  const scopes = [...scopesOf(caller, 'staff'), ...scopesOf(caller, 'admin')]
  if (!scopes.length) return false
  const chain = await orgChain(store, orgId)
  return chain.some((id) => scopes.includes(id))
}

/** A level of the tree wider than this is read whole instead, in a few pages, rather than in many `$in` batches. */
const WIDE_LEVEL = 100

/**
 * Every org id at or below the caller's staff/admin orgs (read on most staff calls). A grassroots union's staff
 * cost one indexed query (its children: usually none); a walk that meets a wide level reads the whole tree in
 * pages instead. Nothing is cut at CloudBase's 1,000 documents a read.
 */
export async function governedOrgIds(store: Store, caller: Caller): Promise<string[]> {
  const roots = [...new Set([...scopesOf(caller, 'staff'), ...scopesOf(caller, 'admin')])]
  if (!roots.length) return []
  const out = new Set<string>(roots)
  let level = roots
  while (level.length) {
    if (level.length > WIDE_LEVEL) return below(await findAll<OrgDoc>(store, 'orgs'), roots)
    const next: string[] = []
    for (const o of await findAll<OrgDoc>(store, 'orgs', { parentId: { $in: level } })) {
      if (!out.has(o._id)) {
        out.add(o._id)
        next.push(o._id)
      }
    }
    level = next
  }
  return [...out]
}

/** The roots and every org below them, in memory; a loop in stored data ends the walk rather than spinning. */
function below(all: OrgDoc[], roots: string[]): string[] {
  const children = new Map<string, string[]>()
  for (const o of all) {
    if (!o.parentId) continue
    children.set(o.parentId, [...(children.get(o.parentId) ?? []), o._id])
  }
  const out = new Set<string>()
  const todo = [...roots]
  while (todo.length) {
    const id = todo.pop() as string
    if (out.has(id)) continue
    out.add(id)
    todo.push(...(children.get(id) ?? []))
  }
  return [...out]
}

/**
 * Whether these grants make someone a lawyer for `orgId`: a lawyer serves the union that invited them (the
 * grant's scope) and the unions below it. A grant without a scope (from before scopes existed) serves nowhere
 * until the account timer gives it its inviting union (account/grants.ts `scopeLegacyLawyerGrants`).
 */
export async function lawyerServes(store: Store, grants: readonly RoleGrant[] | undefined, orgId: string): Promise<boolean> {
  const scopes = (Array.isArray(grants) ? grants : []).filter((g) => g.role === 'lawyer' && g.scope).map((g) => g.scope as string)
  if (!scopes.length) return false
  return (await orgChain(store, orgId)).some((id) => scopes.includes(id))
}
