import { silentLogger } from '../../cloudfunctions/_core/log'
import { systemCtx } from '../../cloudfunctions/_core/dispatch'
import { lapseDocs } from '../../cloudfunctions/legalAid/docs'
import legalAidModule from '../../cloudfunctions/legalAid/module'
import type { CaseDoc } from '../../cloudfunctions/legalAid/model'
import { startGateway, type TestGateway } from './harness'
import { helper, PNG, type Helper } from './legalaid-helpers'

jest.setTimeout(180_000)

/**
 * 补充材料 (法律援助法 第四十三条): listed once, uploaded against each item, supplied or 视为撤回 by the timer. The
 * gateway's clock starts at 2026-11-23 10:00 Beijing; a list due 2026-11-30 ends at 24:00 Beijing that day.
 */
const START = new Date('2026-11-23T10:00:00+08:00')
const ITEMS = ['2026 年 1–6 月工资条', '考勤记录', '劳动合同']
const outboxOf = (gw: TestGateway, openid: string) =>
  gw.store.find<{ _id: string; openid: string; title: string; body: string; page: string }>('outbox', { where: { openid }, limit: 500 })
const caseOf = async (gw: TestGateway, id: string) => (await gw.store.get<CaseDoc>('legal_cases', id))!
const timer = (gw: TestGateway) => lapseDocs(systemCtx({ store: gw.store, now: () => gw.clock.now, log: silentLogger }))

