import type { Logger } from './log'
import { newId } from './ids'
import type { Notice, Notifier } from './notify'
import type { Doc, Store } from './store/port'

export const OUTBOX = 'outbox'

export interface OutboxDoc extends Doc, Notice {
  createdAt: string
  /** pending → sending → sent | failed (retried until MAX_ATTEMPTS) */
  status: 'pending' | 'sending' | 'sent' | 'failed'
  attempts: number
  sentAt?: string
  /** when a deliverer claimed it (status sending) */
  claimedAt?: string
  failedAt?: string
  readAt?: string | null
}

const MAX_ATTEMPTS = 5
/** A claim older than this belongs to a deliverer that died (kill -9, a function timeout) mid-send. */
const LEASE_MS = 5 * 60_000
/** Wait before retrying a failure: 1, 2, 4, 8… minutes, at most an hour. */
const backoffMs = (attempts: number) => Math.min(3600_000, 60_000 * 2 ** Math.max(0, attempts - 1))

/** Queues a notice; call it with the transaction that makes the change the notice is about. */
export async function enqueueNotice(tx: Store, notice: Notice, now: Date): Promise<void> {
  await tx.insert(OUTBOX, { _id: newId(), ...notice, createdAt: now.toISOString(), status: 'pending', attempts: 0, readAt: null })
}

/**
 * Sends what is pending (and retries what failed, with back-off) after commit. Each entry is claimed with a
 * conditional update first, so two deliverers running at once never send one notice twice; a claim whose
 * deliverer died before finishing expires after LEASE_MS and the entry is sent by a later run.
 */
export async function deliverOutbox(
  store: Store,
  notifier: Notifier,
  log: Logger,
  now = new Date(),
  limit = 50,
): Promise<{ sent: number; failed: number }> {
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
  let sent = 0
  let failed = 0
  for (const doc of due) {
    const claimed = await store.update(
      OUTBOX,
      { _id: doc._id, status: doc.status, attempts: doc.attempts },
      { set: { status: 'sending', claimedAt: now.toISOString() }, inc: { attempts: 1 } },
    )
    if (!claimed) continue
    try {
      await notifier.send(doc)
      await store.update(OUTBOX, { _id: doc._id }, { set: { status: 'sent', sentAt: now.toISOString() } })
      sent++
    } catch (e) {
      await store.update(OUTBOX, { _id: doc._id }, { set: { status: 'failed', failedAt: now.toISOString() } })
      log.error('notice_failed', { id: doc._id, template: doc.template, error: e instanceof Error ? e.message : String(e) })
      failed++
    }
  }
  return { sent, failed }
}
