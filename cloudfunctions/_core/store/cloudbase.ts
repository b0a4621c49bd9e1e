import { randomBytes } from 'node:crypto'
import { distanceMeters } from '../../../src/contracts/geo'
import { consoleLogger, type Logger } from '../log'
import {
  DuplicateKeyError,
  type Change,
  type Doc,
  type FindOptions,
  type GeoPoint,
  type Near,
  type NearestOptions,
  type Ops,
  type Store,
  type Where,
} from './port'

/*
 * The slice of @cloudbase/node-sdk's database this adapter uses. It is described structurally so that this
 * file never loads the SDK itself (the local gateway and the unit tests import it without CloudBase), and so
 * that `app.database()` fits without a cast.
 */
export interface CbCommand {
  eq(value: unknown): unknown
  neq(value: unknown): unknown
  gt(value: unknown): unknown
  gte(value: unknown): unknown
  lt(value: unknown): unknown
  lte(value: unknown): unknown
  in(values: unknown[]): unknown
  all(values: unknown[]): unknown
  exists(value: boolean): unknown
  and(...expressions: any[]): unknown
  set(value: unknown): unknown
  inc(by: number): unknown
}

export interface CbQuery {
  where(query: object): CbQuery
  orderBy(field: string, direction: 'asc' | 'desc'): CbQuery
  limit(n: number): CbQuery
  skip(n: number): CbQuery
  get(): Promise<{ data: unknown[] }>
  count(): Promise<{ total: number }>
  update(data: object): Promise<{ updated?: number }>
  remove(): Promise<{ deleted?: number }>
}

export interface CbDocRef {
  get(): Promise<{ data: unknown }>
  set(data: object): Promise<unknown>
  update(data: object): Promise<unknown>
  remove(): Promise<unknown>
}

export interface CbAggregate {
  geoNear(param: object): CbAggregate
  skip(n: number): CbAggregate
  limit(n: number): CbAggregate
  end(): Promise<{ data?: unknown[] }>
}

export interface CbCollection extends CbQuery {
  doc(id: string): CbDocRef
  add(doc: object): Promise<unknown>
  aggregate(): CbAggregate
}

export interface CbTransaction {
  collection(name: string): { doc(id: string): CbDocRef; add(doc: object): Promise<unknown> }
}

export interface CbDb {
  collection(name: string): CbCollection
  command: CbCommand
  Geo: { Point: new (longitude: number, latitude: number) => object }
  RegExp: (options: { regexp: string; options?: string }) => unknown
  runTransaction: (fn: (tx: CbTransaction) => Promise<any>, times?: number) => Promise<any>
  createCollection(name: string): Promise<unknown>
}

/** What the pure translation helpers need from the database object. */
export type CbBuilders = Pick<CbDb, 'command' | 'RegExp' | 'Geo'>

// Same rules as the SQLite adapter, so that a name one adapter refuses the other refuses too.
const NAME_RE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/
const FIELD_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/

/** CloudBase answers at most this many documents per read. */
const PAGE_MAX = 1000
/** How many documents `nearest` may look at before it settles for fewer than `limit` accepted ones. */
const NEAREST_SCAN_CAP = 5000
/**
 * MongoDB measures spherical distance on a 6378.1 km sphere, our `distanceMeters` on the 6371.0088 km mean
 * radius. Asking the server for a slightly larger radius and then cutting with our own formula makes both
 * adapters include and order exactly the same points.
 */
const SERVER_RADIUS_SLACK = 6378100 / 6371008.8 + 0.0005

/** Ids sort roughly by creation time, like the SQLite adapter's, which keeps `_id` order meaningful. */
export function newId(): string {
  return Date.now().toString(36).padStart(9, '0') + randomBytes(6).toString('hex')
}

function checkName(name: string): string {
  if (!NAME_RE.test(name)) throw new Error(`bad collection name: ${name}`)
  return name
}

