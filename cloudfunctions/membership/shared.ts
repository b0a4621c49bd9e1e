import type { Ctx } from '../_core/contract'
import { AppError, forbidden, notFound } from '../_core/errors'
import { governsOrg } from '../_core/auth'
import type { Keys } from '../_core/keys'
import { APPLICATIONS, ID_LOCKS, OPENID_LOCKS, type ApplicationDoc } from './model'

/** The county this deployment serves: one federation per deployment, as unions deploy it. */
export const COUNTY_ID = process.env.COUNTY_ORG_ID ?? 'org-leling'

export const LIVE: ApplicationDoc['status'][] = ['pending', 'approved', 'rejected']

export function keysOf(ctx: Ctx): Keys {
  if (!ctx.keys) {
    ctx.log.error('keys_missing', { hint: 'set PII_KEY and CARD_SIGNING_KEY' })
    throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
  }
  return ctx.keys
}

export async function myLive(ctx: Ctx): Promise<ApplicationDoc | null> {
  const [doc] = await ctx.store.find<ApplicationDoc>(APPLICATIONS, {
    where: { applicantOpenid: ctx.caller.openid, status: { $in: LIVE } },
    orderBy: [['submittedAt', 'desc']],
    limit: 1,
  })
  return doc ?? null
}

/** Staff act on applications routed to their org or below it; admins on their whole county. */
export async function governedApplication(ctx: Ctx, id: string): Promise<ApplicationDoc> {
  const doc = await ctx.store.get<ApplicationDoc>(APPLICATIONS, id)
  if (!doc) throw notFound('申请不存在或已撤回')
  if (!(await governsOrg(ctx.store, ctx.caller, doc.orgId))) throw forbidden('这份申请不归您所在的工会审核')
  return doc
}

export async function releaseLocks(tx: Ctx['store'], doc: ApplicationDoc) {
  await tx.remove(ID_LOCKS, { _id: doc.idHash })
  await tx.remove(OPENID_LOCKS, { _id: doc.applicantOpenid })
}
