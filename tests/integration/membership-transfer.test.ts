import { applyForm, idFor } from '../utils/membership'
import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'

const form = applyForm

let gw: TestGateway
const tokens: Record<string, string> = {}
const m = <A extends ActionName<'membership'>>(who: string, action: A, ...data: Data<'membership', A>) =>
  gw.as(tokens[who]).call('membership', action, ...data)
async function as(who: string) {
  tokens[who] ??= await gw.login(who)
}

/** An approved member of 泰山体育 (employer routing), approved by county staff. */
async function member(openid: string, seq: number, over: Record<string, unknown> = {}) {
  await as(openid)
  const a = await m(openid, 'apply', form({ idNumber: idFor(seq), ...over }))
  expect(a.status).toBe(200)
  const r = await m('demo-staff', 'review', { id: a.data!.id, decision: 'approve' })
  expect(r.status).toBe(200)
  return r.data! as { id: string; memberNo: string; orgName: string }
}

beforeAll(async () => {
  // Every store call takes up to 5 ms each way, like a cloud round trip: races have room to happen.
  gw = await startGateway({ latencyMs: 5 })
  for (const who of ['demo-staff', 'demo-staff-taishan', 'demo-admin']) await as(who)
})
afterAll(() => gw.close())

describe('会籍转移', () => {
  test('routes the new employer like apply; refuses the same union and a second pending transfer', async () => {
    await member('tr-1', 11)
    const same = await m('tr-1', 'requestTransfer', { toEmployer: '泰山体育', reason: '换岗位' })
    expect(same.status).toBe(400)
    expect(same.error!.fields![0]).toMatchObject({ path: 'toEmployer' })

    const r = await m('tr-1', 'requestTransfer', { toEmployer: '乐陵市人民医院', reason: '调入人民医院工作' })
    expect(r.status).toBe(200)
    expect(r.data!).toMatchObject({ status: 'pending', from: { id: 'org-taishan' }, to: { id: 'org-hospital', name: '乐陵市人民医院工会' } })
    const again = await m('tr-1', 'requestTransfer', { toEmployer: '百枣纲目', reason: '又换了' })
    expect(again.status).toBe(409)

    // A courier's new job routes by area and trade, as apply does.
    // A courier (county 快递行业联合工会, 胡家街道) moving to 市中街道: the area's 联合工会, as apply routes.
    const courier = await member('tr-2', 13, { employer: '顺丰速运', newEmploymentType: 'courier' })
    expect(courier.orgName).toBe('乐陵市快递行业联合工会')
    const c = await m('tr-2', 'requestTransfer', { toEmployer: '中通快递', region: 'area-shizhong', reason: '改到市中街道送件' })
    expect(c.data!.to.id).toBe('org-shizhong-joint')
    expect((await m('tr-2', 'requestTransfer', { toEmployer: '百枣纲目', reason: '又换了' })).status).toBe(409) // one pending at a time
  })

  test('only staff of the receiving union (or above) decide; both unions see it in their queues', async () => {
    const mem = await member('tr-3', 15, { employer: '乐陵市人民医院' })
    const t = (await m('tr-3', 'requestTransfer', { toEmployer: '泰山体育产业集团有限公司', reason: '入职泰山体育' })).data!

    const taishanQueue = (await m('demo-staff-taishan', 'transfers', { status: 'pending' })).data!.items
    expect(taishanQueue.find((i: { id: string }) => i.id === t.id)).toMatchObject({ direction: 'in', canDecide: true, memberNo: mem.memberNo })
    expect((await m('demo-staff-taishan', 'transferPendingCount')).data!.count).toBeGreaterThanOrEqual(1)

    // A transfer out of 泰山体育: its staff see it as outgoing and may not decide it.
    await member('tr-4', 17)
    const out = (await m('tr-4', 'requestTransfer', { toEmployer: '百枣纲目', reason: '跳槽' })).data!
    const queue = (await m('demo-staff-taishan', 'transfers', {})).data!.items
    expect(queue.find((i: { id: string }) => i.id === out.id)).toMatchObject({ direction: 'out', canDecide: false })
    const refused = await m('demo-staff-taishan', 'reviewTransfer', { id: out.id, decision: 'approve' })
    expect(refused.status).toBe(403)
    // The county is above 百枣纲目: its staff may.
    expect((await m('demo-staff', 'reviewTransfer', { id: out.id, decision: 'reject', reason: '请先办理离职手续' })).status).toBe(200)
    const mine = (await m('tr-4', 'myTransfer')).data!.transfer!
    expect(mine).toMatchObject({ status: 'rejected', rejectReason: '请先办理离职手续' })
    expect(mine.decidedBy).toBeUndefined()
  })

  test('approval moves the union, keeps the member number, writes the timeline, audit and notice; never twice', async () => {
    const mem = await member('tr-5', 19)
    const t = (await m('tr-5', 'requestTransfer', { toEmployer: '乐陵市人民医院', reason: '调入人民医院' })).data!
    // Two staff of the receiving side's chain decide at once (one approves, one rejects): exactly one wins.
    const [a, b] = await Promise.all([
      m('demo-staff', 'reviewTransfer', { id: t.id, decision: 'approve' }),
      m('demo-admin', 'reviewTransfer', { id: t.id, decision: 'reject', reason: '重复的申请' }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const winner = a.status === 200 ? 'approved' : 'rejected'

    const status = (await m('tr-5', 'myStatus')).data!.application!
    expect(status.status).toBe('approved')
    const card = (await m('tr-5', 'card')).data!
    expect(card.memberNo).toBe(mem.memberNo)
    if (winner === 'approved') {
      expect(status.org).toEqual({ id: 'org-hospital', name: '乐陵市人民医院工会' })
      expect(card.orgName).toBe('乐陵市人民医院工会')
      expect(status.timeline.at(-1)).toMatchObject({ status: 'transferred', note: '会籍由泰山体育产业集团有限公司工会转入乐陵市人民医院工会' })
      expect(status.timeline.at(-1)!.by).toBeUndefined()
      const detail = (await m('demo-staff', 'getApplication', { id: mem.id })).data!
      expect(detail.timeline.at(-1)).toMatchObject({ status: 'transferred', by: '刘干事' })
      expect(detail.memberNo).toBe(mem.memberNo)
    } else {
      expect(status.org.id).toBe('org-taishan')
    }
    const audits = gw.store
      .rawDump('audit_log')
      .map((x) => JSON.parse(x))
      .filter((x) => x.targetId === t.id)
    expect(audits).toHaveLength(1)
    const notices = gw.store
      .rawDump('outbox')
      .map((x) => JSON.parse(x))
      .filter((x) => x.openid === 'tr-5' && String(x.title).startsWith('会籍转移'))
    expect(notices).toHaveLength(1)
    // 50 more approvals at once after the decision: all refused, nothing changes.
    const late = await Promise.all(Array.from({ length: 10 }, () => m('demo-staff', 'reviewTransfer', { id: t.id, decision: 'approve' })))
    expect(late.every((r) => r.status === 409)).toBe(true)
    // The member may ask again afterwards (the pending mark was cleared).
    expect((await m('tr-5', 'requestTransfer', { toEmployer: '百枣纲目', reason: '再次调动' })).status).toBe(200)
  })

  test('the member cancels a pending transfer; staff cannot decide it afterwards', async () => {
    await member('tr-6', 21)
    const t = (await m('tr-6', 'requestTransfer', { toEmployer: '百枣纲目', reason: '调动' })).data!
    await as('someone-else')
    expect((await m('someone-else', 'cancelTransfer', { id: t.id })).status).toBe(404)
    const c = await m('tr-6', 'cancelTransfer', { id: t.id })
    expect(c.data!.status).toBe('cancelled')
    expect((await m('demo-staff', 'reviewTransfer', { id: t.id, decision: 'approve' })).status).toBe(409)
    expect((await m('tr-6', 'requestTransfer', { toEmployer: '百枣纲目', reason: '还是要调动' })).status).toBe(200)
  })

  test('someone who is not a member cannot ask', async () => {
    await as('tr-none')
    expect((await m('tr-none', 'requestTransfer', { toEmployer: '百枣纲目', reason: '调动' })).status).toBe(409)
  })
})

describe('staff search', () => {
  test('by name (contains), phone tail and member number, within the caller’s unions', async () => {
    const mem = await member('se-1', 31, { name: '欧阳春花', gender: '女', idNumber: idFor(32), phone: '13900006543' })
    const q = async (who: string, text: string) =>
      (await m(who, 'listApplications', { status: 'all', q: text })).data!.items.map((i: { id: string }) => i.id)
    expect(await q('demo-staff', '春花')).toContain(mem.id)
    expect(await q('demo-staff', '6543')).toContain(mem.id)
    expect(await q('demo-staff', '6544')).not.toContain(mem.id)
    expect(await q('demo-staff', mem.memberNo)).toEqual([mem.id])
    expect(await q('demo-staff-taishan', '欧阳')).toContain(mem.id)
    const detail = (await m('demo-staff', 'getApplication', { id: mem.id })).data!
    expect(detail.timeline.at(-1)).toMatchObject({ status: 'approved', by: '刘干事' })
  })
})

describe('统计', () => {
  test('counts by union, month and 街道 with no personal data', async () => {
    const r = await m('demo-staff', 'stats')
    expect(r.status).toBe(200)
    const s = r.data!
    expect(s.byMonth).toHaveLength(12)
    expect(s.byMonth.at(-1)!.month).toBe('2026-11')
    expect(s.totalMembers).toBeGreaterThan(0)
    expect(s.byMonth.at(-1)!.count).toBe(s.totalMembers)
    expect(s.byOrg.reduce((n: number, o: { count: number }) => n + o.count, 0)).toBe(s.totalMembers)
    expect(s.stationsByArea.length).toBeGreaterThan(1)
    const text = JSON.stringify(s)
    const apps = gw.store.rawDump('applications').map((x) => JSON.parse(x))
    for (const a of apps) {
      for (const v of [a.name, a._id, a.applicantOpenid, a.memberNo, a.phoneMasked, a.phoneTail, a.idMasked]) if (v) expect(text).not.toContain(v)
    }
    expect(text).not.toMatch(/1[3-9]\d{9}|demo-|app_/)
    // An enterprise union sees only its own tree.
    const t = (await m('demo-staff-taishan', 'stats')).data!
    expect(t.byOrg.every((o: { org: string }) => o.org === '泰山体育产业集团有限公司工会')).toBe(true)
    expect(t.scope).toBe('泰山体育产业集团有限公司工会')
  })
})

describe('listManaged search', () => {
  test('matches part of a station name, within what the caller manages', async () => {
    const all = (await gw.as(tokens['demo-staff']).call('stations', 'listManaged', { pageSize: 50 })).data!
    const some = all.items[0].name as string
    const part = some.slice(2, 5)
    const hit = (await gw.as(tokens['demo-staff']).call('stations', 'listManaged', { q: part, pageSize: 50 })).data!
    expect(hit.items.length).toBeGreaterThan(0)
    expect(hit.items.every((s: { name: string }) => s.name.includes(part))).toBe(true)
    expect(hit.total).toBeLessThanOrEqual(all.total)
    const none = (await gw.as(tokens['demo-staff']).call('stations', 'listManaged', { q: '不存在的驿站名' })).data!
    expect(none).toEqual({ items: [], total: 0 })
  })
})
