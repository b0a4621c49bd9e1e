import iconv from 'iconv-lite'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { openExport, uploadId } from './file-helpers'
import { startGateway, type TestGateway } from './harness'

const XINGLONG = { lat: 37.7289, lng: 117.2178 } // 兴隆南大街, beside 市中街道办事处劳动者驿站

let gw: TestGateway
let courier: string
let staff: string
let keeper: string
beforeAll(async () => {
  gw = await startGateway()
  courier = await gw.login('demo-courier')
  staff = await gw.login('demo-staff')
  keeper = await gw.login('demo-keeper')
})
afterAll(() => gw.close())

describe('stations.nearby', () => {
  test('returns the nearest stations within the radius, sorted by distance', async () => {
    const { status, data } = await gw.as(courier).call('stations', 'nearby', { ...XINGLONG, radiusKm: 2, limit: 10 })
    expect(status).toBe(200)
    const items = data!.items
    expect(items.length).toBe(10)
    expect(items[0]).toMatchObject({ id: 'st-shizhong', name: '市中街道办事处劳动者驿站' })
    expect(items[0].amenities).toEqual(expect.arrayContaining(['seat', 'water', 'heat', 'medkit', 'charge', 'pump']))
    const d = items.map((i) => i.distanceM!)
    expect([...d].sort((a, b) => a - b)).toEqual(d)
    expect(Math.max(...d)).toBeLessThanOrEqual(2000)
  })

  test('a small radius holds only what lies inside it', async () => {
    const { data } = await gw.as(courier).call('stations', 'nearby', { ...XINGLONG, radiusKm: 0.3 })
    expect(data!.items.length).toBeGreaterThan(0)
    for (const i of data!.items) expect(i.distanceM).toBeLessThanOrEqual(300)
  })

  test('amenity filter keeps only stations with every chosen amenity', async () => {
    const { data } = await gw.as(courier).call('stations', 'nearby', { ...XINGLONG, radiusKm: 50, limit: 50, amenities: ['pump', 'medkit'] })
    expect(data!.items.length).toBeGreaterThan(0)
    for (const i of data!.items) expect(i.amenities).toEqual(expect.arrayContaining(['pump', 'medkit']))
  })

  test('「只看营业中」 at 03:00 Shanghai time leaves only 24-hour and overnight stations', async () => {
    gw.clock.now = new Date('2026-11-24T03:00:00+08:00')
    try {
      const { data } = await gw.as(courier).call('stations', 'nearby', { ...XINGLONG, radiusKm: 50, limit: 50, openNow: true })
      expect(data!.items.length).toBeGreaterThanOrEqual(5)
      for (const i of data!.items) {
        expect(i.openNow).toBe(true)
        expect(i.hours).toMatch(/24小时|次日/)
      }
      const all = await gw.as(courier).call('stations', 'nearby', { ...XINGLONG, radiusKm: 50, limit: 50 })
      expect(all.data!.items.some((i: { openNow: boolean }) => !i.openNow)).toBe(true)
    } finally {
      gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
    }
  })
})

