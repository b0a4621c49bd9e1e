import { maskName, maskPhone } from '../../src/contracts/membership/idcard'
import type { quizApi } from '../../src/contracts/quiz/api'
import { NO_PRIZE, type MyPrize } from '../../src/contracts/quiz/schemas'
import type { Ctx, Impl } from '../_core/contract'
import { AppError, conflict, invalid, notFound } from '../_core/errors'
import { DuplicateKeyError } from '../_core/store/port'
import { drawValue, pickByWeight } from '../_core/fairdraw'
import { campaignState, drawIdOf, maskAddress } from './engine'
import { issueVoucher, voucherView } from './vouchers'
import { formatVoucherCode } from '../../src/contracts/quiz/vouchers'
import { deliveryOf } from './delivery'
import { CAMPAIGNS, DAILY_ISSUED, DRAWS, PLAYERS, PRIZES, type CampaignDoc, type DrawDoc, type PlayerDoc, type PrizeDoc } from './model'
import { bumpCounter, bumpStats, campaignOr404, playerId, running } from './shared'
import { beijingDay } from '../../src/contracts/time'

/** 抽奖: spending a draw right, settling the prize, claiming it, and the public fairness record. */

/*
 * A draw without a transaction. The n-th draw of a person has the id …n, fixed before anything is spent, so
 * its outcome (drawValue(seed, id)) is fixed too. Steps, each one request:
 *   1. read the player: n = drawsUsed + 1, refused when no rights are left;
 *   2. insert draw n (settled at once when it wins nothing, else pending with a lease);
 *   3. spend the right: drawsUsed n-1 → n, guarded, so draw n spends one right whoever of its taps gets there;
 *   4. (winners) the daily cap and the stock, each a guarded decrement, then settle.
 * A crash after 2 leaves draw n in place: the person's next tap finds it and spends its right (3) then.
 * A crash between the stock decrement and the settle leaves a pending draw whose stock may be taken; the
 * timer's `reconcilePrizes` settles such draws exactly from the prize's count once the prize is quiet, and
 * returns units that no draw holds. Stock is therefore never over-issued and never lost for good.
 */

/** Longer than a function may run (60 s on CloudBase): a lease that ran out belongs to a request that died. */
const LEASE_MS = 90_000
/** A prize untouched this long has no stock step in flight. */
const PRIZE_QUIET_MS = 2 * 60_000

async function issue(ctx: Ctx, c: CampaignDoc, draw: DrawDoc): Promise<DrawDoc> {
  let issued = false
  const prize = draw.intendedIndex >= 0 ? c.prizes[draw.intendedIndex] : undefined
  if (prize) {
    // Daily cap first, stock second; a refused stock gives the day's slot back. Both are guarded atomic
    // increments, so no rush can take either past its limit. The stock step marks the prize first-hand.
    const capOk =
      c.dailyPrizeCap == null ||
      (await bumpCounter(ctx.store, DAILY_ISSUED, `${c._id}:${draw.day}`, c.dailyPrizeCap, { campaignId: c._id, day: draw.day }))
    if (capOk) {
      issued =
        (await ctx.store.update(
          PRIZES,
          { _id: prize.id, remaining: { $gt: 0 } },
          { inc: { remaining: -1 }, set: { touchedAt: ctx.now().toISOString() } },
        )) > 0
      if (!issued && c.dailyPrizeCap != null) await ctx.store.update(DAILY_ISSUED, { _id: `${c._id}:${draw.day}` }, { inc: { n: -1 } })
    }
  }
  const settled = settledFields(issued, prize)
  await ctx.store.update(DRAWS, { _id: draw._id, status: 'pending' }, { set: settled })
  if (issued) await bumpStats(ctx.store, c._id, draw.day, { issued: 1 })
  return { ...draw, ...settled }
}

