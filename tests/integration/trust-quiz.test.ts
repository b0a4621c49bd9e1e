import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'
import { campaignInput, createCampaign, grantDraws } from './quiz-helpers'

jest.setTimeout(60000)

/** Issue 19, quiz: a campaign with draws cannot be re-stocked or re-weighted, and a revealed seed never runs again. */
let gw: TestGateway
let staff: string
let worker: string
const START = new Date('2026-11-23T10:00:00+08:00')
beforeAll(async () => {
  gw = await startGateway()
  staff = await gw.login('demo-staff')
  worker = await gw.login('demo-worker')
})
afterEach(() => {
  gw.clock.now = START
})
afterAll(() => gw.close())

const q = <A extends ActionName<'quiz'>>(token: string, action: A, ...data: Data<'quiz', A>) => gw.as(token).call('quiz', action, ...data)
const upsert = (id: string, over: Record<string, unknown>) => q(staff, 'upsertCampaign', campaignInput({ id, ...over }) as never)
const drawAll = async (id: string, people: string[]) => {
  for (const p of people) await q(await gw.login(p), 'draw', { campaignId: id })
}
const issued = async (id: string) => (await gw.store.find('quiz_draws', { where: { campaignId: id, issued: true }, limit: 1000 })).length

describe('once anyone has drawn, the start, the prize table and the weights are frozen', () => {
  const prizes = [{ name: '话费', kind: 'phone_credit', quantity: 3, weight: 10000 }]

  test('the 「start in the future, save prizes, start back」 restock is refused: never more than the quantity', async () => {
    const { id } = await createCampaign(gw, staff, { prizes })
    const first = Array.from({ length: 5 }, (_, i) => `restock-${i}`)
    await grantDraws(gw, id, first, 1)
    await drawAll(id, first)
    expect(await issued(id)).toBe(3)

    const future = await upsert(id, { prizes, startAt: '2026-12-01T00:00:00+08:00' })
    expect(future.error!).toMatchObject({ code: 'CONFLICT', message: '活动已有人抽奖，开始时间不能再改' })
    const reweighted = await upsert(id, { prizes: [{ ...prizes[0], weight: 5000 }] })
    expect(reweighted.error!).toMatchObject({ code: 'CONFLICT', message: '活动开始后不能修改奖品和权重' })
    // saving the same table again (the edit page does on every save) never refills the stock
    expect((await upsert(id, { prizes, title: '改个名字' })).status).toBe(200)
    expect(await gw.store.get('quiz_prizes', `${id}.p0`)).toMatchObject({ remaining: 0 })

    const more = Array.from({ length: 5 }, (_, i) => `restock-more-${i}`)
    await grantDraws(gw, id, more, 1)
    await drawAll(id, more)
    expect(await issued(id)).toBe(3)
    const edit = (await q(staff, 'getCampaign', { id })).data!
    expect(edit).toMatchObject({ prizesLocked: true, startLocked: true })
  })

  test('saving from the edit page (times to the minute) is no change of a start stored to the second', async () => {
    const { id } = await createCampaign(gw, staff, { prizes, startAt: '2026-11-20T09:30:27.123+08:00' })
    await grantDraws(gw, id, ['minute-1'], 1)
    await drawAll(id, ['minute-1'])
    const r = await upsert(id, { prizes, startAt: '2026-11-20T09:30:00+08:00', title: '只改名字' })
    expect(r.status).toBe(200)
    expect((await q(staff, 'getCampaign', { id })).data!).toMatchObject({ title: '只改名字', startAt: '2026-11-20T01:30:27.123Z' })
    expect((await upsert(id, { prizes, startAt: '2026-11-20T09:31:00+08:00' })).error!.code).toBe('CONFLICT')
  })

  test('a campaign nobody has drawn in may still be moved and restocked before it starts', async () => {
    const { id } = await createCampaign(gw, staff, { prizes, startAt: '2026-12-01T00:00:00+08:00' })
    const r = await upsert(id, { prizes: [{ ...prizes[0], quantity: 5 }], startAt: '2026-12-02T00:00:00+08:00' })
    expect(r.status).toBe(200)
    expect(await gw.store.get('quiz_prizes', `${id}.p0`)).toMatchObject({ quantity: 5, remaining: 5 })
    expect((await q(staff, 'getCampaign', { id })).data!).toMatchObject({ prizesLocked: false, startLocked: false })
  })

  test('the fairness view states the table the draws walk: each prize’s number range and 谢谢参与', async () => {
    const { id } = await createCampaign(gw, staff)
    const f = (await q(worker, 'fairness', { campaignId: id, page: 1 })).data!
    expect(f.prizes).toEqual([
      { name: '乐陵金丝小枣礼盒', weight: 3000, quantity: 10, from: 0, to: 2999 },
      { name: '20 元话费', weight: 3000, quantity: 10, from: 3000, to: 5999 },
    ])
    expect(f.noPrizeFrom).toBe(6000)
  })
})

