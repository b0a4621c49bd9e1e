import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { systemCtx } from '../../cloudfunctions/_core/contract'
import { saveExport } from '../../cloudfunctions/_core/exports'
import { localLink, safePath } from '../../cloudfunctions/_core/files'
import { ownUpload } from '../../cloudfunctions/_core/uploads'
import { uploadedFile } from '../../src/contracts/files'
import { startGateway, type TestGateway } from './harness'

let gw: TestGateway
let courier: string
let keeper: string

beforeAll(async () => {
  gw = await startGateway()
  courier = await gw.login('demo-courier')
  keeper = await gw.login('demo-keeper')
})
afterAll(() => gw.close())

const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)])

function ctxOf(openid: string) {
  const ctx = systemCtx({ store: gw.store, files: gw.files })
  return { ...ctx, caller: { openid, name: '', grants: [] } }
}

test('a caller uploads into their own folder and an action reads the file back by its id', async () => {
  const res = await gw.upload('stationPhoto', '门口.JPG', jpeg, courier)
  expect(res.json.ok).toBe(true)
  const fileId: string = res.json.data.fileId
  expect(fileId).toMatch(/^local:\/\/uploads\/demo-courier\/stationPhoto\/\d{8}-[\w-]+\.jpg$/)
  expect(uploadedFile('照片').safeParse(fileId).success).toBe(true)
  const read = await ownUpload(ctxOf('demo-courier'), fileId, 'stationPhoto')
  expect(read.bytes.equals(jpeg)).toBe(true)
})

test("another caller's upload, another kind's, or a made-up path is refused before anything is read", async () => {
  const { json } = await gw.upload('stationPhoto', 'a.png', jpeg, courier)
  const fileId: string = json.data.fileId
  await expect(ownUpload(ctxOf('demo-keeper'), fileId, 'stationPhoto')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
  await expect(ownUpload(ctxOf('demo-courier'), fileId, 'sheet')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
  await expect(ownUpload(ctxOf('demo-courier'), 'local://uploads/demo-courier/stationPhoto/none.jpg', 'stationPhoto')).rejects.toMatchObject({
    fields: [{ path: 'fileId', message: expect.stringContaining('找不到') }],
  })
  expect(uploadedFile('照片').safeParse('local://uploads/demo-courier/../demo-keeper/x.jpg').success).toBe(false)
  expect(uploadedFile('照片').safeParse('cloud://env-1.bucket/exports/x.xlsx').success).toBe(false)
})

test('the upload target refuses a wrong type or an oversized file, naming the field, before any bytes move', async () => {
  const big = await gw.call('account', { action: 'uploadTarget', data: { kind: 'stationPhoto', name: 'a.jpg', size: 3 * 1024 * 1024 } }, courier)
  expect(big.json.error.fields[0]).toEqual({ path: 'size', message: expect.stringContaining('不能超过 2 MB') })
  const exe = await gw.call('account', { action: 'uploadTarget', data: { kind: 'sheet', name: 'stations.exe', size: 100 } }, courier)
  expect(exe.json.error.fields[0]).toEqual({ path: 'name', message: expect.stringContaining('xlsx') })
  const anon = await gw.call('account', { action: 'uploadTarget', data: { kind: 'sheet', name: 'a.csv', size: 10 } })
  expect(anon.json.error.code).toBe('UNAUTHENTICATED')
})

test("the local storage endpoint writes only into the caller's own folder and never outside the root", async () => {
  const put = (path: string, token?: string) =>
    fetch(`${gw.url}/api/upload/${path}`, { method: 'PUT', headers: token ? { authorization: `Bearer ${token}` } : {}, body: jpeg }).then(
      async (r) => ({
        status: r.status,
        json: await r.json(),
      }),
    )
  expect((await put('uploads/demo-courier/stationPhoto/x.jpg')).json.error.code).toBe('UNAUTHENTICATED')
  expect((await put('uploads/demo-courier/stationPhoto/x.jpg', keeper)).json.error.code).toBe('FORBIDDEN')
  expect((await put('uploads/demo-keeper/..%2F..%2Fescape.jpg', keeper)).json.error.code).toBe('FORBIDDEN')
  expect((await put('exports/demo-keeper/x.xlsx', keeper)).json.error.code).toBe('FORBIDDEN')
  expect(existsSync(join(gw.filesDir, '..', 'escape.jpg'))).toBe(false)
  const tooBig = await fetch(`${gw.url}/api/upload/uploads/demo-keeper/sheet/big.csv`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${keeper}` },
    body: Buffer.alloc(6 * 1024 * 1024, 65),
  })
  expect(tooBig.status).toBe(413)
})

test('an export is stored, answered as a short-lived link, and the link stops working when tampered with or expired', async () => {
  const bytes = Buffer.from('姓名,电话\n王,138****0000\n')
  const link = await saveExport(ctxOf('demo-staff'), '名单.csv', bytes, 1)
  expect(link).toMatchObject({ filename: '名单.csv', rows: 1, url: expect.stringMatching(/^\/api\/files\/exports\/demo-staff\//) })
  const got = await gw.download(link.url)
  expect(got.status).toBe(200)
  expect(got.bytes.equals(bytes)).toBe(true)
  // change the signature's first character to one it is not (a fixed 'A' left one link in 64 untouched)
  const tampered = link.url.replace(/s=(.)/, (_m, c: string) => `s=${c === 'A' ? 'B' : 'A'}`)
  expect((await gw.download(tampered)).status).toBe(403)
  const path = link.url.split('?')[0].slice('/api/files/'.length)
  expect((await gw.download(localLink(path, -1))).status).toBe(403)
  expect(() => safePath('exports/../../etc/passwd')).toThrow()
  await gw.files.remove(['local://' + path])
  expect((await gw.download(link.url)).status).toBe(404)
})
