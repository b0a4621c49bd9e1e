import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'
import { classInput, seedChild } from '../utils/childcare'
import { CHILD_RULES_VERSION } from '../../src/contracts/childcare/privacy'

jest.setTimeout(60_000)

/**
 * 消息中心 gets every booking event (issue 20): booked, waitlisted, offered, accepted, cancelled, checked in, each
 * queued in the write that made it. Over SQLite and over the CloudBase double (snapshot transactions).
 */
describe.each(['sqlite', 'cloudbase'] as const)('booking events in 消息中心 (%s)', (backend) => {
  let gw: TestGateway
  const tokens: Record<string, string> = {}
  const as = async (who: string) => (tokens[who] ??= await gw.login(who))
  const cc = async <A extends ActionName<'childcare'>>(who: string, action: A, ...data: Data<'childcare', A>) =>
    gw.as(await as(who)).call('childcare', action, ...data)
  const inbox = async (who: string): Promise<Array<{ title: string; body: string }>> =>
    (await gw.as(await as(who)).call('messages', 'inbox', { pageSize: 50 })).data!.items
  let n = 0
  const rid = () => `msg-${backend}-${n++}-${Date.now()}`

  beforeAll(async () => {
    gw = await startGateway({ backend })
    gw.clock.now = new Date('2027-07-06T09:00:00+08:00')
  })
  afterAll(() => gw.close())

  test('booked, waitlisted, offered, accepted, cancelled and checked in each leave a message for the parent', async () => {
    // A class running today with one place, so the second parent waits and gets the place when the first cancels.
    const cls = await cc(
      'demo-staff',
      'upsertClass',
      classInput({
        title: '冬季消息测试班',
        capacity: 1,
        startDate: '2027-07-05',
        opensAt: '2027-07-01T09:00:00+08:00',
        closesAt: '2027-07-20T18:00:00+08:00',
        cancelBefore: '2027-07-05T00:00:00+08:00',
      }),
    )
    expect(cls.error).toBeUndefined()
    const classId = cls.data!.id
    // Before the cancel deadline, so the first parent can still cancel.
    gw.clock.now = new Date('2027-07-02T09:00:00+08:00')
    for (const p of ['p-msg-a', 'p-msg-b']) {
      await cc(p, 'giveConsent', { version: CHILD_RULES_VERSION, guardian: true })
      await seedChild(gw.store, p, `child-${p}`, { name: p === 'p-msg-a' ? '甲小宝' : '乙小宝' })
    }
    const a = await cc('p-msg-a', 'book', { classId, childIds: ['child-p-msg-a'], requestId: rid() })
    expect(a.data!.bookings[0].status).toBe('confirmed')
    const b = await cc('p-msg-b', 'book', { classId, childIds: ['child-p-msg-b'], requestId: rid() })
    expect(b.data!.bookings[0].status).toBe('waitlisted')

    expect((await inbox('p-msg-a')).map((m) => m.title)).toEqual(['托管班预约成功'])
    expect((await inbox('p-msg-b')).map((m) => m.title)).toEqual(['托管班候补中'])
    expect((await inbox('p-msg-b'))[0].body).toContain('冬季消息测试班：乙小宝')

    // A retry of the same request answers the same booking and queues nothing more.
    const again = await cc('p-msg-a', 'book', { classId, childIds: ['child-p-msg-a'], requestId: rid() })
    expect(again.data!.bookings[0].status).toBe('confirmed')
    expect(await inbox('p-msg-a')).toHaveLength(1)

    expect((await cc('p-msg-a', 'cancel', { bookingId: a.data!.bookings[0].id })).data).toEqual({ cancelled: true })
    expect((await inbox('p-msg-a')).map((m) => m.title)).toEqual(['托管班已取消', '托管班预约成功'])
    expect((await inbox('p-msg-b')).map((m) => m.title)).toEqual(['托管班候补有名额了', '托管班候补中'])

    expect((await cc('p-msg-b', 'acceptOffer', { bookingId: b.data!.bookings[0].id })).data).toEqual({ status: 'confirmed' })
    expect((await inbox('p-msg-b'))[0].title).toBe('托管班已确认')

    // Checked in on a class day: the parent hears that the child arrived.
    gw.clock.now = new Date('2027-07-06T08:40:00+08:00')
    const mine = await cc('p-msg-b', 'myBookings')
    const code = mine.data!.items[0].code!
    const checked = await cc('demo-staff', 'checkIn', { code })
    expect(checked.data).toMatchObject({ childName: '乙小宝', alreadyCheckedIn: false })
    const [latest] = await inbox('p-msg-b')
    expect(latest).toMatchObject({ title: '孩子已签到' })
    expect(latest.body).toContain('2027-07-06 08:40')
    // A second scan the same day is no new event.
    expect((await cc('demo-staff', 'checkIn', { code })).data!.alreadyCheckedIn).toBe(true)
    expect((await inbox('p-msg-b')).filter((m) => m.title === '孩子已签到')).toHaveLength(1)
    // Nobody else's inbox gets them.
    expect((await inbox('demo-worker')).some((m) => m.title.startsWith('托管') || m.title === '孩子已签到')).toBe(false)
  })

  test('a lottery application leaves a message', async () => {
    gw.clock.now = new Date('2027-07-02T09:00:00+08:00')
    const cls = await cc(
      'demo-staff',
      'upsertClass',
      classInput({
        title: '抽签消息测试班',
        allocation: 'lottery',
        startDate: '2027-08-02',
        endDate: '2027-08-13',
        opensAt: '2027-07-01T09:00:00+08:00',
        closesAt: '2027-07-20T18:00:00+08:00',
      }),
    )
    await cc('p-msg-c', 'giveConsent', { version: CHILD_RULES_VERSION, guardian: true })
    await seedChild(gw.store, 'p-msg-c', 'child-p-msg-c', { name: '丙小宝' })
    const r = await cc('p-msg-c', 'book', { classId: cls.data!.id, childIds: ['child-p-msg-c'], requestId: rid() })
    expect(r.data!.bookings[0].status).toBe('applied')
    expect((await inbox('p-msg-c')).map((m) => m.title)).toEqual(['托管班已申请抽签'])
  })
})
