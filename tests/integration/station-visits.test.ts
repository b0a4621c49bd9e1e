import { parseCheckinLink } from '../../src/contracts/stations/visits'
import { startGateway, type TestGateway } from './harness'

const BASE = 'http://127.0.0.1:9/app'

describe.each(['sqlite', 'cloudbase'] as const)('station 签到 over %s', (backend) => {
  let gw: TestGateway
  let keeper: string
  let staff: string
  let key: string

  beforeAll(async () => {
    gw = await startGateway({ backend, ...(backend === 'cloudbase' ? { cloudLatencyMs: [2, 8] as [number, number] } : {}) })
    keeper = await gw.login('demo-keeper')
    staff = await gw.login('demo-staff')
    const poster = await gw.as(keeper).call('stations', 'poster', { stationId: 'st-shizhong', base: BASE })
    expect(poster.ok).toBe(true)
    expect(poster.data!).toMatchObject({ name: '市中街道办事处劳动者驿站', hotline: '12351' })
    expect(poster.data!.qr).toMatch(/^data:image\/png;base64,/)
    const parsed = parseCheckinLink(poster.data!.link)
    expect(parsed?.stationId).toBe('st-shizhong')
    key = parsed!.key
  })
  afterAll(() => gw.close())

  const scan = (token: string, extra: Record<string, unknown> = {}) =>
    gw.as(token).call('stations', 'checkin', { stationId: 'st-shizhong', key, ...extra })
  const stats = async (token: string, data: Record<string, unknown> = { stationId: 'st-shizhong' }) =>
    (await gw.as(token).call('stations', 'visitStats', data)).data!

  test('the poster keeps one key: a second poster encodes the same link; others may not make one', async () => {
    const again = await gw.as(staff).call('stations', 'poster', { stationId: 'st-shizhong', base: BASE })
    expect(parseCheckinLink(again.data!.link)?.key).toBe(key)
    const courier = await gw.login('demo-courier')
    const refused = await gw.as(courier).call('stations', 'poster', { stationId: 'st-shizhong', base: BASE })
    expect(refused.status).toBe(403)
  })

  test('many scans at once by one person count once; many people at once count once each', async () => {
    gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => gw.login(`rush-${backend}-${i}`)))
    const before = (await stats(keeper)).total
    // 8 people, each scanning 5 times at once: 40 requests in flight together.
    const results = await Promise.all(people.flatMap((p) => Array.from({ length: 5 }, () => scan(p, { occupation: 'courier' }))))
    for (const r of results) expect(r.status).toBe(200)
    expect(results.filter((r) => r.data!.counted).length).toBe(8)
    const after = await stats(keeper)
    expect(after.total - before).toBe(8)
    expect(after.byOccupation.find((o: { key: string }) => o.key === 'courier')!.count).toBeGreaterThanOrEqual(8)
  })

  test('one visit per person per station in any 4 hours, across the 4-hour blocks', async () => {
    const worker = await gw.login(`gap-${backend}`)
    gw.clock.now = new Date('2026-11-23T11:59:00+08:00')
    expect((await scan(worker, { occupation: 'sanitation' })).data!).toMatchObject({ counted: true, occupation: 'sanitation' })
    gw.clock.now = new Date('2026-11-23T12:01:00+08:00') // the next block, two minutes later
    const twice = (await scan(worker)).data!
    expect(twice.counted).toBe(false)
    expect(twice.countedAt).toBe(new Date('2026-11-23T11:59:00+08:00').toISOString())
    gw.clock.now = new Date('2026-11-23T15:58:00+08:00')
    expect((await scan(worker)).data!.counted).toBe(false)
    gw.clock.now = new Date('2026-11-23T16:00:00+08:00') // 4 h 01 min after the first
    // 「我是」 was answered once and is remembered.
    expect((await scan(worker)).data!).toMatchObject({ counted: true, occupation: 'sanitation' })
    gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
  })

  test('a wrong key or an unknown station is refused; a bad occupation names the field', async () => {
    const worker = await gw.login(`bad-${backend}`)
    const wrong = await gw.as(worker).call('stations', 'checkin', { stationId: 'st-shizhong', key: 'abcdefgh12345678' })
    expect(wrong.status).toBe(404)
    expect(wrong.error!.message).toContain('二维码')
    const occ = await scan(worker, { occupation: 'pilot' })
    expect(occ.status).toBe(400)
    expect(occ.error!.fields![0]).toMatchObject({ path: 'occupation', message: '请选择您的职业' })
  })

  test('stats: keepers see their station only, staff their org, the county total today; no personal data', async () => {
    const mine = await stats(keeper)
    expect(mine.scope).toMatchObject({ stationId: 'st-shizhong' })
    expect(mine.bars).toHaveLength(14)
    expect(mine.bars[13]).toMatchObject({ from: '2026-11-23', label: '23日' })
    expect(mine.bars[0]).toMatchObject({ from: '2026-11-10', label: '10日' })
    const org = await stats(staff, { period: 'week' })
    expect(org.bars).toHaveLength(8)
    expect(org.bars[7]).toMatchObject({ from: '2026-11-23', label: '11/23' }) // 2026-11-23 is a Monday
    expect(org.scope.stationId).toBeNull()
    expect(org.total).toBeGreaterThanOrEqual(mine.bars[13].count)
    const month = await stats(staff, { period: 'month' })
    expect(month.bars.map((b: { label: string }) => b.label)).toEqual(['6月', '7月', '8月', '9月', '10月', '11月'])
    expect(mine.countyToday).toBeGreaterThanOrEqual(9)
    const text = JSON.stringify([mine, org, month])
    expect(text).not.toMatch(/openid|rush-|gap-|demo-/)
    // A keeper cannot look at another station.
    const other = await gw.as(keeper).call('stations', 'visitStats', { stationId: 'st-other-does-not-exist' })
    expect(other.status).toBe(403)
  })
})
