import tcb from '@cloudbase/node-sdk'
import { QuerySerializer } from '@cloudbase/database/dist/commonjs/serializer/query'
import { UpdateSerializer } from '@cloudbase/database/dist/commonjs/serializer/update'
import sift from 'sift'
import type { CbAggregate, CbCollection, CbDb, CbDocRef, CbQuery, CbTransaction } from '../../cloudfunctions/_core/store/cloudbase'
import { distanceMeters } from '../../src/contracts/geo'

/*
 * A CloudBase-semantics test double: an in-memory fake of the slice of @cloudbase/node-sdk's database that
 * `store/cloudbase/` calls, so that the real CloudBaseStore (queries, encoding, transaction retry, error
 * mapping) runs over it. It behaves as CloudBase's MongoDB-like server does where our invariants depend on it:
 * - a transaction reads a snapshot taken when it starts (multi-version: every committed write is a version);
 * - first writer wins: a transaction writing a document that another open transaction has written, or that
 *   anyone committed after its snapshot, is aborted at once with DATABASE_TRANSACTION_CONFLICT;
 * - a single-document update outside a transaction is atomic and never aborted (it waits for a transaction
 *   holding that document, as MongoDB's does);
 * - `add` of an existing `_id` fails with DATABASE_DUPLICATE_WRITE;
 * - one read answers at most 1,000 documents (100 when no limit is given);
 * - every request waits a configurable latency and is counted by kind.
 * Queries and updates are decoded with the SDK's own serializers, so what is matched is what the SDK sends.
 * It does not model: indexes (every query scans), unique indexes other than `_id`, per-operation quotas,
 * timeouts of long transactions, network failures, or the spherical-distance details of geoNear.
 */

const sdk = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

type Raw = Record<string, unknown>

interface Version {
  ts: number
  /** null: deleted at this version */
  doc: Raw | null
}

interface Entry {
  name?: string
  id?: string
  versions: Version[]
  /** the open transaction that has written this document, if any */
  lockedBy: Tx | null
  waiters: Array<() => void>
}

export interface DoubleOptions {
  /** each request waits a uniform random time in [min, max] ms, half before and half after it takes effect */
  latencyMs?: [number, number]
  rand?: () => number
  /** reads and writes of a collection never created fail, as on CloudBase before deploy creates them */
  strictCollections?: boolean
}

export class ConflictError extends Error {
  code = 'DATABASE_TRANSACTION_CONFLICT'
  constructor(what: string) {
    super(`[DATABASE_TRANSACTION_CONFLICT] WriteConflict: ${what}`)
  }
}

function err(code: string, message: string): Error {
  return Object.assign(new Error(`[${code}] ${message}`), { code })
}

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)))

/** The SDK's extended-JSON regular expression as a RegExp, so sift can match it. */
function reviveQuery(q: unknown): unknown {
  if (Array.isArray(q)) return q.map(reviveQuery)
  if (!q || typeof q !== 'object') return q
  const o = q as Raw
  if (o.$regularExpression && typeof o.$regularExpression === 'object') {
    const r = o.$regularExpression as { pattern: string; options?: string }
    return new RegExp(r.pattern, r.options ?? '')
  }
  const out: Raw = {}
  for (const [k, v] of Object.entries(o)) out[k] = reviveQuery(v)
  return out
}

function getPath(doc: Raw, path: string): unknown {
  let cur: unknown = doc
  for (const p of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Raw)[p]
  }
  return cur
}

function setPath(doc: Raw, path: string, value: unknown): void {
  const parts = path.split('.')
  let cur = doc
  for (const p of parts.slice(0, -1)) {
    if (!cur[p] || typeof cur[p] !== 'object') cur[p] = {}
    cur = cur[p] as Raw
  }
  cur[parts[parts.length - 1]] = value
}

/** MongoDB's order across types: missing/null, numbers, strings, objects, arrays, booleans. */
function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 0
  if (typeof v === 'number') return 1
  if (typeof v === 'string') return 2
  if (Array.isArray(v)) return 4
  if (typeof v === 'object') return 3
  if (typeof v === 'boolean') return 5
  return 6
}