function checkField(field: string): string {
  if (field !== '_id' && !FIELD_RE.test(field)) throw new Error(`bad field name: ${field}`)
  return field
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

// ---------------------------------------------------------------------------------------------------------
// errors

function errorCode(e: unknown): unknown {
  if (!e || typeof e !== 'object') return undefined
  const o = e as { code?: unknown; errCode?: unknown }
  return o.code ?? o.errCode
}

function errorText(e: unknown): string {
  if (!e) return ''
  if (typeof e === 'string') return e
  if (typeof e !== 'object') return String(e)
  const o = e as { message?: unknown; errMsg?: unknown }
  return [o.message, o.errMsg].filter((s) => typeof s === 'string').join(' | ')
}

/**
 * A write refused because the id (or another unique index) is taken. CloudBase says DATABASE_DUPLICATE_WRITE;
 * wx-server-sdk and older gateways wrap the same refusal as a generic failure whose message still carries
 * MongoDB's E11000 / code 11000, so both are recognised — but not any message that merely says "duplicate".
 */
export function isDuplicateKeyError(e: unknown): boolean {
  const code = errorCode(e)
  if (code === 'DATABASE_DUPLICATE_WRITE' || code === 11000 || code === '11000') return true
  return /\bDATABASE_DUPLICATE_WRITE\b|\bE11000\b|duplicate key error/i.test(errorText(e))
}

/** Reads of a collection nobody has written to yet fail on CloudBase; SQLite simply finds nothing. */
export function isCollectionMissing(e: unknown): boolean {
  if (errorCode(e) === 'DATABASE_COLLECTION_NOT_EXIST') return true
  return /DATABASE_COLLECTION_NOT_EXIST|collection\s*(does\s*)?not\s*exists?|-502005/i.test(errorText(e))
}

function isCollectionTaken(e: unknown): boolean {
  if (errorCode(e) === 'DATABASE_COLLECTION_ALREADY_EXIST') return true
  return /DATABASE_COLLECTION_ALREADY_EXIST|already\s*exists?/i.test(errorText(e))
}

/** Another transaction wrote the same document first; the whole transaction may simply run again. */
export function isTransactionConflict(e: unknown): boolean {
  if (errorCode(e) === 'DATABASE_TRANSACTION_CONFLICT') return true
  return /DATABASE_TRANSACTION_CONFLICT|WriteConflict|write conflict|TransientTransactionError/i.test(errorText(e))
}

// ---------------------------------------------------------------------------------------------------------
// translation: port types -> CloudBase query / update objects

/** Everything a regular expression treats specially, so that `$includes` matches the text literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function opCommands(field: string, ops: Ops, db: Pick<CbBuilders, 'command' | 'RegExp'>): unknown[] {
  const _ = db.command
  const out: unknown[] = []
  for (const [op, arg] of Object.entries(ops)) {
    switch (op) {
      case '$in':
        if (!Array.isArray(arg)) throw new Error(`$in on ${field} needs a list`)
        out.push(_.in(arg))
        break
      case '$ne':
        out.push(_.neq(arg))
        break
      case '$gt':
        out.push(_.gt(arg))
        break
      case '$gte':
        out.push(_.gte(arg))
        break
      case '$lt':
        out.push(_.lt(arg))
        break
      case '$lte':
        out.push(_.lte(arg))
        break
      case '$all':
        if (!Array.isArray(arg)) throw new Error(`$all on ${field} needs a list`)
        // MongoDB's `$all: []` matches nothing; SQLite's (no condition at all) matches everything. Keep SQLite's.
        if (arg.length) out.push(_.all(arg))
        break
      case '$includes':
        if (typeof arg !== 'string') throw new Error(`$includes on ${field} needs text`)
        // An empty pattern is refused by the SDK; "contains the empty text" means "has a value".
        out.push(arg ? db.RegExp({ regexp: escapeRegExp(arg), options: '' }) : _.neq(null))
        break
      default:
        throw new Error(`unsupported operator ${op}`)
    }
  }
  return out
}

/**
 * The port's `Where` as a CloudBase query. A field with one condition becomes `{ field: cond }`; a field with
 * several (`{ n: { $gt: 1, $lte: 3 } }`) is ANDed at the top level, which the SDK encodes reliably for every
 * kind of condition, regular expressions included.
 */
export function toQuery(where: Where | undefined, db: Pick<CbBuilders, 'command' | 'RegExp'>): object {
  const plain: Record<string, unknown> = {}
  const extra: Record<string, unknown>[] = []
  for (const [field, cond] of Object.entries(where ?? {})) {
    checkField(field)
    // The SDK silently drops undefined conditions, which would widen an update or a remove to more documents.
    if (cond === undefined) throw new Error(`condition on ${field} is undefined`)
    if (cond === null || typeof cond !== 'object') {
      plain[field] = cond
      continue
    }
    if (Array.isArray(cond)) throw new Error(`condition on ${field} is a list; use $in or $all`)
    const cmds = opCommands(field, cond, db)
    if (!cmds.length) continue
    plain[field] = cmds[0]
    for (const c of cmds.slice(1)) extra.push({ [field]: c })
  }
  return extra.length ? (db.command.and([plain, ...extra]) as object) : plain
}

function isEmptyWhere(where: Where | undefined): boolean {
  return !where || Object.keys(where).length === 0
}

/** The query for `where`, or null when it constrains nothing (`{}`, or only no-op conditions like `$all: []`). */
function queryOrNull(where: Where | undefined, db: Pick<CbBuilders, 'command' | 'RegExp'>): object | null {
  if (isEmptyWhere(where)) return null
  const q = toQuery(where, db)
  return isPlainObject(q) && Object.keys(q).length === 0 ? null : q
}

/** A GeoJSON point (as aggregate returns it) or the SDK's Point (as get returns it) back to `{ lat, lng }`. */
export function decodeLocation(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value
  const v = value as { latitude?: unknown; longitude?: unknown; type?: unknown; coordinates?: unknown }
  if (typeof v.latitude === 'number' && typeof v.longitude === 'number') return { lat: v.latitude, lng: v.longitude }
  if (v.type === 'Point' && Array.isArray(v.coordinates) && v.coordinates.length === 2) {
    const [lng, lat] = v.coordinates
    if (typeof lat === 'number' && typeof lng === 'number') return { lat, lng }
  }
  return value
}

/**
 * `{ lat, lng }` as a geo point, so that a geo index on `location` covers it. Anything else (no location, a
 * location with more fields, coordinates out of range) is stored as given, as SQLite would store it.
 */
export function encodeLocation(value: unknown, db: Pick<CbBuilders, 'Geo'>): unknown {
  if (!isPlainObject(value)) return value
  const keys = Object.keys(value)
  const { lat, lng } = value
  if (keys.length !== 2 || typeof lat !== 'number' || typeof lng !== 'number') return value
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return value
  return new db.Geo.Point(lng, lat)
}

/** A document as it is written: the `_id` is kept (add needs it), `location` becomes a geo point. */
export function encodeDoc(doc: Record<string, unknown>, db: Pick<CbBuilders, 'Geo'>): Record<string, unknown> {
  if (!('location' in doc)) return { ...doc }
  return { ...doc, location: encodeLocation(doc.location, db) }
}

/** A document as the domains see it. */
export function decodeDoc<T extends Doc = Doc>(raw: unknown): T {
  const doc = { ...(raw as Record<string, unknown>) }
  if ('location' in doc) doc.location = decodeLocation(doc.location)
  return doc as T
}

/**
 * The port's `Change` as a CloudBase update. Objects are written with `_.set` because a bare object would be
 * merged field by field into the stored one; the port says `set` replaces. `inc` is the server's atomic `$inc`.
 */
export function toUpdate(change: Change, db: CbBuilders): Record<string, unknown> {
  const _ = db.command
  const data: Record<string, unknown> = {}
  for (const [field, raw] of Object.entries(change.set ?? {})) {
    if (field === '_id') throw new Error('the id of a document cannot change')
    checkField(field)
    if (field.startsWith('location.')) throw new Error('location is stored as a geo point; set it whole')
    let value: unknown = raw === undefined ? null : raw
    if (field === 'location') value = encodeLocation(value, db)
    data[field] = isPlainObject(value) ? _.set(value) : value
  }
  for (const [field, by] of Object.entries(change.inc ?? {})) {
    if (field === '_id') throw new Error('the id of a document cannot change')
    checkField(field)
    if (typeof by !== 'number' || !Number.isFinite(by)) throw new Error(`inc on ${field} needs a finite number`)
    data[field] = _.inc(by)
  }
  return data
}

// ---------------------------------------------------------------------------------------------------------
// in-process matching, for conditions inside a transaction (CloudBase transactions only address documents by id)

function pathValue(doc: Record<string, unknown>, field: string): unknown {
  let cur: unknown = doc
  for (const part of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur
}

/** Each value the field offers to a comparison: an array offers its elements (MongoDB's rule) and itself. */
function candidates(value: unknown): unknown[] {
  return Array.isArray(value) ? [...value, value] : [value]
}

function equalsScalar(value: unknown, want: unknown): boolean {
  if (want === null) return value === null || value === undefined || (Array.isArray(value) && value.includes(null))
  return candidates(value).some((v) => v === want)
}

function compare(value: unknown, op: '$gt' | '$gte' | '$lt' | '$lte', arg: unknown): boolean {
  return candidates(value).some((v) => {
    // MongoDB compares numbers with numbers and text with text, never across types.
    if (!((typeof v === 'number' && typeof arg === 'number') || (typeof v === 'string' && typeof arg === 'string'))) return false
    if (op === '$gt') return v > arg
    if (op === '$gte') return v >= arg
    if (op === '$lt') return v < arg
    return v <= arg
  })
}

/** Whether `doc` satisfies `where`, by the same rules the CloudBase server applies to a query. */
export function matchesWhere(doc: Record<string, unknown>, where: Where | undefined): boolean {
  for (const [field, cond] of Object.entries(where ?? {})) {
    checkField(field)
    const value = pathValue(doc, field)
    if (cond === undefined) throw new Error(`condition on ${field} is undefined`)
    if (cond === null || typeof cond !== 'object') {
      if (!equalsScalar(value, cond)) return false
      continue
    }
    for (const [op, arg] of Object.entries(cond)) {
      switch (op) {
        case '$in':
          if (!(arg as unknown[]).some((a) => equalsScalar(value, a))) return false
          break
        case '$ne':
          if (equalsScalar(value, arg)) return false
          break
        case '$gt':
        case '$gte':
        case '$lt':
        case '$lte':
          if (!compare(value, op, arg)) return false
          break
        case '$all': {
          const have = Array.isArray(value) ? value : [value]
          if (!(arg as unknown[]).every((a) => have.includes(a))) return false
          break
        }
        case '$includes': {
          const text = arg as string
          const hit = candidates(value).some((v) => (text ? typeof v === 'string' && v.includes(text) : v !== null && v !== undefined))
          if (!hit) return false
          break
        }
        default:
          throw new Error(`unsupported operator ${op}`)
      }
    }
  }
  return true
}

function validPoint(value: unknown): GeoPoint | null {
  const loc = value as Partial<GeoPoint> | null | undefined
  if (!loc || typeof loc.lat !== 'number' || typeof loc.lng !== 'number') return null
  if (!Number.isFinite(loc.lat) || !Number.isFinite(loc.lng)) return null
  return { lat: loc.lat, lng: loc.lng }
}

function splitById(where: Where): { id: string; rest: Where } {
  const { _id: id, ...rest } = where
  if (typeof id !== 'string') {
    throw new Error('inside a CloudBase transaction, update and remove must name one document: where = { _id: "<id>", ... }')
  }
  return { id, rest }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// ---------------------------------------------------------------------------------------------------------

export interface CloudBaseStoreOptions {
  log?: Logger
  /** How many times a transaction that lost a write conflict runs again before the conflict reaches the caller. */
  transactionAttempts?: number
}

/**
 * The production adapter over CloudBase's document database (MongoDB underneath). Every method keeps the
 * SQLite adapter's observable behaviour; where the two engines differ, the difference is handled here.
 */
export class CloudBaseStore implements Store {
  private readonly log: Logger
  private readonly attempts: number
  private readonly geoFallbackLogged = new Set<string>()

  constructor(
    readonly db: CbDb,
    options: CloudBaseStoreOptions = {},
  ) {
    this.log = options.log ?? consoleLogger
    this.attempts = Math.max(1, options.transactionAttempts ?? 12)
  }

  private coll(collection: string): CbCollection {
    return this.db.collection(checkName(collection))
  }

  /** CloudBase may refuse writes to a collection that was never created; SQLite creates tables on first use. */
  async ensureCollection(collection: string): Promise<void> {
    try {
      await this.db.createCollection(checkName(collection))
    } catch (e) {
      if (!isCollectionTaken(e)) throw e
    }
  }

  private async writing<T>(collection: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op()
    } catch (e) {
      if (!isCollectionMissing(e)) throw e
      await this.ensureCollection(collection)
      return op()
    }
  }

  private async reading<T>(op: () => Promise<T>, empty: T): Promise<T> {
    try {
      return await op()
    } catch (e) {
      if (isCollectionMissing(e)) return empty
      throw e
    }
  }

  private query(collection: string, where: Where | undefined): CbQuery {
    const c = this.coll(collection)
    const q = queryOrNull(where, this.db)
    return q ? c.where(q) : c
  }

  /** An update or remove without a condition may be refused; "every document" is spelled as a condition. */
  private writeQuery(collection: string, where: Where): CbQuery {
    return this.coll(collection).where(queryOrNull(where, this.db) ?? { _id: this.db.command.exists(true) })
  }

  async get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null> {
    const ref = this.coll(collection).doc(id)
    return this.reading(async () => {
      const { data } = await ref.get()
      const row = Array.isArray(data) ? data[0] : data
      return row ? decodeDoc<T>(row) : null
    }, null)
  }

  async find<T extends Doc = Doc>(collection: string, options: FindOptions = {}): Promise<T[]> {
    const limit = Math.floor(options.limit ?? 100)
    let skip = Math.max(0, Math.floor(options.skip ?? 0))
    if (limit <= 0) return []
    const order = [...(options.orderBy ?? [])]
    // MongoDB returns ties in no fixed order, so skip/limit pages could overlap; `_id` makes the order total.
    if (!order.some(([f]) => f === '_id')) order.push(['_id', 'asc'])
    const out: T[] = []
    // One read returns at most 1000; a larger limit is served page by page, as SQLite would serve it at once.
    while (out.length < limit) {
      const want = Math.min(PAGE_MAX, limit - out.length)
      let q = this.query(collection, options.where)
      for (const [field, dir] of order) q = q.orderBy(checkField(field), dir === 'desc' ? 'desc' : 'asc')
      if (skip) q = q.skip(skip)
      const page = await this.reading(async () => (await q.limit(want).get()).data ?? [], [] as unknown[])
      for (const row of page) out.push(decodeDoc<T>(row))
      if (page.length < want) break
      skip += page.length
    }
    return out
  }

  async count(collection: string, where?: Where): Promise<number> {
    const q = this.query(collection, where)
    return this.reading(async () => (await q.count()).total ?? 0, 0)
  }

  async insert(collection: string, doc: Omit<Doc, '_id'> & { _id?: string }): Promise<string> {
    const id = doc._id ?? newId()
    const body = encodeDoc({ ...doc, _id: id }, this.db)
    const c = this.coll(collection)
    try {
      await this.writing(collection, () => c.add(body))
    } catch (e) {
      if (isDuplicateKeyError(e)) throw new DuplicateKeyError(collection, id)
      throw e
    }
    return id
  }

  async put(collection: string, doc: Doc): Promise<void> {
    const { _id: id, ...rest } = doc
    if (typeof id !== 'string' || !id) throw new Error('put needs the document id')
    const ref = this.coll(collection).doc(id)
    const body = encodeDoc(rest, this.db)
    try {
      await this.writing(collection, () => ref.set(body))
    } catch (e) {
      // Two first-time puts of one id can race on the upsert; the loser simply writes again, now as a replace.
      if (!isDuplicateKeyError(e)) throw e
      await ref.set(body)
    }
  }

  async update(collection: string, where: Where, change: Change): Promise<number> {
    const data = toUpdate(change, this.db)
    if (!Object.keys(data).length) return 0
    const q = this.writeQuery(collection, where)
    const seen = captureResponse(q)
    let updated: number
    try {
      updated = (await q.update(data)).updated ?? 0
    } catch (e) {
      if (isCollectionMissing(e)) return 0
      throw e
    }
    // The port counts matching documents, as SQLite does. The server also reports `matched`, which this SDK
    // version drops, so it is read from the raw answer when present.
    const matched = seen.matched()
    if (matched !== undefined) return matched
    // `updated` counts only documents that actually changed. A non-zero inc always changes what it matches;
    // otherwise "nothing changed" may mean "already so", and those documents still match `where` now.
    if (updated > 0 || Object.values(change.inc ?? {}).some((n) => n !== 0)) return updated
    return this.count(collection, where)
  }

  async remove(collection: string, where: Where): Promise<number> {
    const q = this.writeQuery(collection, where)
    return this.reading(async () => (await q.remove()).deleted ?? 0, 0)
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        // times = 0: the SDK would retry a conflict at once and only three times; under contention that
        // gives up while SQLite (which queues) would have succeeded, so retries happen here, spaced out.
        return (await this.db.runTransaction((tx) => fn(new CloudBaseTxStore(this, tx)), 0)) as T
      } catch (e) {
        if (!isTransactionConflict(e) || attempt >= this.attempts) throw e
        const cap = Math.min(2000, 25 * 2 ** attempt)
        await sleep(Math.random() * cap)
      }
    }
  }

  async nearest<T extends Doc = Doc>(collection: string, point: GeoPoint, options: NearestOptions): Promise<Near<T>[]> {
    const limit = Math.floor(options.limit)
    if (!(limit > 0) || !(options.maxKm >= 0)) return []
    try {
      return await this.nearestByIndex<T>(collection, point, options, limit)
    } catch (e) {
      if (isCollectionMissing(e)) return []
      if (e instanceof NearestAcceptError) throw e.original
      // geoNear needs a geo index on `location`; without one (a fresh collection, an index not yet created)
      // the same answer is computed from a bounding-box query, slower but correct. If that fails too, the
      // original error is the one worth seeing.
      let out: Near<T>[]
      try {
        out = await this.nearestByScan<T>(collection, point, options, limit)
      } catch (e2) {
        if (e2 instanceof NearestAcceptError) throw e2.original
        throw e
      }
      if (!this.geoFallbackLogged.has(collection)) {
        this.geoFallbackLogged.add(collection)
        this.log.error('geo_index_missing', { collection, error: errorText(e).slice(0, 300) })
      }
      return out
    }
  }

  private consider<T extends Doc>(raw: unknown, point: GeoPoint, maxM: number, options: NearestOptions, out: Near<T>[]): void {
    const { _distance, ...rest } = raw as Record<string, unknown>
    const doc = decodeDoc<T>(rest)
    const loc = validPoint(doc.location)
    const d = loc ? distanceMeters(point, loc) : Number(_distance)
    if (!(d <= maxM)) return
    if (options.accept) {
      let ok: boolean
      try {
        ok = options.accept(doc)
      } catch (e) {
        throw new NearestAcceptError(e)
      }
      if (!ok) return
    }
    out.push({ doc, distanceM: d })
  }

  private async nearestByIndex<T extends Doc>(collection: string, point: GeoPoint, options: NearestOptions, limit: number): Promise<Near<T>[]> {
    const c = this.coll(collection)
    const maxM = options.maxKm * 1000
    // With `accept`, some candidates will be turned away; asking for more at once saves round trips.
    const pageSize = options.accept ? Math.min(PAGE_MAX, Math.max(limit * 5, 20)) : Math.min(PAGE_MAX, limit)
    const out: Near<T>[] = []
    for (let skip = 0; skip < NEAREST_SCAN_CAP; skip += pageSize) {
      const param: Record<string, unknown> = {
        near: new this.db.Geo.Point(point.lng, point.lat),
        spherical: true,
        distanceField: '_distance',
        maxDistance: maxM * SERVER_RADIUS_SLACK,
        key: 'location',
      }
      const query = queryOrNull(options.where, this.db)
      if (query) param.query = query
      let agg = c.aggregate().geoNear(param)
      if (skip) agg = agg.skip(skip)
      const rows = (await agg.limit(pageSize).end()).data ?? []
      for (const raw of rows) this.consider(raw, point, maxM, options, out)
      if (out.length >= limit || rows.length < pageSize) break
    }
    return out.sort((a, b) => a.distanceM - b.distanceM).slice(0, limit)
  }

  private async nearestByScan<T extends Doc>(collection: string, point: GeoPoint, options: NearestOptions, limit: number): Promise<Near<T>[]> {
    const _ = this.db.command
    const maxM = options.maxKm * 1000
    // A box a little larger than the circle; the exact distance is checked per document.
    const dLat = (maxM * 1.01) / 111_000
    const dLng = (maxM * 1.01) / (111_000 * Math.max(0.01, Math.cos((point.lat * Math.PI) / 180)))
    const box = {
      'location.type': 'Point',
      'location.coordinates.1': _.gte(point.lat - dLat),
      'location.coordinates.0': _.gte(point.lng - dLng),
    }
    const upper = [{ 'location.coordinates.1': _.lte(point.lat + dLat) }, { 'location.coordinates.0': _.lte(point.lng + dLng) }]
    const parts: object[] = [box, ...upper]
    const query = queryOrNull(options.where, this.db)
    if (query) parts.push(query)
    const q = this.coll(collection).where(_.and(parts) as object)
    const all: Near<T>[] = []
    for (let skip = 0; skip < NEAREST_SCAN_CAP; skip += PAGE_MAX) {
      let page = q.orderBy('_id', 'asc')
      if (skip) page = page.skip(skip)
      const rows = (await page.limit(PAGE_MAX).get()).data ?? []
      // accept runs after sorting, so that it sees candidates nearest first as with the index
      for (const raw of rows) this.consider(raw, point, maxM, { ...options, accept: undefined }, all)
      if (rows.length < PAGE_MAX) break
    }
    all.sort((a, b) => a.distanceM - b.distanceM)
    const out: Near<T>[] = []
    for (const n of all) {
      if (options.accept) {
        let ok: boolean
        try {
          ok = options.accept(n.doc)
        } catch (e) {
          throw new NearestAcceptError(e)
        }
        if (!ok) continue
      }
      out.push(n)
      if (out.length >= limit) break
    }
    return out
  }
}

