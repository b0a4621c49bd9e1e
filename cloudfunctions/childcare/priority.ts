import type { childcareApi } from '../../src/contracts/childcare/api'
import { CLAIM_STATE_LABELS, priorityLabel } from '../../src/contracts/childcare/priority'
import type { Ctx, Impl } from '../_core/contract'
import { conflict, notFound } from '../_core/errors'
import { freePlaces, returnPlaces, seqAt, takePlaces, touch } from './booking'
import { governedClass } from './classes'
import { BOOKINGS, CLASSES, type BookingDoc, type ClassDoc } from './model'

/**
 * 优先名额 from the union's side: staff verify or refuse a claim. Siblings booked together share one claim and
 * move together. A refused reserved place (first-come) falls back to the general pool: a general place when one
 * is free, else the waitlist at the family's original arrival time; the reserved place goes back to the reserve.
 * A refused ballot application simply enters the draw's second pass. No transaction touches the class.
 */

type Outcome = 'verified' | 'kept' | 'waitlisted' | 'ballot'

const WORDS: Record<Outcome, (label: string) => { result: string; body: string }> = {
  verified: (l) => ({ result: '优先资格已核实', body: `「${l}」优先资格已核实` }),
  kept: (l) => ({ result: '已改为普通名额', body: `「${l}」优先资格未通过核实，已改用普通名额，预约仍然有效` }),
  waitlisted: (l) => ({
    result: '已转为候补',
    body: `「${l}」优先资格未通过核实；普通名额已满，已按您当初的报名时间排入候补，有名额空出时会通知您`,
  }),
  ballot: (l) => ({ result: '按普通名额抽签', body: `「${l}」优先资格未通过核实，将按普通名额参加抽签` }),
}

async function family(ctx: Ctx, b: BookingDoc): Promise<BookingDoc[]> {
  const docs = await ctx.store.find<BookingDoc>(BOOKINGS, { where: { classId: b.classId, groupId: b.groupId }, limit: 10 })
  return docs.filter((d) => d.claim?.state === 'pending')
}

async function settle(
  ctx: Ctx,
  cls: ClassDoc,
  ids: string[],
  outcome: Outcome,
  change: (b: BookingDoc, i: number) => Record<string, unknown>,
): Promise<boolean> {
  return ctx.store.transaction(async (tx) => {
    const docs = await Promise.all(ids.map((id) => tx.get<BookingDoc>(BOOKINGS, id)))
    if (docs.some((d) => !d || d.claim?.state !== 'pending')) return false
    for (const [i, b] of (docs as BookingDoc[]).entries()) {
      await tx.update(BOOKINGS, { _id: b._id }, { set: change(b, i) })
      const w = WORDS[outcome](priorityLabel(b.claim!.group))
      await ctx.notify(tx, {
        openid: b.parentOpenid,
        template: 'childcare_booking',
        title: `托管班${w.result}`,
        body: `${cls.title}：${b.childName} ${w.body}`,
        page: 'pages/childcare/mine/index',
        data: { class: cls.title.slice(0, 20), child: b.childName, result: w.result },
      })
    }
    return true
  })
}

export const verifyClaimAction: Impl<typeof childcareApi.verifyClaim> = {
  audit: 'childcare.claim',
  handler: async ({ bookingId, approve }, ctx) => {
    const seen = await ctx.store.get<BookingDoc>(BOOKINGS, bookingId)
    if (!seen?.claim) throw notFound('没有这条优先名额申请，可能已取消')
    const cls = await governedClass(ctx, seen.classId)
    if (seen.claim.state !== 'pending') throw conflict(`这条优先资格已审核（${CLAIM_STATE_LABELS[seen.claim.state]}）`)
    if (cls.lottery?.drawnAt) throw conflict('已经抽签，不能再审核优先资格')
    const docs = await family(ctx, seen)
    const ids = docs.map((d) => d._id)
    const who = { by: ctx.caller.openid, at: ctx.now().toISOString() }
    const stale = () => conflict('这条申请刚刚有变动（可能已取消），请刷新后再审核')
    const held = seen.status === 'confirmed' && seen.claim.pool === 'priority'
    if (approve || !held) {
      const outcome: Outcome = approve ? 'verified' : 'ballot'
      const state = approve ? 'verified' : 'refused'
      const ok = await settle(ctx, cls, ids, outcome, (b) => ({ claim: { ...b.claim, state, ...who } }))
      if (!ok) throw stale()
      return { state, status: seen.status === 'applied' ? 'applied' : 'confirmed' }
    }
    // Refused while holding reserved places: take general ones first (guarded decrement), else mark the class
    // touched; then move the bookings; then give the reserved places back. A crash in between loses places
    // (the timer restores them), never gives one twice.
    const n = ids.length
    const at = ctx.now().toISOString()
    const fresh = (await ctx.store.get<ClassDoc>(CLASSES, cls._id)) ?? cls
    const took = fresh.remaining >= n && (await takePlaces(ctx, cls._id, n, at))
    if (!took) await touch(ctx, cls._id)
    const ok = await settle(ctx, cls, ids, took ? 'kept' : 'waitlisted', (b, i) => ({
      claim: { ...b.claim, state: 'refused', pool: 'general', ...who },
      ...(took ? {} : { status: 'waitlisted', seq: seqAt(b.createdAt, i) }),
    }))
    if (!ok) {
      if (took) await freePlaces(ctx, cls._id, n)
      throw stale()
    }
    if (!took) await ctx.store.update(CLASSES, { _id: cls._id }, { inc: { waiting: n } })
    await returnPlaces(ctx, cls._id, n, 'priority')
    return { state: 'refused', status: took ? 'confirmed' : 'waitlisted' }
  },
}
