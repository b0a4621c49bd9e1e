import type { Actions, Ctx } from './contract'
import type { Store } from './store/port'

/**
 * A collection a domain uses, with the fields it is queried by. The SQLite adapter indexes them, and the
 * deploy plan creates the same indexes in CloudBase: one source of truth.
 */
interface CollectionSpec {
  /** single fields, or compound keys in query order (equality fields first, then the sort field) */
  indexes?: Array<string | string[]>
  /** a GeoPoint field queried with `nearest` */
  geo?: string
}

export type Collections = Record<string, CollectionSpec>

/** What a domain's demo seed may rely on from the core seed. */
export interface DemoContext {
  now: Date
  /** the demo county federation's org id (乐陵市总工会) */
  countyId: string
}

/** What one `cloudfunctions/<name>/` folder exports from its `module.ts`. */
export interface FunctionModule {
  actions: Actions
  collections?: Collections
  /** demo data for the local gateway; runs once on an empty store, after the core seed (orgs, areas, users) */
  seed?: (store: Store, demo: DemoContext) => Promise<void>
  /**
   * Work no user call triggers, run every minute (a CloudBase timer trigger in the cloud, a timer on the local
   * gateway): e.g. passing on waitlist offers nobody accepted in time. Gets a system caller with no roles.
   */
  onTimer?: (ctx: Ctx) => Promise<unknown>
  /**
   * How often the cloud trigger runs `onTimer` (the local gateway runs every job each minute). Every run also
   * sends the outbox, and each run is an invocation billed to the environment: jobs that need not run each
   * minute say so, and only one function keeps the per-minute trigger.
   */
  timerEvery?: 'minute' | 'tenMinutes' | 'hour'
}

/** CloudBase's seven-field cron for each cadence. */
export const TIMER_CRON: Record<NonNullable<FunctionModule['timerEvery']>, string> = {
  minute: '0 */1 * * * * *',
  tenMinutes: '0 */10 * * * * *',
  hour: '0 0 * * * * *',
}

export function defineModule(m: FunctionModule): FunctionModule {
  return m
}

/** Collections every function relies on through `_core` (identity, org tree and county, limits, audit, notices). */
const CORE_COLLECTIONS: Collections = {
  users: {},
  orgs: { indexes: ['parentId'] },
  areas: { indexes: ['orgId', 'order'] },
  // the county's settings (root org, 行政区划代码): one document, see county.ts
  settings: {},
  rate_limits: { indexes: ['expiresAt'] },
  // paths handed out for uploads (_core/uploads.ts): 删除我的数据 removes the files behind them
  upload_paths: { indexes: ['openid', 'expiresAt'] },
  audit_log: { indexes: [['targetId', 'at'], 'action'] },
  outbox: {
    indexes: [
      ['openid', 'createdAt'],
      ['status', 'createdAt'],
    ],
  },
}

/** Every collection of these modules plus the core ones; a name declared twice must agree. */
export function allCollections(modules: FunctionModule[]): Collections {
  const out: Collections = { ...CORE_COLLECTIONS }
  for (const m of modules) {
    for (const [name, spec] of Object.entries(m.collections ?? {})) {
      const prev = out[name]
      out[name] = prev ? { indexes: [...(prev.indexes ?? []), ...(spec.indexes ?? [])], geo: prev.geo ?? spec.geo } : spec
    }
  }
  return out
}
