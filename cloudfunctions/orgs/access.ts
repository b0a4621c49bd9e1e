import { scopesOf } from '../_core/auth'
import type { Ctx } from '../_core/contract'
import { requireCounty, type CountySettings } from '../_core/county'
import { forbidden } from '../_core/errors'
import type { OrgIndex } from './tree'

/**
 * Who manages what, from the caller's admin grants alone (as 人员与角色 decides): an admin of an org manages it
 * and everything below it. Staff grants do not count here: they run the union's services, not its structure.
 */
export function adminRoots(ctx: Ctx): string[] {
  return scopesOf(ctx.caller, 'admin')
}

export function governs(index: OrgIndex, roots: string[], orgId: string): boolean {
  return index.chain(orgId).some((id) => roots.includes(id))
}

const OUTSIDE = '只能管理您所在工会及其下级组织'

export function requireGoverned(index: OrgIndex, roots: string[], orgId: string, message = OUTSIDE): void {
  if (!governs(index, roots, orgId)) throw forbidden(message)
}

export const COUNTY_ONLY = '只有县总工会的管理员可以维护街道/乡镇和行政区划代码'

export async function requireCountyAdmin(ctx: Ctx): Promise<CountySettings> {
  const county = await requireCounty(ctx.store)
  if (!adminRoots(ctx).includes(county.orgId)) throw forbidden(COUNTY_ONLY)
  return county
}
