import { isMember as isMemberOf } from '../_core/member'
import { randomBytes } from 'node:crypto'
import {
  classDays,
  GRADE_LABELS,
  gradeRange,
  MIN_ATTENDANCE,
  OFFER_HOURS,
  overlaps,
  previousSeason,
  seasonYear,
  TERM_PERIOD,
} from '../../src/contracts/childcare/rules'
import type { BookResult } from '../../src/contracts/childcare/schemas'
import type { Ctx } from '../_core/contract'
import type * as z from 'zod'
import type { bookInput } from '../../src/contracts/childcare/schemas'
import { AppError, conflict, forbidden, invalid, notFound } from '../_core/errors'
import { keysOf } from './keys'
import { DuplicateKeyError, type Store } from '../_core/store/port'
import { BOOKINGS, CHILDREN, CLASSES, claimView, gradeIn, HISTORY, type BookingDoc, type ChildDoc, type ClassDoc } from './model'
import { AUTO_CHECKED } from '../../src/contracts/childcare/priority'
import { keptAttendanceProblem } from './privacy'
import { beijingDateTime } from '../../src/contracts/time'

const PAGE = 'pages/childcare/mine/index'

const BOOKED_WORDS: Record<'confirmed' | 'waitlisted' | 'applied' | 'accepted' | 'cancelled', { result: string; body: string }> = {
  confirmed: { result: '预约成功', body: '预约成功，开班后每天凭「我的预约」里的二维码签到' },
  waitlisted: { result: '候补中', body: '名额已满，已排队候补；有名额空出时会再通知您确认' },
  applied: { result: '已申请抽签', body: '已提交抽签申请，报名截止后公开抽签，结果会通知您' },
  accepted: { result: '已确认', body: '已确认候补到的名额，预约成功' },
  cancelled: { result: '已取消', body: '预约已取消，名额已退回' },
}

/**
 * A booking event in 消息中心 (and, where the parent subscribed, as a WeChat message), queued in the
 * transaction that writes the booking, so the message and the change land together.
 */
async function bookingNotice(
  ctx: Ctx,
  tx: Store,
  cls: Pick<ClassDoc, 'title'>,
  b: Pick<BookingDoc, 'parentOpenid' | 'childName'>,
  event: keyof typeof BOOKED_WORDS,
): Promise<void> {
  const w = BOOKED_WORDS[event]
  await ctx.notify(tx, {
    openid: b.parentOpenid,
    template: 'childcare_booking',
    title: `托管班${w.result}`,
    body: `${cls.title}：${b.childName} ${w.body}`,
    page: PAGE,
    data: { class: cls.title.slice(0, 20), child: b.childName, result: w.result },
  })
}
const CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

function checkInCode(): string {
  const b = randomBytes(8)
  return Array.from(b, (x) => CODE_CHARS[x % CODE_CHARS.length]).join('')
}

const bookingId = (season: number, childId: string) => `${season}:${childId}`

/**
 * 新就业形态 by membership's own data: an approved application of the caller that names a 新就业形态 group
 * (`newEmploymentType` other than 'none'). A store read, as `isMember`: childcare does not call membership.
 */
async function isGigWorker(ctx: Ctx): Promise<boolean> {
  const n = await ctx.store.count('applications', { applicantOpenid: ctx.caller.openid, status: 'approved', newEmploymentType: { $ne: 'none' } })
  return n > 0
}

/** A member by the membership rules (正常 or 保留会籍; not 已转出/已注销): cloudfunctions/_core/member.ts. */
async function isMember(ctx: Ctx): Promise<boolean> {
  return isMemberOf(ctx.store, ctx.caller.openid)
}

/** Attended share of last season's class; null when there was no confirmed booking then. */
function attendanceRate(b: Pick<BookingDoc, 'checkins'>, cls: Pick<ClassDoc, 'startDate' | 'endDate'>): number {
  const days = classDays(cls.startDate, cls.endDate).length
  return days ? b.checkins.length / days : 1
}

