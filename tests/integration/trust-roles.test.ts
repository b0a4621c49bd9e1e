import accountModule from '../../cloudfunctions/account/module'
import { grantId } from '../../cloudfunctions/account/grants'
import { systemCtx } from '../../cloudfunctions/_core/dispatch'
import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'
import { helper, type Helper } from './legalaid-helpers'

jest.setTimeout(60000)

/**
 * Issue 19, roles: grants that cannot be self-made, lawyers who serve one union tree, announcements with an
 * audience. Through the gateway, as an attacker from an enterprise union would try it.
 */
let gw: TestGateway
let h: Helper
let admin: string
let taishanStaff: string
let countyStaff: string
beforeAll(async () => {
  gw = await startGateway()
  h = await helper(gw)
  admin = await gw.login('demo-admin')
  taishanStaff = await gw.login('demo-staff-taishan')
  countyStaff = await gw.login('demo-staff')
})
afterAll(() => gw.close())

const account = <A extends ActionName<'account'>>(token: string, action: A, ...data: Data<'account', A>) =>
  gw.as(token).call('account', action, ...data)
const messages = <A extends ActionName<'messages'>>(token: string, action: A, ...data: Data<'messages', A>) =>
  gw.as(token).call('messages', action, ...data)
const lawyerIds = async (caseId: string, as: 'countyStaff' | 'taishanStaff') =>
  (await h.call(as, 'lawyers', { id: caseId })).data!.items.map((l: { openid: string }) => l.openid)

describe('invitations and lawyer scopes', () => {
  test('a cadre cannot redeem their own invitation: no self-made lawyer', async () => {
    const inv = await account(taishanStaff, 'createInvite', { role: 'lawyer', orgId: 'org-taishan' })
    expect(inv.ok).toBe(true)
    const self = await account(taishanStaff, 'acceptInvite', { code: inv.data!.code, name: '周干事' })
    expect(self.error!).toMatchObject({ code: 'FORBIDDEN', message: '不能使用自己生成的邀请码，请交给被邀请人本人激活' })
    const me = await account(taishanStaff, 'me')
    expect(me.data!.roles).not.toContain('lawyer')
    // the code is still good for the person it was made for
    const invitee = await gw.login('taishan-lawyer')
    const ok = await account(invitee, 'acceptInvite', { code: inv.data!.code, name: '吴律师' })
    expect(ok.data!).toEqual({ role: 'lawyer', placeName: '泰山体育产业集团有限公司工会' })
    expect((await account(invitee, 'me')).data!.grants).toEqual([{ role: 'lawyer', scope: 'org-taishan' }])
  })

  test("a lawyer invited by an enterprise union serves that union only: not on the county's list, not assignable there", async () => {
    const countyCase = await h.caseIn('accepted')
    expect(await lawyerIds(countyCase, 'countyStaff')).not.toContain('taishan-lawyer')
    expect(await lawyerIds(countyCase, 'countyStaff')).toContain('demo-lawyer')
    const assign = await h.call('countyStaff', 'assign', { id: countyCase, lawyerOpenid: 'taishan-lawyer' })
    expect(assign.error!.fields).toEqual([{ path: 'lawyerOpenid', message: '该律师不在本工会的法律援助律师名单中' }])
    const taishanCase = await h.caseIn('submitted', { employer: '泰山体育产业集团有限公司' })
    await h.call('taishanStaff', 'accept', { id: taishanCase, form: 'mediation' })
    expect(await lawyerIds(taishanCase, 'taishanStaff')).toEqual(expect.arrayContaining(['taishan-lawyer', 'demo-lawyer', 'demo-lawyer2']))
  })

  test('an assigned lawyer whose grant no longer covers the union reads nothing of the case', async () => {
    const id = await h.caseIn('accepted')
    await gw.store.put('users', { _id: 'moving-lawyer', name: '郑律师', grants: [{ role: 'lawyer', scope: 'org-leling' }] })
    expect((await h.call('countyStaff', 'assign', { id, lawyerOpenid: 'moving-lawyer' })).status).toBe(200)
    const t = await gw.login('moving-lawyer')
    const get = () => gw.as(t).call('legalAid', 'get', { id })
    expect((await get()).status).toBe(200)
    // now serving 泰山体育 only (e.g. the county grant was revoked, another union's kept)
    await gw.store.put('users', { _id: 'moving-lawyer', name: '郑律师', grants: [{ role: 'lawyer', scope: 'org-taishan' }] })
    expect((await get()).status).toBe(403)
    const list = await gw.as(t).call('legalAid', 'listCases', {})
    expect(list.data!.items.map((i: { id: string }) => i.id)).not.toContain(id)
    expect((await gw.as(t).call('legalAid', 'myCaseCount', {})).data!.count).toBe(0)
  })

  test("an invitation dies with its inviter's grant", async () => {
    const inv = await account(countyStaff, 'createInvite', { role: 'keeper', stationId: 'st-shizhong' })
    const staffGrant = (await account(admin, 'listRoles')).data!.items.find(
      (r: { name: string; role: string }) => r.name === '刘干事' && r.role === 'staff',
    )
    expect((await account(admin, 'revokeGrant', { id: staffGrant!.id })).ok).toBe(true)
    const t = await gw.login('would-be-keeper')
    const r = await account(t, 'acceptInvite', { code: inv.data!.code, name: '钱站长' })
    expect(r.error!).toMatchObject({ code: 'FORBIDDEN' })
    expect(r.error!.message).toContain('邀请人已不再负责该工会')
    // restore for the tests below
    await gw.store.put('users', { _id: 'demo-staff', name: '刘干事', grants: [{ role: 'staff', scope: 'org-leling' }] })
  })

  test('an unscoped lawyer grant from before is scoped to its inviting union by the account timer', async () => {
    await gw.store.put('users', { _id: 'legacy-lawyer', name: '老律师', grants: [{ role: 'lawyer' }] })
    await gw.store.put('role_grants', {
      _id: grantId('legacy-lawyer', { role: 'lawyer' }),
      openid: 'legacy-lawyer',
      name: '老律师',
      role: 'lawyer',
      scope: null,
      orgId: 'org-taishan',
      orgName: '泰山体育产业集团工会',
      grantedAt: '2026-01-01T00:00:00.000Z',
      grantedBy: 'demo-staff-taishan',
      grantedByName: '周干事',
    })
    await gw.store.put('users', { _id: 'legacy-lawyer-2', name: '旧律师', grants: [{ role: 'lawyer' }] })
    const countyCase = await h.caseIn('accepted')
    // before the migration an unscoped grant serves nowhere (it used to serve everywhere)
    expect(await lawyerIds(countyCase, 'countyStaff')).not.toContain('legacy-lawyer')
    await accountModule.onTimer!(systemCtx({ store: gw.store, now: () => gw.clock.now }))
    expect((await gw.store.get<{ _id: string; grants: unknown[] }>('users', 'legacy-lawyer'))!.grants).toEqual([
      { role: 'lawyer', scope: 'org-taishan' },
    ])
    expect((await gw.store.get<{ _id: string; grants: unknown[] }>('users', 'legacy-lawyer-2'))!.grants).toEqual([
      { role: 'lawyer', scope: 'org-leling' },
    ])
    expect(await gw.store.get('role_grants', grantId('legacy-lawyer', { role: 'lawyer' }))).toBeNull()
    expect(await gw.store.get('role_grants', grantId('legacy-lawyer', { role: 'lawyer', scope: 'org-taishan' }))).toMatchObject({
      orgId: 'org-taishan',
    })
    expect(await lawyerIds(countyCase, 'countyStaff')).not.toContain('legacy-lawyer')
    expect(await lawyerIds(countyCase, 'countyStaff')).toContain('legacy-lawyer-2')
  })
})

