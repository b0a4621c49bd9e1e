import type { Logger } from './log'
import { newId } from './ids'
import type { Notice, Notifier, SendOutcome } from './notify'
import type { Doc, Store } from './store/port'

export const OUTBOX = 'outbox'

/**
 * pending → sending → sent | skipped | refused | failed. `failed` is retried with back-off until MAX_ATTEMPTS,
 * then stays failed. `skipped` (no subscription left, no template) and `refused` (WeChat said no for good) are
 * final and carry their reason. Whatever the status, the notice stays in 消息中心.
 */
type OutboxStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'refused' | 'failed'

export interface OutboxDoc extends Doc, Notice {
  createdAt: string
  status: OutboxStatus
  attempts: number
  sentAt?: string
  /** when a deliverer claimed it (status sending) */
  claimedAt?: string
  failedAt?: string
  /** when it became skipped, refused, or failed for the last time */
  settledAt?: string
  /** why it did not reach WeChat: a SkipReason, a RefusalReason, or `transient` */
  reason?: string
  errcode?: number
  /** WeChat's message or the keyword that broke its rule; never the notice's text */
  detail?: string
  readAt?: string | null
}

export const MAX_ATTEMPTS = 5
/** A claim older than this belongs to a deliverer that died (kill -9, a function timeout) mid-send. */
const LEASE_MS = 5 * 60_000
/** Wait before retrying a failure: 1, 2, 4, 8… minutes, at most an hour. */
const backoffMs = (attempts: number) => Math.min(3600_000, 60_000 * 2 ** Math.max(0, attempts - 1))

/** Queues a notice; call it with the transaction that makes the change the notice is about. */
export async function enqueueNotice(tx: Store, notice: Notice, now: Date): Promise<void> {
  await tx.insert(OUTBOX, { _id: newId(), ...notice, createdAt: now.toISOString(), status: 'pending', attempts: 0, readAt: null })
}

interface DeliveryReport {
  sent: number
  failed: number
  skipped: number
  refused: number
}

/**
 * Sends what is pending (and retries what failed, with back-off) after commit. Each entry is claimed with a
 * conditional update first, so two deliverers running at once never send one notice twice; a claim whose
 * deliverer died before finishing expires after LEASE_MS and the entry is sent by a later run. Only what WeChat
 * accepted is marked sent.
 */
export async function deliverOutbox(store: Store, notifier: Notifier, log: Logger, now = new Date(), limit = 50): Promise<DeliveryReport> {
  const retryable = await store.find<OutboxDoc>(OUTBOX, {
    where: { status: { $in: ['pending', 'failed'] }, attempts: { $lt: MAX_ATTEMPTS } },
    orderBy: [['createdAt', 'asc']],
    limit,
  })
  const stranded = await store.find<OutboxDoc>(OUTBOX, {
    where: { status: 'sending', attempts: { $lt: MAX_ATTEMPTS }, claimedAt: { $lt: new Date(now.getTime() - LEASE_MS).toISOString() } },
    orderBy: [['createdAt', 'asc']],
    limit,
  })
  const due = [...retryable, ...stranded].filter(
    (d) => d.status !== 'failed' || !d.failedAt || Date.parse(d.failedAt) + backoffMs(d.attempts) <= now.getTime(),
  )
  const report: DeliveryReport = { sent: 0, failed: 0, skipped: 0, refused: 0 }
  const at = now.toISOString()
  for (const doc of due) {
    const claimed = await store.update(
      OUTBOX,
      { _id: doc._id, status: doc.status, attempts: doc.attempts },
      { set: { status: 'sending', claimedAt: at }, inc: { attempts: 1 } },
    )
    if (!claimed) continue
    let outcome: SendOutcome
    try {
      outcome = (await notifier.send(doc)) ?? { status: 'sent' }
    } catch (e) {
      const last = doc.attempts + 1 >= MAX_ATTEMPTS
      const errcode = (e as { errcode?: unknown }).errcode
      await store.update(
        OUTBOX,
        { _id: doc._id },
        {
          set: {
            status: 'failed',
            failedAt: at,
            reason: 'transient',
            detail: (e instanceof Error ? e.message : String(e)).slice(0, 120),
            ...(typeof errcode === 'number' ? { errcode } : {}),
            ...(last ? { settledAt: at } : {}),
          },
        },
      )
      log.error('notice_failed', {
        id: doc._id,
        template: doc.template,
        attempt: doc.attempts + 1,
        final: last,
        error: e instanceof Error ? e.message : String(e),
      })
      report.failed++
      continue
    }
    if (outcome.status === 'sent') {
      await store.update(OUTBOX, { _id: doc._id }, { set: { status: 'sent', sentAt: at } })
      report.sent++
    } else {
      const set: Record<string, unknown> = { status: outcome.status, reason: outcome.reason, settledAt: at }
      if (outcome.status === 'refused') {
        if (outcome.errcode !== undefined) set.errcode = outcome.errcode
        if (outcome.detail) set.detail = outcome.detail.slice(0, 120)
      }
      await store.update(OUTBOX, { _id: doc._id }, { set })
      report[outcome.status]++
    }
  }
  return report
}
