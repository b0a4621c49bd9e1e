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
  const made = await gw.as(hospitalStaff).call('membership', 'createDrive', { event: '2026 护士节集中入会', employer: '乐陵市人民医院' })
  expect(made.status).toBe(200)
  const drive = made.data!
  expect(drive).toMatchObject({ event: '2026 护士节集中入会', orgName: '乐陵市人民医院工会', employer: '乐陵市人民医院', applications: 0 })
  expect(drive.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/)
  expect(drive.path).toBe(`pages/membership/apply/index?drive=${drive.code}`)
  expect(drive.qr).toMatch(/^data:image\/png;base64,/)

  // What the form reads after the scan (lower case typed by hand works too).
  const info = await gw.as(await gw.login('drive-w0')).call('membership', 'driveInfo', { code: drive.code.toLowerCase() })
  expect(info.data!).toEqual({ code: drive.code, event: '2026 护士节集中入会', orgName: '乐陵市人民医院工会', employer: '乐陵市人民医院' })

  // An employer with its own union elsewhere would route there; the event's union takes it instead.
  const a1 = await gw.as(await gw.login('drive-w1')).call('membership', 'apply', applyForm({ idNumber: idFor(951), drive: drive.code }))
  expect(a1.status).toBe(200)
  expect(a1.data!).toMatchObject({ org: { name: '乐陵市人民医院工会' }, routedBy: 'drive' })
  const a2 = await gw.as(await gw.login('drive-w2')).call('membership', 'apply', applyForm({ idNumber: idFor(953), drive: drive.code }))
  await gw.as(hospitalStaff).call('membership', 'review', { id: a2.data!.id, decision: 'approve', reason: '' })
  // An application without the code is not counted.
  await gw.as(await gw.login('drive-w3')).call('membership', 'apply', applyForm({ idNumber: idFor(955) }))

  const list = await gw.as(hospitalStaff).call('membership', 'drives', {})
  expect(list.data!.items).toEqual([expect.objectContaining({ code: drive.code, applications: 2, approved: 1 })])
  // The county sees its unions' events; a union sees only its own.
  expect((await gw.as(staff).call('membership', 'drives', {})).data!.items.map((d: { code: string }) => d.code)).toContain(drive.code)
  const taishan = await gw.login('demo-staff-taishan')
  expect((await gw.as(taishan).call('membership', 'drives', {})).data!.items).toEqual([])
})

test('an unknown code is refused under the field, a worker cannot make codes', async () => {
  const w = await gw.login('drive-w4')
  const bad = await gw.as(w).call('membership', 'apply', applyForm({ idNumber: idFor(957), drive: 'ZZZZZZZZ' }))
  expect(bad.status).toBe(400)
  expect(bad.error!.fields![0].path).toBe('drive')
  expect((await gw.as(w).call('membership', 'driveInfo', { code: 'ZZZZZZZZ' })).status).toBe(404)
  expect((await gw.as(w).call('membership', 'createDrive', { event: '我的活动', employer: '' })).status).toBe(403)
  const blank = await gw.as(staff).call('membership', 'createDrive', { event: '', employer: '' })
  expect(blank.error!.fields![0]).toMatchObject({ path: 'event', message: '活动名称至少 2 个字' })
})
