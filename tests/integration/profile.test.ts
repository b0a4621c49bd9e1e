import { checkDigit } from '../../src/contracts/membership/idcard'
import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName, FunctionName } from '../../src/contracts/api'
import { classInput, seedChild } from '../utils/childcare'
import { applyForm } from '../utils/membership'
import childcareModule from '../../cloudfunctions/childcare/module'
import { systemCtx } from '../../cloudfunctions/_core/contract'
import { silentLogger } from '../../cloudfunctions/_core/log'

jest.setTimeout(30_000)

let gw: TestGateway
const tokens: Record<string, string> = {}
const as = async (who: string) => (tokens[who] ??= await gw.login(who))
const call = async <F extends FunctionName, A extends ActionName<F>>(who: string, fn: F, action: A, ...data: Data<F, A>) =>
  gw.as(await as(who)).call(fn, action, ...data)
let seq = 0
const rid = () => `req-${Date.now()}-${seq++}`

/** A valid 入会 application with the 身份证号 completed from its first 17 digits. */
const form = (first17: string, over: Record<string, unknown> = {}) => applyForm({ idNumber: first17 + checkDigit(first17), ...over })

async function newClass(over: Record<string, unknown>): Promise<string> {
  const r = await call('demo-staff', 'childcare', 'upsertClass', classInput(over))
  expect(r.error).toBeUndefined()
  return r.data!.id
}

beforeAll(async () => {
  gw = await startGateway()
  gw.clock.now = new Date('2027-06-10T10:00:00+08:00')
})
afterAll(() => gw.close())

test('删除我的数据 removes a pending application (its ID number is free again), children, bookings and notices; keeps a confirmed place in a running class', async () => {
  const who = 'p-delete'
  expect((await call(who, 'membership', 'apply', form('37148119900307123'))).status).toBe(200)
  await seedChild(gw.store, who, 'ch-del-1')
  await seedChild(gw.store, who, 'ch-del-2')
  const later = await newClass({ title: '七月托管班' })
  // Starts in four days; cancelling closes in an hour.
  const soon = await newClass({
    title: '六月托管班',
    startDate: '2027-06-14',
    endDate: '2027-07-09',
    closesAt: '2027-06-10T10:30:00+08:00',
    cancelBefore: '2027-06-10T10:45:00+08:00',
  })
  const first = await call(who, 'childcare', 'book', { classId: later, childIds: ['ch-del-1'], requestId: rid() })
  expect(first.error).toBeUndefined()
  expect(first.data!.bookings[0].status).toBe('confirmed')
  expect((await call(who, 'childcare', 'book', { classId: soon, childIds: ['ch-del-2'], requestId: rid() })).data!.bookings[0].status).toBe(
    'confirmed',
  )
  await gw.store.insert('outbox', { openid: who, template: 'x', title: '通知', body: '内容', createdAt: gw.clock.now.toISOString(), readAt: null })

  const before = (await call(who, 'profile', 'summary')).data!
  expect(before).toMatchObject({
    phoneMasked: '138****5678',
    membershipStatus: 'pending',
    holdings: { membershipApplications: 1, children: 2, bookings: 2 },
  })
  expect(before.holdings.notices).toBeGreaterThanOrEqual(1)

  gw.clock.now = new Date('2027-06-15T10:00:00+08:00') // 六月托管班 is running
  const res = await call(who, 'profile', 'deleteMyData')
  expect(res.status).toBe(200)
  expect(res.data!.deleted).toMatchObject({ membershipApplications: 1, children: 1, bookings: 1 })
  expect(res.data!.deleted.notices).toBeGreaterThanOrEqual(1)
  const keptBooking = res.data!.kept.filter((k: { what: string }) => k.what.includes('托管预约'))
  expect(keptBooking).toHaveLength(1)
  expect(keptBooking[0].what).toContain('六月托管班')
  expect(keptBooking[0].reason).toContain('取消截止')
  expect(keptBooking[0].retention).toContain('2027-07-09')
  // Everything kept says why and for how long.
  for (const k of res.data!.kept) expect(k.retention).toBeTruthy()

  expect(await gw.store.count('applications', { applicantOpenid: who })).toBe(0)
  expect(await gw.store.count('cc_children', { parentOpenid: who, deletedAt: null })).toBe(1)
  // A deleted child's record and ID lock go once no booking that read it can still land.
  await childcareModule.onTimer!(systemCtx({ store: gw.store, now: () => new Date(gw.clock.now.getTime() + 3 * 60_000), log: silentLogger }))
  expect(await gw.store.count('cc_children', { parentOpenid: who })).toBe(1)
  expect(await gw.store.count('cc_bookings', { parentOpenid: who })).toBe(1)
  expect(await gw.store.count('cc_booking_history', { parentOpenid: who })).toBe(0)
  expect(await gw.store.count('outbox', { openid: who })).toBe(0)
  // The freed place went back to the class.
  expect((await call(who, 'childcare', 'getClass', { id: later })).data!.remaining).toBe(60)
  const log = await gw.store.find('audit_log', { where: { action: 'profile.deleteMyData' } })
  expect(log.length).toBe(1)
  // The ID number's lock went with the application: the same person may apply again.
  expect((await call(who, 'membership', 'apply', form('37148119900307123'))).status).toBe(200)
})

test('an approved membership and an open legal-aid case are refused with a reason; nothing of theirs is touched', async () => {
  const who = 'p-member'
  const id = (await call(who, 'membership', 'apply', form('37148119850101123', { name: '李志强' }))).data!.id
  expect((await call('demo-staff', 'membership', 'review', { id, decision: 'approve' })).status).toBe(200)
  await gw.store.insert('legal_cases', { applicantOpenid: who, status: 'in_progress', submittedAt: gw.clock.now.toISOString() })

  const res = (await call(who, 'profile', 'deleteMyData')).data!
  expect(res.deleted.membershipApplications).toBe(0)
  const reasons = Object.fromEntries(res.kept.map((k: { what: string; reason: string }) => [k.what, k.reason]))
  expect(reasons['工会会籍']).toMatch(/联系工会（电话 0534-6221234）/)
  expect(reasons['办理中的法律援助案件']).toContain('请先')
  expect((await call(who, 'membership', 'myStatus')).data!.application!.status).toBe('approved')
  expect(await gw.store.count('legal_cases', { applicantOpenid: who })).toBe(1)
})
