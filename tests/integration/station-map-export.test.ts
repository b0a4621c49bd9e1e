import { bdToGcj, gcjToBd } from '../../src/contracts/stations/mapcoords'
import { openExport } from './file-helpers'
import { startGateway, type TestGateway } from './harness'

/**
 * The published GCJ-02 → BD-09 transform (百度's bd_encrypt), written out here independently of gcoord so the
 * export is checked against the formula, not against itself.
 */
function bdEncrypt(lat: number, lng: number): { lat: number; lng: number } {
  const xPi = (Math.PI * 3000.0) / 180.0
  const z = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * xPi)
  const theta = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * xPi)
  return { lng: z * Math.cos(theta) + 0.0065, lat: z * Math.sin(theta) + 0.006 }
}

describe('GCJ-02 ↔ BD-09 against known points', () => {
  test('天安门: GCJ-02 39.908823,116.397470 is BD-09 ≈ 39.915,116.404 (百度 坐标拾取)', () => {
    const bd = gcjToBd(39.908823, 116.39747)
    expect(bd.lat).toBeCloseTo(39.915, 3)
    expect(bd.lng).toBeCloseTo(116.404, 3)
  })

  test('agrees with the published formula to 1e-6 and goes back within a metre', () => {
    for (const [lat, lng] of [
      [37.7289, 117.2178], // 乐陵 兴隆南大街
      [31.230416, 121.473701], // 上海 人民广场
      [22.543096, 114.057865], // 深圳 市民中心
    ]) {
      const bd = gcjToBd(lat, lng)
      const ref = bdEncrypt(lat, lng)
      expect(Math.abs(bd.lat - ref.lat)).toBeLessThan(1e-6)
      expect(Math.abs(bd.lng - ref.lng)).toBeLessThan(1e-6)
      const back = bdToGcj(bd.lat, bd.lng)
      expect(Math.abs(back.lat - lat)).toBeLessThan(1e-5)
      expect(Math.abs(back.lng - lng)).toBeLessThan(1e-5)
    }
  })
})

describe('stations.exportMap', () => {
  let gw: TestGateway
  beforeAll(async () => {
    gw = await startGateway()
  })
  afterAll(() => gw.close())

  test('staff get every station of their union in the 高德/百度 columns, both coordinate systems', async () => {
    const staff = await gw.login('demo-staff')
    const { status, json } = await gw.call('stations', { action: 'exportMap', data: {} }, staff)
    expect(status).toBe(200)
    const wb = await openExport(gw, json.data)
    const ws = wb.getWorksheet('驿站')!
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '名称',
      '地址',
      '纬度（GCJ-02，高德/腾讯）',
      '经度（GCJ-02，高德/腾讯）',
      '纬度（BD-09，百度）',
      '经度（BD-09，百度）',
      '开放时间',
      '电话',
      '服务项目',
      '分类',
    ])
    expect(ws.rowCount - 1).toBe(json.data.rows)
    expect(json.data.rows).toBeGreaterThan(5)
    let found = false
    ws.eachRow((row, n) => {
      if (n === 1) return
      const [name, , lat, lng, bdLat, bdLng, hours, , services, kind] = (row.values as unknown[]).slice(1)
      const ref = bdEncrypt(Number(lat), Number(lng))
      expect(Math.abs(Number(bdLat) - ref.lat)).toBeLessThan(1e-6)
      expect(Math.abs(Number(bdLng) - ref.lng)).toBeLessThan(1e-6)
      expect(kind).toBe('户外劳动者服务站点')
      if (name === '市中街道办事处劳动者驿站') {
        found = true
        expect([lat, lng]).toEqual([37.7289, 117.2178])
        expect(hours).toBe('08:00-20:00')
        expect(String(services)).toContain('饮水')
      }
    })
    expect(found).toBe(true)
  })

  test('a keeper gets their own station only; a worker may not export', async () => {
    const keeper = await gw.login('demo-keeper')
    const { json } = await gw.call('stations', { action: 'exportMap', data: {} }, keeper)
    expect(json.data.rows).toBe(1)
    const worker = await gw.login('demo-courier')
    expect((await gw.call('stations', { action: 'exportMap', data: {} }, worker)).status).toBe(403)
  })
})
