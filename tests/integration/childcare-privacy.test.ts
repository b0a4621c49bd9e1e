import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'
import { openExport } from './file-helpers'
import childcareModule from '../../cloudfunctions/childcare/module'
import { systemCtx } from '../../cloudfunctions/_core/contract'
import { silentLogger } from '../../cloudfunctions/_core/log'
import { CHILD_RULES_VERSION } from '../../src/contracts/childcare/privacy'
import { childId, classInput } from '../utils/childcare'

jest.setTimeout(30_000)

/** Children's data by law: staff views logged and audited, retention purged by the timer; grades as entered. */

let gw: TestGateway
const tokens: Record<string, string> = {}
const as = async (who: string) => (tokens[who] ??= await gw.login(who))
const cc = async <A extends ActionName<'childcare'>>(who: string, action: A, ...data: Data<'childcare', A>) =>
  gw.as(await as(who)).call('childcare', action, ...data)
const ok = async <A extends ActionName<'childcare'>>(who: string, action: A, ...data: Data<'childcare', A>) => {
  const r = await cc(who, action, ...data)
  if (r.status !== 200) throw new Error(`${action}: ${JSON.stringify(r)}`)
  return r.data!
}
let n = 0
const rid = () => `priv-req-${n++}`
const timer = () => childcareModule.onTimer!(systemCtx({ store: gw.store, now: () => gw.clock.now, log: silentLogger }))

async function childOf(parent: string, grade: number, seq: number): Promise<string> {
  await ok(parent, 'giveConsent', { version: CHILD_RULES_VERSION, guardian: true })
  return (await ok(parent, 'saveChild', { name: '赵小乐', gender: seq % 2 ? '男' : '女', idNumber: childId(seq, 2018), grade })).id
}

beforeEach(async () => {
  gw = await startGateway()
  for (const k of Object.keys(tokens)) delete tokens[k]
})
afterEach(() => gw.close())

test('every staff view of a roster or a child is logged; admins see the log and export the year as Excel; staff cannot', async () => {
  gw.clock.now = new Date('2027-06-10T10:00:00+08:00')
  const classId = (await ok('demo-staff', 'upsertClass', classInput({ title: '隐私测试班' }))).id
  const child = await childOf('p-priv', 2, 301)
  const booking = (await ok('p-priv', 'book', { classId, childIds: [child], requestId: rid() })).bookings[0]
  expect((await ok('demo-admin', 'accessLog', { year: 2027 })).items).toEqual([])

  await ok('demo-staff', 'roster', { classId })
  const code = (await ok('p-priv', 'myBookings')).items.find((i: { id: string }) => i.id === booking.id)!.code!
  gw.clock.now = new Date('2027-07-06T09:00:00+08:00')
  await ok('demo-staff', 'checkIn', { code })
  await ok('demo-staff', 'exportRoster', { classId })

  const log = (await ok('demo-admin', 'accessLog', { year: 2027 })).items
  expect(log.map((e: { what: string }) => e.what).sort()).toEqual(['checkin', 'export', 'roster'])
  expect(log[0]).toMatchObject({ staffName: '刘干事', classTitle: '隐私测试班', children: 1 })
  expect(JSON.stringify(log)).not.toContain('p-priv')
  expect((await ok('demo-admin', 'accessLog', { year: 2026 })).items).toEqual([])
  expect((await cc('demo-staff', 'accessLog', { year: 2027 })).error!.code).toBe('FORBIDDEN')
  expect((await cc('demo-staff', 'exportAccessAudit', { year: 2027 })).error!.code).toBe('FORBIDDEN')

  const wb = await openExport(gw, await ok('demo-admin', 'exportAccessAudit', { year: 2027 }))
  const detail = wb.getWorksheet('访问明细')!
  expect(detail.rowCount).toBe(4)
  expect(detail.getRow(2).getCell(2).value).toBe('刘干事')
  const summary = wb.getWorksheet('汇总')!
  expect(summary.getRow(2).values).toEqual([undefined, '刘干事', '乐陵市总工会', 3, 3])
  expect(await gw.store.count('audit_log', { action: 'childcare.accessAudit' })).toBe(1)
})

