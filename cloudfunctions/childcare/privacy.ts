import type { childcareApi } from '../../src/contracts/childcare/api'
import {
  ACCESS_LOG_RETENTION_YEARS,
  ACCESS_WHAT_LABELS,
  BOOKING_RETENTION_DAYS,
  CHILD_RETENTION_DAYS,
  CHILD_RULES_VERSION,
  type AccessEntry,
  type AccessWhat,
  type ConsentState,
} from '../../src/contracts/childcare/privacy'
import { classDays, MIN_ATTENDANCE, previousSeason, seasonYear } from '../../src/contracts/childcare/rules'
import { addDays, beijingDateTime, beijingDay } from '../../src/contracts/time'
import { governedOrgIds } from '../_core/auth'
import type { Ctx, Impl } from '../_core/contract'
import { AppError } from '../_core/errors'
import { saveExport } from '../_core/exports'
import { newId } from '../_core/ids'
import { streamedXlsx } from '../_core/xlsx-stream'
import { markChildDeleted } from './children'
import { ACCESS_LOG, ATTENDANCE, BOOKINGS, CHILDREN, CLASSES, CONSENTS, HISTORY, type BookingDoc, type ChildDoc, type ClassDoc } from './model'

/**
 * Children's data by law: the guardian's consent before anything of a child is stored (个人信息保护法 Art. 31),
 * a log of every staff view of a roster or a child (未成年人网络保护条例 Art. 36–37) with the yearly audit
 * export, and the purge of what is past its retention.
 */

interface ConsentDoc {
  _id: string
  version: string
  at: string
  name: string
  guardian: true
  /** earlier versions agreed to, oldest first */
  history: Array<{ version: string; at: string }>
  [field: string]: unknown
}

async function consentOf(ctx: Ctx, openid = ctx.caller.openid): Promise<ConsentState> {
  const doc = await ctx.store.get<ConsentDoc>(CONSENTS, openid)
  const given = doc?.version === CHILD_RULES_VERSION
  return { version: CHILD_RULES_VERSION, given, ...(given && doc ? { givenAt: doc.at } : {}) }
}

export async function requireConsent(ctx: Ctx): Promise<void> {
  if ((await consentOf(ctx)).given) return
  throw new AppError('FORBIDDEN', '请先阅读《儿童个人信息处理规则》，并以监护人身份同意后再登记孩子', [
    { path: 'consent', message: '需要监护人同意儿童个人信息处理规则' },
  ])
}

export const consentAction: Impl<typeof childcareApi.consent> = {
  handler: async (_input, ctx) => consentOf(ctx),
}

export const giveConsentAction: Impl<typeof childcareApi.giveConsent> = {
  audit: 'childcare.consent',
  handler: async ({ version }, ctx) => {
    const at = ctx.now().toISOString()
    const openid = ctx.caller.openid
    await ctx.store.transaction(async (tx) => {
      const old = await tx.get<ConsentDoc>(CONSENTS, openid)
      if (old?.version === version) return
      const history = old ? [...old.history, { version: old.version, at: old.at }] : []
      await tx.put(CONSENTS, { _id: openid, version, at, name: ctx.caller.name, guardian: true, history })
      await ctx.audit(tx, openid, old ? { version: old.version } : null, { version, at })
    })
    return consentOf(ctx)
  },
}

interface AccessDoc {
  _id: string
  at: string
  year: number
  staffOpenid: string
  staffName: string
  orgId: string
  orgName: string
  what: AccessWhat
  classId: string
  classTitle: string
  childIds: string[]
  [field: string]: unknown
}

/** One staff view of children's records; written before the records are answered, so no view goes unlogged. */
export async function logChildAccess(ctx: Ctx, cls: ClassDoc, what: AccessWhat, childIds: string[]): Promise<void> {
  const now = ctx.now()
  await ctx.store.insert(ACCESS_LOG, {
    _id: `acl_${newId()}`,
    at: now.toISOString(),
    year: Number(beijingDay(now).slice(0, 4)),
    staffOpenid: ctx.caller.openid,
    staffName: ctx.caller.name,
    orgId: cls.orgId,
    orgName: cls.orgName,
    what,
    classId: cls._id,
    classTitle: cls.title,
    childIds,
  } satisfies AccessDoc)
}

const AUDIT_MAX = 20_000

async function yearEntries(ctx: Ctx, year: number, limit: number): Promise<AccessDoc[]> {
  const orgIds = await governedOrgIds(ctx.store, ctx.caller)
  const out: AccessDoc[] = []
  for (let skip = 0; out.length < limit; skip += 1000) {
    const page = await ctx.store.find<AccessDoc>(ACCESS_LOG, {
      where: { year, orgId: { $in: orgIds } },
      orderBy: [['at', 'desc']],
      limit: Math.min(1000, limit - out.length),
      skip,
    })
    out.push(...page)
    if (page.length < 1000) break
  }
  return out
}

