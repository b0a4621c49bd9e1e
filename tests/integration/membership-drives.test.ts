import { applyForm, idFor } from '../utils/membership'
import { startGateway, type TestGateway } from './harness'

/** 集中入会: a code for an event opens the form with the union (and employer) set; joins are counted per event. */

jest.setTimeout(60_000)

let gw: TestGateway
let staff: string
let hospitalStaff: string

beforeAll(async () => {
  gw = await startGateway()
  staff = await gw.login('demo-staff')
  await gw.store.put('users', { _id: 'hospital-staff', name: '医院干事', grants: [{ role: 'staff', scope: 'org-hospital' }] })
  hospitalStaff = await gw.login('hospital-staff')
})
afterAll(() => gw.close())

test('staff make a code; applications through it go to that union, record the event, and are counted per event', async () => {
  const made = await gw.call(
    'membership',
    { action: 'createDrive', data: { event: '2026 护士节集中入会', employer: '乐陵市人民医院' } },
    hospitalStaff,
  )
  expect(made.status).toBe(200)
  const drive = made.json.data
  expect(drive).toMatchObject({ event: '2026 护士节集中入会', orgName: '乐陵市人民医院工会', employer: '乐陵市人民医院', applications: 0 })
  expect(drive.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/)
  expect(drive.path).toBe(`pages/membership/apply/index?drive=${drive.code}`)
  expect(drive.qr).toMatch(/^data:image\/png;base64,/)

  // What the form reads after the scan (lower case typed by hand works too).
  const info = await gw.call('membership', { action: 'driveInfo', data: { code: drive.code.toLowerCase() } }, await gw.login('drive-w0'))
  expect(info.json.data).toEqual({ code: drive.code, event: '2026 护士节集中入会', orgName: '乐陵市人民医院工会', employer: '乐陵市人民医院' })

  // An employer with its own union elsewhere would route there; the event's union takes it instead.
  const a1 = await gw.call(
    'membership',
    { action: 'apply', data: applyForm({ idNumber: idFor(951), drive: drive.code }) },
    await gw.login('drive-w1'),
  )
  expect(a1.status).toBe(200)
  expect(a1.json.data).toMatchObject({ org: { name: '乐陵市人民医院工会' }, routedBy: 'drive' })
  const a2 = await gw.call(
    'membership',
    { action: 'apply', data: applyForm({ idNumber: idFor(953), drive: drive.code }) },
    await gw.login('drive-w2'),
  )
  await gw.call('membership', { action: 'review', data: { id: a2.json.data.id, decision: 'approve', reason: '' } }, hospitalStaff)
  // An application without the code is not counted.
  await gw.call('membership', { action: 'apply', data: applyForm({ idNumber: idFor(955) }) }, await gw.login('drive-w3'))

  const list = await gw.call('membership', { action: 'drives', data: {} }, hospitalStaff)
  expect(list.json.data.items).toEqual([expect.objectContaining({ code: drive.code, applications: 2, approved: 1 })])
  // The county sees its unions' events; a union sees only its own.
  expect((await gw.call('membership', { action: 'drives', data: {} }, staff)).json.data.items.map((d: { code: string }) => d.code)).toContain(
    drive.code,
  )
  const taishan = await gw.login('demo-staff-taishan')
  expect((await gw.call('membership', { action: 'drives', data: {} }, taishan)).json.data.items).toEqual([])
})

test('an unknown code is refused under the field, a worker cannot make codes', async () => {
  const w = await gw.login('drive-w4')
  const bad = await gw.call('membership', { action: 'apply', data: applyForm({ idNumber: idFor(957), drive: 'ZZZZZZZZ' }) }, w)
  expect(bad.status).toBe(400)
  expect(bad.json.error.fields[0].path).toBe('drive')
  expect((await gw.call('membership', { action: 'driveInfo', data: { code: 'ZZZZZZZZ' } }, w)).status).toBe(404)
  expect((await gw.call('membership', { action: 'createDrive', data: { event: '我的活动', employer: '' } }, w)).status).toBe(403)
  const blank = await gw.call('membership', { action: 'createDrive', data: { event: '', employer: '' } }, staff)
  expect(blank.json.error.fields[0]).toMatchObject({ path: 'event', message: '活动名称至少 2 个字' })
})
