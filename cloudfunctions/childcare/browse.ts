import type { childcareApi } from '../../src/contracts/childcare/api'
import { classRules } from '../../src/contracts/childcare/rules'
import { BALLOT_RECIPE, type BallotEntry, type ClassDetail, type LotteryInfo, type MyBooking } from '../../src/contracts/childcare/schemas'
import type { Ctx, Impl } from '../_core/contract'
import { ballotTicket } from '../_core/fairdraw'
import { notFound } from '../_core/errors'
import { qrImage } from '../membership/card'
import { positionOf, sweepExpired } from './booking'
import { BALLOTS, BOOKINGS, CLASSES, claimView, toSummary, type BookingDoc, type ClassDoc } from './model'
import { beijingDay } from '../../src/contracts/time'

/** What parents see: the list of classes, a class's detail, and their own bookings with places and codes. */

export const listClassesAction: Impl<typeof childcareApi.listClasses> = {
  handler: async (_input, ctx) => {
    const now = ctx.now()
    const docs = await ctx.store.find<ClassDoc>(CLASSES, { orderBy: [['startDate', 'asc']], limit: 100 })
    // Finished classes stay off the parents' list.
    const today = beijingDay(now)
    return { items: docs.filter((c) => c.endDate >= today).map((c) => toSummary(c, now)), serverNow: now.toISOString() }
  },
}

/** The commitment; after the draw the seed, the published list and the caller's own numbers in it. */
async function lotteryInfo(ctx: Ctx, cls: ClassDoc, lottery: NonNullable<ClassDoc['lottery']>): Promise<LotteryInfo> {
  const info: LotteryInfo = { seedHash: lottery.seedHash, applicants: cls.applicants, recipe: BALLOT_RECIPE }
  if (!lottery.seed) return info
  const ballot = await ctx.store.get<{ _id: string; order: BallotEntry[]; priorityPlaces?: number }>(BALLOTS, cls._id)
  const mine = await ctx.store.find<BookingDoc>(BOOKINGS, { where: { parentOpenid: ctx.caller.openid, classId: cls._id }, limit: 10 })
  return {
    ...info,
    seed: lottery.seed,
    drawnAt: lottery.drawnAt,
    ...(ballot ? { order: ballot.order, mine: [...new Set(mine.map((b) => ballotTicket(b.groupId)))] } : {}),
    ...(ballot?.priorityPlaces ? { priorityPlaces: ballot.priorityPlaces } : {}),
  }
}

export const getClassAction: Impl<typeof childcareApi.getClass> = {
  handler: async ({ id }, ctx): Promise<ClassDetail> => {
    const cls = await ctx.store.get<ClassDoc>(CLASSES, id)
    if (!cls) throw notFound('托管班不存在或已下架')
    const now = ctx.now()
    // The stored count is refreshed by the timer; one class's page counts its waitlist itself.
    const waiting = cls.allocation === 'fcfs' ? await ctx.store.count(BOOKINGS, { classId: id, status: 'waitlisted' }) : cls.waiting
    return {
      ...toSummary({ ...cls, waiting }, now),
      description: cls.description,
      rules: classRules(cls),
      ...(cls.notice ? { notice: cls.notice } : {}),
      serverNow: now.toISOString(),
      ...(cls.lottery ? { lottery: await lotteryInfo(ctx, cls, cls.lottery) } : {}),
    }
  },
}

export const myBookingsAction: Impl<typeof childcareApi.myBookings> = {
  handler: async (_input, ctx) => {
    await sweepExpired(ctx, { parentOpenid: ctx.caller.openid })
    const docs = await ctx.store.find<BookingDoc>(BOOKINGS, {
      where: { parentOpenid: ctx.caller.openid },
      orderBy: [['createdAt', 'desc']],
      limit: 50,
    })
    const classes = new Map<string, ClassDoc | null>()
    for (const id of new Set(docs.map((d) => d.classId))) classes.set(id, await ctx.store.get<ClassDoc>(CLASSES, id))
    const now = ctx.now()
    const today = beijingDay(now)
    const items: MyBooking[] = []
    for (const b of docs) {
      const cls = classes.get(b.classId)
      if (!cls || cls.endDate < today) continue
      const canCancel = b.status === 'waitlisted' || b.status === 'applied' || now.getTime() < Date.parse(cls.cancelBefore)
      items.push({
        id: b._id,
        classId: b.classId,
        classTitle: cls.title,
        site: cls.site,
        startDate: cls.startDate,
        endDate: cls.endDate,
        dailyHours: cls.dailyHours,
        childId: b.childId,
        childName: b.childName,
        status: b.status,
        ...(b.status === 'waitlisted' ? { position: await positionOf(ctx.store, b) } : {}),
        ...(b.status === 'offered' && b.offerExpiresAt ? { offerExpiresAt: b.offerExpiresAt } : {}),
        cancelBefore: cls.cancelBefore,
        canCancel,
        ...(b.status === 'confirmed' ? { code: b.code, qr: await qrImage(`CC:${b.code}`) } : {}),
        checkins: b.checkins,
        ...(b.claim ? { claim: claimView(b.claim) } : {}),
      })
    }
    return { items }
  },
}
