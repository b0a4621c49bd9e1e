import { newId } from '../../ids'
import { consoleLogger, type Logger } from '../../log'
import {
  DuplicateKeyError,
  type Change,
  type Doc,
  type FindOptions,
  type GeoPoint,
  type Near,
  type NearestOptions,
  type Store,
  type Where,
} from '../port'
import { checkField, checkName } from '../where'
import { isCollectionMissing, isCollectionTaken, isDuplicateKeyError } from './errors'
import { nearest, type NearestContext } from './nearest'
import { decodeDoc, encodeDoc, queryOrNull, toUpdate } from './query'
import { runTransaction } from './transaction'
import { PAGE_MAX, type CbCollection, type CbDb, type CbQuery } from './types'

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
  private readonly attempts: number
  private readonly log: Logger
  private readonly nearestContext: NearestContext

  constructor(
    readonly db: CbDb,
    options: CloudBaseStoreOptions = {},
  ) {
    this.attempts = Math.max(1, options.transactionAttempts ?? 12)
    this.log = options.log ?? consoleLogger
    this.nearestContext = { db, log: this.log, fallbackLogged: new Set() }
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
    // It follows the last key's direction, so that an index ending in `_id` (deploy adds it to every index)
    // serves the whole sort, walked forwards or backwards.
    if (!order.some(([f]) => f === '_id')) order.push(['_id', order.length ? order[order.length - 1][1] : 'asc'])
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

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return runTransaction(this.db, { attempts: this.attempts, log: this.log, ensureCollection: (c) => this.ensureCollection(c) }, fn)
  }

  nearest<T extends Doc = Doc>(collection: string, point: GeoPoint, options: NearestOptions): Promise<Near<T>[]> {
    return nearest<T>(this.nearestContext, collection, point, options)
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
