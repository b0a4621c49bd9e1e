import Database from 'better-sqlite3'
import { newId } from '../ids'
import { distanceMeters } from '../../../src/contracts/geo'
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
} from './port'
import { checkField, checkName, validPoint } from './where'

export interface SqliteStoreOptions {
  /** a file path, or ':memory:' for unit tests */
  file: string
  /** fields (or compound keys) to index per collection, so that equality and sorting stay fast as data grows */
  indexes?: Record<string, Array<string | string[]>>
}

function fieldExpr(field: string): string {
  if (field === '_id') return 'id'
  return `json_extract(body, '$.${checkField(field)}')`
}

function sqlValue(v: unknown): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v
}

function compileWhere(where: Where | undefined, params: unknown[]): string {
  const parts: string[] = []
  for (const [field, cond] of Object.entries(where ?? {})) {
    const expr = fieldExpr(field)
    if (cond === null) {
      parts.push(`${expr} IS NULL`)
    } else if (typeof cond !== 'object') {
      parts.push(`${expr} = ?`)
      params.push(sqlValue(cond))
    } else {
      for (const [op, arg] of Object.entries(cond)) {
        switch (op) {
          case '$in': {
            const list = arg as unknown[]
            if (!list.length) parts.push('0')
            else {
              parts.push(`${expr} IN (${list.map(() => '?').join(',')})`)
              params.push(...list.map(sqlValue))
            }
            break
          }
          case '$ne':
            parts.push(`${expr} IS NOT ?`)
            params.push(sqlValue(arg))
            break
          case '$gt':
          case '$gte':
          case '$lt':
          case '$lte': {
            const sym = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op]
            parts.push(`${expr} ${sym} ?`)
            params.push(arg)
            break
          }
          case '$all':
            for (const v of arg as unknown[]) {
              parts.push(`EXISTS (SELECT 1 FROM json_each(body, '$.${field}') WHERE value = ?)`)
              params.push(sqlValue(v))
            }
            break
          case '$includes':
            parts.push(`instr(${expr}, ?) > 0`)
            params.push(arg)
            break
          default:
            throw new Error(`unsupported operator ${op}`)
        }
      }
    }
  }
  return parts.length ? parts.join(' AND ') : '1'
}

/**
 * The embedded adapter: one table of JSON documents per collection, plus an R*Tree of each document's
 * `location` for nearest-point queries. WAL with synchronous=FULL: a committed write survives a crash.
 */
export class SqliteStore implements Store {
  readonly db: Database.Database
  private readonly ready = new Set<string>()
  private readonly indexes: Record<string, Array<string | string[]>>
  /** better-sqlite3 is synchronous, but a transaction awaits between its steps; this queue keeps others out. */
  private queue: Promise<unknown> = Promise.resolve()
  private readonly direct: Store

  constructor(options: SqliteStoreOptions) {
    this.db = new Database(options.file)
    this.indexes = options.indexes ?? {}
    if (options.file !== ':memory:') {
      this.db.pragma('journal_mode = WAL')
      this.db.pragma('synchronous = FULL')
    }
    this.db.pragma('busy_timeout = 5000')
    this.direct = this.makeDirect()
  }

