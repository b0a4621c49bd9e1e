/**
 * The CloudBase adapter's pure parts, checked offline: an app initialised without credentials builds real
 * commands and the SDK's own serializers show what would go on the wire. Nothing here sends a request.
 */
import tcb from '@cloudbase/node-sdk'
import { QuerySerializer } from '@cloudbase/database/dist/commonjs/serializer/query'
import { UpdateSerializer } from '@cloudbase/database/dist/commonjs/serializer/update'
import {
  CloudBaseStore,
  decodeDoc,
  decodeLocation,
  encodeDoc,
  encodeLocation,
  escapeRegExp,
  isCollectionMissing,
  isDuplicateKeyError,
  isTransactionConflict,
  matchesWhere,
  toQuery,
  toUpdate,
  type CbDb,
  type CbDocRef,
  type CbTransaction,
} from '../../cloudfunctions/_core/store/cloudbase'
import { DuplicateKeyError, type Where } from '../../cloudfunctions/_core/store/port'
import { clipValue, CloudBaseNotifier, subscribeMessage } from '../../cloudfunctions/_core/notify-cloudbase'
import { callerOpenid, withoutUserInfo } from '../../cloudfunctions/_core/cloud'
import type { Logger } from '../../cloudfunctions/_core/log'

const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
const db = app.database()

const wire = (where: Where) => QuerySerializer.encode(toQuery(where, db) as never)
const wireUpdate = (data: object) => UpdateSerializer.encode(data as never)

describe('where -> CloudBase query', () => {
  test('equality on scalars, null, booleans and dotted paths stays plain', () => {
    expect(wire({ a: 1, b: null, 'c.d': true, e: 'x', _id: 'id1' })).toEqual({ a: 1, b: null, 'c.d': true, e: 'x', _id: 'id1' })
  })

  test('operators map to commands', () => {
    expect(wire({ n: { $in: [1, 4] }, s: { $ne: 'bj' }, t: { $all: ['x', 'y'] }, g: { $gte: 2 }, l: { $lt: 'm' } })).toEqual({
      n: { $in: [1, 4] },
      s: { $ne: 'bj' },
      t: { $all: ['x', 'y'] },
      g: { $gte: 2 },
      l: { $lt: 'm' },
    })
    expect(wire({ n: { $in: [] } })).toEqual({ n: { $in: [] } })
    expect(wire({ gone: { $ne: null } })).toEqual({ gone: { $ne: null } })
  })

  test('several operators on one field are ANDed', () => {
    expect(wire({ kind: 'a', n: { $gt: 1, $lte: 3 } })).toEqual({ $and: [{ kind: 'a', n: { $gt: 1 } }, { n: { $lte: 3 } }] })
    expect(wire({ name: { $includes: '站', $ne: '北京站' } })).toEqual({
      $and: [{ name: { $regularExpression: { pattern: '站', options: '' } } }, { name: { $ne: '北京站' } }],
    })
  })

  test('$includes is a literal, case-sensitive regular expression', () => {
    expect(wire({ name: { $includes: '北京' } })).toEqual({ name: { $regularExpression: { pattern: '北京', options: '' } } })
    expect(wire({ name: { $includes: 'a.b(c)*' } })).toEqual({ name: { $regularExpression: { pattern: 'a\\.b\\(c\\)\\*', options: '' } } })
    // the SDK refuses an empty pattern; "contains nothing" is "has a value"
    expect(wire({ name: { $includes: '' } })).toEqual({ name: { $ne: null } })
  })

  test('$all: [] constrains nothing, as in SQLite', () => {
    expect(wire({ tags: { $all: [] }, ok: true })).toEqual({ ok: true })
  })

  test('the conditional decrement is one atomic server-side update', () => {
    expect(wire({ _id: 'x', left: { $gt: 0 } })).toEqual({ _id: 'x', left: { $gt: 0 } })
    expect(wireUpdate(toUpdate({ inc: { left: -1 } }, db))).toEqual({ $inc: { left: -1 } })
  })

  test('undefined conditions, bad fields and unknown operators are refused, not dropped', () => {
    expect(() => toQuery({ a: undefined as never }, db)).toThrow(/undefined/)
    expect(() => toQuery({ 'a;drop': 1 }, db)).toThrow(/bad field/)
    expect(() => toQuery({ $where: 1 }, db)).toThrow(/bad field/)
    expect(() => toQuery({ a: { $regex: 'x' } as never }, db)).toThrow(/unsupported operator/)
    expect(() => toQuery({ a: ['x'] as never }, db)).toThrow(/list/)
  })
})

