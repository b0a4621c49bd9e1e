import iconv from 'iconv-lite'
import { createHash, createHmac } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { openExport, uploadId } from './file-helpers'
import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'
import { campaignInput, createCampaign, grantDraws, rightAnswers } from './quiz-helpers'
import quizModule from '../../cloudfunctions/quiz/module'
import { systemCtx } from '../../cloudfunctions/_core/contract'
import { silentLogger } from '../../cloudfunctions/_core/log'

let gw: TestGateway
const tokens: Record<string, string> = {}
const q = <A extends ActionName<'quiz'>>(who: string, action: A, ...data: Data<'quiz', A>) => gw.as(tokens[who]).call('quiz', action, ...data)

beforeAll(async () => {
  gw = await startGateway()
  for (const who of ['demo-worker', 'demo-courier', 'demo-parent', 'demo-staff', 'demo-staff-taishan', 'demo-admin'])
    tokens[who] = await gw.login(who)
})
afterAll(() => gw.close())
beforeEach(() => {
  gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
})

describe('campaign setup', () => {
  test('creating commits to a seed: seedHash is a SHA-256 and the seed is never returned', async () => {
    const r = await q('demo-staff', 'upsertCampaign', campaignInput())
    expect(r.status).toBe(200)
    expect(r.data!.seedHash).toMatch(/^[0-9a-f]{64}$/)
    const doc = (await gw.store.get('quiz_campaigns', r.data!.id)) as any
    expect(createHash('sha256').update(doc.seed, 'utf8').digest('hex')).toBe(r.data!.seedHash)
    const list = await q('demo-worker', 'listCampaigns')
    expect(JSON.stringify(list.data)).not.toContain(doc.seed)
    const edit = await q('demo-staff', 'getCampaign', { id: r.data!.id })
    expect(JSON.stringify(edit.data)).not.toContain(doc.seed)
  })

  test('invalid settings are refused field by field, in Chinese', async () => {
    const r = await q(
      'demo-staff',
      'upsertCampaign',
      campaignInput({
        passScore: 9,
        prizes: [
          { name: '礼盒', kind: 'goods', quantity: 1, weight: 9000 },
          { name: '话费', kind: 'phone_credit', quantity: 1, weight: 2000 },
        ],
        questions: [{ type: 'single', stem: '题', options: ['甲', '乙'], answer: [0, 1] }],
      }),
    )
    expect(r.status).toBe(400)
    const paths = r.error!.fields!.map((f: { path: string }) => f.path)
    expect(paths).toEqual(expect.arrayContaining(['passScore', 'prizes', 'questions.0.answer']))
    expect(r.error!.fields!.find((f: { path: string }) => f.path === 'prizes')!.message).toContain('不能超过 10000')
  })

  test('prizes and weights are fixed once the campaign has started', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'])
    const r = await q(
      'demo-staff',
      'upsertCampaign',
      campaignInput({ id, prizes: [{ name: '乐陵金丝小枣礼盒', kind: 'goods', quantity: 10, weight: 9000 }] }),
    )
    expect(r.error).toMatchObject({ code: 'CONFLICT' })
    const ok = await q('demo-staff', 'upsertCampaign', campaignInput({ id, title: '劳动法律知识竞赛（第二期）' }))
    expect(ok.status).toBe(200)
  })
})

describe('scope', () => {
  test('staff of another union cannot read, edit, close or export a county campaign; the county admin can', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'])
    for (const [action, data] of [
      ['getCampaign', { id }],
      ['stats', { campaignId: id }],
      ['exportWinners', { campaignId: id }],
      ['closeCampaign', { id }],
      ['upsertCampaign', campaignInput({ id })],
      ['importQuestions', { campaignId: id, csv: '题型,题干,选项,答案\n判断,天是蓝的,,正确' }],
    ] as const) {
      const r = await q('demo-staff-taishan', action, data)
      expect({ action, code: r.error?.code }).toEqual({ action, code: 'FORBIDDEN' })
    }
    expect((await q('demo-admin', 'stats', { campaignId: id })).status).toBe(200)
    const mine = await q('demo-staff-taishan', 'managedCampaigns')
    expect(mine.data!.items.map((c: { id: string }) => c.id)).not.toContain(id)
  })
})