describe('a revealed seed never runs again', () => {
  test('ended by time: 「延长一周」 is refused, draws stay closed, the seed stays public', async () => {
    const { id } = await createCampaign(gw, staff, { endAt: '2026-11-30T00:00:00+08:00' })
    await grantDraws(gw, id, ['late-drawer'], 3)
    gw.clock.now = new Date('2026-11-30T09:00:00+08:00')
    const f = (await q(worker, 'fairness', { campaignId: id, page: 1 })).data!
    expect(f.seed).toMatch(/^[0-9a-f]{64}$/)
    const extended = await upsert(id, { endAt: '2026-12-07T00:00:00+08:00' })
    expect(extended.error!.code).toBe('CONFLICT')
    expect(extended.error!.message).toContain('再办一期')
    const restarted = await upsert(id, { startAt: '2026-12-01T00:00:00+08:00', endAt: '2026-12-07T00:00:00+08:00' })
    expect(restarted.error!.code).toBe('CONFLICT')
    expect((await q(await gw.login('late-drawer'), 'draw', { campaignId: id })).error!.code).toBe('CLOSED')
    expect((await q(staff, 'getCampaign', { id })).data!).toMatchObject({ state: 'ended', endAt: '2026-11-29T16:00:00.000Z' })
  })

  test('closed early: extending is refused as well', async () => {
    const { id } = await createCampaign(gw, staff)
    expect((await q(staff, 'closeCampaign', { id })).status).toBe(200)
    const r = await upsert(id, { endAt: '2027-01-31T00:00:00+08:00' })
    expect(r.error!.code).toBe('CONFLICT')
    expect((await q(worker, 'start', { campaignId: id })).error!.code).toBe('CLOSED')
  })

  test('再办一期 copies settings, questions and prizes into a new campaign with a new seed and full stock', async () => {
    const { id, seedHash } = await createCampaign(gw, staff, { prizes: [{ name: '话费', kind: 'phone_credit', quantity: 2, weight: 10000 }] })
    expect((await q(staff, 'copyCampaign', { id })).error!).toMatchObject({ code: 'CONFLICT', message: '活动结束后才能再办一期' })
    await grantDraws(gw, id, ['again-1', 'again-2'], 1)
    await drawAll(id, ['again-1', 'again-2'])
    await q(staff, 'closeCampaign', { id })
    expect((await q(worker, 'copyCampaign', { id })).status).toBe(403)
    const copy = await q(staff, 'copyCampaign', { id })
    expect(copy.status).toBe(200)
    expect(copy.data!.id).not.toBe(id)
    expect(copy.data!.seedHash).not.toBe(seedHash)
    const c = (await q(staff, 'getCampaign', { id: copy.data!.id })).data!
    expect(c).toMatchObject({ title: '劳动法律知识竞赛（新一期）', state: 'upcoming', prizesLocked: false, startLocked: false })
    expect(c.questions).toHaveLength(3)
    expect(c.prizes).toEqual([expect.objectContaining({ name: '话费', quantity: 2, remaining: 2, weight: 10000 })])
    expect(new Date(c.startAt).getTime()).toBeGreaterThan(gw.clock.now.getTime())
    // the old one is untouched and still ended
    expect((await q(staff, 'getCampaign', { id })).data!.state).toBe('ended')
  })
})
