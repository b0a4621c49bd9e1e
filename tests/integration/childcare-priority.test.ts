import { createHmac } from 'node:crypto'
import childcareModule from '../../cloudfunctions/childcare/module'
import { dispatch, systemCtx } from '../../cloudfunctions/_core/contract'
import { silentLogger } from '../../cloudfunctions/_core/log'
import { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import { ballotTicket, seedHash } from '../../cloudfunctions/_core/fairdraw'
import { MODULES, STORE_INDEXES } from '../../cloudfunctions/_local/registry'
import { startGateway, type TestGateway } from './harness'
import { openExport } from './file-helpers'
import { classInput, pool, seedChild } from '../utils/childcare'
import { withCounting } from '../utils/store-wrappers'

jest.setTimeout(180_000)

/**
 * 优先名额 through the real gateway: a class reserves places for named groups; claimants take them with the same
 * guarded decrement as everyone else (never a transaction on the class), staff verify or refuse, and the places
 * nobody used join the general pool at the stated time. Over SQLite and over the CloudBase double.
 */

const OPEN = new Date('2027-06-10T09:00:00+08:00')
const RELEASE = '2027-06-12T09:00:00+08:00'
const AFTER_RELEASE = new Date('2027-06-12T09:00:01+08:00')
const dump = (gw: TestGateway, c: string) => gw.store.rawDump(c).map((s) => JSON.parse(s))
const classDoc = (gw: TestGateway, id: string) => dump(gw, 'cc_classes').find((c) => c._id === id)
const bookingsOf = (gw: TestGateway, id: string) => dump(gw, 'cc_bookings').filter((b) => b.classId === id)
const timer = (gw: TestGateway) => childcareModule.onTimer!(systemCtx({ store: gw.store, now: () => gw.clock.now, log: silentLogger }))

/** capacity = remaining + toOffer + reserved + confirmed + offered: every place is in exactly one spot. */
function conserved(gw: TestGateway, id: string) {
  const c = classDoc(gw, id)
  const b = bookingsOf(gw, id)
  const held = b.filter((x) => x.status === 'confirmed' || x.status === 'offered').length
  expect(c.remaining).toBeGreaterThanOrEqual(0)
  expect(c.priorityRemaining).toBeGreaterThanOrEqual(0)
  expect(c.remaining + c.toOffer + c.priorityRemaining + held).toBe(c.capacity)
  return { c, b }
}

async function openClass(gw: TestGateway, over: Record<string, unknown>) {
  gw.clock.now = new Date('2027-06-01T09:00:00+08:00')
  const staff = await gw.login('demo-staff')
  const { id } = await gw.as(staff).ok('childcare', 'upsertClass', classInput(over) as never)
  return { id: id as string, staff }
}

async function parents(gw: TestGateway, prefix: string, count: number, gig = false) {
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}`)
  for (const p of names) {
    await seedChild(gw.store, p, `ch-${p}`)
    if (gig) await gw.store.put('applications', { _id: `app-${p}`, applicantOpenid: p, status: 'approved', newEmploymentType: 'delivery' })
  }
  const tokens = await pool(
    50,
    names.map((p) => () => gw.login(p)),
  )
  return names.map((p, i) => ({ openid: p, child: `ch-${p}`, token: tokens[i] }))
}

const book = (gw: TestGateway, p: { child: string; token: string }, classId: string, claim?: string) =>
  gw.as(p.token).call('childcare', 'book', { classId, childIds: [p.child], requestId: `req-${p.child}`, ...(claim ? { claim } : {}) } as never)

for (const backend of ['sqlite', 'cloudbase'] as const) {
  describe(`over ${backend === 'sqlite' ? 'SQLite' : 'the CloudBase double (8–25 ms a request)'}`, () => {
    let gw: TestGateway
    beforeEach(async () => {
      gw = await startGateway(backend === 'cloudbase' ? { backend } : {})
    })
    afterEach(async () => gw.close())

    test('a rush of claimants and others at once: exactly the reserved places go to claimants, exactly the rest to others, nobody refused', async () => {
      const { id } = await openClass(gw, { capacity: 60, priority: { groups: ['gig', 'hardship'], places: 20, releaseAt: RELEASE } })
      const gig = await parents(gw, `gig-${backend}`, 30, true)
      const hard = await parents(gw, `hard-${backend}`, 30)
      const plain = await parents(gw, `plain-${backend}`, 240)
      gw.clock.now = OPEN
      if (gw.double) gw.double.setLatency([8, 25])
      const all = [
        ...gig.map((p) => ({ p, claim: 'gig' })),
        ...hard.map((p) => ({ p, claim: 'hardship' })),
        ...plain.map((p) => ({ p, claim: undefined })),
      ]
      // Interleaved, so claimants and others really meet at the guarded decrements.
      all.sort(
        (a, b) =>
          ((a.p.openid.length * 7919 + a.p.openid.charCodeAt(a.p.openid.length - 1)) % 13) -
          ((b.p.openid.length * 7919 + b.p.openid.charCodeAt(b.p.openid.length - 1)) % 13),
      )
      const replies = await pool(
        256,
        all.map(
          ({ p, claim }) =>
            () =>
              book(gw, p, id, claim),
        ),
      )
      if (gw.double) gw.double.setLatency([0, 0])
      expect(replies.filter((r) => !r.ok)).toEqual([])
      const { c, b } = conserved(gw, id)
      const confirmed = b.filter((x) => x.status === 'confirmed')
      expect(confirmed).toHaveLength(60)
      expect(confirmed.filter((x) => x.claim?.pool === 'priority')).toHaveLength(20)
      expect(b.filter((x) => x.claim?.pool === 'priority')).toHaveLength(20)
      expect(c).toMatchObject({ remaining: 0, toOffer: 0, priorityRemaining: 0 })
      // 新就业形态 claims are checked against membership data; the others wait for staff.
      for (const x of b.filter((x) => x.claim)) expect(x.claim.state).toBe(x.claim.group === 'gig' ? 'verified' : 'pending')
      expect(b.filter((x) => x.status === 'waitlisted')).toHaveLength(240)
    })

    test('unused reserved places join the general pool at the stated time, waitlist first, even while claimants still book', async () => {
      const { id } = await openClass(gw, { capacity: 20, priority: { groups: ['hardship'], places: 10, releaseAt: RELEASE } })
      const early = await parents(gw, `e-${backend}`, 3)
      const plain = await parents(gw, `p-${backend}`, 14)
      gw.clock.now = OPEN
      for (const p of early) expect((await book(gw, p, id, 'hardship')).ok).toBe(true)
      await pool(
        8,
        plain.map((p) => () => book(gw, p, id)),
      )
      expect(classDoc(gw, id)).toMatchObject({ remaining: 0, priorityRemaining: 7 })
      expect(bookingsOf(gw, id).filter((x) => x.status === 'waitlisted')).toHaveLength(4)
      // Parents are told when: the class page states the release time.
      const detail = await gw.as(early[0].token).ok('childcare', 'getClass', { id })
      expect(detail.priority).toMatchObject({ places: 10, remaining: 7, released: false, releaseAt: expect.any(String) })
      expect(detail.rules.join('\n')).toContain('2027-06-12 09:00（北京时间）起，未用完的优先名额并入普通名额')

      // At the release, late claimants race the timer: each place is taken once, from one pool or the other.
      gw.clock.now = AFTER_RELEASE
      const late = await parents(gw, `l-${backend}`, 12)
      const [, ...replies] = await Promise.all([timer(gw), ...late.map((p) => book(gw, p, id, 'hardship'))])
      expect(replies.filter((r) => !r.ok)).toEqual([])
      const { c, b } = conserved(gw, id)
      expect(c).toMatchObject({ priorityReleased: true, priorityRemaining: 0 })
      // The four who were waiting got the first released places, in their order.
      const firstWaiting = plain.slice(10).map((p) => `${classDoc(gw, id).season}:${p.child}`)
      for (const bid of firstWaiting) expect(b.find((x) => x._id === bid)?.status).toMatch(/offered|confirmed/)
      expect(b.filter((x) => x.status === 'confirmed' || x.status === 'offered')).toHaveLength(20)
      // After the release a claim is simply a booking: nobody holds a reserved place taken after it.
      expect(b.filter((x) => x.claim?.pool === 'priority')).toHaveLength(3)
    })

    test('refusals racing a second wave of claimants and others: neither pool is overdrawn, every place is in one spot', async () => {
      const { id, staff } = await openClass(gw, { capacity: 10, priority: { groups: ['hardship'], places: 5, releaseAt: RELEASE } })
      const first = await parents(gw, `w1-${backend}`, 5)
      const second = await parents(gw, `w2-${backend}`, 10)
      const plain = await parents(gw, `w3-${backend}`, 8)
      gw.clock.now = OPEN
      for (const p of first) expect((await book(gw, p, id, 'hardship')).ok).toBe(true)
      const season = classDoc(gw, id).season
      gw.clock.now = new Date(OPEN.getTime() + 60_000)
      if (gw.double) gw.double.setLatency([8, 25])
      const S = gw.as(staff)
      const [refusals, wave] = await Promise.all([
        Promise.all(first.map((p) => S.call('childcare', 'verifyClaim', { bookingId: `${season}:${p.child}`, approve: false }))),
        Promise.all([...second.map((p) => book(gw, p, id, 'hardship')), ...plain.map((p) => book(gw, p, id))]),
      ])
      if (gw.double) gw.double.setLatency([0, 0])
      expect(refusals.filter((r) => !r.ok)).toEqual([])
      expect(wave.filter((r) => !r.ok)).toEqual([])
      // Whatever the interleaving: the reserve is never overdrawn and every place is in exactly one spot.
      const { c, b } = conserved(gw, id)
      const reservedHeld = b.filter((x) => x.status === 'confirmed' && x.claim?.pool === 'priority').length
      expect(reservedHeld + c.priorityRemaining).toBe(5)
      expect(c.remaining).toBe(0)
      for (const p of first) expect(b.find((x) => x.childId === p.child).claim).toMatchObject({ state: 'refused', pool: 'general' })
      // Reserved places handed back after the wave (when claimants had already been turned to the general side)
      // wait in the reserve; at the release they go to the children waiting, in order.
      gw.clock.now = AFTER_RELEASE
      await timer(gw)
      const after = conserved(gw, id)
      expect(after.c).toMatchObject({ priorityRemaining: 0, priorityReleased: true, toOffer: 0, remaining: 0 })
      expect(after.b.filter((x) => x.status === 'confirmed' || x.status === 'offered')).toHaveLength(10)
      expect(after.b.filter((x) => x.status === 'waitlisted')).toHaveLength(23 - 10)
    })

    test('a refused claim falls back to the general pool when it has room, else to the waitlist at its arrival time; the reserved place is taken again', async () => {
      const { id, staff } = await openClass(gw, { capacity: 4, priority: { groups: ['hardship', 'dualWorker'], places: 2, releaseAt: RELEASE } })
      const [a, b2, c3] = await parents(gw, `r-${backend}`, 3)
      const plain = await parents(gw, `q-${backend}`, 3)
      gw.clock.now = OPEN
      expect((await book(gw, a, id, 'hardship')).ok).toBe(true)
      expect((await book(gw, b2, id, 'dualWorker')).ok).toBe(true)
      expect((await book(gw, plain[0], id)).ok).toBe(true)
      const season = classDoc(gw, id).season
      const S = gw.as(staff)
      // Room in the general pool: the booking stays, now on a general place.
      expect(await S.ok('childcare', 'verifyClaim', { bookingId: `${season}:${a.child}`, approve: false })).toEqual({
        state: 'refused',
        status: 'confirmed',
      })
      let state = conserved(gw, id)
      expect(state.c).toMatchObject({ remaining: 0, priorityRemaining: 1 })
      expect(state.b.find((x) => x._id === `${season}:${a.child}`).claim).toMatchObject({ state: 'refused', pool: 'general' })
      const inbox = await gw.as(a.token).ok('messages', 'inbox', { pageSize: 10 } as never)
      expect(JSON.stringify(inbox)).toContain('优先资格未通过核实，已改用普通名额，预约仍然有效')
      gw.clock.now = new Date(OPEN.getTime() + 60_000)
      // A plain parent arriving a minute later waits; then the second claim is refused with the general pool full.
      expect(
        (await gw.as(plain[1].token).ok('childcare', 'book', { classId: id, childIds: [plain[1].child], requestId: 'req-later-1' } as never))
          .bookings[0].status,
      ).toBe('waitlisted')
      expect(await S.ok('childcare', 'verifyClaim', { bookingId: `${season}:${b2.child}`, approve: false })).toEqual({
        state: 'refused',
        status: 'waitlisted',
      })
      state = conserved(gw, id)
      expect(state.c).toMatchObject({ remaining: 0, priorityRemaining: 2 })
      // It arrived before the plain parent who waits, so it is first in line.
      const mine = await gw.as(b2.token).ok('childcare', 'myBookings', {} as never)
      expect(mine.items[0]).toMatchObject({ status: 'waitlisted', position: 1, claim: { state: 'refused', label: '双职工子女' } })
      expect(JSON.stringify(await gw.as(b2.token).ok('messages', 'inbox', { pageSize: 10 } as never))).toContain('已按您当初的报名时间排入候补')
      // The reserved places are there for the next claimant; a verified claim is final.
      const r = await book(gw, c3, id, 'hardship')
      expect(r.ok && r.data.bookings[0]).toMatchObject({ status: 'confirmed', claim: { state: 'pending', pool: 'priority' } })
      expect(await S.ok('childcare', 'verifyClaim', { bookingId: `${season}:${c3.child}`, approve: true })).toEqual({
        state: 'verified',
        status: 'confirmed',
      })
      expect((await S.call('childcare', 'verifyClaim', { bookingId: `${season}:${c3.child}`, approve: false })).ok).toBe(false)
      // The roster export names each claim and where it stands.
      const wb = await openExport(gw, { ...(await S.ok('childcare', 'exportRoster', { classId: id })) })
      const sheet = wb.worksheets[0]
      expect(sheet.getRow(1).values).toContain('优先资格')
      const cells = JSON.stringify(sheet.getSheetValues())
      expect(cells).toContain('困难职工子女（已核实，占优先名额）')
      expect(cells).toContain('双职工子女（未通过）')
      // Cancelling a reserved place gives it back to the reserve, not to the general waitlist.
      expect((await gw.as(c3.token).call('childcare', 'cancel', { bookingId: `${season}:${c3.child}` })).ok).toBe(true)
      expect(conserved(gw, id).c).toMatchObject({ priorityRemaining: 2 })
      // A claim for a group the class does not reserve for names the field.
      const wrong = await book(gw, plain[2], id, 'leftBehind')
      expect(!wrong.ok && wrong.error.fields).toEqual([expect.objectContaining({ path: 'claim' })])
    })
  })
}

test('the ballot with reserved places stays verifiable: the published seed and list reproduce the result by the two-pass recipe', async () => {
  const gw = await startGateway()
  try {
    const { id, staff } = await openClass(gw, { capacity: 10, allocation: 'lottery', priority: { groups: ['gig', 'hardship'], places: 4 } })
    const gig = await parents(gw, 'bg', 3, true)
    const hard = await parents(gw, 'bh', 3)
    const plain = await parents(gw, 'bp', 20)
    gw.clock.now = OPEN
    const replies = await Promise.all([
      ...gig.map((p) => book(gw, p, id, 'gig')),
      ...hard.map((p) => book(gw, p, id, 'hardship')),
      ...plain.map((p) => book(gw, p, id)),
    ])
    expect(replies.filter((r) => !r.ok)).toEqual([])
    const season = classDoc(gw, id).season
    const S = gw.as(staff)
    gw.clock.now = new Date('2027-07-01T09:00:00+08:00')
    // Claims are settled before the draw.
    const early = await S.call('childcare', 'runLottery', { classId: id })
    expect(!early.ok && early.error.message).toContain('优先资格待审核')
    await S.ok('childcare', 'verifyClaim', { bookingId: `${season}:${hard[0].child}`, approve: true })
    await S.ok('childcare', 'verifyClaim', { bookingId: `${season}:${hard[1].child}`, approve: true })
    expect(await S.ok('childcare', 'verifyClaim', { bookingId: `${season}:${hard[2].child}`, approve: false })).toEqual({
      state: 'refused',
      status: 'applied',
    })
    const drawn = await S.ok('childcare', 'runLottery', { classId: id })
    expect(drawn.priorityPlaces).toBe(4)
    const detail = await gw.as(plain[0].token).ok('childcare', 'getClass', { id })
    const lot = detail.lottery!
    expect(seedHash(lot.seed!)).toBe(lot.seedHash)
    // Recompute from what is published only: order by HMAC(seed, ticket); pass 1 over 优先 entries, pass 2 over the rest.
    const order = [...lot.order!]
      .map((e) => ({ ...e, key: createHmac('sha256', Buffer.from(lot.seed!)).update(e.ticket).digest('hex') }))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
    expect(order.map((e) => e.ticket)).toEqual(lot.order!.map((e) => e.ticket))
    let reserved = lot.priorityPlaces!
    const placed = new Set<string>()
    for (const e of order) {
      if (!e.priority || e.children > reserved) continue
      reserved -= e.children
      placed.add(e.ticket)
    }
    let left = 10 - (lot.priorityPlaces! - reserved)
    for (const e of order) {
      if (placed.has(e.ticket) || e.children > left) continue
      left -= e.children
      placed.add(e.ticket)
    }
    expect(
      order
        .filter((e) => e.result === 'confirmed')
        .map((e) => e.ticket)
        .sort(),
    ).toEqual([...placed].sort())
    // Five verified claims (three by membership data, two by staff) for four reserved places; the refused one is an ordinary ticket.
    expect(order.filter((e) => e.priority)).toHaveLength(5)
    expect(order.find((e) => e.ticket === ballotTicket(`${season}:${hard[2].child}`))?.priority).toBe(false)
    const b = bookingsOf(gw, id)
    expect(b.filter((x) => x.status === 'confirmed')).toHaveLength(10)
    expect(b.filter((x) => x.claim?.pool === 'priority')).toHaveLength(4)
    expect(classDoc(gw, id)).toMatchObject({ remaining: 0, priorityRemaining: 0, priorityReleased: true })
    // Drawing again changes nothing.
    expect((await S.ok('childcare', 'runLottery', { classId: id })).order).toEqual(drawn.order)
  } finally {
    await gw.close()
  }
})

test('a claimant booking costs the same guarded decrement as anyone (on the reserved counter) plus one count of membership data, no transaction on the class', async () => {
  const raw = new SqliteStore({ file: ':memory:', indexes: STORE_INDEXES })
  const now = OPEN
  const rt = { store: raw, now: () => now, log: silentLogger }
  const actions = MODULES.childcare.actions
  await raw.put('users', { _id: 'demo-staff', name: '刘干事', grants: [{ role: 'staff', scope: 'org-leling' }] })
  const created = await dispatch(
    actions,
    {
      action: 'upsertClass',
      data: classInput({ opensAt: '2027-06-10T08:00:00+08:00', priority: { groups: ['gig'], places: 5, releaseAt: RELEASE } }),
    },
    'demo-staff',
    rt,
  )
  if (!created.ok) throw new Error(created.error.message)
  const classId = (created.data as { id: string }).id
  for (const p of ['a', 'b', 'c']) await seedChild(raw, `p-${p}`, `ch-${p}`)
  await raw.put('applications', { _id: 'app-b', applicantOpenid: 'p-b', status: 'approved', newEmploymentType: 'courier' })
  await dispatch(actions, { action: 'book', data: { classId, childIds: ['ch-a'], requestId: 'req-aaaaaaaa' } }, 'p-a', rt)
  const counting = withCounting(raw)
  const claimant = await dispatch(
    actions,
    { action: 'book', data: { classId, childIds: ['ch-b'], requestId: 'req-bbbbbbbb', claim: 'gig' } },
    'p-b',
    {
      ...rt,
      store: counting.store,
    },
  )
  expect(claimant.ok && claimant.data).toMatchObject({
    bookings: [{ status: 'confirmed', claim: { state: 'verified', auto: true, pool: 'priority' } }],
  })
  const { get, find, update, insert, transaction, count } = counting.counts.byOp
  expect({ get, find, update, insert, transaction, count }).toEqual({ get: 2, find: 1, update: 1, insert: 2, transaction: 1, count: 1 })
  counting.reset()
  const plain = await dispatch(actions, { action: 'book', data: { classId, childIds: ['ch-c'], requestId: 'req-cccccccc' } }, 'p-c', {
    ...rt,
    store: counting.store,
  })
  expect(plain.ok).toBe(true)
  // A class with reserved places costs a parent who claims nothing exactly what any class does.
  expect(counting.counts.total).toBe(7)
  await raw.close()
})

test('the reservation can change before booking opens (the general pool follows), not after; a form re-saving it unchanged is fine', async () => {
  const gw = await startGateway()
  try {
    const input = classInput({ capacity: 30, priority: { groups: ['hardship'], places: 5, releaseAt: RELEASE } })
    const { id, staff } = await openClass(gw, input)
    const S = gw.as(staff)
    expect(classDoc(gw, id)).toMatchObject({ remaining: 25, priorityRemaining: 5, priorityReleased: false })
    await S.ok('childcare', 'upsertClass', { ...input, id, priority: { groups: ['hardship', 'gig'], places: 8, releaseAt: RELEASE } } as never)
    expect(classDoc(gw, id)).toMatchObject({ remaining: 22, priorityRemaining: 8 })
    const tooMany = await S.call('childcare', 'upsertClass', { ...input, id, priority: { groups: ['gig'], places: 31, releaseAt: RELEASE } } as never)
    expect(!tooMany.ok && tooMany.error.fields).toEqual([expect.objectContaining({ path: 'priority.places' })])
    const late = await S.call('childcare', 'upsertClass', {
      ...input,
      id,
      priority: { groups: ['gig'], places: 2, releaseAt: '2027-07-01T09:00:00+08:00' },
    } as never)
    expect(!late.ok && late.error.fields).toEqual([expect.objectContaining({ path: 'priority.releaseAt' })])
    gw.clock.now = OPEN
    const changed = await S.call('childcare', 'upsertClass', {
      ...input,
      id,
      priority: { groups: ['hardship'], places: 3, releaseAt: RELEASE },
    } as never)
    expect(!changed.ok && changed.error.message).toBe('报名开始后不能再改优先名额')
    await S.ok('childcare', 'upsertClass', {
      ...input,
      id,
      capacity: 32,
      priority: { groups: ['gig', 'hardship'], places: 8, releaseAt: RELEASE },
    } as never)
    expect(conserved(gw, id).c).toMatchObject({ capacity: 32, priorityRemaining: 8 })
  } finally {
    await gw.close()
  }
})
