import childcareModule from '../../cloudfunctions/childcare/module'
import quizModule from '../../cloudfunctions/quiz/module'
import { systemCtx } from '../../cloudfunctions/_core/contract'
import { silentLogger } from '../../cloudfunctions/_core/log'
import { startGateway, type TestGateway } from './harness'
import { classInput, pool, seedChild } from '../utils/childcare'
import { createCampaign, grantDraws } from './quiz-helpers'

jest.setTimeout(180_000)

/*
 * kill -9 mid-rush on CloudBase's semantics: every function instance dies at once while hundreds of requests
 * are between their steps (the database lives on, as it does in the cloud). Nothing may be over-issued, and
 * once the timer has run, nothing may be lost: every place and every prize unit is with a child or a winner,
 * or free again.
 */

const timer = (gw: TestGateway, mod: { onTimer?: (ctx: never) => Promise<unknown> }) =>
  mod.onTimer!(systemCtx({ store: gw.store, now: () => gw.clock.now, log: silentLogger }) as never)

const docs = (gw: TestGateway, c: string) => gw.store.rawDump(c).map((s) => JSON.parse(s))

test('childcare: 600 parents for 60 places, every instance killed mid-rush; no overbooking, and the timer restores lost places', async () => {
  const gw = await startGateway({ backend: 'cloudbase' })
  try {
    gw.clock.now = new Date('2027-06-10T08:00:00+08:00')
    const staff = await gw.login('demo-staff')
    const classId = (await gw.as(staff).call('childcare', 'upsertClass', classInput({ capacity: 60 }))).data!.id
    const parents = Array.from({ length: 600 }, (_, i) => `kill-${i}`)
    for (const p of parents) await seedChild(gw.store, p, `ch-${p}`)
    const tokens = await pool(
      50,
      parents.map((p) => () => gw.login(p)),
    )
    gw.clock.now = new Date('2027-06-10T09:00:00+08:00')
    gw.double!.setLatency([8, 25])
    const rush = pool(
      200,
      parents.map((p, i) => () => gw.as(tokens[i]).call('childcare', 'book', { classId, childIds: [`ch-${p}`], requestId: `req-${p}` })),
    )
    await new Promise((r) => setTimeout(r, 150))
    gw.double!.kill()
    const results = await rush
    gw.double!.revive()
    gw.double!.setLatency([0, 0])
    expect(results.some((r) => r.status !== 200)).toBe(true) // the kill really cut requests off

    const check = () => {
      const cls = docs(gw, 'cc_classes').find((c) => c._id === classId)
      const live = docs(gw, 'cc_bookings').filter((b) => b.classId === classId)
      const held = live.filter((b) => b.status === 'confirmed' || b.status === 'offered').length
      expect(held).toBeLessThanOrEqual(60)
      expect(cls.remaining + cls.toOffer + held).toBeLessThanOrEqual(60)
      return { cls, live, held }
    }
    check()
    // New instances: the timer runs once the class has been quiet longer than any request can run.
    gw.clock.now = new Date(gw.clock.now.getTime() + 3 * 60_000)
    await timer(gw, childcareModule)
    const { cls, live, held } = check()
    expect(cls.remaining + cls.toOffer + held).toBe(60)
    // Lost places went to the waitlist first: nobody waits while a place is free.
    if (live.some((b) => b.status === 'waitlisted')) expect(cls.remaining + cls.toOffer).toBe(0)
  } finally {
    await gw.close()
  }
})

test('quiz: 400 draws at a prize of 10, every instance killed mid-rush; never over-issued, and the timer settles every cut-off draw', async () => {
  const gw = await startGateway({ backend: 'cloudbase' })
  try {
    const staff = await gw.login('demo-staff')
    const { id } = await createCampaign(gw, staff, { prizes: [{ name: '乐陵金丝小枣礼盒', kind: 'goods', quantity: 10, weight: 10000 }] })
    const people = Array.from({ length: 400 }, (_, i) => `qkill-${i}`)
    await grantDraws(gw, id, people, 1)
    const tokens = await pool(
      50,
      people.map((p) => () => gw.login(p)),
    )
    gw.double!.setLatency([8, 25])
    const rush = pool(
      200,
      tokens.map((t) => () => gw.as(t).call('quiz', 'draw', { campaignId: id })),
    )
    await new Promise((r) => setTimeout(r, 120))
    gw.double!.kill()
    const results = await rush
    gw.double!.revive()
    gw.double!.setLatency([0, 0])
    expect(results.some((r) => r.status !== 200)).toBe(true)
    const prize = () => docs(gw, 'quiz_prizes').find((p) => p._id === `${id}.p0`)
    const won = () => docs(gw, 'quiz_draws').filter((d) => d.campaignId === id && d.issued).length
    expect(won()).toBeLessThanOrEqual(10)
    gw.clock.now = new Date(gw.clock.now.getTime() + 4 * 60_000)
    await timer(gw, quizModule)
    expect(docs(gw, 'quiz_draws').filter((d) => d.campaignId === id && d.status === 'pending')).toEqual([])
    expect(won()).toBeLessThanOrEqual(10)
    // Every unit taken is with a winner: none lost.
    expect(10 - prize().remaining).toBe(won())
  } finally {
    await gw.close()
  }
})
