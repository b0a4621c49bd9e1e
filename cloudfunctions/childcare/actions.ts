import { childcareApi } from '../../src/contracts/childcare/api'
import { beijingDay, classDays, classRules, seasonOf } from '../../src/contracts/childcare/rules'
import type { ClassDetail, MyBooking, RosterRow } from '../../src/contracts/childcare/schemas'
import { maskIdNumber } from '../../src/contracts/membership/idcard'
import { governedOrgIds, governsOrg, scopesOf } from '../_core/auth'
import { implement, type Ctx } from '../_core/contract'
import { AppError, conflict, forbidden, notFound } from '../_core/errors'
import { newId } from '../_core/ids'
import type { Keys } from '../_core/keys'
import { DuplicateKeyError } from '../_core/store/port'
import { qrImage } from '../membership/card'
import { acceptOffer, book, cancel, dispatchOffers, forgetClassMeta, positionOf, sweepExpired } from './booking'
import { rosterWorkbook } from './export'
import { commitSeed, runLottery } from './lottery'
import { BOOKINGS, CHILD_IDS, CHILDREN, CLASSES, toChildView, toSummary, type BookingDoc, type ChildDoc, type ClassDoc } from './model'

function keysOf(ctx: Ctx): Keys {
  if (!ctx.keys) {
    ctx.log.error('keys_missing', { hint: 'set PII_KEY' })
    throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
  }
  return ctx.keys
}

async function governedClass(ctx: Ctx, id: string): Promise<ClassDoc> {
  const cls = await ctx.store.get<ClassDoc>(CLASSES, id)
  if (!cls) throw notFound('托管班不存在')
  if (!(await governsOrg(ctx.store, ctx.caller, cls.orgId))) throw forbidden('这个托管班不归您所在的工会管理')
  return cls
}

const LIVE_ORDER: Record<BookingDoc['status'], number> = { confirmed: 0, offered: 1, waitlisted: 2, applied: 3 }

async function rosterRows(ctx: Ctx, cls: ClassDoc): Promise<BookingDoc[]> {
  const rows: BookingDoc[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = await ctx.store.find<BookingDoc>(BOOKINGS, { where: { classId: cls._id }, orderBy: [['seq', 'asc']], limit: 1000, skip })
    rows.push(...page)
    if (page.length < 1000) break
  }
  return rows.sort((a, b) => LIVE_ORDER[a.status] - LIVE_ORDER[b.status] || a.seq - b.seq || a.childName.localeCompare(b.childName, 'zh'))
}