describe('attempts', () => {
  test('start sends no answers or explanations; the right answers score full marks and grant a draw', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'])
    const s = await q('demo-worker', 'start', { campaignId: id })
    expect(s.status).toBe(200)
    const text = JSON.stringify(s.data)
    expect(text).not.toMatch(/answer|explanation|perm/)
    expect(text).not.toContain('年终奖不是')
    expect(s.data!.questions).toHaveLength(3)
    const judge = s.data!.questions.find((x: { type: string }) => x.type === 'judge')
    expect(judge!.options).toEqual(['正确', '错误'])
    const answers = await rightAnswers(gw, s.data!.attemptId)
    gw.clock.now = new Date(gw.clock.now.getTime() + 60_000)
    const r = await q('demo-worker', 'submit', { attemptId: s.data!.attemptId, answers })
    expect(r.data!).toMatchObject({ score: 3, total: 3, passed: true, drawsGranted: 1 })
    expect(r.data!.review.every((x: { correct: boolean; explanation: string }) => x.correct && x.explanation)).toBe(true)
    // the review reports the right answer in the positions this person saw
    for (const x of r.data!.review) expect(x.answer).toEqual(answers[x.questionId])
  })

  test('a wrong, a partial multiple choice and a blank answer each score nothing', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'])
    const s = await q('demo-courier', 'start', { campaignId: id })
    const right = await rightAnswers(gw, s.data!.attemptId)
    const answers: Record<string, number[]> = {}
    for (const x of s.data!.questions) {
      if (x.type === 'multiple')
        answers[x.id] = right[x.id].slice(0, 2) // two of the three right options
      else if (x.type === 'single') answers[x.id] = [(right[x.id][0] + 1) % 4]
    }
    gw.clock.now = new Date(gw.clock.now.getTime() + 30_000)
    const r = await q('demo-courier', 'submit', { attemptId: s.data!.attemptId, answers })
    expect(r.data!).toMatchObject({ score: 0, passed: false, drawsGranted: 0 })
  })

  test('a replayed or second submit is refused, and so is one after the deadline', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'])
    const s = await q('demo-parent', 'start', { campaignId: id })
    const answers = await rightAnswers(gw, s.data!.attemptId)
    gw.clock.now = new Date(gw.clock.now.getTime() + 40_000)
    const twice = await Promise.all([1, 2, 3].map(() => q('demo-parent', 'submit', { attemptId: s.data!.attemptId, answers })))
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409, 409])
    const p = (await gw.store.get('quiz_players', `${id}:demo-parent`)) as any
    expect(p.drawsLeft).toBe(1)
    const again = await q('demo-parent', 'submit', { attemptId: s.data!.attemptId, answers })
    expect(again.error!.code).toBe('CONFLICT')

    const late = await q('demo-parent', 'start', { campaignId: id })
    gw.clock.now = new Date(gw.clock.now.getTime() + 300_000 + 16_000)
    const r = await q('demo-parent', 'submit', { attemptId: late.data!.attemptId, answers: await rightAnswers(gw, late.data!.attemptId) })
    expect(r.error).toMatchObject({ code: 'CLOSED', message: '答题时间已到，本次作答无效' })
  })

  test('someone else cannot submit my attempt', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'])
    const s = await q('demo-worker', 'start', { campaignId: id })
    const r = await q('demo-courier', 'submit', { attemptId: s.data!.attemptId, answers: {} })
    expect(r.error!.code).toBe('NOT_FOUND')
  })

  test('attempts per day are counted in Beijing days: 23:59 is still today, 00:00 is tomorrow', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'], { attemptsPerDay: 2 })
    const who = await gw.login('day-boundary')
    const go = async () => {
      const s = await gw.as(who).call('quiz', 'start', { campaignId: id })
      if (s.status === 200) await gw.as(who).call('quiz', 'submit', { attemptId: s.data!.attemptId, answers: {} })
      return s
    }
    gw.clock.now = new Date('2026-11-23T00:00:30+08:00') // 2026-11-22 16:00:30 UTC: a UTC day would call this the 22nd
    expect((await go()).status).toBe(200)
    gw.clock.now = new Date('2026-11-23T23:59:00+08:00')
    expect((await go()).status).toBe(200)
    const third = await go()
    expect(third.error).toMatchObject({ code: 'CONFLICT' })
    expect(third.error!.message).toContain('用完')
    gw.clock.now = new Date('2026-11-24T00:00:05+08:00')
    expect((await go()).status).toBe(200)
  })

  test('ten concurrent starts with 3 attempts a day open at most 3 attempts', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'])
    const who = await gw.login('rush-starter')
    // each start finds no open attempt only if it is first; reopen resumes; so count distinct attempt ids + refusals
    const rs = await Promise.all(Array.from({ length: 10 }, () => gw.as(who).call('quiz', 'start', { campaignId: id })))
    const counter = (await gw.store.get('quiz_day_counts', `${id}:rush-starter:2026-11-23`)) as any
    expect(counter.n).toBeLessThanOrEqual(3)
    expect(await gw.store.count('quiz_attempts', { campaignId: id, openid: 'rush-starter' })).toBe(counter.n)
    expect(rs.every((r) => r.status === 200 || r.error!.code === 'CONFLICT')).toBe(true)
  })

  test('an attempt finished faster than 2 s a question is flagged for staff', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'])
    const s = await q('demo-worker', 'start', { campaignId: id })
    gw.clock.now = new Date(gw.clock.now.getTime() + 3_000)
    await q('demo-worker', 'submit', { attemptId: s.data!.attemptId, answers: await rightAnswers(gw, s.data!.attemptId) })
    const st = await q('demo-staff', 'stats', { campaignId: id })
    expect(st.data!.flaggedCount).toBe(1)
    expect(st.data!.flagged[0]).toMatchObject({ nameMasked: '王**', score: 3, seconds: 3 })
    expect(st.data!).toMatchObject({ participants: 1, attempts: 1, passed: 1, passRate: 1 })
    expect(st.data!.questions.every((x: { asked: number; rate: number }) => x.asked === 1 && x.rate === 1)).toBe(true)
  })

  test('a members-only campaign refuses a non-member', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'], { audience: 'members' })
    const r = await q('demo-courier', 'start', { campaignId: id })
    expect(r.error).toMatchObject({ code: 'FORBIDDEN' })
  })

  test('a campaign not yet started or already ended refuses to start', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'], { startAt: '2026-12-01T00:00:00+08:00' })
    expect((await q('demo-worker', 'start', { campaignId: id })).error).toMatchObject({ code: 'CLOSED', message: '活动还没有开始' })
  })
})

