import { startGateway, type TestGateway } from './harness'
import { FORM } from './legalaid-helpers'

/** Issue 19: a lone surrogate (half of a UTF-16 pair, e.g. an emoji cut in two) is refused, naming the field. */
let gw: TestGateway
let staff: string
let worker: string
beforeAll(async () => {
  gw = await startGateway()
  staff = await gw.login('demo-staff')
  worker = await gw.login('demo-worker')
})
afterAll(() => gw.close())

const LONE = '\uD800'
const message = (label: string) => `${label}含有无法识别的字符（可能是复制时截断的表情或生僻字），请删除后重试`

test.each([
  ['messages', 'publishAnnouncement', 'staff', { title: `通知${LONE}`, body: '正文' }, 'title', '标题'],
  ['messages', 'publishAnnouncement', 'staff', { title: '通知', body: `正文${LONE}第二行` }, 'body', '正文'],
  ['legalAid', 'submit', 'worker', { ...FORM, facts: `${FORM.facts}${LONE}` }, 'facts', '事实经过'],
  ['account', 'acceptInvite', 'worker', { code: 'ABCDEF', name: `王${LONE}` }, 'name', '姓名'],
  ['account', 'uploadTarget', 'worker', { kind: 'evidence', name: `证据${LONE}.png`, size: 100 }, 'name', '文件名'],
  // the low half alone, and at the very end of the text
  ['messages', 'publishAnnouncement', 'staff', { title: `通知\uDC00`, body: '正文' }, 'title', '标题'],
])('%s.%s refuses a lone surrogate, naming the field (case %#)', async (fn, action, who, data, path, label) => {
  const r = await gw.call(fn, { action, data }, who === 'staff' ? staff : worker)
  expect(r.status).toBe(400)
  expect(r.json.error.fields).toEqual(expect.arrayContaining([{ path, message: message(label) }]))
})

test('a real emoji and a rare character outside the BMP (a well-formed pair) are kept', async () => {
  const title = '😀通知𠀀'
  const r = await gw.as(staff).call('messages', 'publishAnnouncement', { title, body: '正文', audience: 'county' })
  expect(r.status).toBe(200)
  expect((await gw.store.get<{ _id: string; title: string }>('announcements', r.data!.id))!.title).toBe(title)
})
