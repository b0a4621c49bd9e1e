import { startGateway, type TestGateway } from './harness'
import { classInput, seedChild } from '../utils/childcare'

jest.setTimeout(30_000)

/** 职工子女托管 in every season (issue 21): a child holds one booking per season, not one per year. */
let gw: TestGateway
const tokens: Record<string, string> = {}
const as = async (who: string) => (tokens[who] ??= await gw.login(who))
const cc = async (who: string, action: string, data: unknown = {}) => (await gw.call('childcare', { action, data }, await as(who))).json
let n = 0
const rid = () => `season-${n++}-${Date.now()}`

beforeAll(async () => {
  gw = await startGateway()
  gw.clock.now = new Date('2026-12-10T10:00:00+08:00')
})
afterAll(() => gw.close())

async function open(over: Record<string, unknown>): Promise<string> {
  const r = await cc(
    'demo-staff',
    'upsertClass',
    classInput({ opensAt: '2026-12-01T09:00:00+08:00', closesAt: '2027-06-30T18:00:00+08:00', ...over }),
  )
  expect(r.error).toBeUndefined()
  return r.data.id
}

test('a class carries its term; winter, spring break and summer of one year each take one booking of the same child', async () => {
  const winter = await open({
    term: '寒假',
    title: '寒假托管一班',
    startDate: '2027-01-18',
    endDate: '2027-01-29',
    cancelBefore: '2027-01-15T18:00:00+08:00',
  })
  const winter2 = await open({
    term: '寒假',
    title: '寒假托管二班',
    startDate: '2027-02-01',
    endDate: '2027-02-05',
    cancelBefore: '2027-01-25T18:00:00+08:00',
  })
  const spring = await open({
    term: '春秋假',
    title: '春假托管班',
    startDate: '2027-04-06',
    endDate: '2027-04-09',
    cancelBefore: '2027-04-01T18:00:00+08:00',
  })
  const summer = await open({ title: '暑期托管班' })
  await seedChild(gw.store, 'p-season', 'child-season', { name: '孙小北', schoolYear: 2026, grade: 3 })

  const detail = await cc('p-season', 'getClass', { id: winter })
  expect(detail.data).toMatchObject({ term: '寒假', title: '寒假托管一班' })
  expect(detail.data.rules.join('\n')).toContain('每个孩子每个寒假只能报名一期')
  expect((await cc('p-season', 'listClasses')).data.items.find((c: { id: string }) => c.id === summer).term).toBe('暑期')

  const book = (classId: string) => cc('p-season', 'book', { classId, childIds: ['child-season'], requestId: rid() })
  expect((await book(winter)).data.bookings[0].status).toBe('confirmed')
  const again = await book(winter2)
  expect(again.error.code).toBe('CONFLICT')
  expect(again.error.message).toContain('每个孩子每个寒假只能报名一期')
  expect((await book(spring)).data.bookings[0].status).toBe('confirmed')
  expect((await book(summer)).data.bookings[0].status).toBe('confirmed')
  // Summer bookings keep the id they had before terms existed.
  const ids = gw.store
    .rawDump('cc_bookings')
    .map((s) => JSON.parse(s)._id as string)
    .filter((id) => id.endsWith(':child-season'))
  expect(new Set(ids)).toEqual(new Set(['2027:child-season', '20271:child-season', '20272:child-season']))
})

test('a class without a term is a summer class; once booking is open its term cannot change', async () => {
  const id = await open({ title: '老接口开的班', startDate: '2027-07-12', endDate: '2027-07-23' })
  expect((await cc('demo-staff', 'getClass', { id })).data.term).toBe('暑期')
  const moved = await cc('demo-staff', 'upsertClass', {
    id,
    ...classInput({ term: '寒假', title: '老接口开的班', opensAt: '2026-12-01T09:00:00+08:00' }),
  })
  expect(moved.error).toMatchObject({ code: 'CONFLICT' })
  expect(moved.error.message).toContain('托管类型')
  const bad = await cc('demo-staff', 'upsertClass', classInput({ term: '夏令营' }))
  expect(bad.error.fields[0]).toMatchObject({ path: 'term', message: '请选择托管类型' })
})