function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  if (typeof a === 'number' || typeof a === 'string') return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0
  if (typeof a === 'boolean') return Number(a) - Number(b)
  return 0
}

function applyUpdate(doc: Raw, encoded: Raw): Raw {
  const next = clone(doc)
  for (const [op, fields] of Object.entries(encoded)) {
    for (const [path, value] of Object.entries(fields as Raw)) {
      if (op === '$set') setPath(next, path, clone(value))
      else if (op === '$inc') {
        const cur = getPath(next, path)
        setPath(next, path, (typeof cur === 'number' ? cur : 0) + (value as number))
      } else if (op === '$unset') {
        const parts = path.split('.')
        const parent = parts.length > 1 ? getPath(next, parts.slice(0, -1).join('.')) : next
        if (parent && typeof parent === 'object') delete (parent as Raw)[parts[parts.length - 1]]
      } else throw new Error(`the double does not model update operator ${op}`)
    }
  }
  return next
}

/** A plain update body (fields and commands) as the server receives it. */
function encodeUpdate(data: object): Raw {
  const enc = UpdateSerializer.encode(data as never) as Raw
  return enc
}

function encodeQuery(query: object | undefined): ((doc: Raw) => boolean) | null {
  if (!query) return null
  const mongo = reviveQuery(QuerySerializer.encode(query as never))
  return sift(mongo as never) as (doc: Raw) => boolean
}

class Tx {
  readonly writes = new Map<string, Map<string, Raw | null>>()
  readonly locked: Entry[] = []
  open = true
  aborted = false
  constructor(readonly snapshot: number) {}
}

export type RequestKind = string

export class CloudBaseDouble {
  private readonly data = new Map<string, Map<string, Entry>>()
  private readonly created = new Set<string>()
  private clock = 0
  readonly counts: Record<RequestKind, number> = {}
  total = 0
  private latency: [number, number]
  private readonly rand: () => number
  private readonly strict: boolean

  constructor(options: DoubleOptions = {}) {
    this.latency = options.latencyMs ?? [0, 0]
    this.rand = options.rand ?? Math.random
    this.strict = options.strictCollections ?? false
  }

  /** Seeding runs without latency; the measured part with it. */
  setLatency(ms: [number, number]): void {
    this.latency = ms
  }

  resetCounts(): void {
    for (const k of Object.keys(this.counts)) delete this.counts[k]
    this.total = 0
  }

  /** The live (latest committed) documents of a collection, for assertions. */
  dump(collection: string): Raw[] {
    const out: Raw[] = []
    for (const e of this.data.get(collection)?.values() ?? []) {
      const d = e.versions[e.versions.length - 1]?.doc
      if (d) out.push(clone(d))
    }
    return out
  }

  collectionNames(): string[] {
    return [...this.data.keys()]
  }

  /** Waits the request's latency around `op`, which runs atomically in between. */
  private async request<T>(kind: string, op: () => T | Promise<T>): Promise<T> {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1
    this.total++
    const [lo, hi] = this.latency
    const d = hi > 0 ? lo + this.rand() * (hi - lo) : 0
    if (d) await sleep(d / 2)
    if (this.killed) throw new Error('function instance killed (kill -9): the request never reached the database')
    const r = await op()
    if (d) await sleep(d / 2)
    if (this.killed) throw new Error('function instance killed (kill -9): the answer was lost')
    return r
  }

  private killed = false

  /**
   * kill -9 of every function instance at once: from now on no request of theirs reaches the database, and
   * answers on their way back are lost (what was applied stays applied). The database itself lives on.
   */
  kill(): void {
    this.killed = true
    // Their open transactions never commit; the server aborts them (MongoDB's transaction lifetime limit).
    for (const tx of [...this.openTx]) {
      tx.aborted = true
      this.release(tx)
    }
  }