describe('补充材料 on SQLite', () => {
  let gw: TestGateway
  let h: Helper
  beforeAll(async () => {
    gw = await startGateway()
    h = await helper(gw)
  })
  afterAll(() => gw.close())
  beforeEach(() => {
    gw.clock.now = START
  })

  test('staff list what is missing once; the worker is told the items and the day; a second list is refused', async () => {
    const id = await h.caseIn('submitted')
    const r = await h.call('countyStaff', 'requestDocs', { id, items: ITEMS, dueDay: '2026-11-30', note: '照片要看得清金额' })
    expect(r.status).toBe(200)
    expect(r.data!.status).toBe('needs_docs')
    expect(r.data!.docsRequest).toMatchObject({ dueDay: '2026-11-30', note: '照片要看得清金额', suppliedAt: null })
    expect(r.data!.docsRequest!.items).toEqual(ITEMS.map((label) => ({ label, fileIds: [] })))
    // the period ends at 24:00 Beijing of the last day
    expect((await caseOf(gw, id)).dueAt).toBe(new Date('2026-11-30T23:59:59.999+08:00').toISOString())
    const notice = (await outboxOf(gw, 'demo-worker')).find((n) => n.title === '请补充法律援助材料')
    expect(notice?.body).toContain('11月30日前')
    expect(notice?.body).toContain('考勤记录')
    expect(notice?.body).toContain('视为撤回')
    const again = await h.call('countyStaff', 'requestDocs', { id, items: ['身份证'], dueDay: '2026-11-30' })
    expect(again.error!.code).toBe('CONFLICT')
    expect((await caseOf(gw, id)).docsRequest!.items.map((x) => x.label)).toEqual(ITEMS)
  })

  test('bad lists are refused by field: no item, a repeated item, a deadline today or beyond 30 days', async () => {
    const id = await h.caseIn('submitted')
    const field = async (data: object) => {
      const r = await h.call('countyStaff', 'requestDocs', { id, items: ITEMS, dueDay: '2026-11-30', ...data })
      expect(r.status).toBe(400)
      return r.error!.fields!.map((f: { path: string }) => f.path)
    }
    expect(await field({ items: [] })).toContain('items')
    expect(await field({ items: ['考勤记录', '考勤记录'] })).toContain('items')
    expect(await field({ items: ['考'] })).toContain('items.0')
    expect(await field({ dueDay: '2026-11-23' })).toContain('dueDay')
    expect(await field({ dueDay: '2026-12-24' })).toContain('dueDay')
    expect((await caseOf(gw, id)).status).toBe('submitted')
    // a lawyer or the applicant may not list; nor staff of another union
    for (const p of ['applicant', 'lawyer', 'taishanStaff'] as const)
      expect((await h.call(p, 'requestDocs', { id, items: ITEMS, dueDay: '2026-11-30' })).error!.code).toBe('FORBIDDEN')
  })

  test('the worker uploads against each item, cannot hand in with one missing, then hands in: the decision period starts again', async () => {
    const id = await h.caseIn('submitted')
    await h.call('countyStaff', 'requestDocs', { id, items: ITEMS.slice(0, 2), dueDay: '2026-11-30' })
    gw.clock.now = new Date('2026-11-25T09:00:00+08:00')
    const up = await h.evidence('applicant', PNG, '工资条.png', id, 0)
    expect(up.status).toBe(200)
    const doc = await caseOf(gw, id)
    expect(doc.docsRequest!.items[0].fileIds).toEqual([up.data!.id])
    expect(doc.fileIds).toContain(up.data!.id)
    expect(doc.timeline.at(-1)!.note).toBe('补充材料「2026 年 1–6 月工资条」：工资条.png')
    // only the applicant uploads against the list; an item that does not exist is refused
    expect((await h.evidence('countyStaff', PNG, 'x.png', id, 1)).error!.code).toBe('FORBIDDEN')
    expect((await h.evidence('otherWorker', PNG, 'x.png', id, 1)).error!.code).toBe('FORBIDDEN')
    expect((await h.evidence('applicant', PNG, 'x.png', id, 5)).error!.code).toBe('CONFLICT')
    const early = await h.call('applicant', 'supplyDone', { caseId: id })
    expect(early.error!.code).toBe('CONFLICT')
    expect(early.error!.message).toContain('考勤记录')
    expect((await h.evidence('applicant', PNG, '考勤.png', id, 1)).status).toBe(200)
    // staff cannot hand in for the worker
    expect((await h.call('countyStaff', 'supplyDone', { caseId: id })).error!.code).toBe('CONFLICT')
    const done = await h.call('applicant', 'supplyDone', { caseId: id })
    expect(done.status).toBe(200)
    expect(done.data!.status).toBe('submitted')
    expect(done.data!.docsRequest!.suppliedAt).toBe(gw.clock.now.toISOString())
    // 乐陵市总工会 counts 7 working days from the day everything came in (2026-11-25, a Wednesday)
    expect(Date.parse(done.data!.decisionDue!)).toBeGreaterThan(Date.parse('2026-12-03T00:00:00+08:00'))
    // and the union can now decide
    expect((await h.call('countyStaff', 'accept', { id, form: 'mediation' })).data!.status).toBe('accepted')
    // against the list no more: the case no longer waits
    expect((await h.evidence('applicant', PNG, 'late.png', id, 0)).error!.code).toBe('CONFLICT')
  })

  test('the timer reminds once a day ahead, then treats no reply as withdrawn; a hand-in after the last day is refused', async () => {
    const id = await h.caseIn('submitted')
    await h.call('countyStaff', 'requestDocs', { id, items: ['考勤记录'], dueDay: '2026-11-30' })
    expect((await h.evidence('applicant', PNG, '考勤.png', id, 0)).status).toBe(200)
    // other tests' cases share this store: count this case's notices
    const reminders = async () => (await outboxOf(gw, 'demo-worker')).filter((n) => n.title === '补充材料明天截止' && n.page.endsWith(id)).length
    gw.clock.now = new Date('2026-11-29T12:00:00+08:00')
    await timer(gw)
    expect(await reminders()).toBe(0)
    gw.clock.now = new Date('2026-11-30T08:00:00+08:00')
    expect((await timer(gw)).reminded).toBeGreaterThanOrEqual(1)
    await timer(gw)
    expect(await reminders()).toBe(1)
    expect((await caseOf(gw, id)).status).toBe('needs_docs')
    // 2026-12-01 00:00 Beijing: the last day is over
    gw.clock.now = new Date('2026-12-01T00:00:00+08:00')
    const late = await h.call('applicant', 'supplyDone', { caseId: id })
    expect(late.error!.code).toBe('CONFLICT')
    expect(late.error!.message).toContain('视为撤回')
    expect((await timer(gw)).lapsed).toBeGreaterThanOrEqual(1)
    const doc = await caseOf(gw, id)
    expect(doc).toMatchObject({ status: 'closed', outcome: 'withdrawn', dueAt: null })
    expect(doc.timeline.at(-1)).toMatchObject({ note: '逾期未补充材料，视为撤回申请', by: '系统' })
    expect((await outboxOf(gw, 'demo-worker')).some((n) => n.title === '法律援助申请视为撤回')).toBe(true)
    expect(await timer(gw)).toMatchObject({ reminded: 0, lapsed: 0 })
    expect((await caseOf(gw, id)).timeline.filter((t) => t.note.includes('视为撤回'))).toHaveLength(1)
    // the worker sees it in 我的法律援助
    const mine = (await h.call('applicant', 'myCases')).data!.items.find((c: { id: string }) => c.id === id)!
    expect(mine.status).toBe('closed')
  })

  test('the applicant may still withdraw while documents are awaited', async () => {
    const id = await h.caseIn('needs_docs')
    expect((await h.call('applicant', 'withdraw', { id })).data!).toMatchObject({ status: 'closed', outcome: 'withdrawn' })
    gw.clock.now = new Date('2026-12-02T00:00:00+08:00')
    await timer(gw)
    const doc = await caseOf(gw, id)
    expect(doc.timeline.at(-1)!.note).toBe('申请人撤回')
    expect(doc.timeline.some((t) => t.note.includes('视为撤回'))).toBe(false)
  })
})

