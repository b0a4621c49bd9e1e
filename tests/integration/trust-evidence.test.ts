import { startGateway, type TestGateway } from './harness'
import { PDF, PNG, helper, type Helper } from './legalaid-helpers'
import { FILE_URL_TTL_SEC } from '../../cloudfunctions/legalAid/evidence'

jest.setTimeout(60000)

/** Issue 19, evidence: the declared type and size are enforced, as the README says. */
let gw: TestGateway
let h: Helper
let worker: string
beforeAll(async () => {
  gw = await startGateway()
  h = await helper(gw)
  worker = await gw.login('demo-worker')
})
afterAll(() => gw.close())

/** As the app does, but declaring `declared` bytes and then sending `bytes`. */
async function uploadDeclaring(name: string, declared: number, bytes: Buffer): Promise<string> {
  const target = await gw.as(worker).ok('account', 'uploadTarget', { kind: 'evidence', name, size: declared })
  const put = await fetch(`${gw.url}/api/upload/${target.cloudPath}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${worker}` },
    body: new Uint8Array(bytes),
  })
  return (await put.json()).data.fileId
}
const take = (fileId: string, name: string) => gw.as(worker).call('legalAid', 'upload', { name, fileId })

test('a PDF declared as .jpg is refused', async () => {
  const fileId = await uploadDeclaring('工资条.jpg', PDF.length, PDF)
  const r = await take(fileId, '工资条.jpg')
  expect(r.status).toBe(400)
  expect(r.error!.fields).toEqual([{ path: 'fileId', message: '文件内容是 PDF，与文件名的类型不符，请确认选对了文件后重新上传' }])
  // named .png in the call while the upload said .pdf: refused as well
  const other = await uploadDeclaring('合同.pdf', PDF.length, PDF)
  expect((await take(other, '合同.png')).status).toBe(400)
  // honest declarations pass
  expect((await take(await uploadDeclaring('合同.pdf', PDF.length, PDF), '合同.pdf')).status).toBe(200)
  expect((await h.evidence('applicant', PNG, '照片.png')).status).toBe(200)
})

test('a file larger than its declared size is refused, and the upload removed', async () => {
  const bigger = Buffer.concat([PNG, Buffer.alloc(4096)])
  const fileId = await uploadDeclaring('考勤.png', PNG.length, bigger)
  const r = await take(fileId, '考勤.png')
  expect(r.status).toBe(400)
  expect(r.error!.fields).toEqual([{ path: 'fileId', message: '上传的文件与选择的文件大小不一致，可能没有传完整，请重新上传' }])
  expect((await take(fileId, '考勤.png')).error!.fields![0].message).toBe('找不到上传的证据文件，请重新上传')
})

test('the storage link a reader receives lives 60 seconds, as the README states', async () => {
  const caseId = await h.caseIn('assigned')
  const fileId = (await h.evidence('applicant', PNG, 'a.png', caseId)).data!.id
  const token = (await h.call('lawyer', 'fileLink', { fileId })).data!.token
  const data = (await h.call('lawyer', 'fileData', { token })).data!
  expect(FILE_URL_TTL_SEC).toBe(60)
  expect(new Date(data.expiresAt).getTime() - gw.clock.now.getTime()).toBe(60_000)
})
