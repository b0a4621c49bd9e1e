import { startGateway, type TestGateway } from './harness'

// 市中街道办事处劳动者驿站 (st-shizhong) is open 08:00-20:00; its keeper is demo-keeper.
const STATION = 'st-shizhong'

describe.each(['sqlite', 'cloudbase'] as const)('「现在开着吗?」 over %s', (backend) => {
  let gw: TestGateway
  let n = 0
  const person = () => gw.login(`confirm-${backend}-${n++}`)
  const answer = (token: string, open: boolean, id = STATION) => gw.as(token).call('stations', 'confirmOpen', { id, open })
  const alertsFor = async (openid: string) =>
    (await gw.store.find('outbox', { where: { openid, template: 'station_open_alert' } })) as unknown as Array<{ body: string; title: string }>

  beforeAll(async () => {
    gw = await startGateway({ backend, ...(backend === 'cloudbase' ? { cloudLatencyMs: [2, 8] as [number, number] } : {}) })
  })
  afterAll(() => gw.close())

  test('a 「开着」 shows on the detail as when someone last confirmed it', async () => {
    gw.clock.now = new Date('2026-11-23T09:00:00+08:00')
    const courier = await person()
    const before = await gw.as(courier).call('stations', 'get', { id: STATION })
    expect(before.data!.confirmedOpenAt).toBeUndefined()
    const res = await answer(courier, true)
    expect(res.status).toBe(200)
    expect(res.data!).toEqual({ confirmedOpenAt: gw.clock.now.toISOString(), alerted: false })
    gw.clock.now = new Date('2026-11-23T09:12:00+08:00')
    const after = await gw.as(await person()).call('stations', 'get', { id: STATION })
    expect(after.data!.confirmedOpenAt).toBe(new Date('2026-11-23T09:00:00+08:00').toISOString())
  })

  test('one person saying 「没开」 twice is one voice; a second person within the hour alerts the keeper once', async () => {
    gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
    const before = (await alertsFor('demo-keeper')).length
    const a = await person()
    expect((await answer(a, false)).data!.alerted).toBe(false)
    gw.clock.now = new Date('2026-11-23T10:05:00+08:00')
    expect((await answer(a, false)).data!.alerted).toBe(false)
    expect((await alertsFor('demo-keeper')).length).toBe(before)
    gw.clock.now = new Date('2026-11-23T10:20:00+08:00')
    expect((await answer(await person(), false)).data!.alerted).toBe(true)
    const alerts = await alertsFor('demo-keeper')
    expect(alerts.length).toBe(before + 1)
    expect(alerts[alerts.length - 1].body).toContain('市中街道办事处劳动者驿站')
    // A third within the same hour does not alert again.
    gw.clock.now = new Date('2026-11-23T10:40:00+08:00')
    expect((await answer(await person(), false)).data!.alerted).toBe(false)
    expect((await alertsFor('demo-keeper')).length).toBe(before + 1)
  })

  test('「没开」 more than an hour apart, or outside opening hours, alert nobody', async () => {
    gw.clock.now = new Date('2026-11-23T13:00:00+08:00')
    const before = (await alertsFor('demo-keeper')).length
    await answer(await person(), false)
    gw.clock.now = new Date('2026-11-23T14:30:00+08:00')
    expect((await answer(await person(), false)).data!.alerted).toBe(false)
    gw.clock.now = new Date('2026-11-23T21:00:00+08:00') // closed by its hours: 「没开」 is no news
    await answer(await person(), false)
    gw.clock.now = new Date('2026-11-23T21:10:00+08:00')
    expect((await answer(await person(), false)).data!.alerted).toBe(false)
    expect((await alertsFor('demo-keeper')).length).toBe(before)
  })

  test('many 「没开」 at once from many people alert the keeper exactly once', async () => {
    gw.clock.now = new Date('2026-11-24T11:00:00+08:00')
    const before = (await alertsFor('demo-keeper')).length
    const people = await Promise.all(Array.from({ length: 12 }, () => person()))
    const results = await Promise.all(people.map((p) => answer(p, false)))
    for (const r of results) expect(r.status).toBe(200)
    expect(results.filter((r) => r.data!.alerted).length).toBe(1)
    expect((await alertsFor('demo-keeper')).length).toBe(before + 1)
  })

  test('bad input names the field', async () => {
    const res = await gw.as(await person()).raw('stations', 'confirmOpen', { id: STATION, open: 'yes' })
    expect(res.status).toBe(400)
    expect(res.error!.fields![0]).toMatchObject({ path: 'open', message: '请选择「开着」或「没开」' })
  })
})