  /** New instances start: requests go through again. */
  revive(): void {
    this.killed = false
  }

  private coll(name: string, forWrite: boolean): Map<string, Entry> | null {
    if (this.strict && !this.created.has(name)) {
      throw err('DATABASE_COLLECTION_NOT_EXIST', `collection ${name} does not exist`)
    }
    let c = this.data.get(name)
    if (!c && forWrite) {
      c = new Map()
      this.data.set(name, c)
    }
    return c ?? null
  }

  private entry(name: string, id: string): Entry {
    const c = this.coll(name, true)!
    let e = c.get(id)
    if (!e) {
      e = { name, id, versions: [], lockedBy: null, waiters: [] }
      c.set(id, e)
    }
    return e
  }

  private latest(e: Entry | undefined): Raw | null {
    return e?.versions[e.versions.length - 1]?.doc ?? null
  }

  private at(e: Entry | undefined, ts: number): Raw | null {
    if (!e) return null
    for (let i = e.versions.length - 1; i >= 0; i--) if (e.versions[i].ts <= ts) return e.versions[i].doc
    return null
  }

  private commitWrite(e: Entry, doc: Raw | null, ts: number): void {
    if (e.name && e.id) this.reindex(e.name, e.id, this.latest(e), doc)
    e.versions.push({ ts, doc })
    // Versions older than every snapshot still open could be dropped; tests are short, so only the tail is
    // trimmed when it grows long.
    if (e.versions.length > 64 && !this.openTx.size) e.versions.splice(0, e.versions.length - 1)
  }

  private readonly openTx = new Set<Tx>()

  /** A write outside a transaction waits while an open transaction holds the document, then applies at once. */
  private async unlocked(e: Entry): Promise<void> {
    const since = Date.now()
    while (e.lockedBy) {
      // A transaction never waits, so only a transaction that awaits a plain write of a document it holds
      // can keep this waiting: on CloudBase that is a lock timeout, here a loud failure.
      if (Date.now() - since > 5000) throw err('DATABASE_REQUEST_FAILED', 'lock wait timeout: a transaction holds this document')
      await new Promise<void>((r) => {
        e.waiters.push(r)
        setTimeout(r, 500)
      })
    }
  }

  private release(tx: Tx): void {
    for (const e of tx.locked) {
      e.lockedBy = null
      const w = e.waiters.splice(0)
      for (const f of w) f()
    }
    tx.locked.length = 0
    this.openTx.delete(tx)
    tx.open = false
  }

  private scan(name: string, where: object | undefined): Array<[string, Entry, Raw]> {
    const c = this.coll(name, false)
    if (!c) {
      return []
    }
    const mongo = where ? (reviveQuery(QuerySerializer.encode(where as never)) as Raw) : null
    const match = mongo ? (sift(mongo as never) as (doc: Raw) => boolean) : null
    const out: Array<[string, Entry, Raw]> = []
    for (const id of this.candidates(name, c, mongo)) {
      const e = c.get(id)
      const d = this.latest(e)
      if (e && d && (!match || match(d))) out.push([id, e, d])
    }
    return out
  }

  /*
   * Equality indexes, built the first time a field is queried and kept up to date on every commit, so that a
   * rush's counts and finds do not scan every document (the double's own CPU would then be measured instead
   * of the modelled latency). They only narrow the candidates; sift still decides.
   */
  private readonly indexes = new Map<string, Map<string, { byValue: Map<string, Set<string>>; always: Set<string> }>>()

  private static key(v: unknown): string | null {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return `${typeof v}:${String(v)}`
    return null
  }

  private index(name: string, field: string, c: Map<string, Entry>) {
    let byField = this.indexes.get(name)
    if (!byField) this.indexes.set(name, (byField = new Map()))
    let ix = byField.get(field)
    if (!ix) {
      ix = { byValue: new Map(), always: new Set() }
      byField.set(field, ix)
      for (const [id, e] of c) this.indexDoc(ix, field, id, this.latest(e))
    }
    return ix
  }

