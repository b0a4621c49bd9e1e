import { ballotOrder, seedHash } from '../../cloudfunctions/_core/fairdraw'
import { openExport } from './file-helpers'
import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'
import childcareModule from '../../cloudfunctions/childcare/module'
import { systemCtx } from '../../cloudfunctions/_core/contract'
import { silentLogger } from '../../cloudfunctions/_core/log'
import { childId, classInput, seedChild } from '../utils/childcare'
import { CHILD_RULES_VERSION } from '../../src/contracts/childcare/privacy'

jest.setTimeout(30_000)

let gw: TestGateway
const tokens: Record<string, string> = {}
const as = async (who: string) => (tokens[who] ??= await gw.login(who))
const cc = async <A extends ActionName<'childcare'>>(who: string, action: A, ...data: Data<'childcare', A>) =>
  gw.as(await as(who)).call('childcare', action, ...data)
let seq = 0
const rid = () => `req-${Date.now()}-${seq++}`
const dump = (c: string) => gw.store.rawDump(c).map((s) => JSON.parse(s))

async function newClass(over: Record<string, unknown> = {}): Promise<string> {
  const r = await cc('demo-staff', 'upsertClass', classInput(over))
  expect(r.error).toBeUndefined()
  return r.data!.id
}

beforeAll(async () => {
  gw = await startGateway()
  gw.clock.now = new Date('2027-06-10T10:00:00+08:00')
})
afterAll(() => gw.close())

const consent = (who: string) => cc(who, 'giveConsent', { version: CHILD_RULES_VERSION, guardian: true })

describe('children', () => {
  test('nothing of a child is stored before the guardian consents to the 儿童个人信息处理规则; who, when and which version are recorded', async () => {
    const form = { name: '王小丫', gender: '女' as const, idNumber: childId(4, 2019), grade: 1 }
    expect((await cc('p-consent', 'consent')).data!).toEqual({ version: CHILD_RULES_VERSION, given: false })
    const refused = await cc('p-consent', 'saveChild', form)
    expect(refused.error).toMatchObject({ code: 'FORBIDDEN', fields: [{ path: 'consent' }] })
    expect(refused.error!.message).toContain('儿童个人信息处理规则')
    expect(await gw.store.count('cc_children', { parentOpenid: 'p-consent' })).toBe(0)
    expect(await gw.store.count('cc_child_ids', {})).toBe(await gw.store.count('cc_children', {}))
    // An old version, or no guardian confirmation, is no consent.
    expect(
      (await gw.as(await as('p-consent')).raw('childcare', 'giveConsent', { version: '2020-01-01', guardian: true })).error!.fields![0].path,
    ).toBe('version')
    expect(
      (await gw.as(await as('p-consent')).raw('childcare', 'giveConsent', { version: CHILD_RULES_VERSION, guardian: false })).error!.fields![0].path,
    ).toBe('guardian')
    const given = await consent('p-consent')
    expect(given.data!).toMatchObject({ version: CHILD_RULES_VERSION, given: true, givenAt: gw.clock.now.toISOString() })
    const [doc] = dump('cc_consents').filter((d) => d._id === 'p-consent')
    expect(doc).toMatchObject({ version: CHILD_RULES_VERSION, at: gw.clock.now.toISOString(), guardian: true })
    expect((await cc('p-consent', 'saveChild', form)).data!.name).toBe('王小丫')
  })

  test('身份证号 is validated, stored encrypted with a hash, shown masked; one registration per number', async () => {
    const id = childId(1)
    await consent('p-kid')
    await consent('p-kid-2')
    const bad = await cc('p-kid', 'saveChild', {
      name: '李小明',
      gender: '男' as const,
      idNumber: id.slice(0, 17) + (id[17] === '0' ? '1' : '0'),
      grade: 2,
    })
    expect(bad.error!.fields![0]).toMatchObject({ path: 'idNumber', message: '身份证号校验位不正确，请核对是否输错' })
    const ok = await cc('p-kid', 'saveChild', { name: '李小明', gender: '男' as const, idNumber: id, grade: 2, school: '乐陵市实验小学' })
    expect(ok.data!).toMatchObject({ name: '李小明', idNumberMasked: `${id.slice(0, 4)}**********${id.slice(14)}`, grade: 2 })
    expect(gw.store.rawDump('cc_children').join('')).not.toContain(id)
    const other = await cc('p-kid-2', 'saveChild', { name: '李小明', gender: '男' as const, idNumber: id, grade: 2 })
    expect(other.error!.code).toBe('CONFLICT')
    const mine = await cc('p-kid', 'myChildren')
    expect(mine.data!.items).toHaveLength(1)
    const del = await cc('p-kid', 'deleteChild', { id: ok.data!.id })
    expect(del.data!.deleted).toBe(true)
    expect((await cc('p-kid', 'myChildren')).data!.items).toHaveLength(0)
    // The ID number stays locked until no booking that read the child can still land (a few minutes).
    const early = await cc('p-kid-2', 'saveChild', { name: '李小明', gender: '男' as const, idNumber: id, grade: 2 })
    expect(early.error).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'idNumber' }] })
    expect(early.error!.message).toContain('刚刚删除')
    const back = gw.clock.now
    gw.clock.now = new Date(back.getTime() + 3 * 60_000)
    expect(await childcareModule.onTimer!(systemCtx({ store: gw.store, now: () => gw.clock.now, log: silentLogger }))).toMatchObject({
      childrenDeleted: 1,
    })
    expect((await cc('p-kid-2', 'saveChild', { name: '李小明', gender: '男' as const, idNumber: id, grade: 2 })).data!.id).toBeTruthy()
    gw.clock.now = back
  })
})

