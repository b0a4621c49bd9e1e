import { randomBytes } from 'node:crypto'
import { beijingTime, classDays, GRADE_LABELS, gradeRange, MIN_ATTENDANCE, OFFER_HOURS, overlaps } from '../../src/contracts/childcare/rules'
import type { BookResult } from '../../src/contracts/childcare/schemas'
import type { Ctx } from '../_core/contract'
import { AppError, conflict, forbidden, notFound } from '../_core/errors'
import { DuplicateKeyError, type Store } from '../_core/store/port'
import { BOOKINGS, CHILDREN, CLASSES, gradeIn, HISTORY, type BookingDoc, type ChildDoc, type ClassDoc } from './model'
import { keptAttendanceProblem } from './privacy'

const PAGE = 'pages/childcare/mine/index'
const CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

export function checkInCode(): string {
  const b = randomBytes(8)
  return Array.from(b, (x) => CODE_CHARS[x % CODE_CHARS.length]).join('')
}

export const bookingId = (season: number, childId: string) => `${season}:${childId}`

/**
 * What a booking needs to know about a class before its transaction: season and audience. They change
 * rarely, so a warm instance keeps them for a few seconds; the transaction re-reads the class and checks
 * everything else (time, places, grade) from the fresh copy.
 */
const META_TTL_MS = 10_000
const metaCache = new Map<string, { at: number; season: number; audience: ClassDoc['audience'] }>()

async function classMeta(ctx: Ctx, classId: string) {
  const hit = metaCache.get(classId)
  if (hit && Date.now() - hit.at < META_TTL_MS) return hit
  const cls = await ctx.store.get<ClassDoc>(CLASSES, classId)
  if (!cls) throw notFound('托管班不存在或已下架')
  const meta = { at: Date.now(), season: cls.season, audience: cls.audience }
  metaCache.set(classId, meta)
  return meta
}

export function forgetClassMeta(classId: string): void {
  metaCache.delete(classId)
}

/** Approved in membership: the `applications` collection, status 'approved', the caller as applicant. */
export async function isMember(ctx: Ctx): Promise<boolean> {
  const n = await ctx.store.count('applications', { applicantOpenid: ctx.caller.openid, status: 'approved' })
  return n > 0
}

/** Attended share of last season's class; null when there was no confirmed booking then. */
export function attendanceRate(b: Pick<BookingDoc, 'checkins'>, cls: Pick<ClassDoc, 'startDate' | 'endDate'>): number {
  const days = classDays(cls.startDate, cls.endDate).length
  return days ? b.checkins.length / days : 1
}

class NeedsMemberCheck extends Error {}

/**
 * One booking request: siblings together, all or none. Store operations on the usual path (a class whose
 * audience is all, children registered this year): find children, then one transaction of get class,
 * update class (a guarded decrement, or a waitlist sequence allocation), insert booking per child.
 */
