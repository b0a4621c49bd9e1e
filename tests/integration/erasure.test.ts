import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { personalModules } from '../../cloudfunctions/_core/personal-registry'
import type { PersonalDecl } from '../../cloudfunctions/_core/personal'
import { COLLECTIONS, FUNCTION_NAMES } from '../../cloudfunctions/_local/registry'
import { CHILD_RULES_VERSION } from '../../src/contracts/childcare/privacy'
import { checkDigit } from '../../src/contracts/membership/idcard'
import { startGateway, type TestGateway } from './harness'
import childcareModule from '../../cloudfunctions/childcare/module'
import { systemCtx } from '../../cloudfunctions/_core/contract'
import { silentLogger } from '../../cloudfunctions/_core/log'
import type { SqliteStore } from '../../cloudfunctions/_core/store/sqlite'
import { uploadId } from './file-helpers'
import { PNG } from './legalaid-helpers'
import { campaignInput, grantDraws, rightAnswers } from './quiz-helpers'
import { childId, classInput } from '../utils/childcare'
import { applyForm } from '../utils/membership'
import { parseCheckinLink } from '../../src/contracts/stations/visits'

jest.setTimeout(60_000)

/**
 * 删除我的数据 against everything the modules declare. Each function folder's `personal.ts` says, for every
 * collection its `module.ts` uses, whether it holds personal data and how the deletion treats it. One person is
 * seeded into every collection through the real actions; after the deletion, every table of the store and every
 * file in storage is scanned for anything that names them.
 */

const OPENID = 'p-erase-subject'
const NAME = '欧阳清扬'
const PHONE = '13987654321'
const ID = ((first17: string) => first17 + checkDigit(first17))('37148119880512201')
const CHILD_NAME = '欧阳小雨'
const CHILD_ID = childId(901, 2019)

/** Collections a deletable person cannot be seeded into, and why (the test knows each by name). */
const CANNOT_SEED: Record<string, string> = {
  card_codes: 'only a member has card codes, and a membership is kept (listed), so its codes stay with it',
  cc_attendance: 'written by the deletion itself (kept, keyed by the ID hash)',
}

function declarations(): Map<string, PersonalDecl> {
  const out = new Map<string, PersonalDecl>()
  for (const [fn, m] of Object.entries(personalModules())) {
    for (const [name, decl] of Object.entries(m.collections)) {
      const prev = out.get(name)
      if (prev && JSON.stringify(prev) !== JSON.stringify(decl)) throw new Error(`${fn}/personal.ts declares ${name} unlike another module`)
      out.set(name, decl)
    }
  }
  return out
}

test('every collection any module uses is declared: whether it holds personal data and how 删除我的数据 treats it', () => {
  const decls = declarations()
  expect(Object.keys(personalModules()).sort()).toEqual([...FUNCTION_NAMES].sort())
  const undeclared = Object.keys(COLLECTIONS).filter((c) => !decls.has(c))
  expect(undeclared).toEqual([])
  const unknown = [...decls.keys()].filter((c) => !(c in COLLECTIONS))
  expect(unknown).toEqual([])
  for (const [name, d] of decls) {
    if ('none' in d) expect(d.none.length).toBeGreaterThan(1)
    else if (d.erase === 'keep') expect([name, d.what, d.reason, d.retention].every(Boolean)).toBe(true)
    else if (d.erase === 'domain') expect(d.how.length).toBeGreaterThan(2)
  }
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })
}

function tables(gw: TestGateway): string[] {
  const rows = (gw.store as unknown as SqliteStore).db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\'`)
    .all() as {
    name: string
  }[]
  return rows.map((r) => r.name.slice(2))
}

function rows(gw: TestGateway, collection: string): string[] {
  return ((gw.store as unknown as SqliteStore).db.prepare(`SELECT id, body FROM "c_${collection}"`).all() as { id: string; body: string }[]).map(
    (r) => `${r.id} ${r.body}`,
  )
}

