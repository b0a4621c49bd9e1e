import { maskName, maskPhone } from '../../src/contracts/membership/idcard'
import type { quizApi } from '../../src/contracts/quiz/api'
import { NO_PRIZE, type MyPrize } from '../../src/contracts/quiz/schemas'
import type { Ctx, Impl } from '../_core/contract'
import { AppError, conflict, invalid, notFound } from '../_core/errors'
import { drawValue, pickByWeight } from '../_core/fairdraw'
import { campaignState, drawIdOf, maskAddress, shanghaiDay, voucherCode } from './engine'
import { deliveryOf } from './delivery'
import { CAMPAIGNS, DAILY_ISSUED, DRAWS, PLAYERS, PRIZES, type CampaignDoc, type DrawDoc, type PlayerDoc } from './model'
import { bumpCounter, bumpStats, campaignOr404, playerId, running } from './shared'

/** 抽奖: spending a draw right, settling the prize, claiming it, and the public fairness record. */

/**
 * A draw is created 'pending' with a lease held by the request that created it; only after the lease ends may
 * another request finish it. Exactly one request settles a draw, so stock is taken at most once per draw,
 * except after a crash between the stock decrement and the settle, which loses a unit (never over-issues).
 */
const LEASE_MS = 30_000

async function issue(ctx: Ctx, c: CampaignDoc, draw: DrawDoc): Promise<DrawDoc> {
  let issued = false
  const prize = draw.intendedIndex >= 0 ? c.prizes[draw.intendedIndex] : undefined
  if (prize) {
    // Daily cap first, stock second; a refused stock gives the day's slot back. Both are guarded atomic
    // increments, so no rush can take either past its limit.
    const capOk =
      c.dailyPrizeCap == null ||
      (await bumpCounter(ctx.store, DAILY_ISSUED, `${c._id}:${draw.day}`, c.dailyPrizeCap, { campaignId: c._id, day: draw.day }))
    if (capOk) {
      issued = (await ctx.store.update(PRIZES, { _id: prize.id, remaining: { $gt: 0 } }, { inc: { remaining: -1 } })) > 0
      if (!issued && c.dailyPrizeCap != null) await ctx.store.update(DAILY_ISSUED, { _id: `${c._id}:${draw.day}` }, { inc: { n: -1 } })
    }
  }
  const settled: Partial<DrawDoc> = {
    status: 'settled',
    issued,
    prizeId: issued && prize ? prize.id : null,
    prizeName: issued && prize ? prize.name : null,
    kind: issued && prize ? prize.kind : null,
    ...(issued ? { claimStatus: 'unclaimed' as const } : {}),
  }
  await ctx.store.update(DRAWS, { _id: draw._id, status: 'pending' }, { set: settled })
  if (issued) await bumpStats(ctx.store, c._id, draw.day, { issued: 1 })
  return { ...draw, ...settled }
}

const drawAnswer = (d: DrawDoc, drawsLeft: number) => ({
  drawId: d._id,
  won: d.issued,
  ...(d.issued && d.prizeName && d.kind ? { prize: { name: d.prizeName, kind: d.kind } } : {}),
  drawsLeft,
})

function toMyPrize(d: DrawDoc, title: string): MyPrize {
  return {
    drawId: d._id,
    campaignId: d.campaignId,
    campaignTitle: title,
    prizeName: d.prizeName ?? '',
    kind: d.kind ?? 'goods',
    wonAt: d.at,
    claimStatus: d.claimStatus ?? 'unclaimed',
    claimedAt: d.claimedAt,
    phoneMasked: d.phoneMasked,
    addressMasked: d.addressMasked,
    nameMasked: d.claimNameMasked,
    voucherCode: d.voucherCode,
    ...(d.claimStatus === 'claimed' ? { deliveryStatus: deliveryOf(d) } : {}),
    ...(d.deliveredAt ? { deliveredAt: String(d.deliveredAt), deliveryNote: String(d.deliveryNote ?? '') } : {}),
  }
}

export const drawAction: Impl<typeof quizApi.draw> = {
  rateLimit: { key: (_i, ctx) => `quiz.draw:${ctx.caller.openid}`, max: 10, perMs: 60_000, message: '抽奖太频繁，请稍后再试' },
  handler: async (input, ctx) => {
    const c = await campaignOr404(ctx.store, input.campaignId)
    const now = ctx.now()
    running(c, now)
    const pid = playerId(c._id, ctx.caller.openid)
    // A draw whose right was spent but whose prize was never settled (a crash, a timeout) is finished first,
    // with the outcome its id already fixed.
    // Only a draw whose lease ran out: one still being settled by a concurrent request is left to it.
    const [stale] = await ctx.store.find<DrawDoc>(DRAWS, {
      where: { campaignId: c._id, openid: ctx.caller.openid, status: 'pending', leaseUntil: { $lt: now.toISOString() } },
      limit: 1,
    })
    const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString()
    if (
      stale &&
      (await ctx.store.update(DRAWS, { _id: stale._id, status: 'pending', leaseUntil: stale.leaseUntil as string }, { set: { leaseUntil } }))
    ) {
      const done = await issue(ctx, c, stale)
      const p = await ctx.store.get<PlayerDoc>(PLAYERS, pid)
      return drawAnswer(done, p?.drawsLeft ?? 0)
    }
    // Spend one right and record the draw in one transaction: the n-th draw gets the id …n, always.
    const created = await ctx.store.transaction(async (tx) => {
      const p = await tx.get<PlayerDoc>(PLAYERS, pid)
      if (!p || p.drawsLeft <= 0) return null
      const n = p.drawsUsed + 1
      await tx.update(PLAYERS, { _id: pid }, { set: { drawsLeft: p.drawsLeft - 1, drawsUsed: n } })
      const id = drawIdOf(c._id, ctx.caller.openid, n)
      const value = drawValue(c.seed, id)
      const draw: DrawDoc = {
        _id: id,
        campaignId: c._id,
        openid: ctx.caller.openid,
        nameMasked: maskName(ctx.caller.name || '微信用户'),
        n,
        status: 'pending',
        value,
        intendedIndex: pickByWeight(value, c.prizes),
        issued: false,
        prizeId: null,
        prizeName: null,
        kind: null,
        at: now.toISOString(),
        day: shanghaiDay(now),
        leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
      }
      await tx.insert(DRAWS, draw)
      return { draw, drawsLeft: p.drawsLeft - 1 }
    })
    if (!created) throw conflict('没有抽奖机会了，答题及格即可获得')
    const done = await issue(ctx, c, created.draw)
    return drawAnswer(done, created.drawsLeft)
  },
}