export async function book(ctx: Ctx, input: { classId: string; childIds: string[]; requestId: string }): Promise<BookResult> {
  const now = ctx.now()
  const meta = await classMeta(ctx, input.classId)
  const [children, member] = await Promise.all([
    ctx.store.find<ChildDoc>(CHILDREN, { where: { parentOpenid: ctx.caller.openid, _id: { $in: input.childIds } }, limit: 10 }),
    meta.audience === 'members' ? isMember(ctx) : Promise.resolve(null),
  ])
  if (children.length !== input.childIds.length) throw notFound('孩子信息不存在，请先在「孩子信息」中添加')
  const byId = new Map(children.map((c) => [c._id, c]))
  const ordered = input.childIds.map((id) => byId.get(id) as ChildDoc)

  // Last season's attendance: only children registered before this season can have had a booking then.
  const seasonStart = `${meta.season}-01-01`
  const veterans = ordered.filter((c) => c.createdAt.slice(0, 10) < seasonStart)
  if (veterans.length) {
    const last = await ctx.store.find<BookingDoc>(BOOKINGS, {
      where: { _id: { $in: veterans.map((c) => bookingId(meta.season - 1, c._id)) } },
      limit: 10,
    })
    for (const b of last) {
      if (b.status !== 'confirmed') continue
      const cls = await ctx.store.get<ClassDoc>(CLASSES, b.classId)
      if (cls && attendanceRate(b, cls) < MIN_ATTENDANCE) {
        throw new AppError(
          'FORBIDDEN',
          `${b.childName} 上一期（${cls.title}）出勤 ${b.checkins.length}/${classDays(cls.startDate, cls.endDate).length} 天，不足 ${Math.round(MIN_ATTENDANCE * 100)}%，本期不能报名`,
        )
      }
    }
  }

  const keptProblem = keptAttendanceProblem(meta.season, ordered)
  if (keptProblem) throw new AppError('FORBIDDEN', keptProblem)

  try {
    return await ctx.store.transaction(async (tx) => {
      const cls = await tx.get<ClassDoc>(CLASSES, input.classId)
      if (!cls) throw notFound('托管班不存在或已下架')
      if (now.getTime() < Date.parse(cls.opensAt)) throw new AppError('CLOSED', `报名尚未开始，将于 ${beijingTime(cls.opensAt)}（北京时间）开放`)
      if (now.getTime() >= Date.parse(cls.closesAt)) throw new AppError('CLOSED', '报名已截止')
      if (cls.audience === 'members') {
        if (member === null) throw new NeedsMemberCheck()
        if (!member) throw forbidden('本班仅限工会会员的子女报名：您还不是工会会员（入会申请通过后即可报名）')
      }
      for (const c of ordered) {
        const g = gradeIn(c, cls.startDate)
        if (g < cls.gradeMin || g > cls.gradeMax) {
          throw new AppError('FORBIDDEN', `${c.name} 本学年${GRADE_LABELS[g] ?? `${g} 年级`}，本班只收${gradeRange(cls.gradeMin, cls.gradeMax)}学生`)
        }
      }
      const n = ordered.length
      let status: 'confirmed' | 'waitlisted' | 'applied'
      let firstSeq = 0
      let firstPosition = 0
      if (cls.allocation === 'lottery') {
        status = 'applied'
        firstSeq = cls.nextSeq
        await tx.update(CLASSES, { _id: cls._id }, { inc: { applicants: n, nextSeq: n } })
      } else if (cls.remaining >= n && (await tx.update(CLASSES, { _id: cls._id, remaining: { $gte: n } }, { inc: { remaining: -n } })) === 1) {
        status = 'confirmed'
      } else {
        // Siblings stay together: when not all of them fit, all of them wait, in arrival order.
        status = 'waitlisted'
        firstSeq = cls.nextSeq
        firstPosition = Math.max(0, cls.waiting - cls.toOffer) + 1
        await tx.update(CLASSES, { _id: cls._id }, { inc: { nextSeq: n, waiting: n } })
      }
      const at = now.toISOString()
      const groupId = bookingId(cls.season, ordered[0]._id)
      const out: BookResult['bookings'] = []
      for (const [i, c] of ordered.entries()) {
        const doc: BookingDoc = {
          _id: bookingId(cls.season, c._id),
          classId: cls._id,
          season: cls.season,
          childId: c._id,
          childName: c.name,
          gender: c.gender,
          grade: gradeIn(c, cls.startDate),
          idMasked: c.idMasked,
          parentOpenid: ctx.caller.openid,
          parentName: ctx.caller.name,
          status,
          seq: status === 'confirmed' ? 0 : firstSeq + i,
          requestId: input.requestId,
          groupId,
          code: checkInCode(),
          checkins: [],
          createdAt: at,
        }
        await tx.insert(BOOKINGS, doc)
        out.push({ id: doc._id, childId: c._id, status, ...(status === 'waitlisted' ? { position: firstPosition + i } : {}) })
      }
      return { bookings: out }
    })
  } catch (e) {
    if (e instanceof NeedsMemberCheck) {
      // The class became members-only after this instance cached it: check and go again.
      metaCache.delete(input.classId)
      return book(ctx, input)
    }
    if (!(e instanceof DuplicateKeyError)) throw e
    return alreadyBooked(ctx, input, meta.season, ordered)
  }
}

/**
 * A child already holds this season's booking. The same request again (a retry, a double tap) gets the same
 * bookings back; anything else gets the reason.
 */
