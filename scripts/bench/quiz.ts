/**
 * 答题抽奖 under a rush: 10,000 distinct people draw at once through the real gateway (HTTP on 127.0.0.1,
 * SQLite store) for 100 prizes; then a chi-square test of 100,000 intended outcomes against the weights.
 * Prints figures; exits non-zero only if a correctness property fails (over-issue, chi-square rejected).
 */
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import { STORE_INDEXES } from '../../cloudfunctions/_local/registry'
import { silentLogger } from '../../cloudfunctions/_core/log'
import { createGateway } from '../../cloudfunctions/_local/gateway'
import { localNotifier } from '../../cloudfunctions/_local/outbox'
import { seedIfEmpty } from '../../cloudfunctions/_local/seed/seed'
import { generateKeyMaterial, keysFromMaterial } from '../../cloudfunctions/_core/keys'
import { drawValue, newSeed, pickByWeight } from '../../cloudfunctions/_core/fairdraw'
import { drawIdOf } from '../../cloudfunctions/quiz/engine'
import { withCounting } from '../../tests/utils/store-wrappers'

const PEOPLE = Number(process.env.BENCH_DRAWS ?? 10_000)
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 1000)
const PRIZES = [
  { name: '乐陵金丝小枣礼盒', kind: 'goods', quantity: 10, weight: 300 },
  { name: '20 元话费', kind: 'phone_credit', quantity: 20, weight: 700 },
  { name: '5 元红包', kind: 'red_packet', quantity: 40, weight: 1500 },
  { name: '50 元消费券', kind: 'voucher', quantity: 30, weight: 500 },
]

function quantiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b)
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]
  return { p50: q(0.5), p99: q(0.99), max: s[s.length - 1] }
}

/** Runs `tasks` with at most `limit` in flight; returns each one's latency in ms. */
async function pool<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await run(items[next++])
    }),
  )
}

async function rush() {
  const raw = new SqliteStore({ file: ':memory:', indexes: STORE_INDEXES })
  const now = new Date('2026-11-23T10:00:00+08:00')
  await seedIfEmpty(raw, now)
  const counting = withCounting(raw)
  const server = createGateway({
    store: counting.store,
    key: randomBytes(32),
    notifier: localNotifier(silentLogger),
    log: silentLogger,
    keys: keysFromMaterial(generateKeyMaterial()),
    now: () => now,
  })
  // A burst of connections: a listen backlog beyond Node's default 511.
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', 4096, r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
    return (await res.json()) as any
  }

  const staff = (await post('/api/dev/login', { openid: 'demo-staff' })).data.token
  const created = await post(
    '/api/quiz',
    {
      action: 'upsertCampaign',
      data: {
        title: '基准测试活动',
        startAt: '2026-11-20T00:00:00+08:00',
        endAt: '2026-12-31T00:00:00+08:00',
        audience: 'all',
        questionsPerAttempt: 1,
        timeLimitSec: 60,
        passScore: 1,
        attemptsPerDay: 3,
        drawsPerPass: 1,
        prizes: PRIZES,
      },
    },
    staff,
  )
  if (!created.ok) throw new Error(JSON.stringify(created))
  const campaignId: string = created.data.id

  // Draw rights written straight into the store (as passing a quiz would), and one session per person.
  const people = Array.from({ length: PEOPLE }, (_, i) => `bench-${i}`)
  for (const openid of people)
    await raw.put('quiz_players', {
      _id: `${campaignId}:${openid}`,
      campaignId,
      openid,
      name: '',
      drawsLeft: 1,
      drawsGranted: 1,
      drawsUsed: 0,
      attempts: 1,
      passes: 1,
      bestScore: 1,
      bestMs: 30000,
    })
  const tokens: string[] = []
  await pool(people, 200, async (openid) => {
    tokens.push((await post('/api/dev/login', { openid })).data.token)
  })

  counting.reset()
  const latencies: number[] = []
  let won = 0
  let failed = 0
  let transportErrors = 0
  const t0 = performance.now()
  await pool(tokens, IN_FLIGHT, async (token) => {
    const s = performance.now()
    const r = await post('/api/quiz', { action: 'draw', data: { campaignId } }, token).catch(() => ({ ok: false, transport: true }))
    latencies.push(performance.now() - s)
    if (r.transport) transportErrors++
    if (!r.ok) failed++
    else if (r.data.won) won++
  })
  const seconds = (performance.now() - t0) / 1000
  const ops = { ...counting.counts, byOp: { ...counting.counts.byOp } }

  const prizeDocs = await raw.find<{ _id: string; name: string; quantity: number; remaining: number }>('quiz_prizes', { where: { campaignId } })
  const issued = await raw.count('quiz_draws', { campaignId, issued: true })
  const intendedWins = await raw.count('quiz_draws', { campaignId, intendedIndex: { $gte: 0 } })
  const stock = PRIZES.reduce((s, p) => s + p.quantity, 0)
  const q = quantiles(latencies)
  console.log(`\n答题抽奖: ${PEOPLE} draws by distinct people, ${IN_FLIGHT} in flight, ${stock} prizes in stock (gateway over HTTP, SQLite)`)
  console.log(
    `  issued                ${issued} (stock ${stock}; ${intendedWins} draws intended a prize; ${won} answered won; ${failed} errors, of which ${transportErrors} connection errors)`,
  )
  for (const p of prizeDocs) console.log(`    ${p.name.padEnd(12, '　')} ${p.quantity - p.remaining}/${p.quantity}`)
  console.log(`  throughput            ${(PEOPLE / seconds).toFixed(0)} draws/s (${seconds.toFixed(1)} s)`)
  console.log(`  latency               p50 ${q.p50.toFixed(1)} ms, p99 ${q.p99.toFixed(1)} ms, max ${q.max.toFixed(1)} ms`)
  console.log(
    `  store ops per draw    ${(ops.total / PEOPLE).toFixed(2)} (${Object.entries(ops.byOp)
      .map(([k, v]) => `${k} ${(v / PEOPLE).toFixed(2)}`)
      .join(', ')})`,
  )
  await new Promise((r) => server.close(r))
  await raw.close()
  const ok = issued <= stock && (intendedWins < stock || issued === stock) && prizeDocs.every((p) => p.remaining >= 0)
  if (!ok) console.log('  FAIL: issued beyond stock, or fewer than stock although enough draws won')
  return ok
}

