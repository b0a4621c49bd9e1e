import type { Caller, TestGateway } from './harness'
import { startGateway } from './harness'
import { FORM, PERSONA_OPENIDS, type Persona } from './legalaid-helpers'

jest.setTimeout(120_000)

/**
 * 咨询 before a case, over the typed client: a worker reads the union's 常见问答, asks by 案由 (no phone, no ID),
 * the union's lawyers and staff answer in the 工作台 oldest first, the answer lands in 消息中心, and one tap turns
 * the consultation into an application keeping its text. Nobody else reads a consultation.
 */
const QUESTION = '我在乐陵市宏达建筑工地干了半年钢筋工，老板说年底结账，现在拖欠 4 个月工资不给，我该怎么办？'
const TAISHAN = '泰山体育产业集团有限公司'
const CASE = { ...FORM, category: 'wage' as const }

describe.each(['sqlite', 'cloudbase'] as const)('咨询 over %s', (backend) => {
  let gw: TestGateway
  const as = {} as Record<Persona, Caller>
  let n = 0
  const ask = (who: Persona, over: Record<string, unknown> = {}) =>
    as[who].ok('legalAid', 'ask', { category: 'wage', question: `${QUESTION}（第 ${++n} 问）`, ...over })

  beforeAll(async () => {
    gw = await startGateway({ backend })
    for (const [p, openid] of Object.entries(PERSONA_OPENIDS)) as[p as Persona] = gw.as(await gw.login(openid))
  })
  afterAll(() => gw.close())
  beforeEach(() => gw.store.remove('rate_limits', {}))

  test('ask → answer in the 工作台 → 消息中心 → an application that keeps the text and records the consultation', async () => {
    // the frequent answers come first, by 案由
    const faqs = await as.applicant.ok('legalAid', 'faqs', { category: 'wage' })
    expect(faqs.items.length).toBeGreaterThan(0)
    expect(faqs.items.every((f) => f.category === 'wage' && !f.hidden)).toBe(true)
    expect(faqs.items[0].answer).toContain('12333')

    const first = await ask('applicant')
    gw.clock.now = new Date(gw.clock.now.getTime() + 60_000)
    const second = await ask('otherWorker', { category: 'injury' })
    // a double tap is one question
    expect((await as.applicant.ok('legalAid', 'ask', { category: 'wage', question: `${QUESTION}（第 1 问）` })).id).toBe(first.id)

    // the county's lawyer sees both, oldest first, and the badge counts them
    const queue = (await as.lawyer.ok('legalAid', 'consultQueue', {})).items.map((i) => i.id)
    expect(queue.indexOf(first.id)).toBeGreaterThanOrEqual(0)
    expect(queue.indexOf(first.id)).toBeLessThan(queue.indexOf(second.id))
    const count = (await as.lawyer.ok('legalAid', 'consultCount')).count
    expect(count).toBe(queue.length)
    // another union's staff and its lawyer do not
    expect((await as.taishanStaff.ok('legalAid', 'consultQueue', {})).items.map((i) => i.id)).not.toContain(first.id)
    expect((await as.otherLawyer.ok('legalAid', 'consultQueue', {})).items.map((i) => i.id)).not.toContain(first.id)

    const answered = await as.lawyer.ok('legalAid', 'answer', {
      id: first.id,
      answer: '请先保留工资条、考勤和聊天记录，可拨打 12333 投诉或申请劳动仲裁；也可以直接申请法律援助。',
    })
    expect(answered).toMatchObject({ status: 'answered', answeredBy: '陈律师' })
    // answered ones leave the waiting list and go to the answered one
    expect((await as.lawyer.ok('legalAid', 'consultQueue', {})).items.map((i) => i.id)).not.toContain(first.id)
    expect((await as.countyStaff.ok('legalAid', 'consultQueue', { status: 'answered' })).items.map((i) => i.id)).toContain(first.id)
    // a second answer is refused, the first kept
    const again = await as.countyStaff.call('legalAid', 'answer', { id: first.id, answer: '另一位工作人员的解答内容如下。' })
    expect(again.error?.code).toBe('CONFLICT')

    // the answer is in 消息中心, opening the consultation
    const inbox = await as.applicant.ok('messages', 'inbox', {})
    const notice = inbox.items.find((i) => i.title === '您的法律咨询有了解答')
    expect(notice).toBeDefined()
    expect(notice!.body).toContain('陈律师')
    expect(notice!.page).toContain(`/pages/legalAid/consult/index?id=${first.id}`)
    const mine = await as.applicant.ok('legalAid', 'myConsults')
    expect(mine.items.find((i) => i.id === first.id)).toMatchObject({ status: 'answered', mine: true, answer: expect.stringContaining('12333') })

    // one tap: the application keeps the text and records the consultation
    const kase = await as.applicant.ok('legalAid', 'submit', { ...CASE, facts: answered.question, consultId: first.id })
    const detail = await as.applicant.ok('legalAid', 'get', { id: kase.id })
    expect(detail).toMatchObject({ facts: answered.question, consultId: first.id, category: 'wage' })
    expect((await as.applicant.ok('legalAid', 'consult', { id: first.id })).caseId).toBe(kase.id)
    // the same consultation does not become a second application; nor does someone else's
    const twice = await as.applicant.call('legalAid', 'submit', { ...CASE, facts: `${answered.question}（另写）`, consultId: first.id })
    expect(twice.error?.fields?.map((f) => f.path)).toEqual(['consultId'])
    const foreign = await as.applicant.call('legalAid', 'submit', { ...CASE, facts: `${answered.question}（别人的）`, consultId: second.id })
    expect(foreign.error?.fields?.map((f) => f.path)).toEqual(['consultId'])
  })

  test('only the asker and the union’s lawyers and staff read a consultation; strangers get 无权', async () => {
    const { id } = await ask('applicant')
    const readers: Persona[] = ['applicant', 'countyStaff', 'lawyer', 'admin']
    for (const p of Object.keys(PERSONA_OPENIDS) as Persona[]) {
      const r = await as[p].call('legalAid', 'consult', { id })
      expect({ p, status: r.status, code: r.error?.code }).toEqual(
        readers.includes(p) ? { p, status: 200, code: undefined } : { p, status: 403, code: 'FORBIDDEN' },
      )
      if (!readers.includes(p)) expect(r.error?.message).toContain('无权')
    }
    // answering: the union's lawyers and staff only; a stranger's attempt changes nothing
    for (const p of ['otherWorker', 'taishanStaff', 'otherLawyer'] as Persona[]) {
      const r = await as[p].call('legalAid', 'answer', { id, answer: '这是一个不该被接受的解答内容。' })
      expect({ p, status: r.status }).toEqual({ p, status: 403 })
    }
    expect((await as.applicant.ok('legalAid', 'consult', { id })).status).toBe('open')
  })

  test('a question naming a union’s employer goes to that union: its staff and lawyer answer, the county’s too', async () => {
    const { id } = await ask('applicant', { category: 'contract', employer: TAISHAN })
    expect((await as.applicant.ok('legalAid', 'consult', { id })).orgName).toContain('泰山')
    for (const p of ['taishanStaff', 'otherLawyer', 'lawyer', 'countyStaff'] as Persona[]) {
      expect((await as[p].ok('legalAid', 'consultQueue', {})).items.map((i) => i.id)).toContain(id)
    }
    expect((await as.otherLawyer.ok('legalAid', 'answer', { id, answer: '未签合同满一个月可以要求二倍工资。' })).answeredBy).toBe('李律师')
  })

  test('bad input is refused by field; the daily limit holds', async () => {
    const short = await as.applicant.call('legalAid', 'ask', { category: 'wage', question: '欠薪' })
    expect(short.error?.fields?.map((f) => f.path)).toEqual(['question'])
    const noCategory = await as.applicant.raw('legalAid', 'ask', { question: QUESTION })
    expect((noCategory.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual(['category'])
    const courier = gw.as(await gw.login('demo-courier'))
    for (let i = 0; i < 10; i++) await courier.call('legalAid', 'ask', { category: 'other', question: `${QUESTION}（限流 ${i}）` })
    const over = await courier.call('legalAid', 'ask', { category: 'other', question: `${QUESTION}（限流 多）` })
    expect(over.status).toBe(429)
    expect(over.error?.message).toContain('明天')
  })

  test('two lawyers answering at once: one answer stands, the worker gets one message', async () => {
    const { id } = await ask('applicant', { category: 'social_insurance' })
    const before = (await as.applicant.ok('messages', 'inbox', {})).total
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? as.lawyer : as.countyStaff).call('legalAid', 'answer', { id, answer: `第 ${i} 份解答：可以向社保经办机构投诉要求补缴。` }),
      ),
    )
    expect(results.filter((r) => r.ok).length).toBe(1)
    expect(results.filter((r) => !r.ok).every((r) => r.error?.code === 'CONFLICT')).toBe(true)
    expect((await as.applicant.ok('messages', 'inbox', {})).total).toBe(before + 1)
  })
})

