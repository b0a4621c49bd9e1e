import { memberStanding } from '../../cloudfunctions/_core/member'
import { approvedMember, runningCampaign } from '../utils/builders'
import { applyForm, idFor } from '../utils/membership'
import { startGateway, type TestGateway } from './harness'

/**
 * 会籍状态 as a whole: 正常 / 保留会籍 / 已转出 / 已注销 on the card, in staff lists, in 会员查询 and card checks; and
 * what the member-only rules of other services make of each (a retained member keeps the rights).
 */

jest.setTimeout(90_000)

let gw: TestGateway
let staff: string

beforeAll(async () => {
  gw = await startGateway()
  staff = await gw.login('demo-staff')
})
afterAll(() => gw.close())

test('已转出: staff record where the member went; the card says it is no longer valid here, 会员查询 answers 不是, the card check says 已转出, lists show the state', async () => {
  const m = await approvedMember(gw, 'out-1', { seq: 701, form: { name: '赵转出' } })
  const card = await gw.as(m.token).ok('membership', 'card')
  expect(card.status).toBe('valid')

  // Bad input names the field; a worker may not do it.
  const bad = await gw.as(staff).call('membership', 'transferOut', { id: m.appId, to: '' })
  expect(bad.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ path: 'to' })] })
  expect((await gw.as(m.token).call('membership', 'transferOut', { id: m.appId, to: '德州市德城区总工会' })).status).toBe(403)
  // A union elsewhere does not govern this member.
  await gw.store.put('users', { _id: 'baizao-staff', name: '百枣干事', grants: [{ role: 'staff', scope: 'org-baizao' }] })
  expect((await gw.as(await gw.login('baizao-staff')).call('membership', 'transferOut', { id: m.appId, to: '德州市德城区总工会' })).status).toBe(403)

  const out = await gw.as(staff).ok('membership', 'transferOut', { id: m.appId, to: '德州市德城区总工会', note: '调往德州工作' })
  expect(out).toMatchObject({ status: 'transferred_out', transferredOut: { to: '德州市德城区总工会', fromOrgName: '泰山体育产业集团有限公司工会' } })
  expect(out.timeline.at(-1)).toMatchObject({ status: 'transferred_out', note: '会籍转出至德州市德城区总工会：调往德州工作' })

  // The member: no card, told where it went and why.
  const noCard = await gw.as(m.token).call('membership', 'card')
  expect(noCard.status).toBe(404)
  expect(noCard.error?.message).toContain('转出至德州市德城区总工会')
  expect(noCard.error?.message).toContain('本卡在本县不再有效')
  const mine = (await gw.as(m.token).ok('membership', 'myStatus')).application
  expect(mine).toMatchObject({ status: 'transferred_out', transferredOut: { to: '德州市德城区总工会' } })

  // A QR shown from before the move reads 已转出 at the desk.
  const check = await gw.as(staff).ok('membership', 'verifyCard', { payload: card.qr.payload })
  expect(check).toMatchObject({ valid: false, status: 'transferred_out', label: expect.stringContaining('已转出') })

  // 会员查询 (是/不是 only): not a member here any more.
  const asker = await gw.login('out-asker')
  expect(await gw.as(asker).ok('membership', 'lookup', { name: '赵转出', idNumber: idFor(701) })).toEqual({ member: false })

  // Staff lists: its own filter, and the detail shows where to.
  const listed = await gw.as(staff).ok('membership', 'listApplications', { status: 'transferred_out' })
  expect(listed.items.map((i) => i.id)).toEqual([m.appId])
  expect(listed.items[0].status).toBe('transferred_out')
  expect((await gw.as(staff).ok('membership', 'getApplication', { id: m.appId })).transferredOut?.to).toBe('德州市德城区总工会')

  // Twice is refused; the 身份证号 is free to join again (a member who comes back).
  expect((await gw.as(staff).call('membership', 'transferOut', { id: m.appId, to: '德州市德城区总工会' })).status).toBe(409)
  const again = await gw.as(m.token).call('membership', 'apply', applyForm({ idNumber: idFor(701), name: '赵转出' }))
  expect(again.status).toBe(200)

  const audit = await gw.store.find<{ _id: string; action: string; targetId: string }>('audit_log', { where: { action: 'membership.transferOut' } })
  expect(audit.map((a) => a.targetId)).toEqual([m.appId])
})

test('every state in the staff list and on the card: 正常, 保留会籍 (with its reason), 已注销', async () => {
  const normal = await approvedMember(gw, 'st-normal', { seq: 703, form: { name: '钱正常' } })
  const kept = await approvedMember(gw, 'st-kept', { seq: 705, form: { name: '孙保留' } })
  const gone = await approvedMember(gw, 'st-gone', { seq: 707, form: { name: '李注销' } })
  await gw.as(staff).ok('membership', 'retain', { id: kept.appId, reason: 'unemployed', heldBy: 'own', note: '' })
  await gw.as(staff).ok('membership', 'revoke', { id: gone.appId, reason: '本人申请退会' })

  const approved = await gw.as(staff).ok('membership', 'listApplications', { status: 'approved', q: '孙保留' })
  expect(approved.items[0]).toMatchObject({ status: 'approved', retainedLabel: '保留会籍（失业）' })
  expect((await gw.as(staff).ok('membership', 'listApplications', { status: 'approved', q: '钱正常' })).items[0].retainedLabel).toBeUndefined()
  expect((await gw.as(staff).ok('membership', 'listApplications', { status: 'revoked', q: '李注销' })).items[0].status).toBe('revoked')

  expect(await gw.as(normal.token).ok('membership', 'card')).toMatchObject({ status: 'valid' })
  expect(await gw.as(kept.token).ok('membership', 'card')).toMatchObject({ status: 'valid', retained: { label: '保留会籍（失业）' } })
  expect((await gw.as(gone.token).call('membership', 'card')).error?.message).toContain('注销')

  const asker = await gw.as(await gw.login('st-asker'))
  expect(await asker.ok('membership', 'lookup', { name: '孙保留', idNumber: idFor(705) })).toEqual({
    member: true,
    orgName: '泰山体育产业集团有限公司工会',
  })
  expect(await asker.ok('membership', 'lookup', { name: '李注销', idNumber: idFor(707) })).toEqual({ member: false })
})

test('member-only rules: a retained member keeps them (quiz for members, the shared check), 已转出 and 已注销 do not', async () => {
  const kept = await approvedMember(gw, 'rule-kept', { seq: 709 })
  const out = await approvedMember(gw, 'rule-out', { seq: 711 })
  await gw.as(staff).ok('membership', 'retain', { id: kept.appId, reason: 'retired', heldBy: 'own', note: '' })
  await gw.as(staff).ok('membership', 'transferOut', { id: out.appId, to: '济南市总工会' })

  expect(await memberStanding(gw.store, 'rule-kept')).toEqual({ member: true, retained: true })
  expect(await memberStanding(gw.store, 'rule-out')).toEqual({ member: false, retained: false })
  expect(await memberStanding(gw.store, '')).toEqual({ member: false, retained: false })

  const campaign = await runningCampaign(gw, { audience: 'members' })
  const keptStart = await gw.as(kept.token).raw('quiz', 'start', { campaignId: campaign.id })
  expect(keptStart.ok).toBe(true)
  const outStart = await gw.as(out.token).raw('quiz', 'start', { campaignId: campaign.id })
  expect(outStart.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('仅限工会会员') })
})
