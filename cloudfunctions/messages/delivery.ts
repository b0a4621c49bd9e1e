import type { DeliveryRow, DeliveryStats } from '../../src/contracts/messages/schemas'
import { DELIVERY_REASON_LABELS, NOTICE_KEYS, NOTICE_LABELS } from '../../src/contracts/notices'
import { scopesOf } from '../_core/auth'
import type { Ctx } from '../_core/contract'
import { requireCounty } from '../_core/county'
import { forbidden } from '../_core/errors'
import { MAX_ATTEMPTS, OUTBOX, type OutboxDoc } from '../_core/outbox'
import { addDays, beijingDay, startOfBeijingDay } from '../../src/contracts/time'

const DAYS = 7
/** CloudBase answers at most 1,000 documents a read; a county's week of notices fits in a few pages. */
const PAGE = 1000
const MAX_PAGES = 50

/** 00:00 Beijing time, DAYS - 1 days before today: "the last 7 days" as a person counts them. */
function weekStart(now: Date): Date {
  return startOfBeijingDay(addDays(beijingDay(now), -(DAYS - 1)))
}

function bump(list: DeliveryRow['failed'], reason: string) {
  const have = list.find((r) => r.reason === reason)
  if (have) have.count++
  else list.push({ reason, label: DELIVERY_REASON_LABELS[reason] ?? reason, count: 1 })
}

/**
 * What became of every notice queued in the last 7 days, per notice key: sent to WeChat, still waiting (queued or
 * to be retried), in 消息中心 only (no subscription, no template: no fault), or failed with the reason. Only the
 * county union's admins: the outbox spans the whole county. Counts only, no names or texts.
 */
export async function deliveryStats(ctx: Ctx): Promise<DeliveryStats> {
  const county = await requireCounty(ctx.store)
  if (!scopesOf(ctx.caller, 'admin').includes(county.orgId)) throw forbidden('通知发送情况只有总工会管理员可以查看')
  const since = weekStart(ctx.now())
  const rows = new Map<string, DeliveryRow>(
    NOTICE_KEYS.map((key) => [key, { key, label: NOTICE_LABELS[key], total: 0, sent: 0, waiting: 0, inboxOnly: [], failed: [] }]),
  )
  for (let page = 0; page < MAX_PAGES; page++) {
    const docs = await ctx.store.find<OutboxDoc>(OUTBOX, {
      where: { createdAt: { $gte: since.toISOString() } },
      orderBy: [['createdAt', 'asc']],
      skip: page * PAGE,
      limit: PAGE,
    })
    for (const d of docs) {
      let row = rows.get(d.template)
      if (!row) {
        row = { key: d.template, label: d.template, total: 0, sent: 0, waiting: 0, inboxOnly: [], failed: [] }
        rows.set(d.template, row)
      }
      row.total++
      if (d.status === 'sent') row.sent++
      else if (d.status === 'skipped') bump(row.inboxOnly, d.reason ?? 'not_subscribed')
      else if (d.status === 'refused') bump(row.failed, d.reason ?? 'refused')
      else if (d.status === 'failed' && d.attempts >= MAX_ATTEMPTS) bump(row.failed, 'transient')
      else row.waiting++
    }
    if (docs.length < PAGE) break
  }
  for (const row of rows.values()) {
    row.failed.sort((a, b) => b.count - a.count)
    row.inboxOnly.sort((a, b) => b.count - a.count)
  }
  return { since: since.toISOString(), rows: [...rows.values()] }
}
