import { enqueueNotice, OUTBOX } from '../../cloudfunctions/_core/outbox'
import { startGateway, type TestGateway } from './harness'

let gw: TestGateway
let worker: string
let courier: string
let staff: string
let taishan: string
let admin: string

beforeAll(async () => {
  gw = await startGateway()
  worker = await gw.login('demo-worker')
  courier = await gw.login('demo-courier')
  staff = await gw.login('demo-staff')
  taishan = await gw.login('demo-staff-taishan')
  admin = await gw.login('demo-admin')
})
afterAll(() => gw.close())

/** Queues a notice the way ctx.notify does (enqueueNotice is what it calls), minutes apart so the order is known. */
async function notice(openid: string, title: string, minute: number, page?: string) {
  await enqueueNotice(
    gw.store,
    { openid, template: 'test', title, body: `${title}的内容`, page, data: {} },
    new Date(Date.UTC(2026, 10, 20, 1, minute)),
  )
}

const call = async (token: string, action: string, data: unknown = {}) => (await gw.call('messages', { action, data }, token)).json

describe('消息中心', () => {
  beforeAll(async () => {
    await notice('demo-worker', '入会申请已通过', 1, 'pages/membership/index/index')
    await notice('demo-worker', '第二条', 2)
    await notice('demo-worker', '第三条', 3)
    await notice('demo-courier', '快递员的通知', 4)
  })

  test('inbox lists only the caller’s own notices, newest first, with the unread count', async () => {
    const r = await call(worker, 'inbox')
    expect(r.ok).toBe(true)
    expect(r.data.items.map((i: { title: string }) => i.title)).toEqual(['第三条', '第二条', '入会申请已通过'])
    expect(r.data).toMatchObject({ total: 3, unread: 3 })
    // The page gets its leading slash, ready for navigateTo; no other field leaks (openid, template, status).
    expect(r.data.items[2]).toEqual({
      id: expect.any(String),
      title: '入会申请已通过',
      body: '入会申请已通过的内容',
      page: '/pages/membership/index/index',
      createdAt: expect.any(String),
      read: false,
      // not delivered yet: neither 已发微信 nor 仅消息中心
      wechat: 'waiting',
    })
    const c = await call(courier, 'inbox')
    expect(c.data.items.map((i: { title: string }) => i.title)).toEqual(['快递员的通知'])
  })

  test('inbox pages', async () => {
    const r = await call(worker, 'inbox', { page: 2, pageSize: 2 })
    expect(r.data.items.map((i: { title: string }) => i.title)).toEqual(['入会申请已通过'])
    expect(r.data.total).toBe(3)
  })

  test('markRead cannot touch someone else’s notices, even by id', async () => {
    const courierIds = (await call(courier, 'inbox')).data.items.map((i: { id: string }) => i.id)
    const r = await call(worker, 'markRead', { ids: courierIds })
    expect(r).toEqual({ ok: true, data: { updated: 0, unread: 3 } })
    const all = await call(worker, 'markRead', { all: true })
    expect(all.data.unread).toBe(0)
    expect((await call(courier, 'unreadCount')).data.count).toBe(1)
    const raw = await gw.store.get<{ _id: string; readAt: string | null }>(OUTBOX, courierIds[0])
    expect(raw?.readAt).toBeNull()
  })

  test('markRead by id marks only that one, once; unreadCount follows', async () => {
    await notice('demo-worker', '新通知甲', 10)
    await notice('demo-worker', '新通知乙', 11)
    expect((await call(worker, 'unreadCount')).data.count).toBe(2)
    const [newest] = (await call(worker, 'inbox')).data.items
    expect(newest).toMatchObject({ title: '新通知乙', read: false })
    expect((await call(worker, 'markRead', { ids: [newest.id] })).data).toEqual({ updated: 1, unread: 1 })
    expect((await call(worker, 'markRead', { ids: [newest.id] })).data).toEqual({ updated: 0, unread: 1 })
    const items = (await call(worker, 'inbox')).data.items
    expect(items.find((i: { id: string }) => i.id === newest.id).read).toBe(true)
    expect((await call(worker, 'unreadCount')).data.count).toBe(1)
  })

  test.each([
    ['neither ids nor all', {}, 'ids'],
    ['empty ids', { ids: [] }, 'ids'],
    ['all: false', { all: false }, 'all'],
    ['an id with a quote', { ids: ["x' OR 1=1"] }, 'ids.0'],
    ['too many ids', { ids: Array.from({ length: 101 }, (_, i) => `n${i}`) }, 'ids'],
  ])('markRead refuses %s', async (_name, data, path) => {
    const { status, json } = await gw.call('messages', { action: 'markRead', data }, worker)
    expect(status).toBe(400)
    expect(json.error.fields.map((f: { path: string }) => f.path)).toContain(path)
  })

  test('a notice queued later raises the unread count', async () => {
    const before = (await call(courier, 'unreadCount')).data.count
    await notice('demo-courier', '入会申请已通过', 20, '/pages/membership/index/index')
    expect((await call(courier, 'unreadCount')).data.count).toBe(before + 1)
  })
})

