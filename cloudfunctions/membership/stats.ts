import type { membershipApi } from '../../src/contracts/membership/api'
import type { MembershipStats } from '../../src/contracts/membership/schemas'
import { beijingDay } from '../../src/contracts/time'
import type { Impl } from '../_core/contract'
import { governedOrgIds, scopesOf } from '../_core/auth'
import type { Doc, Store, Where } from '../_core/store/port'
import { APPLICATIONS } from './model'

/**
 * 统计 for staff and admins over their org tree: counts only. Nothing in the answer names a person: no names,
 * ids, openids, phones or member numbers; org and 街道 names are public.
 */

async function findAll<T extends Doc>(store: Store, collection: string, where: Where): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += 500) {
    const page = await store.find<T>(collection, { where, orderBy: [['_id', 'asc']], skip, limit: 500 })
    out.push(...page)
    if (page.length < 500) return out
  }
}

/** The last `n` Beijing months ending with the month of `now`, oldest first, as YYYY-MM. */
function lastMonths(now: Date, n: number): string[] {
  const [y, m] = beijingDay(now).split('-').map(Number)
  const out: string[] = []
  for (let i = n - 1; i >= 0; i--) {
    const idx = y * 12 + (m - 1) - i
    out.push(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`)
  }
  return out
}

/** Planar distance is enough to pick the nearest of a county's 街道 centres (tens of km, far from the poles). */
function nearest<T extends { center: { lat: number; lng: number } }>(areas: T[], p: { lat: number; lng: number }): T | undefined {
  const k = Math.cos((p.lat * Math.PI) / 180)
  let best: T | undefined
  let bestD = Infinity
  for (const a of areas) {
    const d = (a.center.lat - p.lat) ** 2 + ((a.center.lng - p.lng) * k) ** 2
    if (d < bestD) {
      bestD = d
      best = a
    }
  }
  return best
}

type Member = Doc & { orgName: string; joinDate?: string; newEmploymentType: string }
type Station = Doc & { location: { lat: number; lng: number } }
type Area = Doc & { name: string; center: { lat: number; lng: number }; order?: number }

export const statsAction: Impl<typeof membershipApi.stats> = {
  handler: async (_input, ctx): Promise<MembershipStats> => {
    const orgIds = await governedOrgIds(ctx.store, ctx.caller)
    const roots = [...scopesOf(ctx.caller, 'admin'), ...scopesOf(ctx.caller, 'staff')]
    const rootOrg = roots[0] ? await ctx.store.get<Doc & { name: string }>('orgs', roots[0]) : null
    const inScope = { $in: orgIds }

    const members = await findAll<Member>(ctx.store, APPLICATIONS, { orgId: inScope, status: 'approved' })
    const byOrg = new Map<string, number>()
    for (const m of members) byOrg.set(m.orgName, (byOrg.get(m.orgName) ?? 0) + 1)
    const months = lastMonths(ctx.now(), 12)
    const byMonth = new Map(months.map((mo) => [mo, 0]))
    for (const m of members) {
      const mo = m.joinDate?.slice(0, 7)
      if (mo && byMonth.has(mo)) byMonth.set(mo, (byMonth.get(mo) ?? 0) + 1)
    }

    const [stations, reports, areas] = await Promise.all([
      findAll<Station>(ctx.store, 'stations', { orgId: inScope, status: 'active' }),
      findAll<Doc & { stationId: string }>(ctx.store, 'station_reports', { orgId: inScope }),
      ctx.store.find<Area>('areas', { orderBy: [['order', 'asc']], limit: 200 }),
    ])
    const located = areas.filter((a) => a.center && typeof a.center.lat === 'number')
    const areaOf = new Map<string, string>()
    const byArea = new Map<string, { stations: number; reports: number }>(located.map((a) => [a.name, { stations: 0, reports: 0 }]))
    for (const s of stations) {
      const a = s.location ? nearest(located, s.location) : undefined
      const name = a?.name ?? '未归属'
      areaOf.set(s._id, name)
      const row = byArea.get(name) ?? { stations: 0, reports: 0 }
      row.stations++
      byArea.set(name, row)
    }
    for (const r of reports) {
      const name = areaOf.get(r.stationId)
      if (name) byArea.get(name)!.reports++
    }

    return {
      scope: rootOrg?.name ?? '',
      totalMembers: members.length,
      newEmploymentMembers: members.filter((m) => m.newEmploymentType && m.newEmploymentType !== 'none').length,
      byOrg: [...byOrg].map(([org, count]) => ({ org, count })).sort((a, b) => b.count - a.count || a.org.localeCompare(b.org)),
      byMonth: months.map((month) => ({ month, count: byMonth.get(month) ?? 0 })),
      stationsByArea: [...byArea].map(([area, v]) => ({ area, ...v })).filter((r) => r.stations > 0),
    }
  },
}
