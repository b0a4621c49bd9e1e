import type { UpsertInput } from '../../src/contracts/stations/schemas'
import { startGateway, type TestGateway } from './harness'

// Far from the demo stations (乐陵), so that nearest answers only with the stations made here.
const SITE_A = { lat: 36.651, lng: 117.12 } // a building site in 济南
const SITE_B = { lat: 36.681, lng: 117.06 } // where the site moves to, about 6 km away

const at = (text: string) => new Date(`${text}+08:00`)

describe.each(['sqlite', 'cloudbase'] as const)('mobile and seasonal stations over %s', (backend) => {
  let gw: TestGateway
  let staff: string
  let worker: string
  let n = 0
  const station = (over: Partial<UpsertInput> = {}): UpsertInput => ({
    name: `流动驿站${backend}${n++}`,
    address: '济南市历下区工地东门 1 号',
    ...SITE_A,
    hours: '09:00-17:00',
    amenities: ['water'],
    phone: '',
    ...over,
  })
  const create = async (over: Partial<UpsertInput> = {}) => (await gw.as(staff).ok('stations', 'upsert', station(over))).id
  const get = (id: string, who = worker) => gw.as(who).ok('stations', 'get', { id })
  const nearbyIds = async (p = SITE_A) => (await gw.as(worker).ok('stations', 'nearby', { ...p, radiusKm: 2 })).items.map((s) => s.id)

  beforeAll(async () => {
    gw = await startGateway({ backend, ...(backend === 'cloudbase' ? { cloudLatencyMs: [1, 3] as [number, number] } : {}) })
    staff = await gw.login('demo-staff')
    worker = await gw.login(`season-worker-${backend}`)
  })
  afterAll(() => gw.close())

  test('a station past its last day leaves nearby, nearest and search by itself, by the Beijing date; staff see it 已到期', async () => {
    gw.clock.now = at('2026-07-10T10:00:00')
    const id = await create({ validFrom: '2026-07-01', validTo: '2026-07-31', name: `到期测试${backend}` })
    expect(await nearbyIds()).toContain(id)
    expect((await gw.as(worker).ok('stations', 'nearest', { ...SITE_A, radiusKm: 2 })).nearest?.id).toBe(id)

    // 23:59 on its last day, Beijing time (15:59 UTC): still listed.
    gw.clock.now = at('2026-07-31T23:59:00')
    expect(await nearbyIds()).toContain(id)
    // One minute later it is 8月1日 in Beijing, while still 7月31日 in UTC: gone, with nothing run at midnight.
    gw.clock.now = at('2026-08-01T00:00:30')
    expect(await nearbyIds()).not.toContain(id)
    expect((await gw.as(worker).ok('stations', 'nearest', { ...SITE_A, radiusKm: 2 })).nearest?.id).not.toBe(id)
    const found = await gw.as(worker).ok('stations', 'search', { keyword: `到期测试${backend}` })
    expect(found.items).toEqual([])
    const withPos = await gw.as(worker).ok('stations', 'search', { keyword: `到期测试${backend}`, ...SITE_A })
    expect(withPos.items).toEqual([])

    const managed = await gw.as(staff).ok('stations', 'listManaged', { q: `到期测试${backend}` })
    expect(managed.items).toHaveLength(1)
    expect(managed.items[0]).toMatchObject({ id, expired: true, statusText: '已到期', openNow: false, validTo: '2026-07-31' })
  })

  test('a station that has not started yet is not listed and says when it opens', async () => {
    gw.clock.now = at('2026-05-20T10:00:00')
    const id = await create({ validFrom: '2026-06-01', name: `未开始${backend}` })
    expect(await nearbyIds()).not.toContain(id)
    expect(await get(id, staff)).toMatchObject({ statusText: '6月1日起开放', openNow: false, validFrom: '2026-06-01' })
    gw.clock.now = at('2026-06-01T10:00:00')
    expect(await nearbyIds()).toContain(id)
  })

  test('送清凉 summer hours replace the usual ones between their dates, in open-now and the next-open text', async () => {
    gw.clock.now = at('2026-05-29T18:00:00')
    const id = await create({
      hours: '09:00-17:00',
      seasons: [{ name: '送清凉', from: '2026-06-01', to: '2026-09-30', hours: '06:00-21:00' }],
    })
    // A Friday evening in May, closed by the usual hours: tomorrow (Saturday 5月30日) the usual 09:00.
    expect(await get(id)).toMatchObject({ openNow: false, statusText: '明天 09:00 开门' })
    // Sunday 5月31日 evening: tomorrow is 6月1日, the season's first day, opening at 06:00.
    gw.clock.now = at('2026-05-31T18:00:00')
    expect(await get(id)).toMatchObject({ openNow: false, statusText: '明天 06:00 开门' })
    // In the season at 19:30: open by the summer hours though the usual ones closed at 17:00.
    gw.clock.now = at('2026-07-15T19:30:00')
    const summer = await get(id)
    expect(summer).toMatchObject({ openNow: true, statusText: '营业中', hours: '09:00-17:00' })
    expect(summer.season).toMatchObject({ name: '送清凉', hours: '06:00-21:00' })
    const listed = (await gw.as(worker).ok('stations', 'nearby', { ...SITE_A, radiusKm: 2, openNow: true })).items.map((s) => s.id)
    expect(listed).toContain(id)
    // The season's last evening: after 21:00 the next opening is the usual 09:00 of 10月1日.
    gw.clock.now = at('2026-09-30T21:30:00')
    expect(await get(id)).toMatchObject({ openNow: false, statusText: '明天 09:00 开门' })
    gw.clock.now = at('2026-10-08T19:30:00')
    const after = await get(id)
    expect(after.openNow).toBe(false)
    expect(after.season).toBeUndefined()
  })

  test('overlapping seasons and a last day before the first are refused, naming the field', async () => {
    const overlap = await gw.as(staff).call(
      'stations',
      'upsert',
      station({
        seasons: [
          { name: '夏', from: '2026-06-01', to: '2026-08-31', hours: '06:00-21:00' },
          { name: '秋', from: '2026-08-15', to: '2026-10-31', hours: '08:00-18:00' },
        ],
      }),
    )
    expect(overlap.ok).toBe(false)
    expect(overlap.error?.fields?.[0]).toMatchObject({ message: '季节时段的日期不能重叠' })
    const backwards = await gw.as(staff).call('stations', 'upsert', station({ validFrom: '2026-08-01', validTo: '2026-07-01' }))
    expect(backwards.ok).toBe(false)
    expect(backwards.error?.fields).toEqual([expect.objectContaining({ path: 'validTo', message: '到期日期不能早于启用日期' })])
    const badHours = await gw
      .as(staff)
      .call('stations', 'upsert', station({ seasons: [{ name: '', from: '2026-06-01', to: '2026-06-30', hours: '早上' }] }))
    expect(badHours.ok).toBe(false)
    expect(badHours.error?.fields?.[0].path).toBe('seasons.0.hours')
  })

  test('a move keeps the history for staff; nearest and nearby find the station at its new place only', async () => {
    gw.clock.now = at('2026-07-10T10:00:00')
    const id = await create({ name: `搬迁测试${backend}` })
    const before = await get(id, staff)
    expect(before.moves).toEqual([])
    gw.clock.now = at('2026-07-20T08:00:00')
    await gw
      .as(staff)
      .ok('stations', 'upsert', { ...station({ name: before.name }), id, version: before.version, address: '济南市槐荫区新工地北门', ...SITE_B })
    expect(await nearbyIds(SITE_A)).not.toContain(id)
    expect(await nearbyIds(SITE_B)).toContain(id)
    const near = await gw.as(worker).ok('stations', 'nearest', { ...SITE_B, radiusKm: 1 })
    expect(near.nearest?.id).toBe(id)
    expect(near.nearest?.distanceM).toBeLessThan(5)

    const moved = await get(id, staff)
    expect(moved).toMatchObject({ address: '济南市槐荫区新工地北门', lat: SITE_B.lat, lng: SITE_B.lng })
    expect(moved.moves).toEqual([{ address: '济南市历下区工地东门 1 号', ...SITE_A, until: at('2026-07-20T08:00:00').toISOString() }])
    // A save that does not move it adds nothing; workers never see the history.
    await gw.as(staff).ok('stations', 'upsert', {
      ...station({ name: before.name }),
      id,
      version: moved.version,
      address: moved.address,
      ...SITE_B,
      hours: '08:00-18:00',
    })
    expect((await get(id, staff)).moves).toHaveLength(1)
    expect((await get(id)).moves).toBeUndefined()
  })

  test('a save without the new fields keeps them (an older client, an import)', async () => {
    gw.clock.now = at('2026-07-10T10:00:00')
    const id = await create({ validTo: '2026-12-31', seasons: [{ name: '送清凉', from: '2026-06-01', to: '2026-09-30', hours: '06:00-21:00' }] })
    const d = await get(id, staff)
    await gw.as(staff).ok('stations', 'upsert', { ...station({ name: d.name }), id, version: d.version, phone: '12351' })
    const after = await get(id, staff)
    expect(after).toMatchObject({ validTo: '2026-12-31', phone: '12351' })
    expect(after.seasons).toHaveLength(1)
    // '' clears the date, [] the seasons.
    await gw.as(staff).ok('stations', 'upsert', { ...station({ name: d.name }), id, version: after.version, validTo: '', seasons: [] })
    const cleared = await get(id, staff)
    expect(cleared.validTo).toBeUndefined()
    expect(cleared.seasons).toEqual([])
  })
})