describe('announcements have an audience', () => {
  test("an enterprise union's cadre cannot reach the whole county; its members see its notice, other workers do not", async () => {
    const publish = (data: object) =>
      messages(taishanStaff, 'publishAnnouncement', { title: '请点击链接领取补贴', body: '点击链接领取补贴', pinned: true, ...data })
    const county = await publish({ audience: 'county' })
    expect(county.error!).toMatchObject({ code: 'FORBIDDEN', message: '只有县总工会的工作人员可以面向全县职工发布公告' })
    expect((await messages(taishanStaff, 'publishOptions')).data!).toEqual({ orgName: '泰山体育产业集团有限公司工会', countyWide: false })
    const own = await publish({})
    expect(own.ok).toBe(true)
    const annId = own.data!.id

    // a member of 泰山体育's union, and a worker who is not
    await gw.store.put('applications', {
      _id: 'app-taishan-member',
      applicantOpenid: 'taishan-member',
      orgId: 'org-taishan',
      status: 'approved',
      submittedAt: '2026-01-01T00:00:00.000Z',
    })
    const member = await gw.login('taishan-member')
    const outsider = await gw.login('demo-courier')
    const titles = async (t: string) => (await messages(t, 'announcements', { page: 1, pageSize: 20 })).data!.items.map((i: { id: string }) => i.id)
    expect(await titles(member)).toContain(annId)
    expect((await titles(member))[0]).toBe(annId) // pinned for its own members
    expect(await titles(outsider)).not.toContain(annId)
    expect((await messages(outsider, 'announcement', { id: annId })).error!.code).toBe('NOT_FOUND')
    // county staff above it see it (and may manage it)
    expect(await titles(countyStaff)).toContain(annId)

    // county staff publish to everyone
    expect((await messages(countyStaff, 'publishOptions')).data!).toEqual({ orgName: '乐陵市总工会', countyWide: true })
    const all = await messages(countyStaff, 'publishAnnouncement', { title: '全县通知', body: '全县职工请注意', pinned: true, audience: 'county' })
    expect(all.ok).toBe(true)
    expect(await titles(outsider)).toContain(all.data!.id)
    expect(await titles(member)).toContain(all.data!.id)
    const detail = await messages(outsider, 'announcement', { id: all.data!.id })
    expect(detail.data!).toMatchObject({ audience: 'county', orgName: '乐陵市总工会' })
  })

  test("announcements stored before audiences: the county's stay county-wide, an enterprise union's go to its members only", async () => {
    const base = {
      body: '旧公告',
      pinned: true,
      status: 'published',
      publishedAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
      publishedBy: 'x',
    }
    await gw.store.put('announcements', {
      _id: 'legacy-taishan',
      title: '旧的企业公告',
      orgId: 'org-taishan',
      orgName: '泰山体育产业集团工会',
      ...base,
    })
    await gw.store.put('announcements', { _id: 'legacy-county', title: '旧的全县公告', orgId: 'org-leling', orgName: '乐陵市总工会', ...base })
    const outsider = await gw.login('demo-parent')
    const ids = (await messages(outsider, 'announcements', { page: 1, pageSize: 50 })).data!.items.map((i: { id: string }) => i.id)
    expect(ids).toContain('legacy-county')
    expect(ids).not.toContain('legacy-taishan')
  })
})