describe('eligibility, one rule at a time', () => {
  test('before the published time: CLOSED with the opening time; after closing: CLOSED', async () => {
    const classId = await newClass({ opensAt: '2027-06-11T09:00:00+08:00' })
    await seedChild(gw.store, 'p-early', 'ch-early')
    const r = await cc('p-early', 'book', { classId, childIds: ['ch-early'], requestId: rid() })
    expect(r.error).toMatchObject({ code: 'CLOSED', message: '报名尚未开始，将于 2027-06-11 09:00（北京时间）开放' })
    const detail = await cc('p-early', 'getClass', { id: classId })
    expect(detail.data!).toMatchObject({ status: '未开放', serverNow: gw.clock.now.toISOString() })
    expect(detail.data!.rules.length).toBeGreaterThan(5)
    const closed = await newClass({
      opensAt: '2027-06-01T09:00:00+08:00',
      closesAt: '2027-06-05T09:00:00+08:00',
      cancelBefore: '2027-06-05T09:00:00+08:00',
    })
    expect((await cc('p-early', 'book', { classId: closed, childIds: ['ch-early'], requestId: rid() })).error!.code).toBe('CLOSED')
  })

  test('members only: refused until the membership application is approved', async () => {
    const classId = await newClass({ audience: 'members' })
    await seedChild(gw.store, 'p-member', 'ch-member')
    const r = await cc('p-member', 'book', { classId, childIds: ['ch-member'], requestId: rid() })
    expect(r.error!.code).toBe('FORBIDDEN')
    expect(r.error!.message).toContain('仅限工会会员')
    await gw.store.put('applications', { _id: 'app-p-member', applicantOpenid: 'p-member', status: 'approved' })
    expect((await cc('p-member', 'book', { classId, childIds: ['ch-member'], requestId: rid() })).data!.bookings[0].status).toBe('confirmed')
  })

  test('grade out of range', async () => {
    const classId = await newClass({ gradeMin: 4, gradeMax: 6 })
    await seedChild(gw.store, 'p-grade', 'ch-grade', { name: '王小二', grade: 2 })
    const r = await cc('p-grade', 'book', { classId, childIds: ['ch-grade'], requestId: rid() })
    expect(r.error).toMatchObject({ code: 'FORBIDDEN', message: '王小二 本学年二年级，本班只收四年级至六年级学生' })
  })

  test('overlapping period, and one session per child per season', async () => {
    const a = await newClass({ title: '第一期', startDate: '2027-07-05', endDate: '2027-07-23' })
    const b = await newClass({ title: '重叠班', startDate: '2027-07-19', endDate: '2027-07-30' })
    const c = await newClass({ title: '第二期', startDate: '2027-08-02', endDate: '2027-08-20' })
    await seedChild(gw.store, 'p-one', 'ch-one', { name: '赵小一' })
    expect((await cc('p-one', 'book', { classId: a, childIds: ['ch-one'], requestId: rid() })).data!.bookings[0].status).toBe('confirmed')
    const overlap = await cc('p-one', 'book', { classId: b, childIds: ['ch-one'], requestId: rid() })
    expect(overlap.error!.message).toContain('同一时段的「第一期」')
    const second = await cc('p-one', 'book', { classId: c, childIds: ['ch-one'], requestId: rid() })
    expect(second.error!.message).toBe('每个孩子每个暑期只能报名一期：赵小一 已报名「第一期」，如需改报请先取消')
  })

  test('attendance under 70% last season bans this season', async () => {
    await gw.store.put('cc_classes', { _id: 'cc-last', title: '去年的班', startDate: '2026-07-06', endDate: '2026-07-10', season: 2026 })
    await seedChild(gw.store, 'p-ban', 'ch-ban', { name: '钱小缺', createdAt: '2026-05-01T00:00:00.000Z' })
    await seedChild(gw.store, 'p-ban', 'ch-good', { name: '钱小勤', createdAt: '2026-05-01T00:00:00.000Z' })
    const last = { classId: 'cc-last', season: 2026, status: 'confirmed', parentOpenid: 'p-ban' }
    await gw.store.put('cc_bookings', {
      _id: '2026:ch-ban',
      ...last,
      childId: 'ch-ban',
      childName: '钱小缺',
      checkins: ['2026-07-06', '2026-07-07', '2026-07-08'],
    })
    await gw.store.put('cc_bookings', {
      _id: '2026:ch-good',
      ...last,
      childId: 'ch-good',
      childName: '钱小勤',
      checkins: ['2026-07-06', '2026-07-07', '2026-07-08', '2026-07-09'],
    })
    const classId = await newClass()
    const r = await cc('p-ban', 'book', { classId, childIds: ['ch-ban'], requestId: rid() })
    expect(r.error).toMatchObject({ code: 'FORBIDDEN', message: '钱小缺 上一期（去年的班）出勤 3/5 天，不足 70%，本期不能报名' })
    expect((await cc('p-ban', 'book', { classId, childIds: ['ch-good'], requestId: rid() })).data!.bookings[0].status).toBe('confirmed')
  })

  test('someone else’s child cannot be booked', async () => {
    const classId = await newClass()
    await seedChild(gw.store, 'p-owner', 'ch-owned')
    expect((await cc('p-thief', 'book', { classId, childIds: ['ch-owned'], requestId: rid() })).error!.code).toBe('NOT_FOUND')
  })
})

