/**
 * The opening rushes on CloudBase's own semantics. Each scenario calls the real functions (dispatch: caller,
 * roles, input, rate limit, handler, as CloudBase invokes them; no HTTP, whose CPU on this 2-core machine
 * would be measured instead of the database) twice:
 * (a) over SQLite, which runs one transaction at a time, and (b) over the real CloudBaseStore on the
 * CloudBase-semantics double (tests/utils/cloudbase-double.ts) with 8–25 ms per database request, where
 * transactions read snapshots and the later of two writers of a document is aborted. Arrivals are spread
 * evenly over the window, as a crowd pressing 预约 at 09:00 would be. Prints, per run: places or prizes taken
 * against capacity or stock, failed answers (anything but a booking or a clear refusal for a valid request),
 * database requests per booking or draw (retries included), p50 and p99. Then the naive read-then-write
 * booking on the double, which must overbook: the double is honest. Prints figures; asserts nothing.
 */
import * as z from 'zod'
import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import { CloudBaseStore } from '../../cloudfunctions/_core/store/cloudbase'
import type { Store } from '../../cloudfunctions/_core/store/port'
import { STORE_INDEXES } from '../../cloudfunctions/_local/registry'
import { FUNCTIONS } from '../../cloudfunctions/_local/registry'
import { localNotifier } from '../../cloudfunctions/_local/outbox'
import { silentLogger } from '../../cloudfunctions/_core/log'
import { generateKeyMaterial, keysFromMaterial } from '../../cloudfunctions/_core/keys'
import { defineAction, dispatch } from '../../cloudfunctions/_core/contract'
import { CloudBaseDouble } from '../../tests/utils/cloudbase-double'
import { withCounting } from '../../tests/utils/store-wrappers'
import { benchChild, benchClass } from './lib/childcare-fixtures'

const NOW = new Date('2027-06-10T09:00:05+08:00')
const LATENCY: [number, number] = [8, 25]

type Backend = 'sqlite' | 'cloudbase'

interface Env {
  store: Store
  /** database requests so far (SQLite: store calls; the double: requests, transaction start and commit included) */
  requests(): number
  reset(): void
  slow(): void
  dump(collection: string): Array<Record<string, any>>
  close(): Promise<void>
}

function makeEnv(backend: Backend): Env {
  if (backend === 'sqlite') {
    const raw = new SqliteStore({ file: ':memory:', indexes: STORE_INDEXES })
    const counting = withCounting(raw)
    return {
      store: counting.store,
      requests: () => counting.counts.total,
      reset: () => counting.reset(),
      slow: () => undefined,
      dump: (c) => raw.rawDump(c).map((s) => JSON.parse(s)),
      close: () => raw.close(),
    }
  }
  const double = new CloudBaseDouble()
  return {
    store: new CloudBaseStore(double.db(), { log: silentLogger }),
    requests: () => double.total,
    reset: () => double.resetCounts(),
    slow: () => double.setLatency(LATENCY),
    dump: (c) => double.dump(c),
    close: async () => undefined,
  }
}

function quantile(samples: number[], p: number) {
  const s = [...samples].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0
}

/** Fires `n` requests spread evenly over `windowMs`, all of them in flight at once if need be. */
async function arrive<T>(n: number, windowMs: number, send: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => new Promise<T>((resolve) => setTimeout(() => resolve(send(i)), (i * windowMs) / n))))
}

const keys = keysFromMaterial(generateKeyMaterial())

/** A function call as CloudBase makes it: the caller's openid from WeChat, the body as sent. */
function caller(env: Env) {
  return async (fn: string, openid: string, body: unknown) => {
    const t = performance.now()
    const json = (await dispatch(FUNCTIONS[fn], body, openid, {
      store: env.store,
      log: silentLogger,
      notifier: localNotifier(silentLogger),
      now: () => NOW,
      keys,
    })) as any
    return { ms: performance.now() - t, json }
  }
}

