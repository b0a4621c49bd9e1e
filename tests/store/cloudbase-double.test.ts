/**
 * The shared store contract over the real CloudBaseStore on the CloudBase-semantics double, with and without
 * network-like latency, plus the double's own behaviour: the tests below fail if the double stops being as
 * strict as CloudBase (snapshot reads, first writer wins, atomic guarded updates, the 1,000-document cap).
 */
import { CloudBaseStore } from '../../cloudfunctions/_core/store/cloudbase'
import { CloudBaseDouble, ConflictError } from '../utils/cloudbase-double'
import { runStoreContract } from './contract'

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined }

runStoreContract('cloudbase double', async () => {
  const double = new CloudBaseDouble()
  return { store: new CloudBaseStore(double.db(), { log: quiet as never }), cleanup: async () => undefined }
})

runStoreContract('cloudbase double, 1–6 ms per request', async () => {
  const double = new CloudBaseDouble({ latencyMs: [1, 6] })
  return { store: new CloudBaseStore(double.db(), { log: quiet as never }), cleanup: async () => undefined }
})

describe('the CloudBase double itself', () => {
  test('a transaction reads the snapshot it started with, not later commits', async () => {
    const double = new CloudBaseDouble()
    const db = double.db()
    await db.collection('c').add({ _id: 'a', n: 1 })
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const seen: unknown[] = []
    const t = db.runTransaction(async (tx) => {
      seen.push((await tx.collection('c').doc('a').get()).data)
      await gate
      seen.push((await tx.collection('c').doc('a').get()).data)
    }, 0)
    await new Promise((r) => setTimeout(r, 5))
    await db.collection('c').doc('a').update({ n: 2 })
    release()
    await t
    expect(seen).toEqual([
      { _id: 'a', n: 1 },
      { _id: 'a', n: 1 },
    ])
  })

  test('of two transactions writing one document, the later writer is aborted with a conflict', async () => {
    const double = new CloudBaseDouble()
    const db = double.db()
    await db.collection('c').add({ _id: 'a', n: 0 })
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const first = db.runTransaction(async (tx) => {
      await tx.collection('c').doc('a').update({ n: 1 })
      await gate
    }, 0)
    await new Promise((r) => setTimeout(r, 5))
    const second = db.runTransaction(async (tx) => {
      await tx.collection('c').doc('a').update({ n: 2 })
    }, 0)
    await expect(second).rejects.toBeInstanceOf(ConflictError)
    await expect(second).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    release()
    await first
    expect(double.dump('c')).toEqual([{ _id: 'a', n: 1 }])
    // A transaction whose snapshot predates a commit to the document it writes loses too.
    const stale = db.runTransaction(async (tx) => {
      await tx.collection('c').doc('a').get()
      await new Promise((r) => setTimeout(r, 10))
      await tx.collection('c').doc('a').update({ n: 9 })
    }, 0)
    await new Promise((r) => setTimeout(r, 2))
    await db.collection('c').doc('a').update({ n: 3 })
    await expect(stale).rejects.toBeInstanceOf(ConflictError)
    expect(double.dump('c')).toEqual([{ _id: 'a', n: 3 }])
  })

  test('add of an existing id fails with the duplicate-key code; guarded updates outside transactions are atomic', async () => {
    const double = new CloudBaseDouble({ latencyMs: [0, 4] })
    const db = double.db()
    await db.collection('c').add({ _id: 'a', left: 5 })
    await expect(db.collection('c').add({ _id: 'a' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    const _ = db.command
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        db
          .collection('c')
          .where({ _id: 'a', left: _.gte(1) })
          .update({ left: _.inc(-1) }),
      ),
    )
    expect(results.filter((r) => r.updated === 1)).toHaveLength(5)
    expect(double.dump('c')[0].left).toBe(0)
  })

  test('one read answers at most 1,000 documents, 100 without a limit; every request is counted by kind', async () => {
    const double = new CloudBaseDouble()
    const db = double.db()
    for (let i = 0; i < 1500; i++) await db.collection('c').add({ _id: `d${String(i).padStart(4, '0')}`, i })
    double.resetCounts()
    expect((await db.collection('c').limit(5000).get()).data).toHaveLength(1000)
    expect((await db.collection('c').get()).data).toHaveLength(100)
    expect(double.counts).toEqual({ get: 2 })
    expect(double.total).toBe(2)
  })

  test('with latency configured, every request waits', async () => {
    const double = new CloudBaseDouble({ latencyMs: [20, 20] })
    const t0 = Date.now()
    await double.db().collection('c').add({ _id: 'x' })
    expect(Date.now() - t0).toBeGreaterThanOrEqual(18)
  })
})
