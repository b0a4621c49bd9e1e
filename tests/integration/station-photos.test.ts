import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { localFiles } from '../../cloudfunctions/_core/files'
import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'

/** 驿站照片 over the real gateway, with store latency as in the cloud so concurrent adds really interleave. */
let gw: TestGateway
const tokens: Record<string, string> = {}

beforeAll(async () => {
  gw = await startGateway({ latencyMs: 5 })
  for (const who of ['demo-keeper', 'demo-staff', 'demo-staff-taishan', 'demo-courier']) tokens[who] = await gw.login(who)
})
afterAll(() => gw.close())

const jpeg = (n = 1) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, n)])
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1000, 3)])
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n')

const stations = <A extends ActionName<'stations'>>(action: A, data: Data<'stations', A>[0], who: string) =>
  gw.as(tokens[who]).call('stations', action, ...([data] as Data<'stations', A>))

async function uploaded(who: string, name = '门口.jpg', bytes = jpeg()): Promise<string> {
  const res = await gw.upload('stationPhoto', name, bytes, tokens[who])
  expect(res.json.ok).toBe(true)
  return res.json.data.fileId
}

async function addPhoto(who: string, stationId: string, bytes = jpeg(), name = '门口.jpg') {
  return stations('addPhoto', { stationId, fileId: await uploaded(who, name, bytes) }, who)
}

/** Files stored for a station, and the caller's uploads still waiting. */
const storedFor = (stationId: string) => {
  const dir = join(gw.filesDir, 'stations', stationId)
  return existsSync(dir) ? readdirSync(dir).filter((f) => !f.endsWith('.part')) : []
}
const uploadsOf = (openid: string) => {
  const dir = join(gw.filesDir, 'uploads', openid, 'stationPhoto')
  return existsSync(dir) ? readdirSync(dir) : []
}

