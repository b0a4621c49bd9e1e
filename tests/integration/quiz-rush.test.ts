jest.setTimeout(120_000)

import { startGateway, type TestGateway } from './harness'
import { createCampaign, grantDraws } from './quiz-helpers'

/**
 * 1,000 people draw at once for a prize of stock 10 that every draw intends (weight 10,000): exactly 10 are
 * issued, on the plain store and through the latency wrapper that makes read-then-write races show.
 */
async function rush(gw: TestGateway, n: number, over: Record<string, unknown>) {
  const staff = await gw.login('demo-staff')
  const { id } = await createCampaign(gw, staff, over)
  const people = Array.from({ length: n }, (_, i) => `rush-${i}`)
  await grantDraws(gw, id, people, 1)
  const tokens = await Promise.all(people.map((p) => gw.login(p)))
  const results = await Promise.all(tokens.map((t) => gw.as(t).call('quiz', 'draw', { campaignId: id })))
  const prize = (await gw.store.get('quiz_prizes', `${id}.p0`)) as any
  const issued = await gw.store.count('quiz_draws', { campaignId: id, issued: true })
  return { id, results, prize, issued }
}

const stock10 = { prizes: [{ name: '乐陵金丝小枣礼盒', kind: 'goods', quantity: 10, weight: 10000 }] }

const modes = [
  { name: 'on the plain store', opts: {} },
  { name: 'through the store-latency wrapper (0–5 ms per call)', opts: { latencyMs: 5 } },
  // CloudBase's semantics: snapshot transactions aborted on conflict, no queue, 8–25 ms per database request.
  { name: 'on the CloudBase double (8–25 ms per request)', opts: { backend: 'cloudbase' as const, cloudLatencyMs: [8, 25] as [number, number] } },
]

for (const mode of modes) {
  describe(mode.name, () => {
    let gw: TestGateway
    beforeAll(async () => {
      gw = await startGateway(mode.opts)
    })
    beforeEach(() => {
      gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
    })
    afterAll(() => gw.close())

    test('1,000 concurrent draws at a prize of stock 10 issue exactly 10', async () => {
      const { results, prize, issued } = await rush(gw, 1000, stock10)
      expect(results.every((r) => r.status === 200)).toBe(true)
      expect(results.filter((r) => r.data!.won)).toHaveLength(10)
      expect(issued).toBe(10)
      expect(prize.remaining).toBe(0)
    })

    test('a daily cap of 4 holds under the same rush, and the stock keeps the rest', async () => {
      const { id, results, prize, issued } = await rush(gw, 300, { ...stock10, dailyPrizeCap: 4 })
      expect(results.filter((r) => r.data?.won)).toHaveLength(4)
      expect(issued).toBe(4)
      expect(prize.remaining).toBe(6)
      expect(((await gw.store.get('quiz_daily_issued', `${id}:2026-11-23`)) as any).n).toBe(4)
    })

    test('one person tapping draw 20 times at once with 3 rights gets 3 draws, with ids …1, …2, …3', async () => {
      const staff = await gw.login('demo-staff')
      const { id } = await createCampaign(gw, staff, { prizes: [{ name: '红包', kind: 'red_packet', quantity: 100, weight: 5000 }] })
      await grantDraws(gw, id, ['tapper'], 3)
      const t = await gw.login('tapper')
      const rs = await Promise.all(Array.from({ length: 20 }, () => gw.as(t).call('quiz', 'draw', { campaignId: id })))
      expect(rs.filter((r) => r.status !== 200).map((r) => r.error!.code)).not.toContain('INTERNAL')
      const answers = rs.filter((r) => r.status === 200).map((r) => r.data!)
      // A tap that meets a draw another tap of the same person already wrote gets that draw back (the design: a
      // double tap is one draw): every answer for one id is the same draw, and one right pays for it.
      const byId = new Map<string, string>()
      for (const a of answers) {
        const seen = byId.get(a.drawId)
        if (seen) expect(JSON.stringify(a.prize ?? null)).toBe(seen)
        else byId.set(a.drawId, JSON.stringify(a.prize ?? null))
      }
      const ids = [...byId.keys()]
      // The rate limiter reads its counter after everyone's increment, so a burst may be refused more than
      // strictly needed; never more draws than rights, and the ids run 1, 2, … without gaps.
      const ns = ids.map((d) => Number(d.split('.').pop())).sort()
      expect(ns).toEqual(Array.from({ length: ns.length }, (_, i) => i + 1))
      expect(ns.length).toBeLessThanOrEqual(3)
      gw.clock.now = new Date(gw.clock.now.getTime() + 61_000)
      for (let i = ns.length; i < 5; i++) {
        const r = await gw.as(t).call('quiz', 'draw', { campaignId: id })
        if (r.status === 200) ids.push(r.data!.drawId)
      }
      expect(ids.map((d) => d.split('.').pop()).sort()).toEqual(['1', '2', '3'])
      expect(rs.filter((r) => r.status !== 200).every((r) => ['CONFLICT', 'RATE_LIMITED'].includes(r.error!.code))).toBe(true)
    })
  })
}