/*
 * Places without a hot transaction. CloudBase aborts the later of two transactions that write one document,
 * so a rush of transactions on the class document fails parents by the thousand. Instead every movement of a
 * place is one atomic single-document update of the class (never aborted) plus writes to booking documents,
 * which only the child's own requests touch. For first-come classes, and ballots once drawn:
 *   capacity = remaining + toOffer + priorityRemaining (reserved places, 优先名额) + confirmed + offered
 * Every step that moves a place touches the class (`touchedAt`) before it changes a booking, so a crash
 * between the two steps can only lose a place, never give one twice; `reconcileClass` (the timer) puts lost
 * places back once the class has been untouched for longer than any request can run.
 */

/** Longer than any function may run (CloudBase's limit is 60 s): an untouched class has nothing in flight. */
export const QUIET_MS = 2 * 60_000

/** Takes `n` places from the pool at once (siblings together), or none. */
export async function takePlaces(ctx: Ctx, classId: string, n: number, at: string): Promise<boolean> {
  return (await ctx.store.update(CLASSES, { _id: classId, remaining: { $gte: n } }, { inc: { remaining: -n }, set: { touchedAt: at } })) === 1
}

/**
 * 优先名额: the same guarded decrement on the class's reserved counter, only while it is not released. The
 * release is itself one guarded update (see releasePriority), so a place is taken from one pool or the other.
 */
async function takeReserved(ctx: Ctx, classId: string, n: number, at: string): Promise<boolean> {
  return (
    (await ctx.store.update(
      CLASSES,
      { _id: classId, priorityReleased: false, priorityRemaining: { $gte: n } },
      { inc: { priorityRemaining: -n }, set: { touchedAt: at } },
    )) === 1
  )
}

/**
 * Places given back: a reserved place goes back to the reserved pool while it is not released (guarded on
 * that, so a release in between sends it to the general side instead); every other place to the waitlist first.
 */
export async function returnPlaces(ctx: Ctx, classId: string, n: number, pool: 'priority' | 'general'): Promise<void> {
  if (pool === 'priority') {
    const at = ctx.now().toISOString()
    if (await ctx.store.update(CLASSES, { _id: classId, priorityReleased: false }, { inc: { priorityRemaining: n }, set: { touchedAt: at } })) return
  }
  await freePlaces(ctx, classId, n)
}

/** First-come classes: unused reserved places join the general pool (the waitlist first) from `releaseAt` on. */
export function releaseDue(c: Pick<ClassDoc, 'allocation' | 'priority' | 'priorityReleased'>, now: Date): boolean {
  return c.allocation === 'fcfs' && !!c.priority?.releaseAt && c.priorityReleased === false && now.getTime() >= Date.parse(c.priority.releaseAt)
}

/**
 * The release: one update guarded on the exact count read, so a reserved place taken meanwhile makes it read
 * again; the places go to `toOffer`, so children on the waitlist get them before anyone new.
 */
export async function releasePriority(ctx: Ctx, classId: string): Promise<number> {
  for (let round = 0; round < 10; round++) {
    const cls = await ctx.store.get<ClassDoc>(CLASSES, classId)
    if (!cls || !cls.priority || cls.priorityReleased !== false) return 0
    const k = Math.max(0, cls.priorityRemaining ?? 0)
    const done = await ctx.store.update(
      CLASSES,
      { _id: classId, priorityReleased: false, priorityRemaining: cls.priorityRemaining ?? 0 },
      { inc: { priorityRemaining: -k, toOffer: k }, set: { priorityReleased: true, touchedAt: ctx.now().toISOString() } },
    )
    if (done) {
      if (k) await dispatchOffers(ctx, classId)
      return k
    }
  }
  return 0
}

/** Places freed go to the waitlist first: `dispatchOffers` offers them, or returns them to the pool. */
export async function freePlaces(ctx: Ctx, classId: string, n: number): Promise<void> {
  await ctx.store.update(CLASSES, { _id: classId }, { inc: { toOffer: n }, set: { touchedAt: ctx.now().toISOString() } })
  await dispatchOffers(ctx, classId)
}

/** Marks a place movement in flight, before a booking change that will free a place. */
export async function touch(ctx: Ctx, classId: string): Promise<void> {
  await ctx.store.update(CLASSES, { _id: classId }, { set: { touchedAt: ctx.now().toISOString() } })
}

/*
 * Waitlist order without a counter: arrival time in milliseconds, then a per-instance sequence so that calls
 * one instance takes in turn keep their order even under a frozen test clock, then the sibling's index.
 * Arrivals in the same millisecond on different instances are ordered arbitrarily, and so fairly.
 */
