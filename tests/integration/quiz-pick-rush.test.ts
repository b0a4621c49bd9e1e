jest.setTimeout(120_000)

import { startGateway, type TestGateway } from './harness'
import { createCampaign, grantDraws } from './quiz-helpers'

/**
 * 选奖品 under a rush: 300 people with one right each choose the same prize of stock 8 at once. Exactly 8 get it,
 * the rest get their right back and can choose a prize still in stock; nothing is over-issued. Over SQLite and the
 * CloudBase double (snapshot transactions, no queue, 8–25 ms per request): the pick uses no transaction.
 */
const pickPrizes = {
  prizeMode: 'pick',
  prizes: [
    { name: '乐陵金丝小枣礼盒', kind: 'goods', quantity: 8, weight: 1 },
    { name: '20 元话费', kind: 'phone_credit', quantity: 500, weight: 1 },
  ],
}

const modes = [
  { name: 'over SQLite', opts: {} },
  { name: 'over the CloudBase double (8–25 ms per request)', opts: { backend: 'cloudbase' as const, cloudLatencyMs: [8, 25] as [number, number] } },
]

for (const mode of modes) {
  describe(`pick a prize ${mode.name}`, () => {
    let gw: TestGateway
    let staff: string
    beforeAll(async () => {
      gw = await startGateway(mode.opts)
      staff = await gw.login('demo-staff')
    })
    beforeEach(() => {
      gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
    })
    afterAll(() => gw.close())

    test('300 people choose a prize of stock 8 at once: exactly 8 get it, the others keep their right and choose again', async () => {
      const { id } = await createCampaign(gw, staff, pickPrizes)
      const people = Array.from({ length: 300 }, (_, i) => `pick-${i}`)
      await grantDraws(gw, id, people, 1)
      const tokens = await Promise.all(people.map((p) => gw.login(p)))
      const results = await Promise.all(tokens.map((t) => gw.as(t).call('quiz', 'pick', { campaignId: id, prizeId: `${id}.p0` })))
      const won = results.filter((r) => r.status === 200 && r.data!.won)
      expect(won).toHaveLength(8)
      const refused = results.filter((r) => r.status === 409)
      expect(refused).toHaveLength(292)
      expect(refused[0].error!.message).toContain('刚刚发完了')
      expect(((await gw.store.get('quiz_prizes', `${id}.p0`)) as unknown as { remaining: number }).remaining).toBe(0)
      expect(await gw.store.count('quiz_draws', { campaignId: id, prizeId: `${id}.p0`, issued: true })).toBe(8)

      // Everyone who missed still has the right, and takes the other prize.
      const loser = tokens[people.findIndex((_, i) => results[i].status === 409)]
      const c = (await gw.as(loser).call('quiz', 'campaign', { campaignId: id })).data!
      expect(c).toMatchObject({ drawsLeft: 1, prizeMode: 'pick' })
      const second = await gw.as(loser).call('quiz', 'pick', { campaignId: id, prizeId: `${id}.p1` })
      expect(second.data!).toMatchObject({ won: true, prize: { name: '20 元话费' }, drawsLeft: 0 })
      // A winner's pick is claimed like a draw.
      const mine = (await gw.as(loser).call('quiz', 'myPrizes')).data!.items
      expect(mine.map((p: { prizeName: string }) => p.prizeName)).toEqual(['20 元话费'])
    })

    test('one person tapping pick 10 times at once with one right gets one prize', async () => {
      const { id } = await createCampaign(gw, staff, pickPrizes)
      await grantDraws(gw, id, ['pick-tapper'], 1)
      const token = await gw.login('pick-tapper')
      const results = await Promise.all(Array.from({ length: 10 }, () => gw.as(token).call('quiz', 'pick', { campaignId: id, prizeId: `${id}.p1` })))
      // A tap that meets the pick another tap already wrote gets that pick back (a double tap is one pick, as
      // with draws): every winning answer is the same draw, and the stock pays once.
      const wins = results.filter((r) => r.status === 200 && r.data!.won).map((r) => r.data!.drawId)
      expect(wins.length).toBeGreaterThanOrEqual(1)
      expect(new Set(wins).size).toBe(1)
      expect(await gw.store.count('quiz_draws', { campaignId: id, issued: true })).toBe(1)
      expect(((await gw.store.get('quiz_prizes', `${id}.p1`)) as unknown as { remaining: number }).remaining).toBe(499)
    })

    test('a draw campaign refuses picks, a pick campaign refuses draws, and an unknown prize names the field', async () => {
      const draw = await createCampaign(gw, staff)
      await grantDraws(gw, draw.id, ['pick-mixed'], 1)
      const pick = await createCampaign(gw, staff, pickPrizes)
      await grantDraws(gw, pick.id, ['pick-mixed'], 1)
      const token = await gw.login('pick-mixed')
      expect((await gw.as(token).call('quiz', 'pick', { campaignId: draw.id, prizeId: `${draw.id}.p0` })).status).toBe(409)
      expect((await gw.as(token).call('quiz', 'draw', { campaignId: pick.id })).status).toBe(409)
      const unknown = await gw.as(token).call('quiz', 'pick', { campaignId: pick.id, prizeId: 'nope' })
      expect(unknown.status).toBe(400)
      expect(unknown.error!.fields![0].path).toBe('prizeId')
    })
  })
}