describe('booking', () => {
  test('siblings: all confirmed together, or all waitlisted together; the same requestId returns the same bookings', async () => {
    const classId = await newClass({ capacity: 3 })
    for (const k of ['a', 'b', 'c', 'd']) await seedChild(gw.store, 'p-sib', `ch-sib-${k}`)
    await seedChild(gw.store, 'p-single', 'ch-single')
    const requestId = rid()
    const two = await cc('p-sib', 'book', { classId, childIds: ['ch-sib-a', 'ch-sib-b'], requestId })
    expect(two.data!.bookings.map((b: { status: string }) => b.status)).toEqual(['confirmed', 'confirmed'])
    const retry = await cc('p-sib', 'book', { classId, childIds: ['ch-sib-a', 'ch-sib-b'], requestId })
    expect(retry.data!).toEqual(two.data!)
    // One place left, two siblings: both wait, and the place stays for the next child.
    const pair = await cc('p-sib', 'book', { classId, childIds: ['ch-sib-c', 'ch-sib-d'], requestId: rid() })
    expect(pair.data!.bookings).toEqual([
      expect.objectContaining({ status: 'waitlisted', position: 1 }),
      expect.objectContaining({ status: 'waitlisted', position: 2 }),
    ])
    expect((await cc('p-single', 'book', { classId, childIds: ['ch-single'], requestId: rid() })).data!.bookings[0].status).toBe('confirmed')
    const detail = await cc('p-single', 'getClass', { id: classId })
    expect(detail.data!).toMatchObject({ remaining: 0, status: '已满', waiting: 2 })
  })

  test('cancel returns a place to the waitlist as an offer with a deadline; unaccepted, it passes on; after the deadline no cancel', async () => {
    const classId = await newClass({ capacity: 1 })
    for (const p of ['x', 'y', 'z']) await seedChild(gw.store, `p-off-${p}`, `ch-off-${p}`)
    const bx = (await cc('p-off-x', 'book', { classId, childIds: ['ch-off-x'], requestId: rid() })).data!.bookings[0]
    const by = (await cc('p-off-y', 'book', { classId, childIds: ['ch-off-y'], requestId: rid() })).data!.bookings[0]
    const bz = (await cc('p-off-z', 'book', { classId, childIds: ['ch-off-z'], requestId: rid() })).data!.bookings[0]
    expect([bx.status, by.position, bz.position]).toEqual(['confirmed', 1, 2])
    expect((await cc('p-off-x', 'cancel', { bookingId: bx.id })).data!.cancelled).toBe(true)
    const yMine = (await cc('p-off-y', 'myBookings')).data!.items[0]
    expect(yMine).toMatchObject({ status: 'offered' })
    expect(dump('outbox').some((n) => n.openid === 'p-off-y' && n.template === 'childcare_offer')).toBe(true)
    expect((await cc('p-off-z', 'myBookings')).data!.items[0]).toMatchObject({ status: 'waitlisted', position: 1 })
    // y lets the deadline pass: z gets the offer and accepts it.
    gw.clock.now = new Date(gw.clock.now.getTime() + 25 * 3600e3)
    expect((await cc('p-off-y', 'myBookings')).data!.items).toHaveLength(0)
    const zMine = (await cc('p-off-z', 'myBookings')).data!.items[0]
    expect(zMine.status).toBe('offered')
    expect((await cc('p-off-z', 'acceptOffer', { bookingId: bz.id })).data!.status).toBe('confirmed')
    expect((await cc('p-off-z', 'myBookings')).data!.items[0]).toMatchObject({
      status: 'confirmed',
      code: expect.stringMatching(/^[A-Z0-9]{8}$/),
      qr: expect.stringMatching(/^data:image\/png/),
    })
    gw.clock.now = new Date('2027-07-02T10:00:00+08:00')
    expect((await cc('p-off-z', 'cancel', { bookingId: bz.id })).error!.code).toBe('CLOSED')
    gw.clock.now = new Date('2027-06-10T10:00:00+08:00')
  })
})