const toEntry = (d: AccessDoc): AccessEntry => ({
  at: d.at,
  staffName: d.staffName || '（未填姓名）',
  orgName: d.orgName,
  what: d.what,
  classTitle: d.classTitle,
  children: d.childIds.length,
})

export const accessLogAction: Impl<typeof childcareApi.accessLog> = {
  handler: async ({ year }, ctx) => {
    const docs = await yearEntries(ctx, year, 200)
    return { items: docs.map(toEntry) }
  },
}

/** The yearly compliance audit of minors' data access (未成年人网络保护条例 Art. 37), as an .xlsx. */
export const exportAccessAuditAction: Impl<typeof childcareApi.exportAccessAudit> = {
  audit: 'childcare.accessAudit',
  handler: async ({ year }, ctx) => {
    const docs = await yearEntries(ctx, year, AUDIT_MAX)
    const byStaff = new Map<string, { name: string; org: string; views: number; children: number }>()
    for (const d of docs) {
      const k = `${d.staffOpenid}|${d.orgId}`
      const s = byStaff.get(k) ?? { name: d.staffName, org: d.orgName, views: 0, children: 0 }
      s.views++
      s.children += d.childIds.length
      byStaff.set(k, s)
    }
    const buf = await streamedXlsx((wb) => {
      const sum = wb.addWorksheet('汇总')
      sum.columns = [
        { header: '工作人员', key: 'name', width: 14 },
        { header: '所属工会', key: 'org', width: 24 },
        { header: '查看次数', key: 'views', width: 10 },
        { header: '涉及孩子（人次）', key: 'children', width: 16 },
      ]
      for (const s of byStaff.values()) sum.addRow(s).commit()
      sum.commit()
      const ws = wb.addWorksheet('访问明细')
      ws.columns = [
        { header: '时间（北京时间）', key: 'at', width: 20 },
        { header: '工作人员', key: 'name', width: 14 },
        { header: '所属工会', key: 'org', width: 24 },
        { header: '操作', key: 'what', width: 16 },
        { header: '托管班', key: 'cls', width: 24 },
        { header: '涉及孩子数', key: 'n', width: 12 },
      ]
      for (const d of docs) {
        ws.addRow({
          at: beijingDateTime(d.at, { seconds: true }),
          name: d.staffName,
          org: d.orgName,
          what: ACCESS_WHAT_LABELS[d.what],
          cls: d.classTitle,
          n: d.childIds.length,
        }).commit()
      }
      ws.commit()
    })
    await ctx.audit(ctx.store, `access-audit-${year}`, null, { year, rows: docs.length })
    return saveExport(ctx, `未成年人信息访问审计-${year}.xlsx`, buf, docs.length)
  },
}

/** A season's attendance kept without name or openid, keyed by the keyed hash of the child's 身份证号. */
export async function keepAttendance(ctx: Ctx, b: BookingDoc, cls: ClassDoc, idHash: string): Promise<void> {
  if (b.status !== 'confirmed') return
  const days = classDays(cls.startDate, cls.endDate).length
  await ctx.store.put(ATTENDANCE, {
    _id: `${b.season}:${idHash}`,
    season: b.season,
    attended: b.checkins.length,
    days,
    classTitle: cls.title,
    // needed only while the next season's bookings are open
    purgeAfter: `${seasonYear(b.season) + 1}-12-31`,
  })
}

const PURGE_BATCH = 50

/** When a child's record is due for deletion, counted from an instant (saved, or the end of their last class). */
export function retainFrom(isoInstant: string): string {
  return new Date(Date.parse(isoInstant) + CHILD_RETENTION_DAYS * 86400e3).toISOString()
}

/**
 * Runs on the timer: bookings and check-ins of classes ended more than BOOKING_RETENTION_DAYS ago go (their
 * attendance kept as above), children not seen in CHILD_RETENTION_DAYS go, attendance records past the next
 * season go, access-log entries older than ACCESS_LOG_RETENTION_YEARS go. Small batches: the timer runs every minute.
 */