  private indexDoc(ix: { byValue: Map<string, Set<string>>; always: Set<string> }, field: string, id: string, doc: Raw | null) {
    if (!doc) return
    const v = getPath(doc, field)
    const k = CloudBaseDouble.key(v)
    if (k === null) {
      if (v !== undefined && v !== null) ix.always.add(id)
      return
    }
    let set = ix.byValue.get(k)
    if (!set) ix.byValue.set(k, (set = new Set()))
    set.add(id)
  }

  private unindexDoc(ix: { byValue: Map<string, Set<string>>; always: Set<string> }, field: string, id: string, doc: Raw | null) {
    if (!doc) return
    const k = CloudBaseDouble.key(getPath(doc, field))
    if (k === null) ix.always.delete(id)
    else ix.byValue.get(k)?.delete(id)
  }

  private reindex(name: string, id: string, before: Raw | null, after: Raw | null) {
    for (const [field, ix] of this.indexes.get(name) ?? []) {
      this.unindexDoc(ix, field, id, before)
      this.indexDoc(ix, field, id, after)
    }
  }

  private candidates(name: string, c: Map<string, Entry>, mongo: Raw | null): Iterable<string> {
    if (!mongo) return c.keys()
    const top = Array.isArray(mongo.$and) ? ((mongo.$and as Raw[])[0] ?? {}) : mongo
    const idCond = top._id
    if (typeof idCond === 'string') return [idCond]
    if (idCond && typeof idCond === 'object' && Array.isArray((idCond as Raw).$in)) return ((idCond as Raw).$in as unknown[]).map(String)
    let best: string[] | null = null
    for (const [field, cond] of Object.entries(top)) {
      if (field.startsWith('$')) continue
      const k = CloudBaseDouble.key(cond)
      if (k === null) continue
      const ix = this.index(name, field, c)
      const ids = [...(ix.byValue.get(k) ?? []), ...ix.always]
      if (!best || ids.length < best.length) best = ids
    }
    return best ?? c.keys()
  }

