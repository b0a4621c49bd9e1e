import { createHash, randomBytes } from 'node:crypto'
import QRCode from 'qrcode'
import type { Ctx } from '../_core/contract'
import { orgChain, scopesOf } from '../_core/auth'
import { forbidden, notFound } from '../_core/errors'
import { DuplicateKeyError, type Doc } from '../_core/store/port'
import { addDays, beijingDay } from '../../src/contracts/time'
import {
  checkinLink,
  OCCUPATIONS,
  occupationLabel,
  VISIT_GAP_HOURS,
  VISIT_PERIODS,
  type CheckinResult,
  type Occupation,
  type StationPoster,
  type VisitBar,
  type VisitPeriod,
  type VisitStats,
} from '../../src/contracts/stations/visits'
import { canEditStation, managedWhere } from './access'
import type { StationDoc } from './model'

export const VISITS = 'station_visits'
/** per scope (a station, an org, the county) and Beijing day: counts only */
export const VISIT_DAYS = 'station_visit_days'
/** the 「我是」 answer, one per person */
export const VISITORS = 'station_visitors'
/** the secret each station's door QR carries, by station id */
export const POSTERS = 'station_posters'

const BLOCK_MS = VISIT_GAP_HOURS * 3600_000
const HOTLINE = '12351'

interface VisitDoc extends Doc {
  stationId: string
  orgId: string
  /** Beijing day */
  day: string
  at: string
  occupation: Occupation | null
  /** for 删除我的数据 only; cleared then, the count stays */
  openid: string
}

interface VisitorDoc extends Doc {
  openid: string
  occupation: Occupation
  updatedAt: string
}

interface VisitDayDoc extends Doc {
  scope: string
  day: string
  total: number
  [occupationCount: `occ_${string}`]: number
}

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)

/**
 * A visit's id is fixed by (station, person, 4-hour block since the epoch): two scans at once both try to insert
 * the same document and one gets DuplicateKeyError, on SQLite and on CloudBase alike (a single insert is atomic;
 * no transaction, so nothing to lose a write conflict). The block before is looked at too, so 11:59 and 12:01 are
 * one visit: any visit in the block before the one before is already 4 hours old.
 */
const visitId = (stationId: string, openid: string, block: number) => `sv_${hash(stationId, openid, String(block))}`
const visitorId = (openid: string) => `vr_${hash(openid)}`

async function bump(ctx: Ctx, scope: string, day: string, occupation: Occupation | null): Promise<void> {
  const id = `vd_${hash(scope, day)}`
  const occ = `occ_${occupation ?? 'unknown'}`
  // Counters are an index over the visits for cheap charts; a lost bump (a crash right here) undercounts by one.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await ctx.store.update(VISIT_DAYS, { _id: id }, { inc: { total: 1, [occ]: 1 } })) return
    try {
      await ctx.store.insert(VISIT_DAYS, { _id: id, scope, day, total: 1, [occ]: 1 })
      return
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e
    }
  }
}

export async function checkin(ctx: Ctx, input: { stationId: string; key: string; occupation?: Occupation }): Promise<CheckinResult> {
  const station = await ctx.store.get<StationDoc>('stations', input.stationId)
  if (!station || station.status !== 'active') throw notFound('这个驿站已撤销或二维码有误')
  // The key is on the poster only: a station id seen in a link is not enough to 签到 from afar.
  const posterDoc = await ctx.store.get<Doc & { key: string }>(POSTERS, station._id)
  if (!posterDoc || posterDoc.key !== input.key) throw notFound('二维码已失效，请扫描驿站门口最新的二维码')
  const openid = ctx.caller.openid
  const now = ctx.now()

  const visitor = await ctx.store.get<VisitorDoc>(VISITORS, visitorId(openid))
  let occupation = visitor?.occupation ?? null
  if (input.occupation && input.occupation !== occupation) {
    occupation = input.occupation
    await ctx.store.put(VISITORS, { _id: visitorId(openid), openid, occupation, updatedAt: now.toISOString() })
  }

  const block = Math.floor(now.getTime() / BLOCK_MS)
  const base = { stationId: station._id, stationName: station.name, occupation }
  const before = await ctx.store.get<VisitDoc>(VISITS, visitId(station._id, openid, block - 1))
  if (before && now.getTime() - Date.parse(before.at) < BLOCK_MS) return { ...base, counted: false, countedAt: before.at }
  const visit: VisitDoc = {
    _id: visitId(station._id, openid, block),
    stationId: station._id,
    orgId: station.orgId,
    day: beijingDay(now),
    at: now.toISOString(),
    occupation,
    openid,
  }
  try {
    await ctx.store.insert(VISITS, visit)
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
    const first = await ctx.store.get<VisitDoc>(VISITS, visit._id)
    return { ...base, counted: false, countedAt: first?.at ?? visit.at }
  }
  const scopes = [`st:${station._id}`, ...(await orgChain(ctx.store, station.orgId)).map((o) => `org:${o}`), 'all']
  for (const scope of scopes) await bump(ctx, scope, visit.day, occupation)
  ctx.log.info('station_visit', { stationId: station._id })
  return { ...base, counted: true, countedAt: visit.at }
}

