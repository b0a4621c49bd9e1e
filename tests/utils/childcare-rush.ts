import type { TestGateway } from '../integration/harness'
import { classInput, pool, seedChild } from './childcare'

/**
 * The opening-time rush through the real gateway: thousands of parents book one class at once. Exactly
 * `capacity` get places, the rest wait in arrival order, nobody gets a 500.
 */
export const PARENTS = 2000
export const CAPACITY = 60

export async function rush(gw: TestGateway, count = PARENTS) {
  gw.clock.now = new Date('2027-06-10T08:00:00+08:00')
  const staff = await gw.login('demo-staff')
  const created = await gw.call('childcare', { action: 'upsertClass', data: classInput({ capacity: CAPACITY }) }, staff)
  expect(created.status).toBe(200)
  const classId: string = created.json.data.id
  const parents = Array.from({ length: count }, (_, i) => `rush-${i}`)
  for (const p of parents) await seedChild(gw.store, p, `ch-${p}`)
  const tokens = await pool(
    50,
    parents.map((p) => () => gw.login(p)),
  )
  // Before the published time: CLOSED, and nothing is taken.
  const early = await gw.call(
    'childcare',
    { action: 'book', data: { classId, childIds: [`ch-${parents[0]}`], requestId: 'early-request-0' } },
    tokens[0],
  )
  expect(early.json.error.code).toBe('CLOSED')
  gw.clock.now = new Date('2027-06-10T09:00:00+08:00')
  const results = await pool(
    256,
    parents.map((p, i) => () => gw.call('childcare', { action: 'book', data: { classId, childIds: [`ch-${p}`], requestId: `req-${p}` } }, tokens[i])),
  )
  return { classId, parents, tokens, results, staff }
}

export function checkRush(gw: TestGateway, { classId, results }: Awaited<ReturnType<typeof rush>>, count = PARENTS) {
  const statuses = results.map((r) => r.status)
  expect(statuses.filter((s) => s !== 200)).toEqual([])
  const bookings = results.map((r) => r.json.data.bookings[0])
  const confirmed = bookings.filter((b) => b.status === 'confirmed')
  const waiting = bookings.filter((b) => b.status === 'waitlisted')
  expect(confirmed).toHaveLength(CAPACITY)
  expect(waiting).toHaveLength(count - CAPACITY)
  // Positions 1..N, each once, and in the order the server took the requests (their sequence numbers).
  expect(waiting.map((b) => b.position).sort((a, b) => a - b)).toEqual(Array.from({ length: count - CAPACITY }, (_, i) => i + 1))
  const stored = gw.store
    .rawDump('cc_bookings')
    .map((s) => JSON.parse(s))
    .filter((b) => b.classId === classId)
  expect(stored.filter((b) => b.status === 'confirmed')).toHaveLength(CAPACITY)
  const bySeq = stored.filter((b) => b.status === 'waitlisted').sort((a, b) => a.seq - b.seq)
  const posOf = new Map(waiting.map((b) => [b.id, b.position]))
  expect(bySeq.map((b) => posOf.get(b._id))).toEqual(Array.from({ length: count - CAPACITY }, (_, i) => i + 1))
  const cls = JSON.parse(gw.store.rawDump('cc_classes').find((s) => JSON.parse(s)._id === classId)!)
  expect(cls).toMatchObject({ remaining: 0, waiting: count - CAPACITY, toOffer: 0 })
}