async function alreadyBooked(ctx: Ctx, input: { classId: string }, season: number, children: ChildDoc[]): Promise<BookResult> {
  const existing = await Promise.all(children.map((c) => ctx.store.get<BookingDoc>(BOOKINGS, bookingId(season, c._id))))
  const mine = existing.every((b) => b && b.classId === input.classId && b.parentOpenid === ctx.caller.openid)
  if (mine) {
    const bookings: BookResult['bookings'] = []
    for (const b of existing as BookingDoc[]) {
      const status = b.status === 'offered' ? 'waitlisted' : b.status
      bookings.push({ id: b._id, childId: b.childId, status, ...(b.status === 'waitlisted' ? { position: await positionOf(ctx.store, b) } : {}) })
    }
    return { bookings }
  }
  const held = existing.find((b) => b) as BookingDoc
  const child = children.find((c) => c._id === held.childId) as ChildDoc
  if (held.classId === input.classId) throw conflict(`${child.name} 已报名本班，请只为其他孩子提交`)
  const [other, target] = await Promise.all([ctx.store.get<ClassDoc>(CLASSES, held.classId), ctx.store.get<ClassDoc>(CLASSES, input.classId)])
  const what = held.status === 'waitlisted' ? '候补' : held.status === 'applied' ? '申请抽签' : '报名'
  if (other && target && overlaps(other, target))
    throw conflict(`${child.name} 已${what}同一时段的「${other.title}」（${other.startDate} 至 ${other.endDate}），时间重叠，不能再报`)
  throw conflict(`每个孩子每个暑期只能报名一期：${child.name} 已${what}「${other?.title ?? '其他托管班'}」，如需改报请先取消`)
}

export async function positionOf(store: Store, b: BookingDoc): Promise<number> {
  return (await store.count(BOOKINGS, { classId: b.classId, status: 'waitlisted', seq: { $lt: b.seq } })) + 1
}

/** What a freed place does to the class: offered to the waitlist when someone waits, else back to the pool. */
async function freePlace(tx: Store, cls: ClassDoc): Promise<'offer' | 'pool'> {
  if (cls.waiting - cls.toOffer > 0) {
    await tx.update(CLASSES, { _id: cls._id }, { inc: { toOffer: 1 } })
    return 'offer'
  }
  await tx.update(CLASSES, { _id: cls._id }, { inc: { remaining: 1 } })
  return 'pool'
}

/** Takes a live booking out (its id is free again) and keeps it in the history, inside `tx`. */
async function retire(tx: Store, b: BookingDoc, cls: ClassDoc, outcome: 'cancelled' | 'expired', at: string): Promise<void> {
  await tx.remove(BOOKINGS, { _id: b._id })
  await tx.insert(HISTORY, { ...b, _id: `${b._id}:${at}`, bookingId: b._id, status: outcome, endedAt: at })
  if (b.status === 'confirmed' || b.status === 'offered') await freePlace(tx, cls)
  else if (b.status === 'waitlisted') {
    // One fewer waiting; a place being offered that now has nobody to go to returns to the pool.
    const noOneLeft = cls.waiting - 1 < cls.toOffer
    await tx.update(CLASSES, { _id: cls._id }, { inc: noOneLeft ? { waiting: -1, toOffer: -1, remaining: 1 } : { waiting: -1 } })
  } else if (b.status === 'applied') await tx.update(CLASSES, { _id: cls._id }, { inc: { applicants: -1 } })
}

export async function cancel(ctx: Ctx, bookingId: string): Promise<void> {
  const now = ctx.now()
  const classId = await ctx.store.transaction(async (tx) => {
    const b = await tx.get<BookingDoc>(BOOKINGS, bookingId)
    if (!b || b.parentOpenid !== ctx.caller.openid) throw notFound('预约不存在或已取消')
    const cls = await tx.get<ClassDoc>(CLASSES, b.classId)
    if (!cls) throw notFound('托管班不存在或已下架')
    if ((b.status === 'confirmed' || b.status === 'offered') && now.getTime() >= Date.parse(cls.cancelBefore)) {
      throw new AppError('CLOSED', `已过取消截止时间（${beijingTime(cls.cancelBefore)}），如有特殊情况请联系${cls.orgName}`)
    }
    await retire(tx, b, cls, 'cancelled', now.toISOString())
    return cls._id
  })
  await dispatchOffers(ctx, classId)
}

/**
 * Hands freed places (`toOffer`) to the first waiting children, each in its own transaction that re-checks
 * both the class and the booking, so that concurrent dispatchers never offer one place twice.
 */