describe('通知公告', () => {
  test('everyone sees the seeded announcements, pinned first then newest', async () => {
    const r = await call(courier, 'announcements')
    expect(r.ok).toBe(true)
    expect(r.data.items.map((a: { title: string }) => a.title)).toEqual([
      '12351职工服务热线24小时畅通',
      '2026年职工子女暑期托管班报名通知',
      '户外劳动者驿站新增12处',
    ])
    expect(r.data.items[0]).toMatchObject({ pinned: true, orgName: '乐陵市总工会' })
    const d = await call(courier, 'announcement', { id: r.data.items[1].id })
    expect(d.data.body).toContain('暑期托管班')
    expect(d.data.canManage).toBe(false)
  })

  test('workers and keepers cannot publish or withdraw', async () => {
    for (const who of ['demo-worker', 'demo-keeper', 'demo-lawyer']) {
      const t = await gw.login(who)
      const p = await gw.call('messages', { action: 'publishAnnouncement', data: { title: '测试', body: '内容' } }, t)
      expect(p.status).toBe(403)
      const w = await gw.call('messages', { action: 'withdrawAnnouncement', data: { id: 'ann-hotline' } }, t)
      expect(w.status).toBe(403)
    }
    expect((await call(worker, 'announcement', { id: 'ann-hotline' })).ok).toBe(true)
  })

  test('staff publish (audited), everyone reads it, an enterprise union’s cadre cannot withdraw the county’s, the county’s can', async () => {
    const p = await call(staff, 'publishAnnouncement', {
      title: '  关于开展2026年金秋助学活动的通知 ',
      body: '第一段\n\n第二段',
      pinned: false,
      audience: 'county',
    })
    expect(p).toEqual({ ok: true, data: { id: expect.any(String), created: true } })
    const id = p.data.id
    const d = await call(worker, 'announcement', { id })
    expect(d.data).toMatchObject({ title: '关于开展2026年金秋助学活动的通知', body: '第一段\n\n第二段', orgName: '乐陵市总工会', canManage: false })
    expect((await call(staff, 'announcement', { id })).data.canManage).toBe(true)
    expect((await call(admin, 'announcement', { id })).data.canManage).toBe(true)
    expect((await call(taishan, 'announcement', { id })).data.canManage).toBe(false)

    const audit = await gw.store.find('audit_log', { where: { targetId: id } })
    expect(audit).toEqual([expect.objectContaining({ action: 'messages.announcement', actor: 'demo-staff' })])

    const edit = await call(staff, 'publishAnnouncement', { id, title: '关于开展2026年金秋助学活动的通知（更新）', body: '新正文', pinned: true })
    expect(edit.data).toEqual({ id, created: false })
    expect((await call(worker, 'announcements')).data.items.slice(0, 2).map((a: { id: string }) => a.id)).toContain(id)

    const refused = await gw.call('messages', { action: 'withdrawAnnouncement', data: { id } }, taishan)
    expect(refused.status).toBe(403)
    const w = await call(staff, 'withdrawAnnouncement', { id })
    expect(w).toEqual({ ok: true, data: { id, withdrawn: true } })
    expect((await call(staff, 'withdrawAnnouncement', { id })).ok).toBe(true)
    expect((await gw.store.find('audit_log', { where: { targetId: id } })).length).toBe(3)

    const gone = await gw.call('messages', { action: 'announcement', data: { id } }, worker)
    expect(gone.status).toBe(404)
    expect((await call(worker, 'announcements')).data.items.map((a: { id: string }) => a.id)).not.toContain(id)
    const editGone = await gw.call('messages', { action: 'publishAnnouncement', data: { id, title: '再改', body: '正文' } }, staff)
    expect(editGone.status).toBe(404)
  })

  test('an enterprise union’s cadre publishes under their own union and manages only that', async () => {
    const p = await call(taishan, 'publishAnnouncement', { title: '集团工会职工篮球赛报名', body: '各分厂于本月底前报名。' })
    const d = await call(taishan, 'announcement', { id: p.data.id })
    expect(d.data).toMatchObject({ orgName: expect.stringContaining('泰山'), canManage: true, pinned: false })
    // The county's cadre governs every union below the county, so may withdraw it too.
    expect((await call(staff, 'announcement', { id: p.data.id })).data.canManage).toBe(true)
  })

  test.each([
    ['no title', { body: '正文' }, 'title', '请填写标题'],
    ['blank title', { title: '   ', body: '正文' }, 'title', '请填写标题'],
    ['title of 41', { title: '字'.repeat(41), body: '正文' }, 'title', '标题最多 40 个字'],
    ['body of 1001', { title: '标题', body: '字'.repeat(1001) }, 'body', '正文最多 1000 个字'],
    ['zero-width in title', { title: '通知\u200b', body: '正文' }, 'title', '标题含有不可见或控制字符，请删除后重试'],
    ['pinned as text', { title: '标题', body: '正文', pinned: 'yes' }, 'pinned', '置顶应为是或否'],
  ])('publish refuses %s with the field named', async (_name, data, path, message) => {
    const { status, json } = await gw.call('messages', { action: 'publishAnnouncement', data }, staff)
    expect(status).toBe(400)
    expect(json.error.fields).toContainEqual({ path, message })
  })

  test('a body of exactly 1000 and a title of exactly 40 are accepted', async () => {
    const r = await call(admin, 'publishAnnouncement', { title: '字'.repeat(40), body: '字'.repeat(1000) })
    expect(r.ok).toBe(true)
    await call(admin, 'withdrawAnnouncement', { id: r.data.id })
  })

  test('unknown ids answer 404', async () => {
    expect((await gw.call('messages', { action: 'announcement', data: { id: 'nope' } }, worker)).status).toBe(404)
    expect((await gw.call('messages', { action: 'withdrawAnnouncement', data: { id: 'nope' } }, staff)).status).toBe(404)
  })
})