test('a keeper adds a photo: it is copied under the station, the upload is gone, and everyone sees it on the detail', async () => {
  const before = (await stations('get', { id: 'st-shizhong' }, 'demo-keeper')).data!
  expect(before.photos).toEqual([])
  const bytes = jpeg(9)
  const res = await addPhoto('demo-keeper', 'st-shizhong', bytes)
  expect(res.status).toBe(200)
  expect(res.data!.version).toBe(before.version + 1)
  const [photo] = res.data!.photos
  expect(photo).toEqual({ id: expect.stringMatching(/^ph_/), url: expect.stringMatching(/^\/api\/files\/stations\/st-shizhong\/ph_.+\.jpg\?e=/) })
  expect(storedFor('st-shizhong')).toEqual([`${photo.id}.jpg`])
  expect(uploadsOf('demo-keeper')).toEqual([])

  const seen = (await stations('get', { id: 'st-shizhong' }, 'demo-courier')).data!
  expect(seen.photos.map((p: { id: string }) => p.id)).toEqual([photo.id])
  const got = await gw.download(seen.photos[0].url)
  expect(got.status).toBe(200)
  expect(got.bytes.equals(bytes)).toBe(true)

  const doc = await gw.store.get<any>('stations', 'st-shizhong')
  expect(doc.photos).toEqual([
    { id: photo.id, fileId: expect.stringMatching(/^local:\/\/stations\/st-shizhong\//), uploadedBy: 'demo-keeper', at: expect.any(String) },
  ])
  const audit = await gw.store.find('audit_log', { where: { action: 'stations.addPhoto', targetId: 'st-shizhong' } })
  expect(audit).toEqual([expect.objectContaining({ actor: 'demo-keeper', before: { photos: [] }, after: { photos: [photo.id] } })])
})

test('lists and nearby answers carry no photo links (nearby is the hot path)', async () => {
  const near = (await stations('nearby', { lat: 37.7306, lng: 117.2166, radiusKm: 5 }, 'demo-courier')).data!
  const managed = (await stations('listManaged', {}, 'demo-keeper')).data!
  for (const answer of [near, managed]) {
    expect(answer.items.length).toBeGreaterThan(0)
    expect(JSON.stringify(answer)).not.toMatch(/\/api\/files|"photos"/)
  }
})

test('the stored type is what the bytes are: a PNG named .jpg is kept as .png, a PDF named .jpg is refused', async () => {
  const asPng = await addPhoto('demo-staff', 'st-icbc', png, '其实是png.jpg')
  expect(asPng.status).toBe(200)
  expect(asPng.data!.photos[0].url).toMatch(/\.png\?/)

  const before = await gw.store.get<any>('stations', 'st-icbc')
  const res = await addPhoto('demo-staff', 'st-icbc', pdf, '合同.jpg')
  expect(res.status).toBe(400)
  expect(res.error!.fields!).toEqual([{ path: 'fileId', message: expect.stringContaining('不是 JPG、PNG 或 WebP 图片') }])
  const after = await gw.store.get<any>('stations', 'st-icbc')
  expect(after).toEqual(before)
  expect(storedFor('st-icbc')).toHaveLength(1)
  // The refused upload is not left lying in the uploader's folder.
  expect(uploadsOf('demo-staff')).toEqual([])
})

test("someone else's upload is refused and left untouched", async () => {
  const courierFile = await uploaded('demo-courier')
  const res = await stations('addPhoto', { stationId: 'st-shizhong', fileId: courierFile }, 'demo-keeper')
  expect(res.status).toBe(400)
  expect(res.error!.fields!).toEqual([{ path: 'fileId', message: '照片不是您本人上传的，请重新上传' }])
  expect(uploadsOf('demo-courier')).toHaveLength(1)
  const bad = await stations('addPhoto', { stationId: 'st-shizhong', fileId: 'local://exports/demo-keeper/x.jpg' }, 'demo-keeper')
  expect(bad.error!.fields![0]).toMatchObject({ path: 'fileId', message: expect.stringContaining('照片编号不正确') })
})

test('only a keeper of that station, or staff and admins whose org runs it, may change its photos', async () => {
  const courier = await stations('addPhoto', { stationId: 'st-shizhong', fileId: await uploaded('demo-courier') }, 'demo-courier')
  expect(courier.status).toBe(403)
  const otherOrg = await addPhoto('demo-staff-taishan', 'st-shizhong')
  expect(otherOrg.error).toMatchObject({ code: 'FORBIDDEN', message: '您只能管理自己负责的驿站的照片' })
  const otherStation = await addPhoto('demo-keeper', 'st-abc')
  expect(otherStation.error!.code).toBe('FORBIDDEN')
  const [seeded] = (await stations('get', { id: 'st-abc' }, 'demo-keeper')).data!.photos
  expect((await stations('removePhoto', { stationId: 'st-abc', photoId: seeded.id }, 'demo-keeper')).error!.code).toBe('FORBIDDEN')
  expect((await stations('coverPhoto', { stationId: 'st-abc', photoId: seeded.id }, 'demo-staff-taishan')).error!.code).toBe('FORBIDDEN')
  expect((await stations('removePhoto', { stationId: 'st-abc', photoId: seeded.id }, 'demo-courier')).status).toBe(403)
  expect((await gw.store.get<any>('stations', 'st-abc')).photos).toHaveLength(2)
})

test('a 7th photo is refused, and the refused upload is cleaned away', async () => {
  for (let i = 0; i < 6; i++) expect((await addPhoto('demo-staff', 'st-ccb', jpeg(i))).status).toBe(200)
  const seventh = await addPhoto('demo-staff', 'st-ccb', jpeg(7))
  expect(seventh.status).toBe(409)
  expect(seventh.error!.message).toBe('最多 6 张照片，请先删除一张')
  expect(storedFor('st-ccb')).toHaveLength(6)
  expect(uploadsOf('demo-staff')).toEqual([])
})

test('concurrent adds to a station with 5 photos: exactly one lands, and no file is left over for the others', async () => {
  for (let i = 0; i < 5; i++) await addPhoto('demo-staff', 'st-sanitation', jpeg(i))
  const files = await Promise.all([uploaded('demo-staff'), uploaded('demo-staff'), uploaded('demo-staff')])
  const results = await Promise.all(files.map((fileId) => stations('addPhoto', { stationId: 'st-sanitation', fileId }, 'demo-staff')))
  expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409])
  const doc = await gw.store.get<any>('stations', 'st-sanitation')
  expect(doc.photos).toHaveLength(6)
  expect(storedFor('st-sanitation').sort()).toEqual(doc.photos.map((p: { id: string }) => `${p.id}.jpg`).sort())
  expect(uploadsOf('demo-staff')).toEqual([])
})