/** Upper 1% point of chi-square with `df` degrees of freedom (Wilson–Hilferty; within 0.5% for df ≥ 3). */
function chi2Critical99(df: number): number {
  const z = 2.326347874
  const a = 2 / (9 * df)
  return df * (1 - a + z * Math.sqrt(a)) ** 3
}

function chiSquare() {
  const N = 100_000
  const seed = newSeed()
  const weights = PRIZES.map((p) => p.weight)
  const cats = [...weights, 10_000 - weights.reduce((s, w) => s + w, 0)]
  const counts = new Array(cats.length).fill(0)
  const buckets = new Array(100).fill(0)
  const t0 = performance.now()
  for (let i = 0; i < N; i++) {
    // The ids real draws get: campaign, person tag, n.
    const id = drawIdOf('bench-campaign', `person-${i >> 1}`, (i & 1) + 1)
    const v = drawValue(seed, id)
    const k = pickByWeight(v, PRIZES)
    counts[k < 0 ? cats.length - 1 : k]++
    buckets[Math.floor(v / 100)]++
  }
  const ms = performance.now() - t0
  const chi = (obs: number[], exp: number[]) => obs.reduce((s, o, i) => s + (o - exp[i]) ** 2 / exp[i], 0)
  const x1 = chi(
    counts,
    cats.map((w) => (N * w) / 10_000),
  )
  const c1 = chi2Critical99(cats.length - 1)
  const x2 = chi(
    buckets,
    buckets.map(() => N / 100),
  )
  const c2 = chi2Critical99(99)
  console.log(`\nchi-square of ${N} intended outcomes (${ms.toFixed(0)} ms to compute)`)
  console.log(`  categories (4 prizes + 谢谢参与): observed ${counts.join(' / ')}; expected ${cats.map((w) => (N * w) / 10_000).join(' / ')}`)
  console.log(`  χ² = ${x1.toFixed(2)}, df ${cats.length - 1}, 99% critical ${c1.toFixed(2)} → ${x1 < c1 ? 'pass' : 'FAIL'}`)
  console.log(`  values 0–9999 in 100 buckets: χ² = ${x2.toFixed(2)}, df 99, 99% critical ${c2.toFixed(2)} → ${x2 < c2 ? 'pass' : 'FAIL'}`)
  return x1 < c1 && x2 < c2
}

async function main() {
  const mem0 = process.memoryUsage().rss
  const a = await rush()
  const b = chiSquare()
  console.log(`  process memory        ${((process.memoryUsage().rss - mem0) / 1e6).toFixed(0)} MB above start`)
  if (!a || !b) process.exit(1)
}
void main()
