import type { childcareApi } from '../../src/contracts/childcare/api'
import { classDays } from '../../src/contracts/childcare/rules'
import type { RosterRow } from '../../src/contracts/childcare/schemas'
import type { Ctx, Impl } from '../_core/contract'
import { conflict, notFound } from '../_core/errors'
import { saveExport } from '../_core/exports'
import { sweepExpired } from './booking'
import { governedClass } from './classes'
import { rosterWorkbook } from './export'
import { logChildAccess } from './privacy'
import { keysOf } from './keys'
import { HEALTH_ITEMS } from '../../src/contracts/childcare/health'
import { BOOKINGS, CLASSES, claimView, toSummary, type BookingDoc, type ClassDoc } from './model'
import { beijingDateTime, beijingDay } from '../../src/contracts/time'

/** A class's 花名册: the roster with attendance, daily check-in by code, and the Excel export. */

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

export const rosterAction: Impl<typeof childcareApi.roster> = {
  handler: async ({ classId }, ctx) => {
    let cls = await governedClass(ctx, classId)
    await sweepExpired(ctx, { classId })
    cls = (await ctx.store.get<ClassDoc>(CLASSES, classId)) ?? cls
    const now = ctx.now()
    const today = beijingDay(now)
    const days = classDays(cls.startDate, cls.endDate)
    const daysSoFar = days.filter((d) => d <= today).length
    const docs = await rosterRows(ctx, cls)
    await logChildAccess(
      ctx,
      cls,
      'roster',
      docs.map((b) => b.childId),
    )
    let position = 0
    const pii = docs.some((b) => b.health?.noteCipher) ? keysOf(ctx).pii : null
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
      ...(b.health
        ? {
            health: {
              flagged: b.health.flagged,
              no: HEALTH_ITEMS.filter((_, i) => b.health!.answers[i] === false),
              note: b.health.noteCipher && pii ? pii.decrypt(b.health.noteCipher) : '',
              noticeVersion: b.noticeVersion ?? 0,
            },
          }
        : {}),
      ...(b.claim ? { claim: claimView(b.claim) } : {}),
    }))
    return { class: toSummary(cls, now), today, days: days.length, daysSoFar, rows }
  },
}

export const checkInAction: Impl<typeof childcareApi.checkIn> = {
  audit: 'childcare.checkin',
  handler: async ({ code }, ctx) => {
    const [found] = await ctx.store.find<BookingDoc>(BOOKINGS, { where: { code }, limit: 1 })
    if (!found) throw notFound('签到码无效：没有找到对应的预约')
    const cls = await governedClass(ctx, found.classId)
    await logChildAccess(ctx, cls, 'checkin', [found.childId])
    if (found.status !== 'confirmed')
      throw conflict(`${found.childName} 的预约尚未确认（${found.status === 'offered' ? '候补待确认' : '候补中'}），不能签到`)
    const day = beijingDay(ctx.now())
    if (day < cls.startDate || day > cls.endDate) throw conflict(`今天（${day}）不在托管班时间内（${cls.startDate} 至 ${cls.endDate}）`)
    const result = await ctx.store.transaction(async (tx) => {
      const b = await tx.get<BookingDoc>(BOOKINGS, found._id)
      if (!b || b.status !== 'confirmed') throw conflict('预约已取消')
      if (b.checkins.includes(day)) return { already: true, attended: b.checkins.length }
      const checkins = [...b.checkins, day].sort()
      await tx.update(BOOKINGS, { _id: b._id }, { set: { checkins } })
      await ctx.audit(tx, b._id, { checkins: b.checkins.length }, { checkins: checkins.length, day })
      const time = beijingDateTime(ctx.now())
      await ctx.notify(tx, {
        openid: b.parentOpenid,
        template: 'childcare_checkin',
        title: '孩子已签到',
        body: `${cls.title}：${b.childName} 已于 ${time} 签到入园（累计 ${checkins.length} 天）`,
        page: 'pages/childcare/mine/index',
        data: { class: cls.title.slice(0, 20), child: b.childName, time },
      })
      return { already: false, attended: checkins.length }
    })
    return {
      bookingId: found._id,
      childName: found.childName,
      classTitle: cls.title,
      day,
      alreadyCheckedIn: result.already,
      attended: result.attended,
    }
  },
}

export const exportRosterAction: Impl<typeof childcareApi.exportRoster> = {
  audit: 'childcare.export',
  handler: async ({ classId }, ctx) => {
    const cls = await governedClass(ctx, classId)
    const rows = await rosterRows(ctx, cls)
    await logChildAccess(
      ctx,
      cls,
      'export',
      rows.map((b) => b.childId),
    )
    const buf = await rosterWorkbook(cls, rows)
    await ctx.audit(ctx.store, classId, null, { rows: rows.length })
    return saveExport(ctx, `${cls.title}-花名册-${beijingDay(ctx.now())}.xlsx`, buf, rows.length)
  },
}