const SEQ_SLOTS = 4096
let arrivals = 0
/** The waitlist slot of a request that arrived at `createdAt`, after anything else in that millisecond. */
export const seqAt = (createdAt: string, i = 0) => Date.parse(createdAt) * SEQ_SLOTS + SEQ_SLOTS - 8 + i
function arrivalSeq(now: Date, n: number): number {
  const slot = arrivals
  arrivals = (arrivals + Math.max(1, n)) % SEQ_SLOTS
  return now.getTime() * SEQ_SLOTS + slot
}

/**
 * One booking request: siblings together, all or none. The usual path costs five database requests: the
 * caller's roles, the class and the children (read together), one guarded decrement of the class's places
 * (skipped when the class is visibly full) and the booking insert by its deterministic id; a waitlisted
 * booking counts its position instead of decrementing.
 */
type BookInput = z.output<typeof bookInput>

/**
 * A class with a 告家长书: the parent read its current version and declared each child's health. Checked on the
 * class document already read, so the booking stays free of any transaction on the class.
 */
function declarations(ctx: Ctx, cls: ClassDoc, input: BookInput): Map<string, NonNullable<BookingDoc['health']>> {
  const out = new Map<string, NonNullable<BookingDoc['health']>>()
  if (!cls.notice) return out
  if (input.noticeVersion !== cls.notice.version)
    throw invalid(
      [{ path: 'noticeVersion', message: input.noticeVersion ? '告家长书刚刚更新，请重新阅读后再报名' : '请先阅读告家长书并勾选「已阅读」' }],
      input.noticeVersion ? '告家长书刚刚更新，请重新阅读后再报名' : '请先阅读告家长书',
    )
  const given = new Map((input.health ?? []).map((h) => [h.childId, h]))
  const missing = input.childIds.findIndex((id) => !given.has(id))
  if (missing >= 0) throw invalid([{ path: `health.${missing}`, message: '请为每个孩子完成健康申报' }], '请为每个孩子完成健康申报')
  const { pii } = keysOf(ctx)
  for (const id of input.childIds) {
    const h = given.get(id)!
    out.set(id, { answers: h.answers, noteCipher: h.note ? pii.encrypt(h.note) : null, flagged: h.answers.some((a) => !a) })
  }
  return out
}

