import type { PrizeView } from '../../src/contracts/quiz/schemas'
import { AppError, notFound } from '../_core/errors'
import { DuplicateKeyError, type Store } from '../_core/store/port'
import { campaignState } from './engine'

/** 驿站券 good for this many days when the prize names none (and for prizes from before it could) */
export const DEFAULT_VALID_DAYS = 30
import { CAMPAIGNS, DAY_STATS, PRIZES, type CampaignDoc, type PrizeDoc } from './model'

/** Helpers shared by the quiz flows: ids, lookups and the guarded counters. */

export const playerId = (campaignId: string, openid: string) => `${campaignId}:${openid}`

export async function campaignOr404(store: Store, id: string): Promise<CampaignDoc> {
  const c = await store.get<CampaignDoc>(CAMPAIGNS, id)
  if (!c) throw notFound('活动不存在或已删除')
  return c
}

export async function prizeViews(store: Store, c: CampaignDoc): Promise<PrizeView[]> {
  const docs = await store.find<PrizeDoc>(PRIZES, { where: { campaignId: c._id }, limit: 100 })
  const byId = new Map(docs.map((d) => [d._id, d]))
  return c.prizes.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    quantity: p.quantity,
    weight: p.weight,
    remaining: byId.get(p.id)?.remaining ?? 0,
    ...(p.kind === 'voucher'
      ? { voucher: { stationId: p.stationId ?? '', stationName: p.stationName ?? '', validDays: p.validDays ?? DEFAULT_VALID_DAYS } }
      : {}),
  }))
}

/** Counter docs with deterministic ids: bump if below the limit, create on first use. Returns false when full. */
export async function bumpCounter(
  store: Store,
  collection: string,
  id: string,
  limit: number,
  extra: Record<string, unknown> = {},
): Promise<boolean> {
  if (await store.update(collection, { _id: id, n: { $lt: limit } }, { inc: { n: 1 } })) return true
  try {
    if (limit < 1) return false
    await store.insert(collection, { _id: id, n: 1, ...extra })
    return true
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
    return (await store.update(collection, { _id: id, n: { $lt: limit } }, { inc: { n: 1 } })) > 0
  }
}

/** Adds to a per-day statistics doc, creating it on first use. */
export async function bumpStats(store: Store, campaignId: string, day: string, inc: Record<string, number>) {
  const id = `${campaignId}:${day}`
  if (await store.update(DAY_STATS, { _id: id }, { inc })) return
  try {
    await store.insert(DAY_STATS, { _id: id, campaignId, day, ...inc })
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
    await store.update(DAY_STATS, { _id: id }, { inc })
  }
}

export function running(c: CampaignDoc, now: Date) {
  const state = campaignState(c, now)
  if (state === 'upcoming') throw new AppError('CLOSED', '活动还没有开始')
  if (state === 'ended') throw new AppError('CLOSED', '活动已结束')
}
