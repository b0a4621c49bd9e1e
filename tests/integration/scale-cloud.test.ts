import { startGateway, type TestGateway } from './harness'
import { helper, type Helper } from './legalaid-helpers'

jest.setTimeout(120_000)

/**
 * CloudBase answers at most 1,000 documents a read and says nothing about the rest. Sets that a staff call must
 * see whole (the orgs under a union, a union's lawyers, the cases its statistics count) are read in pages; here
 * each holds more than 1,000 documents, stored after the seed so that a single read would miss the last ones.
 */
describe.each([
  ['CloudBase double', 'cloudbase' as const],
  ['SQLite', 'sqlite' as const],
])('more than 1,000 documents on %s', (_label, backend) => {
  let gw: TestGateway
  let h: Helper
  const at = '2026-11-20T02:00:00.000Z'

  beforeAll(async () => {
    gw = await startGateway({ backend })
    h = await helper(gw)
  })
  afterAll(() => gw.close())

  test('1,200 orgs under one joint union: its staff and the county staff see an application to the last of them', async () => {
    const org = { kind: 'enterprise', phone: '', industries: [], regions: [], disabled: false, createdAt: at, updatedAt: at }
    await gw.store.put('orgs', { _id: 'big-joint', name: '大联合工会', parentId: 'org-leling', ...org, kind: 'joint' })
    for (let i = 0; i < 1200; i++) {
      await gw.store.put('orgs', { _id: `big-${String(i).padStart(4, '0')}`, name: `大联合第${i}号工会`, parentId: 'big-joint', ...org })
    }
    await gw.store.put('applications', { _id: 'app-needle', orgId: 'big-1199', status: 'pending', submittedAt: at, newEmploymentType: 'none' })
    await gw.store.put('users', { _id: 'big-staff', name: '大联合干事', grants: [{ role: 'staff', scope: 'big-joint' }] })
    const token = await gw.login('big-staff')
    const county = await gw.login('demo-staff')
    for (const t of [token, county]) {
      const r = await gw.as(t).call('membership', 'pendingCount', {})
      expect(r.data!.count).toBeGreaterThanOrEqual(1)
    }
    expect((await gw.as(token).call('membership', 'pendingCount', {})).data!.count).toBe(1)
    // A grassroots union's staff pay one query for the tree (its children: none), not the whole tree.
    const leaf = await gw.login('demo-staff-taishan')
    gw.double?.resetCounts()
    await gw.as(leaf).call('membership', 'pendingCount', {})
    if (gw.double) expect(gw.double.counts.get).toBeLessThanOrEqual(2)
  })

  test('the 用人单位 list counts and pages all 1,100 employers of a union', async () => {
    for (let i = 0; i < 1100; i++) {
      const name = `大联合第${String(i).padStart(4, '0')}号企业`
      await gw.store.put('employers', { _id: `emp-${String(i).padStart(4, '0')}`, name, orgId: 'big-joint', employerId: `eg-${i}` })
    }
    const admin = await gw.login('demo-admin')
    const list = await gw.as(admin).call('orgs', 'employers', { orgId: 'big-joint', page: 22, pageSize: 50 })
    expect(list.data!.total).toBe(1100)
    expect(list.data!.items.map((e: { name: string }) => e.name).at(-1)).toBe('大联合第1099号企业')
  })

  test('the lawyer list reads every user with a role, however many', async () => {
    for (let i = 0; i < 1100; i++) {
      await gw.store.put('users', { _id: `keeper-${String(i).padStart(4, '0')}`, name: `站长${i}`, grants: [{ role: 'keeper', scope: `st-${i}` }] })
    }
    await gw.store.put('users', { _id: 'zz-lawyer', name: '最后的律师', grants: [{ role: 'lawyer', scope: 'org-leling' }] })
    const id = await h.caseIn('accepted')
    const lawyers = (await h.call('countyStaff', 'lawyers', { id })).data!.items.map((l: { openid: string }) => l.openid)
    expect(lawyers).toEqual(expect.arrayContaining(['demo-lawyer', 'zz-lawyer']))
  })

  test('legal-aid statistics count all 1,100 cases and more', async () => {
    for (let i = 0; i < 1100; i++) {
      await gw.store.put('legal_cases', {
        _id: `case-${String(i).padStart(4, '0')}`,
        orgId: 'big-joint',
        category: 'wage',
        status: 'closed',
        outcome: 'resolved',
        submittedAt: at,
        closedAt: at,
        amountRecovered: 10,
      })
    }
    const stats = (await h.call('countyStaff', 'stats', {})).data!
    expect(stats.total).toBe(await gw.store.count('legal_cases'))
    expect(stats.total).toBeGreaterThan(1100)
    expect(stats.amountRecovered).toBeGreaterThanOrEqual(11000)
  })
})
