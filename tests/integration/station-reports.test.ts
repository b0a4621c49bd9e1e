import { startGateway, type TestGateway } from './harness'
import type { Apis, InputOf } from '../../src/contracts/api'

const XINGLONG = { lat: 37.7289, lng: 117.2178 } // beside 市中街道办事处劳动者驿站 (st-shizhong, 08:00-20:00)
const MONDAY_10AM = new Date('2026-11-23T10:00:00+08:00')

let gw: TestGateway
let courier: string
let worker: string
let staff: string
let taishan: string
let keeper: string
beforeAll(async () => {
  gw = await startGateway()
  courier = await gw.login('demo-courier')
  worker = await gw.login('demo-worker')
  staff = await gw.login('demo-staff')
  taishan = await gw.login('demo-staff-taishan')
  keeper = await gw.login('demo-keeper')
})
afterAll(() => gw.close())
beforeEach(() => {
  gw.clock.now = MONDAY_10AM
})

const reports = async (token: string, data: InputOf<Apis['stations']['reports']> = {}) => {
  const r = await gw.as(token).call('stations', 'reports', data)
  expect(r.status).toBe(200)
  return r.data!
}
const report = async (token: string, id: string, kind: InputOf<Apis['stations']['report']>['kind'], text = '') => {
  const r = await gw.as(token).call('stations', 'report', { id, kind, text })
  expect(r.status).toBe(200)
  return r.data!.id as string
}
const replies = (openid: string) => gw.store.find('outbox', { where: { openid, template: 'station_report_reply' } })

describe('反馈处理: who sees which reports', () => {
  test('a keeper sees only the reports of the station they keep', async () => {
    await report(worker, 'st-ccb', 'broken', '空调不制冷')
    const mine = await reports(keeper, { status: 'all' })
    expect(mine.total).toBeGreaterThan(0)
    expect(new Set(mine.items.map((i) => i.stationId))).toEqual(new Set(['st-shizhong']))
    // Naming another station does not widen the view.
    expect((await reports(keeper, { stationId: 'st-ccb', status: 'all' })).total).toBe(0)
  })

  test('county staff see every report of their stations; staff of another org see none of them', async () => {
    const county = await reports(staff, { status: 'all' })
    expect(county.items.map((i) => i.stationId)).toEqual(expect.arrayContaining(['st-shizhong', 'st-ccb', 'st-sanitation']))
    expect(await reports(taishan, { status: 'all' })).toEqual({ items: [], total: 0 })
    expect((await gw.as(taishan).call('stations', 'openReportCount', {})).data!).toEqual({ count: 0 })
  })

  test('the reporter’s openid never reaches a client', async () => {
    const all = await reports(staff, { status: 'all' })
    expect(JSON.stringify(all)).not.toMatch(/demo-courier|demo-worker|openid/)
  })

  test('a courier cannot read the inbox', async () => {
    expect((await gw.as(courier).call('stations', 'reports', {})).status).toBe(403)
    expect((await gw.as(courier).call('stations', 'openReportCount', {})).status).toBe(403)
  })

  test('the badge counts open reports only, and follows what is resolved', async () => {
    const before = (await gw.as(keeper).call('stations', 'openReportCount', {})).data!.count
    const open = await reports(keeper, { status: 'open' })
    expect(open.total).toBe(before)
    const id = await report(worker, 'st-shizhong', 'broken', '充电柜坏了')
    expect((await gw.as(keeper).call('stations', 'openReportCount', {})).data!.count).toBe(before + 1)
    const r = await gw.as(keeper).call('stations', 'resolveReport', { id, reply: '已报修，明天上午修好' })
    expect(r.status).toBe(200)
    expect((await gw.as(keeper).call('stations', 'openReportCount', {})).data!.count).toBe(before)
  })
})

