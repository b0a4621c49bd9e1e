import type { UpsertInput } from '../../src/contracts/stations/schemas'
import { startGateway, type TestGateway } from './harness'

describe('星级 self-assessment (山东 standard): completeness, no stars', () => {
  let gw: TestGateway
  let staff: string
  let keeper: string
  const base: UpsertInput = {
    name: '自评测试驿站',
    address: '乐陵市自评路 1 号',
    lat: 37.74,
    lng: 117.23,
    hours: '08:00-20:00',
    amenities: [],
    phone: '',
  }
  const stats = () => gw.as(staff).ok('stations', 'assessmentStats', {})

  beforeAll(async () => {
    gw = await startGateway()
    staff = await gw.login('demo-staff')
    keeper = await gw.login('demo-keeper')
  })
  afterAll(() => gw.close())

  test('the demo county starts with no station meeting every basic, and names what is missed most', async () => {
    const s = await stats()
    expect(s.total).toBeGreaterThan(40)
    expect(s.complete).toBe(0)
    // Nobody has stated area, floor or street yet: every station misses those three.
    expect(s.missing.slice(0, 3).map((m) => m.count)).toEqual([s.total, s.total, s.total])
    expect(s.missing.map((m) => m.label)).toEqual(expect.arrayContaining(['面积不少于 12 平方米', '位于一楼', '临街']))
  })

  test('staff see 6/8 with the missing ones named; filling them makes the county count go up by one', async () => {
    const before = await stats()
    const { id } = await gw.as(staff).ok('stations', 'upsert', {
      ...base,
      amenities: ['seat', 'water', 'heat', 'medkit', 'legal'],
      assessment: { areaM2: 10, groundFloor: true, facingStreet: true, haircut: true },
    })
    const listed = (await gw.as(staff).ok('stations', 'listManaged', { q: '自评测试' })).items[0]
    expect(listed.completeness).toEqual({
      met: 6,
      total: 8,
      missing: ['面积不少于 12 平方米', '风扇或空调'],
      extras: ['法律服务', '理发'],
      complete: false,
    })
    expect((await stats()).total).toBe(before.total + 1)
    expect((await stats()).complete).toBe(before.complete)

    const d = await gw.as(staff).ok('stations', 'get', { id })
    expect(d.assessment).toEqual({ areaM2: 10, groundFloor: true, facingStreet: true, haircut: true })
    await gw.as(staff).ok('stations', 'upsert', {
      ...base,
      id,
      version: d.version,
      amenities: [...d.amenities, 'climate'],
      assessment: { ...d.assessment!, areaM2: 15 },
    })
    const after = (await gw.as(staff).ok('stations', 'listManaged', { q: '自评测试' })).items[0]
    expect(after.completeness).toMatchObject({ met: 8, missing: [], complete: true })
    expect((await stats()).complete).toBe(before.complete + 1)
  })

  test("a keeper edits their own station's self-assessment; workers never see it", async () => {
    const mine = await gw.as(keeper).ok('stations', 'get', { id: 'st-shizhong' })
    expect(mine.canEdit).toBe(true)
    await gw.as(keeper).ok('stations', 'upsert', {
      id: 'st-shizhong',
      version: mine.version,
      name: mine.name,
      address: mine.address,
      lat: mine.lat,
      lng: mine.lng,
      hours: mine.hours,
      amenities: mine.amenities,
      phone: mine.phone,
      assessment: { areaM2: 40, groundFloor: true, facingStreet: false, haircut: false },
    })
    const listed = (await gw.as(keeper).ok('stations', 'listManaged', {})).items.find((s) => s.id === 'st-shizhong')
    // 桌椅, 饮水, 微波炉, 医药箱 from its amenities, area and floor from the form; no fan or air conditioning, not on the street.
    expect(listed?.completeness).toMatchObject({ met: 6, missing: ['临街', '风扇或空调'] })
    const worker = await gw.login('assess-worker')
    const seen = await gw.as(worker).ok('stations', 'get', { id: 'st-shizhong' })
    expect(seen.assessment).toBeUndefined()
    // The county view is for union staff, not keepers.
    const refused = await gw.as(keeper).call('stations', 'assessmentStats', {})
    expect(refused.ok).toBe(false)
    expect(refused.error?.code).toBe('FORBIDDEN')
  })

  test('bad values are refused, naming the field', async () => {
    const r = await gw.as(staff).raw('stations', 'upsert', { ...base, name: '坏数据驿站', assessment: { areaM2: -3, groundFloor: 'yes' } })
    expect(r.ok).toBe(false)
    const paths = r.error?.fields?.map((f) => f.path)
    expect(paths).toEqual(expect.arrayContaining(['assessment.areaM2', 'assessment.groundFloor']))
    expect(r.error?.fields?.find((f) => f.path === 'assessment.areaM2')?.message).toBe('面积必须大于 0')
  })
})