test('the timer job alone passes a lapsed offer on and notifies the next parent, with no page opened', async () => {
  const classId = await newClass({ capacity: 1 })
  for (const p of ['a', 'b', 'c']) await seedChild(gw.store, `p-tmr-${p}`, `ch-tmr-${p}`)
  const ba = (await cc('p-tmr-a', 'book', { classId, childIds: ['ch-tmr-a'], requestId: rid() })).data!.bookings[0]
  await cc('p-tmr-b', 'book', { classId, childIds: ['ch-tmr-b'], requestId: rid() })
  await cc('p-tmr-c', 'book', { classId, childIds: ['ch-tmr-c'], requestId: rid() })
  await cc('p-tmr-a', 'cancel', { bookingId: ba.id })
  const offered = () =>
    dump('cc_bookings')
      .filter((b) => b.classId === classId && b.status === 'offered')
      .map((b) => b.parentOpenid)
  expect(offered()).toEqual(['p-tmr-b'])
  gw.clock.now = new Date(gw.clock.now.getTime() + 25 * 3600e3)
  const ctx = systemCtx({ store: gw.store, now: () => gw.clock.now, log: silentLogger })
  expect(await childcareModule.onTimer!(ctx)).toMatchObject({ classesWithLapsedOffers: 1, placesRestored: 0 })
  expect(offered()).toEqual(['p-tmr-c'])
  expect(dump('outbox').filter((n) => n.openid === 'p-tmr-c' && n.template === 'childcare_offer')).toHaveLength(1)
  // Nothing lapsed since: a second run changes nothing.
  expect(await childcareModule.onTimer!(ctx)).toMatchObject({ classesWithLapsedOffers: 0, placesRestored: 0 })
  gw.clock.now = new Date('2027-06-10T10:00:00+08:00')
})

