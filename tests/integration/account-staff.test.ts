import { createActivationCode } from '../../cloudfunctions/account/codes'
import { startGateway, type Data, type TestGateway } from './harness'

jest.setTimeout(30000)

const DAY = 24 * 3600 * 1000

describe('激活码: the county federation first admin', () => {
  let gw: TestGateway
  beforeAll(async () => {
    gw = await startGateway({ latencyMs: 5 })
  })
  afterAll(() => gw.close())

  test('20 people entering the same code at once: exactly one becomes admin', async () => {
    const { code } = await createActivationCode(gw.store, 'org-leling', gw.clock.now)
    const people = Array.from({ length: 20 }, (_, i) => `race-${i}`)
    const tokens = await Promise.all(people.map((p) => gw.login(p)))
    // the code as people type it: lower case, with the dash the script prints
    const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase()
    const results = await Promise.all(tokens.map((t, i) => gw.as(t).call('account', 'redeemActivation', { code: typed, name: `候选人${i}` })))
    const winners = results.filter((r) => r.ok)
    expect(winners.length).toBe(1)
    expect(winners[0].data!).toEqual({ role: 'admin', placeName: '乐陵市总工会' })
    for (const r of results.filter((x) => !x.ok)) {
      expect(r.error!.code).toBe('CONFLICT')
      expect(r.error!.message).toContain('已被使用')
    }
    const admins = (await gw.store.find('users', { limit: 100 })).filter(
      (u) => String(u._id).startsWith('race-') && (u.grants as { role: string }[]).some((g) => g.role === 'admin'),
    )
    expect(admins.length).toBe(1)
    // stored hashed: the code appears nowhere in the database
    const rows = await gw.store.find('activation_codes', { limit: 10 })
    expect(JSON.stringify(rows)).not.toContain(code)
    // the winner now passes an admin-only action; the audit log says how
    const winner = tokens[results.findIndex((r) => r.ok)]
    expect((await gw.as(winner).call('account', 'listRoles', {})).ok).toBe(true)
    const audit = await gw.store.find('audit_log', { where: { action: 'account.roles' }, limit: 10 })
    expect(audit.length).toBe(1)
  })

  test('expired, wrong and malformed codes are refused in Chinese; guessing is rate-limited', async () => {
    const { code } = await createActivationCode(gw.store, 'org-leling', new Date(gw.clock.now.getTime() - 8 * DAY))
    const t = await gw.login('late-comer')
    const expired = await gw.as(t).call('account', 'redeemActivation', { code, name: '迟到者' })
    expect(expired.error!).toMatchObject({ code: 'CLOSED' })
    expect(expired.error!.message).toContain('已过期')
    const wrong = await gw.as(t).call('account', 'redeemActivation', { code: 'ABCDEFGH', name: '迟到者' })
    expect(wrong.error!).toMatchObject({ code: 'NOT_FOUND', message: '激活码不正确，请核对后重新输入' })
    const short = await gw.as(t).call('account', 'redeemActivation', { code: 'ABC', name: '迟到者' })
    expect(short.error!.fields).toEqual([{ path: 'code', message: '激活码应为 8 位' }])
    const results = []
    for (let i = 0; i < 4; i++) results.push(await gw.as(t).call('account', 'redeemActivation', { code: 'ABCDEFGH', name: '迟到者' }))
    expect(results.map((r) => r.error!.code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'RATE_LIMITED'])
    expect(results[3].error!.message).toBe('尝试次数过多，请 10 分钟后再试')
  })
})