/** Carries an exception thrown by the caller's `accept`, so that it is never mistaken for a missing index. */
class NearestAcceptError extends Error {
  constructor(readonly original: unknown) {
    super('accept failed')
  }
}

/**
 * The SDK's update answer keeps only `updated`; the raw answer of this one query is observed on its own
 * request object (nothing global is touched) to read `matched` when the server sends it.
 */
function captureResponse(q: CbQuery): { matched(): number | undefined } {
  let raw: unknown
  const req = (q as unknown as { _request?: { send?: (...args: unknown[]) => Promise<unknown> } })._request
  if (req && typeof req.send === 'function') {
    const send = req.send.bind(req)
    req.send = async (...args: unknown[]) => {
      raw = await send(...args)
      return raw
    }
  }
  return {
    matched: () => {
      const m = (raw as { data?: { matched?: unknown } } | undefined)?.data?.matched
      return typeof m === 'number' && Number.isFinite(m) ? m : undefined
    },
  }
}

/**
 * The store a transaction callback gets. CloudBase transactions address single documents by id, so that is
 * all this offers; extra conditions on an update or remove are checked against the document read inside the
 * transaction, which the server then protects against concurrent writers (a conflict reruns the callback).
 */
class CloudBaseTxStore implements Store {
  constructor(
    private readonly outer: CloudBaseStore,
    private readonly tx: CbTransaction,
  ) {}

