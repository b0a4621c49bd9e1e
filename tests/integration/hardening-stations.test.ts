import { startGateway, type TestGateway } from './harness'

/** Issue 7 (hardening), item 3 on the stations function, with store latency as in the cloud. */
let gw: TestGateway
let staff: string
let keeper: string
beforeAll(async () => {
  gw = await startGateway({ latencyMs: 5 })
  staff = await gw.login('demo-staff')
  keeper = await gw.login('demo-keeper')
})
afterAll(() => gw.close())

const rows = Array.from({ length: 20 }, (_, i) => `并发驿站${i + 1}号,乐陵市并发路 ${i + 1} 号,37.7${i % 10},117.2${i % 10},08:00-20:00,饮水,`)
const csv = ['name,address,lat,lng,hours,amenities,phone', ...rows].join('\n')

test('3.1 two imports of the same 20 rows at once create each station exactly once', async () => {
  const [a, b] = await Promise.all([
    gw.call('stations', { action: 'importCsv', data: { csv } }, staff),
    gw.call('stations', { action: 'importCsv', data: { csv } }, staff),
  ])
  expect(a.status).toBe(200)
  expect(b.status).toBe(200)
  expect(a.json.data.created + b.json.data.created).toBe(20)
  expect(a.json.data.updated + b.json.data.updated).toBe(20)
  expect(await gw.store.count('stations', { name: { $includes: '并发驿站' } })).toBe(20)
})

test('3.2 concurrent edits by a keeper (hours) and staff (phone): one wins, the other gets CONFLICT, nothing is lost silently', async () => {
  const loaded = (await gw.call('stations', { action: 'get', data: { id: 'st-shizhong' } }, keeper)).json.data
  expect(typeof loaded.version).toBe('number')
  const base = {
    id: loaded.id,
    version: loaded.version,
    name: loaded.name,
    address: loaded.address,
    lat: loaded.lat,
    lng: loaded.lng,
    hours: loaded.hours,
    amenities: loaded.amenities,
    phone: loaded.phone,
  }
  const [k, s] = await Promise.all([
    gw.call('stations', { action: 'upsert', data: { ...base, hours: '06:00-22:00' } }, keeper),
    gw.call('stations', { action: 'upsert', data: { ...base, phone: '0534-6299999' } }, staff),
  ])
  expect([k.status, s.status].sort()).toEqual([200, 409])
  const lost = k.status === 409 ? k : s
  expect(lost.json.error).toMatchObject({ code: 'CONFLICT', message: '该驿站刚被他人修改，请刷新后再改' })
  const after = (await gw.call('stations', { action: 'get', data: { id: 'st-shizhong' } }, keeper)).json.data
  expect(after.version).toBe(loaded.version + 1)
  if (k.status === 200) expect(after).toMatchObject({ hours: '06:00-22:00', phone: loaded.phone })
  else expect(after).toMatchObject({ hours: loaded.hours, phone: '0534-6299999' })
  // The loser reloads and applies their change on top: both changes now stand.
  const retry = k.status === 409 ? { hours: '06:00-22:00', phone: after.phone } : { hours: after.hours, phone: '0534-6299999' }
  const again = await gw.call(
    'stations',
    { action: 'upsert', data: { ...base, version: after.version, ...retry } },
    k.status === 409 ? keeper : staff,
  )
  expect(again.status).toBe(200)
  expect((await gw.call('stations', { action: 'get', data: { id: 'st-shizhong' } }, staff)).json.data).toMatchObject({
    hours: '06:00-22:00',
    phone: '0534-6299999',
  })
})

test('3.3 an edit without the version it loaded is refused', async () => {
  const d = (await gw.call('stations', { action: 'get', data: { id: 'st-shizhong' } }, staff)).json.data
  const r = await gw.call(
    'stations',
    {
      action: 'upsert',
      data: { id: d.id, name: d.name, address: d.address, lat: d.lat, lng: d.lng, hours: d.hours, amenities: d.amenities, phone: d.phone },
    },
    staff,
  )
  expect(r.status).toBe(400)
  expect(r.json.error.fields.map((f: { path: string }) => f.path)).toContain('version')
})

test('10.6 a station named with three U+200B, or with NUL, is refused and nothing is saved', async () => {
  const before = await gw.store.count('stations')
  const base = { address: '乐陵市兴隆南大街 300 号', lat: 37.72, lng: 117.218, hours: '08:00-20:00', amenities: ['water'] }
  const a = await gw.call('stations', { action: 'upsert', data: { ...base, name: '\u200b\u200b\u200b' } }, staff)
  expect(a.status).toBe(400)
  expect(a.json.error.fields[0].path).toBe('name')
  const b = await gw.call('stations', { action: 'upsert', data: { ...base, name: '驿站\u0000甲' } }, staff)
  expect(b.status).toBe(400)
  const c = await gw.call('stations', { action: 'upsert', data: { ...base, name: '\u202e站驿甲' } }, staff)
  expect(c.status).toBe(400)
  expect(await gw.store.count('stations')).toBe(before)
})
