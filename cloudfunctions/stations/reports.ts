import type { StationReportItem, ReportKind } from '../../src/contracts/stations/schemas'
import { REPORT_KINDS } from '../../src/contracts/stations/schemas'
import type { stationsApi } from '../../src/contracts/stations/api'
import { addDays, beijingDay } from '../../src/contracts/time'
import type { Ctx, Implementation } from '../_core/contract'
import { governedOrgIds, scopesOf } from '../_core/auth'
import { conflict, forbidden, invalid, notFound } from '../_core/errors'
import type { Doc, Where } from '../_core/store/port'
import { canEditStation } from './access'
import type { StationDoc } from './model'

const REPORTS = 'station_reports'
const STATIONS = 'stations'
/** A pause longer than this is a removal, which is a different decision (and a different screen). */
const MAX_SUSPEND_DAYS = 180

interface StationReportDoc extends Doc {
  stationId: string
  stationName: string
  orgId: string
  kind: ReportKind
  text: string
  /** the reporter: used to queue the reply notice, never sent to any client */
  openid: string
  status: 'open' | 'resolved'
  createdAt: string
  reply?: string
  resolvedAt?: string
  resolvedBy?: string
  resolvedByName?: string
  suspendUntil?: string
}

function toReportItem(doc: StationReportDoc): StationReportItem {
  const out: StationReportItem = {
    id: doc._id,
    stationId: doc.stationId,
    stationName: doc.stationName,
    kind: doc.kind,
    text: doc.text,
    status: doc.status,
    createdAt: doc.createdAt,
  }
  if (doc.reply !== undefined) out.reply = doc.reply
  if (doc.resolvedAt) out.resolvedAt = doc.resolvedAt
  if (doc.resolvedByName) out.resolvedByName = doc.resolvedByName
  if (doc.suspendUntil) out.suspendUntil = doc.suspendUntil
  return out
}

/**
 * The reports this caller may see, as disjoint filters (the port has no OR): one for the orgs they govern as
 * staff/admin, one for the stations they keep outside those orgs — so a keeper who is also staff of the same
 * org sees each report once.
 */
async function reportWheres(ctx: Ctx): Promise<Where[]> {
  const wheres: Where[] = []
  const orgIds = await governedOrgIds(ctx.store, ctx.caller)
  if (orgIds.length) wheres.push({ orgId: { $in: orgIds } })
  let kept = scopesOf(ctx.caller, 'keeper')
  if (kept.length && orgIds.length) {
    const stations = await ctx.store.find<StationDoc>(STATIONS, { where: { _id: { $in: kept } }, limit: kept.length })
    const governed = new Set(stations.filter((s) => orgIds.includes(s.orgId)).map((s) => s._id))
    kept = kept.filter((id) => !governed.has(id))
  }
  if (kept.length) wheres.push({ stationId: { $in: kept } })
  return wheres
}

function statusWhere(status: 'open' | 'resolved' | 'all'): Where {
  return status === 'all' ? {} : { status }
}

const kindLabel = (kind: ReportKind) => REPORT_KINDS.find((k) => k.key === kind)?.label ?? '问题'

