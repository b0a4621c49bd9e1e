import { applyForm, idFor } from '../utils/membership'
import { openExport } from './file-helpers'
import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'

const form = applyForm

let gw: TestGateway
const tokens: Record<string, string> = {}
const as = (who: string) => tokens[who]
const m = <A extends ActionName<'membership'>>(who: string, action: A, ...data: Data<'membership', A>) =>
  gw.as(as(who)).call('membership', action, ...data)

beforeAll(async () => {
  gw = await startGateway()
  for (const who of ['demo-worker', 'demo-courier', 'demo-staff', 'demo-staff-taishan', 'demo-admin', 'demo-parent', 'demo-lawyer'])
    tokens[who] = await gw.login(who)
})
afterAll(() => gw.close())

describe('routing', () => {
  test('an employer with its own union gets the application', async () => {
    const w = await gw.login('route-1')
    const r = await gw.as(w).call('membership', 'apply', form({ idNumber: idFor(201) }))
    expect(r.status).toBe(200)
    expect(r.data!).toMatchObject({ status: 'pending', org: { id: 'org-taishan', name: '泰山体育产业集团有限公司工会' }, routedBy: 'employer' })
  })
  test('the employer name matches however spaces and brackets are written', async () => {
    const w = await gw.login('route-2')
    const r = await gw.as(w).call('membership', 'apply', form({ idNumber: idFor(203), employer: ' 泰山体育 产业集团 ' }))
    expect(r.data!.org.id).toBe('org-taishan')
  })
  test('a courier in 市中街道 goes to the area’s 联合工会; elsewhere to the county 行业工会', async () => {
    const a = await gw
      .as(await gw.login('route-3'))
      .call('membership', 'apply', form({ idNumber: idFor(205), employer: '顺丰速运', newEmploymentType: 'courier', region: 'area-shizhong' }))
    expect(a.data!).toMatchObject({ org: { id: 'org-shizhong-joint' }, routedBy: 'region_industry' })
    const b = await gw
      .as(await gw.login('route-4'))
      .call('membership', 'apply', form({ idNumber: idFor(207), employer: '顺丰速运', newEmploymentType: 'courier', region: 'area-hujia' }))
    expect(b.data!).toMatchObject({ org: { id: 'org-express' }, routedBy: 'industry' })
    const c = await gw
      .as(await gw.login('route-5'))
      .call('membership', 'apply', form({ idNumber: idFor(209), employer: '货拉拉', newEmploymentType: 'truck', region: 'area-hujia' }))
    expect(c.data!.org.id).toBe('org-drivers')
  })
  test('no match goes to the county federation', async () => {
    const r = await gw.as(await gw.login('route-6')).call('membership', 'apply', form({ idNumber: idFor(211), employer: '某某小饭馆' }))
    expect(r.data!).toMatchObject({ org: { id: 'org-leling' }, routedBy: 'county' })
  })
})

describe('one live application per 身份证号', () => {
  test('50 different accounts submitting the same ID number at once store exactly one', async () => {
    const idNumber = idFor(301)
    const who = await Promise.all(Array.from({ length: 50 }, (_, i) => gw.login(`rush-${i}`)))
    const results = await Promise.all(who.map((t) => gw.as(t).call('membership', 'apply', form({ idNumber }))))
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    // Refused as taken (409) or, past the per-ID-number limit, as too frequent (429); neither says which.
    const refused = results.filter((r) => r.status === 409 || r.status === 429)
    expect(refused).toHaveLength(49)
    expect(refused.find((r) => r.status === 409)?.error!.message).toContain('该身份证号无法提交新的申请')
    const stored = gw.store.rawDump('applications').filter((b) => JSON.parse(b).idMasked === '3714**********' + idNumber.slice(14))
    expect(stored).toHaveLength(1)
  })

  test('a double tap (same person, same form, twice at once) creates one application and both taps succeed', async () => {
    const t = await gw.login('double-tap')
    const data = form({ idNumber: idFor(303) })
    const [a, b] = await Promise.all([gw.as(t).call('membership', 'apply', data), gw.as(t).call('membership', 'apply', data)])
    expect(a.status).toBe(200)
    expect(b.status).toBe(200)
    expect(a.data!.id).toBe(b.data!.id)
    expect(await gw.store.count('applications', { applicantOpenid: 'double-tap' })).toBe(1)
  })

  test('a second application with another ID number while one is pending is a conflict', async () => {
    const t = await gw.login('two-ids')
    expect((await gw.as(t).call('membership', 'apply', form({ idNumber: idFor(305) }))).status).toBe(200)
    const r = await gw.as(t).call('membership', 'apply', form({ idNumber: idFor(307) }))
    expect(r.status).toBe(409)
    expect(r.error!.message).toContain('待审核')
  })
})