async function childcareRush(backend: Backend, parents: number, classes: number, capacity: number, windowMs: number) {
  const env = makeEnv(backend)
  for (let c = 0; c < classes; c++) await env.store.put('cc_classes', benchClass(`bench-${c}`, capacity, NOW.toISOString()))
  for (let i = 0; i < parents; i++) await env.store.put('cc_children', benchChild(i))
  const call = caller(env)
  env.slow()
  env.reset()
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  const results = await arrive(parents, windowMs, (i) =>
    call('childcare', `parent-${i}`, {
      action: 'book',
      data: { classId: `bench-${i % classes}`, childIds: [`ch-${i}`], requestId: `bench-req-${i}` },
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(c0)
  const requests = env.requests()
  const confirmed = env.dump('cc_bookings').filter((b) => b.status === 'confirmed').length
  const failed = results.filter((r) => !r.json.ok).length
  const ms = results.map((r) => r.ms)
  await env.close()
  return {
    confirmed,
    capacity: classes * capacity,
    failed,
    perRequest: requests / parents,
    p50: quantile(ms, 0.5),
    p99: quantile(ms, 0.99),
    seconds,
    cpuMs: (cpu.user + cpu.system) / 1000 / parents,
  }
}

async function quizRush(backend: Backend, people: number, windowMs: number) {
  const env = makeEnv(backend)
  const call = caller(env)
  await env.store.put('users', { _id: 'bench-staff', name: '刘干事', grants: [{ role: 'staff', scope: 'org-leling' }] })
  await env.store.put('orgs', { _id: 'org-leling', name: '乐陵市总工会', parentId: null })
  const prizes = [
    { name: '乐陵金丝小枣礼盒', kind: 'goods', quantity: 10, weight: 300 },
    { name: '20 元话费', kind: 'phone_credit', quantity: 20, weight: 700 },
    { name: '5 元红包', kind: 'red_packet', quantity: 40, weight: 1500 },
    { name: '50 元消费券', kind: 'voucher', quantity: 30, weight: 500 },
  ]
  const created = await call('quiz', 'bench-staff', {
    action: 'upsertCampaign',
    data: {
      title: '基准测试活动',
      startAt: '2027-06-01T00:00:00+08:00',
      endAt: '2027-06-30T00:00:00+08:00',
      audience: 'all',
      questionsPerAttempt: 1,
      timeLimitSec: 60,
      passScore: 1,
      attemptsPerDay: 3,
      drawsPerPass: 1,
      prizes,
    },
  })
  if (!created.json.ok) throw new Error(JSON.stringify(created.json))
  const campaignId: string = created.json.data.id
  for (let i = 0; i < people; i++)
    await env.store.put('quiz_players', {
      _id: `${campaignId}:bench-${i}`,
      campaignId,
      openid: `bench-${i}`,
      name: '',
      drawsLeft: 1,
      drawsGranted: 1,
      drawsUsed: 0,
      attempts: 1,
      passes: 1,
      bestScore: 1,
      bestMs: 30000,
    })
  env.slow()
  env.reset()
  const c0 = process.cpuUsage()
  const results = await arrive(people, windowMs, (i) => call('quiz', `bench-${i}`, { action: 'draw', data: { campaignId } }))
  const cpu = process.cpuUsage(c0)
  const requests = env.requests()
  const codes: Record<string, number> = {}
  for (const r of results) if (!r.json.ok) codes[r.json.error.code] = (codes[r.json.error.code] ?? 0) + 1
  if (Object.keys(codes).length) console.log(`  (${backend} draw refusals: ${JSON.stringify(codes)})`)
  const issued = env.dump('quiz_draws').filter((d) => d.campaignId === campaignId && d.issued).length
  const stock = prizes.reduce((s, p) => s + p.quantity, 0)
  const ms = results.map((r) => r.ms)
  await env.close()
  return {
    issued,
    stock,
    failed: results.filter((r) => !r.json.ok).length,
    perRequest: requests / people,
    p50: quantile(ms, 0.5),
    p99: quantile(ms, 0.99),
  }
}

/** Read the class, write remaining - 1 if it was positive, insert: no guard, no transaction. */
async function naiveRush(parents: number, capacity: number, windowMs: number) {
  const env = makeEnv('cloudbase')
  await env.store.put('cc_classes', benchClass('naive', capacity, NOW.toISOString()))
  const actions = {
    book: defineAction({
      input: z.object({ i: z.number() }),
      roles: 'signedIn',
      handler: async ({ i }, ctx) => {
        const cls = (await ctx.store.get('cc_classes', 'naive')) as { remaining: number } & Record<string, unknown>
        const ok = cls.remaining > 0
        if (ok) await ctx.store.update('cc_classes', { _id: 'naive' }, { set: { remaining: cls.remaining - 1 } })
        await ctx.store.insert('cc_bookings', { _id: `2027:ch-${i}`, classId: 'naive', status: ok ? 'confirmed' : 'waitlisted' })
        return { ok }
      },
    }),
  }
  env.slow()
  await arrive(parents, windowMs, (i) =>
    dispatch(actions, { action: 'book', data: { i } }, `naive-${i}`, { store: env.store, log: silentLogger, now: () => NOW }),
  )
  return { confirmed: env.dump('cc_bookings').filter((b) => b.status === 'confirmed').length, capacity }
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length))

async function main() {
  console.log(`CloudBase semantics: the real CloudBaseStore over the double at ${LATENCY[0]}–${LATENCY[1]} ms per database request, against SQLite`)
  console.log('scenario                                         backend     taken/cap  failed  db req/each   p50 ms   p99 ms')
  const row = (name: string, backend: string, taken: string, failed: number, per: number, p50: number, p99: number) =>
    console.log(
      `${pad(name, 49)}${pad(backend, 12)}${pad(taken, 11)}${pad(String(failed), 8)}${pad(per.toFixed(2), 14)}${pad(p50.toFixed(0), 9)}${p99.toFixed(0)}`,
    )
  const scenarios: Array<[string, number, number, number, number]> = [
    ['托管: 2,000 parents in 2 s, 1 class of 60', 2000, 1, 60, 2000],
    ['托管: 5,000 parents in 5 s, 10 classes of 60', 5000, 10, 60, 5000],
  ]
  for (const [name, parents, classes, capacity, windowMs] of scenarios) {
    for (const backend of ['sqlite', 'cloudbase'] as const) {
      const r = await childcareRush(backend, parents, classes, capacity, windowMs)
      row(name, backend, `${r.confirmed}/${r.capacity}`, r.failed, r.perRequest, r.p50, r.p99, r.cpuMs)
    }
  }
  for (const backend of ['sqlite', 'cloudbase'] as const) {
    const n = Number(process.env.BENCH_DRAWS ?? 10_000)
    const r = await quizRush(backend, n, 10_000)
    row('答题: 10,000 draws in 10 s, 100 prizes', backend, `${r.issued}/${r.stock}`, r.failed, r.perRequest, r.p50, r.p99, r.cpuMs)
  }
  const naive = await naiveRush(2000, 60, 2000)
  console.log(
    `\nnaive read-then-write booking on the double (2,000 parents in 2 s, 60 places): ${naive.confirmed} confirmed — overbooked by ${naive.confirmed - naive.capacity}`,
  )
  console.log(
    '(failed: answers other than a booking, a waitlist place or a prize outcome; db req/each includes the caller lookup, the rate limiter and every retry)',
  )
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
