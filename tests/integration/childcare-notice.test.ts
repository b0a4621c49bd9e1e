import { startGateway, type TestGateway } from './harness'
import { classInput, seedChild } from '../utils/childcare'
import { HEALTH_ITEMS } from '../../src/contracts/childcare/health'

jest.setTimeout(30_000)

/**
 * 告家长书 and 健康申报 (issue 21): a class's notice is versioned; a booking records the version its parent read and
 * each child's health declaration (note encrypted); staff see it on the roster.
 */
let gw: TestGateway
const tokens: Record<string, string> = {}
const as = async (who: string) => (tokens[who] ??= await gw.login(who))
const cc = async (who: string, action: string, data: unknown = {}) => (await gw.call('childcare', { action, data }, await as(who))).json
let n = 0
const rid = () => `notice-${n++}-${Date.now()}`
const allYes = (childId: string) => ({ childId, answers: HEALTH_ITEMS.map(() => true) })

beforeAll(async () => {
  gw = await startGateway()
  gw.clock.now = new Date('2027-06-12T10:00:00+08:00')
})
afterAll(() => gw.close())

test('booking needs the current notice version and a declaration per child; both are recorded, the note encrypted', async () => {
  const made = await cc('demo-staff', 'upsertClass', classInput({ title: '告家长书测试班', notice: '请按时接送孩子。' }))
  const classId = made.data.id
  const detail = (await cc('p-notice', 'getClass', { id: classId })).data
  expect(detail.notice).toMatchObject({ version: 1, text: '请按时接送孩子。' })
  await seedChild(gw.store, 'p-notice', 'child-n1', { name: '周小一' })
  await seedChild(gw.store, 'p-notice', 'child-n2', { name: '周小二', idHash: 'h-n2' })
  const book = (extra: Record<string, unknown>) => cc('p-notice', 'book', { classId, childIds: ['child-n1', 'child-n2'], requestId: rid(), ...extra })

  const unread = await book({})
  expect(unread.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'noticeVersion' }] })
  const oneMissing = await book({ noticeVersion: 1, health: [allYes('child-n1')] })
  expect(oneMissing.error.fields[0]).toMatchObject({ path: 'health.1', message: '请为每个孩子完成健康申报' })
  const noNote = await book({ noticeVersion: 1, health: [allYes('child-n1'), { childId: 'child-n2', answers: [true, true, false, true] }] })
  expect(noNote.error.fields[0]).toMatchObject({ path: 'health.1.note' })
  expect(await gw.store.count('cc_bookings', { classId })).toBe(0)

  // The staff member edits the notice while the parent reads: the old version is refused, nothing is booked.
  await cc('demo-staff', 'upsertClass', { id: classId, ...classInput({ title: '告家长书测试班', notice: '请按时接送孩子，并带好水杯。' }) })
  const stale = await book({ noticeVersion: 1, health: [allYes('child-n1'), allYes('child-n2')] })
  expect(stale.error.fields[0]).toMatchObject({ path: 'noticeVersion', message: '告家长书刚刚更新，请重新阅读后再报名' })
  // Saving the same text again is no new version.
  await cc('demo-staff', 'upsertClass', { id: classId, ...classInput({ title: '告家长书测试班', notice: '请按时接送孩子，并带好水杯。' }) })
  expect((await cc('p-notice', 'getClass', { id: classId })).data.notice.version).toBe(2)

  const ok = await book({
    noticeVersion: 2,
    health: [allYes('child-n1'), { childId: 'child-n2', answers: [true, true, false, true], note: '对花生过敏' }],
  })
  expect(ok.data.bookings.map((b: { status: string }) => b.status)).toEqual(['confirmed', 'confirmed'])
  const raw = gw.store.rawDump('cc_bookings').join('\n')
  expect(raw).not.toContain('对花生过敏')
  const docs = gw.store
    .rawDump('cc_bookings')
    .map((s) => JSON.parse(s))
    .filter((d) => d.classId === classId)
  expect(docs.map((d) => d.noticeVersion)).toEqual([2, 2])
  expect(docs.find((d) => d.childId === 'child-n2').health).toMatchObject({ answers: [true, true, false, true], flagged: true })

  const roster = await cc('demo-staff', 'roster', { classId })
  const row = roster.data.rows.find((r: { childName: string }) => r.childName === '周小二')
  expect(row.health).toEqual({ flagged: true, no: [HEALTH_ITEMS[2]], note: '对花生过敏', noticeVersion: 2 })
  expect(roster.data.rows.find((r: { childName: string }) => r.childName === '周小一').health).toMatchObject({ flagged: false, no: [], note: '' })
})

test('a class opened without a notice asks for neither (older classes and callers keep working)', async () => {
  const made = await cc('demo-staff', 'upsertClass', classInput({ title: '无告家长书的班', startDate: '2027-08-02', endDate: '2027-08-13' }))
  expect((await cc('p-plain', 'getClass', { id: made.data.id })).data.notice).toBeUndefined()
  await seedChild(gw.store, 'p-plain', 'child-plain')
  const r = await cc('p-plain', 'book', { classId: made.data.id, childIds: ['child-plain'], requestId: rid() })
  expect(r.data.bookings[0].status).toBe('confirmed')
})
