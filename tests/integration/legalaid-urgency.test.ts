import { startGateway, type TestGateway } from './harness'
import { FORM, helper, type Helper } from './legalaid-helpers'

jest.setTimeout(120_000)

/**
 * Urgency by the law's clocks: 先行援助 when a hearing or a limitation period is under 7 days away (read at each
 * listing, so a case becomes urgent as the day nears), first in the staff queue with the reason; the one-year
 * arbitration limit for 欠薪 and 辞退 from the day the job ended. The clock starts at 2026-11-23 10:00 Beijing.
 */
let gw: TestGateway
let h: Helper
let n = 0
beforeAll(async () => {
  gw = await startGateway()
  h = await helper(gw)
})
afterAll(() => gw.close())
beforeEach(async () => {
  gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
  await gw.store.remove('rate_limits', {})
})

const submit = async (extra: object, who: 'applicant' | 'otherWorker' = 'applicant') => {
  const r = await h.call(who, 'submit', { ...FORM, facts: `${FORM.facts}（紧急 ${++n}）`, ...extra })
  return r
}
const queue = async () => (await h.call('countyStaff', 'listCases', {})).data!.items as Array<{ id: string; firstAid: string | null }>

test('a hearing in 3 days: flagged 先行援助 with the reason, first in the staff queue ahead of a 群体 case', async () => {
  const group = await submit({ groupSize: 5, employer: '群体欠薪单位' })
  expect(group.status).toBe(200)
  const r = await submit({ category: 'contract', hearingDay: '2026-11-26' }, 'otherWorker')
  expect(r.status).toBe(200)
  const id = r.data!.id
  const q = await queue()
  expect(q[0]).toMatchObject({ id, firstAid: '开庭日期 11月26日，还剩 3 天' })
  expect(q.find((c) => c.id === group.data!.id)!.firstAid).toBeNull()
  const staffView = (await h.call('countyStaff', 'get', { id })).data!
  expect(staffView.firstAid).toBe('开庭日期 11月26日，还剩 3 天')
  expect(staffView.clocks).toEqual(['开庭日期 11月26日，还剩 3 天'])
  expect(staffView.timeline[0].note).toContain('先行援助')
  // the worker sees it too, in 我的法律援助
  const mine = (await h.call('otherWorker', 'myCases')).data!.items.find((c: { id: string }) => c.id === id)!
  expect(mine.firstAid).toBe('开庭日期 11月26日，还剩 3 天')
})

test('a limitation period 10 days off is not urgent today, and is when 4 days have passed; never once the case is closed', async () => {
  const id = (await submit({ category: 'injury', limitationDay: '2026-12-03' })).data!.id
  expect((await queue()).find((c) => c.id === id)!.firstAid).toBeNull()
  gw.clock.now = new Date('2026-11-27T09:00:00+08:00')
  const q = await queue()
  expect(q.find((c) => c.id === id)!.firstAid).toBe('时效届满日 12月3日，还剩 6 天')
  expect(q.findIndex((c) => c.id === id)).toBeLessThan(q.findIndex((c) => !c.firstAid))
  await h.call('applicant', 'withdraw', { id })
  expect((await queue()).find((c) => c.id === id)!.firstAid).toBeNull()
})

test('欠薪 after leaving: the arbitration year is computed and warned under 60 days; under 7 days it is 先行援助', async () => {
  const warn = (await submit({ leftOn: '2025-12-20' })).data!.id
  const a = (await h.call('applicant', 'get', { id: warn })).data!
  expect(a.arbitrationWarning).toContain('只剩 27 天')
  expect(a.firstAid).toBeNull()
  const near = (await submit({ category: 'contract', leftOn: '2025-11-28' })).data!.id
  const b = (await h.call('applicant', 'get', { id: near })).data!
  expect(b.firstAid).toBe('申请仲裁的最后一天 11月28日，还剩 5 天')
  // 工伤 has its own clocks: the job-ended date sets none
  const injury = (await submit({ category: 'injury', leftOn: '2025-11-28' })).data!.id
  const c = (await h.call('applicant', 'get', { id: injury })).data!
  expect(c).toMatchObject({ firstAid: null, arbitrationWarning: null, clocks: [] })
})

test('dates that cannot be are refused by field: a hearing already past, leaving in the future', async () => {
  const r = await submit({ hearingDay: '2026-11-20', limitationDay: '2026-11-01', leftOn: '2026-12-01' })
  expect(r.status).toBe(400)
  expect(r.error!.fields!.map((f: { path: string }) => f.path).sort()).toEqual(['hearingDay', 'leftOn', 'limitationDay'])
  const bad = await submit({ hearingDay: '2026-13-01' })
  expect(bad.error!.fields![0].path).toBe('hearingDay')
})
