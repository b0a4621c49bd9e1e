import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import { deliverOutbox, enqueueNotice, type OutboxDoc } from '../../cloudfunctions/_core/outbox'
import { silentLogger } from '../../cloudfunctions/_core/log'
import type { Notice, Notifier, SendOutcome } from '../../cloudfunctions/_core/notify'
import { withLatency } from '../utils/store-wrappers'

/** Issue 7 item 2: the outbox deliverer retries what failed and never sends one notice twice. */
const notice = (i: number): Notice => ({
  openid: `u-${i}`,
  template: 'membership_review',
  title: '入会申请已通过',
  body: '已通过',
  data: { n: String(i) },
})
const t0 = new Date('2026-11-23T02:00:00Z')
const later = (ms: number) => new Date(t0.getTime() + ms)

function recorder(failFor = new Set<string>()): Notifier & { sent: string[] } {
  const sent: string[] = []
  return {
    sent,
    send: async (n) => {
      await new Promise((r) => setTimeout(r, Math.random() * 5))
      if (failFor.has(n.openid)) throw new Error('WeChat said no')
      sent.push(n.openid)
    },
  }
}

let store: SqliteStore
beforeEach(() => {
  store = new SqliteStore({ file: ':memory:' })
})
afterEach(() => store.close())

test('2.2 a notice whose send failed is retried by a later run and then sent once', async () => {
  for (let i = 0; i < 3; i++) await enqueueNotice(store, notice(i), t0)
  const failing = new Set(['u-1'])
  const n = recorder(failing)
  expect(await deliverOutbox(store, n, silentLogger, t0)).toMatchObject({ sent: 2, failed: 1 })
  failing.clear()
  // A later run (after the back-off) picks the failure up again.
  expect(await deliverOutbox(store, n, silentLogger, later(10 * 60_000))).toMatchObject({ sent: 1, failed: 0 })
  expect(n.sent.sort()).toEqual(['u-0', 'u-1', 'u-2'])
  expect(await deliverOutbox(store, n, silentLogger, later(20 * 60_000))).toMatchObject({ sent: 0, failed: 0 })
  const docs = await store.find<OutboxDoc>('outbox')
  expect(docs.every((d) => d.status === 'sent')).toBe(true)
  expect(docs.find((d) => d.openid === 'u-1')?.attempts).toBe(2)
})

test('2.3 two deliverers running at once send every notice exactly once', async () => {
  for (let i = 0; i < 30; i++) await enqueueNotice(store, notice(i), t0)
  const slow = withLatency(store, 5)
  const n = recorder()
  const [a, b] = await Promise.all([deliverOutbox(slow, n, silentLogger, t0), deliverOutbox(slow, n, silentLogger, t0)])
  expect(a.sent + b.sent).toBe(30)
  expect(n.sent).toHaveLength(30)
  expect(new Set(n.sent).size).toBe(30)
})

test('2.4 a notice claimed by a deliverer that died mid-send is sent by a later run, not stranded in 「sending」', async () => {
  await enqueueNotice(store, notice(1), t0)
  // What a kill -9 between the claim and the send leaves behind.
  const [doc] = await store.find<OutboxDoc>('outbox')
  await store.update('outbox', { _id: doc._id }, { set: { status: 'sending', claimedAt: t0.toISOString() }, inc: { attempts: 1 } })
  const n = recorder()
  // Not while the claim may still be alive…
  expect((await deliverOutbox(store, n, silentLogger, later(1000))).sent).toBe(0)
  // …but once its lease ran out.
  expect((await deliverOutbox(store, n, silentLogger, later(10 * 60_000))).sent).toBe(1)
  expect(n.sent).toEqual(['u-1'])
})

test('2.5 a notice that keeps failing stops being retried after its last attempt', async () => {
  await enqueueNotice(store, notice(1), t0)
  const n = recorder(new Set(['u-1']))
  for (let i = 0; i < 8; i++) await deliverOutbox(store, n, silentLogger, later(i * 3600_000))
  const [doc] = await store.find<OutboxDoc>('outbox')
  expect(doc.attempts).toBe(5)
  expect(doc.status).toBe('failed')
})

/** Issue 18: the outbox never lies about what WeChat did. */
function answering(outcome: (n: Notice) => SendOutcome | Error): Notifier & { calls: string[] } {
  const calls: string[] = []
  return {
    calls,
    send: async (n) => {
      calls.push(n.openid)
      const o = outcome(n)
      if (o instanceof Error) throw o
      return o
    },
  }
}

test('18 a send WeChat refused is recorded refused with its reason, never sent, and not retried', async () => {
  await enqueueNotice(store, notice(1), t0)
  const n = answering(() => ({ status: 'refused', reason: 'bad_template', errcode: 40037, detail: 'invalid template_id' }))
  expect(await deliverOutbox(store, n, silentLogger, t0)).toEqual({ sent: 0, failed: 0, skipped: 0, refused: 1 })
  for (let i = 1; i < 5; i++) await deliverOutbox(store, n, silentLogger, later(i * 3600_000))
  const [doc] = await store.find<OutboxDoc>('outbox')
  expect(doc).toMatchObject({ status: 'refused', reason: 'bad_template', errcode: 40037, attempts: 1 })
  expect(doc.sentAt).toBeUndefined()
  expect(n.calls).toHaveLength(1)
})

test('18 not subscribed (43101) is skipped, not an error, and stays in 消息中心', async () => {
  await enqueueNotice(store, notice(1), t0)
  const n = answering(() => ({ status: 'skipped', reason: 'not_subscribed' }))
  expect(await deliverOutbox(store, n, silentLogger, t0)).toEqual({ sent: 0, failed: 0, skipped: 1, refused: 0 })
  const [doc] = await store.find<OutboxDoc>('outbox')
  expect(doc).toMatchObject({ status: 'skipped', reason: 'not_subscribed', readAt: null })
})

test('18 transient failures back off (1, 2, 4… minutes) and the last one is final with its reason', async () => {
  await enqueueNotice(store, notice(1), t0)
  const n = answering(() => Object.assign(new Error('WeChat -1 system error'), { errcode: -1 }))
  await deliverOutbox(store, n, silentLogger, t0)
  // not before the back-off has passed…
  await deliverOutbox(store, n, silentLogger, later(30_000))
  expect(n.calls).toHaveLength(1)
  await deliverOutbox(store, n, silentLogger, later(61_000))
  expect(n.calls).toHaveLength(2)
  for (let i = 1; i < 10; i++) await deliverOutbox(store, n, silentLogger, later(i * 3600_000))
  const [doc] = await store.find<OutboxDoc>('outbox')
  expect(n.calls).toHaveLength(5)
  expect(doc).toMatchObject({ status: 'failed', reason: 'transient', errcode: -1, attempts: 5 })
  expect(doc.settledAt).toBeDefined()
})
