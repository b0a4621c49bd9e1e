import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'
import { createCampaign, rightAnswers } from './quiz-helpers'

/** 题库练习 and 错题本, and the rules: rankings name persons, staff statistics rank no units. */
let gw: TestGateway
const tokens: Record<string, string> = {}
const q = <A extends ActionName<'quiz'>>(who: string, action: A, ...data: Data<'quiz', A>) => gw.as(tokens[who]).call('quiz', action, ...data)

beforeAll(async () => {
  gw = await startGateway()
  for (const who of ['demo-worker', 'demo-courier', 'demo-staff']) tokens[who] = await gw.login(who)
})
afterAll(() => gw.close())
beforeEach(() => {
  gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
})

async function tryOnce(who: string, campaignId: string, wrongOn: (stem: string) => boolean) {
  const s = await q(who, 'start', { campaignId })
  const right = await rightAnswers(gw, s.data!.attemptId)
  const answers: Record<string, number[]> = {}
  for (const x of s.data!.questions as Array<{ id: string; stem: string; options: string[] }>) {
    answers[x.id] = wrongOn(x.stem) ? [right[x.id][0] === 0 ? 1 : 0] : right[x.id]
  }
  gw.clock.now = new Date(gw.clock.now.getTime() + 60_000)
  return q(who, 'submit', { attemptId: s.data!.attemptId, answers })
}

test('错题本 lists what I got wrong with the right answer and explanation; a question answered right later leaves it', async () => {
  const { id } = await createCampaign(gw, tokens['demo-staff'])
  expect((await q('demo-worker', 'wrongBook', { campaignId: id })).data!.items).toEqual([])
  await tryOnce('demo-worker', id, (stem) => stem.includes('热线') || stem.includes('身份证'))
  let book = (await q('demo-worker', 'wrongBook', { campaignId: id })).data!.items
  expect(book.map((w: { stem: string }) => w.stem).sort()).toEqual(['全国总工会职工服务热线是？', '用人单位可以扣押劳动者的身份证。'])
  const hotline = book.find((w: { stem: string }) => w.stem.includes('热线'))!
  expect(hotline.options[hotline.answer[0]]).toBe('12351')
  expect(hotline.yours).not.toEqual(hotline.answer)
  expect(hotline.explanation).toBe('12351 是职工服务热线。')
  // Someone else's book is their own.
  expect((await q('demo-courier', 'wrongBook', { campaignId: id })).data!.items).toEqual([])
  // Right this time on the hotline, wrong again on the ID card: one left, counted twice.
  await tryOnce('demo-worker', id, (stem) => stem.includes('身份证'))
  book = (await q('demo-worker', 'wrongBook', { campaignId: id })).data!.items
  expect(book.map((w: { stem: string; times: number }) => [w.stem, w.times])).toEqual([['用人单位可以扣押劳动者的身份证。', 2]])
})

test('题库练习 opens after the end or in 练习模式, gives answers, and never gives draws', async () => {
  const { id } = await createCampaign(gw, tokens['demo-staff'])
  const closed = await q('demo-worker', 'practice', { campaignId: id })
  expect(closed.status).toBe(409)
  expect(closed.error!.message).toContain('活动结束后开放题库练习')
  expect((await q('demo-worker', 'campaign', { campaignId: id })).data!.practiceAvailable).toBe(false)

  const open = await createCampaign(gw, tokens['demo-staff'], { practiceOpen: true })
  const bank = (await q('demo-worker', 'practice', { campaignId: open.id })).data!.questions
  expect(bank).toHaveLength(3)
  expect(bank[0]).toMatchObject({ stem: '全国总工会职工服务热线是？', answer: [0], explanation: '12351 是职工服务热线。' })
  const c = (await q('demo-worker', 'campaign', { campaignId: open.id })).data!
  expect(c).toMatchObject({ practiceAvailable: true, drawsLeft: 0, attemptsLeftToday: 3 })
  expect((await q('demo-staff', 'getCampaign', { id: open.id })).data!.practiceOpen).toBe(true)

  gw.clock.now = new Date('2027-01-02T10:00:00+08:00')
  expect((await q('demo-worker', 'practice', { campaignId: id })).status).toBe(200)
  expect((await q('demo-worker', 'campaign', { campaignId: id })).data!.practiceAvailable).toBe(true)
})

test('rankings name persons only; staff statistics carry no unit breakdown', async () => {
  const { id } = await createCampaign(gw, tokens['demo-staff'], { showRanking: true })
  await tryOnce('demo-worker', id, () => false)
  await tryOnce('demo-courier', id, (stem) => stem.includes('热线'))
  const rows = (await q('demo-worker', 'rankings', { campaignId: id })).data!.items
  expect(rows).toHaveLength(2)
  for (const r of rows) expect(Object.keys(r).sort()).toEqual(['nameMasked', 'rank', 'score', 'seconds'])
  expect(rows[0].score).toBeGreaterThan(rows[1].score)
  const stats = (await q('demo-staff', 'stats', { campaignId: id })).data!
  const keys = new Set<string>()
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        keys.add(k)
        walk(x)
      }
  }
  walk(stats)
  expect([...keys].filter((k) => /org|unit|employer|单位/i.test(k))).toEqual([])
  expect(stats.participants).toBe(2)
})