export const childcareActions = implement(childcareApi, {
  listClasses: {
    handler: async (_input, ctx) => {
      const now = ctx.now()
      const docs = await ctx.store.find<ClassDoc>(CLASSES, { orderBy: [['startDate', 'asc']], limit: 100 })
      // Finished classes stay off the parents' list.
      const today = beijingDay(now)
      return { items: docs.filter((c) => c.endDate >= today).map((c) => toSummary(c, now)), serverNow: now.toISOString() }
    },
  },

  getClass: {
    handler: async ({ id }, ctx): Promise<ClassDetail> => {
      const cls = await ctx.store.get<ClassDoc>(CLASSES, id)
      if (!cls) throw notFound('托管班不存在或已下架')
      const now = ctx.now()
      return {
        ...toSummary(cls, now),
        description: cls.description,
        rules: classRules(cls),
        serverNow: now.toISOString(),
        ...(cls.lottery
          ? { lottery: { seedHash: cls.lottery.seedHash, applicants: cls.applicants, ...(cls.lottery.seed ? { seed: cls.lottery.seed, drawnAt: cls.lottery.drawnAt } : {}) } }
          : {}),
      }
    },
  },

  saveChild: {
    rateLimit: { key: (_i, c) => `cc_child:${c.caller.openid}`, max: 20, perMs: 3600e3, message: '保存太频繁，请稍后再试' },
    handler: async (input, ctx) => {
      const { pii } = keysOf(ctx)
      const idHash = pii.hash(input.idNumber)
      const now = ctx.now()
      const fields = {
        parentOpenid: ctx.caller.openid,
        name: input.name,
        gender: input.gender,
        idCipher: pii.encrypt(input.idNumber),
        idHash,
        idMasked: maskIdNumber(input.idNumber),
        grade: input.grade,
        gradeSeason: Number(beijingDay(now).slice(0, 4)),
        school: input.school,
        health: input.health,
        pickupPeople: input.pickupPeople,
      }
      try {
        const doc = await ctx.store.transaction(async (tx) => {
          if (input.id) {
            const old = await tx.get<ChildDoc>(CHILDREN, input.id)
            if (!old || old.parentOpenid !== ctx.caller.openid) throw notFound('孩子信息不存在')
            if (old.idHash !== idHash) {
              await tx.insert(CHILD_IDS, { _id: idHash, childId: old._id })
              await tx.remove(CHILD_IDS, { _id: old.idHash })
            }
            const next: ChildDoc = { ...old, ...fields }
            await tx.put(CHILDREN, next)
            return next
          }
          const id = `ch_${newId()}`
          await tx.insert(CHILD_IDS, { _id: idHash, childId: id })
          const doc: ChildDoc = { _id: id, ...fields, createdAt: now.toISOString() }
          await tx.insert(CHILDREN, doc)
          return doc
        })
        return toChildView(doc)
      } catch (e) {
        if (e instanceof DuplicateKeyError) {
          throw new AppError('CONFLICT', '这个身份证号的孩子已经登记过（可能是家里另一位家长登记的）', [{ path: 'idNumber', message: '该身份证号已登记' }])
        }
        throw e
      }
    },
  },

  myChildren: {
    handler: async (_input, ctx) => {
      const docs = await ctx.store.find<ChildDoc>(CHILDREN, { where: { parentOpenid: ctx.caller.openid }, orderBy: [['createdAt', 'asc']], limit: 20 })
      return { items: docs.map(toChildView) }
    },
  },

  deleteChild: {
    handler: async ({ id }, ctx) => {
      const child = await ctx.store.get<ChildDoc>(CHILDREN, id)
      if (!child || child.parentOpenid !== ctx.caller.openid) throw notFound('孩子信息不存在')
      const live = await ctx.store.count(BOOKINGS, { childId: id })
      if (live > 0) throw conflict(`${child.name} 有报名记录（含往期出勤），不能删除；可修改信息`)
      await ctx.store.transaction(async (tx) => {
        await tx.remove(CHILDREN, { _id: id })
        await tx.remove(CHILD_IDS, { _id: child.idHash })
      })
      return { deleted: true }
    },
  },

  // No rate limit on book: a limit costs three store operations per call at the moment they are scarcest, and a
  // parent cannot take more than one live booking per child per season whatever they send.
  book: {
    handler: async (input, ctx) => book(ctx, input),
  },

  myBookings: {
    handler: async (_input, ctx) => {
      await sweepExpired(ctx, { parentOpenid: ctx.caller.openid })
      const docs = await ctx.store.find<BookingDoc>(BOOKINGS, { where: { parentOpenid: ctx.caller.openid }, orderBy: [['createdAt', 'desc']], limit: 50 })
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
        })
      }
      return { items }
    },
  },

  cancel: {
    audit: 'childcare.cancel',
    handler: async ({ bookingId }, ctx) => {
      await cancel(ctx, bookingId)
      return { cancelled: true }
    },
  },

  acceptOffer: {
    handler: async ({ bookingId }, ctx) => {
      await acceptOffer(ctx, bookingId)
      return { status: 'confirmed' as const }
    },
  },

  upsertClass: {
    audit: 'childcare.class',
    handler: async (input, ctx) => {
      const now = ctx.now().toISOString()
      const { id, ...fields } = input
      if (!id) {
        const orgId = [...scopesOf(ctx.caller, 'staff'), ...scopesOf(ctx.caller, 'admin')][0]
        if (!orgId) throw forbidden('您没有所属工会，不能开班')
        const org = await ctx.store.get<{ _id: string; name: string }>('orgs', orgId)
        const classId = `cc_${newId()}`
        await ctx.store.transaction(async (tx) => {
          const doc: ClassDoc = {
            _id: classId,
            ...fields,
            remaining: fields.capacity,
            nextSeq: 1,
            waiting: 0,
            toOffer: 0,
            applicants: 0,
            season: seasonOf(fields.startDate),
            orgId,
            orgName: org?.name ?? '',
            createdBy: ctx.caller.openid,
            updatedAt: now,
            ...(fields.allocation === 'lottery' ? { lottery: await commitSeed(tx, classId) } : {}),
          }
          await tx.insert(CLASSES, doc)
          await ctx.audit(tx, classId, null, { title: doc.title, capacity: doc.capacity, allocation: doc.allocation })
        })
        return { id: classId }
      }
      const current = await governedClass(ctx, id)
      await ctx.store.transaction(async (tx) => {
        const cls = await tx.get<ClassDoc>(CLASSES, id)
        if (!cls) throw notFound('托管班不存在')
        const opened = Date.parse(now) >= Date.parse(cls.opensAt)
        if (opened && (fields.allocation !== cls.allocation || fields.startDate.slice(0, 4) !== cls.startDate.slice(0, 4))) {
          throw conflict('报名开始后不能再改分配方式或年份')
        }
        const taken = cls.capacity - cls.remaining
        if (fields.capacity < taken) throw conflict(`已有 ${taken} 个名额被占用，名额不能少于 ${taken}`)
        const remaining = fields.capacity - taken
        // New places go to the waitlist first, when children are waiting.
        const toWaitlist = cls.allocation === 'fcfs' ? Math.max(0, Math.min(remaining, cls.waiting - cls.toOffer)) : 0
        const lottery = fields.allocation === 'lottery' && !cls.lottery ? { lottery: await commitSeed(tx, id) } : {}
        await tx.put(CLASSES, { ...cls, ...fields, ...lottery, remaining: remaining - toWaitlist, toOffer: cls.toOffer + toWaitlist, season: seasonOf(fields.startDate), updatedAt: now })
        await ctx.audit(tx, id, { capacity: cls.capacity, opensAt: cls.opensAt }, { capacity: fields.capacity, opensAt: fields.opensAt })
      })
      forgetClassMeta(id)
      if (current.allocation === 'fcfs') await dispatchOffers(ctx, id)
      return { id }
    },
  },

  managedClasses: {
    handler: async (_input, ctx) => {
      const orgs = await governedOrgIds(ctx.store, ctx.caller)
      const docs = await ctx.store.find<ClassDoc>(CLASSES, { where: { orgId: { $in: orgs } }, orderBy: [['startDate', 'desc']], limit: 100 })
      const now = ctx.now()
      return { items: docs.map((c) => toSummary(c, now)) }
    },
  },

  roster: {
    handler: async ({ classId }, ctx) => {
      let cls = await governedClass(ctx, classId)
      await sweepExpired(ctx, { classId })
      cls = (await ctx.store.get<ClassDoc>(CLASSES, classId)) ?? cls
      const now = ctx.now()
      const today = beijingDay(now)
      const days = classDays(cls.startDate, cls.endDate)
      const daysSoFar = days.filter((d) => d <= today).length
      const docs = await rosterRows(ctx, cls)
      let position = 0
      const rows: RosterRow[] = docs.map((b) => ({
        bookingId: b._id,
        childName: b.childName,
        gender: b.gender,
        grade: b.grade,
        idNumberMasked: b.idMasked,
        parentName: b.parentName,
        status: b.status,
        ...(b.status === 'waitlisted' ? { position: ++position } : {}),
        checkedInToday: b.checkins.includes(today),
        attended: b.checkins.length,
        attendanceRate: daysSoFar ? Math.min(1, b.checkins.length / daysSoFar) : 0,
      }))
      return { class: toSummary(cls, now), today, days: days.length, daysSoFar, rows }
    },
  },

  checkIn: {
    audit: 'childcare.checkin',
    handler: async ({ code }, ctx) => {
      const [found] = await ctx.store.find<BookingDoc>(BOOKINGS, { where: { code }, limit: 1 })
      if (!found) throw notFound('签到码无效：没有找到对应的预约')
      const cls = await governedClass(ctx, found.classId)
      if (found.status !== 'confirmed') throw conflict(`${found.childName} 的预约尚未确认（${found.status === 'offered' ? '候补待确认' : '候补中'}），不能签到`)
      const day = beijingDay(ctx.now())
      if (day < cls.startDate || day > cls.endDate) throw conflict(`今天（${day}）不在托管班时间内（${cls.startDate} 至 ${cls.endDate}）`)
      const result = await ctx.store.transaction(async (tx) => {
        const b = await tx.get<BookingDoc>(BOOKINGS, found._id)
        if (!b || b.status !== 'confirmed') throw conflict('预约已取消')
        if (b.checkins.includes(day)) return { already: true, attended: b.checkins.length }
        const checkins = [...b.checkins, day].sort()
        await tx.update(BOOKINGS, { _id: b._id }, { set: { checkins } })
        await ctx.audit(tx, b._id, { checkins: b.checkins.length }, { checkins: checkins.length, day })
        return { already: false, attended: checkins.length }
      })
      return { bookingId: found._id, childName: found.childName, classTitle: cls.title, day, alreadyCheckedIn: result.already, attended: result.attended }
    },
  },

  exportRoster: {
    audit: 'childcare.export',
    handler: async ({ classId }, ctx) => {
      const cls = await governedClass(ctx, classId)
      const rows = await rosterRows(ctx, cls)
      const buf = await rosterWorkbook(cls, rows)
      await ctx.audit(ctx.store, classId, null, { rows: rows.length })
      return { fileName: `${cls.title}-花名册-${beijingDay(ctx.now())}.xlsx`, base64: buf.toString('base64') }
    },
  },

  runLottery: {
    audit: 'childcare.lottery',
    handler: async ({ classId }, ctx) => {
      const cls = await governedClass(ctx, classId)
      const result = await runLottery(ctx, cls)
      if (!cls.lottery?.drawnAt) await ctx.audit(ctx.store, classId, null, { seedHash: result.seedHash, applications: result.order.length })
      return result
    },
  },
})
