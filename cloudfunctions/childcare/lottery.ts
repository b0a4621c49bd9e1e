import type { LotteryResult } from '../../src/contracts/childcare/schemas'
import type { Ctx } from '../_core/contract'
import { AppError, conflict, notFound } from '../_core/errors'
import { ballotOrder, ballotTicket, newSeed, seedHash } from '../_core/fairdraw'
import type { Store } from '../_core/store/port'
import { BALLOTS, BOOKINGS, CLASSES, SECRETS, type BookingDoc, type ClassDoc } from './model'
import { beijingDateTime } from '../../src/contracts/time'

/** Called when a lottery class is created: the seed stays secret, its SHA-256 is published with the class. */
export async function commitSeed(tx: Store, classId: string): Promise<{ seedHash: string }> {
  const seed = newSeed()
  // put: an edit that committed a seed and then lost its guarded update commits a fresh one on retry.
  await tx.put(SECRETS, { _id: classId, seed })
  return { seedHash: seedHash(seed) }
}

/**
 * The draw: applications (siblings together, id = the first child's booking id) ordered by
 * HMAC-SHA256(seed, ticket) as hex, ascending (`ballotOrder`), the ticket being `ballotTicket(applicationId)`. Places go down that order; an
 * application too large for the places left waits and smaller ones after it may still fit; everyone not
 * placed joins the waitlist in drawn order. Running it again recomputes the same order and changes nothing.
 */
export async function runLottery(ctx: Ctx, cls: ClassDoc): Promise<LotteryResult> {
  if (cls.allocation !== 'lottery' || !cls.lottery) throw conflict('本班是先到先得，无需抽签')
  if (ctx.now().getTime() < Date.parse(cls.closesAt)) throw new AppError('CLOSED', `申请将于 ${beijingDateTime(cls.closesAt)} 截止，截止后才能抽签`)
  const secret = await ctx.store.get<{ _id: string; seed: string }>(SECRETS, cls._id)
  if (!secret) throw notFound('抽签种子缺失')
  const all: BookingDoc[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = await ctx.store.find<BookingDoc>(BOOKINGS, { where: { classId: cls._id }, orderBy: [['seq', 'asc']], limit: 1000, skip })
    all.push(...page)
    if (page.length < 1000) break
  }
  const groups = new Map<string, BookingDoc[]>()
  for (const b of all) groups.set(b.groupId, [...(groups.get(b.groupId) ?? []), b])
  // 优先名额: claims are settled before the draw, so the published list says which applications the first pass saw.
  const reservedPlaces = cls.priority?.places ?? 0
  const pending = all.filter((b) => b.status === 'applied' && b.claim?.state === 'pending').length
  if (reservedPlaces && pending && !cls.lottery.drawnAt) throw conflict(`还有 ${pending} 个孩子的优先资格待审核，请先在花名册里审核，再抽签`)
  // Ranked by public ticket (a hash of the application id); a class drawn before tickets existed keeps the
  // ranking it was drawn with, by application id, so running it again still changes nothing.
  const legacy = !!cls.lottery.drawnAt && !cls.lottery.tickets
  const order = ballotOrder(
    secret.seed,
    [...groups.keys()].map((groupId) => ({ id: legacy ? groupId : ballotTicket(groupId), groupId })),
  ).map((e) => ({ id: e.groupId, ticket: e.id }))
  // Two passes down the same order: verified claims take the reserved places first, then everything left
  // (reserved places unused included) goes to all other applications. With no reservation it is one pass.
  const eligible = (id: string) => reservedPlaces > 0 && (groups.get(id) as BookingDoc[])[0].claim?.state === 'verified'
  const viaReserve = new Set<string>()
  let reservedLeft = reservedPlaces
  for (const { id } of order) {
    const k = (groups.get(id) as BookingDoc[]).length
    if (eligible(id) && k <= reservedLeft) {
      reservedLeft -= k
      viaReserve.add(id)
    }
  }
  let left = cls.capacity - (reservedPlaces - reservedLeft)
  let seq = 1
  let waiting = 0
  const result: LotteryResult['order'] = []
  for (const { id, ticket } of order) {
    const members = groups.get(id) as BookingDoc[]
    const fits = viaReserve.has(id) || members.length <= left
    if (fits && !viaReserve.has(id)) left -= members.length
    if (!fits) waiting += members.length
    result.push({
      applicationId: id,
      ticket,
      children: members.length,
      result: fits ? 'confirmed' : 'waitlisted',
      ...(reservedPlaces ? { priority: eligible(id) } : {}),
    })
    for (const b of members) {
      const s = fits ? 0 : seq++
      const changed = await ctx.store.update(
        BOOKINGS,
        { _id: b._id, status: 'applied' },
        {
          set: {
            status: fits ? 'confirmed' : 'waitlisted',
            seq: s,
            ...(b.claim ? { 'claim.pool': viaReserve.has(id) ? 'priority' : 'general' } : {}),
          },
        },
      )
      if (changed)
        await ctx.notify(ctx.store, {
          openid: b.parentOpenid,
          template: 'childcare_lottery',
          title: fits ? '托管班抽签：中签' : '托管班抽签：候补',
          body: fits ? `${cls.title}：${b.childName} 中签，报名成功` : `${cls.title}：${b.childName} 未中签，已按抽签顺序排入候补`,
          page: 'pages/childcare/mine/index',
          data: { class: cls.title.slice(0, 20), child: b.childName, result: fits ? '中签' : '候补' },
        })
    }
  }
  if (!cls.lottery.drawnAt) {
    // The published list: tickets in drawn order with how many children and the result, fixed at the draw.
    await ctx.store.put(BALLOTS, {
      _id: cls._id,
      drawnAt: ctx.now().toISOString(),
      order: result.map((r) => ({
        ticket: r.ticket,
        children: r.children,
        result: r.result,
        ...(r.priority !== undefined ? { priority: r.priority } : {}),
      })),
      ...(reservedPlaces ? { priorityPlaces: reservedPlaces } : {}),
    })
    await ctx.store.update(
      CLASSES,
      { _id: cls._id },
      {
        set: {
          remaining: left,
          waiting,
          toOffer: 0,
          ...(cls.priority ? { priorityRemaining: 0, priorityReleased: true } : {}),
          nextSeq: seq,
          'lottery.seed': secret.seed,
          'lottery.drawnAt': ctx.now().toISOString(),
          'lottery.tickets': true,
        },
      },
    )
  }
  return { seed: secret.seed, seedHash: cls.lottery.seedHash, order: result, ...(reservedPlaces ? { priorityPlaces: reservedPlaces } : {}) }
}