describe('常见问答: edited by the union’s staff only', () => {
  let gw: TestGateway
  const as = {} as Record<Persona, Caller>
  beforeAll(async () => {
    gw = await startGateway()
    for (const [p, openid] of Object.entries(PERSONA_OPENIDS)) as[p as Persona] = gw.as(await gw.login(openid))
  })
  afterAll(() => gw.close())

  test('add, edit, order and hide in one’s own union; another union’s staff cannot touch it', async () => {
    const county = await as.countyStaff.ok('legalAid', 'manageFaqs', {})
    expect(county.orgName).toBe('乐陵市总工会')
    const orgId = county.orgId
    const added = await as.countyStaff.ok('legalAid', 'saveFaq', {
      orgId,
      category: 'wage',
      question: '工资被克扣怎么办？',
      answer: '单位无故克扣工资的，可以向劳动保障监察投诉，或申请劳动仲裁。',
    })
    const wage = () => as.applicant.ok('legalAid', 'faqs', { category: 'wage' }).then((r) => r.items.map((i) => i.id))
    expect((await wage()).at(-1)).toBe(added.id)
    // order: up once puts it before the last seeded one
    const moved = await as.countyStaff.ok('legalAid', 'moveFaq', { id: added.id, direction: 'up' })
    const wageIds = moved.items.filter((i) => i.category === 'wage').map((i) => i.id)
    expect(wageIds.indexOf(added.id)).toBe(wageIds.length - 2)
    expect(await wage()).toEqual(wageIds)
    // edit and hide: gone from the worker's list, still in the staff's
    const edited = await as.countyStaff.ok('legalAid', 'saveFaq', {
      id: added.id,
      orgId,
      category: 'wage',
      question: '工资被克扣了怎么办？',
      answer: added.answer,
      hidden: true,
    })
    expect(edited).toMatchObject({ hidden: true, question: '工资被克扣了怎么办？' })
    expect(await wage()).not.toContain(added.id)
    expect((await as.countyStaff.ok('legalAid', 'manageFaqs', {})).items.map((i) => i.id)).toContain(added.id)

    // another union's staff: refused on the county's list, its entries, and its own id games
    expect((await as.taishanStaff.call('legalAid', 'manageFaqs', { orgId })).error?.code).toBe('FORBIDDEN')
    expect(
      (
        await as.taishanStaff.call('legalAid', 'saveFaq', {
          id: added.id,
          orgId,
          category: 'wage',
          question: '改掉这条问答',
          answer: '别人的问答不能改动。',
        })
      ).status,
    ).toBe(403)
    expect((await as.taishanStaff.call('legalAid', 'moveFaq', { id: added.id, direction: 'down' })).status).toBe(403)
    const own = await as.taishanStaff.ok('legalAid', 'saveFaq', {
      orgId: 'org-taishan',
      category: 'injury',
      question: '车间受伤找谁？',
      answer: '先就医，再找车间主任和工会报告，保留诊断证明。',
    })
    const stolen = await as.taishanStaff.call('legalAid', 'saveFaq', {
      id: added.id,
      orgId: 'org-taishan',
      category: 'wage',
      question: '借用编号',
      answer: '用别家工会的编号改内容。',
    })
    expect(stolen.error?.code).toBe('NOT_FOUND')
    expect((await gw.store.get('legal_faqs', added.id)) as unknown).toMatchObject({ orgId, question: '工资被克扣了怎么办？' })
    // each union reads its own list
    expect((await as.applicant.ok('legalAid', 'faqs', { orgId: 'org-taishan' })).items.map((i) => i.id)).toEqual([own.id])
    // workers and lawyers do not edit
    expect(
      (await as.applicant.call('legalAid', 'saveFaq', { orgId, category: 'wage', question: '我来写', answer: '职工不能编辑常见问答。' })).status,
    ).toBe(403)
    expect((await as.lawyer.call('legalAid', 'manageFaqs', {})).status).toBe(403)
    // bad input by field
    const bad = await as.countyStaff.call('legalAid', 'saveFaq', { orgId, category: 'wage', question: '问', answer: '短' })
    expect(bad.error?.fields?.map((f) => f.path).sort()).toEqual(['answer', 'question'])
  })
})
