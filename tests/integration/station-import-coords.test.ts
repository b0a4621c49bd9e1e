import { distanceMeters } from '../../src/contracts/geo'
import { startGateway, type TestGateway } from './harness'

/** The published GCJ-02 → BD-09 transform (百度's bd_encrypt), independent of gcoord, as in the export test. */
function bdEncrypt(lat: number, lng: number): { lat: number; lng: number } {
  const xPi = (Math.PI * 3000.0) / 180.0
  const z = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * xPi)
  const theta = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * xPi)
  return { lng: z * Math.cos(theta) + 0.0065, lat: z * Math.sin(theta) + 0.006 }
}

// Known points in GCJ-02 (高德/腾讯): 天安门, and 乐陵 兴隆南大街 (the demo station the export test checks).
const TIANANMEN = { lat: 39.908823, lng: 116.39747 }
const LELING = { lat: 37.7289, lng: 117.2178 }

describe('station import: coordinates from either map', () => {
  let gw: TestGateway
  let staff: string
  let n = 0
  const sheet = (rows: string[], header = '名称,地址,纬度,经度,开放时间') => [header, ...rows].join('\n')
  const row = (lat: number, lng: number, extra = '') => `坐标测试${n++},测试地址 ${n} 号,${lat},${lng},08:00-20:00${extra}`
  const stored = async (id: string) => gw.as(staff).ok('stations', 'get', { id })

  beforeAll(async () => {
    gw = await startGateway()
    staff = await gw.login('demo-staff')
  })
  afterAll(() => gw.close())

  test('nothing said: assumed 高德/腾讯, stored as given, and the preview says so in plain words', async () => {
    const preview = await gw.as(staff).ok('stations', 'importCsv', { csv: sheet([row(LELING.lat, LELING.lng)]), dryRun: true })
    expect(preview.coords).toMatchObject({ system: 'gcj02', basis: 'assumed' })
    expect(preview.coords?.text).toContain('按高德/腾讯地图坐标导入')
    expect(preview.coords?.text).toContain('百度')
    const done = await gw.as(staff).ok('stations', 'importCsv', { csv: sheet([row(LELING.lat, LELING.lng)]) })
    const s = await stored(done.rows[0].id!)
    expect([s.lat, s.lng]).toEqual([LELING.lat, LELING.lng])
  })

  test('百度 chosen on the page: BD-09 points are stored as the GCJ-02 points they came from (within 0.2 m)', async () => {
    for (const p of [TIANANMEN, LELING]) {
      const bd = bdEncrypt(p.lat, p.lng)
      const done = await gw.as(staff).ok('stations', 'importCsv', { csv: sheet([row(bd.lat, bd.lng)]), coordSystem: 'bd09' })
      expect(done.coords).toMatchObject({ system: 'bd09', basis: 'chosen' })
      expect(done.coords?.text).toBe('按您选择的百度地图坐标导入，已换算为高德/腾讯地图坐标保存')
      const s = await stored(done.rows[0].id!)
      expect(distanceMeters(s, p)).toBeLessThan(0.2)
      // Unconverted, the BD-09 numbers would be several hundred metres off.
      expect(distanceMeters(bd, p)).toBeGreaterThan(500)
    }
  })

  test("天安门 as 百度 shows it (39.915, 116.404) lands on 高德's 39.9088, 116.3975", async () => {
    const done = await gw.as(staff).ok('stations', 'importCsv', { csv: sheet([row(39.915, 116.404)]), coordSystem: 'bd09' })
    const s = await stored(done.rows[0].id!)
    expect(distanceMeters(s, TIANANMEN)).toBeLessThan(30)
  })

  test('a header that names the map wins, so our own 地图标注表 imports back to the same points', async () => {
    const bd = bdEncrypt(LELING.lat, LELING.lng)
    const onlyBd = sheet([row(bd.lat, bd.lng)], '名称,地址,纬度（BD-09，百度）,经度（BD-09，百度）,开放时间')
    const a = await gw.as(staff).ok('stations', 'importCsv', { csv: onlyBd, dryRun: true })
    expect(a.coords).toMatchObject({ system: 'bd09', basis: 'header' })
    expect(a.refused).toBe(0)
    // Both pairs, as the export writes them: the GCJ-02 columns are read, nothing converted.
    const both = sheet(
      [`坐标测试${n++},导出地址 1 号,${LELING.lat},${LELING.lng},${bd.lat},${bd.lng},08:00-20:00`],
      '名称,地址,纬度（GCJ-02，高德/腾讯）,经度（GCJ-02，高德/腾讯）,纬度（BD-09，百度）,经度（BD-09，百度）,开放时间',
    )
    const b = await gw.as(staff).ok('stations', 'importCsv', { csv: both, coordSystem: 'bd09' })
    expect(b.coords).toMatchObject({ system: 'gcj02', basis: 'header' })
    const s = await stored(b.rows[0].id!)
    expect([s.lat, s.lng]).toEqual([LELING.lat, LELING.lng])
  })

  test('a 坐标系 column decides per row, counts each, and names an unknown value', async () => {
    const bd = bdEncrypt(TIANANMEN.lat, TIANANMEN.lng)
    const csv = sheet(
      [row(bd.lat, bd.lng, ',百度'), row(TIANANMEN.lat, TIANANMEN.lng, ',高德'), row(TIANANMEN.lat, TIANANMEN.lng, ',谷歌')],
      '名称,地址,纬度,经度,开放时间,坐标系',
    )
    const r = await gw.as(staff).ok('stations', 'importCsv', { csv })
    expect(r.coords?.basis).toBe('column')
    expect(r.coords?.rows).toMatchObject({ bd09: 1, gcj02: 2 })
    expect(r.coords?.text).toContain('百度地图坐标 1 行')
    expect(r.created).toBe(2)
    expect(r.rows[2]).toMatchObject({ status: 'refused', errors: [expect.objectContaining({ path: 'coordSystem' })] })
    for (const done of r.rows.slice(0, 2)) expect(distanceMeters(await stored(done.id!), TIANANMEN)).toBeLessThan(0.2)
  })

  test('GPS (WGS-84) points are shifted to GCJ-02 as gcoord publishes it, a few hundred metres in Beijing', async () => {
    // 天安门 in WGS-84 as GPS receivers report it; in GCJ-02 it is TIANANMEN (offset ≈ 500–600 m).
    const done = await gw.as(staff).ok('stations', 'importCsv', { csv: sheet([row(39.907383, 116.391248)]), coordSystem: 'wgs84' })
    expect(done.coords?.text).toContain('GPS')
    const s = await stored(done.rows[0].id!)
    expect(distanceMeters(s, TIANANMEN)).toBeLessThan(30)
  })

  test('a swapped pair is still named as swapped, not converted into nonsense', async () => {
    const r = await gw.as(staff).ok('stations', 'importCsv', { csv: sheet([row(LELING.lng, LELING.lat)]), coordSystem: 'bd09', dryRun: true })
    expect(r.rows[0].errors?.[0].message).toContain('经纬度可能填反了')
  })
})