function settledFields(issued: boolean, prize: CampaignDoc['prizes'][number] | undefined): Partial<DrawDoc> {
  return {
    status: 'settled',
    issued,
    prizeId: issued && prize ? prize.id : null,
    prizeName: issued && prize ? prize.name : null,
    kind: issued && prize ? prize.kind : null,
    leaseUntil: null,
    ...(issued ? { claimStatus: 'unclaimed' as const } : {}),
  }
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

/** A claimed 驿站券 with its QR, station, validity and whether it was used. */
async function withVoucher(ctx: Ctx, p: MyPrize): Promise<MyPrize> {
  if (p.kind !== 'voucher' || !p.voucherCode) return p
  const voucher = await voucherView(ctx.store, p.voucherCode, ctx.now())
  return voucher ? { ...p, voucher } : p
}

/** Spends the right for draw n: only the move drawsUsed n-1 → n, so it happens once whoever tries. */
function spend(ctx: Ctx, pid: string, n: number): Promise<number> {
  return ctx.store.update(PLAYERS, { _id: pid, drawsUsed: n - 1, drawsLeft: { $gt: 0 } }, { inc: { drawsLeft: -1, drawsUsed: 1 } })
}

/**
 * The first steps a draw and a pick share: the campaign is running and gives prizes this way, and the person
 * holds a right. Draw n's id is fixed from here on.
 */
async function opening(ctx: Ctx, campaignId: string, mode: 'draw' | 'pick') {
  const pid = playerId(campaignId, ctx.caller.openid)
  const [c, p] = await Promise.all([campaignOr404(ctx.store, campaignId), ctx.store.get<PlayerDoc>(PLAYERS, pid)])
  const now = ctx.now()
  running(c, now)
  if ((c.prizeMode ?? 'draw') !== mode) throw conflict(mode === 'draw' ? '本活动是自选奖品，请到「选奖品」挑选' : '本活动是抽奖，不能自选奖品')
  return { c, p, pid, now }
}

/** Draw n as first written: pending with a lease, nothing won yet; `own` adds the draw's or the pick's fields. */
function freshDraw(ctx: Ctx, c: CampaignDoc, n: number, now: Date, own: Pick<DrawDoc, 'value' | 'intendedIndex'> & Partial<DrawDoc>): DrawDoc {
  return {
    _id: drawIdOf(c._id, ctx.caller.openid, n),
    campaignId: c._id,
    openid: ctx.caller.openid,
    nameMasked: maskName(ctx.caller.name || '微信用户'),
    n,
    status: 'pending',
    issued: false,
    prizeId: null,
    prizeName: null,
    kind: null,
    at: now.toISOString(),
    day: beijingDay(now),
    leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
    ...own,
  }
}

/**
 * Writes draw n and spends its right. Only a spend for draw n can move drawsUsed past n-1, so when this one finds
 * it moved, a double tap that met this same draw spent the right for it: the draw stands either way. Draw n
 * already there (a double tap, a request that died) is resumed instead: its answer comes back as `resumed`.
 */
async function writeAndSpend(ctx: Ctx, c: CampaignDoc, pid: string, draw: DrawDoc) {
  try {
    await ctx.store.insert(DRAWS, draw)
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
    return { resumed: await resume(ctx, c, pid, draw.n) }
  }
  await spend(ctx, pid, draw.n)
  return { resumed: null }
}

export const drawAction: Impl<typeof quizApi.draw> = {
  rateLimit: { key: (_i, ctx) => `quiz.draw:${ctx.caller.openid}`, max: 10, perMs: 60_000, message: '抽奖太频繁，请稍后再试' },
  handler: async (input, ctx) => {
    const { c, p, pid, now } = await opening(ctx, input.campaignId, 'draw')
    if (!p || p.drawsLeft <= 0) {
      const last = p?.drawsUsed ? await ctx.store.get<DrawDoc>(DRAWS, drawIdOf(c._id, ctx.caller.openid, p.drawsUsed)) : null
      if (last?.status === 'pending') throw conflict('上一次抽奖的结果正在确认，稍后请在「我的奖品」查看')
      throw conflict('没有抽奖机会了，答题及格即可获得')
    }
    const n = p.drawsUsed + 1
    const value = drawValue(c.seed, drawIdOf(c._id, ctx.caller.openid, n))
    const intendedIndex = pickByWeight(value, c.prizes)
    const base = freshDraw(ctx, c, n, now, { value, intendedIndex })
    // Nothing to win: the draw is settled the moment it is written.
    const draw: DrawDoc = intendedIndex < 0 ? { ...base, ...settledFields(false, undefined) } : base
    const { resumed } = await writeAndSpend(ctx, c, pid, draw)
    if (resumed) return resumed
    const done = draw.status === 'settled' ? draw : await issue(ctx, c, draw)
    return drawAnswer(done, p.drawsLeft - 1)
  },
}

/**
 * Draw n exists already: a double tap, or a request that died after writing it. Its right is spent now if
 * it was not; a settled draw answers as it stands; a pending one in its lease belongs to a request still at
 * work; a pending one past it is settled by the reconciler, and the person sees it in 我的奖品.
 */
async function resume(ctx: Ctx, c: CampaignDoc, pid: string, n: number) {
  const d = await ctx.store.get<DrawDoc>(DRAWS, drawIdOf(c._id, ctx.caller.openid, n))
  if (!d) throw conflict('正在抽奖，请稍候查看结果')
  const spent = await spend(ctx, pid, n)
  if (d.status === 'settled') {
    const p = await ctx.store.get<PlayerDoc>(PLAYERS, pid)
    if (spent || d.issued) return drawAnswer(d, p?.drawsLeft ?? 0)
  }
  throw conflict(
    d.leaseUntil && d.leaseUntil < ctx.now().toISOString() ? '上一次抽奖的结果正在确认，稍后请在「我的奖品」查看' : '正在抽奖，请稍候查看结果',
  )
}

/**
 * The timer's repair of one campaign's stock. Draws still pending past their lease were cut off somewhere
 * between writing the draw and settling it. For each prize untouched for PRIZE_QUIET_MS, how many of its cut-off
 * draws already took a unit is known exactly: units taken minus draws settled with the prize. That many,
 * earliest first, are settled as won without taking another unit; the rest are finished as they would have
 * been (right, daily cap, stock). Every write is guarded, so a step that began meanwhile is never undone.
 */
export async function reconcilePrizes(ctx: Ctx, c: CampaignDoc): Promise<{ settled: number }> {
  const now = ctx.now()
  let settledCount = 0
  const stale = await ctx.store.find<DrawDoc>(DRAWS, {
    where: { campaignId: c._id, status: 'pending', leaseUntil: { $lt: now.toISOString() } },
    orderBy: [['at', 'asc']],
    limit: 1000,
  })
  for (const [index, prize] of c.prizes.entries()) {
    const mine = stale.filter((d) => d.intendedIndex === index)
    if (!mine.length) continue
    const doc = await ctx.store.get<PrizeDoc & { touchedAt?: string }>(PRIZES, prize.id)
    if (!doc) continue
    if (now.getTime() - Date.parse(doc.touchedAt ?? '1970-01-01T00:00:00Z') <= PRIZE_QUIET_MS) continue
    const settledWins = await ctx.store.count(DRAWS, { campaignId: c._id, prizeId: prize.id, issued: true })
    const held = Math.max(0, prize.quantity - doc.remaining - settledWins)
    for (const [i, d] of mine.entries()) {
      // The right first: a request that died right after writing the draw had not spent it yet.
      await spend(ctx, playerId(c._id, d.openid), d.n)
      const lease = new Date(now.getTime() + LEASE_MS).toISOString()
      if (!(await ctx.store.update(DRAWS, { _id: d._id, status: 'pending', leaseUntil: d.leaseUntil as string }, { set: { leaseUntil: lease } })))
        continue
      settledCount++
      if (i < held) {
        await ctx.store.update(DRAWS, { _id: d._id, status: 'pending' }, { set: settledFields(true, prize) })
        await bumpStats(ctx.store, c._id, d.day, { issued: 1 })
      } else await issue(ctx, c, { ...d, leaseUntil: lease })
    }
  }
  return { settled: settledCount }
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
    const c = await ctx.store.get<CampaignDoc>(CAMPAIGNS, d.campaignId)
    // The voucher first: its code is the draw's own, so a claim retried after a crash finds the same one.
    if (d.kind === 'voucher') set.voucherCode = formatVoucherCode(await issueVoucher(ctx, d, c))
    // 待发放 until staff record the delivery; a voucher's code is handed over right here.
    set.deliveryStatus = d.kind === 'voucher' ? 'delivered' : 'pending'
    const changed = await ctx.store.update(DRAWS, { _id: d._id, claimStatus: 'unclaimed' }, { set })
    if (!changed) throw conflict('这个奖品已经领取过了')
    return withVoucher(ctx, toMyPrize({ ...d, ...set } as DrawDoc, c?.title ?? ''))
  },
}

