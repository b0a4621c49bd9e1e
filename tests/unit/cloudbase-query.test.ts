/**
 * The CloudBase adapter's pure parts, checked offline: an app initialised without credentials builds real
 * commands and the SDK's own serializers show what would go on the wire. Nothing here sends a request.
 */
import tcb from '@cloudbase/node-sdk'
import { QuerySerializer } from '@cloudbase/database/dist/commonjs/serializer/query'
import { UpdateSerializer } from '@cloudbase/database/dist/commonjs/serializer/update'
import {
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
} from '../../cloudfunctions/_core/store/cloudbase'
import type { Where } from '../../cloudfunctions/_core/store/port'

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
