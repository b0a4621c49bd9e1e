/**
 * 暑期托管 opening rush: 5,000 parents for 600 places across 10 classes, through the HTTP gateway. Reports
 * confirmed places (must be exactly 600), throughput, p50/p99 latency and store operations per booking; then
 * a naive read-then-write booking (get class, check, write remaining - 1) under the same load, to show how
 * much it overbooks. Prints figures; asserts nothing.
 */
import http from 'node:http'
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import * as z from 'zod'
import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import { STORE_INDEXES } from '../../cloudfunctions/_local/registry'
import { createGateway } from '../../cloudfunctions/_local/gateway'
import { localNotifier } from '../../cloudfunctions/_local/outbox'
import { silentLogger } from '../../cloudfunctions/_core/log'
import { generateKeyMaterial, keysFromMaterial } from '../../cloudfunctions/_core/keys'
import { defineAction, dispatch } from '../../cloudfunctions/_core/contract'
import type { Store } from '../../cloudfunctions/_core/store/port'
import { withCounting, withLatency } from '../../tests/utils/store-wrappers'
import { benchChild, benchClass } from './lib/childcare-fixtures'

const PARENTS = Number(process.env.BENCH_PARENTS ?? 5000)
const CLASSES = 10
const CAPACITY = 60
const IN_FLIGHT = 256
const NOW = new Date('2027-06-10T09:00:05+08:00')

async function pool<T>(width: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const out: T[] = new Array(tasks.length)
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++
        out[i] = await tasks[i]()
      }
    }),
  )
  return out
}

function q(samples: number[], p: number) {
  const s = [...samples].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]
}

async function seed(store: Store) {
  for (let c = 0; c < CLASSES; c++)
    await store.put('cc_classes', { ...benchClass(`bench-${c}`, CAPACITY, NOW.toISOString()), title: `托管班 ${c + 1}` })
  for (let i = 0; i < PARENTS; i++) await store.put('cc_children', benchChild(i))
}

interface Run {
  confirmed: number
  waitlisted: number
  errors: number
  overbooked: number
  seconds: number
  p50: number
  p99: number
  ops: number
  byOp: Record<string, number>
}

async function send(url: string, headers: Record<string, string>, body: unknown) {
  const t = performance.now()
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  const json = (await res.json()) as any
  return { ms: performance.now() - t, status: res.status, json }
}

