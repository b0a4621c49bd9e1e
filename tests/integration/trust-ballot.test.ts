import { createHash, createHmac } from 'node:crypto'
import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'
import { classInput, seedChild } from '../utils/childcare'

jest.setTimeout(30_000)

/**
 * Issue 19, childcare ballot: with the seed the class publishes every application's number in drawn order and the
 * recipe, so a parent recomputes the whole draw from what the class page shows and nothing else.
 */
let gw: TestGateway
const tokens: Record<string, string> = {}
const as = async (who: string) => (tokens[who] ??= await gw.login(who))
const cc = async <A extends ActionName<'childcare'>>(who: string, action: A, ...data: Data<'childcare', A>) =>
  gw.as(await as(who)).call('childcare', action, ...data)
let seq = 0
beforeAll(async () => {
  gw = await startGateway()
  gw.clock.now = new Date('2027-06-10T10:00:00+08:00')
})
afterAll(() => gw.close())

test('a parent recomputes the ballot from the class page alone and finds their own application in it', async () => {
  const r = await cc('demo-staff', 'upsertClass', classInput({ allocation: 'lottery', capacity: 4, closesAt: '2027-06-20T18:00:00+08:00' }))
  const classId = r.data!.id
  const before = (await cc('p-bal-0', 'getClass', { id: classId })).data!.lottery!
  expect(before.order).toBeUndefined()
  expect(before.recipe.join('')).toContain('从小到大排列')
  for (let i = 0; i < 9; i++) {
    await seedChild(gw.store, `p-bal-${i}`, `ch-bal-${i}`)
    const b = await cc(`p-bal-${i}`, 'book', { classId, childIds: [`ch-bal-${i}`], requestId: `bal-req-${seq++}` })
    expect(b.data?.bookings[0].status).toBe('applied')
  }
  gw.clock.now = new Date('2027-06-21T09:00:00+08:00')
  expect((await cc('demo-staff', 'runLottery', { classId })).status).toBe(200)

  const page = (await cc('p-bal-3', 'getClass', { id: classId })).data!.lottery!
  // 1. the seed is the one committed to
  expect(createHash('sha256').update(page.seed!, 'utf8').digest('hex')).toBe(page.seedHash)
  // 2. every application's public number, in drawn order, and no internal ids
  expect(page.order).toHaveLength(9)
  expect(JSON.stringify(page)).not.toContain('ch-bal-')
  for (const e of page.order!) expect(e.ticket).toMatch(/^[0-9a-f]{16}$/)
  // 3. recompute: HMAC(seed, number) ascending is the published order
  const key = (t: string) => createHmac('sha256', Buffer.from(page.seed!, 'utf8')).update(t, 'utf8').digest('hex')
  const recomputed = [...page.order!].map((e: { ticket: string }) => e.ticket).sort((a, b) => (key(a) < key(b) ? -1 : 1))
  expect(recomputed).toEqual(page.order!.map((e: { ticket: string }) => e.ticket))
  // 4. places go down the order: the first 4 single-child applications are in
  expect(page.order!.map((e: { result: string }) => e.result)).toEqual([...Array(4).fill('confirmed'), ...Array(5).fill('waitlisted')])
  // the parent's own number is marked, and matches their booking's result
  expect(page.mine).toHaveLength(1)
  const mine = page.order!.find((e: { ticket: string }) => e.ticket === page.mine![0])
  const booking = (await cc('p-bal-3', 'myBookings')).data!.items.find((b: { classId: string }) => b.classId === classId)
  expect(booking!.status).toBe(mine!.result)
  // another parent sees the same list, with their own number marked
  const other = (await cc('p-bal-5', 'getClass', { id: classId })).data!.lottery!
  expect(other.order).toEqual(page.order)
  expect(other.mine).not.toEqual(page.mine)
})