describe('反馈处理: replying', () => {
  test('a reply resolves the report and queues exactly one notice for the reporter; answering twice is a conflict', async () => {
    const id = await report(courier, 'st-sanitation', 'broken', '饮水机漏水')
    const before = (await replies('demo-courier')).length
    // Two staff answering at the same moment: one wins, the other is told it was already handled.
    const [a, b] = await Promise.all([
      gw.as(staff).call('stations', 'resolveReport', { id, reply: '已派人维修，感谢反馈' }),
      gw.as(staff).call('stations', 'resolveReport', { id, reply: '收到，马上处理' }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const notices = (await replies('demo-courier')).slice(before) as unknown as Array<{ title: string; body: string; page: string }>
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ title: '驿站反馈已处理', page: '/pages/stations/detail/index?id=st-sanitation' })
    const winner = a.status === 200 ? a : b
    expect(notices[0].body).toBe(winner.data!.reply)
    const again = await gw.as(staff).call('stations', 'resolveReport', { id, reply: '再回复一次' })
    expect(again.status).toBe(409)
    expect((await replies('demo-courier')).length).toBe(before + 1)
    const done = await reports(staff, { status: 'resolved', stationId: 'st-sanitation' })
    expect(done.items.find((i) => i.id === id)).toMatchObject({ status: 'resolved', reply: winner.data!.reply, resolvedByName: '刘干事' })
    const audit = await gw.store.find('audit_log', { where: { targetId: id } })
    expect(audit).toHaveLength(1)
  })

  test('a keeper cannot answer a report of a station they do not keep, nor can other orgs’ staff', async () => {
    const id = await report(courier, 'st-ccb', 'other', '门口台阶坏了')
    expect((await gw.as(keeper).call('stations', 'resolveReport', { id, reply: '好的收到' })).status).toBe(403)
    expect((await gw.as(taishan).call('stations', 'resolveReport', { id, reply: '好的收到' })).status).toBe(403)
    expect(await gw.store.count('outbox', { template: 'station_report_reply', 'data.station': '建设银行乐陵支行户外劳动者服务站' })).toBe(0)
  })

  test('only a 关闭了 report may pause a station, and only until a day after today', async () => {
    const broken = await report(courier, 'st-shizhong', 'broken', '灯坏了')
    const r1 = await gw.as(keeper).call('stations', 'resolveReport', { id: broken, reply: '已修好', suspendUntil: '2026-11-30' })
    expect(r1.status).toBe(400)
    expect(r1.error!.fields![0].path).toBe('suspendUntil')
    const closed = await report(courier, 'st-shizhong', 'closed')
    const r2 = await gw.as(keeper).call('stations', 'resolveReport', { id: closed, reply: '装修中', suspendUntil: '2026-11-23' })
    expect(r2.error!.fields![0]).toMatchObject({ path: 'suspendUntil', message: '恢复开放日期须在今天之后' })
    const r3 = await gw.as(keeper).call('stations', 'resolveReport', { id: closed, reply: '装修中', suspendUntil: '2026-02-30' })
    expect(r3.status).toBe(400)
    // Refused attempts changed nothing.
    expect((await reports(keeper, { status: 'open' })).items.map((i) => i.id)).toEqual(expect.arrayContaining([broken, closed]))
  })

  test('a paused station shows 暂停开放 until its reopening day and is left out of 只看营业中', async () => {
    const id = await report(courier, 'st-shizhong', 'closed', '门锁着')
    const nearOpen = async () =>
      (await gw.as(courier).call('stations', 'nearby', { ...XINGLONG, radiusKm: 1, limit: 50, openNow: true })).data!.items.map(
        (i: { id: string }) => i.id,
      )
    expect(await nearOpen()).toContain('st-shizhong')

    const r = await gw.as(keeper).call('stations', 'resolveReport', { id, reply: '驿站内部装修，下周一恢复开放', suspendUntil: '2026-11-30' })
    expect(r.status).toBe(200)
    expect(r.data!).toMatchObject({ status: 'resolved', suspendUntil: '2026-11-30' })
    const notice = (await replies('demo-courier')).at(-1) as unknown as { body: string }
    expect(notice.body).toContain('2026-11-30')

    expect(await nearOpen()).not.toContain('st-shizhong')
    const all = (await gw.as(courier).call('stations', 'nearby', { ...XINGLONG, radiusKm: 1, limit: 50 })).data!.items
    expect(all.find((i: { id: string }) => i.id === 'st-shizhong')).toMatchObject({ openNow: false, suspendedUntil: '2026-11-30' })
    const detail = (await gw.as(courier).call('stations', 'get', { id: 'st-shizhong' })).data!
    expect(detail).toMatchObject({ openNow: false, suspendedUntil: '2026-11-30' })

    // The last paused evening, then the reopening morning (Beijing time).
    gw.clock.now = new Date('2026-11-29T19:00:00+08:00')
    expect(await nearOpen()).not.toContain('st-shizhong')
    gw.clock.now = new Date('2026-11-30T09:00:00+08:00')
    expect(await nearOpen()).toContain('st-shizhong')
    const reopened = (await gw.as(courier).call('stations', 'get', { id: 'st-shizhong' })).data!
    expect(reopened.openNow).toBe(true)
    expect(reopened.suspendedUntil).toBeUndefined()
  })
})