  private exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(fn)
    this.queue = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  private table(collection: string): { c: string; g: string } {
    const name = checkName(collection)
    const c = `"c_${name}"`
    const g = `"g_${name}"`
    if (!this.ready.has(name)) {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${c} (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, body TEXT NOT NULL)`)
      this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${g} USING rtree(rid, minLat, maxLat, minLng, maxLng, +lat, +lng)`)
      for (const key of this.indexes[name] ?? []) {
        const fields = Array.isArray(key) ? key : [key]
        const idx = `"i_${name}_${fields.join('_').replace(/\./g, '_')}"`
        this.db.exec(`CREATE INDEX IF NOT EXISTS ${idx} ON ${c} (${fields.map(fieldExpr).join(', ')})`)
      }
      this.ready.add(name)
    }
    return { c, g }
  }

  private syncGeo(g: string, rid: number | bigint, doc: Record<string, unknown>): void {
    this.db.prepare(`DELETE FROM ${g} WHERE rid = ?`).run(rid)
    const loc = validPoint(doc.location)
    if (loc) this.db.prepare(`INSERT INTO ${g} VALUES (?, ?, ?, ?, ?, ?, ?)`).run(rid, loc.lat, loc.lat, loc.lng, loc.lng, loc.lat, loc.lng)
  }

  // ---- raw operations: run with the queue already held ----

  private rawGet<T extends Doc>(collection: string, id: string): T | null {
    const { c } = this.table(collection)
    const row = this.db.prepare(`SELECT body FROM ${c} WHERE id = ?`).get(id) as { body: string } | undefined
    return row ? (JSON.parse(row.body) as T) : null
  }

  private rawFind<T extends Doc>(collection: string, options: FindOptions = {}): T[] {
    const { c } = this.table(collection)
    const params: unknown[] = []
    let sql = `SELECT body FROM ${c} WHERE ${compileWhere(options.where, params)}`
    if (options.orderBy?.length) {
      // Ties broken by id in the direction of the last key, as the CloudBase adapter does, so that both page alike.
      const order = [...options.orderBy]
      if (!order.some(([f]) => f === '_id')) order.push(['_id', order[order.length - 1][1]])
      sql += ' ORDER BY ' + order.map(([f, d]) => `${fieldExpr(f)} ${d === 'desc' ? 'DESC' : 'ASC'}`).join(', ')
    }
    sql += ' LIMIT ? OFFSET ?'
    params.push(options.limit ?? 100, options.skip ?? 0)
    const rows = this.db.prepare(sql).all(...params) as { body: string }[]
    return rows.map((r) => JSON.parse(r.body) as T)
  }

  private rawCount(collection: string, where?: Where): number {
    const { c } = this.table(collection)
    const params: unknown[] = []
    const row = this.db.prepare(`SELECT count(*) AS n FROM ${c} WHERE ${compileWhere(where, params)}`).get(...params) as { n: number }
    return row.n
  }

  private rawInsert(collection: string, doc: Omit<Doc, '_id'> & { _id?: string }): string {
    const { c, g } = this.table(collection)
    const id = doc._id ?? newId()
    const full = { ...doc, _id: id }
    return this.db.transaction(() => {
      let rid: number | bigint
      try {
        rid = this.db.prepare(`INSERT INTO ${c} (id, body) VALUES (?, ?)`).run(id, JSON.stringify(full)).lastInsertRowid
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateKeyError(collection, id)
        throw e
      }
      this.syncGeo(g, rid, full)
      return id
    })()
  }

  private rawPut(collection: string, doc: Doc): void {
    const { c, g } = this.table(collection)
    this.db.transaction(() => {
      const row = this.db
        .prepare(`INSERT INTO ${c} (id, body) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body RETURNING rid`)
        .get(doc._id, JSON.stringify(doc)) as { rid: number }
      this.syncGeo(g, row.rid, doc)
    })()
  }

  private rawUpdate(collection: string, where: Where, change: Change): number {
    const { c, g } = this.table(collection)
    const setArgs: string[] = []
    const params: unknown[] = []
    for (const [field, value] of Object.entries(change.set ?? {})) {
      if (field === '_id') throw new Error('the id of a document cannot change')
      fieldExpr(field)
      setArgs.push(`'$.${field}', json(?)`)
      params.push(JSON.stringify(value === undefined ? null : value))
    }
    for (const [field, by] of Object.entries(change.inc ?? {})) {
      setArgs.push(`'$.${field}', coalesce(${fieldExpr(field)}, 0) + ?`)
      params.push(by)
    }
    if (!setArgs.length) return 0
    const whereSql = compileWhere(where, params)
    const touchesLocation = Object.keys(change.set ?? {}).some((f) => f === 'location' || f.startsWith('location.'))
    return this.db.transaction(() => {
      const rows = this.db
        .prepare(`UPDATE ${c} SET body = json_set(body, ${setArgs.join(', ')}) WHERE ${whereSql} RETURNING rid, body`)
        .all(...params) as { rid: number; body: string }[]
      if (touchesLocation) for (const r of rows) this.syncGeo(g, r.rid, JSON.parse(r.body))
      return rows.length
    })()
  }

  private rawRemove(collection: string, where: Where): number {
    const { c, g } = this.table(collection)
    const params: unknown[] = []
    return this.db.transaction(() => {
      const rows = this.db.prepare(`DELETE FROM ${c} WHERE ${compileWhere(where, params)} RETURNING rid`).all(...params) as { rid: number }[]
      const del = this.db.prepare(`DELETE FROM ${g} WHERE rid = ?`)
      for (const r of rows) del.run(r.rid)
      return rows.length
    })()
  }

  private rawNearest<T extends Doc>(collection: string, point: GeoPoint, options: NearestOptions): Near<T>[] {
    const { c, g } = this.table(collection)
    const params: unknown[] = []
    const whereSql = compileWhere(options.where, params)
    // CROSS JOIN pins the R*Tree as the outer loop: otherwise the planner may walk a field index
    // (say, every 'active' station in the country) and probe the tree once per row.
    const join = whereSql === '1' ? '' : ` CROSS JOIN ${c} ON ${c}.rid = ${g}.rid`
    const filter = whereSql === '1' ? '' : ` AND ${whereSql}`
    const stmt = this.db.prepare(
      `SELECT ${g}.rid AS rid, lat, lng FROM ${g}${join} WHERE maxLat >= ? AND minLat <= ? AND maxLng >= ? AND minLng <= ?${filter}`,
    )
    const bodyStmt = this.db.prepare(`SELECT body FROM ${c} WHERE rid = ?`)
    const maxM = options.maxKm * 1000
    // Start small and widen: in a city the nearest 20 lie within a kilometre or two; in the
    // countryside the box grows until it holds enough or reaches the caller's radius.
    let radiusM = Math.min(maxM, 2000)
    for (;;) {
      const dLat = radiusM / 111_320
      const cos = Math.max(0.01, Math.cos((point.lat * Math.PI) / 180))
      const dLng = radiusM / (111_320 * cos)
      const cands = stmt.all(point.lat - dLat, point.lat + dLat, point.lng - dLng, point.lng + dLng, ...params) as {
        rid: number
        lat: number
        lng: number
      }[]
      const inside = cands
        .map((r) => ({ rid: r.rid, d: distanceMeters(point, r) }))
        .filter((r) => r.d <= radiusM)
        .sort((a, b) => a.d - b.d)
      const out: Near<T>[] = []
      for (const r of inside) {
        const doc = JSON.parse((bodyStmt.get(r.rid) as { body: string }).body) as T
        if (options.accept && !options.accept(doc)) continue
        out.push({ doc, distanceM: r.d })
        if (out.length >= options.limit) break
      }
      if (out.length >= options.limit || radiusM >= maxM) return out
      const grow = out.length ? Math.sqrt(options.limit / out.length) * 1.3 : 4
      radiusM = Math.min(maxM, radiusM * Math.max(1.5, Math.min(grow, 8)))
    }
  }

  /**
   * The store a transaction callback gets: exactly as narrow as CloudBase's (by-id get/insert/put/update/remove),
   * so that code which would fail in the cloud fails here first.
   */
  private makeDirect(): Store {
    const byIdOnly = (op: string) => async (): Promise<never> => {
      throw new Error(`${op} is not available inside a transaction (by-id get/insert/put/update/remove only, as on CloudBase)`)
    }
    const oneId = (where: Where, op: string): Where => {
      if (typeof where._id !== 'string') {
        throw new Error(`inside a transaction, ${op} must name one document: where = { _id: "<id>", ... } (as on CloudBase)`)
      }
      return where
    }
    const direct: Store = {
      get: async <T extends Doc>(c: string, id: string) => this.rawGet<T>(c, id),
      find: byIdOnly('find'),
      count: byIdOnly('count'),
      insert: async (c, d) => this.rawInsert(c, d),
      put: async (c, d) => this.rawPut(c, d),
      update: async (c, w, ch) => this.rawUpdate(c, oneId(w, 'update'), ch),
      remove: async (c, w) => this.rawRemove(c, oneId(w, 'remove')),
      nearest: byIdOnly('nearest'),
      transaction: async (fn) => fn(direct),
    }
    return direct
  }

  get<T extends Doc = Doc>(collection: string, id: string) {
    return this.exclusive(() => this.rawGet<T>(collection, id))
  }
  find<T extends Doc = Doc>(collection: string, options?: FindOptions) {
    return this.exclusive(() => this.rawFind<T>(collection, options))
  }
  count(collection: string, where?: Where) {
    return this.exclusive(() => this.rawCount(collection, where))
  }
  insert(collection: string, doc: Omit<Doc, '_id'> & { _id?: string }) {
    return this.exclusive(() => this.rawInsert(collection, doc))
  }
  put(collection: string, doc: Doc) {
    return this.exclusive(() => this.rawPut(collection, doc))
  }
  update(collection: string, where: Where, change: Change) {
    return this.exclusive(() => this.rawUpdate(collection, where, change))
  }
  remove(collection: string, where: Where) {
    return this.exclusive(() => this.rawRemove(collection, where))
  }
  nearest<T extends Doc = Doc>(collection: string, point: GeoPoint, options: NearestOptions) {
    return this.exclusive(() => this.rawNearest<T>(collection, point, options))
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE')
      try {
        const result = await fn(this.direct)
        this.db.exec('COMMIT')
        return result
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK')
        throw e
      }
    })
  }

  /** Raw rows, for tests that prove what is (and is not) on disk. */
  rawDump(collection: string): string[] {
    const { c } = this.table(collection)
    return (this.db.prepare(`SELECT body FROM ${c}`).all() as { body: string }[]).map((r) => r.body)
  }

  async close(): Promise<void> {
    await this.exclusive(() => undefined)
    this.db.close()
  }
}