test('the timer purges bookings 90 days after the class ends (attendance kept by ID hash) and a child a year after their last class', async () => {
  gw.clock.now = new Date('2027-06-10T10:00:00+08:00')
  const classId = (await ok('demo-staff', 'upsertClass', classInput({ title: '保存期限班' }))).id
  const child = await childOf('p-purge', 2, 302)
  await ok('p-purge', 'book', { classId, childIds: [child], requestId: rid() })

  gw.clock.now = new Date('2027-10-27T10:00:00+08:00') // 89 days after 2027-07-30
  await timer()
  expect(await gw.store.count('cc_bookings', { classId })).toBe(1)
  gw.clock.now = new Date('2027-10-29T10:00:00+08:00')
  await timer()
  expect(await gw.store.count('cc_bookings', { classId })).toBe(0)
  const [att] = await gw.store.find('cc_attendance', {})
  expect(att).toMatchObject({ season: 2027, attended: 0 })
  expect(JSON.stringify(att)).not.toMatch(/p-purge|赵小乐/)
  // The child stays for the next summer: a year from the class's end; the purged booking's attendance still counts.
  expect(await gw.store.get('cc_children', child)).not.toBeNull()
  gw.clock.now = new Date('2028-06-10T10:00:00+08:00')
  const next = (
    await ok(
      'demo-staff',
      'upsertClass',
      classInput({
        title: '下一期',
        startDate: '2028-07-03',
        endDate: '2028-07-28',
        opensAt: '2028-06-10T09:00:00+08:00',
        closesAt: '2028-06-30T18:00:00+08:00',
        cancelBefore: '2028-07-01T18:00:00+08:00',
      }),
    )
  ).id
  const refused = await cc('p-purge', 'book', { classId: next, childIds: [child], requestId: rid() })
  expect(refused.error!.message).toMatch(/保存期限班）出勤 0\/\d+ 天，不足 70%/)
  gw.clock.now = new Date('2028-07-29T10:00:00+08:00')
  await timer()
  expect(await gw.store.get('cc_children', child)).not.toBeNull()
  gw.clock.now = new Date('2028-08-01T10:00:00+08:00')
  await timer()
  // Marked with its details cleared at once; gone with its ID lock at the next look, once no booking can land.
  expect(await gw.store.get('cc_children', child)).toMatchObject({ name: null, idCipher: null, health: null })
  gw.clock.now = new Date('2028-08-01T10:03:00+08:00')
  await timer()
  expect(await gw.store.get('cc_children', child)).toBeNull()
  expect(await gw.store.count('cc_child_ids', { childId: child })).toBe(0)
  // The attendance record is needed only through the next season.
  gw.clock.now = new Date('2029-01-01T10:00:00+08:00')
  await timer()
  expect(await gw.store.count('cc_attendance', {})).toBe(0)
})

describe('grades: what the parent enters is what everyone sees and the rules use', () => {
  const summer2027 = (over: Record<string, unknown> = {}) => classInput({ gradeMin: 1, gradeMax: 3, ...over })

  test.each([
    ['2026-09-01T00:00:00+08:00'],
    ['2026-10-15T10:00:00+08:00'],
    ['2026-12-31T23:59:00+08:00'],
    ['2027-01-01T00:00:00+08:00'],
    ['2027-06-10T10:00:00+08:00'],
  ])('entered as 三年级 at %s: parent, roster and a 1–3 class all say 三年级 for summer 2027', async (at) => {
    gw.clock.now = new Date(at)
    const child = await childOf('p-grade', 3, 303)
    expect((await ok('p-grade', 'myChildren')).items[0].grade).toBe(3)
    gw.clock.now = new Date('2027-06-10T10:00:00+08:00')
    expect((await ok('p-grade', 'myChildren')).items[0].grade).toBe(3)
    const classId = (await ok('demo-staff', 'upsertClass', summer2027())).id
    const r = await cc('p-grade', 'book', { classId, childIds: [child], requestId: rid() })
    expect(r.error).toBeUndefined()
    expect((await ok('demo-staff', 'roster', { classId })).rows[0].grade).toBe(3)
  })

  test('a class during the school year (starting in December) takes the grade as entered that autumn', async () => {
    gw.clock.now = new Date('2026-11-20T10:00:00+08:00')
    const child = await childOf('p-winter', 1, 307)
    const classId = (
      await ok(
        'demo-staff',
        'upsertClass',
        classInput({
          title: '冬季托管班',
          startDate: '2026-12-07',
          endDate: '2026-12-31',
          gradeMin: 1,
          gradeMax: 1,
          opensAt: '2026-11-20T09:00:00+08:00',
          closesAt: '2026-12-05T18:00:00+08:00',
          cancelBefore: '2026-12-06T18:00:00+08:00',
        }),
      )
    ).id
    const r = await cc('p-winter', 'book', { classId, childIds: [child], requestId: rid() })
    expect(r.error).toBeUndefined()
    expect((await ok('demo-staff', 'roster', { classId })).rows[0].grade).toBe(1)
  })

  test('the grade rolls on 1 September by the Beijing date', async () => {
    gw.clock.now = new Date('2026-10-15T10:00:00+08:00')
    await childOf('p-roll', 3, 305)
    gw.clock.now = new Date('2027-08-31T23:59:00+08:00') // 15:59 UTC
    expect((await ok('p-roll', 'myChildren')).items[0].grade).toBe(3)
    gw.clock.now = new Date('2027-09-01T00:00:00+08:00') // still 31 August in UTC
    expect((await ok('p-roll', 'myChildren')).items[0].grade).toBe(4)
  })
})