  private ref(collection: string, id: string): CbDocRef {
    return this.tx.collection(checkName(collection)).doc(id)
  }

  async get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null> {
    try {
      const { data } = await this.ref(collection, id).get()
      const row = Array.isArray(data) ? data[0] : data
      return row ? decodeDoc<T>(row) : null
    } catch (e) {
      if (isCollectionMissing(e)) return null
      throw e
    }
  }

  async insert(collection: string, doc: Omit<Doc, '_id'> & { _id?: string }): Promise<string> {
    const id = doc._id ?? newId()
    // Checked first: a failed write would leave the transaction unusable, while the port lets a caller
    // catch DuplicateKeyError and carry on.
    if (await this.get(collection, id)) throw new DuplicateKeyError(collection, id)
    const body = encodeDoc({ ...doc, _id: id }, this.outer.db)
    const c = this.tx.collection(checkName(collection))
    try {
      await c.add(body)
    } catch (e) {
      if (isDuplicateKeyError(e)) throw new DuplicateKeyError(collection, id)
      if (!isCollectionMissing(e)) throw e
      await this.outer.ensureCollection(collection)
      await c.add(body)
    }
    return id
  }

  async put(collection: string, doc: Doc): Promise<void> {
    const { _id: id, ...rest } = doc
    if (typeof id !== 'string' || !id) throw new Error('put needs the document id')
    await this.ref(collection, id).set(encodeDoc(rest, this.outer.db))
  }

  async update(collection: string, where: Where, change: Change): Promise<number> {
    const { id, rest } = splitById(where)
    const data = toUpdate(change, this.outer.db)
    if (!Object.keys(data).length) return 0
    const doc = await this.get(collection, id)
    if (!doc || !matchesWhere(doc, rest)) return 0
    await this.ref(collection, id).update(data)
    return 1
  }

  async remove(collection: string, where: Where): Promise<number> {
    const { id, rest } = splitById(where)
    const doc = await this.get(collection, id)
    if (!doc || !matchesWhere(doc, rest)) return 0
    await this.ref(collection, id).remove()
    return 1
  }

  async find(): Promise<never> {
    throw new Error('find is not available inside a CloudBase transaction (by-id get/insert/put/update/remove only)')
  }

  async count(): Promise<never> {
    throw new Error('count is not available inside a CloudBase transaction (by-id get/insert/put/update/remove only)')
  }

  async nearest(): Promise<never> {
    throw new Error('nearest is not available inside a CloudBase transaction (by-id get/insert/put/update/remove only)')
  }

  /** Already inside one: run inline, as the SQLite adapter does. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return fn(this)
  }
}