describe.each([
  ['CloudBase double, 8–25 ms a request', 'cloudbase' as const],
  ['SQLite', 'sqlite' as const],
])('补充材料 under concurrency, %s', (_label, backend) => {
  let gw: TestGateway
  let h: Helper
  beforeAll(async () => {
    gw = await startGateway({ backend })
    h = await helper(gw)
  })
  afterAll(() => gw.close())
  const slow = () => gw.double?.setLatency([8, 25])
  const fast = () => gw.double?.setLatency([0, 0])

  test('ten staff taps listing at once leave one list, the one answered 200', async () => {
    const id = await h.caseIn('submitted')
    slow()
    const rs = await Promise.all(
      Array.from({ length: 10 }, (_, i) => h.call('countyStaff', 'requestDocs', { id, items: [`材料 ${i} 号`], dueDay: '2026-11-30' })),
    )
    fast()
    const ok = rs.filter((r) => r.status === 200)
    expect(ok).toHaveLength(1)
    for (const r of rs.filter((x) => x.status !== 200)) expect(r.error!.code).toBe('CONFLICT')
    const doc = await caseOf(gw, id)
    expect(doc.docsRequest!.items).toEqual(ok[0].data!.docsRequest!.items)
    expect(doc.timeline.filter((t) => t.status === 'needs_docs')).toHaveLength(1)
  })

  test('uploads against the items at once: every file answered 200 is on its item and on the case, nothing twice', async () => {
    const id = await h.caseIn('submitted')
    await h.call('countyStaff', 'requestDocs', { id, items: ITEMS, dueDay: '2026-11-30' })
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => h.stored('applicant', PNG, `第${i}张.png`)))
    slow()
    const rs = await Promise.all(ids.map((fileId, i) => h.call('applicant', 'upload', { caseId: id, docItem: i % 3, name: `第${i}张.png`, fileId })))
    fast()
    const stored = rs.filter((r) => r.status === 200).map((r) => r.data!.id as string)
    expect(stored.length).toBeGreaterThan(0)
    const doc = await caseOf(gw, id)
    const onItems = doc.docsRequest!.items.flatMap((x) => x.fileIds)
    expect(onItems.sort()).toEqual([...stored].sort())
    expect(doc.fileIds.sort()).toEqual([...stored].sort())
    // a refused upload leaves no file record behind
    const files = await gw.store.find<{ _id: string }>('legal_files', { where: { caseId: id }, limit: 50 })
    expect(files.map((f) => f._id).sort()).toEqual([...stored].sort())
  })

  test('five hand-ins at once move the case once', async () => {
    const id = await h.caseIn('needs_docs')
    expect((await h.evidence('applicant', PNG, '工资条.png', id, 0)).status).toBe(200)
    slow()
    const rs = await Promise.all(Array.from({ length: 5 }, () => h.call('applicant', 'supplyDone', { caseId: id })))
    fast()
    expect(rs.filter((r) => r.status === 200)).toHaveLength(1)
    const doc = await caseOf(gw, id)
    expect(doc.status).toBe('submitted')
    expect(doc.timeline.filter((t) => t.note.startsWith('已补充全部材料'))).toHaveLength(1)
  })
})

test('the module runs the 补充材料 timer hourly', () => {
  expect(legalAidModule.onTimer).toBe(lapseDocs)
  expect(legalAidModule.timerEvery).toBe('hour')
})
