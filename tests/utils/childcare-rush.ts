import type { TestGateway } from '../integration/harness'
import { classInput, pool, seedChild } from './childcare'

/**
 * The opening-time rush through the real gateway: thousands of parents book one class at once. Exactly
 * `capacity` get places, the rest wait in arrival order, nobody gets a 500.
 */
export const PARENTS = 2000
export const CAPACITY = 60

export async function rush(gw: TestGateway, count = PARENTS, opts: { beforeRush?: () => void } = {}) {
  gw.clock.now = new Date('2027-06-10T08:00:00+08:00')
  const staff = await gw.login('demo-staff')
  const created = await gw.as(staff).call('childcare', 'upsertClass', classInput({ capacity: CAPACITY }))
  expect(created.status).toBe(200)
  const classId: string = created.data!.id
  const parents = Array.from({ length: count }, (_, i) => `rush-${i}`)
  for (const p of parents) await seedChild(gw.store, p, `ch-${p}`)
  const tokens = await pool(
    50,
    parents.map((p) => () => gw.login(p)),
  )
  // Before the published time: CLOSED, and nothing is taken.
  const early = await gw.as(tokens[0]).call('childcare', 'book', { classId, childIds: [`ch-${parents[0]}`], requestId: 'early-request-0' })
  expect(early.error!.code).toBe('CLOSED')
  gw.clock.now = new Date('2027-06-10T09:00:00+08:00')
  opts.beforeRush?.()
  const results = await pool(
    256,
    parents.map((p, i) => () => gw.as(tokens[i]).call('childcare', 'book', { classId, childIds: [`ch-${p}`], requestId: `req-${p}` })),
  )
  return { classId, parents, tokens, results, staff }
}

export async function checkRush(gw: TestGateway, { classId, results, tokens }: Awaited<ReturnType<typeof rush>>, count = PARENTS) {
  const statuses = results.map((r) => r.status)
  expect(statuses.filter((s) => s !== 200)).toEqual([])
  const bookings = results.map((r) => r.data!.bookings[0])
  const confirmed = bookings.filter((b) => b.status === 'confirmed')
  const waiting = bookings.filter((b) => b.status === 'waitlisted')
  expect(confirmed).toHaveLength(CAPACITY)
  expect(waiting).toHaveLength(count - CAPACITY)
  const stored = gw.store
    .rawDump('cc_bookings')
    .map((s) => JSON.parse(s))
    .filter((b) => b.classId === classId)
  expect(stored.filter((b) => b.status === 'confirmed')).toHaveLength(CAPACITY)
  // The waitlist is ordered by arrival (`seq`, unique); a child's place in it is its rank there. The
  // position a parent was told at booking time was counted then: requests that arrived earlier but were
  // still being written could only add to it afterwards, never take away.
  const bySeq = stored.filter((b) => b.status === 'waitlisted').sort((a, b) => a.seq - b.seq)
  expect(new Set(bySeq.map((b) => b.seq)).size).toBe(count - CAPACITY)
  const told = new Map(waiting.map((b) => [b.id, b.position]))
  bySeq.forEach((b, i) => {
    expect(told.get(b._id)).toBeGreaterThanOrEqual(1)
    expect(told.get(b._id)).toBeLessThanOrEqual(i + 1)
  })
  // What parents see afterwards: positions 1..N, each once, in arrival order.
  const last = bySeq[bySeq.length - 1]
  const mine = await gw.as(tokens[results.findIndex((r) => r.data!.bookings[0].id === last._id)]).call('childcare', 'myBookings')
  expect(mine.data!.items.find((b: { id: string }) => b.id === last._id)!.position).toBe(count - CAPACITY)
  const cls = JSON.parse(gw.store.rawDump('cc_classes').find((s) => JSON.parse(s)._id === classId)!)
  expect(cls).toMatchObject({ remaining: 0, toOffer: 0 })
  const detail = await gw.as(tokens[0]).call('childcare', 'getClass', { id: classId })
  expect(detail.data!).toMatchObject({ remaining: 0, waiting: count - CAPACITY })
}