test('removing deletes the stored file after the station stops naming it; a second removal is told it is gone', async () => {
  const added = (await addPhoto('demo-keeper', 'st-shizhong')).data!
  expect(added.photos).toHaveLength(2)
  const gone = added.photos[1]
  const res = await stations('removePhoto', { stationId: 'st-shizhong', photoId: gone.id }, 'demo-keeper')
  expect(res.status).toBe(200)
  expect(res.data!.photos.map((p: { id: string }) => p.id)).not.toContain(gone.id)
  expect(res.data!.version).toBe(added.version + 1)
  expect(storedFor('st-shizhong')).not.toContain(`${gone.id}.jpg`)
  expect((await gw.download(gone.url)).status).toBe(404)
  const again = await stations('removePhoto', { stationId: 'st-shizhong', photoId: gone.id }, 'demo-keeper')
  expect(again.error).toMatchObject({ code: 'NOT_FOUND', message: '这张照片不存在或已删除' })
  const audit = await gw.store.find('audit_log', { where: { action: 'stations.removePhoto', targetId: 'st-shizhong' } })
  expect(audit).toHaveLength(1)
})

test('设为封面 moves a photo first; the detail shows them in that order', async () => {
  const { photos } = (await stations('get', { id: 'st-ccb' }, 'demo-staff')).data!
  const last = photos[photos.length - 1]
  const res = await stations('coverPhoto', { stationId: 'st-ccb', photoId: last.id }, 'demo-staff')
  expect(res.data!.photos.map((p: { id: string }) => p.id)).toEqual([last.id, ...photos.slice(0, -1).map((p: { id: string }) => p.id)])
  expect((await stations('get', { id: 'st-ccb' }, 'demo-courier')).data!.photos[0].id).toBe(last.id)
})

test('a photo change raises the version: a form loaded before it must reload, and saving the form keeps the photos', async () => {
  const loaded = (await stations('get', { id: 'st-shizhong' }, 'demo-keeper')).data!
  const { id, name, address, lat, lng, amenities, phone } = loaded
  const fields = { id, name, address, lat, lng, amenities, phone }
  const added = (await addPhoto('demo-keeper', 'st-shizhong')).data!
  const stale = await stations('upsert', { ...fields, version: loaded.version, hours: '07:00-21:00' }, 'demo-keeper')
  expect(stale.error!.code).toBe('CONFLICT')
  const saved = await stations('upsert', { ...fields, version: added.version, hours: '07:00-21:00' }, 'demo-keeper')
  expect(saved.status).toBe(200)
  const after = (await stations('get', { id: 'st-shizhong' }, 'demo-keeper')).data!
  expect(after.hours).toBe('07:00-21:00')
  expect(after.photos.map((p: { id: string }) => p.id)).toEqual(added.photos.map((p: { id: string }) => p.id))
})

test('the demo seed gives one station two photos that load', async () => {
  const { photos } = (await stations('get', { id: 'st-abc' }, 'demo-courier')).data!
  expect(photos).toHaveLength(2)
  for (const p of photos) {
    const got = await gw.download(p.url)
    expect(got.status).toBe(200)
    expect(got.bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true)
    expect(got.bytes.length).toBeLessThan(30 * 1024)
  }
})

test('when storage cannot make links, the detail still opens, without photos', async () => {
  const down = await startGateway({
    files: (dir) => ({
      ...localFiles(dir),
      links: async () => {
        throw new Error('storage down')
      },
    }),
  })
  try {
    const res = await down.as(await down.login('demo-courier')).call('stations', 'get', { id: 'st-abc' })
    expect(res.status).toBe(200)
    expect(res.data!).toMatchObject({ id: 'st-abc', photos: [] })
  } finally {
    await down.close()
  }
})

test('bad input names the field in Chinese', async () => {
  const res = await gw.as(tokens['demo-keeper']).raw('stations', 'addPhoto', { stationId: 'st-shizhong' })
  expect(res.error!.fields!).toEqual([{ path: 'fileId', message: '请先上传照片' }])
  const noId = await stations('removePhoto', { stationId: 'st-shizhong', photoId: '../x' }, 'demo-keeper')
  expect(noId.error!.fields!).toEqual([{ path: 'photoId', message: '照片编号不正确' }])
})
