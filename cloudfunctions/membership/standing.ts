import type { membershipApi } from '../../src/contracts/membership/api'
import { retainReasonLabel } from '../../src/contracts/membership/standing'
import type { Ctx, Impl } from '../_core/contract'
import { countySettings } from '../_core/county'
import { conflict } from '../_core/errors'
import { APPLICATIONS, toDetail, type ApplicationDoc } from './model'
import { governedApplication, releaseLocks } from './shared'

const who = (ctx: Ctx) => ctx.caller.name || '工作人员'

/** The union above `orgId` (the county federation at the top keeps its own). */
async function parentOf(ctx: Ctx, orgId: string): Promise<{ _id: string; name: string } | null> {
  const org = await ctx.store.get<{ _id: string; name: string; parentId?: string | null }>('orgs', orgId)
  const parentId = org?.parentId ?? (await countySettings(ctx.store))?.orgId ?? null
  if (!parentId || parentId === orgId) return null
  return ctx.store.get<{ _id: string; name: string }>('orgs', parentId)
}

/**
 * 保留会籍: the member stays a member (card valid, 会员编号 unchanged) without dues. When the employer and its union
 * are gone, the union above takes the membership over; the member's former union is remembered.
 */
export const retainAction: Impl<typeof membershipApi.retain> = {
  audit: 'membership.retain',
  handler: async ({ id, reason, heldBy, note }, ctx) => {
    const doc = await governedApplication(ctx, id)
    if (doc.status !== 'approved') throw conflict('只有在册会员才能保留会籍')
    if (doc.retained) throw conflict('这位会员已是保留会籍')
    const holder = heldBy === 'parent' ? await parentOf(ctx, doc.orgId) : { _id: doc.orgId, name: doc.orgName }
    if (!holder) throw conflict('没有上级工会，请选择由原工会保留')
    const at = ctx.now().toISOString()
    const label = retainReasonLabel(reason)
    const next = await ctx.store.transaction(async (tx) => {
      const current = await tx.get<ApplicationDoc>(APPLICATIONS, id)
      if (!current || current.status !== 'approved' || current.retained) throw conflict('会籍状态刚刚已变更，请刷新后重试')
      const updated: ApplicationDoc = {
        ...current,
        orgId: holder._id,
        orgName: holder.name,
        retained: { reason, since: at, fromOrgId: current.orgId, fromOrgName: current.orgName },
        timeline: [
          ...current.timeline,
          { at, status: 'retained', note: `${label}，由${holder.name}保留会籍${note ? `：${note}` : ''}`, by: who(ctx) },
        ],
      }
      await tx.put(APPLICATIONS, updated)
      await ctx.audit(tx, id, { retained: null, orgId: current.orgId }, { retained: reason, orgId: holder._id, note })
      return updated
    })
    return toDetail(next)
  },
}

export const liftRetainAction: Impl<typeof membershipApi.liftRetain> = {
  audit: 'membership.liftRetain',
  handler: async ({ id, note }, ctx) => {
    const doc = await governedApplication(ctx, id)
    if (!doc.retained) throw conflict('这位会员不是保留会籍')
    const at = ctx.now().toISOString()
    const next = await ctx.store.transaction(async (tx) => {
      const current = await tx.get<ApplicationDoc>(APPLICATIONS, id)
      if (!current?.retained || current.status !== 'approved') throw conflict('会籍状态刚刚已变更，请刷新后重试')
      // Back to 正常 with the union that keeps it now; a new employer's union is a 会籍转移.
      const updated: ApplicationDoc = {
        ...current,
        retained: null,
        timeline: [...current.timeline, { at, status: 'restored', note: note || `恢复正常会籍，所属${current.orgName}`, by: who(ctx) }],
      }
      await tx.put(APPLICATIONS, updated)
      await ctx.audit(tx, id, { retained: current.retained?.reason ?? null }, { retained: null, note })
      return updated
    })
    return toDetail(next)
  },
}

/**
 * 已转出: the member moved to a union outside this county's app (another county, a union without the app). Staff
 * record where to; the membership ends here (card no longer valid, 会员查询 answers 不是), the 会员档案 stays, and
 * the 身份证号 may join again later. A move between unions inside the app is a 会籍转移 (transfer.ts) instead.
 */
export const transferOutAction: Impl<typeof membershipApi.transferOut> = {
  audit: 'membership.transferOut',
  handler: async ({ id, to, note }, ctx) => {
    const doc = await governedApplication(ctx, id)
    if (doc.status !== 'approved') throw conflict('只有在册会员才能办理转出')
    if (doc.pendingTransferId) throw conflict('这位会员有一份待审核的会籍转移申请，请先处理该申请')
    const at = ctx.now().toISOString()
    const next = await ctx.store.transaction(async (tx) => {
      const current = await tx.get<ApplicationDoc>(APPLICATIONS, id)
      if (!current || current.status !== 'approved' || current.pendingTransferId) throw conflict('会籍状态刚刚已变更，请刷新后重试')
      const updated: ApplicationDoc = {
        ...current,
        status: 'transferred_out',
        retained: null,
        transferredOut: { to, at, fromOrgName: current.orgName },
        timeline: [...current.timeline, { at, status: 'transferred_out', note: `会籍转出至${to}${note ? `：${note}` : ''}`, by: who(ctx) }],
      }
      await tx.put(APPLICATIONS, updated)
      // As with 注销: the number may join again (a member who comes back), and the account may apply.
      await releaseLocks(tx, current)
      await ctx.audit(tx, id, { status: 'approved' }, { status: 'transferred_out', to, note })
      return updated
    })
    return toDetail(next)
  },
}