describe('change -> CloudBase update', () => {
  test('objects replace the field instead of merging into it; dotted paths reach inside', () => {
    expect(wireUpdate(toUpdate({ set: { meta: { b: 2 }, 'meta2.c': 'x', list: [1, { k: 1 }], gone: undefined, flag: false } }, db))).toEqual({
      $set: { meta: { b: 2 }, 'meta2.c': 'x', list: [1, { k: 1 }], gone: null, flag: false },
    })
  })

  test('set and inc together', () => {
    expect(wireUpdate(toUpdate({ set: { status: 'taken' }, inc: { left: -1, 'stats.n': 2 } }, db))).toEqual({
      $set: { status: 'taken' },
      $inc: { left: -1, 'stats.n': 2 },
    })
  })

  test('location is written as a geo point', () => {
    expect(wireUpdate(toUpdate({ set: { location: { lat: 30.5, lng: 120.25 } } }, db))).toEqual({
      $set: { location: { type: 'Point', coordinates: [120.25, 30.5] } },
    })
  })

  test('refuses to change the id, half a location, or inc by a non-number', () => {
    expect(() => toUpdate({ set: { _id: 'y' } }, db)).toThrow(/id/)
    expect(() => toUpdate({ set: { 'location.lat': 1 } }, db)).toThrow(/location/)
    expect(() => toUpdate({ inc: { n: Number.NaN } }, db)).toThrow(/finite/)
  })

  test('an empty change is nothing to send', () => {
    expect(toUpdate({}, db)).toEqual({})
  })
})

describe('location encoding', () => {
  test('{lat,lng} becomes a Point (lng first) and comes back', () => {
    const p = encodeLocation({ lat: 37.7306, lng: 117.2166 }, db) as { latitude: number; longitude: number }
    expect(p).toBeInstanceOf(db.Geo.Point)
    expect([p.longitude, p.latitude]).toEqual([117.2166, 37.7306])
    expect(decodeLocation(p)).toEqual({ lat: 37.7306, lng: 117.2166 })
  })

  test('the GeoJSON that aggregate returns decodes too', () => {
    expect(decodeLocation({ type: 'Point', coordinates: [117.2, 37.7] })).toEqual({ lat: 37.7, lng: 117.2 })
  })

  test('anything that is not a plain valid point is kept as given', () => {
    for (const v of [null, undefined, 'x', { lat: 91, lng: 0 }, { lat: 1, lng: 2, label: 'x' }, { lat: '1', lng: 2 }]) {
      expect(encodeLocation(v, db)).toEqual(v)
    }
    expect(decodeLocation({ lat: 1, lng: 2 })).toEqual({ lat: 1, lng: 2 })
  })

  test('whole documents: only the top-level location changes, and the input is not mutated', () => {
    const input = { _id: 'a', location: { lat: 1, lng: 2 }, nested: { location: { lat: 3, lng: 4 } } }
    const stored = encodeDoc(input, db)
    expect(stored.location).toBeInstanceOf(db.Geo.Point)
    expect(stored.nested).toEqual({ location: { lat: 3, lng: 4 } })
    expect(input.location).toEqual({ lat: 1, lng: 2 })
    expect(decodeDoc(stored)).toEqual(input)
    expect(encodeDoc({ _id: 'b', n: 1 }, db)).toEqual({ _id: 'b', n: 1 })
  })
})

