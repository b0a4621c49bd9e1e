import type { Store } from '../../cloudfunctions/_core/store/port'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * A store whose every call waits a random 0..maxMs before and after it, as a network round trip to CloudBase
 * would. On SQLite alone every call is instant and serialised, so read-then-write races never show; with
 * this wrapper they do. Transactions stay atomic (the inner store still serialises them), their steps slow.
 */
export function withLatency(inner: Store, maxMs = 5, rand: () => number = Math.random): Store {
  const delay = () => sleep(Math.floor(rand() * (maxMs + 1)))
  const wrap = (s: Store): Store => {
    const slow =
      <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
      async (...a: A): Promise<R> => {
        await delay()
        const r = await f(...a)
        await delay()
        return r
      }
    return {
      get: slow((c, id) => s.get(c, id)),
      find: slow((c, o) => s.find(c, o)),
      count: slow((c, w) => s.count(c, w)),
      insert: slow((c, d) => s.insert(c, d)),
      put: slow((c, d) => s.put(c, d)),
      update: slow((c, w, ch) => s.update(c, w, ch)),
      remove: slow((c, w) => s.remove(c, w)),
      nearest: slow((c, p, o) => s.nearest(c, p, o)),
      transaction: slow((fn) => s.transaction((tx) => fn(wrap(tx)))),
      close: s.close?.bind(s),
    } as Store
  }
  return wrap(inner)
}

export interface OpCounts {
  total: number
  byOp: Record<string, number>
}

/**
 * Counts store calls (a transaction counts as one, plus each call inside it): in the cloud each is a database
 * request, and that count, not CPU, decides how many users a second an environment can take.
 */
export function withCounting(inner: Store): { store: Store; counts: OpCounts; reset(): void } {
  const counts: OpCounts = { total: 0, byOp: {} }
  const hit = (op: string) => {
    counts.total++
    counts.byOp[op] = (counts.byOp[op] ?? 0) + 1
  }
  const wrap = (s: Store): Store => ({
    get: (c, id) => (hit('get'), s.get(c, id)),
    find: (c, o) => (hit('find'), s.find(c, o)),
    count: (c, w) => (hit('count'), s.count(c, w)),
    insert: (c, d) => (hit('insert'), s.insert(c, d)),
    put: (c, d) => (hit('put'), s.put(c, d)),
    update: (c, w, ch) => (hit('update'), s.update(c, w, ch)),
    remove: (c, w) => (hit('remove'), s.remove(c, w)),
    nearest: (c, p, o) => (hit('nearest'), s.nearest(c, p, o)),
    transaction: (fn) => (hit('transaction'), s.transaction((tx) => fn(wrap(tx)))),
    close: s.close?.bind(s),
  })
  return {
    store: wrap(inner),
    counts,
    reset: () => {
      counts.total = 0
      counts.byOp = {}
    },
  }
}
