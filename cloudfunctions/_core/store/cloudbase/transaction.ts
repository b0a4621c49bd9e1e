import { newId } from '../../ids'
import { DuplicateKeyError, type Change, type Doc, type Store, type Where } from '../port'
import { checkName } from '../where'
import { isCollectionMissing, isDuplicateKeyError, isTransactionConflict } from './errors'
import { matchesWhere } from './match'
import { decodeDoc, encodeDoc, toUpdate } from './query'
import type { CbBuilders, CbDb, CbDocRef, CbTransaction } from './types'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `fn` in a CloudBase transaction, again (up to `attempts` times in all) when it loses a write conflict.
 * `ensureCollection` creates a collection that a write found missing.
 */
export async function runTransaction<T>(
  db: CbDb,
  attempts: number,
  ensureCollection: (collection: string) => Promise<void>,
  fn: (tx: Store) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // times = 0: the SDK would retry a conflict at once and only three times; under contention that
      // gives up while SQLite (which queues) would have succeeded, so retries happen here, spaced out.
      return (await db.runTransaction((tx) => fn(new CloudBaseTxStore(db, tx, ensureCollection)), 0)) as T
    } catch (e) {
      if (!isTransactionConflict(e) || attempt >= attempts) throw e
      const cap = Math.min(2000, 25 * 2 ** attempt)
      await sleep(Math.random() * cap)
    }
  }
}

function splitById(where: Where): { id: string; rest: Where } {
  const { _id: id, ...rest } = where
  if (typeof id !== 'string') {
    throw new Error('inside a CloudBase transaction, update and remove must name one document: where = { _id: "<id>", ... }')
  }
  return { id, rest }
}
/**
 * The store a transaction callback gets. CloudBase transactions address single documents by id, so that is
 * all this offers; extra conditions on an update or remove are checked against the document read inside the
 * transaction, which the server then protects against concurrent writers (a conflict reruns the callback).
 */
class CloudBaseTxStore implements Store {
  constructor(
    private readonly db: CbBuilders,
    private readonly tx: CbTransaction,
    private readonly ensureCollection: (collection: string) => Promise<void>,
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
    const body = encodeDoc({ ...doc, _id: id }, this.db)
    const c = this.tx.collection(checkName(collection))
    try {
      await c.add(body)
    } catch (e) {
      if (isDuplicateKeyError(e)) throw new DuplicateKeyError(collection, id)
      if (!isCollectionMissing(e)) throw e
      await this.ensureCollection(collection)
      await c.add(body)
    }
    return id
  }

  async put(collection: string, doc: Doc): Promise<void> {
    const { _id: id, ...rest } = doc
    if (typeof id !== 'string' || !id) throw new Error('put needs the document id')
    await this.ref(collection, id).set(encodeDoc(rest, this.db))
  }

  async update(collection: string, where: Where, change: Change): Promise<number> {
    const { id, rest } = splitById(where)
    const data = toUpdate(change, this.db)
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