export const reportActions: Pick<Implementation<typeof stationsApi>, 'reports' | 'resolveReport' | 'openReportCount'> = {
  reports: {
    handler: async ({ status, stationId, page, pageSize }, ctx) => {
      // Narrowing to one station must never widen a keeper's filter: a where that already names stations keeps
      // them, and drops out when the asked-for station is not among them.
      const wheres = (await reportWheres(ctx))
        .filter((w) => !stationId || !w.stationId || (w.stationId as { $in: string[] }).$in.includes(stationId))
        .map((w) => ({ ...w, ...statusWhere(status), ...(stationId ? { stationId } : {}) }))
      // Open ones oldest first (the longest waiting is answered first); handled ones newest first.
      const dir = status === 'open' ? 'asc' : 'desc'
      const counts = await Promise.all(wheres.map((where) => ctx.store.count(REPORTS, where)))
      const items: StationReportDoc[] = []
      let skip = (page - 1) * pageSize
      for (const [i, where] of wheres.entries()) {
        if (items.length >= pageSize) break
        if (skip >= counts[i]) {
          skip -= counts[i]
          continue
        }
        items.push(
          ...(await ctx.store.find<StationReportDoc>(REPORTS, { where, orderBy: [['createdAt', dir]], skip, limit: pageSize - items.length })),
        )
        skip = 0
      }
      return { items: items.map(toReportItem), total: counts.reduce((a, b) => a + b, 0) }
    },
  },

  openReportCount: {
    handler: async (_input, ctx) => {
      const wheres = await reportWheres(ctx)
      const counts = await Promise.all(wheres.map((w) => ctx.store.count(REPORTS, { ...w, status: 'open' })))
      return { count: counts.reduce((a, b) => a + b, 0) }
    },
  },

  resolveReport: {
    audit: 'stations.resolveReport',
    handler: async ({ id, reply, suspendUntil }, ctx) => {
      const report = await ctx.store.get<StationReportDoc>(REPORTS, id)
      if (!report) throw notFound('反馈不存在')
      const station = await ctx.store.get<StationDoc>(STATIONS, report.stationId)
      // A removed station's reports stay with the union that ran it; keepers lose them with the station.
      const allowed = station
        ? await canEditStation(ctx.store, ctx.caller, station)
        : (await governedOrgIds(ctx.store, ctx.caller)).includes(report.orgId)
      if (!allowed) throw forbidden('这条反馈不属于您负责的驿站')
      if (report.status !== 'open') throw conflict('这条反馈已处理过了')
      const now = ctx.now()
      if (suspendUntil) {
        if (report.kind !== 'closed') throw invalid([{ path: 'suspendUntil', message: '只有「驿站关闭了」的反馈可以设置暂停开放' }])
        if (!station || station.status !== 'active') throw invalid([{ path: 'suspendUntil', message: '驿站已撤销，无需暂停开放' }])
        const today = beijingDay(now)
        if (suspendUntil <= today) throw invalid([{ path: 'suspendUntil', message: '恢复开放日期须在今天之后' }])
        if (suspendUntil > addDays(today, MAX_SUSPEND_DAYS))
          throw invalid([{ path: 'suspendUntil', message: `恢复开放日期最多在 ${MAX_SUSPEND_DAYS} 天之后` }])
      }

      const resolved: StationReportDoc = {
        ...report,
        status: 'resolved',
        reply,
        resolvedAt: now.toISOString(),
        resolvedBy: ctx.caller.openid,
        resolvedByName: ctx.caller.name,
        ...(suspendUntil ? { suspendUntil } : {}),
      }
      const body = suspendUntil ? `${reply}（驿站暂停开放，预计 ${suspendUntil} 恢复）` : reply
      await ctx.store.transaction(async (tx) => {
        // Read again inside: two people answering at once must not both send a reply.
        const current = await tx.get<StationReportDoc>(REPORTS, id)
        if (!current || current.status !== 'open') throw conflict('这条反馈已处理过了')
        await tx.put(REPORTS, { ...current, ...resolved })
        if (suspendUntil && station) {
          await tx.update(
            STATIONS,
            { _id: station._id },
            { set: { suspendedUntil: suspendUntil, updatedAt: now.toISOString(), updatedBy: ctx.caller.openid } },
          )
        }
        await ctx.notify(tx, {
          openid: report.openid,
          template: 'station_report_reply',
          title: '驿站反馈已处理',
          body,
          page: `/pages/stations/detail/index?id=${encodeURIComponent(report.stationId)}`,
          data: { station: report.stationName, kind: kindLabel(report.kind), reply: reply.slice(0, 20), time: beijingDay(now) },
        })
        await ctx.audit(tx, id, { status: 'open' }, { status: 'resolved', suspendUntil: suspendUntil ?? null })
      })
      ctx.log.info('station_report_resolved', { id, stationId: report.stationId, suspended: Boolean(suspendUntil) })
      return toReportItem(resolved)
    },
  },
}

/** Demo: two couriers' reports waiting in the keeper's and the county's inbox, one already answered. */
export async function seedReports(store: import('../_core/store/port').Store, now: Date, countyId: string): Promise<void> {
  const ago = (h: number) => new Date(now.getTime() - h * 3600_000).toISOString()
  const rows: StationReportDoc[] = [
    {
      _id: 'rpt-demo-1',
      stationId: 'st-shizhong',
      stationName: '市中街道办事处劳动者驿站',
      orgId: countyId,
      kind: 'closed',
      text: '按开放时间来的，大门锁着，门口没有贴通知。',
      openid: 'demo-courier',
      status: 'open',
      createdAt: ago(5),
    },
    {
      _id: 'rpt-demo-2',
      stationId: 'st-sanitation',
      stationName: '乐陵市环卫处职工驿站',
      orgId: countyId,
      kind: 'broken',
      text: '饮水机不出热水了。',
      openid: 'demo-courier',
      status: 'open',
      createdAt: ago(26),
    },
    {
      _id: 'rpt-demo-3',
      stationId: 'st-icbc',
      stationName: '工商银行乐陵支行劳动者港湾',
      orgId: countyId,
      kind: 'other',
      text: '充电插座不够用，中午人多时排队。',
      openid: 'demo-courier',
      status: 'resolved',
      createdAt: ago(72),
      reply: '已加装一个六位插排，谢谢反馈！',
      resolvedAt: ago(50),
      resolvedBy: 'demo-staff',
      resolvedByName: '刘干事',
    },
  ]
  for (const r of rows) await store.put(REPORTS, r)
}