export async function purgeExpired(ctx: Ctx): Promise<Record<string, number>> {
  const now = ctx.now()
  const today = beijingDay(now)
  const out = { bookings: 0, children: 0, attendance: 0, accessLog: 0 }
  const cutoff = addDays(today, -BOOKING_RETENTION_DAYS)
  const ended = await ctx.store.find<ClassDoc>(CLASSES, { where: { endDate: { $lt: cutoff }, purgedAt: null }, limit: 5 })
  for (const cls of ended) {
    const docs = await ctx.store.find<BookingDoc>(BOOKINGS, { where: { classId: cls._id }, limit: PURGE_BATCH })
    for (const b of docs) {
      const child = await ctx.store.get<ChildDoc>(CHILDREN, b.childId)
      if (child) {
        await keepAttendance(ctx, b, cls, child.idHash)
        const until = retainFrom(`${cls.endDate}T16:00:00.000Z`)
        const set: Record<string, unknown> = { retainUntil: [child.retainUntil ?? '', until].sort()[1] }
        if (b.status === 'confirmed') {
          set[`pastAttendance.${b.season}`] = {
            attended: b.checkins.length,
            days: classDays(cls.startDate, cls.endDate).length,
            classTitle: cls.title,
          }
        }
        await ctx.store.update(CHILDREN, { _id: child._id }, { set })
      }
      out.bookings += await ctx.store.remove(BOOKINGS, { _id: b._id })
    }
    out.bookings += await ctx.store.remove(HISTORY, { classId: cls._id })
    if (docs.length < PURGE_BATCH) await ctx.store.update(CLASSES, { _id: cls._id }, { set: { purgedAt: now.toISOString() } })
  }
  // Children: each carries `retainUntil` (saved + CHILD_RETENTION_DAYS, pushed on by each class of theirs).
  const iso = now.toISOString()
  const legacy = await ctx.store.find<ChildDoc>(CHILDREN, { where: { retainUntil: null }, limit: PURGE_BATCH })
  for (const c of legacy) await ctx.store.update(CHILDREN, { _id: c._id }, { set: { retainUntil: retainFrom(c.createdAt) } })
  const due = await ctx.store.find<ChildDoc>(CHILDREN, { where: { retainUntil: { $lt: iso }, deletedAt: null }, limit: PURGE_BATCH })
  for (const child of due) {
    if ((await ctx.store.count(BOOKINGS, { childId: child._id })) > 0) {
      // booked for a class still running or not yet purged: look again in a month
      await ctx.store.update(CHILDREN, { _id: child._id }, { set: { retainUntil: new Date(now.getTime() + 30 * 86400e3).toISOString() } })
      continue
    }
    // As a parent's deletion: marked now, gone with its ID lock once no booking that read it can land.
    await markChildDeleted(ctx, child)
    await ctx.store.remove(HISTORY, { childId: child._id })
    out.children++
  }
  out.attendance = await ctx.store.remove(ATTENDANCE, { purgeAfter: { $lt: today } })
  const logCutoff = new Date(now.getTime() - ACCESS_LOG_RETENTION_YEARS * 366 * 86400e3).toISOString()
  out.accessLog = await ctx.store.remove(ACCESS_LOG, { at: { $lt: logCutoff } })
  return out
}

interface AttendanceDoc {
  _id: string
  season: number
  attended: number
  days: number
  classTitle: string
  [field: string]: unknown
}

type PastAttendance = NonNullable<ChildDoc['pastAttendance']>

/**
 * The kept attendance of a child being registered (again): read once at registration, by the keyed hash of the
 * 身份证号, and copied onto the child, so that booking reads no more than it did before.
 */
export async function pastAttendanceOf(ctx: Ctx, idHash: string): Promise<PastAttendance> {
  const year = Number(beijingDay(ctx.now()).slice(0, 4))
  // Every season of last year and this one: the summers (the year itself) and the other terms (year × 10 + code).
  const seasons = [year - 1, year].flatMap((y) => [y, ...[1, 2, 3, 4, 5].map((k) => y * 10 + k)])
  const ids = seasons.map((s) => `${s}:${idHash}`)
  const docs = await ctx.store.find<AttendanceDoc>(ATTENDANCE, { where: { _id: { $in: ids } }, limit: ids.length })
  return Object.fromEntries(docs.map((a) => [String(a.season), { attended: a.attended, days: a.days, classTitle: a.classTitle }]))
}

/**
 * The 70% rule from kept attendance: last season's booking may be gone (deleted by its parent, purged after
 * retention) and the child registered again under a new id; what was kept still counts.
 */
export function keptAttendanceProblem(season: number, children: ChildDoc[]): string | null {
  for (const c of children) {
    const a = c.pastAttendance?.[String(previousSeason(season))]
    if (a && a.days && a.attended / a.days < MIN_ATTENDANCE) {
      return `${c.name} 上一期（${a.classTitle}）出勤 ${a.attended}/${a.days} 天，不足 ${Math.round(MIN_ATTENDANCE * 100)}%，本期不能报名`
    }
  }
  return null
}
