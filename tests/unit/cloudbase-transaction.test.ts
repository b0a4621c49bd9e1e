/** The CloudBase adapter's transaction paths against a fake database: no network, no credentials. */
import tcb from '@cloudbase/node-sdk'
import * as z from 'zod'
import { UpdateSerializer } from '@cloudbase/database/dist/commonjs/serializer/update'
import { CloudBaseStore, isCollectionMissing, type CbDb, type CbDocRef, type CbTransaction } from '../../cloudfunctions/_core/store/cloudbase'
import { DuplicateKeyError, type Store } from '../../cloudfunctions/_core/store/port'
import { defineAction, dispatch } from '../../cloudfunctions/_core/contract'
import type { Logger } from '../../cloudfunctions/_core/log'

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

/**
 * A fresh environment: `collections` lists the ones that exist. Touching another inside a transaction fails the
 * way CloudBase reports it, and leaves the transaction dead: every later call on it fails too and is recorded,
 * since a dead transaction can only ever fail.
 */
function freshDb(collections: string[]) {
  const exists = new Set(collections)
  const docs = new Map<string, Record<string, unknown>>()
  const calls: string[] = []
  const afterDeath: string[] = []
  const log: string[] = []
  const logger: Logger = {
    info: (e, d) => log.push(`info ${e} ${JSON.stringify(d ?? {})}`),
    error: (e, d) => log.push(`error ${e} ${JSON.stringify(d ?? {})}`),
  }
  let runs = 0
  const fake = {
    command: db.command,
    RegExp: db.RegExp,
    Geo: db.Geo,
    // outside transactions only the caller lookup reads, and finds nobody
    collection: () => ({ doc: () => ({ get: async () => ({ data: [] }) }) }),
    createCollection: async (name: string) => {
      calls.push(`create ${name}`)
      exists.add(name)
    },
    runTransaction: async (fn: (t: CbTransaction) => Promise<unknown>) => {
      runs++
      let dead = false
      const op = async <T>(name: string, what: string, run: () => T): Promise<T> => {
        if (dead) {
          afterDeath.push(`${what} ${name}`)
          throw Object.assign(new Error('transaction aborted'), { code: 'DATABASE_REQUEST_FAILED' })
        }
        if (!exists.has(name)) {
          dead = true
          throw Object.assign(new Error('database collection not exists'), { code: 'DATABASE_COLLECTION_NOT_EXIST', requestId: 'r1' })
        }
        calls.push(`${what} ${name}`)
        return run()
      }
      const tx: CbTransaction = {
        collection: (name) => ({
          doc: (id: string): CbDocRef => ({
            get: () => op(name, 'get', () => ({ data: docs.get(`${name}/${id}`) ?? null })),
            set: (data) => op(name, 'set', () => void docs.set(`${name}/${id}`, { _id: id, ...data })),
            update: (data) => op(name, 'update', () => void docs.set(`${name}/${id}`, { ...docs.get(`${name}/${id}`), ...data })),
            remove: () => op(name, 'remove', () => void docs.delete(`${name}/${id}`)),
          }),
          add: (doc: object) => op(name, 'add', () => void docs.set(`${name}/${(doc as { _id: string })._id}`, { ...doc })),
        }),
      }
      return fn(tx)
    },
  } as unknown as CbDb
  return { db: fake, docs, calls, afterDeath, log, logger, runs: () => runs }
}

describe('a transaction that touches a collection not created yet (11)', () => {
  test('fails once, clearly: one log line naming the collection, nothing retried inside the dead transaction', async () => {
    const f = freshDb(['users'])
    const store = new CloudBaseStore(f.db, { log: f.logger })
    const failure = await store.transaction((tx) => tx.insert('fresh', { _id: 'a', n: 1 })).catch((e: unknown) => e)
    expect(f.afterDeath).toEqual([])
    expect(f.runs()).toBe(1)
    expect(f.log).toEqual(['error store_collection_missing {"collection":"fresh","created":true}'])
    expect(failure).toBeInstanceOf(Error)
    expect((failure as Error).message).toMatch(/fresh/)
    // created outside the dead transaction, so the next call goes through
    expect(f.calls).toEqual(['create fresh'])
    expect(await store.transaction((tx) => tx.insert('fresh', { _id: 'a', n: 1 }))).toBe('a')
    expect(f.docs.get('fresh/a')).toEqual({ _id: 'a', n: 1 })
  })

  test('every kind of write, and a read, stops at the first failure', async () => {
    for (const run of <Array<(tx: Store) => Promise<unknown>>>[
      (tx: Store) => tx.put('fresh', { _id: 'p', n: 1 }),
      (tx: Store) => tx.update('fresh', { _id: 'p' }, { set: { n: 2 } }),
      (tx: Store) => tx.remove('fresh', { _id: 'p' }),
      (tx: Store) => tx.get('fresh', 'p'),
    ]) {
      const f = freshDb(['users'])
      const store = new CloudBaseStore(f.db, { log: f.logger })
      await expect(store.transaction(run)).rejects.toThrow(/fresh/)
      expect(f.afterDeath).toEqual([])
      expect(f.log).toEqual(['error store_collection_missing {"collection":"fresh","created":true}'])
    }
  })

  test('a callback that catches the failure and carries on gets the same failure, not another call on the dead transaction', async () => {
    const f = freshDb(['users', 'other'])
    const store = new CloudBaseStore(f.db, { log: f.logger })
    await expect(
      store.transaction(async (tx) => {
        await tx.get('fresh', 'x').catch(() => null)
        await tx.put('other', { _id: 'o' })
      }),
    ).rejects.toThrow(/fresh/)
    expect(f.afterDeath).toEqual([])
    expect(f.log).toEqual(['error store_collection_missing {"collection":"fresh","created":true}'])
  })

  test('dispatch answers INTERNAL', async () => {
    const f = freshDb(['users'])
    const store = new CloudBaseStore(f.db, { log: f.logger })
    const actions = {
      first: defineAction({
        input: z.object({}),
        roles: 'signedIn',
        kind: 'mutation',
        handler: (_input, ctx) => ctx.store.transaction((tx) => tx.insert('fresh', { n: 1 })),
      }),
    }
    const res = await dispatch(actions, { action: 'first', data: {} }, 'o1', { store, log: f.logger })
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } })
    expect(f.log.filter((l) => l.includes('store_collection_missing'))).toEqual([
      'error store_collection_missing {"collection":"fresh","created":true}',
    ])
  })

  test("wx-server-sdk's wording of a missing collection is recognised too", () => {
    expect(isCollectionMissing({ errCode: -502005, errMsg: '[ResourceNotFound] Db or Table not exist. Please check your request' })).toBe(true)
    expect(isCollectionMissing({ message: '[ResourceNotFound] Db or Table not exist.' })).toBe(true)
    expect(isCollectionMissing({ code: 'ResourceNotFound.Function', message: 'function not found' })).toBe(false)
  })
})