/** The poster for the door: the QR carries the station's key, made on the first poster and kept after. */
export async function poster(ctx: Ctx, input: { stationId: string; base: string }): Promise<StationPoster> {
  const station = await ctx.store.get<StationDoc>('stations', input.stationId)
  if (!station || station.status !== 'active') throw notFound('驿站不存在或已撤销')
  if (!(await canEditStation(ctx.store, ctx.caller, station))) throw forbidden('您只能为自己负责的驿站生成海报')
  let key = (await ctx.store.get<Doc & { key: string }>(POSTERS, station._id))?.key
  if (!key) {
    const fresh = randomBytes(12).toString('hex')
    // An insert by the station's id: two staff making the poster at once end with one key (and the same QR).
    try {
      await ctx.store.insert(POSTERS, { _id: station._id, key: fresh, createdAt: ctx.now().toISOString(), createdBy: ctx.caller.openid })
      key = fresh
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e
      key = (await ctx.store.get<Doc & { key: string }>(POSTERS, station._id))?.key ?? fresh
    }
  }
  const link = checkinLink(input.base, station._id, key)
  const qr = await QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 2, width: 480, color: { dark: '#1F2329', light: '#FFFFFF' } })
  ctx.log.info('station_poster', { stationId: station._id, by: ctx.caller.openid })
  return { stationId: station._id, name: station.name, address: station.address, link, qr, hotline: HOTLINE }
}

function periodStarts(period: VisitPeriod, today: string): string[] {
  const count = VISIT_PERIODS.find((p) => p.key === period)!.count
  if (period === 'day') return Array.from({ length: count }, (_, i) => addDays(today, i - count + 1))
  if (period === 'week') {
    // Weeks start on Monday (Beijing).
    const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7
    const monday = addDays(today, -weekday)
    return Array.from({ length: count }, (_, i) => addDays(monday, (i - count + 1) * 7))
  }
  const [y, m] = today.split('-').map(Number)
  return Array.from({ length: count }, (_, i) => {
    const total = y * 12 + (m - 1) + i - count + 1
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`
  })
}

/** Short enough for 14 bars on a phone: 24日 (day), 11/17 (the week's Monday), 11月 (month). */
function barLabel(period: VisitPeriod, from: string): string {
  if (period === 'month') return `${Number(from.slice(5, 7))}月`
  if (period === 'day') return `${Number(from.slice(8))}日`
  return `${Number(from.slice(5, 7))}/${Number(from.slice(8))}`
}

async function counters(ctx: Ctx, scope: string, from: string): Promise<VisitDayDoc[]> {
  // At most 6 months of days (≈ 185) per scope: under one read's cap.
  return ctx.store.find<VisitDayDoc>(VISIT_DAYS, { where: { scope, day: { $gte: from } }, orderBy: [['day', 'asc']], limit: 400 })
}

export async function visitStats(ctx: Ctx, input: { stationId?: string; period: VisitPeriod }): Promise<VisitStats> {
  const wheres = await managedWhere(ctx.store, ctx.caller)
  const stations: Array<{ id: string; name: string }> = []
  for (const where of wheres) {
    const docs = await ctx.store.find<StationDoc>('stations', { where, orderBy: [['name', 'asc']], limit: 200 })
    for (const d of docs) if (!stations.some((s) => s.id === d._id)) stations.push({ id: d._id, name: d.name })
  }
  let scope: VisitStats['scope']
  let key: string
  if (input.stationId) {
    const station = await ctx.store.get<StationDoc>('stations', input.stationId)
    if (!station || !(await canEditStation(ctx.store, ctx.caller, station))) throw forbidden('您只能查看自己负责的驿站')
    scope = { stationId: station._id, name: station.name }
    key = `st:${station._id}`
  } else {
    const org = [...scopesOf(ctx.caller, 'staff'), ...scopesOf(ctx.caller, 'admin')][0]
    if (org) {
      const orgDoc = await ctx.store.get<Doc & { name: string }>('orgs', org)
      scope = { stationId: null, name: `${orgDoc?.name ?? '本工会'}全部驿站` }
      key = `org:${org}`
    } else {
      // A keeper without a station named: their first station.
      if (!stations.length) throw forbidden('您还没有负责的驿站')
      scope = { stationId: stations[0].id, name: stations[0].name }
      key = `st:${stations[0].id}`
    }
  }
  const today = beijingDay(ctx.now())
  const starts = periodStarts(input.period, today)
  const rows = await counters(ctx, key, starts[0])
  const bars: VisitBar[] = starts.map((from, i) => {
    const to = starts[i + 1]
    const count = rows.filter((r) => r.day >= from && (!to || r.day < to)).reduce((a, r) => a + r.total, 0)
    return { label: barLabel(input.period, from), from, count }
  })
  const byKey = new Map<string, number>()
  for (const r of rows) {
    for (const [field, n] of Object.entries(r)) {
      if (field.startsWith('occ_') && typeof n === 'number') byKey.set(field.slice(4), (byKey.get(field.slice(4)) ?? 0) + n)
    }
  }
  const byOccupation = [...OCCUPATIONS.map((o) => o.key), 'unknown' as const].map((k) => ({
    key: k,
    label: k === 'unknown' ? '未说明' : occupationLabel(k),
    count: byKey.get(k) ?? 0,
  }))
  const [county] = await ctx.store.find<VisitDayDoc>(VISIT_DAYS, { where: { scope: 'all', day: today }, limit: 1 })
  return {
    scope,
    period: input.period,
    bars,
    total: bars.reduce((a, b) => a + b.count, 0),
    byOccupation,
    countyToday: county?.total ?? 0,
    stations,
  }
}
