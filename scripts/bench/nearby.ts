/**
 * Nearest-20 over 200,000 stations spread across China: the indexed embedded store (R*Tree) against
 * linear scans of the same data, measured in one run. Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import { STORE_INDEXES } from '../../cloudfunctions/_local/registry'
import { distanceMeters } from '../../src/contracts/geo'
import { AMENITY_KEYS } from '../../src/contracts/stations/amenities'
import { isCurrent, type StationDoc } from '../../cloudfunctions/stations/model'

const N = Number(process.env.BENCH_STATIONS ?? 200_000)
const QUERIES = 2000
const SCAN_QUERIES = 40
const K = 20
const MAX_KM = 50

/** mulberry32: a seeded generator, so every run measures the same data. */
function rng(seed: number) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rand = rng(20261123)

// Stations cluster where people work: 400 towns and cities between Heilongjiang and Hainan, Xinjiang and
// the coast, weighted towards the populous east; a tenth are scattered along roads in between.
const cities = Array.from({ length: 400 }, () => {
  const east = rand() < 0.75
  return {
    lat: east ? 22 + rand() * 19 : 25 + rand() * 20,
    lng: east ? 108 + rand() * 13 : 80 + rand() * 28,
    spreadKm: 3 + rand() * 25,
    weight: rand() ** 2,
  }
})
const totalWeight = cities.reduce((s, c) => s + c.weight, 0)
function pickCity() {
  let r = rand() * totalWeight
  for (const c of cities) if ((r -= c.weight) <= 0) return c
  return cities[cities.length - 1]
}
function around(c: { lat: number; lng: number; spreadKm: number }) {
  const r = (c.spreadKm * Math.sqrt(-2 * Math.log(rand() + 1e-12))) / 2
  const a = rand() * 2 * Math.PI
  return { lat: c.lat + (r * Math.cos(a)) / 111.32, lng: c.lng + (r * Math.sin(a)) / (111.32 * Math.cos((c.lat * Math.PI) / 180)) }
}
function point() {
  return rand() < 0.9 ? around(pickCity()) : { lat: 21 + rand() * 25, lng: 98 + rand() * 24 }
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b)
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]
  return { median: q(0.5), p99: q(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length }
}
const ms = (x: number) => `${x.toFixed(3)} ms`

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gh-bench-'))
  const store = new SqliteStore({ file: join(dir, 'bench.db'), indexes: STORE_INDEXES })
  const stations = Array.from({ length: N }, (_, i) => {
    const p = point()
    return {
      _id: `b${i}`,
      name: `驿站${i}`,
      address: `某市某路 ${i} 号`,
      location: p,
      hours: i % 3 ? '08:00-20:00' : '24小时',
      amenities: AMENITY_KEYS.filter(() => rand() < 0.5),
      phone: '',
      photos: [],
      orgId: 'org-bench',
      status: 'active',
    }
  })
  let t = performance.now()
  await store.transaction(async (tx) => {
    for (const s of stations) await tx.insert('stations', s)
  })
  console.log(`loaded ${N.toLocaleString()} stations in ${((performance.now() - t) / 1000).toFixed(1)} s`)

  const queries = Array.from({ length: QUERIES }, () => (rand() < 0.8 ? around(pickCity()) : point()))
  const where = { status: 'active' }

  // warm up caches and the statement cache as a long-running function instance would be
  for (const q of queries.slice(0, 100)) await store.nearest('stations', q, { maxKm: MAX_KM, limit: K, where })
  const indexed: number[] = []
  const found: number[] = []
  for (const q of queries) {
    t = performance.now()
    const r = await store.nearest('stations', q, { maxKm: MAX_KM, limit: K, where })
    indexed.push(performance.now() - t)
    found.push(r.length)
  }

  // What nearby and nearest ask since stations have validity dates: the same query, each candidate's dates
  // checked by the Beijing date as it is read (an accept callback; a date cannot be a stored filter).
  const now = new Date()
  const accepted: number[] = []
  for (const q of queries) {
    t = performance.now()
    await store.nearest('stations', q, { maxKm: MAX_KM, limit: K, where, accept: (d) => isCurrent(d as StationDoc, now) })
    accepted.push(performance.now() - t)
  }

  // Linear scan 1: the same store without the R*Tree — read every row's coordinates, keep the best K.
  const scanStmt = store.db.prepare(
    `SELECT rid, json_extract(body, '$.location.lat') AS lat, json_extract(body, '$.location.lng') AS lng FROM c_stations WHERE json_extract(body, '$.status') = 'active'`,
  )
  const bodyStmt = store.db.prepare('SELECT body FROM c_stations WHERE rid = ?')
  const sqlScan: number[] = []
  let mismatches = 0
  for (const q of queries.slice(0, SCAN_QUERIES)) {
    t = performance.now()
    const best: { rid: number; d: number }[] = []
    for (const row of scanStmt.iterate() as Iterable<{ rid: number; lat: number; lng: number }>) {
      const d = distanceMeters(q, row)
      if (d > MAX_KM * 1000 || (best.length === K && d >= best[K - 1].d)) continue
      best.push({ rid: row.rid, d })
      best.sort((a, b) => a.d - b.d)
      if (best.length > K) best.pop()
    }
    const docs = best.map((b) => JSON.parse((bodyStmt.get(b.rid) as { body: string }).body))
    sqlScan.push(performance.now() - t)
    const viaIndex = (await store.nearest('stations', q, { maxKm: MAX_KM, limit: K, where })).map((n) => n.doc._id)
    if (JSON.stringify(viaIndex) !== JSON.stringify(docs.map((d) => d._id))) mismatches++
  }

  // Linear scan 2: the most favourable scan — coordinates already in typed arrays in memory.
  const lats = Float64Array.from(stations, (s) => s.location.lat)
  const lngs = Float64Array.from(stations, (s) => s.location.lng)
  const memScan: number[] = []
  for (const q of queries.slice(0, 400)) {
    t = performance.now()
    const best: { i: number; d: number }[] = []
    for (let i = 0; i < N; i++) {
      const d = distanceMeters(q, { lat: lats[i], lng: lngs[i] })
      if (d > MAX_KM * 1000 || (best.length === K && d >= best[K - 1].d)) continue
      best.push({ i, d })
      best.sort((a, b) => a.d - b.d)
      if (best.length > K) best.pop()
    }
    memScan.push(performance.now() - t)
  }

  const I = stats(indexed)
  const S = stats(sqlScan)
  const M = stats(memScan)
  const full = found.filter((n) => n === K).length
  console.log(`\nnearest-${K} within ${MAX_KM} km over ${N.toLocaleString()} stations (${QUERIES} queries, 80% in towns)`)
  console.log(`  indexed store (R*Tree)        median ${ms(I.median)}  p99 ${ms(I.p99)}  mean ${ms(I.mean)}`)
  const A = stats(accepted)
  console.log(`  indexed + validity check      median ${ms(A.median)}  p99 ${ms(A.p99)}  mean ${ms(A.mean)}`)
  console.log(`  store linear scan (${SCAN_QUERIES} q)     median ${ms(S.median)}  p99 ${ms(S.p99)}`)
  console.log(`  in-memory array scan (400 q)  median ${ms(M.median)}  p99 ${ms(M.p99)}`)
  console.log(
    `  ratio vs store scan:     ${(S.median / I.median).toFixed(0)}x at the median, ${(S.p99 / I.p99).toFixed(0)}x at p99   (target ≥ 100x, median < 1 ms)`,
  )
  console.log(`  ratio vs in-memory scan: ${(M.median / I.median).toFixed(0)}x at the median`)
  console.log(`  queries that found all ${K}: ${full}/${QUERIES}; index and scan disagreed on ${mismatches}/${SCAN_QUERIES}`)
  console.log(`  process RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`)
  await store.close()
  rmSync(dir, { recursive: true, force: true })
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
