import { createHash } from 'node:crypto'
import type { Ctx } from '../_core/contract'
import { DuplicateKeyError, type Doc } from '../_core/store/port'
import { notFound } from '../_core/errors'
import { beijingTimeOfDay } from '../../src/contracts/time'
import type { OpenConfirmResult } from '../../src/contracts/stations/schemas'
import { isOpenNow, type StationDoc } from './model'

/** 「现在开着吗?」 answers: one per person per station per hour (a later answer in the hour replaces it). */
export const CONFIRMS = 'station_confirms'
/** one per station per hour at most: the keeper is told once, not by every courier who finds the door shut */
export const OPEN_ALERTS = 'station_open_alerts'
const HOUR = 3600_000
/** how long a 「开着」 stays worth showing */
const SHOW_CONFIRMED_MS = 24 * HOUR
/** 「没开」 from this many people within an hour, during opening hours, alerts the keeper */
const ALERT_AFTER = 2

interface ConfirmDoc extends Doc {
  stationId: string
  openid: string
  open: boolean
  /** the station's hours said open at that moment: only then is 「没开」 news for the keeper */
  inHours: boolean
  at: string
}

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)

/** The latest 「开着」 in the last day, for 「N 分钟前有人确认开放」. */
export async function lastConfirmedOpen(ctx: Ctx, stationId: string): Promise<string | undefined> {
  const since = new Date(ctx.now().getTime() - SHOW_CONFIRMED_MS).toISOString()
  const [last] = await ctx.store.find<ConfirmDoc>(CONFIRMS, {
    where: { stationId, open: true, at: { $gte: since } },
    orderBy: [['at', 'desc']],
    limit: 1,
  })
  return last?.at
}

async function alertKeepers(ctx: Ctx, station: StationDoc, now: Date): Promise<boolean> {
  // Once per station per clock hour: two couriers reporting at once both reach here, one insert wins.
  try {
    await ctx.store.insert(OPEN_ALERTS, {
      _id: `oa_${hash(station._id, String(Math.floor(now.getTime() / HOUR)))}`,
      stationId: station._id,
      at: now.toISOString(),
    })
  } catch (e) {
    if (e instanceof DuplicateKeyError) return false
    throw e
  }
  const keepers = await ctx.store.find<Doc & { openid: string }>('role_grants', { where: { role: 'keeper', scope: station._id }, limit: 20 })
  const time = beijingTimeOfDay(now)
  await ctx.store.transaction(async (tx) => {
    for (const k of keepers) {
      await ctx.notify(tx, {
        openid: k.openid,
        template: 'station_open_alert',
        title: '有工友反馈驿站没开',
        body: `${time} 前一小时内，${ALERT_AFTER} 位以上工友在开放时间到「${station.name}」反馈没有开门。请尽快核实；如需暂停开放，请在「反馈处理」中设置。`,
        page: `/pages/stations/detail/index?id=${encodeURIComponent(station._id)}`,
        data: { station: station.name.slice(0, 20), note: '开放时间内多人反馈没开', time },
      })
    }
  })
  ctx.log.info('station_open_alert', { stationId: station._id, keepers: keepers.length })
  return true
}

export async function confirmOpen(ctx: Ctx, input: { id: string; open: boolean }): Promise<OpenConfirmResult> {
  const station = await ctx.store.get<StationDoc>('stations', input.id)
  if (!station || station.status !== 'active') throw notFound('驿站不存在或已撤销')
  const now = ctx.now()
  const openid = ctx.caller.openid
  const inHours = isOpenNow(station, now)
  await ctx.store.put(CONFIRMS, {
    _id: `oc_${hash(station._id, openid, String(Math.floor(now.getTime() / HOUR)))}`,
    stationId: station._id,
    openid,
    open: input.open,
    inHours,
    at: now.toISOString(),
  })
  let alerted = false
  if (!input.open && inHours) {
    const since = new Date(now.getTime() - HOUR).toISOString()
    const recent = await ctx.store.find<ConfirmDoc>(CONFIRMS, {
      where: { stationId: station._id, open: false, inHours: true, at: { $gte: since } },
      limit: 50,
    })
    if (new Set(recent.map((c) => c.openid)).size >= ALERT_AFTER) alerted = await alertKeepers(ctx, station, now)
  }
  return { confirmedOpenAt: await lastConfirmedOpen(ctx, station._id), alerted }
}