describe('invitations', () => {
  let gw: TestGateway
  let admin: string
  let staff: string
  let staffTaishan: string
  beforeAll(async () => {
    gw = await startGateway()
    admin = await gw.login('demo-admin')
    staff = await gw.login('demo-staff')
    staffTaishan = await gw.login('demo-staff-taishan')
  })
  afterAll(() => gw.close())

  const invite = (token: string, data: Data<'account', 'createInvite'>[0]) => gw.as(token).call('account', 'createInvite', data)

  test('staff cannot invite staff or admins, nor anyone outside their org tree', async () => {
    for (const role of ['staff', 'admin'] as const) {
      const r = await invite(staff, { role, orgId: 'org-taishan' })
      expect(r.error!.code).toBe('FORBIDDEN')
      expect(r.error!.message).toContain('工会干部可以邀请驿站站长和法律援助律师')
    }
    const outside = await invite(staffTaishan, { role: 'lawyer', orgId: 'org-leling' })
    expect(outside.error!).toMatchObject({ code: 'FORBIDDEN', message: '只能邀请本工会及下级工会的工作人员' })
    const keeperOutside = await invite(staffTaishan, { role: 'keeper', stationId: 'st-shizhong' })
    expect(keeperOutside.error!.code).toBe('FORBIDDEN')
    const noStation = await invite(staff, { role: 'keeper' })
    expect(noStation.error!.fields).toEqual([{ path: 'stationId', message: '请选择驿站' }])
    // the page offers staff only what the server allows
    const opts = await gw.as(staffTaishan).call('account', 'inviteOptions', {})
    expect(opts.data!.roles).toEqual(['keeper', 'lawyer'])
    expect(opts.data!.orgs.map((o: { id: string }) => o.id)).toEqual(['org-taishan'])
    const adminOpts = await gw.as(admin).call('account', 'inviteOptions', {})
    expect(adminOpts.data!.roles).toEqual(['keeper', 'lawyer', 'staff', 'admin'])
    expect(adminOpts.data!.orgs[0]).toEqual({ id: 'org-leling', name: '乐陵市总工会', depth: 0 })
    expect(adminOpts.data!.stations.length).toBeGreaterThan(0)
  })

  test('a keeper invitation binds the role to whoever accepts it; the new keeper manages the station; revoke removes it', async () => {
    const created = await invite(staff, { role: 'keeper', stationId: 'st-shizhong' })
    expect(created.ok).toBe(true)
    const { code, qr, expiresAt, stationName } = created.data!
    expect(code).toMatch(/^[A-HJ-KM-NP-Z2-9]{6}$/)
    expect(qr).toMatch(/^data:image\/png;base64,/)
    expect(new Date(expiresAt).getTime() - gw.clock.now.getTime()).toBe(72 * 3600 * 1000)
    expect(stationName).toBe('市中街道办事处劳动者驿站')

    const newcomer = await gw.login('new-keeper')
    expect((await gw.as(newcomer).call('stations', 'listManaged', {})).status).toBe(403)
    const accepted = await gw.as(newcomer).call('account', 'acceptInvite', { code: code.toLowerCase(), name: '马站长' })
    expect(accepted).toEqual({ ok: true, data: { role: 'keeper', placeName: '市中街道办事处劳动者驿站' }, status: 200 })
    const me = await gw.as(newcomer).call('account', 'me', {})
    expect(me.data!).toMatchObject({ name: '马站长', roles: ['worker', 'keeper'], grants: [{ role: 'keeper', scope: 'st-shizhong' }] })
    const managed = await gw.as(newcomer).call('stations', 'listManaged', {})
    expect(managed.data!.items.map((s: { id: string }) => s.id)).toEqual(['st-shizhong'])

    // one use only
    const other = await gw.login('second-phone')
    const again = await gw.as(other).call('account', 'acceptInvite', { code, name: '冒名者' })
    expect(again.error!).toMatchObject({ code: 'CONFLICT' })

    // the admin sees the new keeper and revokes the grant
    const roles = await gw.as(admin).call('account', 'listRoles', {})
    const row = roles.data!.items.find((r: { name: string }) => r.name === '马站长')!
    expect(row).toMatchObject({
      role: 'keeper',
      orgName: '乐陵市总工会',
      stationName: '市中街道办事处劳动者驿站',
      grantedByName: '刘干事',
      self: false,
    })
    expect(roles.data!.items.some((r: { name: string; role: string }) => r.name === '赵主席' && r.role === 'admin')).toBe(true)
    const revoked = await gw.as(admin).call('account', 'revokeGrant', { id: row.id })
    expect(revoked).toEqual({ ok: true, data: { revoked: true }, status: 200 })
    expect((await gw.as(newcomer).call('stations', 'listManaged', {})).status).toBe(403)
    const after = await gw.as(admin).call('account', 'listRoles', {})
    expect(after.data!.items.some((r: { id: string }) => r.id === row.id)).toBe(false)
    const audit = await gw.store.find('audit_log', { where: { action: 'account.roles', targetId: 'new-keeper' }, limit: 10 })
    expect(audit.length).toBe(2)
  })

  test('an admin invites staff for a union below it; an expired invitation is refused; an admin cannot revoke themselves', async () => {
    const created = await invite(admin, { role: 'staff', orgId: 'org-hospital' })
    expect(created.data!).toMatchObject({ role: 'staff', orgName: '乐陵市人民医院工会' })
    const t = await gw.login('hospital-staff')
    gw.clock.now = new Date(gw.clock.now.getTime() + 73 * 3600 * 1000)
    const late = await gw.as(t).call('account', 'acceptInvite', { code: created.data!.code, name: '钱干事' })
    expect(late.error!).toMatchObject({ code: 'CLOSED' })
    expect(late.error!.message).toContain('已过期')

    const fresh = await invite(admin, { role: 'staff', orgId: 'org-hospital' })
    const ok = await gw.as(t).call('account', 'acceptInvite', { code: fresh.data!.code, name: '钱干事' })
    expect(ok.data!).toEqual({ role: 'staff', placeName: '乐陵市人民医院工会' })
    const review = await gw.as(t).call('membership', 'pendingCount', {})
    expect(review.ok).toBe(true)

    const mine = (await gw.as(admin).call('account', 'listRoles', {})).data!.items.find((r: { self: boolean }) => r.self)
    const self = await gw.as(admin).call('account', 'revokeGrant', { id: mine!.id })
    expect(self.error!).toMatchObject({ code: 'FORBIDDEN', message: '不能撤销自己的管理员身份，请由其他管理员操作' })
    expect((await gw.as(staff).call('account', 'listRoles', {})).status).toBe(403)
  })
})
