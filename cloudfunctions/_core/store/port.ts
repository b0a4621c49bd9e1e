/**
 * The one storage port the domains use. It is only as wide as the domains need, so that both adapters
 * (CloudBase in production, SQLite locally) can implement all of it faithfully.
 */
type Scalar = string | number | boolean | null

export interface Ops {
  $in?: Scalar[]
  $ne?: Scalar
  $gt?: number | string
  $gte?: number | string
  $lt?: number | string
  $lte?: number | string
  /** the array field holds every one of these values */
  $all?: Scalar[]
  /** the string field contains this text (case-sensitive) */
  $includes?: string
}

type Cond = Scalar | Ops
/** Field equality or operators, ANDed. Dotted paths reach into nested objects. `_id` is the document id. */
export type Where = Record<string, Cond>

export interface Doc {
  _id: string
  [field: string]: unknown
}

export interface FindOptions {
  where?: Where
  orderBy?: Array<[field: string, dir: 'asc' | 'desc']>
  limit?: number
  skip?: number
}

export interface Change {
  /** fields to replace (dotted paths allowed) */
  set?: Record<string, unknown>
  /** numeric fields to add to atomically */
  inc?: Record<string, number>
}

export interface GeoPoint {
  lat: number
  lng: number
}

export interface NearestOptions {
  maxKm: number
  limit: number
  where?: Where
  /** checked in process after the store's own filter, e.g. opening hours that depend on the clock */
  accept?: (doc: Doc) => boolean
}

export interface Near<T> {
  doc: T
  distanceM: number
}

/** Thrown by insert when a document with that `_id` exists; domains use deterministic ids for uniqueness. */
export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super(`duplicate id in ${collection}`)
    this.name = 'DuplicateKeyError'
  }
}

export interface Store {
  get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null>
  find<T extends Doc = Doc>(collection: string, options?: FindOptions): Promise<T[]>
  count(collection: string, where?: Where): Promise<number>
  /** Inserts a new document; throws DuplicateKeyError when `_id` is taken. Returns the id. */
  insert(collection: string, doc: Omit<Doc, '_id'> & { _id?: string }): Promise<string>
  /** Creates or wholly replaces the document with this id. */
  put(collection: string, doc: Doc): Promise<void>
  /** Atomically changes every document matching `where`; returns how many changed. */
  update(collection: string, where: Where, change: Change): Promise<number>
  remove(collection: string, where: Where): Promise<number>
  /**
   * Runs `fn` atomically. Inside it, use only get / insert / put / update / remove by `{ _id }`:
   * CloudBase transactions work on single documents by id.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>
  /** Documents whose `location` lies within `maxKm` of `point`, nearest first. */
  nearest<T extends Doc = Doc>(collection: string, point: GeoPoint, options: NearestOptions): Promise<Near<T>[]>
  close?(): Promise<void>
}