describe('bad input is refused with the field named, and changes nothing', () => {
  const cases: [string, unknown, string][] = [
    ['missing lat', { action: 'nearby', data: { lng: 117.2 } }, 'lat'],
    ['lat 200', { action: 'nearby', data: { lat: 200, lng: 117.2 } }, 'lat'],
    ['lat as a string', { action: 'nearby', data: { lat: '37.7', lng: 117.2 } }, 'lat'],
    ['huge limit', { action: 'nearby', data: { ...XINGLONG, limit: 100000 } }, 'limit'],
    ['unknown amenity', { action: 'nearby', data: { ...XINGLONG, amenities: ['pool'] } }, 'amenities.0'],
    ['openNow as a string', { action: 'nearby', data: { ...XINGLONG, openNow: 'yes' } }, 'openNow'],
    ['data not an object', { action: 'nearby', data: 'lat=1' }, 'data'],
    ['no action', { data: XINGLONG }, 'action'],
    ['a body that is an array', [1, 2], 'action'],
    ['report without text for 其他', { action: 'report', data: { id: 'st-shizhong', kind: 'other' } }, 'text'],
  ]
  test.each(cases)('%s → 400', async (_name, body, path) => {
    const { status, json } = await gw.call('stations', body, courier)
    expect(status).toBe(400)
    expect(json.ok).toBe(false)
    expect(json.error.code).toBe('VALIDATION_FAILED')
    expect(json.error.fields.map((f: { path: string }) => f.path)).toContain(path)
    expect(json.error.message).toMatch(/[\u4e00-\u9fa5]/)
  })

  test('a body that is not JSON → 400 naming the body', async () => {
    const { status, json } = await gw.post('/api/stations', '{"action": "nearby", ', courier)
    expect(status).toBe(400)
    expect(json.error.fields[0].path).toBe('body')
  })

  test('an unknown action or function → 404', async () => {
    expect((await gw.as(courier).raw('stations', 'dropTables')).status).toBe(404)
    expect((await gw.as(courier).raw('nosuch', 'nearby')).status).toBe(404)
    expect((await gw.as(courier).raw('stations', 'constructor')).status).toBe(404)
  })

  test('a bad upsert names each bad field', async () => {
    const { status, error } = await gw
      .as(staff)
      .raw('stations', 'upsert', { name: 'x', address: '乐陵', lat: 48.85, lng: 2.35, hours: '随时', amenities: ['pool'] })
    expect(status).toBe(400)
    expect(error!.fields!.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['name', 'address', 'hours', 'amenities.0']))
  })
})

describe('identity and roles', () => {
  const station = {
    name: '新建测试驿站',
    address: '乐陵市兴隆南大街 300 号',
    lat: 37.72,
    lng: 117.218,
    hours: '08:00-20:00',
    amenities: ['water' as const],
    phone: '',
  }

  test('no token or a forged token → 401', async () => {
    expect((await gw.as().call('stations', 'nearby', XINGLONG)).status).toBe(401)
    expect((await gw.as('bm9ib2R5.9999999999999.forged').call('stations', 'nearby', XINGLONG)).status).toBe(401)
  })

  test('refused calls change nothing in the store', async () => {
    const before = gw.store.rawDump('stations').sort()
    expect((await gw.as(courier).call('stations', 'upsert', station)).status).toBe(403)
    expect((await gw.as(courier).call('stations', 'upsert', { ...station, id: 'st-shizhong', version: 1 })).status).toBe(403)
    expect(
      (await gw.as(courier).call('stations', 'importCsv', { csv: 'name,address,lat,lng,hours\n甲驿站,乐陵市某路 1 号,37.7,117.2,24小时' })).status,
    ).toBe(403)
    expect((await gw.as(keeper).call('stations', 'importCsv', { csv: 'x' })).status).toBe(403)
    expect((await gw.as(keeper).call('stations', 'upsert', station)).status).toBe(403) // keepers edit, not create
    expect((await gw.as(keeper).call('stations', 'upsert', { ...station, id: 'st-post-main', version: 1 })).status).toBe(403)
    expect((await gw.as(staff).call('stations', 'upsert', { ...station, lat: 200 })).status).toBe(400)
    expect((await gw.as().call('stations', 'upsert', station)).status).toBe(401)
    expect(gw.store.rawDump('stations').sort()).toEqual(before)
  })

  test('a keeper edits the station they keep; staff see canEdit, couriers do not', async () => {
    const res = await gw.as(keeper).call('stations', 'upsert', { ...station, id: 'st-shizhong', version: 1, name: '市中街道办事处劳动者驿站' })
    expect(res.status).toBe(200)
    expect(res.data!).toEqual({ id: 'st-shizhong', created: false })
    expect((await gw.as(staff).call('stations', 'get', { id: 'st-shizhong' })).data!.canEdit).toBe(true)
    expect((await gw.as(courier).call('stations', 'get', { id: 'st-shizhong' })).data!.canEdit).toBe(false)
    expect((await gw.as(courier).call('stations', 'get', { id: 'nope' })).status).toBe(404)
  })

  test('staff create a station in their county and couriers find it nearby', async () => {
    const res = await gw.as(staff).call('stations', 'upsert', { ...station, lat: 37.6, lng: 117.4 })
    expect(res.data!.created).toBe(true)
    const near = await gw.as(courier).call('stations', 'nearby', { lat: 37.6, lng: 117.4, radiusKm: 1 })
    expect(near.data!.items.map((i: { id: string }) => i.id)).toEqual([res.data!.id])
    const managed = await gw.as(staff).call('stations', 'listManaged', { pageSize: 50 })
    expect(managed.data!.total).toBe(51)
    const kept = await gw.as(keeper).call('stations', 'listManaged', {})
    expect(kept.data!.items.map((i: { id: string }) => i.id)).toEqual(['st-shizhong'])
  })

  test('account.me tells the app who the caller is', async () => {
    const me = (await gw.as(staff).call('account', 'me')).data!
    expect(me).toMatchObject({ openid: 'demo-staff', name: '刘干事', roles: ['worker', 'staff'], orgs: [{ id: 'org-leling', name: '乐陵市总工会' }] })
    expect((await gw.as(courier).call('account', 'me')).data!.roles).toEqual(['worker'])
  })
})