describe('error recognition', () => {
  test('duplicate ids, however the SDK wraps them', () => {
    expect(isDuplicateKeyError({ code: 'DATABASE_DUPLICATE_WRITE', message: 'duplicate write' })).toBe(true)
    expect(isDuplicateKeyError(Object.assign(new Error('[DATABASE_DUPLICATE_WRITE] write failed'), { code: 'X' }))).toBe(true)
    expect(
      isDuplicateKeyError({ errCode: -502001, errMsg: 'database request fail | E11000 duplicate key error collection: things index: _id_ dup key' }),
    ).toBe(true)
    expect(isDuplicateKeyError({ code: 11000 })).toBe(true)
  })

  test('other failures are not mistaken for duplicates', () => {
    expect(isDuplicateKeyError({ code: 'DATABASE_REQUEST_FAILED', message: 'database request failed' })).toBe(false)
    expect(isDuplicateKeyError(new Error('please do not duplicate this form'))).toBe(false)
    expect(isDuplicateKeyError(new Error('getaddrinfo ENOTFOUND tcb-api.tencentcloudapi.com'))).toBe(false)
    expect(isDuplicateKeyError(null)).toBe(false)
    expect(isDuplicateKeyError(undefined)).toBe(false)
  })

  test('missing collections and transaction conflicts', () => {
    expect(isCollectionMissing({ code: 'DATABASE_COLLECTION_NOT_EXIST' })).toBe(true)
    expect(isCollectionMissing({ errCode: -502005, errMsg: 'database collection not exists' })).toBe(true)
    expect(isCollectionMissing({ code: 'DATABASE_DUPLICATE_WRITE' })).toBe(false)
    expect(isTransactionConflict({ code: 'DATABASE_TRANSACTION_CONFLICT' })).toBe(true)
    expect(isTransactionConflict(new Error('WriteConflict error: this operation conflicted with another operation'))).toBe(true)
    expect(isTransactionConflict(new Error('abort'))).toBe(false)
  })
})

describe('escapeRegExp', () => {
  test('every metacharacter is matched literally', () => {
    const nasty = 'a.b*c+d?e^f$g{1}h(i)j|k[l]m\\n'
    const re = new RegExp(escapeRegExp(nasty))
    expect(re.test(nasty)).toBe(true)
    expect(re.test(nasty.replace('.', 'X'))).toBe(false)
    expect(new RegExp(`^${escapeRegExp('.*')}$`).test('anything')).toBe(false)
    expect(escapeRegExp('北京西站')).toBe('北京西站')
  })
})

describe('matchesWhere (conditions checked inside a transaction)', () => {
  // the rows of the store contract, so both sides of the adapter agree on the same cases
  const rows = [
    { _id: 'a', name: '北京站', n: 1, ok: true, tags: ['x', 'y'], meta: { city: 'bj' }, gone: null },
    { _id: 'b', name: '上海站', n: 2, ok: false, tags: ['y'], meta: { city: 'sh' }, gone: null },
    { _id: 'c', name: '北京西站', n: 3, ok: true, tags: ['x'], meta: { city: 'bj' }, gone: 'yes' },
    { _id: 'd', name: '广州站', n: 4, ok: true, tags: [], meta: { city: 'gz' } },
  ]
  const ids = (where: Where) => rows.filter((r) => matchesWhere(r, where)).map((r) => r._id)

  test.each<[Where, string[]]>([
    [{ ok: true }, ['a', 'c', 'd']],
    [{ ok: false }, ['b']],
    [{ 'meta.city': 'bj' }, ['a', 'c']],
    [{ n: { $gt: 1, $lte: 3 } }, ['b', 'c']],
    [{ n: { $in: [1, 4, 9] } }, ['a', 'd']],
    [{ n: { $in: [] } }, []],
    [{ _id: { $in: ['b', 'c'] } }, ['b', 'c']],
    [{ 'meta.city': { $ne: 'bj' } }, ['b', 'd']],
    [{ tags: { $all: ['x', 'y'] } }, ['a']],
    [{ tags: { $all: ['x'] } }, ['a', 'c']],
    [{ tags: { $all: [] } }, ['a', 'b', 'c', 'd']],
    [{ name: { $includes: '北京' } }, ['a', 'c']],
    [{ gone: null }, ['a', 'b', 'd']],
    [{ gone: { $ne: null } }, ['c']],
    [{ n: { $gt: '0' } }, []],
    [{}, ['a', 'b', 'c', 'd']],
  ])('%j', (where, expected) => {
    expect(ids(where)).toEqual(expected)
  })
})

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