export async function dispatchOffers(ctx: Ctx, classId: string): Promise<number> {
  let offered = 0
  for (let round = 0; round < 50; round++) {
    const cls = await ctx.store.get<ClassDoc>(CLASSES, classId)
    if (!cls || cls.toOffer <= 0) return offered
    const next = await ctx.store.find<BookingDoc>(BOOKINGS, {
      where: { classId, status: 'waitlisted' },
      orderBy: [['seq', 'asc']],
      limit: cls.toOffer + 3,
    })
    if (!next.length) {
      await ctx.store.transaction(async (tx) => {
        const c = await tx.get<ClassDoc>(CLASSES, classId)
        if (c && c.toOffer > 0 && c.waiting <= 0) await tx.update(CLASSES, { _id: classId }, { inc: { remaining: c.toOffer, toOffer: -c.toOffer } })
      })
      return offered
    }
    for (const cand of next) {
      const expires = new Date(ctx.now().getTime() + OFFER_HOURS * 3600e3).toISOString()
      const done = await ctx.store.transaction(async (tx) => {
        const c = await tx.get<ClassDoc>(CLASSES, classId)
        if (!c || c.toOffer <= 0) return 'stop' as const
        const b = await tx.get<BookingDoc>(BOOKINGS, cand._id)
        if (!b || b.status !== 'waitlisted') return 'skip' as const
        await tx.update(BOOKINGS, { _id: b._id }, { set: { status: 'offered', offerExpiresAt: expires } })
        await tx.update(CLASSES, { _id: classId }, { inc: { toOffer: -1, waiting: -1 } })
        await ctx.notify(tx, {
          openid: b.parentOpenid,
          template: 'childcare_offer',
          title: '托管班候补有名额了',
          body: `${c.title}：${b.childName} 候补到名额，请在 ${beijingTime(expires)} 前到「我的预约」确认，过期将顺延给下一位`,
          page: PAGE,
          data: { class: c.title.slice(0, 20), child: b.childName, deadline: beijingTime(expires) },
        })
        return 'offered' as const
      })
      if (done === 'stop') return offered
      if (done === 'offered') offered++
    }
  }
  return offered
}

/**
 * Offers not accepted in time pass on. The module's timer job runs it every minute over all classes; the pages
 * that show bookings also run it, so a parent never sees an offer that has already lapsed.
 */
export async function sweepExpired(ctx: Ctx, where: { classId: string } | { parentOpenid: string } | Record<string, never>): Promise<number> {
  const now = ctx.now()
  const stale = await ctx.store.find<BookingDoc>(BOOKINGS, {
    where: { ...where, status: 'offered', offerExpiresAt: { $lt: now.toISOString() } },
    limit: 50,
  })
  const classes = new Set<string>()
  for (const s of stale) {
    const ok = await ctx.store.transaction(async (tx) => {
      const b = await tx.get<BookingDoc>(BOOKINGS, s._id)
      if (!b || b.status !== 'offered' || !b.offerExpiresAt || b.offerExpiresAt >= now.toISOString()) return false
      const cls = await tx.get<ClassDoc>(CLASSES, b.classId)
      if (!cls) return false
      await retire(tx, b, cls, 'expired', now.toISOString())
      await ctx.notify(tx, {
        openid: b.parentOpenid,
        template: 'childcare_offer_expired',
        title: '候补名额已过期',
        body: `${cls.title}：${b.childName} 的候补名额未在期限内确认，已顺延给下一位`,
        page: PAGE,
        data: { class: cls.title.slice(0, 20), child: b.childName },
      })
      return true
    })
    if (ok) classes.add(s.classId)
  }
  for (const c of classes) await dispatchOffers(ctx, c)
  return classes.size
}

export async function acceptOffer(ctx: Ctx, id: string): Promise<void> {
  await sweepExpired(ctx, { parentOpenid: ctx.caller.openid })
  const now = ctx.now().toISOString()
  await ctx.store.transaction(async (tx) => {
    const b = await tx.get<BookingDoc>(BOOKINGS, id)
    if (!b || b.parentOpenid !== ctx.caller.openid) throw notFound('预约不存在，候补名额可能已过期')
    if (b.status === 'confirmed') return
    if (b.status !== 'offered' || !b.offerExpiresAt || b.offerExpiresAt < now) throw conflict('没有待确认的候补名额')
    await tx.update(BOOKINGS, { _id: id }, { set: { status: 'confirmed', offerExpiresAt: null } })
  })
}