export const claimAction: Impl<typeof quizApi.claim> = {
  handler: async (input, ctx) => {
    const d = await ctx.store.get<DrawDoc>(DRAWS, input.drawId)
    if (!d || d.openid !== ctx.caller.openid || !d.issued) throw notFound('中奖记录不存在')
    if (d.claimStatus === 'claimed') throw conflict('这个奖品已经领取过了')
    if (!ctx.keys) throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
    const { pii } = ctx.keys
    const set: Record<string, unknown> = { claimStatus: 'claimed', claimedAt: ctx.now().toISOString() }
    const missing: { path: string; message: string }[] = []
    // Cash is transferred by staff, who need to reach the winner: a name and a phone, as for goods.
    if (d.kind === 'red_packet' && !input.name) missing.push({ path: 'name', message: '请填写收款人姓名' })
    if (d.kind === 'goods') {
      if (!input.name) missing.push({ path: 'name', message: '请填写收件人' })
      if (!input.address) missing.push({ path: 'address', message: '请填写收货地址' })
    }
    if (d.kind !== 'voucher' && !input.phone)
      missing.push({
        path: 'phone',
        message: d.kind === 'goods' ? '请填写收件人手机号' : d.kind === 'red_packet' ? '请填写联系手机号' : '请填写充值手机号',
      })
    if (missing.length) throw invalid(missing)
    if (input.phone) Object.assign(set, { phoneCipher: pii.encrypt(input.phone), phoneMasked: maskPhone(input.phone) })
    if (d.kind === 'red_packet') Object.assign(set, { claimNameMasked: maskName(input.name), nameCipher: pii.encrypt(input.name) })
    if (d.kind === 'goods')
      Object.assign(set, {
        addressCipher: pii.encrypt(input.address),
        addressMasked: maskAddress(input.address),
        claimNameMasked: maskName(input.name),
        nameCipher: pii.encrypt(input.name),
      })
    if (d.kind === 'voucher') set.voucherCode = voucherCode()
    // 待发放 until staff record the delivery; a voucher's code is handed over right here.
    set.deliveryStatus = d.kind === 'voucher' ? 'delivered' : 'pending'
    const changed = await ctx.store.update(DRAWS, { _id: d._id, claimStatus: 'unclaimed' }, { set })
    if (!changed) throw conflict('这个奖品已经领取过了')
    const c = await ctx.store.get<CampaignDoc>(CAMPAIGNS, d.campaignId)
    return toMyPrize({ ...d, ...set } as DrawDoc, c?.title ?? '')
  },
}

export const myPrizesAction: Impl<typeof quizApi.myPrizes> = {
  handler: async (_input, ctx) => {
    const draws = await ctx.store.find<DrawDoc>(DRAWS, { where: { openid: ctx.caller.openid, issued: true }, orderBy: [['at', 'desc']], limit: 200 })
    const titles = new Map<string, string>()
    for (const id of new Set(draws.map((d) => d.campaignId))) titles.set(id, (await ctx.store.get<CampaignDoc>(CAMPAIGNS, id))?.title ?? '')
    return { items: draws.map((d) => toMyPrize(d, titles.get(d.campaignId) ?? '')) }
  },
}

export const fairnessAction: Impl<typeof quizApi.fairness> = {
  handler: async (input, ctx) => {
    const c = await campaignOr404(ctx.store, input.campaignId)
    const revealed = campaignState(c, ctx.now()) === 'ended'
    const PAGE = 1000
    const [draws, total] = await Promise.all([
      ctx.store.find<DrawDoc>(DRAWS, {
        where: { campaignId: c._id },
        orderBy: [
          ['at', 'asc'],
          ['_id', 'asc'],
        ],
        skip: (input.page - 1) * PAGE,
        limit: PAGE,
      }),
      ctx.store.count(DRAWS, { campaignId: c._id }),
    ])
    return {
      seedHash: c.seedHash,
      ...(revealed ? { seed: c.seed } : {}),
      revealed,
      prizes: c.prizes.map((p) => ({ name: p.name, weight: p.weight })),
      draws: draws.map((d) => ({
        drawId: d._id,
        ...(revealed ? { value: d.value } : {}),
        intendedIndex: d.intendedIndex,
        intended: d.intendedIndex >= 0 ? c.prizes[d.intendedIndex].name : NO_PRIZE,
        issued: d.issued,
      })),
      total,
      page: input.page,
    }
  },
}
