import type { Ctx } from '../_core/contract'
import { AppError, forbidden, notFound } from '../_core/errors'
import { governsOrg } from '../_core/auth'
import { countySettings } from '../_core/county'
import type { Keys } from '../_core/keys'
import { APPLICATIONS, ID_LOCKS, OPENID_LOCKS, type ApplicationDoc } from './model'
import type { MyApplication } from '../../src/contracts/membership/schemas'

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

/**
 * The number a member is told to call about their membership: their own union's, or the nearest parent's that
 * has one (enterprise unions often list none), ending at the county federation.
 */
export async function unionPhone(ctx: Ctx, orgId: string): Promise<string | undefined> {
  const countyId = (await countySettings(ctx.store))?.orgId ?? null
  let id: string | null = orgId
  for (let hops = 0; id && hops < 6; hops++) {
    const org: { _id: string; phone?: string; parentId?: string | null } | null = await ctx.store.get('orgs', id)
    if (org?.phone) return org.phone
    id = org?.parentId ?? (id === countyId ? null : countyId)
  }
  return undefined
}

/** When and why a membership was revoked, with the number to call; null unless `doc` is revoked. */
export async function revocationOf(ctx: Ctx, doc: ApplicationDoc): Promise<MyApplication['revoked'] | null> {
  if (doc.status !== 'revoked') return null
  const entry = [...doc.timeline].reverse().find((t) => t.status === 'revoked')
  const phone = await unionPhone(ctx, doc.orgId)
  return { at: entry?.at ?? doc.submittedAt, reason: entry?.note ?? '', orgName: doc.orgName, ...(phone ? { phone } : {}) }
}