describe('subscribe-message notifier', () => {
  const quiet = (): Logger & { lines: string[] } => {
    const lines: string[] = []
    return { lines, info: (e) => lines.push(`info ${e}`), error: (e, d) => lines.push(`error ${e} ${JSON.stringify(d)}`) }
  }

  test('builds the WeChat payload, clipping values to what each keyword type accepts', () => {
    expect(
      subscribeMessage({ openid: 'o1', template: 'T1', title: 't', body: 'b', page: '/pages/legal/detail?id=1', data: { thing1: '一'.repeat(25), phrase2: '已经通过审核', time3: '2024-01-01 10:00' } }),
    ).toEqual({
      touser: 'o1',
      template_id: 'T1',
      page: 'pages/legal/detail?id=1',
      lang: 'zh_CN',
      data: { thing1: { value: '一'.repeat(19) + '…' }, phrase2: { value: '已经通过审' }, time3: { value: '2024-01-01 10:00' } },
    })
    expect(clipValue('character_string7', 'x'.repeat(40))).toHaveLength(32)
    expect(clipValue('thing', '短')).toBe('短')
  })

  test('a refusal or a failure is logged, never thrown', async () => {
    const log = quiet()
    const calls: unknown[] = []
    const refusing = new CloudBaseNotifier(
      { callWxOpenApi: async (o) => (calls.push(o), { result: { errcode: 43101, errmsg: 'user refuse to accept the msg' } }) },
      { log },
    )
    await expect(refusing.send({ openid: 'o1', template: 'T1', title: 't', body: 'b', data: { thing1: 'x' } })).resolves.toBeUndefined()
    expect(calls[0]).toMatchObject({ apiName: '/cgi-bin/message/subscribe/send', requestData: { touser: 'o1', template_id: 'T1' } })
    const failing = new CloudBaseNotifier({ callWxOpenApi: async () => Promise.reject(new Error('ENOTFOUND')) }, { log })
    await expect(failing.send({ openid: 'o1', template: 'T2', title: 't', body: 'b', data: {} })).resolves.toBeUndefined()
    const ok = new CloudBaseNotifier({ callWxOpenApi: async () => ({ result: { errcode: 0, errmsg: 'ok' } }) }, { log })
    await ok.send({ openid: 'o1', template: 'T3', title: 't', body: 'b', data: {} })
    expect(log.lines).toEqual([
      'error notice_refused {"template":"T1","errcode":43101,"errmsg":"user refuse to accept the msg"}',
      'error notice_failed {"template":"T2","error":"ENOTFOUND"}',
      'info notice_sent',
    ])
  })
})

describe('cloud entry: identity', () => {
  const sdkSays = (openId: string) => ({ auth: () => ({ getUserInfo: () => ({ openId }) }) })

  test('a client-sent userInfo never reaches dispatch', () => {
    expect(withoutUserInfo({ action: 'me', data: {}, userInfo: { openId: 'forged' } })).toEqual({ action: 'me', data: {} })
    expect(withoutUserInfo('x')).toBe('x')
    expect(withoutUserInfo(null)).toBeNull()
  })

  test('the openid comes from the invocation context, else from the SDK, never from the event', () => {
    const context = { environment: JSON.stringify({ WX_OPENID: 'o-context' }) }
    expect(callerOpenid(sdkSays('o-sdk'), context)).toBe('o-context')
    expect(callerOpenid(sdkSays('o-sdk'), { not: 'a cloudbase context' })).toBe('o-sdk')
    expect(callerOpenid(sdkSays(''), undefined)).toBeNull()
  })
})

describe('subscribe-message template ids', () => {
  test('a domain key maps to the id configured for it, else passes through as an id', () => {
    const { templateIdFor } = require('../../cloudfunctions/_core/notify-cloudbase')
    expect(templateIdFor('membership_review', {}, { WX_TEMPLATE_MEMBERSHIP_REVIEW: 'tpl-123' })).toBe('tpl-123')
    expect(templateIdFor('membership_review', { membership_review: 'tpl-9' }, {})).toBe('tpl-9')
    expect(templateIdFor('AbCdEf-raw-id', {}, {})).toBe('AbCdEf-raw-id')
  })
})
