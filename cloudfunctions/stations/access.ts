import { governsOrg, scopesOf, type Caller } from '../_core/auth'
import type { OrgDoc } from '../_core/auth'
import type { Store, Where } from '../_core/store/port'
import type { StationDoc } from './model'

/** Keepers edit the stations they keep; staff and admins edit every station of their org and its children. */
export async function canEditStation(store: Store, caller: Caller, station: StationDoc): Promise<boolean> {
  if (scopesOf(caller, 'keeper').includes(station._id)) return true
  return governsOrg(store, caller, station.orgId)
}

/** Every org id at or below the caller's staff/admin orgs. Org trees hold hundreds of orgs, not millions. */
export async function governedOrgIds(store: Store, caller: Caller): Promise<string[]> {
  const roots = [...scopesOf(caller, 'staff'), ...scopesOf(caller, 'admin')]
  if (!roots.length) return []
  const all = await store.find<OrgDoc>('orgs', { limit: 1000 })
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

/** The filter for "stations this caller manages", or null when they manage none. */
export async function managedWhere(store: Store, caller: Caller): Promise<Where[]> {
  const wheres: Where[] = []
  const orgIds = await governedOrgIds(store, caller)
  if (orgIds.length) wheres.push({ orgId: { $in: orgIds }, status: 'active' })
  const kept = scopesOf(caller, 'keeper')
  if (kept.length) wheres.push({ _id: { $in: kept }, status: 'active' })
  return wheres
}
