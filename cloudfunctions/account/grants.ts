import { createHash } from 'node:crypto'
import type { RoleGrant } from '../../src/contracts/roles'
import type { UserDoc } from '../_core/auth'
import type { Doc, Store } from '../_core/store/port'

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

export interface GrantInfo {
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
