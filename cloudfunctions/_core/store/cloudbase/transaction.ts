import { newId } from '../../ids'
import type { Logger } from '../../log'
import { DuplicateKeyError, type Change, type Doc, type Store, type Where } from '../port'
import { checkName } from '../where'
import { CollectionMissingError, isCollectionMissing, isDuplicateKeyError, isTransactionConflict } from './errors'
import { matchesWhere } from './match'
import { decodeDoc, encodeDoc, toUpdate } from './query'
import type { CbBuilders, CbDb, CbDocRef, CbTransaction } from './types'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface TransactionOptions {
  /** how many runs in all when each loses a write conflict */
  attempts: number
  log: Logger
  ensureCollection: (collection: string) => Promise<void>
}

/** Runs `fn` in a CloudBase transaction, again when it loses a write conflict. */
export async function runTransaction<T>(db: CbDb, options: TransactionOptions, fn: (tx: Store) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let store: CloudBaseTxStore | undefined
    try {
      // times = 0: the SDK would retry a conflict at once and only three times; under contention that
      // gives up while SQLite (which queues) would have succeeded, so retries happen here, spaced out.
      return (await db.runTransaction((tx) => fn((store = new CloudBaseTxStore(db, tx))), 0)) as T
    } catch (e) {
      // Also when the callback caught the failure itself: whatever failed afterwards failed because of it.
      const missing = e instanceof CollectionMissingError ? e : store?.missing
      if (missing) {
        // The SDK has rolled the transaction back by now; created outside it, the collection lets the next call through.
        let created = true
        await options.ensureCollection(missing.collection).catch(() => (created = false))
        options.log.error('store_collection_missing', { collection: missing.collection, created })
        throw missing
      }
      if (!isTransactionConflict(e) || attempt >= options.attempts) throw e
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
  ) {}

  /** Set once a call found its collection missing; the server has then failed the whole transaction. */
  missing: CollectionMissingError | null = null

  private ref(collection: string, id: string): CbDocRef {
    return this.tx.collection(checkName(collection)).doc(id)
  }

  /** Every call on the transaction goes through here, so that none reaches the server after it died. */
  private async call<T>(collection: string, op: () => Promise<T>): Promise<T> {
    if (this.missing) throw this.missing
    try {
      return await op()
    } catch (e) {
      if (isCollectionMissing(e)) throw (this.missing = new CollectionMissingError(collection, e))
      throw e
    }
  }

  async get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null> {
    const { data } = await this.call(collection, () => this.ref(collection, id).get())
    const row = Array.isArray(data) ? data[0] : data
    return row ? decodeDoc<T>(row) : null
  }

  async insert(collection: string, doc: Omit<Doc, '_id'> & { _id?: string }): Promise<string> {
    const id = doc._id ?? newId()
    // Checked first: a failed write would leave the transaction unusable, while the port lets a caller
    // catch DuplicateKeyError and carry on.
    if (await this.get(collection, id)) throw new DuplicateKeyError(collection, id)
    const body = encodeDoc({ ...doc, _id: id }, this.db)
    const c = this.tx.collection(checkName(collection))
    try {
      await this.call(collection, () => c.add(body))
    } catch (e) {
      if (isDuplicateKeyError(e)) throw new DuplicateKeyError(collection, id)
      throw e
    }
    return id
  }

  async put(collection: string, doc: Doc): Promise<void> {
    const { _id: id, ...rest } = doc
    if (typeof id !== 'string' || !id) throw new Error('put needs the document id')
    const body = encodeDoc(rest, this.db)
    await this.call(collection, () => this.ref(collection, id).set(body))
  }

  async update(collection: string, where: Where, change: Change): Promise<number> {
    const { id, rest } = splitById(where)
    const data = toUpdate(change, this.db)
    if (!Object.keys(data).length) return 0
    const doc = await this.get(collection, id)
    if (!doc || !matchesWhere(doc, rest)) return 0
    await this.call(collection, () => this.ref(collection, id).update(data))
    return 1
  }

  async remove(collection: string, where: Where): Promise<number> {
    const { id, rest } = splitById(where)
    const doc = await this.get(collection, id)
    if (!doc || !matchesWhere(doc, rest)) return 0
    await this.call(collection, () => this.ref(collection, id).remove())
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
