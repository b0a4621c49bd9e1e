import { startGateway, type TestGateway } from './harness'

// A quiet corner of the county with two stations of our own: a closed one 78 m away and an open one 402 m away.
const HERE = { lat: 37.61, lng: 117.43 }
const M_PER_DEG_LAT = 111_320

function station(id: string, metersNorth: number, hours: string) {
  const now = '2026-11-01T00:00:00.000Z'
  return {
    _id: id,
    name: `测试驿站${id}`,
    address: '测试路 1 号',
    location: { lat: HERE.lat + metersNorth / M_PER_DEG_LAT, lng: HERE.lng },
    hours,
    amenities: ['water'],
    phone: '',
    photos: [],
    orgId: 'org-county',
    status: 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
    updatedBy: 'seed',
  }
}

let gw: TestGateway
let courier: string
beforeAll(async () => {
  gw = await startGateway()
  courier = await gw.login('demo-courier')
  // The gateway's clock: Monday 2026-11-23 10:00 Beijing time.
  await gw.store.insert('stations', station('near-closed', 78, '14:00-20:00'))
  await gw.store.insert('stations', station('far-open', 402, '08:00-20:00'))
})
afterAll(() => gw.close())

describe('stations.nearest (the home card)', () => {
  test('names the nearest station even when closed, with when it opens, and the nearest open one beside it', async () => {
    const { status, data } = await gw.as(courier).call('stations', 'nearest', { ...HERE, radiusKm: 1 })
    expect(status).toBe(200)
    const { nearest, nearestOpen } = data!
    expect(nearest).toMatchObject({ id: 'near-closed', openNow: false, statusText: '今天 14:00 开门' })
    expect(nearest!.distanceM).toBe(78)
    expect(nearestOpen).toMatchObject({ id: 'far-open', openNow: true, statusText: '营业中' })
    expect(nearestOpen!.distanceM).toBe(402)
  })

  test('when the nearest is open, both are the same station', async () => {
    gw.clock.now = new Date('2026-11-23T15:00:00+08:00')
    try {
      const { data } = await gw.as(courier).call('stations', 'nearest', { ...HERE, radiusKm: 1 })
      expect(data!.nearest!.id).toBe('near-closed')
      expect(data!.nearestOpen!.id).toBe('near-closed')
    } finally {
      gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
    }
  })

  test('after closing time it says 明天; with nothing open in the radius nearestOpen is null', async () => {
    gw.clock.now = new Date('2026-11-23T21:00:00+08:00')
    try {
      const { data } = await gw.as(courier).call('stations', 'nearest', { ...HERE, radiusKm: 1 })
      expect(data!.nearest).toMatchObject({ id: 'near-closed', statusText: '明天 14:00 开门' })
      expect(data!.nearestOpen).toBeNull()
    } finally {
      gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
    }
  })

  test('nothing in the radius: both null; a bad position names the field', async () => {
    const none = await gw.as(courier).call('stations', 'nearest', { lat: 30.0, lng: 100.0, radiusKm: 1 })
    expect(none.data!).toEqual({ nearest: null, nearestOpen: null })
    const bad = await gw.as(courier).raw('stations', 'nearest', { lat: 'x', lng: 117 })
    expect(bad.status).toBe(400)
    expect(bad.error!.fields![0]).toMatchObject({ path: 'lat', message: '纬度必须是数字' })
  })
})

describe('stations.get with the caller position', () => {
  test('carries the distance; without a position it has none; half a position is refused', async () => {
    const withPos = await gw.as(courier).call('stations', 'get', { id: 'far-open', ...HERE })
    expect(withPos.data!.distanceM).toBe(402)
    const without = await gw.as(courier).call('stations', 'get', { id: 'far-open' })
    expect(without.data!.distanceM).toBeUndefined()
    const half = await gw.as(courier).call('stations', 'get', { id: 'far-open', lat: HERE.lat })
    expect(half.status).toBe(400)
    expect(half.error!.fields![0].path).toBe('lat')
  })
})