/** Draw 1 of `openid` as a request that died mid-way leaves it: written, pending, its lease running `leaseMs`. */
async function insertCutOffDraw(drawId: string, campaignId: string, openid: string, leaseMs: number) {
  await gw.store.insert('quiz_draws', {
    _id: drawId,
    campaignId,
    openid,
    nameMasked: '微*',
    n: 1,
    status: 'pending',
    value: 42,
    intendedIndex: 0,
    issued: false,
    prizeId: null,
    prizeName: null,
    kind: null,
    at: gw.clock.now.toISOString(),
    day: '2026-11-23',
    leaseUntil: new Date(gw.clock.now.getTime() + leaseMs).toISOString(),
  })
}

describe('draws, claims and fairness', () => {
  test('no right, no draw; a draw spends exactly one right', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'])
    expect((await q('demo-courier', 'draw', { campaignId: id })).error!.code).toBe('CONFLICT')
    await grantDraws(gw, id, ['demo-courier'], 2)
    const a = await q('demo-courier', 'draw', { campaignId: id })
    const b = await q('demo-courier', 'draw', { campaignId: id })
    expect([a.data!.drawsLeft, b.data!.drawsLeft]).toEqual([1, 0])
    expect(a.data!.drawId).not.toBe(b.data!.drawId)
    expect((await q('demo-courier', 'draw', { campaignId: id })).error!.code).toBe('CONFLICT')
  })

  test('draws are rate-limited per person', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'])
    const who = await gw.login('rate-drawer')
    await grantDraws(gw, id, ['rate-drawer'], 20)
    const codes: string[] = []
    for (let i = 0; i < 12; i++) codes.push((await gw.as(who).call('quiz', 'draw', { campaignId: id })).error?.code ?? 'ok')
    expect(codes.slice(0, 10).every((c) => c === 'ok')).toBe(true)
    expect(codes.slice(10)).toEqual(['RATE_LIMITED', 'RATE_LIMITED'])
  })

  test('a draw interrupted after spending its right is finished with the same id and outcome on retry', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'], { prizes: [{ name: '话费', kind: 'phone_credit', quantity: 5, weight: 10000 }] })
    const who = await gw.login('crashy')
    await grantDraws(gw, id, ['crashy'], 1)
    // simulate the crash: the transaction's writes happened, the settle did not
    const drawId = `${id}.${createHash('sha256').update(`${id}:crashy`).digest('hex').slice(0, 16)}.1`
    await gw.store.update('quiz_players', { _id: `${id}:crashy` }, { set: { drawsLeft: 0, drawsUsed: 1 } })
    await insertCutOffDraw(drawId, id, 'crashy', 30_000)
    // while the lease of the interrupted request runs, nobody else settles the draw
    expect((await gw.as(who).call('quiz', 'draw', { campaignId: id })).error!.code).toBe('CONFLICT')
    gw.clock.now = new Date(gw.clock.now.getTime() + 91_000)
    const retry = await gw.as(who).call('quiz', 'draw', { campaignId: id })
    expect(retry.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('正在确认') })
    // The timer finishes it with the same id and outcome: the unit is taken now, once.
    gw.clock.now = new Date(gw.clock.now.getTime() + 3 * 60_000)
    expect(await quizModule.onTimer!(systemCtx({ store: gw.store, now: () => gw.clock.now, log: silentLogger }))).toMatchObject({ drawsSettled: 1 })
    expect(await gw.store.get('quiz_draws', drawId)).toMatchObject({ status: 'settled', issued: true, prizeName: '话费' })
    expect(((await gw.store.get('quiz_prizes', `${id}.p0`)) as any).remaining).toBe(4)
    expect((await gw.as(who).call('quiz', 'myPrizes', {})).data!.items.map((p: { drawId: string }) => p.drawId)).toContain(drawId)
  })

  test('a draw cut off after taking its unit keeps that unit: settled as won by the timer, no second unit, no unit lost', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'], { prizes: [{ name: '话费', kind: 'phone_credit', quantity: 5, weight: 10000 }] })
    const who = 'crashy2'
    await grantDraws(gw, id, [who], 2)
    const drawId = `${id}.${createHash('sha256').update(`${id}:${who}`).digest('hex').slice(0, 16)}.1`
    // the request died after the stock step: right spent, unit taken, the draw still pending
    await gw.store.update('quiz_players', { _id: `${id}:${who}` }, { set: { drawsLeft: 1, drawsUsed: 1 } })
    await gw.store.update('quiz_prizes', { _id: `${id}.p0` }, { inc: { remaining: -1 }, set: { touchedAt: gw.clock.now.toISOString() } })
    await insertCutOffDraw(drawId, id, who, 90_000)
    const ctx = () => systemCtx({ store: gw.store, now: () => gw.clock.now, log: silentLogger })
    // While the prize is not yet quiet, the timer leaves it alone.
    gw.clock.now = new Date(gw.clock.now.getTime() + 100_000)
    expect(await quizModule.onTimer!(ctx())).toMatchObject({ drawsSettled: 0 })
    gw.clock.now = new Date(gw.clock.now.getTime() + 60_000)
    expect(await quizModule.onTimer!(ctx())).toMatchObject({ drawsSettled: 1 })
    expect(await gw.store.get('quiz_draws', drawId)).toMatchObject({ status: 'settled', issued: true })
    expect(((await gw.store.get('quiz_prizes', `${id}.p0`)) as any).remaining).toBe(4)
    // The person's second draw takes the next unit and the next id.
    const second = await gw.as(await gw.login(who)).call('quiz', 'draw', { campaignId: id })
    expect(second.data!).toMatchObject({ drawId: drawId.replace(/\.1$/, '.2'), won: true, drawsLeft: 0 })
    expect(((await gw.store.get('quiz_prizes', `${id}.p0`)) as any).remaining).toBe(3)
    expect(await gw.store.count('quiz_draws', { campaignId: id, issued: true })).toBe(2)
  })

  test('a winner claims goods: phone and address are stored encrypted, shown masked, claimed once; winners are masked', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'], {
      prizes: [{ name: '乐陵金丝小枣礼盒', kind: 'goods', quantity: 5, weight: 10000 }],
    })
    await grantDraws(gw, id, ['demo-worker'], 1)
    const d = await q('demo-worker', 'draw', { campaignId: id })
    expect(d.data!).toMatchObject({ won: true, prize: { name: '乐陵金丝小枣礼盒', kind: 'goods' } })
    const missing = await q('demo-worker', 'claim', { drawId: d.data!.drawId })
    expect(missing.error!.fields!.map((f: { path: string }) => f.path).sort()).toEqual(['address', 'name', 'phone'])
    const c = await q('demo-worker', 'claim', {
      drawId: d.data!.drawId,
      name: '王建国',
      phone: '13912345678',
      address: '山东省乐陵市市中街道兴隆南大街 66 号',
    })
    expect(c.data!).toMatchObject({ claimStatus: 'claimed', phoneMasked: '139****5678', addressMasked: '山东省乐陵市****' })
    const raw = JSON.stringify(await gw.store.get('quiz_draws', d.data!.drawId))
    expect(raw).not.toContain('13912345678')
    expect(raw).not.toContain('兴隆南大街')
    expect(
      (await q('demo-worker', 'claim', { drawId: d.data!.drawId, name: '王建国', phone: '13912345678', address: '乐陵市某地 1 号' })).error!.code,
    ).toBe('CONFLICT')
    expect((await q('demo-courier', 'claim', { drawId: d.data!.drawId, phone: '13912345678' })).error!.code).toBe('NOT_FOUND')
    const mine = await q('demo-worker', 'myPrizes')
    expect(mine.data!.items[0]).toMatchObject({ drawId: d.data!.drawId, claimStatus: 'claimed' })
    const w = await q('demo-courier', 'winners', { campaignId: id })
    expect(w.data!.items).toEqual([expect.objectContaining({ nameMasked: '王**', prizeName: '乐陵金丝小枣礼盒' })])
    const ex = await q('demo-staff', 'exportWinners', { campaignId: id })
    expect(ex.data!.rows).toBe(1)
    const ws = (await openExport(gw, ex.data!)).worksheets[0]
    // header, one winner, and the campaign's name under them
    expect(ws.actualRowCount).toBe(3)
    expect(ws.getRow(1).values).toContain('奖品')
    expect(ws.getRow(2).values).toContain('乐陵金丝小枣礼盒')
  })

  test('a voucher claim returns a code', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'], { prizes: [{ name: '50 元消费券', kind: 'voucher', quantity: 5, weight: 10000 }] })
    await grantDraws(gw, id, ['demo-parent'], 1)
    const d = await q('demo-parent', 'draw', { campaignId: id })
    const c = await q('demo-parent', 'claim', { drawId: d.data!.drawId })
    expect(c.data!.voucherCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/)
  })

  test('after the end, every draw recomputes from the revealed seed with plain HMAC-SHA256', async () => {
    const prizes = [
      { name: '礼盒', kind: 'goods', quantity: 3, weight: 2500 },
      { name: '话费', kind: 'phone_credit', quantity: 2, weight: 2500 },
      { name: '红包', kind: 'red_packet', quantity: 50, weight: 2500 },
    ]
    const { id, seedHash } = await createCampaign(gw, tokens['demo-staff'], { prizes })
    const people = Array.from({ length: 40 }, (_, i) => `fair-${i}`)
    await grantDraws(gw, id, people, 1)
    for (const p of people) await gw.call('quiz', { action: 'draw', data: { campaignId: id } }, await gw.login(p))
    const before = await q('demo-worker', 'fairness', { campaignId: id })
    expect(before.data!.seed).toBeUndefined()
    expect(before.data!.draws[0].value).toBeUndefined()
    const closed = await q('demo-staff', 'closeCampaign', { id })
    expect(closed.status).toBe(200)
    const f = (await q('demo-worker', 'fairness', { campaignId: id })).data!
    expect(f.seed).toMatch(/^[0-9a-f]{64}$/)
    expect(createHash('sha256').update(f.seed!).digest('hex')).toBe(seedHash)
    expect(f.draws).toHaveLength(40)
    const issuedBy = new Map<string, number>()
    for (const d of f.draws) {
      const v = Number(createHmac('sha256', f.seed!).update(d.drawId).digest().readBigUInt64BE(0) % 10000n)
      const idx = v < 2500 ? 0 : v < 5000 ? 1 : v < 7500 ? 2 : -1
      expect({ id: d.drawId, v: d.value, idx: d.intendedIndex, name: d.intended }).toEqual({
        id: d.drawId,
        v,
        idx,
        name: idx < 0 ? '谢谢参与' : prizes[idx].name,
      })
      if (d.issued) {
        expect(idx).toBeGreaterThanOrEqual(0)
        issuedBy.set(d.intended, (issuedBy.get(d.intended) ?? 0) + 1)
      }
    }
    // intended but out of stock → 谢谢参与, never another prize
    expect(issuedBy.get('礼盒') ?? 0).toBeLessThanOrEqual(3)
    expect(issuedBy.get('话费') ?? 0).toBeLessThanOrEqual(2)
    expect((await q('demo-worker', 'start', { campaignId: id })).error!.code).toBe('CLOSED')
    expect((await q('demo-worker', 'draw', { campaignId: id })).error!.code).toBe('CLOSED')
  })
})

