/** The CloudBase adapter's transaction paths against a fake database: no network, no credentials. */
import tcb from '@cloudbase/node-sdk'
import { UpdateSerializer } from '@cloudbase/database/dist/commonjs/serializer/update'
import { CloudBaseStore, type CbDb, type CbDocRef, type CbTransaction } from '../../cloudfunctions/_core/store/cloudbase'
import { DuplicateKeyError } from '../../cloudfunctions/_core/store/port'

const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database()

/** Just enough of a database for the transaction paths: one collection of documents in a Map, no network. */
function fakeDb(options: { conflicts?: number } = {}) {
  const docs = new Map<string, Record<string, unknown>>()
  let conflicts = options.conflicts ?? 0
  const calls: string[] = []
  const tx: CbTransaction = {
    collection: () => ({
      doc: (id: string): CbDocRef => ({
        get: async () => ({ data: docs.has(id) ? { ...docs.get(id) } : null }),
        set: async (data) => {
          calls.push(`set ${id}`)
          docs.set(id, { _id: id, ...data })
        },
        update: async (data) => {
          if (conflicts > 0) {
            conflicts--
            throw Object.assign(new Error('conflict'), { code: 'DATABASE_TRANSACTION_CONFLICT' })
          }
          calls.push(`update ${id} ${JSON.stringify(UpdateSerializer.encode(data as never))}`)
        },
        remove: async () => {
          calls.push(`remove ${id}`)
          docs.delete(id)
        },
      }),
      add: async (doc: object) => {
        const d = doc as { _id: string }
        if (docs.has(d._id)) throw { code: 'DATABASE_DUPLICATE_WRITE' }
        calls.push(`add ${d._id}`)
        docs.set(d._id, { ...d })
      },
    }),
  }
  const fake = {
    command: db.command,
    RegExp: db.RegExp,
    Geo: db.Geo,
    collection: () => {
      throw new Error('the fake only supports transactions')
    },
    createCollection: async () => ({}),
    runTransaction: async (fn: (t: CbTransaction) => Promise<unknown>) => fn(tx),
  } as unknown as CbDb
  return { db: fake, docs, calls }
}

describe('CloudBaseStore transactions (fake database, no network)', () => {
  test('update and remove inside a transaction check the extra conditions against the document', async () => {
    const f = fakeDb()
    f.docs.set('s', { _id: 's', left: 0, status: 'open' })
    const store = new CloudBaseStore(f.db)
    const n = await store.transaction(async (tx) => [
      await tx.update('slots', { _id: 's', left: { $gt: 0 } }, { inc: { left: -1 } }),
      await tx.update('slots', { _id: 's', status: 'open' }, { set: { status: 'closed' } }),
      await tx.remove('slots', { _id: 's', status: 'gone' }),
      await tx.update('slots', { _id: 'missing' }, { set: { x: 1 } }),
    ])
    expect(n).toEqual([0, 1, 0, 0])
    expect(f.calls).toEqual(['update s {"$set":{"status":"closed"}}'])
  })

  test('insert inside a transaction refuses a taken id before writing; find is refused outright', async () => {
    const f = fakeDb()
    f.docs.set('t', { _id: 't' })
    const store = new CloudBaseStore(f.db)
    await expect(store.transaction((tx) => tx.insert('things', { _id: 't', a: 1 }))).rejects.toBeInstanceOf(DuplicateKeyError)
    await expect(store.transaction((tx) => tx.find('things'))).rejects.toThrow(/transaction/)
    await expect(store.transaction((tx) => tx.update('things', { n: 1 }, { set: { a: 1 } }))).rejects.toThrow(/_id/)
    expect(await store.transaction((tx) => tx.insert('things', { _id: 'new', location: { lat: 1, lng: 2 } }))).toBe('new')
    expect(f.docs.get('new')?.location).toBeInstanceOf(db.Geo.Point)
  })

  test('a transaction that loses a write conflict runs again', async () => {
    const f = fakeDb({ conflicts: 2 })
    f.docs.set('c', { _id: 'c', n: 0 })
    const store = new CloudBaseStore(f.db)
    let runs = 0
    await store.transaction(async (tx) => {
      runs++
      await tx.update('counters', { _id: 'c' }, { inc: { n: 1 } })
    })
    expect(runs).toBe(3)
  })

  test('other errors end the transaction at once', async () => {
    const f = fakeDb({ conflicts: 0 })
    const store = new CloudBaseStore(f.db)
    let runs = 0
    await expect(
      store.transaction(async () => {
        runs++
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    expect(runs).toBe(1)
  })
})
