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
  const [a, b] = await Promise.all([gw.as(staff).call('stations', 'importCsv', { csv }), gw.as(staff).call('stations', 'importCsv', { csv })])
  expect(a.status).toBe(200)
  expect(b.status).toBe(200)
  expect(a.data!.created + b.data!.created).toBe(20)
  expect(a.data!.updated + b.data!.updated).toBe(20)
  expect(await gw.store.count('stations', { name: { $includes: '并发驿站' } })).toBe(20)
})

test('3.2 concurrent edits by a keeper (hours) and staff (phone): one wins, the other gets CONFLICT, nothing is lost silently', async () => {
  const loaded = (await gw.as(keeper).call('stations', 'get', { id: 'st-shizhong' })).data!
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
    gw.as(keeper).call('stations', 'upsert', { ...base, hours: '06:00-22:00' }),
    gw.as(staff).call('stations', 'upsert', { ...base, phone: '0534-6299999' }),
  ])
  expect([k.status, s.status].sort()).toEqual([200, 409])
  const lost = k.status === 409 ? k : s
  expect(lost.error!).toMatchObject({ code: 'CONFLICT', message: '该驿站刚被他人修改，请刷新后再改' })
  const after = (await gw.as(keeper).call('stations', 'get', { id: 'st-shizhong' })).data!
  expect(after.version).toBe(loaded.version + 1)
  if (k.status === 200) expect(after).toMatchObject({ hours: '06:00-22:00', phone: loaded.phone })
  else expect(after).toMatchObject({ hours: loaded.hours, phone: '0534-6299999' })
  // The loser reloads and applies their change on top: both changes now stand.
  const retry = k.status === 409 ? { hours: '06:00-22:00', phone: after.phone } : { hours: after.hours, phone: '0534-6299999' }
  const again = await gw.as(k.status === 409 ? keeper : staff).call('stations', 'upsert', { ...base, version: after.version, ...retry })
  expect(again.status).toBe(200)
  expect((await gw.as(staff).call('stations', 'get', { id: 'st-shizhong' })).data!).toMatchObject({
    hours: '06:00-22:00',
    phone: '0534-6299999',
  })
})

test('3.3 an edit without the version it loaded is refused', async () => {
  const d = (await gw.as(staff).call('stations', 'get', { id: 'st-shizhong' })).data!
  const r = await gw.as(staff).call('stations', 'upsert', {
    id: d.id,
    name: d.name,
    address: d.address,
    lat: d.lat,
    lng: d.lng,
    hours: d.hours,
    amenities: d.amenities,
    phone: d.phone,
  })
  expect(r.status).toBe(400)
  expect(r.error!.fields!.map((f: { path: string }) => f.path)).toContain('version')
})

test('10.6 a station named with three U+200B, or with NUL, is refused and nothing is saved', async () => {
  const before = await gw.store.count('stations')
  const base = { address: '乐陵市兴隆南大街 300 号', lat: 37.72, lng: 117.218, hours: '08:00-20:00', amenities: ['water' as const] }
  const a = await gw.as(staff).call('stations', 'upsert', { ...base, name: '\u200b\u200b\u200b' })
  expect(a.status).toBe(400)
  expect(a.error!.fields![0].path).toBe('name')
  const b = await gw.as(staff).call('stations', 'upsert', { ...base, name: '驿站\u0000甲' })
  expect(b.status).toBe(400)
  const c = await gw.as(staff).call('stations', 'upsert', { ...base, name: '\u202e站驿甲' })
  expect(c.status).toBe(400)
  expect(await gw.store.count('stations')).toBe(before)
})