async function realRun(latencyMs: number): Promise<Run> {
  const raw = new SqliteStore({ file: ':memory:', indexes: STORE_INDEXES })
  await seed(raw)
  const counting = withCounting(latencyMs ? withLatency(raw, latencyMs) : raw)
  const key = randomBytes(32)
  const server = createGateway({
    store: counting.store,
    key,
    notifier: localNotifier(silentLogger),
    log: silentLogger,
    keys: keysFromMaterial(generateKeyMaterial()),
    now: () => NOW,
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const tokens = await pool(
    64,
    Array.from(
      { length: PARENTS },
      (_, i) => async () => (await send(`${base}/api/dev/login`, {}, { openid: `parent-${i}` })).json.data.token as string,
    ),
  )
  counting.reset()
  const t0 = performance.now()
  const results = await pool(
    IN_FLIGHT,
    Array.from(
      { length: PARENTS },
      (_, i) => () =>
        send(
          `${base}/api/childcare`,
          { authorization: `Bearer ${tokens[i]}` },
          { action: 'book', data: { classId: `bench-${i % CLASSES}`, childIds: [`ch-${i}`], requestId: `bench-req-${i}` } },
        ),
    ),
  )
  const seconds = (performance.now() - t0) / 1000
  const ops = counting.counts.total
  const byOp = { ...counting.counts.byOp }
  server.close()
  const ok = results.filter((r) => r.status === 200).map((r) => r.json.data.bookings[0].status)
  const confirmed = (raw.rawDump('cc_bookings').map((s) => JSON.parse(s)) as Array<{ status: string }>).filter((b) => b.status === 'confirmed').length
  await raw.close()
  return {
    confirmed,
    waitlisted: ok.filter((s) => s === 'waitlisted').length,
    errors: results.filter((r) => r.status >= 500).length,
    overbooked: Math.max(0, confirmed - CLASSES * CAPACITY),
    seconds,
    p50: q(
      results.map((r) => r.ms),
      0.5,
    ),
    p99: q(
      results.map((r) => r.ms),
      0.99,
    ),
    ops,
    byOp,
  }
}

/** The naive version: read the class, check remaining, write remaining - 1, insert the booking. No guard, no transaction. */
async function naiveRun(latencyMs: number): Promise<Run> {
  const raw = new SqliteStore({ file: ':memory:', indexes: STORE_INDEXES })
  await seed(raw)
  const counting = withCounting(latencyMs ? withLatency(raw, latencyMs) : raw)
  const actions = {
    book: defineAction({
      input: z.object({ classId: z.string(), childIds: z.array(z.string()), requestId: z.string() }),
      roles: 'signedIn',
      handler: async (input, ctx) => {
        const cls = (await ctx.store.get('cc_classes', input.classId)) as { _id: string; remaining: number } & Record<string, unknown>
        const confirmed = cls.remaining > 0
        if (confirmed) await ctx.store.put('cc_classes', { ...cls, remaining: cls.remaining - 1 })
        await ctx.store.insert('cc_bookings', {
          _id: `2027:${input.childIds[0]}`,
          classId: input.classId,
          status: confirmed ? 'confirmed' : 'waitlisted',
        })
        return { bookings: [{ status: confirmed ? 'confirmed' : 'waitlisted' }] }
      },
    }),
  }
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', async () => {
      const result = await dispatch(actions, JSON.parse(body), String(req.headers['x-openid']), {
        store: counting.store,
        log: silentLogger,
        now: () => NOW,
      })
      res.writeHead(result.ok ? 200 : 500, { 'content-type': 'application/json' })
      res.end(JSON.stringify(result))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  counting.reset()
  const t0 = performance.now()
  const results = await pool(
    IN_FLIGHT,
    Array.from(
      { length: PARENTS },
      (_, i) => () =>
        send(
          base,
          { 'x-openid': `parent-${i}` },
          { action: 'book', data: { classId: `bench-${i % CLASSES}`, childIds: [`ch-${i}`], requestId: `r${i}` } },
        ),
    ),
  )
  const seconds = (performance.now() - t0) / 1000
  server.close()
  const confirmed = (raw.rawDump('cc_bookings').map((s) => JSON.parse(s)) as Array<{ status: string }>).filter((b) => b.status === 'confirmed').length
  await raw.close()
  return {
    confirmed,
    waitlisted: PARENTS - confirmed,
    errors: results.filter((r) => r.status >= 500).length,
    overbooked: Math.max(0, confirmed - CLASSES * CAPACITY),
    seconds,
    p50: q(
      results.map((r) => r.ms),
      0.5,
    ),
    p99: q(
      results.map((r) => r.ms),
      0.99,
    ),
    ops: counting.counts.total,
    byOp: { ...counting.counts.byOp },
  }
}

function print(name: string, r: Run) {
  console.log(`\n${name}`)
  console.log(
    `  confirmed ${r.confirmed} of ${CLASSES * CAPACITY} places (overbooked by ${r.overbooked}), waitlisted ${r.waitlisted}, errors 5xx ${r.errors}`,
  )
  console.log(
    `  ${PARENTS} bookings in ${r.seconds.toFixed(2)} s = ${(PARENTS / r.seconds).toFixed(0)}/s; latency p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`,
  )
  console.log(
    `  store operations per booking ${(r.ops / PARENTS).toFixed(2)} (all calls incl. the gateway's user lookup): ${Object.entries(r.byOp)
      .map(([k, v]) => `${k} ${(v / PARENTS).toFixed(2)}`)
      .join(', ')}`,
  )
}

async function main() {
  console.log(
    `childcare rush: ${PARENTS} parents, ${CLASSES} classes x ${CAPACITY} places, ${IN_FLIGHT} requests in flight, HTTP gateway over SQLite`,
  )
  print('book (read class and children, guarded decrement outside any transaction, insert booking)', await realRun(0))
  print('book, with 0-1 ms store latency per call (cloud-like round trips)', await realRun(1))
  print('naive read-then-write (get class, put remaining - 1, insert)', await naiveRun(0))
  print('naive read-then-write, with 0-1 ms store latency per call', await naiveRun(1))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