export async function book(ctx: Ctx, input: BookInput): Promise<BookResult> {
  const now = ctx.now()
  const at = now.toISOString()
  const [cls, children] = await Promise.all([
    ctx.store.get<ClassDoc>(CLASSES, input.classId),
    // A child being deleted is already invisible here (children.ts), so no new booking can start for it.
    ctx.store.find<ChildDoc>(CHILDREN, { where: { parentOpenid: ctx.caller.openid, _id: { $in: input.childIds }, deletedAt: null }, limit: 10 }),
  ])
  if (!cls) throw notFound('托管班不存在或已下架')
  if (now.getTime() < Date.parse(cls.opensAt)) throw new AppError('CLOSED', `报名尚未开始，将于 ${beijingDateTime(cls.opensAt)}（北京时间）开放`)
  if (now.getTime() >= Date.parse(cls.closesAt)) throw new AppError('CLOSED', '报名已截止')
  if (children.length !== input.childIds.length) throw notFound('孩子信息不存在，请先在「孩子信息」中添加')
  const byId = new Map(children.map((c) => [c._id, c]))
  const ordered = input.childIds.map((id) => byId.get(id) as ChildDoc)
  if (cls.audience === 'members' && !(await isMember(ctx))) {
    throw forbidden('本班仅限工会会员的子女报名：您还不是工会会员（入会申请通过后即可报名）')
  }
  for (const c of ordered) {
    const g = gradeIn(c, cls.startDate)
    if (g < cls.gradeMin || g > cls.gradeMax) {
      throw new AppError('FORBIDDEN', `${c.name} 本学年${GRADE_LABELS[g] ?? `${g} 年级`}，本班只收${gradeRange(cls.gradeMin, cls.gradeMax)}学生`)
    }
  }
  await checkLastSeason(ctx, cls, ordered)
  // Attendance kept from bookings that are gone (purged, or deleted before the child was registered again).
  const keptProblem = keptAttendanceProblem(cls.season, ordered)
  if (keptProblem) throw new AppError('FORBIDDEN', keptProblem)

  const health = declarations(ctx, cls, input)

  // 优先名额: a claim counts while the reserved pool is open (a ballot's until the draw); after the release
  // the parent simply books as everyone else.
  if (input.claim && !cls.priority?.groups.includes(input.claim))
    throw invalid([{ path: 'claim', message: '本班没有为这一类预留优先名额' }], '本班没有为这一类预留优先名额')
  const reserveOpen =
    !!cls.priority &&
    cls.priorityReleased === false &&
    (cls.allocation === 'lottery' || now.getTime() < Date.parse(cls.priority.releaseAt ?? cls.closesAt))
  const claimed = reserveOpen ? (input.claim ?? null) : null
  const n = ordered.length
  let status: 'confirmed' | 'waitlisted' | 'applied'
  let pool: 'priority' | 'general' = 'general'
  if (cls.allocation === 'lottery') status = 'applied'
  else if (claimed && (cls.priorityRemaining ?? 0) >= n && (await takeReserved(ctx, cls._id, n, at))) {
    status = 'confirmed'
    pool = 'priority'
  } else if (cls.remaining >= n && (await takePlaces(ctx, cls._id, n, at))) status = 'confirmed'
  else status = 'waitlisted'
  // The claim is kept where it decides something: a reserved place held, or a ballot application. Checked
  // against membership data where the app knows the group (one count, claimants only); staff check the rest.
  const auto = claimed && (pool === 'priority' || status === 'applied') && AUTO_CHECKED.includes(claimed) ? await isGigWorker(ctx) : false
  const claim: BookingDoc['claim'] =
    claimed && (pool === 'priority' || status === 'applied') ? { group: claimed, state: auto ? 'verified' : 'pending', pool, auto } : undefined
  const firstSeq = status === 'confirmed' ? 0 : arrivalSeq(now, n)
  const groupId = bookingId(cls.season, ordered[0]._id)
  const docs: BookingDoc[] = ordered.map((c, i) => ({
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
    ...(cls.notice ? { noticeVersion: cls.notice.version, health: health.get(c._id) } : {}),
    ...(claim ? { claim } : {}),
  }))
  try {
    // One transaction of inserts by id (the bookings and their 消息中心 notices), which only requests for these
    // same children can contend for: the class document is never in it.
    await ctx.store.transaction(async (tx) => {
      for (const d of docs) await tx.insert(BOOKINGS, d)
      for (const d of docs) await bookingNotice(ctx, tx, cls, d, status)
    })
  } catch (e) {
    // Only a refused id is certainly not written. Any other failure may have written (a lost answer), so its
    // places are left to the reconciler, which counts the bookings really there.
    if (!(e instanceof DuplicateKeyError)) throw e
    if (status === 'confirmed') await returnPlaces(ctx, cls._id, n, pool)
    return alreadyBooked(ctx, input, cls, ordered)
  }
  if (releaseDue(cls, now)) await releasePriority(ctx, cls._id)
  if (status === 'applied') await ctx.store.update(CLASSES, { _id: cls._id }, { inc: { applicants: n } })
  const first = status === 'waitlisted' ? await positionOf(ctx.store, docs[0]) : 0
  return {
    bookings: docs.map((d, i) => ({
      id: d._id,
      childId: d.childId,
      status,
      ...(status === 'waitlisted' ? { position: first + i } : {}),
      ...(d.claim ? { claim: claimView(d.claim) } : {}),
    })),
  }
}

/**
 * Last season's attendance. Only children registered before the end of the year that season fell in can have had
 * a booking then (for summer: before 1 January of this year, as before terms existed); the others cost no read.
 */