describe('bad input', () => {
  test.each([
    ['idNumber', { idNumber: '37148119900307123' }],
    ['idNumber', { idNumber: idFor(123).slice(0, 17) + (idFor(123)[17] === '1' ? '2' : '1') }],
    ['phone', { phone: '12345' }],
    ['consent', { consent: false }],
    ['region', { region: 'area-nowhere' }],
    ['gender', { gender: '女' }],
  ])('%s is named, and nothing is stored', async (path, patch) => {
    const before = await gw.store.count('applications')
    const r = await m('demo-parent', 'apply', form({ idNumber: idFor(401), ...patch }))
    expect(r.status).toBe(400)
    expect(r.error!.fields!.map((f: { path: string }) => f.path)).toContain(path)
    expect(await gw.store.count('applications')).toBe(before)
  })
})

describe('the whole journey, with the authorization matrix', () => {
  let appId: string
  test('a worker applies and sees where it went; the raw store holds no plain ID or phone', async () => {
    const r = await m('demo-worker', 'apply', form())
    expect(r.status).toBe(200)
    appId = r.data!.id
    expect(r.data!).toMatchObject({ status: 'pending', idNumberMasked: '3714**********' + idFor(123).slice(14), phoneMasked: '138****5678' })
    const raw =
      gw.store.rawDump('applications').join('\n') + gw.store.rawDump('membership_id_locks').join('\n') + gw.store.rawDump('audit_log').join('\n')
    expect(raw).not.toContain(idFor(123))
    expect(raw).not.toContain('19900307')
    expect(raw).not.toContain('13812345678')
    const mine = await m('demo-worker', 'myStatus')
    expect(mine.data!.application!.timeline[0]).toMatchObject({ status: 'submitted' })
  })

  test('who may list, read and review it', async () => {
    // Routed to 泰山体育 (a child of the county): its own staff, county staff and the admin see it.
    const seen = async (who: string) =>
      (await m(who, 'listApplications', { status: 'all', pageSize: 50 })).data?.items.some((i: { id: string }) => i.id === appId)
    expect(await seen('demo-staff-taishan')).toBe(true)
    expect(await seen('demo-staff')).toBe(true)
    expect(await seen('demo-admin')).toBe(true)
    expect((await m('demo-courier', 'listApplications')).status).toBe(403)
    expect((await m('demo-lawyer', 'listApplications')).status).toBe(403)
    expect((await m('demo-courier', 'getApplication', { id: appId })).status).toBe(403)
    expect((await m('demo-worker', 'getApplication', { id: appId })).status).toBe(403) // not even the applicant, via the staff action
    expect((await m('demo-worker', 'review', { id: appId, decision: 'approve' })).status).toBe(403)
    // Another worker's myStatus never shows someone else's application.
    expect((await m('demo-courier', 'myStatus')).data!.application).toBeNull()
    const detail = await m('demo-staff-taishan', 'getApplication', { id: appId })
    expect(detail.data!).toMatchObject({ idNumberMasked: expect.stringContaining('**********'), status: 'pending' })
  })

  test('staff of another grassroots union cannot see or review it', async () => {
    const courierApp = (
      await m(
        'demo-courier',
        'apply',
        form({
          name: '张师傅',
          idNumber: idFor(501),
          phone: '13912345678',
          employer: '顺丰速运',
          newEmploymentType: 'courier',
          region: 'area-shizhong',
        }),
      )
    ).data!
    expect(courierApp.org.id).toBe('org-shizhong-joint')
    expect((await m('demo-staff-taishan', 'getApplication', { id: courierApp.id })).status).toBe(403)
    expect((await m('demo-staff-taishan', 'review', { id: courierApp.id, decision: 'approve' })).status).toBe(403)
    const list = (await m('demo-staff-taishan', 'listApplications', { status: 'all', pageSize: 50 })).data!.items
    expect(list.some((i: { id: string }) => i.id === courierApp.id)).toBe(false)
    expect((await m('demo-courier', 'myStatus')).data!.application!.id).toBe(courierApp.id)
  })

  test('rejection needs a reason; the worker fixes and resubmits; approval issues a member number and notifies', async () => {
    expect((await m('demo-staff', 'review', { id: appId, decision: 'reject' })).error!.fields![0].path).toBe('reason')
    const rej = await m('demo-staff', 'review', { id: appId, decision: 'reject', reason: '工作单位请填写全称' })
    expect(rej.data!.status).toBe('rejected')
    expect((await m('demo-staff', 'review', { id: appId, decision: 'approve' })).status).toBe(409)
    const mine = (await m('demo-worker', 'myStatus')).data!.application!
    expect(mine).toMatchObject({ status: 'rejected', rejectReason: '工作单位请填写全称' })
    const again = await m('demo-worker', 'apply', form({ employer: '泰山体育产业集团有限公司' }))
    expect(again.data!).toMatchObject({ id: appId, status: 'pending' })
    const ok = await m('demo-staff-taishan', 'review', { id: appId, decision: 'approve' })
    expect(ok.status).toBe(200)
    expect(ok.data!.memberNo).toMatch(/^3714812026\d{6}$/)
    const timeline = (await m('demo-worker', 'myStatus')).data!.application!.timeline.map((t: { status: string }) => t.status)
    expect(timeline).toEqual(['submitted', 'rejected', 'resubmitted', 'approved'])
    const outbox = await gw.store.find('outbox', { where: { openid: 'demo-worker' } })
    expect(outbox.map((n) => (n as unknown as { data: { result: string } }).data.result)).toEqual(['已驳回', '已通过'])
    const log = await gw.store.find('audit_log', { where: { targetId: appId, action: 'membership.review' } })
    expect(log).toHaveLength(2)
    expect(log[1]).toMatchObject({ actor: 'demo-staff-taishan', before: { status: 'pending' }, after: { status: 'approved' } })
  })

  test('the card verifies; a tampered card fails; a revoked member’s card reports 无效', async () => {
    const card = (await m('demo-worker', 'card')).data!
    expect(card.qr.image).toMatch(/^data:image\/png;base64,/)
    expect((await m('demo-courier', 'card')).status).toBe(404)
    expect((await m('demo-worker', 'verifyCard', { payload: card.qr.payload })).status).toBe(403)
    const ok = (await m('demo-staff', 'verifyCard', { payload: card.qr.payload })).data!
    expect(ok).toMatchObject({ valid: true, label: '有效', memberNo: card.memberNo, nameMasked: '王**' })
    const [pre, body, sig] = card.qr.payload.split('.')
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString())
    const forged = `${pre}.${Buffer.from(JSON.stringify({ ...claims, m: '李**' })).toString('base64url')}.${sig}`
    expect((await m('demo-staff', 'verifyCard', { payload: forged })).data!).toMatchObject({
      valid: false,
      label: expect.stringContaining('篡改'),
    })
    expect((await m('demo-staff-taishan', 'revoke', { id: appId, reason: '调离本单位' })).data!.status).toBe('revoked')
    expect((await m('demo-admin', 'verifyCard', { payload: card.qr.payload })).data!).toMatchObject({
      valid: false,
      status: 'revoked',
      label: expect.stringMatching(/^已注销/),
    })
  })

  test('a revoked member is told when and why the membership ended and whom to call, not 「还不是会员」', async () => {
    // Follows the revocation above (调离本单位, by 泰山 staff, whose union lists no phone: the county's is given).
    const card = await m('demo-worker', 'card')
    expect(card.status).toBe(404)
    expect(card.error!.message).toMatch(/^您的会籍已于 \d{4}-\d{2}-\d{2} 注销（原因：调离本单位）/)
    expect(card.error!.message).toContain('0534-6221234')
    expect(card.error!.message).not.toContain('还不是')
    const mine = (await m('demo-worker', 'myStatus')).data!.application!
    expect(mine.status).toBe('revoked')
    expect(mine.revoked).toMatchObject({ reason: '调离本单位', phone: '0534-6221234', orgName: expect.stringContaining('工会') })
    expect((await m('demo-courier', 'card')).error!.message).toContain('还不是工会会员')
  })

  test('member numbers stay unique when many approvals run at once', async () => {
    const ids: string[] = []
    for (let i = 0; i < 12; i++) {
      const t = await gw.login(`bulk-${i}`)
      ids.push((await gw.as(t).call('membership', 'apply', form({ idNumber: idFor(601 + 2 * i) }))).data!.id)
    }
    const half = ids.slice(0, 6)
    const [bulk, ...singles] = await Promise.all([
      m('demo-staff', 'bulkApprove', { ids: [...half, 'app_missing'] }),
      ...ids.slice(6).map((id) => m('demo-staff-taishan', 'review', { id, decision: 'approve' })),
    ])
    expect(bulk.data!.approved).toBe(6)
    expect(bulk.data!.results.find((r: { id: string }) => r.id === 'app_missing')).toMatchObject({ ok: false })
    for (const s of singles) expect(s.status).toBe(200)
    const nos = (await gw.store.find('applications', { where: { status: 'approved' }, limit: 100 })).map(
      (d) => (d as unknown as { memberNo: string }).memberNo,
    )
    expect(new Set(nos).size).toBe(nos.length)
  })

  test('export: staff get masked numbers, the admin full ones; a real xlsx either way', async () => {
    const read = async (who: string) => {
      const r = await m(who, 'exportMembers')
      expect(r.status).toBe(200)
      const wb = await openExport(gw, r.data!)
      const ws = wb.getWorksheet('会员名单')!
      // one header row, then one row per member the answer counts
      expect(ws.actualRowCount).toBe(r.data!.rows! + 1)
      // ID numbers are text cells: as numbers Excel would show 3.71481E+17 and drop digits
      expect(ws.getRow(2).getCell(5).numFmt).toBe('@')
      expect(ws.getRow(1).font?.bold ?? ws.getRow(1).getCell(1).font?.bold).toBe(true)
      return { count: r.data!.rows, header: ws.getRow(1).values as string[], ids: ws.getColumn(5).values.slice(2) as string[] }
    }
    const staff = await read('demo-staff')
    expect(staff.header).toEqual(expect.arrayContaining(['会员编号', '身份证号', '所属工会']))
    expect(staff.count).toBeGreaterThanOrEqual(12)
    for (const id of staff.ids) expect(id).toMatch(/^3714\*{10}\d{3}[\dX]$/)
    const admin = await read('demo-admin')
    for (const id of admin.ids) expect(id).toMatch(/^371481\d{11}[\dX]$/)
    expect((await m('demo-worker', 'exportMembers')).status).toBe(403)
    const taishan = await read('demo-staff-taishan')
    expect(taishan.count).toBeLessThanOrEqual(staff.count!)
  })

  test('withdrawing a pending application deletes it and frees the ID number', async () => {
    const t = await gw.login('withdrawer')
    const idNumber = idFor(701)
    const app = (await gw.as(t).call('membership', 'apply', form({ idNumber }))).data!
    const w = await gw.as(t).call('membership', 'withdraw', {})
    expect(w.data!).toEqual({ withdrawn: true })
    expect(await gw.store.get('applications', app.id)).toBeNull()
    expect(gw.store.rawDump('applications').some((b) => b.includes(app.id))).toBe(false)
    expect((await gw.as(t).call('membership', 'withdraw', {})).status).toBe(404)
    // The ID number is free again.
    expect((await gw.call('membership', { action: 'apply', data: form({ idNumber }) }, await gw.login('withdrawer-2'))).status).toBe(200)
  })
})
