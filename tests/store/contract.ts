import { DuplicateKeyError, type Store } from '../../cloudfunctions/_core/store/port'

export interface StoreUnderTest {
  store: Store
  cleanup: () => Promise<void>
}

/**
 * What every adapter of the port must do alike. Collection names carry `prefix` so that runs against a
 * shared CloudBase environment never collide.
 */
export function runStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>, opts: { prefix?: string } = {}) {
  const P = opts.prefix ?? ''
  const things = `${P}things`
  const places = `${P}places`

  describe(`store contract: ${name}`, () => {
    let sut: StoreUnderTest
    let store: Store
    beforeEach(async () => {
      sut = await makeStore()
      store = sut.store
    })
    afterEach(async () => {
      await sut.cleanup()
    })

    test('insert then get returns the document; a taken id is refused without touching the first', async () => {
      const id = await store.insert(things, { name: '甲', n: 1, tags: ['a'], nested: { k: 'v' } })
      expect(typeof id).toBe('string')
      expect(await store.get(things, id)).toEqual({ _id: id, name: '甲', n: 1, tags: ['a'], nested: { k: 'v' } })
      await store.insert(things, { _id: 'fixed', name: '乙' })
      await expect(store.insert(things, { _id: 'fixed', name: '丙' })).rejects.toBeInstanceOf(DuplicateKeyError)
      expect((await store.get(things, 'fixed'))?.name).toBe('乙')
      expect(await store.get(things, 'missing')).toBeNull()
    })

    test('find filters with equality, operators, nested paths, sorts and pages', async () => {
      const rows = [
        { _id: 'a', name: '北京站', n: 1, ok: true, tags: ['x', 'y'], meta: { city: 'bj' }, gone: null },
        { _id: 'b', name: '上海站', n: 2, ok: false, tags: ['y'], meta: { city: 'sh' }, gone: null },
        { _id: 'c', name: '北京西站', n: 3, ok: true, tags: ['x'], meta: { city: 'bj' }, gone: 'yes' },
        { _id: 'd', name: '广州站', n: 4, ok: true, tags: [], meta: { city: 'gz' }, gone: null },
      ]
      for (const r of rows) await store.insert(things, r)
      const ids = async (where: object, extra: object = {}) =>
        (await store.find(things, { where: where as never, orderBy: [['n', 'asc']], ...extra })).map((d) => d._id)
      expect(await ids({ ok: true })).toEqual(['a', 'c', 'd'])
      expect(await ids({ ok: false })).toEqual(['b'])
      expect(await ids({ 'meta.city': 'bj' })).toEqual(['a', 'c'])
      expect(await ids({ n: { $gt: 1, $lte: 3 } })).toEqual(['b', 'c'])
      expect(await ids({ n: { $in: [1, 4, 9] } })).toEqual(['a', 'd'])
      expect(await ids({ n: { $in: [] } })).toEqual([])
      expect(await ids({ _id: { $in: ['b', 'c'] } })).toEqual(['b', 'c'])
      expect(await ids({ 'meta.city': { $ne: 'bj' } })).toEqual(['b', 'd'])
      expect(await ids({ tags: { $all: ['x', 'y'] } })).toEqual(['a'])
      expect(await ids({ tags: { $all: ['x'] } })).toEqual(['a', 'c'])
      expect(await ids({ name: { $includes: '北京' } })).toEqual(['a', 'c'])
      expect(await ids({ gone: null })).toEqual(['a', 'b', 'd'])
      expect(await ids({}, { orderBy: [['n', 'desc']], limit: 2 })).toEqual(['d', 'c'])
      expect(await ids({}, { skip: 1, limit: 2 })).toEqual(['b', 'c'])
      expect(await store.count(things, { ok: true })).toBe(3)
      expect(await store.count(things)).toBe(4)
    })

    test('put creates or wholly replaces', async () => {
      await store.put(things, { _id: 'p', a: 1, b: 2 })
      await store.put(things, { _id: 'p', a: 3 })
      expect(await store.get(things, 'p')).toEqual({ _id: 'p', a: 3 })
    })

    test('update sets and increments only matching documents and says how many changed', async () => {
      await store.insert(things, { _id: 'u1', left: 2, meta: { a: 1 }, status: 'open' })
      await store.insert(things, { _id: 'u2', left: 0, meta: { a: 1 }, status: 'open' })
      expect(await store.update(things, { left: { $gt: 0 } }, { inc: { left: -1 }, set: { status: 'taken' } })).toBe(1)
      expect(await store.get(things, 'u1')).toMatchObject({ left: 1, status: 'taken' })
      expect(await store.get(things, 'u2')).toMatchObject({ left: 0, status: 'open' })
      expect(await store.update(things, { _id: 'u1' }, { set: { meta: { b: 2 } } })).toBe(1)
      expect((await store.get(things, 'u1'))?.meta).toEqual({ b: 2 })
      expect(await store.update(things, { _id: 'none' }, { set: { x: 1 } })).toBe(0)
    })

    test('a conditional decrement under 40 simultaneous callers never goes below zero', async () => {
      await store.insert(things, { _id: 'seat', left: 10 })
      const results = await Promise.all(
        Array.from({ length: 40 }, () => store.update(things, { _id: 'seat', left: { $gt: 0 } }, { inc: { left: -1 } })),
      )
      expect(results.filter((n) => n === 1)).toHaveLength(10)
      expect((await store.get(things, 'seat'))?.left).toBe(0)
    })

    test('remove deletes matching documents and says how many', async () => {
      for (const id of ['r1', 'r2', 'r3']) await store.insert(things, { _id: id, kind: id === 'r3' ? 'keep' : 'drop' })
      expect(await store.remove(things, { kind: 'drop' })).toBe(2)
      expect((await store.find(things)).map((d) => d._id)).toEqual(['r3'])
    })

    test('a transaction commits all or nothing', async () => {
      await store.insert(things, { _id: 'acct', balance: 10 })
      await store.transaction(async (tx) => {
        const doc = await tx.get<{ _id: string; balance: number }>(things, 'acct')
        await tx.update(things, { _id: 'acct' }, { set: { balance: doc!.balance - 3 } })
        await tx.insert(things, { _id: 'receipt-1', amount: 3 })
      })
      await expect(
        store.transaction(async (tx) => {
          await tx.update(things, { _id: 'acct' }, { set: { balance: 0 } })
          await tx.insert(things, { _id: 'receipt-2', amount: 7 })
          throw new Error('abort')
        }),
      ).rejects.toThrow('abort')
      expect((await store.get(things, 'acct'))?.balance).toBe(7)
      expect(await store.get(things, 'receipt-1')).not.toBeNull()
      expect(await store.get(things, 'receipt-2')).toBeNull()
    })

    test('inside a transaction only by-id operations exist, as on CloudBase', async () => {
      await store.insert(things, { _id: 't1', n: 1 })
      const refused = async (op: (tx: Store) => Promise<unknown>) => {
        await expect(store.transaction(op)).rejects.toThrow(/transaction/)
      }
      await refused((tx) => tx.find(things, { where: { n: 1 } }))
      await refused((tx) => tx.count(things, { n: 1 }))
      await refused((tx) => tx.nearest(places, { lat: 1, lng: 1 }, { maxKm: 1, limit: 1 }))
      await refused((tx) => tx.update(things, { n: 1 }, { inc: { n: 1 } }))
      await refused((tx) => tx.remove(things, { n: 1 }))
      expect(await store.transaction((tx) => tx.update(things, { _id: 't1', n: 1 }, { inc: { n: 1 } }))).toBe(1)
      expect((await store.get(things, 't1'))?.n).toBe(2)
    })

    test('concurrent read-modify-write transactions lose no update', async () => {
      await store.insert(things, { _id: 'counter', n: 0 })
      await Promise.all(
        Array.from({ length: 20 }, () =>
          store.transaction(async (tx) => {
            const doc = await tx.get<{ _id: string; n: number }>(things, 'counter')
            await tx.update(things, { _id: 'counter' }, { set: { n: doc!.n + 1 } })
          }),
        ),
      )
      expect((await store.get(things, 'counter'))?.n).toBe(20)
    })

    test('nearest returns documents within the radius, nearest first, filtered and limited', async () => {
      const origin = { lat: 37.7306, lng: 117.2166 }
      // about 0.11 km per 0.001 degree of latitude
      const pts = [
        { _id: 'n1', dLat: 0.001, kind: 'a' },
        { _id: 'n2', dLat: 0.003, kind: 'b' },
        { _id: 'n3', dLat: 0.002, kind: 'a' },
        { _id: 'n4', dLat: 0.05, kind: 'a' },
        { _id: 'n5', dLat: 0.3, kind: 'a' },
      ]
      for (const p of pts) await store.insert(places, { _id: p._id, kind: p.kind, location: { lat: origin.lat + p.dLat, lng: origin.lng } })
      await store.insert(places, { _id: 'nowhere', kind: 'a' })
      const near = await store.nearest(places, origin, { maxKm: 10, limit: 10 })
      expect(near.map((n) => n.doc._id)).toEqual(['n1', 'n3', 'n2', 'n4'])
      expect(near[0].distanceM).toBeGreaterThan(100)
      expect(near[0].distanceM).toBeLessThan(120)
      expect(near[0].doc).toMatchObject({ location: { lat: origin.lat + 0.001, lng: origin.lng } })
      expect((await store.nearest(places, origin, { maxKm: 10, limit: 2 })).map((n) => n.doc._id)).toEqual(['n1', 'n3'])
      expect((await store.nearest(places, origin, { maxKm: 10, limit: 10, where: { kind: 'b' } })).map((n) => n.doc._id)).toEqual(['n2'])
      expect((await store.nearest(places, origin, { maxKm: 50, limit: 2, accept: (d) => d._id !== 'n1' })).map((n) => n.doc._id)).toEqual([
        'n3',
        'n2',
      ])
      await store.update(places, { _id: 'n1' }, { set: { location: { lat: origin.lat + 0.1, lng: origin.lng } } })
      await store.remove(places, { _id: 'n3' })
      expect((await store.nearest(places, origin, { maxKm: 10, limit: 10 })).map((n) => n.doc._id)).toEqual(['n2', 'n4'])
    })
  })
}