async function checkLastSeason(ctx: Ctx, cls: ClassDoc, ordered: ChildDoc[]): Promise<void> {
  const after = `${seasonYear(previousSeason(cls.season)) + 1}-01-01`
  const veterans = ordered.filter((c) => c.createdAt.slice(0, 10) < after)
  if (!veterans.length) return
  const last = await ctx.store.find<BookingDoc>(BOOKINGS, {
    where: { _id: { $in: veterans.map((c) => bookingId(previousSeason(cls.season), c._id)) } },
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

/**
 * A child already holds this season's booking. The same request again (a retry, a double tap) gets the same
 * bookings back; anything else gets the reason.
 */
async function alreadyBooked(ctx: Ctx, input: { classId: string }, cls: ClassDoc, children: ChildDoc[]): Promise<BookResult> {
  const existing = await Promise.all(children.map((c) => ctx.store.get<BookingDoc>(BOOKINGS, bookingId(cls.season, c._id))))
  const mine = existing.every((b) => b && b.classId === input.classId && b.parentOpenid === ctx.caller.openid)
  if (mine) {
    const bookings: BookResult['bookings'] = []
    for (const b of existing as BookingDoc[]) {
      const status = b.status === 'offered' ? 'waitlisted' : b.status
      bookings.push({
        id: b._id,
        childId: b.childId,
        status,
        ...(b.status === 'waitlisted' ? { position: await positionOf(ctx.store, b) } : {}),
        ...(b.claim ? { claim: claimView(b.claim) } : {}),
      })
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
  throw conflict(
    `每个孩子每个${TERM_PERIOD[cls.term ?? '暑期']}只能报名一期：${child.name} 已${what}「${other?.title ?? '其他托管班'}」，如需改报请先取消`,
  )
}

export async function positionOf(store: Store, b: BookingDoc): Promise<number> {
  return (await store.count(BOOKINGS, { classId: b.classId, status: 'waitlisted', seq: { $lt: b.seq } })) + 1
}

const holdsPlace = (b: BookingDoc) => b.status === 'confirmed' || b.status === 'offered'

/**
 * Takes a live booking out (its id is free again) and keeps it in the history; a place it held goes to the
 * waitlist. `check` re-validates the booking as read inside the transaction; false leaves everything as it was.
 */
export async function retire(
  ctx: Ctx,
  id: string,
  outcome: 'cancelled' | 'expired' | 'withdrawn',
  check: (b: BookingDoc) => boolean,
  notice?: (b: BookingDoc, tx: Store) => Promise<void>,
): Promise<BookingDoc | null> {
  const seen = await ctx.store.get<BookingDoc>(BOOKINGS, id)
  if (!seen || !check(seen)) return null
  if (holdsPlace(seen)) await touch(ctx, seen.classId)
  const at = ctx.now().toISOString()
  const b = await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<BookingDoc>(BOOKINGS, id)
    if (!cur || !check(cur) || cur.status !== seen.status) return null
    await tx.remove(BOOKINGS, { _id: id })
    await tx.insert(HISTORY, { ...cur, _id: `${id}:${at}`, bookingId: id, status: outcome, endedAt: at })
    if (notice) await notice(cur, tx)
    return cur
  })
  if (!b) return null
  if (holdsPlace(b)) await returnPlaces(ctx, b.classId, 1, b.status === 'confirmed' && b.claim?.pool === 'priority' ? 'priority' : 'general')
  else if (b.status === 'waitlisted') await ctx.store.update(CLASSES, { _id: b.classId, waiting: { $gt: 0 } }, { inc: { waiting: -1 } })
  else if (b.status === 'applied') await ctx.store.update(CLASSES, { _id: b.classId, applicants: { $gt: 0 } }, { inc: { applicants: -1 } })
  return b
}

export async function cancel(ctx: Ctx, bookingId: string): Promise<void> {
  const now = ctx.now()
  const b = await ctx.store.get<BookingDoc>(BOOKINGS, bookingId)
  if (!b || b.parentOpenid !== ctx.caller.openid) throw notFound('预约不存在或已取消')
  const cls = await ctx.store.get<ClassDoc>(CLASSES, b.classId)
  if (!cls) throw notFound('托管班不存在或已下架')
  if (holdsPlace(b) && now.getTime() >= Date.parse(cls.cancelBefore)) {
    throw new AppError('CLOSED', `已过取消截止时间（${beijingDateTime(cls.cancelBefore)}），如有特殊情况请联系${cls.orgName}`)
  }
  const done = await retire(
    ctx,
    bookingId,
    'cancelled',
    (cur) => cur.parentOpenid === ctx.caller.openid,
    (cur, tx) => bookingNotice(ctx, tx, cls, cur, 'cancelled'),
  )
  if (!done) throw notFound('预约不存在或已取消')
}

/**
 * Hands freed places (`toOffer`) to the first waiting children. Each offer takes one place from `toOffer`
 * with a guarded decrement, then moves one booking in a transaction on that booking alone; a booking that
 * is no longer waiting gives the place back. With nobody waiting, the places return to the pool.
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
      const k = cls.toOffer
      await ctx.store.update(
        CLASSES,
        { _id: classId, toOffer: { $gte: k } },
        { inc: { toOffer: -k, remaining: k }, set: { touchedAt: ctx.now().toISOString() } },
      )
      return offered
    }
    for (const cand of next) {
      const at = ctx.now().toISOString()
      const took = await ctx.store.update(CLASSES, { _id: classId, toOffer: { $gte: 1 } }, { inc: { toOffer: -1 }, set: { touchedAt: at } })
      if (!took) return offered
      const expires = new Date(ctx.now().getTime() + OFFER_HOURS * 3600e3).toISOString()
      const done = await ctx.store.transaction(async (tx) => {
        const b = await tx.get<BookingDoc>(BOOKINGS, cand._id)
        if (!b || b.status !== 'waitlisted') return false
        await tx.update(BOOKINGS, { _id: b._id }, { set: { status: 'offered', offerExpiresAt: expires } })
        await ctx.notify(tx, {
          openid: b.parentOpenid,
          template: 'childcare_offer',
          title: '托管班候补有名额了',
          body: `${cls.title}：${b.childName} 候补到名额，请在 ${beijingDateTime(expires)} 前到「我的预约」确认，过期将顺延给下一位`,
          page: PAGE,
          data: { class: cls.title.slice(0, 20), child: b.childName, deadline: beijingDateTime(expires) },
        })
        return true
      })
      if (done) {
        offered++
        await ctx.store.update(CLASSES, { _id: classId, waiting: { $gt: 0 } }, { inc: { waiting: -1 } })
      } else await ctx.store.update(CLASSES, { _id: classId }, { inc: { toOffer: 1 }, set: { touchedAt: ctx.now().toISOString() } })
    }
  }
  return offered
}

/**
 * Offers not accepted in time pass on. The module's timer job runs it every minute over all classes; the pages
 * that show bookings also run it, so a parent never sees an offer that has already lapsed.
 */
export async function sweepExpired(ctx: Ctx, where: { classId: string } | { parentOpenid: string } | Record<string, never>): Promise<number> {
  const now = ctx.now().toISOString()
  const stale = await ctx.store.find<BookingDoc>(BOOKINGS, {
    where: { ...where, status: 'offered', offerExpiresAt: { $lt: now } },
    limit: 50,
  })
  const classes = new Set<string>()
  for (const s of stale) {
    const lapsed = (b: BookingDoc) => b.status === 'offered' && !!b.offerExpiresAt && b.offerExpiresAt < now
    // Read before the transaction: SQLite's transaction holds the store, so no plain read may run inside it.
    const cls = await ctx.store.get<ClassDoc>(CLASSES, s.classId)
    const done = await retire(ctx, s._id, 'expired', lapsed, async (b, tx) => {
      await ctx.notify(tx, {
        openid: b.parentOpenid,
        template: 'childcare_offer_expired',
        title: '候补名额已过期',
        body: `${cls?.title ?? '托管班'}：${b.childName} 的候补名额未在期限内确认，已顺延给下一位`,
        page: PAGE,
        data: { class: (cls?.title ?? '托管班').slice(0, 20), child: b.childName },
      })
    })
    if (done) classes.add(s.classId)
  }
  return classes.size
}

export async function acceptOffer(ctx: Ctx, id: string): Promise<void> {
  await sweepExpired(ctx, { parentOpenid: ctx.caller.openid })
  const now = ctx.now().toISOString()
  const seen = await ctx.store.get<BookingDoc>(BOOKINGS, id)
  // Read before the transaction: SQLite's transaction holds the store, so no plain read may run inside it.
  const cls = seen ? await ctx.store.get<ClassDoc>(CLASSES, seen.classId) : null
  await ctx.store.transaction(async (tx) => {
    const b = await tx.get<BookingDoc>(BOOKINGS, id)
    if (!b || b.parentOpenid !== ctx.caller.openid) throw notFound('预约不存在，候补名额可能已过期')
    if (b.status === 'confirmed') return
    if (b.status !== 'offered' || !b.offerExpiresAt || b.offerExpiresAt < now) throw conflict('没有待确认的候补名额')
    await tx.update(BOOKINGS, { _id: id }, { set: { status: 'confirmed', offerExpiresAt: null } })
    await bookingNotice(ctx, tx, cls ?? { title: '托管班' }, b, 'accepted')
  })
}

/**
 * The timer's repair of a class's counters from the bookings really there. Lost places (a crash between a
 * class update and its booking write) go back to the waitlist, but only on a class untouched for QUIET_MS, and
 * by a conditional update that fails if anything moved since it was read: a step in flight is never undone.
 * Places in the pool while children wait (a place freed as someone joined the waitlist) are offered. The
 * waiting and applicant counts shown to parents are refreshed.
 */
/**
 * Whether the timer need look at a class: only when a place moved since its last quiet check. A class nobody
 * touched since has nothing lost, and each look costs five database requests.
 */
export function needsReconcile(c: Pick<ClassDoc, 'touchedAt' | 'reconciledAt'>): boolean {
  return !!c.touchedAt && !(c.reconciledAt && c.reconciledAt >= c.touchedAt)
}

export async function reconcileClass(ctx: Ctx, classId: string): Promise<{ restored: number; offered: number }> {
  const cls = await ctx.store.get<ClassDoc>(CLASSES, classId)
  if (!cls) return { restored: 0, offered: 0 }
  const [confirmed, offered, waiting, applied] = await Promise.all(
    (['confirmed', 'offered', 'waitlisted', 'applied'] as const).map((status) => ctx.store.count(BOOKINGS, { classId, status })),
  )
  const counted = { waiting, applicants: applied }
  const ballotOpen = cls.allocation === 'lottery' && !cls.lottery?.drawnAt
  const reserved = cls.priorityRemaining ?? 0
  const lost = ballotOpen ? 0 : cls.capacity - cls.remaining - cls.toOffer - reserved - confirmed - offered
  if (lost < 0)
    ctx.log.error('childcare_places_exceeded', {
      classId,
      capacity: cls.capacity,
      confirmed,
      offered,
      remaining: cls.remaining,
      toOffer: cls.toOffer,
    })
  const quiet = ctx.now().getTime() - Date.parse(cls.touchedAt ?? '1970-01-01T00:00:00Z') > QUIET_MS
  const guard = {
    _id: classId,
    remaining: cls.remaining,
    toOffer: cls.toOffer,
    priorityRemaining: cls.priorityRemaining ?? null,
    touchedAt: cls.touchedAt ?? null,
  }
  let restored = 0
  if (lost > 0 && quiet) {
    const changed = await ctx.store.update(CLASSES, guard, { inc: { toOffer: lost }, set: { ...counted, touchedAt: ctx.now().toISOString() } })
    if (changed) {
      restored = lost
      ctx.log.error('childcare_places_restored', { classId, places: lost })
    }
  } else if (quiet) {
    // Checked while nothing moved: until a place moves again (touchedAt), the timer can pass this class by.
    await ctx.store.update(
      CLASSES,
      { _id: classId, touchedAt: cls.touchedAt ?? null },
      { set: { ...counted, reconciledAt: ctx.now().toISOString() } },
    )
  } else if (cls.waiting !== waiting || cls.applicants !== applied) await ctx.store.update(CLASSES, { _id: classId }, { set: counted })
  // A place that went back to the pool just as a child joined the waitlist: the child comes first.
  const fresh = restored ? await ctx.store.get<ClassDoc>(CLASSES, classId) : cls
  if (!ballotOpen && fresh && fresh.remaining > 0 && waiting > 0) {
    const k = Math.min(fresh.remaining, waiting)
    await ctx.store.update(
      CLASSES,
      { _id: classId, remaining: { $gte: k } },
      { inc: { remaining: -k, toOffer: k }, set: { touchedAt: ctx.now().toISOString() } },
    )
  }
  const handed = (fresh?.toOffer ?? 0) > 0 || waiting > 0 ? await dispatchOffers(ctx, classId) : 0
  return { restored, offered: handed }
}
