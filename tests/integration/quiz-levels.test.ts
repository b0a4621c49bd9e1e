import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'
import { campaignInput, createCampaign, rightAnswers } from './quiz-helpers'

/** 闯关: levels opening one a day, tries per day per level (best counts), lessons, the certificate and its check. */

const judge = (stem: string, level: number, answer = 1) => ({
  type: 'judge',
  stem,
  options: [],
  answer: [answer],
  explanation: `第 ${level + 1} 关解析`,
  level,
})
const levelsInput = (over: Record<string, unknown> = {}) =>
  campaignInput({
    questionsPerAttempt: 2,
    passScore: 2,
    drawsPerPass: 2,
    levelOpening: 'daily',
    levels: [
      {
        title: '劳动合同',
        questionsPerAttempt: 2,
        passScore: 2,
        attemptsPerDay: 2,
        lessonText: '劳动合同应当采用书面形式。',
        lessonVideo: 'https://example.cn/v/1.mp4',
      },
      { title: '工伤保险', questionsPerAttempt: 2, passScore: 1, attemptsPerDay: 3 },
    ],
    questions: [
      judge('用人单位可以不签书面劳动合同。', 0),
      judge('试用期可以不缴社保。', 0),
      judge('上下班途中受到非本人主要责任的交通事故伤害，属于工伤。', 1, 0),
      judge('工伤职工的医疗费由本人承担。', 1),
    ],
    ...over,
  })

