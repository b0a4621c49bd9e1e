import { startGateway, type Reply, type TestGateway } from './harness'
import { FORM, helper, type Helper } from './legalaid-helpers'

jest.setTimeout(120_000)

/**
 * Each union's means test, checked at submission on the applicant's statement (第四十一条 个人诚信承诺) with the law's
 * exemptions (第四十二条). The county union starts 零门槛; 泰山体育's union sits under it.
 */
let gw: TestGateway
let h: Helper
let n = 0
beforeAll(async () => {
  gw = await startGateway()
  h = await helper(gw)
})
afterAll(() => gw.close())
beforeEach(() => gw.store.remove('rate_limits', {}))

const submit = (extra: object) => h.call('applicant', 'submit', { ...FORM, facts: `${FORM.facts}（经济状况 ${++n}）`, ...extra })
const paths = (r: Reply<unknown>) => (r.error?.fields ?? []).map((f: { path: string }) => f.path).sort()

test('零门槛 by default: no statement asked, the case says no test applies', async () => {
  const county = (await h.call('applicant', 'policy', {})).data!
  expect(county).toMatchObject({ meansTest: false, incomeThreshold: null })
  const r = await submit({ category: 'contract' })
  expect(r.status).toBe(200)
  expect((await h.call('applicant', 'get', { id: r.data!.id })).data!).toMatchObject({ hardshipExempt: true, means: null })
})

test('with the test on: income and the promise are asked; over the threshold is refused naming it; the law’s exemptions pass', async () => {
  const countyId = (await h.call('applicant', 'policy', {})).data!.orgId
  // only staff governing the union set it; a bad policy is refused by field
  expect((await h.call('taishanStaff', 'setPolicy', { orgId: countyId, meansTest: true, incomeThreshold: 2000 })).error!.code).toBe('FORBIDDEN')
  expect(paths(await h.call('countyStaff', 'setPolicy', { orgId: countyId, meansTest: true }))).toEqual(['incomeThreshold'])
  const set = await h.call('countyStaff', 'setPolicy', { orgId: countyId, meansTest: true, incomeThreshold: 2000, minAmount: 1000 })
  expect(set.data!).toMatchObject({ meansTest: true, incomeThreshold: 2000, minAmount: 1000, orgName: '乐陵市总工会' })

  // a contract dispute with no statement: income and promise are asked for
  expect(paths(await submit({ category: 'contract', amount: 5000 }))).toEqual(['monthlyIncome', 'promise'])
  const over = await submit({ category: 'contract', amount: 5000, monthlyIncome: 2600, promise: true })
  expect(over.error!.fields![0].message).toContain('经济困难标准（2000 元）')
  expect(paths(await submit({ category: 'contract', amount: 500, monthlyIncome: 1500, promise: true }))).toEqual(['amount'])
  const ok = await submit({ category: 'contract', amount: 5000, monthlyIncome: 1500, promise: true })
  expect(ok.status).toBe(200)
  const staff = (await h.call('countyStaff', 'get', { id: ok.data!.id })).data!
  expect(staff).toMatchObject({ hardshipExempt: false })
  expect(staff.means).toBe('家庭人均月收入 1500 元（乐陵市总工会标准 2000 元）；申请人已作个人诚信承诺')

  // 农民工 claiming wages: no income asked, the promise still is
  expect(paths(await submit({ category: 'wage', migrant: true }))).toEqual(['promise'])
  const migrant = await submit({ category: 'wage', migrant: true, promise: true })
  expect((await h.call('countyStaff', 'get', { id: migrant.data!.id })).data!).toMatchObject({ hardshipExempt: true })
  expect((await h.call('countyStaff', 'get', { id: migrant.data!.id })).data!.means).toContain('农民工讨要劳动报酬')
  // a 农民工 in a contract dispute is not exempt by that; social assistance is
  expect(paths(await submit({ category: 'contract', migrant: true, amount: 5000, promise: true }))).toEqual(['monthlyIncome'])
  expect((await submit({ category: 'contract', assistance: true, promise: true })).status).toBe(200)

  // a union below keeps its own: 泰山体育 零门槛 while the county tests
  expect((await h.call('countyStaff', 'setPolicy', { orgId: 'org-taishan', meansTest: false })).status).toBe(200)
  expect((await h.call('applicant', 'policy', { orgId: 'org-taishan' })).data!).toMatchObject({ meansTest: false, orgId: 'org-taishan' })
  expect((await submit({ category: 'contract', employer: '泰山体育产业集团有限公司' })).status).toBe(200)

  // back to 零门槛
  await h.call('countyStaff', 'setPolicy', { orgId: countyId, meansTest: false })
  expect((await submit({ category: 'contract' })).status).toBe(200)
})
