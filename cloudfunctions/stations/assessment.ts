import type { Ctx } from '../_core/contract'
import { findAll } from '../_core/paging'
import { completeness, type AssessmentStats } from '../../src/contracts/stations/assessment'
import type { StationSummary } from '../../src/contracts/stations/schemas'
import { managedWhere } from './access'
import { isCurrent, type StationDoc } from './model'

/** The staff list's line: 「基本条件 6/8 项，缺：…」. */
export function withCompleteness(summary: StationSummary, doc: StationDoc): StationSummary {
  return { ...summary, completeness: completeness(doc.assessment, doc.amenities) }
}

/**
 * The county's view: how many of the stations the caller manages meet every basic of the standard, and which
 * basics are missed most. Counts only; expired stations are left out (they no longer serve anyone).
 */
export async function assessmentStats(ctx: Ctx): Promise<AssessmentStats> {
  const seen = new Map<string, StationDoc>()
  for (const where of await managedWhere(ctx.store, ctx.caller)) {
    const ids = (where._id as { $in?: string[] } | undefined)?.$in
    const docs = ids
      ? (await Promise.all(ids.map((id) => ctx.store.get<StationDoc>('stations', id)))).filter((d): d is StationDoc => d?.status === 'active')
      : await findAll<StationDoc>(ctx.store, 'stations', where)
    for (const d of docs) seen.set(d._id, d)
  }
  const today = ctx.now()
  let complete = 0
  const missed = new Map<string, number>()
  let total = 0
  for (const doc of seen.values()) {
    if (!isCurrent(doc, today)) continue
    total++
    const c = completeness(doc.assessment, doc.amenities)
    if (c.complete) complete++
    for (const label of c.missing) missed.set(label, (missed.get(label) ?? 0) + 1)
  }
  const missing = [...missed.entries()].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count)
  return { total, complete, missing }
}
