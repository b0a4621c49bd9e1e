import type { RoleRow } from '../../src/contracts/account/schemas'
import { governedOrgIds, scopesOf, type UserDoc } from '../_core/auth'
import type { Ctx } from '../_core/contract'
import { forbidden, notFound } from '../_core/errors'
import type { Store } from '../_core/store/port'
import { ROLE_GRANTS, sameGrant, type GrantDoc } from './grants'
import { findAll } from '../_core/paging'

/** Admins' org trees only: an admin who is also staff elsewhere does not manage people there. */
async function adminOrgIds(ctx: Ctx): Promise<string[]> {
  return governedOrgIds(ctx.store, { ...ctx.caller, grants: ctx.caller.grants.filter((g) => g.role === 'admin') })
}

export async function listRoles(ctx: Ctx): Promise<{ items: RoleRow[] }> {
  const orgIds = await adminOrgIds(ctx)
  if (!orgIds.length) return { items: [] }
  // Every grant under the caller's unions, read whole in pages (one read answers at most 1,000), newest first.
  const docs = (await findAll<GrantDoc>(ctx.store, ROLE_GRANTS, { orgId: { $in: orgIds } })).sort((a, b) => (a.grantedAt < b.grantedAt ? 1 : -1))
  return {
    items: docs.map((d) => ({
      id: d._id,
      name: d.name || '未填写姓名',
      role: d.role,
      orgName: d.orgName,
      ...(d.stationName ? { stationName: d.stationName } : {}),
      grantedAt: d.grantedAt,
      grantedByName: d.grantedByName,
      self: d.openid === ctx.caller.openid,
    })),
  }
}

export async function revokeGrant({ id }: { id: string }, ctx: Ctx): Promise<{ revoked: true }> {
  const doc = await ctx.store.get<GrantDoc>(ROLE_GRANTS, id)
  if (!doc) throw notFound('这项授权不存在或已撤销')
  if (!(await adminOrgIds(ctx)).includes(doc.orgId)) throw forbidden('只能撤销本工会及下级工会人员的授权')
  if (doc.openid === ctx.caller.openid && doc.role === 'admin' && scopesOf(ctx.caller, 'admin').includes(doc.scope ?? '')) {
    throw forbidden('不能撤销自己的管理员身份，请由其他管理员操作')
  }
  await ctx.store.transaction(async (tx: Store) => {
    const current = await tx.get<GrantDoc>(ROLE_GRANTS, id)
    if (!current) throw notFound('这项授权不存在或已撤销')
    const user = await tx.get<UserDoc>('users', current.openid)
    const before = Array.isArray(user?.grants) ? user!.grants : []
    const grant = current.scope ? { role: current.role, scope: current.scope } : { role: current.role }
    const after = before.filter((g) => !sameGrant(g, grant))
    if (user) await tx.put('users', { ...user, grants: after })
    await tx.remove(ROLE_GRANTS, { _id: id })
    await ctx.audit(tx, current.openid, { grants: before, revoked: grant }, { grants: after })
  })
  return { revoked: true }
}