describe('CSV import through the gateway', () => {
  test('reports row by row, and importing the same sheet again updates instead of duplicating', async () => {
    const csv = [
      'name,address,lat,lng,hours,amenities,phone',
      '导入驿站一,乐陵市导入路 1 号,37.71,117.20,24小时,饮水|充电,0534-6200001',
      '导入驿站二,乐陵市导入路 2 号,37.71,117.21,20:00-次日08:00,微波炉,',
      '坏坐标驿站,乐陵市导入路 3 号,117.21,37.71,08:00-20:00,饮水,',
      '导入驿站一,乐陵市导入路 1 号,37.71,117.20,24小时,饮水,',
    ].join('\n')
    const first = await gw.as(staff).call('stations', 'importCsv', { csv })
    expect(first.status).toBe(200)
    expect(first.data!).toMatchObject({ created: 2, updated: 0, refused: 2 })
    expect(first.data!.rows.map((r: { status: string }) => r.status)).toEqual(['created', 'created', 'refused', 'refused'])
    expect(first.data!.rows[2].errors![0]).toMatchObject({ path: 'lat' })
    expect(first.data!.rows[3].errors![0].message).toContain('第 2 行')
    const second = await gw.as(staff).call('stations', 'importCsv', { csv })
    expect(second.data!).toMatchObject({ created: 0, updated: 2, refused: 2 })
    const found = await gw.as(courier).call('stations', 'search', { keyword: '导入驿站' })
    expect(found.data!.items).toHaveLength(2)
  })

  test('a dry run (预览) of an uploaded GBK file reports what would happen and writes nothing; the real run then does it', async () => {
    const text = [
      '名称,地址,纬度,经度,开放时间,设施,电话',
      '示例：城东快递驿站（此行不会导入，可删除）,乐陵市城东街道振兴路18号,37.7312,117.2208,08:00-20:00,饮水,',
      '预览驿站甲,乐陵市预览路 1 号,37.71,117.20,24小时,饮水|充电,0534-6200001',
      '预览驿站乙,乐陵市预览路 2 号,117.21,37.71,08:00-20:00,饮水,',
    ].join('\r\n')
    // Uploaded once: the preview and the import both name the same file.
    const fileId = await uploadId(gw, 'sheet', '驿站.csv', iconv.encode(text, 'gbk'), staff)
    const count = async () => (await gw.as(courier).call('stations', 'search', { keyword: '预览驿站' })).data!.items.length

    const preview = await gw.as(staff).call('stations', 'importCsv', { fileId, dryRun: true })
    expect(preview.status).toBe(200)
    expect(preview.data!).toMatchObject({ dryRun: true, created: 1, updated: 0, refused: 1, skipped: 1 })
    expect(preview.data!.rows[0]).toMatchObject({ row: 3, name: '预览驿站甲', status: 'created' })
    expect(preview.data!.rows[1].errors![0]).toEqual({ path: 'lat', message: '经纬度可能填反了：纬度应在 3–54 之间，经度应在 73–136 之间' })
    expect(await count()).toBe(0)

    const real = await gw.as(staff).call('stations', 'importCsv', { fileId, dryRun: false })
    expect(real.data!).toMatchObject({ dryRun: false, created: 1, refused: 1, skipped: 1 })
    expect(await count()).toBe(1)
    // Applied, the upload is removed; naming it again says to upload again.
    expect(existsSync(join(gw.filesDir, fileId.slice('local://'.length)))).toBe(false)
    const again = await gw.as(staff).call('stations', 'importCsv', { fileId, dryRun: true })
    expect(again.error!.fields).toEqual([{ path: 'fileId', message: '找不到上传的表格文件，请重新上传' }])
    // The same sheet uploaded afresh now previews as an update, and still writes nothing.
    const fresh = await uploadId(gw, 'sheet', '驿站.csv', iconv.encode(text, 'gbk'), staff)
    const update = await gw.as(staff).call('stations', 'importCsv', { fileId: fresh, dryRun: true })
    expect(update.data!).toMatchObject({ created: 0, updated: 1 })
  })

  test("someone else's upload is refused, naming the field, and nothing is read or written", async () => {
    const csv = '名称,地址,纬度,经度,开放时间\n别人的驿站,乐陵市别人路 1 号,37.71,117.20,24小时'
    const admin = await gw.login('demo-admin')
    const theirs = await uploadId(gw, 'sheet', 'a.csv', Buffer.from(csv), admin)
    const res = await gw.as(staff).call('stations', 'importCsv', { fileId: theirs })
    expect(res.status).toBe(400)
    expect(res.error!.fields).toEqual([{ path: 'fileId', message: '表格文件不是您本人上传的，请重新上传' }])
    expect((await gw.as(courier).call('stations', 'search', { keyword: '别人的驿站' })).data!.items).toHaveLength(0)
    // Still there for its owner.
    expect(existsSync(join(gw.filesDir, theirs.slice('local://'.length)))).toBe(true)
    // A photo's id is not a sheet's, and a made-up id is refused by the contract.
    const photo = await uploadId(gw, 'stationPhoto', 'a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]), staff)
    expect((await gw.as(staff).call('stations', 'importCsv', { fileId: photo })).error!.fields![0].path).toBe('fileId')
    const madeUp = await gw.as(staff).call('stations', 'importCsv', { fileId: '../../etc/passwd' })
    expect(madeUp.error!.fields![0]).toEqual({ path: 'fileId', message: '表格文件编号不正确，请重新上传' })
  })

  test('a 1 MB sheet travels to storage, and the import call itself stays small', async () => {
    const header = '名称,地址,纬度,经度,开放时间,设施,电话'
    // about 260 bytes a row: a megabyte within the 5,000 rows one import takes
    const rows: string[] = []
    for (let i = 0, size = 0; size < 1024 * 1024; i++) {
      const row = `${'大表'.repeat(8)}驿站${i},乐陵市${'大表路'.repeat(14)}${i}号,37.${7000 + (i % 999)},117.${2000 + (i % 999)},24小时,饮水,`
      rows.push(row)
      size += Buffer.byteLength(row) + 1
    }
    const bytes = Buffer.from([header, ...rows].join('\n'))
    expect(bytes.length).toBeGreaterThan(1024 * 1024)
    expect(rows.length).toBeLessThan(5000)
    const fileId = await uploadId(gw, 'sheet', '大表.csv', bytes, staff)
    const body = { action: 'importCsv', data: { fileId, dryRun: true } }
    expect(JSON.stringify(body).length).toBeLessThan(100_000)
    const res = await gw.as(staff).call('stations', 'importCsv', body.data)
    expect(res.status).toBe(200)
    expect(res.data!).toMatchObject({ dryRun: true, created: rows.length, refused: 0 })
  })

  test('pasted CSV is for a few rows: a paste over 20,000 characters is refused, naming the field and the way out', async () => {
    const long = 'name,address,lat,lng,hours\n' + '长驿站,乐陵市某路 1 号,37.7,117.2,24小时\n'.repeat(1000)
    const res = await gw.as(staff).call('stations', 'importCsv', { csv: long })
    expect(res.status).toBe(400)
    expect(res.error!.fields![0]).toEqual({ path: 'csv', message: expect.stringContaining('选择文件') })
  })

  test('the Excel template is made on the server, and only staff may have it', async () => {
    const res = await gw.as(staff).call('stations', 'importTemplate', {})
    expect(res.status).toBe(200)
    expect(res.data!.filename).toBe('驿站导入模板.xlsx')
    const ws = (await openExport(gw, res.data!)).worksheets[0]
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['名称', '地址', '纬度', '经度']))
    expect((await gw.as(courier).call('stations', 'importTemplate', {})).status).toBe(403)
  })

  test('a file and pasted text at once, or neither, is refused', async () => {
    const fileId = await uploadId(gw, 'sheet', 'a.csv', Buffer.from('a'), staff)
    const both = await gw.as(staff).call('stations', 'importCsv', { csv: 'a', fileId })
    expect(both.status).toBe(400)
    expect((await gw.as(staff).call('stations', 'importCsv', {})).status).toBe(400)
  })

  test('a sheet without the required columns is refused whole', async () => {
    const res = await gw.as(staff).call('stations', 'importCsv', { csv: 'foo,bar\n1,2' })
    expect(res.status).toBe(400)
    expect(res.error!.fields![0].path).toBe('csv')
  })
})

