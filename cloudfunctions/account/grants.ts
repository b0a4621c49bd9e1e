import { createHash } from 'node:crypto'
import type { RoleGrant } from '../../src/contracts/roles'
import type { UserDoc } from '../_core/auth'
import type { Doc, Store } from '../_core/store/port'
import { findAll } from '../_core/paging'

/**
 * `users.grants` decides what a caller may do (read on every call). `role_grants` mirrors each grant with the
 * org it belongs to, so that an admin can list the people under their org tree with one indexed query
 * instead of scanning every worker; both are written in the same transaction.
 */
export const ROLE_GRANTS = 'role_grants'

export interface GrantDoc extends Doc {
  openid: string
  name: string
  role: RoleGrant['role']
  scope: string | null
  /** the union the grant belongs to: the scope for staff/admin, the station's union for keepers, the inviting union for lawyers */
  orgId: string
  orgName: string
  stationName?: string
  grantedAt: string
  grantedBy: string
  grantedByName: string
}

export function grantId(openid: string, g: RoleGrant): string {
  return (
    'g_' +
    createHash('sha256')
      .update(`${openid}\n${g.role}\n${g.scope ?? ''}`)
      .digest('hex')
      .slice(0, 32)
  )
}

export function sameGrant(a: RoleGrant, b: RoleGrant): boolean {
  return a.role === b.role && (a.scope ?? null) === (b.scope ?? null)
}

interface GrantInfo {
  openid: string
  /** the person's name as they typed it; kept when empty */
  name: string
  grant: RoleGrant
  orgId: string
  orgName: string
  stationName?: string
  at: Date
  by: string
  byName: string
}

/**
 * Inside a transaction: adds the grant to the user (creating the user) and its index entry. Returns the user's
 * grants before and after, for the audit record. By `_id` only, as CloudBase transactions require.
 */
export async function addGrant(tx: Store, g: GrantInfo): Promise<{ before: RoleGrant[]; after: RoleGrant[] }> {
  const user = await tx.get<UserDoc>('users', g.openid)
  const before = Array.isArray(user?.grants) ? user!.grants : []
  const after = before.some((x) => sameGrant(x, g.grant)) ? before : [...before, g.grant]
  const name = g.name || user?.name || ''
  await tx.put('users', { ...(user ?? {}), _id: g.openid, name, grants: after })
  const doc: GrantDoc = {
    _id: grantId(g.openid, g.grant),
    openid: g.openid,
    name,
    role: g.grant.role,
    scope: g.grant.scope ?? null,
    orgId: g.orgId,
    orgName: g.orgName,
    ...(g.stationName ? { stationName: g.stationName } : {}),
    grantedAt: g.at.toISOString(),
    grantedBy: g.by,
    grantedByName: g.byName,
  }
  await tx.put(ROLE_GRANTS, doc)
  return { before, after }
}

/**
 * Lawyer grants made before every grant had a scope served the whole county and showed on every union's list.
 * Each gets the union that invited the lawyer (its index entry's org), or the county root when no entry says
 * (seeded by hand): the same reach it had, now explicit and limited to one tree. New grants are always scoped, so
 * it runs once: the account timer calls it every minute and a marker document makes later calls one get by id.
 */
const LAWYER_SCOPE_MIGRATION = 'migration:lawyer-scopes'

export async function scopeLegacyLawyerGrants(store: Store, countyId: string | null, now: Date): Promise<number> {
  if (await store.get('settings', LAWYER_SCOPE_MIGRATION)) return 0
  const legacy = await store.find<GrantDoc>(ROLE_GRANTS, { where: { role: 'lawyer', scope: null }, limit: 100 })
  // Users with an unscoped lawyer grant but no index entry are found through the users collection (a few hundred staff).
  const users = await findAll<UserDoc>(store, 'users')
  const orgOf = new Map<string, GrantDoc>()
  for (const g of legacy) orgOf.set(g.openid, g)
  let changed = 0
  for (const u of users) {
    if (!Array.isArray(u.grants) || !u.grants.some((g) => g.role === 'lawyer' && !g.scope)) continue
    const entry = orgOf.get(u._id)
    const scope = entry?.orgId || countyId
    if (!scope) continue
    await store.transaction(async (tx) => {
      const user = await tx.get<UserDoc>('users', u._id)
      if (!user || !Array.isArray(user.grants)) return
      const grant: RoleGrant = { role: 'lawyer', scope }
      const kept = user.grants.filter((g) => !(g.role === 'lawyer' && !g.scope))
      const grants = kept.some((g) => sameGrant(g, grant)) ? kept : [...kept, grant]
      await tx.put('users', { ...user, grants })
      const old = grantId(u._id, { role: 'lawyer' })
      const prev = await tx.get<GrantDoc>(ROLE_GRANTS, old)
      if (prev) await tx.remove(ROLE_GRANTS, { _id: old })
      await tx.put(ROLE_GRANTS, {
        ...(prev ?? {
          openid: u._id,
          name: user.name,
          role: 'lawyer',
          orgId: scope,
          orgName: '',
          grantedAt: now.toISOString(),
          grantedBy: 'migration',
          grantedByName: '系统迁移',
        }),
        _id: grantId(u._id, grant),
        scope,
        orgId: scope,
      } as GrantDoc)
    })
    changed++
  }
  if (countyId) await store.put('settings', { _id: LAWYER_SCOPE_MIGRATION, doneAt: now.toISOString(), changed })
  return changed
}