describe('删除我的数据 over every domain', () => {
  let gw: TestGateway
  let token: string
  let staff: string
  const call = async (fn: string, action: string, data: unknown = {}, who = token) => {
    const r = await gw.call(fn, { action, data }, who)
    if (r.status !== 200) throw new Error(`${fn}.${action}: ${r.status} ${JSON.stringify(r.json)}`)
    return r.json.data
  }

  beforeAll(async () => {
    gw = await startGateway()
  })
  afterAll(() => gw.close())

  test('one person in every collection; afterwards nothing names them except what is listed as kept, with reason and retention', async () => {
    await gw.store.put('users', { _id: OPENID, name: NAME, grants: [] })
    token = await gw.login(OPENID)
    staff = await gw.login('demo-staff')

    // 个人信息: a verified phone
    await gw.store.put('profiles', { _id: OPENID, phoneCipher: 'cipher', phoneMasked: '139****4321', phone: PHONE })
    // 入会/会员认证: a WeChat-verified phone not yet used by a form
    await gw.store.put('membership_phone_checks', {
      _id: OPENID,
      checkId: 'chk-1',
      phoneCipher: 'cipher',
      phoneMasked: '139****4321',
      expiresAt: '2030-01-01T00:00:00Z',
    })
    // 入会: a pending application (ID number and phone), and a transfer request from an earlier membership
    await call('membership', 'apply', applyForm({ name: NAME, idNumber: ID, phone: PHONE }))
    await gw.store.insert('membership_transfers', {
      applicantOpenid: OPENID,
      memberName: NAME,
      status: 'rejected',
      requestedAt: '2026-01-01T00:00:00Z',
    })
    // 答题抽奖: attempt, day count, player, a won draw claimed with name, phone and address
    const campaign = await call(
      'quiz',
      'upsertCampaign',
      campaignInput({ prizes: [{ name: '乐陵金丝小枣礼盒', kind: 'goods', quantity: 10, weight: 10000 }] }),
      staff,
    )
    const s = await call('quiz', 'start', { campaignId: campaign.id })
    const answers = await rightAnswers(gw, s.attemptId)
    gw.clock.now = new Date(gw.clock.now.getTime() + 60_000)
    await call('quiz', 'submit', { attemptId: s.attemptId, answers })
    const draw = await call('quiz', 'draw', { campaignId: campaign.id })
    expect(draw.won).toBe(true)
    await call('quiz', 'claim', { drawId: draw.drawId, name: NAME, phone: PHONE, address: '乐陵市兴隆南大街 1 号' })
    // 驿站券: a voucher picked and claimed
    const vc = await call(
      'quiz',
      'upsertCampaign',
      campaignInput({ prizeMode: 'pick', prizes: [{ name: '驿站免费饮品一份', kind: 'voucher', quantity: 5, weight: 1, stationId: 'st-shizhong' }] }),
      staff,
    )
    await grantDraws(gw, vc.id, [OPENID], 1)
    const vp = await call('quiz', 'pick', { campaignId: vc.id, prizeId: `${vc.id}.p0` })
    await call('quiz', 'claim', { drawId: vp.drawId })
    // 闯关: one level passed, so a level record and a certificate
    const levels = await call(
      'quiz',
      'upsertCampaign',
      campaignInput({
        questionsPerAttempt: 1,
        passScore: 1,
        levelOpening: 'all',
        levels: [{ title: '第一关', questionsPerAttempt: 1, passScore: 1, attemptsPerDay: 1 }],
        questions: [{ type: 'judge', stem: '职工可以依法参加工会。', options: [], answer: [0], level: 0 }],
      }),
      staff,
    )
    const ls = await call('quiz', 'start', { campaignId: levels.id, level: 0 })
    const passed = await call('quiz', 'submit', { attemptId: ls.attemptId, answers: await rightAnswers(gw, ls.attemptId) })
    expect(passed.certificateCode).toBeTruthy()
    // 驿站: a report whose text gives the phone
    await call('stations', 'report', { id: 'st-ccb', kind: 'broken', text: `空调坏了，联系我 ${PHONE}` })
    // 驿站签到 with 「我是」: the visit loses its visitor, the count stays
    const poster = await call('stations', 'poster', { stationId: 'st-ccb', base: 'http://127.0.0.1/app' }, staff)
    await call('stations', 'checkin', { stationId: 'st-ccb', key: parseCheckinLink(poster.link)!.key, occupation: 'delivery' })
    await call('stations', 'confirmOpen', { id: 'st-ccb', open: true })
    // 法律援助: a case with a message, then withdrawn (finished: kept); evidence never attached; a stray upload
    const kase = await call('legalAid', 'submit', {
      category: 'wage',
      employer: '乐陵市宏达建筑工程有限公司',
      facts: `${NAME}在工地做钢筋工，老板拖欠 4 个月工资。`,
      claim: '要求支付拖欠工资 24000 元。',
      amount: 24000,
      phone: PHONE,
    })
    await call('legalAid', 'message', { caseId: kase.id, text: `我的电话是 ${PHONE}` })
    await call('legalAid', 'withdraw', { id: kase.id })
    const loose = await call('legalAid', 'upload', { name: '工资条.png', fileId: await uploadId(gw, 'evidence', '工资条.png', PNG, token) })
    const looseRef = ((await gw.store.get('legal_files', loose.id)) as unknown as { ref: string }).ref
    await uploadId(gw, 'evidence', '没用上.png', PNG, token)
    // 法律咨询: the question names them (deleted with their data)
    await call('legalAid', 'ask', { category: 'wage', question: `我是${NAME}，老板拖欠工资不给，电话 ${PHONE}，怎么办？` })
    // 消息中心
    await gw.store.insert('outbox', {
      openid: OPENID,
      template: 'x',
      title: '通知',
      body: `${NAME}您好`,
      createdAt: gw.clock.now.toISOString(),
      readAt: null,
    })

    // 暑期托管: consent, a child, a cancelled booking (history), a confirmed one checked in once; staff views logged
    gw.clock.now = new Date('2027-06-10T10:00:00+08:00')
    await call('childcare', 'giveConsent', { version: CHILD_RULES_VERSION, guardian: true })
    const child = await call('childcare', 'saveChild', {
      name: CHILD_NAME,
      gender: '男',
      idNumber: CHILD_ID,
      grade: 2,
      health: `过敏，联系 ${PHONE}`,
    })
    // 意向登记 for the child (the next season on offer, the first area)
    const intentOptions = await call('childcare', 'intentOptions')
    await call('childcare', 'registerIntent', {
      childId: child.id,
      season: intentOptions.seasons[0].season,
      areaId: intentOptions.areas[0].id,
      note: '',
    })
    const other = (await call('childcare', 'upsertClass', classInput({ title: '七月二班' }), staff)).id
    const classId = (await call('childcare', 'upsertClass', classInput({ title: '七月一班' }), staff)).id
    const first = (await call('childcare', 'book', { classId: other, childIds: [child.id], requestId: 'erase-req-1' })).bookings[0]
    await call('childcare', 'cancel', { bookingId: first.id })
    const booked = (await call('childcare', 'book', { classId, childIds: [child.id], requestId: 'erase-req-2' })).bookings[0]
    expect(booked.status).toBe('confirmed')
    const code = (await call('childcare', 'myBookings')).items.find((i: { id: string }) => i.id === booked.id).code
    gw.clock.now = new Date('2027-07-06T09:00:00+08:00')
    await call('childcare', 'checkIn', { code }, staff)
    await call('childcare', 'roster', { classId }, staff)
    gw.clock.now = new Date('2027-08-15T10:00:00+08:00') // the class has ended

    const hashes = [
      ...(await gw.store.find('applications', { where: { applicantOpenid: OPENID } })).map((d) => String(d.idHash)),
      ...(await gw.store.find('cc_children', { where: { parentOpenid: OPENID } })).map((d) => String(d.idHash)),
    ]
    const markers = [OPENID, NAME, PHONE, ID, CHILD_NAME, CHILD_ID, ...hashes]
    const names = (text: string) => markers.filter((m) => text.includes(m))

    // Every collection declared to hold personal data now holds this person's, or the test says why it cannot.
    const decls = declarations()
    const unseeded = [...decls]
      .filter(([name, d]) => !('none' in d) && d.erase !== 'keep' && !(name in CANNOT_SEED))
      .filter(([name]) => !rows(gw, name).some((r) => names(r).length))
      .map(([name]) => name)
    expect(unseeded).toEqual([])

    const res = await call('profile', 'deleteMyData')
    const kept = Object.fromEntries(res.kept.map((k: { what: string; reason: string; retention: string }) => [k.what, k]))
    for (const k of res.kept) expect(k.retention).toBeTruthy()
    const keptWhat = Object.keys(kept).join('\n')
    expect(keptWhat).toContain('已办结的法律援助案件')
    expect(keptWhat).toContain('往期托管出勤率')
    expect(keptWhat).toContain('抽奖结果')
    expect(keptWhat).toContain('操作审计记录')
    expect(res.deleted).toMatchObject({ membershipApplications: 1, children: 1, bookings: 1 })
    expect(res.deleted.files).toBeGreaterThanOrEqual(2)
    // A deleted child is marked at once (its details cleared); the record and its ID lock go when the timer
    // looks again, once no booking that read the child can still land (a few minutes).
    gw.clock.now = new Date(gw.clock.now.getTime() + 3 * 60_000)
    await childcareModule.onTimer!(systemCtx({ store: gw.store, now: () => gw.clock.now, log: silentLogger }))

    // What may still name the person, each matched by an item of `kept` above:
    const allowed: Record<string, string> = {
      audit_log: '操作审计记录',
      legal_cases: '已办结的法律援助案件',
      legal_messages: '已办结的法律援助案件',
      legal_files: '已办结的法律援助案件',
      cc_attendance: '往期托管出勤率',
    }
    const leftovers: string[] = []
    for (const t of tables(gw)) {
      for (const r of rows(gw, t)) {
        const hit = names(r)
        if (!hit.length) continue
        if (allowed[t]) continue
        leftovers.push(`${t}: ${hit.join(',')} in ${r.slice(0, 160)}`)
      }
    }
    expect(leftovers).toEqual([])
    // The kept attendance names nobody: only the keyed hash of the child's 身份证号.
    for (const r of rows(gw, 'cc_attendance')) expect(names(r).filter((m) => !hashes.includes(m))).toEqual([])

    // Files: nothing in the person's upload folder, the loose evidence gone; no file content names them.
    const files = filesUnder(gw.filesDir).map((f) => relative(gw.filesDir, f))
    expect(files.filter((f) => f.includes(OPENID))).toEqual([])
    expect(files.some((f) => looseRef.endsWith(f))).toBe(false)
    for (const f of filesUnder(gw.filesDir)) expect(names(readFileSync(f).toString('latin1'))).toEqual([])

    // The 70% rule survives: registered again with the same 身份证号, the child cannot book next summer.
    gw.clock.now = new Date('2028-06-10T10:00:00+08:00')
    await call('childcare', 'giveConsent', { version: CHILD_RULES_VERSION, guardian: true })
    const again = await call('childcare', 'saveChild', { name: CHILD_NAME, gender: '男', idNumber: CHILD_ID, grade: 3 })
    const next = (
      await call(
        'childcare',
        'upsertClass',
        classInput({
          title: '下一年',
          startDate: '2028-07-03',
          endDate: '2028-07-28',
          opensAt: '2028-06-10T09:00:00+08:00',
          closesAt: '2028-06-30T18:00:00+08:00',
          cancelBefore: '2028-07-01T18:00:00+08:00',
        }),
        staff,
      )
    ).id
    const refused = await gw.call('childcare', { action: 'book', data: { classId: next, childIds: [again.id], requestId: 'erase-req-3' } }, token)
    expect(refused.json.error).toMatchObject({ code: 'FORBIDDEN' })
    expect(refused.json.error.message).toMatch(/出勤 1\/\d+ 天，不足 70%/)
  })
})