describe('staff', () => {
  test('roster, check-in by code (once a day), attendance rate, export with 身份证号 masked; other unions are refused', async () => {
    const classId = await newClass({ capacity: 5 })
    await consent('p-roster')
    const saved = await cc('p-roster', 'saveChild', { name: '孙小虎', gender: '男' as const, idNumber: childId(77), grade: 3 })
    const b = (await cc('p-roster', 'book', { classId, childIds: [saved.data!.id], requestId: rid() })).data!.bookings[0]
    const roster = await cc('demo-staff', 'roster', { classId })
    expect(roster.data!.rows).toEqual([expect.objectContaining({ childName: '孙小虎', status: 'confirmed', checkedInToday: false })])
    expect((await cc('demo-staff-taishan', 'roster', { classId })).error!.code).toBe('FORBIDDEN')
    const code = (await cc('p-roster', 'myBookings')).data!.items.find((i: { id: string }) => i.id === b.id)!.code
    expect((await cc('demo-staff', 'checkIn', { code: code! })).error!.message).toContain('不在托管班时间内')
    gw.clock.now = new Date('2027-07-06T08:40:00+08:00')
    const first = await cc('demo-staff', 'checkIn', { code: `CC:${code}` })
    expect(first.data!).toMatchObject({ childName: '孙小虎', day: '2027-07-06', alreadyCheckedIn: false, attended: 1 })
    expect((await cc('demo-staff', 'checkIn', { code: code! })).data!.alreadyCheckedIn).toBe(true)
    const after = (await cc('demo-staff', 'roster', { classId })).data!
    expect(after.rows[0]).toMatchObject({ checkedInToday: true, attended: 1, attendanceRate: 0.5 })
    const xlsx = await cc('demo-staff', 'exportRoster', { classId })
    expect(xlsx.data!.rows).toBe(1)
    const wb = await openExport(gw, xlsx.data!)
    expect(wb.worksheets[0].actualRowCount).toBe(2)
    const row = wb.worksheets[0].getRow(2).values as unknown[]
    expect(row).toContain('孙小虎')
    expect(row).toContain(`${childId(77).slice(0, 4)}**********${childId(77).slice(14)}`)
    expect(JSON.stringify(row)).not.toContain(childId(77))
    gw.clock.now = new Date('2027-06-10T10:00:00+08:00')
  })
})

describe('lottery', () => {
  test('applications during the window, a committed seed, a draw anyone can recompute from the revealed seed', async () => {
    const classId = await newClass({ allocation: 'lottery', capacity: 5, closesAt: '2027-06-20T18:00:00+08:00' })
    const before = (await cc('p-lot-0', 'getClass', { id: classId })).data!
    expect(before.lottery!.seedHash).toMatch(/^[0-9a-f]{64}$/)
    expect(before.lottery!.seed).toBeUndefined()
    for (let i = 0; i < 12; i++) {
      await seedChild(gw.store, `p-lot-${i}`, `ch-lot-${i}`)
      const r = await cc(`p-lot-${i}`, 'book', { classId, childIds: [`ch-lot-${i}`], requestId: rid() })
      expect(r.data!.bookings[0].status).toBe('applied')
    }
    expect((await cc('demo-staff', 'runLottery', { classId })).error!.code).toBe('CLOSED')
    gw.clock.now = new Date('2027-06-21T09:00:00+08:00')
    const draw = (await cc('demo-staff', 'runLottery', { classId })).data!
    expect(seedHash(draw.seed)).toBe(before.lottery!.seedHash)
    // Recompute from public facts only: the revealed seed and the applications' public numbers (tickets).
    const ids = draw.order.map((o: { ticket: string }) => ({ id: o.ticket }))
    const shuffled = [...ids].sort((a, b) => (a.id < b.id ? 1 : -1))
    expect(ballotOrder(draw.seed, shuffled).map((e) => e.id)).toEqual(ids.map((e: { id: string }) => e.id))
    expect(draw.order.filter((o: { result: string }) => o.result === 'confirmed')).toHaveLength(5)
    const after = (await cc('p-lot-0', 'getClass', { id: classId })).data!
    expect(after.lottery!.seed).toBe(draw.seed)
    const stored = dump('cc_bookings').filter((b) => b.classId === classId)
    expect(
      stored
        .filter((b) => b.status === 'confirmed')
        .map((b) => b._id)
        .sort(),
    ).toEqual(
      draw.order
        .slice(0, 5)
        .map((o: { applicationId: string }) => o.applicationId)
        .sort(),
    )
    // Drawing again changes nothing.
    expect((await cc('demo-staff', 'runLottery', { classId })).data!).toEqual(draw)
    gw.clock.now = new Date('2027-06-10T10:00:00+08:00')
  })
})
