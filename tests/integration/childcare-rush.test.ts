import { startGateway, type TestGateway } from './harness'
import { classInput, pool, seedChild } from '../utils/childcare'
jest.setTimeout(60_000)


/**
 * The opening-time rush through the real gateway: thousands of parents book one class at once. Exactly
 * `capacity` get places, the rest wait in arrival order, nobody gets a 500.
 */
const PARENTS = 2000
const CAPACITY = 60

async function rush(gw: TestGateway) {
  gw.clock.now = new Date('2027-06-10T08:00:00+08:00')
  const staff = await gw.login('demo-staff')
  const created = await gw.call('childcare', { action: 'upsertClass', data: classInput({ capacity: CAPACITY }) }, staff)
  expect(created.status).toBe(200)
  const classId: string = created.json.data.id
  const parents = Array.from({ length: PARENTS }, (_, i) => `rush-${i}`)
  for (const p of parents) await seedChild(gw.store, p, `ch-${p}`)
  const tokens = await pool(50, parents.map((p) => () => gw.login(p)))
  // Before the published time: CLOSED, and nothing is taken.
  const early = await gw.call('childcare', { action: 'book', data: { classId, childIds: [`ch-${parents[0]}`], requestId: 'early-request-0' } }, tokens[0])
  expect(early.json.error.code).toBe('CLOSED')
  gw.clock.now = new Date('2027-06-10T09:00:00+08:00')
  const results = await pool(
    256,
    parents.map((p, i) => () => gw.call('childcare', { action: 'book', data: { classId, childIds: [`ch-${p}`], requestId: `req-${p}` } }, tokens[i])),
  )
  return { classId, parents, tokens, results, staff }
}

function checkRush(gw: TestGateway, { classId, results }: Awaited<ReturnType<typeof rush>>) {
  const statuses = results.map((r) => r.status)
  expect(statuses.filter((s) => s !== 200)).toEqual([])
  const bookings = results.map((r) => r.json.data.bookings[0])
  const confirmed = bookings.filter((b) => b.status === 'confirmed')
  const waiting = bookings.filter((b) => b.status === 'waitlisted')
  expect(confirmed).toHaveLength(CAPACITY)
  expect(waiting).toHaveLength(PARENTS - CAPACITY)
  // Positions 1..N, each once, and in the order the server took the requests (their sequence numbers).
  expect(waiting.map((b) => b.position).sort((a, b) => a - b)).toEqual(Array.from({ length: PARENTS - CAPACITY }, (_, i) => i + 1))
  const stored = gw.store.rawDump('cc_bookings').map((s) => JSON.parse(s)).filter((b) => b.classId === classId)
  expect(stored.filter((b) => b.status === 'confirmed')).toHaveLength(CAPACITY)
  const bySeq = stored.filter((b) => b.status === 'waitlisted').sort((a, b) => a.seq - b.seq)
  const posOf = new Map(waiting.map((b) => [b.id, b.position]))
  expect(bySeq.map((b) => posOf.get(b._id))).toEqual(Array.from({ length: PARENTS - CAPACITY }, (_, i) => i + 1))
  const cls = JSON.parse(gw.store.rawDump('cc_classes').find((s) => JSON.parse(s)._id === classId)!)
  expect(cls).toMatchObject({ remaining: 0, waiting: PARENTS - CAPACITY, toOffer: 0 })
}

test(`${PARENTS} concurrent bookings at a class of ${CAPACITY}: exactly ${CAPACITY} confirmed, the rest waitlisted in order; retries and cancels`, async () => {
  const gw = await startGateway()
  try {
    const run = await rush(gw)
    checkRush(gw, run)
    const { classId, parents, tokens, results } = run

    // The same requestId again returns the same booking, and takes nothing more.
    const again = await gw.call('childcare', { action: 'book', data: { classId, childIds: [`ch-${parents[5]}`], requestId: `req-${parents[5]}` } }, tokens[5])
    expect(again.json.data.bookings[0]).toMatchObject({ id: results[5].json.data.bookings[0].id, status: results[5].json.data.bookings[0].status })

    // 30 confirmed parents cancel at once: exactly 30 offers go to the first 30 waiting, no place returns to the pool.
    const confirmedIdx = results.map((r, i) => (r.json.data.bookings[0].status === 'confirmed' ? i : -1)).filter((i) => i >= 0).slice(0, 30)
    const cancels = await Promise.all(
      confirmedIdx.map((i) => gw.call('childcare', { action: 'cancel', data: { bookingId: results[i].json.data.bookings[0].id } }, tokens[i])),
    )
    expect(cancels.map((c) => c.status)).toEqual(confirmedIdx.map(() => 200))
    const stored = gw.store.rawDump('cc_bookings').map((s) => JSON.parse(s)).filter((b) => b.classId === classId)
    const offered = stored.filter((b) => b.status === 'offered')
    expect(offered).toHaveLength(30)
    const firstThirty = new Set(
      results.filter((r) => r.json.data.bookings[0].position <= 30).map((r) => r.json.data.bookings[0].id as string),
    )
    expect(new Set(offered.map((b) => b._id))).toEqual(firstThirty)
    const cls = JSON.parse(gw.store.rawDump('cc_classes').find((s) => JSON.parse(s)._id === classId)!)
    expect(cls).toMatchObject({ remaining: 0, toOffer: 0, waiting: PARENTS - CAPACITY - 30 })
    const notices = gw.store.rawDump('outbox').map((s) => JSON.parse(s)).filter((n) => n.template === 'childcare_offer')
    expect(notices).toHaveLength(30)
  } finally {
    await gw.close()
  }
})

test(`the same rush with cloud-like store latency: still exactly ${CAPACITY}`, async () => {
  const gw = await startGateway({ latencyMs: 2 })
  try {
    checkRush(gw, await rush(gw))
  } finally {
    await gw.close()
  }
})