export const myPrizesAction: Impl<typeof quizApi.myPrizes> = {
  handler: async (_input, ctx) => {
    const draws = await ctx.store.find<DrawDoc>(DRAWS, { where: { openid: ctx.caller.openid, issued: true }, orderBy: [['at', 'desc']], limit: 200 })
    const titles = new Map<string, string>()
    for (const id of new Set(draws.map((d) => d.campaignId))) titles.set(id, (await ctx.store.get<CampaignDoc>(CAMPAIGNS, id))?.title ?? '')
    return { items: await Promise.all(draws.map((d) => withVoucher(ctx, toMyPrize(d, titles.get(d.campaignId) ?? '')))) }
  },
}

/** The table as the draws walk it: each prize's value range, then 谢谢参与 up to 9999. */
function committedTable(c: CampaignDoc) {
  let edge = 0
  const prizes = c.prizes.map((p) => {
    const from = edge
    edge += p.weight
    return { name: p.name, weight: p.weight, quantity: p.quantity, from, to: edge - 1 }
  })
  return { prizes, noPrizeFrom: edge }
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
      ...committedTable(c),
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

/*
 * 选奖品, the draw's design with the person's choice in place of the seed: right n makes pick n (same ids as draws,
 * so claim, 我的奖品, delivery and the reconciler treat it alike). Insert pick n as pending with the chosen prize →
 * spend right n (guarded n-1 → n) → the daily cap and the stock, each a guarded decrement (`issue`). No transaction
 * touches the prize: a rush on its last units takes exactly what is left. A pick that finds the prize gone is
 * settled as not issued and its right comes back (only the request that wrote it settles it, so once).
 */
export const pickAction: Impl<typeof quizApi.pick> = {
  rateLimit: { key: (_i, ctx) => `quiz.draw:${ctx.caller.openid}`, max: 10, perMs: 60_000, message: '操作太频繁，请稍后再试' },
  handler: async (input, ctx) => {
    const { c, p, pid, now } = await opening(ctx, input.campaignId, 'pick')
    const index = c.prizes.findIndex((x) => x.id === input.prizeId)
    if (index < 0) throw invalid([{ path: 'prizeId', message: '没有这个奖品' }])
    if (!p || p.drawsLeft <= 0) throw conflict('没有选奖品的机会了，答题及格即可获得')
    // chosen, not drawn: no seed value
    const pick = freshDraw(ctx, c, p.drawsUsed + 1, now, { value: -1, picked: true, intendedIndex: index })
    const { resumed } = await writeAndSpend(ctx, c, pid, pick)
    if (resumed) return resumed
    const done = await issue(ctx, c, pick)
    if (done.issued) return drawAnswer(done, p.drawsLeft - 1)
    await ctx.store.update(PLAYERS, { _id: pid }, { inc: { drawsLeft: 1 } })
    throw conflict(`「${c.prizes[index].name}」刚刚发完了，请换一个奖品（机会已退回）`)
  },
}