describe.each([['sqlite'], ['cloudbase']] as const)('levels over %s', (backend) => {
  let gw: TestGateway
  const tokens: Record<string, string> = {}
  const q = <A extends ActionName<'quiz'>>(who: string, action: A, ...data: Data<'quiz', A>) => gw.as(tokens[who]).call('quiz', action, ...data)
  beforeAll(async () => {
    gw = await startGateway({ backend })
    for (const who of ['demo-worker', 'demo-courier', 'demo-staff']) tokens[who] = await gw.login(who)
  })
  afterAll(() => gw.close())
  beforeEach(() => {
    gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
  })

  /** One try of a level: all right, or all wrong. */
  async function play(who: string, campaignId: string, level: number, right: boolean) {
    const s = await q(who, 'start', { campaignId, level })
    // A refused start is the answer (its error), typed as the submit's so callers read one shape.
    if (s.status !== 200) return { ok: false as const, error: s.error!, status: s.status }
    const answers = await rightAnswers(gw, s.data!.attemptId)
    const sent = right ? answers : Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, [v[0] === 0 ? 1 : 0]]))
    return q(who, 'submit', { attemptId: s.data!.attemptId, answers: sent })
  }

  test('levels open one a day, each needs the one before, tries are per level per day and the best counts', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'], levelsInput({ startAt: '2026-11-23T00:00:00+08:00' }))
    let c = (await q('demo-worker', 'campaign', { campaignId: id })).data!
    expect(c.levels.map((l: { open: boolean; opensOn: string }) => [l.open, l.opensOn])).toEqual([
      [true, '2026-11-23'],
      [false, '2026-11-24'],
    ])
    expect(c.levels[0].hasLesson).toBe(true)
    // A level that has not opened, and a start without a level, are refused.
    const early = await q('demo-worker', 'start', { campaignId: id, level: 1 })
    expect(early.status).toBe(409)
    expect(early.error!.message).toContain('11月24日开放')
    expect((await q('demo-worker', 'start', { campaignId: id })).status).toBe(400)

    // Level 1 draws only from its own bank.
    const s = await q('demo-worker', 'start', { campaignId: id, level: 0 })
    expect(s.data!.level).toBe(0)
    expect(s.data!.questions.map((x: { stem: string }) => x.stem).sort()).toEqual(['用人单位可以不签书面劳动合同。', '试用期可以不缴社保。'])
    await q('demo-worker', 'submit', { attemptId: s.data!.attemptId, answers: {} })
    const second = await play('demo-worker', id, 0, false)
    expect(second.data!.passed).toBe(false)
    // Two tries a day for this level: the third is refused today.
    const third = await q('demo-worker', 'start', { campaignId: id, level: 0 })
    expect(third.status).toBe(409)
    expect(third.error!.message).toContain('第 1 关今天的 2 次机会已用完')

    // Next day: tries again; level 2 is open by date but needs level 1 passed.
    gw.clock.now = new Date('2026-11-24T09:00:00+08:00')
    const locked = await q('demo-worker', 'start', { campaignId: id, level: 1 })
    expect(locked.status).toBe(409)
    expect(locked.error!.message).toContain('先通过第 1 关')
    const pass = await play('demo-worker', id, 0, true)
    expect(pass.data!).toMatchObject({ passed: true, score: 2, drawsGranted: 0 })
    expect(pass.data!.certificateCode).toBeUndefined()
    // A worse try later never lowers the best.
    await play('demo-worker', id, 0, false)
    c = (await q('demo-worker', 'campaign', { campaignId: id })).data!
    expect(c.levels[0]).toMatchObject({ passed: true, bestScore: 2, triesLeftToday: 0 })
    expect(c.levels[1]).toMatchObject({ open: true, reachable: true, passed: false, bestScore: null, triesLeftToday: 3 })
    expect(c.certificateCode).toBeNull()
    expect(c.drawsLeft).toBe(0)

    // Passing the last level completes the campaign: a certificate and the campaign's draws.
    const last = await play('demo-worker', id, 1, true)
    expect(last.data!.certificateCode).toMatch(/^ZS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/)
    expect(last.data!.drawsGranted).toBe(2)
    c = (await q('demo-worker', 'campaign', { campaignId: id })).data!
    expect(c.certificateCode).toBe(last.data!.certificateCode)
    expect(c.drawsLeft).toBe(2)
    // Passing a level again grants nothing more.
    const again = await play('demo-worker', id, 1, true)
    expect(again.data!.drawsGranted).toBe(0)
    expect((await q('demo-worker', 'campaign', { campaignId: id })).data!.drawsLeft).toBe(2)

    const lesson = await q('demo-courier', 'lesson', { campaignId: id, level: 0 })
    expect(lesson.data!).toMatchObject({ title: '劳动合同', text: '劳动合同应当采用书面形式。', video: 'https://example.cn/v/1.mp4', images: [] })
  })

  test('levels opening all at once; a campaign without levels keeps one bank and per-pass draws', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'], levelsInput({ levelOpening: 'all' }))
    const c = (await q('demo-courier', 'campaign', { campaignId: id })).data!
    expect(c.levels.every((l: { open: boolean }) => l.open)).toBe(true)
    expect(c.levels.map((l: { reachable: boolean }) => l.reachable)).toEqual([true, false])
    const plain = await createCampaign(gw, tokens['demo-staff'])
    const p = (await q('demo-courier', 'campaign', { campaignId: plain.id })).data!
    expect(p.levels).toEqual([])
    const r = await play('demo-courier', plain.id, 0, true)
    expect(r.status).toBe(200)
  })

  test('a question in a level that does not exist, a bad lesson link, a pass mark above the count: refused by field', async () => {
    const r = await q(
      'demo-staff',
      'upsertCampaign',
      levelsInput({
        levels: [{ title: '一', questionsPerAttempt: 1, passScore: 2, attemptsPerDay: 1, lessonVideo: 'http://example.cn/v.mp4' }],
        questions: [judge('题', 3)],
      }),
    )
    expect(r.status).toBe(400)
    const paths = r.error!.fields!.map((f: { path: string }) => f.path)
    expect(paths).toEqual(expect.arrayContaining(['levels.0.passScore', 'levels.0.lessonVideo', 'questions.0.level']))
  })

  test('the certificate verifies by its code, masked; a wrong or erased code does not', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'], levelsInput({ levelOpening: 'all' }))
    await play('demo-courier', id, 0, true)
    const done = await play('demo-courier', id, 1, true)
    const code = done.data!.certificateCode!
    const mine = await q('demo-courier', 'myCertificate', { campaignId: id })
    expect(mine.data!).toMatchObject({ code, campaignTitle: '劳动法律知识竞赛', day: '2026-11-23' })
    expect(mine.data!.name.length).toBeGreaterThan(1)
    expect(mine.data!.orgName).toBeTruthy()
    // Anyone checks it, typed with or without dashes, in lower case.
    const check = await q('demo-worker', 'verifyCertificate', { code: code.toLowerCase().replace(/-/g, ' ') })
    expect(check.data!).toMatchObject({ valid: true, code, campaignTitle: '劳动法律知识竞赛', day: '2026-11-23' })
    expect(check.data!.nameMasked).toMatch(/\*/)
    expect(check.data!.nameMasked).not.toBe(mine.data!.name)
    expect(JSON.stringify(check.data!)).not.toContain(mine.data!.name)
    const wrongCode = code.slice(0, -1) + (code.endsWith('Z') ? 'Y' : 'Z')
    expect((await q('demo-worker', 'verifyCertificate', { code: wrongCode })).data!.valid).toBe(false)
    const bad = await q('demo-worker', 'verifyCertificate', { code: 'ZS-12' })
    expect(bad.status).toBe(400)
    expect(bad.error!.fields![0].message).toContain('ZS 开头')
    // The name is stored encrypted.
    const raw = (gw.store as unknown as { rawDump(c: string): string[] }).rawDump('quiz_certificates').join('\n')
    expect(raw).not.toContain(mine.data!.name)
    // Someone else has none; and after 删除我的数据 the code no longer verifies.
    expect((await q('demo-worker', 'myCertificate', { campaignId: id })).data!).toBeNull()
    expect((await gw.as(tokens['demo-courier']).call('profile', 'deleteMyData', {})).status).toBe(200)
    expect((await q('demo-worker', 'verifyCertificate', { code })).data!.valid).toBe(false)
  })

  test('a rush of submits completing the last level certifies once and grants the draws once', async () => {
    const { id } = await createCampaign(gw, tokens['demo-staff'], levelsInput({ levelOpening: 'all' }))
    await play('demo-worker', id, 0, true)
    // Several open tries of the last level at once (two tabs, replays): each submitted concurrently.
    const first = await q('demo-worker', 'start', { campaignId: id, level: 1 })
    const base = (await gw.store.get('quiz_attempts', first.data!.attemptId)) as Record<string, unknown>
    const ids = [first.data!.attemptId as string]
    for (let i = 0; i < 7; i++) {
      const copyId = `${first.data!.attemptId}x${i}`
      await gw.store.insert('quiz_attempts', { ...base, _id: copyId })
      ids.push(copyId)
    }
    const answers = await rightAnswers(gw, ids[0])
    const results = await Promise.all(ids.map((attemptId) => q('demo-worker', 'submit', { attemptId, answers })))
    expect(results.every((r) => r.status === 200 && r.data!.passed)).toBe(true)
    expect(results.reduce((s, r) => s + r.data!.drawsGranted, 0)).toBe(2)
    const codes = new Set(results.map((r) => r.data!.certificateCode).filter(Boolean))
    expect(codes.size).toBe(1)
    const c = (await q('demo-worker', 'campaign', { campaignId: id })).data!
    expect(c.drawsLeft).toBe(2)
    const player = (await gw.store.get('quiz_players', `${id}:${'demo-worker'}`)) as { levelsPassed: number } | null
    expect(player?.levelsPassed).toBe(2)
    expect(await gw.store.count('quiz_certificates', { campaignId: id })).toBe(1)
  })
})