  /** The CbDb the adapter is given: `new CloudBaseStore(double.db())`. */
  db(): CbDb {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this
    const makeQuery = (name: string, state: { where?: object; order: Array<[string, 'asc' | 'desc']>; limit?: number; skip?: number }): CbQuery => ({
      where: (q) => makeQuery(name, { ...state, where: q }),
      orderBy: (f, dir) => makeQuery(name, { ...state, order: [...state.order, [f, dir]] }),
      limit: (n) => makeQuery(name, { ...state, limit: n }),
      skip: (n) => makeQuery(name, { ...state, skip: n }),
      get: () =>
        self.request('get', () => {
          const rows = self.scan(name, state.where).map(([, , d]) => d)
          if (state.order.length) {
            rows.sort((a, b) => {
              for (const [f, dir] of state.order) {
                const c = compareValues(getPath(a, f), getPath(b, f))
                if (c) return dir === 'desc' ? -c : c
              }
              return 0
            })
          }
          const limit = Math.min(state.limit ?? 100, 1000)
          const skip = state.skip ?? 0
          return { data: rows.slice(skip, skip + limit).map(clone) }
        }),
      count: () => self.request('count', () => ({ total: self.scan(name, state.where).length })),
      update: (data) =>
        self.request('update', async () => {
          const enc = encodeUpdate(data)
          let updated = 0
          for (const [, e] of self.scan(name, state.where)) {
            await self.unlocked(e)
            const cur = self.latest(e)
            // Re-checked after any wait: the update applies to the document as it is now, atomically.
            const match = encodeQuery(state.where)
            if (!cur || (match && !match(cur))) continue
            const next = applyUpdate(cur, enc)
            if (JSON.stringify(next) !== JSON.stringify(cur)) {
              self.commitWrite(e, next, ++self.clock)
              updated++
            }
          }
          return { updated }
        }),
      remove: () =>
        self.request('remove', async () => {
          let deleted = 0
          for (const [, e] of self.scan(name, state.where)) {
            await self.unlocked(e)
            const cur = self.latest(e)
            const match = encodeQuery(state.where)
            if (!cur || (match && !match(cur))) continue
            self.commitWrite(e, null, ++self.clock)
            deleted++
          }
          return { deleted }
        }),
    })

    const docRef = (name: string, id: string): CbDocRef => ({
      get: () => self.request('get', () => ({ data: clone(self.latest(self.coll(name, false)?.get(id))) ?? null })),
      set: (body) =>
        self.request('set', async () => {
          const e = self.entry(name, id)
          await self.unlocked(e)
          self.commitWrite(e, { ...clone(body as Raw), _id: id }, ++self.clock)
          return {}
        }),
      update: (body) =>
        self.request('update', async () => {
          const e = self.entry(name, id)
          await self.unlocked(e)
          const cur = self.latest(e)
          if (!cur) return { updated: 0 }
          self.commitWrite(e, applyUpdate(cur, encodeUpdate(body)), ++self.clock)
          return { updated: 1 }
        }),
      remove: () =>
        self.request('remove', async () => {
          const e = self.entry(name, id)
          await self.unlocked(e)
          if (!self.latest(e)) return { deleted: 0 }
          self.commitWrite(e, null, ++self.clock)
          return { deleted: 1 }
        }),
    })

    const collection = (name: string): CbCollection => ({
      ...makeQuery(name, { order: [] }),
      doc: (id) => docRef(name, id),
      add: (body) =>
        self.request('add', async () => {
          const doc = clone(body as Raw)
          const id = typeof doc._id === 'string' ? doc._id : `auto${++self.clock}`
          const e = self.entry(name, id)
          await self.unlocked(e)
          if (self.latest(e)) throw err('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error: _id ${id}`)
          self.commitWrite(e, { ...doc, _id: id }, ++self.clock)
          return { id }
        }),
      aggregate: () => aggregate(name),
    })

    const aggregate = (name: string): CbAggregate => {
      const stages: Array<[string, unknown]> = []
      const agg: CbAggregate = {
        geoNear: (param) => (stages.push(['geoNear', param]), agg),
        skip: (n) => (stages.push(['skip', n]), agg),
        limit: (n) => (stages.push(['limit', n]), agg),
        end: () =>
          self.request('aggregate', () => {
            let rows: Raw[] = []
            for (const [kind, arg] of stages) {
              if (kind === 'geoNear') {
                const p = arg as { near: { longitude: number; latitude: number }; maxDistance: number; query?: object; distanceField: string }
                const origin = { lat: p.near.latitude, lng: p.near.longitude }
                rows = self
                  .scan(name, p.query)
                  .map(([, , d]) => d)
                  .flatMap((d) => {
                    const loc = d.location as { type?: string; coordinates?: [number, number] } | undefined
                    if (loc?.type !== 'Point' || !loc.coordinates) return []
                    const dist = distanceMeters(origin, { lat: loc.coordinates[1], lng: loc.coordinates[0] })
                    return dist <= p.maxDistance ? [{ ...clone(d), [p.distanceField]: dist }] : []
                  })
                  .sort((a, b) => (a[p.distanceField] as number) - (b[p.distanceField] as number))
              } else if (kind === 'skip') rows = rows.slice(arg as number)
              else if (kind === 'limit') rows = rows.slice(0, Math.min(arg as number, 1000))
            }
            return { data: rows }
          }),
      }
      return agg
    }

    const runTransaction = async (fn: (tx: CbTransaction) => Promise<unknown>, times = 3): Promise<unknown> => {
      for (let attempt = 0; ; attempt++) {
        const tx = await self.request('startTransaction', () => {
          const t = new Tx(self.clock)
          self.openTx.add(t)
          return t
        })
        try {
          const result = await fn(txApi(tx))
          await self.request('commitTransaction', () => self.commit(tx))
          return result
        } catch (e) {
          if (tx.open) await self.request('rollbackTransaction', () => self.release(tx))
          else if (tx.aborted && !(e instanceof ConflictError)) {
            // The callback swallowed the conflict and failed otherwise: the transaction still lost.
            if (attempt < times) continue
            throw new ConflictError('the transaction was aborted by a write conflict')
          }
          if (e instanceof ConflictError && attempt < times) continue
          throw e
        }
      }
    }

    const txApi = (tx: Tx): CbTransaction => ({
      collection: (name) => ({
        doc: (id) => ({
          get: () => self.request('tx.get', () => ({ data: clone(self.txRead(tx, name, id)) })),
          set: (body) => self.request('tx.set', () => self.txWrite(tx, name, id, () => ({ ...clone(body as Raw), _id: id }))),
          update: (body) =>
            self.request('tx.update', () =>
              self.txWrite(tx, name, id, (cur) => {
                if (!cur) throw err('DATABASE_REQUEST_FAILED', `document ${id} not found`)
                return applyUpdate(cur, encodeUpdate(body))
              }),
            ),
          remove: () => self.request('tx.remove', () => self.txWrite(tx, name, id, () => null)),
        }),
        add: (body) =>
          self.request('tx.add', () => {
            const doc = clone(body as Raw)
            const id = doc._id as string
            return self.txWrite(tx, name, id, (cur) => {
              if (cur) throw err('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error: _id ${id}`)
              return doc
            })
          }),
      }),
    })

    return {
      collection,
      command: sdk.command,
      Geo: sdk.Geo,
      RegExp: sdk.RegExp,
      runTransaction,
      createCollection: async (name: string) => {
        await this.request('createCollection', () => {
          if (this.created.has(name)) throw err('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`)
          this.created.add(name)
        })
        return {}
      },
    } as unknown as CbDb
  }

  /** Collections as deploy would create them before the first request. */
  createCollections(names: string[]): void {
    for (const n of names) this.created.add(n)
  }

  private txRead(tx: Tx, name: string, id: string): Raw | null {
    if (tx.aborted) throw new ConflictError('the transaction was aborted by a write conflict')
    if (!tx.open) throw err('DATABASE_TRANSACTION_FAIL', 'transaction is no longer open')
    const own = tx.writes.get(name)?.get(id)
    if (own !== undefined) return own
    if (this.strict && !this.created.has(name)) throw err('DATABASE_COLLECTION_NOT_EXIST', `collection ${name} does not exist`)
    return this.at(this.data.get(name)?.get(id), tx.snapshot)
  }

  private txWrite(tx: Tx, name: string, id: string, make: (cur: Raw | null) => Raw | null): object {
    if (tx.aborted) throw new ConflictError('the transaction was aborted by a write conflict')
    if (!tx.open) throw err('DATABASE_TRANSACTION_FAIL', 'transaction is no longer open')
    const e = this.entry(name, id)
    const newest = e.versions[e.versions.length - 1]
    const conflict =
      e.lockedBy && e.lockedBy !== tx
        ? `${name}/${id} is being written by another transaction`
        : newest && newest.ts > tx.snapshot
          ? `${name}/${id} changed after this transaction began`
          : null
    if (conflict) {
      // The server aborts the loser at once: nothing more it sends inside this transaction succeeds.
      this.release(tx)
      tx.aborted = true
      throw new ConflictError(conflict)
    }
    if (!e.lockedBy) {
      e.lockedBy = tx
      tx.locked.push(e)
    }
    const next = make(this.txRead(tx, name, id))
    let w = tx.writes.get(name)
    if (!w) tx.writes.set(name, (w = new Map()))
    w.set(id, next)
    return {}
  }

  private commit(tx: Tx): void {
    if (tx.aborted) throw new ConflictError('the transaction was aborted by a write conflict')
    const ts = ++this.clock
    for (const [name, docs] of tx.writes) for (const [id, doc] of docs) this.commitWrite(this.entry(name, id), doc, ts)
    this.release(tx)
  }
}
