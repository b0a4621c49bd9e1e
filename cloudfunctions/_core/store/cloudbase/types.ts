/*
 * The slice of @cloudbase/node-sdk's database this adapter uses. It is described structurally so that the
 * adapter never loads the SDK itself (the local gateway and the unit tests import it without CloudBase), and
 * so that `app.database()` fits without a cast.
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

/** CloudBase answers at most this many documents per read. */
export const PAGE_MAX = 1000
