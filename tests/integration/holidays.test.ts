import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'

jest.setTimeout(30_000)

/** 节假日安排 through the gateway: entered by the county's admins, read by working-day deadlines. */

let gw: TestGateway
const tokens: Record<string, string> = {}
const as = async (who: string) => (tokens[who] ??= await gw.login(who))
const orgs = async <A extends ActionName<'orgs'>>(who: string, action: A, ...data: Data<'orgs', A>) =>
  gw.as(await as(who)).call('orgs', action, ...data)
const legal = async <A extends ActionName<'legalAid'>>(who: string, action: A, ...data: Data<'legalAid', A>) =>
  gw.as(await as(who)).call('legalAid', action, ...data)

const FORM = {
  category: 'wage',
  employer: '乐陵市宏达建筑工程有限公司',
  facts: '2026 年 6 月起在工地做钢筋工，老板拖欠 4 个月工资至今未付。',
  claim: '要求支付拖欠工资 24000 元。',
  amount: 24000,
  phone: '13912345678',
} as const
let n = 0
async function newCase(): Promise<{ decisionDue: string | null; deadlineNote: string | null }> {
  await gw.store.remove('rate_limits', {})
  const r = await legal('demo-worker', 'submit', { ...FORM, facts: `${FORM.facts}（第 ${++n} 件）` })
  if (r.status !== 200) throw new Error(JSON.stringify(r))
  return (await legal('demo-staff', 'get', { id: r.data!.id })).data!
}

beforeAll(async () => {
  gw = await startGateway()
  // 乐陵市总工会 counts working days (the demo data), 7 to decide
  expect((await legal('demo-staff', 'setDeadlines', { orgId: 'org-leling', decisionDays: 7, assignDays: 3, unit: 'workdays' })).status).toBe(200)
})
afterAll(() => gw.close())

test('a year with no data: natural days, never a null deadline, and the case says 按自然日计算; admins are warned', async () => {
  gw.clock.now = new Date('2026-12-06T10:00:00+08:00')
  expect((await orgs('demo-admin', 'holidayWarning')).data!.count).toBe(1)
  const status = (await orgs('demo-admin', 'holidays', { year: 2027 })).data!
  expect(status.entry).toMatchObject({ year: 2027, source: 'none', off: [] })
  expect(status.status.warning).toContain('2027 年')
  expect((await orgs('demo-admin', 'holidays', { year: 2026 })).data!.entry).toMatchObject({ source: 'package' })
  // the warning starts 60 days before the data runs out
  gw.clock.now = new Date('2026-10-31T23:59:00+08:00')
  expect((await orgs('demo-admin', 'holidayWarning')).data!.count).toBe(0)
  gw.clock.now = new Date('2026-11-01T00:00:00+08:00')
  expect((await orgs('demo-admin', 'holidayWarning')).data!.count).toBe(1)

  gw.clock.now = new Date('2027-01-29T10:00:00+08:00') // a Friday
  const c = await newCase()
  expect(c.decisionDue).toBe('2027-02-05T16:00:00.000Z')
  expect(c.deadlineNote).toContain('按自然日计算')
})

test('the county admin enters 2027 from the notice; deadlines then skip its days off and count its makeup days', async () => {
  const year2027 = {
    year: 2027,
    // 春节 (example): 2/6–2/14 off, 2/20 (Saturday) working
    off: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13', '2027-02-14'],
    work: ['2027-02-20'],
  }
  const bad = await orgs('demo-admin', 'saveHolidays', { ...year2027, work: ['2027-02-19'] })
  expect(bad.error!.code).toBe('VALIDATION_FAILED')
  expect(bad.error!.fields![0]).toMatchObject({ path: 'work', message: expect.stringContaining('调休上班日应为周六或周日') })
  expect((await orgs('demo-staff', 'saveHolidays', year2027)).error!.code).toBe('FORBIDDEN')
  expect((await orgs('demo-admin', 'saveHolidays', year2027)).status).toBe(200)
  expect(await gw.store.count('audit_log', { action: 'orgs.holidays' })).toBe(1)

  gw.clock.now = new Date('2027-02-05T10:00:00+08:00') // Friday before 春节
  const c = await newCase()
  // 2/6–2/14 off; 2/15 2/16 2/17 2/18 2/19, 2/20 (调休), 2/22 → 7 working days
  expect(c.decisionDue).toBe('2027-02-22T16:00:00.000Z')
  expect(c.deadlineNote).toBeNull()
  gw.clock.now = new Date('2026-12-06T10:00:00+08:00')
  expect((await orgs('demo-admin', 'holidayWarning')).data!.count).toBe(0)
})
