import { startGateway } from './harness'
import { CAPACITY, checkRush, PARENTS, rush } from '../utils/childcare-rush'

jest.setTimeout(60_000)

test(`${PARENTS} concurrent bookings at a class of ${CAPACITY}: exactly ${CAPACITY} confirmed, the rest waitlisted in order; retries and cancels`, async () => {
  const gw = await startGateway()
  try {
    const run = await rush(gw)
    await checkRush(gw, run)
    const { classId, parents, tokens, results } = run

    // The same requestId again returns the same booking, and takes nothing more.
    const again = await gw.as(tokens[5]).call('childcare', 'book', { classId, childIds: [`ch-${parents[5]}`], requestId: `req-${parents[5]}` })
    expect(again.data!.bookings[0]).toMatchObject({ id: results[5].data!.bookings[0].id, status: results[5].data!.bookings[0].status })

    // 30 confirmed parents cancel at once: exactly 30 offers go to the first 30 waiting, no place returns to the pool.
    const confirmedIdx = results
      .map((r, i) => (r.data!.bookings[0].status === 'confirmed' ? i : -1))
      .filter((i) => i >= 0)
      .slice(0, 30)
    const cancels = await Promise.all(
      confirmedIdx.map((i) => gw.as(tokens[i]).call('childcare', 'cancel', { bookingId: results[i].data!.bookings[0].id })),
    )
    expect(cancels.map((c) => c.status)).toEqual(confirmedIdx.map(() => 200))
    const stored = gw.store
      .rawDump('cc_bookings')
      .map((s) => JSON.parse(s))
      .filter((b) => b.classId === classId)
    const offered = stored.filter((b) => b.status === 'offered')
    expect(offered).toHaveLength(30)
    // The first thirty in arrival order, as the waitlist was before the cancels.
    const firstThirty = new Set(
      stored
        .filter((b) => b.seq > 0)
        .sort((a, b) => a.seq - b.seq)
        .slice(0, 30)
        .map((b) => b._id as string),
    )
    expect(new Set(offered.map((b) => b._id))).toEqual(firstThirty)
    const cls = JSON.parse(gw.store.rawDump('cc_classes').find((s) => JSON.parse(s)._id === classId)!)
    expect(cls).toMatchObject({ remaining: 0, toOffer: 0 })
    const detail = await gw.as(tokens[0]).call('childcare', 'getClass', { id: classId })
    expect(detail.data!).toMatchObject({ remaining: 0, waiting: PARENTS - CAPACITY - 30 })
    const notices = gw.store
      .rawDump('outbox')
      .map((s) => JSON.parse(s))
      .filter((n) => n.template === 'childcare_offer')
    expect(notices).toHaveLength(30)
  } finally {
    await gw.close()
  }
})
