import childcareModule from '../../cloudfunctions/childcare/module'
import { systemCtx } from '../../cloudfunctions/_core/contract'
import { silentLogger } from '../../cloudfunctions/_core/log'
import { startGateway, type TestGateway } from './harness'
import { CHILD_RULES_VERSION } from '../../src/contracts/childcare/privacy'
import { childId, classInput } from '../utils/childcare'
import { createCampaign } from './quiz-helpers'

jest.setTimeout(120_000)

/*
 * Read-then-write invariants on CloudBase's semantics (the double, 8–25 ms per request): each test fires the
 * racing requests at once through the real gateway.
 */

const docs = (gw: TestGateway, c: string) => gw.store.rawDump(c).map((s) => JSON.parse(s))

describe('on the CloudBase double', () => {
  let gw: TestGateway
  beforeAll(async () => {
    gw = await startGateway({ backend: 'cloudbase' })
  })
  afterAll(() => gw.close())
  afterEach(() => gw.double!.setLatency([0, 0]))

  test('a child deleted while its booking is in flight keeps no live booking, and its ID number cannot hold a second place', async () => {
    gw.clock.now = new Date('2027-06-10T10:00:00+08:00')
    const staff = await gw.login('demo-staff')
    const classId = (await gw.as(staff).call('childcare', 'upsertClass', classInput({ capacity: 100 }))).data!.id
    const parents = Array.from({ length: 30 }, (_, i) => `race-del-${i}`)
    const tokens: string[] = []
    const kids: string[] = []
    for (const [i, p] of parents.entries()) {
      tokens.push(await gw.login(p))
      await gw.as(tokens[i]).call('childcare', 'giveConsent', { version: CHILD_RULES_VERSION, guardian: true })
      const saved = await gw
        .as(tokens[i])
        .call('childcare', 'saveChild', { name: '王小虎', gender: (500 + i) % 2 ? '男' : '女', idNumber: childId(500 + i), grade: 2 })
      kids.push(saved.data!.id)
    }
    gw.double!.setLatency([8, 25])
    await Promise.all(
      parents.flatMap((p, i) => [
        gw.as(tokens[i]).call('childcare', 'book', { classId, childIds: [kids[i]], requestId: `req-${p}` }),
        gw.as(tokens[i]).call('childcare', 'deleteChild', { id: kids[i] }),
      ]),
    )
    // Right after: a second parent cannot register a deleted child's ID number while a booking may still land.
    const deletedNow = parents.map((_, i) => i).filter((i) => docs(gw, 'cc_children').find((c) => c._id === kids[i])?.deletedAt)
    expect(deletedNow.length).toBeGreaterThan(0)
    for (const i of deletedNow.slice(0, 5)) {
      const other = await gw.login(`other-${i}`)
      await gw.as(other).call('childcare', 'giveConsent', { version: CHILD_RULES_VERSION, guardian: true })
      const again = await gw
        .as(other)
        .call('childcare', 'saveChild', { name: '王小虎', gender: (500 + i) % 2 ? '男' : '女', idNumber: childId(500 + i), grade: 2 })
      expect(again.error!).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'idNumber' }] })
    }
    gw.double!.setLatency([0, 0])
    gw.clock.now = new Date(gw.clock.now.getTime() + 3 * 60_000)
    await childcareModule.onTimer!(systemCtx({ store: gw.store, now: () => gw.clock.now, log: silentLogger }))
    const children = new Map(docs(gw, 'cc_children').map((c) => [c._id, c]))
    const live = docs(gw, 'cc_bookings').filter((b) => b.classId === classId)
    for (const b of live) {
      expect(children.has(b.childId)).toBe(true)
      expect(children.get(b.childId).deletedAt ?? null).toBeNull()
    }
    // Every place is accounted for: booked by a child that still exists, or free again.
    const cls = docs(gw, 'cc_classes').find((c) => c._id === classId)
    const held = live.filter((b) => b.status === 'confirmed').length
    expect(cls.remaining + cls.toOffer + held).toBe(100)
  })

  test('concurrent quiz.start calls open no more attempts than attemptsPerDay', async () => {
    gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
    const staff = await gw.login('demo-staff')
    const { id } = await createCampaign(gw, staff, { attemptsPerDay: 3 })
    const who = await gw.login('race-starter')
    gw.double!.setLatency([8, 25])
    const rs = await Promise.all(Array.from({ length: 12 }, () => gw.as(who).call('quiz', 'start', { campaignId: id })))
    gw.double!.setLatency([0, 0])
    const attempts = docs(gw, 'quiz_attempts').filter((a) => a.campaignId === id && a.openid === 'race-starter')
    expect(attempts.length).toBeGreaterThanOrEqual(1)
    expect(attempts.length).toBeLessThanOrEqual(3)
    expect(rs.filter((r) => r.status !== 200).every((r) => ['CONFLICT', 'RATE_LIMITED'].includes(r.error!.code))).toBe(true)
  })
})
