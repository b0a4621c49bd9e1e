import type { CaseDoc } from '../../cloudfunctions/legalAid/model'
import { startGateway, type TestGateway } from './harness'
import { helper, type Helper } from './legalaid-helpers'

jest.setTimeout(180_000)

/**
 * 异议 (法律援助法 第四十九条): a refused applicant objects once; the union above decides within 5 days; the case
 * shows the objection and the answer. 泰山体育's union sits under the county union; the county union has none above it,
 * so its administrators review its refusals. The clock starts at 2026-11-23 10:00 Beijing.
 */
const TAISHAN_EMPLOYER = '泰山体育产业集团有限公司'
const caseOf = async (gw: TestGateway, id: string) => (await gw.store.get<CaseDoc>('legal_cases', id))!

describe('异议 on SQLite', () => {
  let gw: TestGateway
  let h: Helper
  beforeAll(async () => {
    gw = await startGateway()
    h = await helper(gw)
  })
  afterAll(() => gw.close())

  const taishanDeclined = async () => {
    const id = await h.caseIn('submitted', { employer: TAISHAN_EMPLOYER })
    expect((await h.call('taishanStaff', 'decline', { id, reason: '不属于劳动争议' })).status).toBe(200)
    return id
  }

  test('the applicant objects once, with a reason; the union above is named with its 5-day deadline', async () => {
    const id = await taishanDeclined()
    expect((await h.call('otherWorker', 'object', { id, reason: '我认为符合条件' })).error!.code).toBe('FORBIDDEN')
    expect((await h.call('applicant', 'object', { id, reason: '短' })).error!.fields![0].path).toBe('reason')
    const r = await h.call('applicant', 'object', { id, reason: '我是农民工讨薪，应当免予审查' })
    expect(r.status).toBe(200)
    expect(r.data!.status).toBe('objecting')
    expect(r.data!.objection).toMatchObject({ reason: '我是农民工讨薪，应当免予审查', reviewOrgName: '乐陵市总工会', decision: null })
    // five natural days, ending at 24:00 Beijing of 2026-11-28
    expect(r.data!.objection!.dueAt).toBe(new Date('2026-11-29T00:00:00+08:00').toISOString())
    expect(r.data!.timeline.at(-1)!.note).toContain('5 日内审查')
    expect((await h.call('applicant', 'object', { id, reason: '再提一次异议看看' })).error!.code).toBe('CONFLICT')
    // an open case cannot be objected to
    const open = await h.caseIn('submitted')
    expect((await h.call('applicant', 'object', { id: open, reason: '我有异议的理由' })).error!.code).toBe('CONFLICT')
  })

  test('the refusing union cannot decide; the union above sends the case back, and the union decides again', async () => {
    const id = await taishanDeclined()
    await h.call('applicant', 'object', { id, reason: '我是农民工讨薪，应当免予审查' })
    const staffView = (await h.call('taishanStaff', 'get', { id })).data!
    expect(staffView.canDecideObjection).toBe(false)
    expect((await h.call('taishanStaff', 'decideObjection', { id, decision: 'overturn' })).error!.code).toBe('FORBIDDEN')
    expect((await h.call('countyStaff', 'get', { id })).data!.canDecideObjection).toBe(true)
    // upholding needs a reason
    expect((await h.call('countyStaff', 'decideObjection', { id, decision: 'uphold' })).error!.fields![0].path).toBe('note')
    const r = await h.call('countyStaff', 'decideObjection', { id, decision: 'overturn', note: '农民工讨薪免予经济困难审查' })
    expect(r.status).toBe(200)
    expect(r.data!).toMatchObject({ status: 'submitted', declineReason: null })
    expect(r.data!.objection).toMatchObject({ decision: 'overturn', note: '农民工讨薪免予经济困难审查', by: '刘干事' })
    const applicant = (await h.call('applicant', 'get', { id })).data!
    expect(applicant.timeline.at(-1)!.note).toContain('责令重新审查')
    expect((await h.call('taishanStaff', 'accept', { id, form: 'mediation' })).data!.status).toBe('accepted')
    const notices = await gw.store.find<{ _id: string; title: string }>('outbox', { where: { openid: 'demo-worker' }, limit: 500 })
    expect(notices.map((n) => n.title)).toEqual(expect.arrayContaining(['异议已提交', '异议审查：工会将重新审查']))
  })

  test('at the top, the county’s administrator decides, never the staff who refused; upheld, it stays refused and cannot be objected again', async () => {
    const id = await h.caseIn('objecting')
    expect((await h.call('countyStaff', 'decideObjection', { id, decision: 'overturn' })).error!.message).toContain('须由他人审查')
    const r = await h.call('admin', 'decideObjection', { id, decision: 'uphold', note: '确不属于劳动争议' })
    expect(r.data!).toMatchObject({ status: 'declined', declineReason: '不属于劳动争议' })
    expect(r.data!.objection!.decision).toBe('uphold')
    expect((await h.call('applicant', 'object', { id, reason: '我还是有异议的' })).error!.code).toBe('CONFLICT')
    expect((await caseOf(gw, id)).dueAt).toBeNull()
  })

  test('an objection waiting past its 5 days shows in the overdue filter', async () => {
    const id = await h.caseIn('objecting')
    gw.clock.now = new Date('2026-11-29T09:00:00+08:00')
    const overdue = (await h.call('admin', 'listCases', { overdue: true })).data!.items
    expect(overdue.find((c: { id: string }) => c.id === id)).toMatchObject({ status: 'objecting', overdue: true })
    gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
  })
})

describe.each([
  ['CloudBase double, 8–25 ms a request', 'cloudbase' as const],
  ['SQLite', 'sqlite' as const],
])('异议 under concurrency, %s', (_label, backend) => {
  let gw: TestGateway
  let h: Helper
  beforeAll(async () => {
    gw = await startGateway({ backend })
    h = await helper(gw)
  })
  afterAll(() => gw.close())

  test('one objection from many taps, and one decision when uphold and overturn race', async () => {
    const id = await h.caseIn('declined')
    gw.double?.setLatency([8, 25])
    const objections = await Promise.all(Array.from({ length: 6 }, (_, i) => h.call('applicant', 'object', { id, reason: `异议理由第 ${i} 条` })))
    expect(objections.filter((r) => r.status === 200)).toHaveLength(1)
    const decisions = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        h.call('admin', 'decideObjection', i % 2 ? { id, decision: 'overturn' } : { id, decision: 'uphold', note: '确不属于劳动争议' }),
      ),
    )
    gw.double?.setLatency([0, 0])
    const won = decisions.filter((r) => r.status === 200)
    expect(won).toHaveLength(1)
    const doc = await caseOf(gw, id)
    expect(doc.status).toBe(won[0].data!.status)
    expect(doc.timeline.filter((t) => t.note.startsWith('异议审查'))).toHaveLength(1)
    expect(doc.timeline.filter((t) => t.note.startsWith('申请人提出异议'))).toHaveLength(1)
  })
})