describe('import', () => {
  test('a CSV is checked row by row; good rows are added, bad ones reported with reasons', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'])
    const csv = [
      '题型,题干,选项,答案,解析',
      '单选,劳动争议仲裁时效为多久？,六个月|一年|二年|三年,B,仲裁时效一年',
      '多选,高温作业单位应当做到哪些？,发放高温津贴|提供防暑饮料|延长工时,AB,',
      '判断,快递员可以加入工会。,,正确,',
      '填空,这一行题型不对,甲|乙,A,',
      '单选,答案超出选项,甲|乙,C,',
      '判断,判断题答案写错,,也许,',
      '单选,劳动争议仲裁时效为多久？,六个月|一年,A,',
      '单选,,甲|乙,A,',
    ].join('\n')
    const r = await q('demo-staff', 'importQuestions', { campaignId: id, csv })
    expect(r.status).toBe(200)
    expect(r.data!.added).toBe(3)
    const bad = Object.fromEntries(
      r.data!.rows.filter((x: { ok: boolean }) => !x.ok).map((x: { row: number; errors: string[] }) => [x.row, x.errors.join('；')]),
    )
    expect(bad[5]).toContain('题型应为')
    expect(bad[6]).toContain('超出了选项范围')
    expect(bad[7]).toContain('正确')
    expect(bad[8]).toContain('重复')
    expect(bad[9]).toContain('请填写题干')
    const edit = await q('demo-staff', 'getCampaign', { id })
    expect(edit.data!.questions).toHaveLength(6)
  })

  test('an uploaded .xlsx with 选项A…选项D columns imports the same way, and the upload is removed once imported', async () => {
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('题库')
    ws.addRow(['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析'])
    ws.addRow(['单选', '每日工作时间一般不超过几小时？', '6', '8', '10', '12', 'B', '劳动法第三十六条'])
    ws.addRow(['判断', '可以扣押身份证。', '', '', '', '', '错误', ''])
    const { id } = await createCampaign(gw, tokens['demo-staff'])
    const fileId = await uploadId(gw, 'sheet', '题库.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), tokens['demo-staff'])
    const data = { campaignId: id, fileId, replace: true }
    expect(JSON.stringify({ action: 'importQuestions', data }).length).toBeLessThan(1000)
    const r = await gw.as(tokens['demo-staff']).call('quiz', 'importQuestions', data)
    expect(r.data!).toMatchObject({ added: 2 })
    const edit = await q('demo-staff', 'getCampaign', { id })
    expect(edit.data!.questions.map((x: { answer: number[] }) => x.answer)).toEqual([[1], [1]])
    expect(existsSync(join(gw.filesDir, fileId.slice('local://'.length)))).toBe(false)
  })

  test('a CSV saved by Excel on Chinese Windows (GBK) is decoded on the server', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'])
    const csv = '题型,题干,选项,答案\r\n判断,职工可以依法参加和组织工会。,,正确\r\n'
    const fileId = await uploadId(gw, 'sheet', '题库.csv', iconv.encode(csv, 'gbk'), tokens['demo-staff'])
    const r = await q('demo-staff', 'importQuestions', { campaignId: id, fileId })
    expect(r.data!.added).toBe(1)
    expect((await q('demo-staff', 'getCampaign', { id })).data!.questions.map((x: { stem: string }) => x.stem)).toContain(
      '职工可以依法参加和组织工会。',
    )
  })

  test("someone else's upload is refused naming the field; the campaign keeps its questions", async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'])
    const before = (await q('demo-staff', 'getCampaign', { id })).data!.questions.length
    const theirs = await uploadId(gw, 'sheet', '题库.csv', Buffer.from('题型,题干,选项,答案\n判断,天是蓝的,,正确'), tokens['demo-admin'])
    const r = await q('demo-staff', 'importQuestions', { campaignId: id, fileId: theirs, replace: true })
    expect(r.status).toBe(400)
    expect(r.error!.fields).toEqual([{ path: 'fileId', message: '表格文件不是您本人上传的，请重新上传' }])
    expect((await q('demo-staff', 'getCampaign', { id })).data!.questions).toHaveLength(before)
    const both = await q('demo-staff', 'importQuestions', { campaignId: id, fileId: theirs, csv: 'a' })
    expect(both.error!.fields![0].path).toBe('csv')
    const long = await q('demo-staff', 'importQuestions', { campaignId: id, csv: '判断,很长的题目,,正确\n'.repeat(2000) })
    expect(long.error!.fields![0]).toEqual({ path: 'csv', message: expect.stringContaining('选择文件') })
  })

  test('a file without the expected header is refused with a hint', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'])
    const r = await q('demo-staff', 'importQuestions', { campaignId: id, csv: 'a,b\n1,2' })
    expect(r.error!.code).toBe('VALIDATION_FAILED')
    expect(r.error!.message).toContain('表头')
  })
})
