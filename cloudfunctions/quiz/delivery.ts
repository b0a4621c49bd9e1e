import type { quizApi } from '../../src/contracts/quiz/api'
import type { DeliveryItem, DeliveryStatus } from '../../src/contracts/quiz/delivery'
import { governsOrg } from '../_core/auth'
import type { Ctx, Impl } from '../_core/contract'
import { conflict, forbidden, notFound } from '../_core/errors'
import { DRAWS, type CampaignDoc, type DrawDoc } from './model'
import { campaignOr404 } from './shared'
import { redeemByStaff } from './vouchers'

/**
 * Prize delivery, tracked: 待发放 once claimed, 已发放 when staff record how it went out (a parcel number, a top-up,
 * a transfer: cash prizes are transferred by staff, there is no payment integration), 已核销 when a voucher is used.
 * Each step is a conditional update (only from the state before) and an audit record.
 */

async function governed(ctx: Ctx, id: string): Promise<CampaignDoc> {
  const c = await campaignOr404(ctx.store, id)
  if (!(await governsOrg(ctx.store, ctx.caller, c.orgId))) throw forbidden('这个活动不归您所在的工会管理')
  return c
}

/** A claimed draw's delivery state; claims from before tracking began are 待发放 (a voucher's code was its delivery). */
export function deliveryOf(d: DrawDoc): DeliveryStatus {
  if (d.deliveryStatus) return d.deliveryStatus as DeliveryStatus
  return d.kind === 'voucher' ? 'delivered' : 'pending'
}

function toItem(d: DrawDoc): DeliveryItem {
  return {
    drawId: d._id,
    prizeName: d.prizeName ?? '',
    kind: d.kind ?? 'goods',
    status: deliveryOf(d),
    claimedAt: d.claimedAt ?? d.at,
    ...(d.claimNameMasked ? { nameMasked: d.claimNameMasked } : d.nameMasked ? { nameMasked: d.nameMasked } : {}),
    ...(d.phoneMasked ? { phoneMasked: d.phoneMasked } : {}),
    ...(d.addressMasked ? { addressMasked: d.addressMasked } : {}),
    ...(d.deliveredAt ? { deliveredAt: String(d.deliveredAt), deliveredByName: String(d.deliveredByName ?? '') } : {}),
    ...(d.deliveryNote ? { deliveryNote: String(d.deliveryNote) } : {}),
    ...(d.redeemedAt ? { redeemedAt: String(d.redeemedAt) } : {}),
  }
}

export const deliveriesAction: Impl<typeof quizApi.deliveries> = {
  handler: async ({ campaignId, status }, ctx) => {
    const c = await governed(ctx, campaignId)
    const docs = await ctx.store.find<DrawDoc>(DRAWS, {
      where: { campaignId: c._id, issued: true, claimStatus: 'claimed' },
      orderBy: [['at', 'asc']],
      limit: 1000,
    })
    const items = docs.map(toItem)
    const counts = { pending: 0, delivered: 0, redeemed: 0 }
    for (const i of items) counts[i.status]++
    return { items: status === 'all' ? items : items.filter((i) => i.status === status), counts }
  },
}

async function claimedDraw(ctx: Ctx, drawId: string): Promise<DrawDoc> {
  const d = await ctx.store.get<DrawDoc>(DRAWS, drawId)
  if (!d || !d.issued) throw notFound('中奖记录不存在')
  await governed(ctx, d.campaignId)
  if (d.claimStatus !== 'claimed') throw conflict('中奖人还没有领取（没有填写收件信息），不能发放')
  return d
}

export const markDeliveredAction: Impl<typeof quizApi.markDelivered> = {
  audit: 'quiz.delivery',
  handler: async ({ drawId, note }, ctx) => {
    const d = await claimedDraw(ctx, drawId)
    if (deliveryOf(d) !== 'pending') throw conflict('这个奖品已经发放过了')
    const set = {
      deliveryStatus: 'delivered',
      deliveredAt: ctx.now().toISOString(),
      deliveredBy: ctx.caller.openid,
      deliveredByName: ctx.caller.name,
      deliveryNote: note,
    }
    const changed = await ctx.store.transaction(async (tx) => {
      const cur = await tx.get<DrawDoc>(DRAWS, drawId)
      if (!cur || deliveryOf(cur) !== 'pending') return false
      await tx.update(DRAWS, { _id: drawId }, { set })
      await ctx.audit(tx, drawId, { deliveryStatus: 'pending' }, { deliveryStatus: 'delivered', note })
      return true
    })
    if (!changed) throw conflict('这个奖品已经发放过了')
    return toItem({ ...d, ...set })
  },
}

export const markRedeemedAction: Impl<typeof quizApi.markRedeemed> = {
  audit: 'quiz.delivery',
  handler: async ({ drawId, note }, ctx) => {
    const d = await claimedDraw(ctx, drawId)
    if (d.kind !== 'voucher') throw conflict('只有消费券需要核销')
    if (deliveryOf(d) === 'redeemed') throw conflict('这张券已经核销过了')
    // A 驿站券 is used by one step on its voucher: a keeper's scan and this mark can never both count.
    if (d.voucherCode && !(await redeemByStaff(ctx, d.voucherCode))) throw conflict('这张券已经核销过了')
    const set = {
      deliveryStatus: 'redeemed',
      redeemedAt: ctx.now().toISOString(),
      redeemedBy: ctx.caller.openid,
      ...(note ? { redeemNote: note } : {}),
    }
    const changed = await ctx.store.transaction(async (tx) => {
      const cur = await tx.get<DrawDoc>(DRAWS, drawId)
      if (!cur || deliveryOf(cur) === 'redeemed') return false
      await tx.update(DRAWS, { _id: drawId }, { set })
      await ctx.audit(tx, drawId, { deliveryStatus: deliveryOf(cur) }, { deliveryStatus: 'redeemed' })
      return true
    })
    if (!changed) throw conflict('这张券已经核销过了')
    return toItem({ ...d, ...set })
  },
}