describe('stations.report', () => {
  test('is stored, and the sixth report within an hour is rate-limited', async () => {
    const worker = await gw.login('demo-worker')
    for (let i = 0; i < 5; i++) {
      const r = await gw.as(worker).call('stations', 'report', { id: 'st-post-main', kind: 'broken', text: '饮水机坏了' })
      expect(r.status).toBe(200)
    }
    const sixth = await gw.as(worker).call('stations', 'report', { id: 'st-post-main', kind: 'closed' })
    expect(sixth.status).toBe(429)
    expect(sixth.error!.code).toBe('RATE_LIMITED')
    expect(await gw.store.count('station_reports', { stationId: 'st-post-main' })).toBe(5)
    expect((await gw.as(courier).call('stations', 'report', { id: 'st-none', kind: 'closed' })).status).toBe(404)
  })
})

describe('areas and search', () => {
  test('areas list the county’s 街道 and 乡镇 with centres; search finds by name', async () => {
    const areas = (await gw.as(courier).call('stations', 'areas', {})).data!.items
    expect(areas[0]).toMatchObject({ id: 'area-shizhong', name: '市中街道' })
    expect(areas.length).toBeGreaterThan(10)
    const found = (await gw.as(courier).call('stations', 'search', { keyword: '环卫' })).data!.items
    expect(found.length).toBeGreaterThanOrEqual(4)
    for (const s of found) expect(s.name).toContain('环卫')
    expect((await gw.as(courier).call('stations', 'search', { keyword: '' })).status).toBe(400)
  })

  test('search with a position answers each match’s distance, nearest first', async () => {
    // Standing at 城西环卫作业点: it must come first although its name sorts after others.
    const here = { lat: 37.7331, lng: 117.1912 }
    const found = (await gw.as(courier).call('stations', 'search', { keyword: '环卫', ...here })).data!.items
    expect(found.length).toBeGreaterThanOrEqual(4)
    expect(found[0].id).toBe('st-station-w')
    for (const s of found) expect(typeof s.distanceM).toBe('number')
    const d = found.map((s) => s.distanceM!)
    expect(d).toEqual([...d].sort((a, b) => a - b))
    const half = await gw.as(courier).call('stations', 'search', { keyword: '环卫', lat: 37.7 })
    expect(half.status).toBe(400)
  })
})
