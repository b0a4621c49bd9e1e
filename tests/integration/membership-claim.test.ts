import { applyForm, idFor } from '../utils/membership'
import { rosterXlsx } from '../utils/roster'
import { uploadId } from './file-helpers'
import { startGateway, type TestGateway } from './harness'

/** 会员认证: a member on the roster claims the e-card; one 身份证号, one WeChat account, however many try at once. */

jest.setTimeout(120_000)

const ID = idFor(601)
const PHONE = '13960000601'

async function importOne(gw: TestGateway, rows: unknown[][]) {
  const staff = await gw.login('demo-staff')
  const fileId = await uploadId(gw, 'sheet', '会员名册.xlsx', await rosterXlsx(rows), staff)
  const res = await gw.as(staff).call('membership', 'importRoster', { fileId, dryRun: false })
  expect(res.data!.created).toBe(rows.length)
}

/** WeChat's phone check as the 本地演示 plays it: a code for the number, exchanged by the server. */
async function verified(gw: TestGateway, token: string, phone: string): Promise<string> {
  const code = (await gw.post('/api/dev/phone-code', JSON.stringify({ phone }), token)).json.data.code
  const v = await gw.as(token).call('membership', 'verifyPhone', { code })
  expect(v.status).toBe(200)
  return v.data!.verificationId
}

const claim = async (gw: TestGateway, token: string, over: Record<string, unknown> = {}) =>
  gw.as(token).call('membership', 'claim', { name: '孙认证', idNumber: ID, phoneVerificationId: await verified(gw, token, PHONE), ...over })

describe.each(['sqlite', 'cloudbase'] as const)('over %s', (backend) => {
  let gw: TestGateway
  beforeAll(async () => {
    gw = await startGateway({ backend })
    await importOne(gw, [['孙认证', ID, PHONE, '泰山体育产业集团有限公司', '2018-03-15', '', '泰山体育产业集团有限公司工会']])
  })
  afterAll(() => gw.close())

  test('30 WeChat accounts claim the same 身份证号 at once: exactly one gets the card, the rest are told it is taken or turned away', async () => {
    const tokens = await Promise.all(Array.from({ length: 30 }, (_, i) => gw.login(`claim-${backend}-${i}`)))
    // Each verifies the roster's number first (they all know it), then all claim in the same instant.
    const checks = await Promise.all(tokens.map((t) => verified(gw, t, PHONE)))
    if (backend === 'cloudbase') gw.double!.setLatency([2, 10])
    const answers = await Promise.all(
      tokens.map((t, i) => gw.as(t).call('membership', 'claim', { name: '孙认证', idNumber: ID, phoneVerificationId: checks[i] })),
    )
    if (backend === 'cloudbase') gw.double!.setLatency([0, 0])
    const won = answers.filter((a) => a.status === 200)
    expect(won).toHaveLength(1)
    // Ten tries an hour per 身份证号 reach the claim (the rest are turned away first: 30 accounts on one number is
    // someone probing); of those ten, one wins the race and nine are told the card is taken.
    expect(answers.filter((a) => a.status === 409)).toHaveLength(9)
    for (const a of answers.filter((x) => x.status === 409)) expect(a.error!.message).toContain('另一个微信账号领取')
    expect(answers.filter((a) => a.status === 429).map((a) => a.error!.message)).toEqual(Array(20).fill('认证太频繁了，请一小时后再试'))

    const winner = tokens[answers.findIndex((a) => a.status === 200)]
    expect(won[0].data!).toMatchObject({ status: 'approved', routedBy: 'roster', org: { name: '泰山体育产业集团有限公司工会' } })
    const card = await gw.as(winner).call('membership', 'card', {})
    expect(card.data!).toMatchObject({ name: '孙认证', status: 'valid', memberNo: expect.stringMatching(/^3714812018/) })
    // The losers have no card and no lock left behind: they may still apply or claim elsewhere.
    const loser = tokens[answers.findIndex((a) => a.status === 409)]
    expect((await gw.as(loser).call('membership', 'card', {})).status).toBe(404)
    expect((await gw.store.find('membership_openid_locks', { where: { appId: won[0].data!.id } })).length).toBe(1)
  })
})

describe('mismatches, repeats and release', () => {
  let gw: TestGateway
  beforeAll(async () => {
    gw = await startGateway()
    await importOne(gw, [['孙认证', ID, PHONE, '泰山体育产业集团有限公司', '2018-03-15', '', '泰山体育产业集团有限公司工会']])
  })
  afterAll(() => gw.close())

  test('a wrong name says only to call the county union; a wrong phone names the member’s own union; nothing is claimed', async () => {
    const t = await gw.login('claim-mismatch')
    const wrongName = await claim(gw, t, { name: '孙别人' })
    expect(wrongName.status).toBe(404)
    expect(wrongName.error!.message).toContain('乐陵市总工会（电话 0534-6221234）')
    expect(wrongName.error!.message).not.toContain('泰山')
    const unknown = await claim(gw, t, { idNumber: idFor(603) })
    expect(unknown.status).toBe(404)

    const code = (await gw.post('/api/dev/phone-code', JSON.stringify({ phone: '13700000000' }), t)).json.data.code
    const other = (await gw.as(t).call('membership', 'verifyPhone', { code })).data!.verificationId
    const wrongPhone = await gw.as(t).call('membership', 'claim', { name: '孙认证', idNumber: ID, phoneVerificationId: other })
    expect(wrongPhone.status).toBe(400)
    expect(wrongPhone.error!.fields!).toEqual([{ path: 'phoneVerificationId', message: expect.stringContaining('与工会名册中的手机号不一致') }])
    expect(wrongPhone.error!.fields![0].message).toContain('泰山体育产业集团有限公司工会')
    expect((await gw.as(t).call('membership', 'myStatus', {})).data!.application).toBeNull()
  })

  test('claiming twice is harmless; a claimed member cannot apply; an admin releases a wrong claim, audited, and the right person then claims', async () => {
    const wrong = await gw.login('claim-wrong-person')
    const first = await claim(gw, wrong)
    expect(first.status).toBe(200)
    expect((await claim(gw, wrong)).status).toBe(200)
    expect((await gw.as(wrong).call('membership', 'myStatus', {})).data!.application).toMatchObject({ status: 'approved' })
    const applyAgain = await gw.as(wrong).call('membership', 'apply', applyForm({ idNumber: idFor(605) }))
    expect(applyAgain.status).toBe(409)
    expect(applyAgain.error!.message).toContain('您已是工会会员')

    // Only an admin of a union over this member releases; staff may not, nor may an admin elsewhere.
    const id = first.data!.id
    expect(
      (await gw.call('membership', { action: 'releaseClaim', data: { id, reason: '本人来电，非本人领取' } }, await gw.login('demo-staff'))).status,
    ).toBe(403)
    await gw.store.put('users', { _id: 'baizao-admin', name: '百枣管理员', grants: [{ role: 'admin', scope: 'org-baizao' }] })
    expect((await gw.call('membership', { action: 'releaseClaim', data: { id, reason: '本人来电' } }, await gw.login('baizao-admin'))).status).toBe(
      403,
    )
    const admin = await gw.login('demo-admin')
    const detailBefore = await gw.as(admin).call('membership', 'getApplication', { id })
    expect(detailBefore.data!.claimed).toBe(true)
    const released = await gw.as(admin).call('membership', 'releaseClaim', { id, reason: '本人来电，非本人领取' })
    expect(released.status).toBe(200)
    expect(released.data!).toMatchObject({ claimed: false, status: 'approved' })
    expect(released.data!.timeline.at(-1)).toMatchObject({ status: 'released', note: '本人来电，非本人领取', by: '赵主席' })
    const audit = await gw.store.find<{ _id: string; action: string; targetId: string; before: unknown; after: unknown }>('audit_log', {
      where: { action: 'membership.releaseClaim' },
    })
    expect(audit).toEqual([
      expect.objectContaining({ before: { claimedBy: 'claim-wrong-person' }, after: { claimedBy: null, reason: '本人来电，非本人领取' } }),
    ])

    expect((await gw.as(wrong).call('membership', 'card', {})).status).toBe(404)
    const right = await gw.login('claim-right-person')
    expect((await claim(gw, right)).status).toBe(200)
    expect((await gw.as(right).call('membership', 'card', {})).data!.name).toBe('孙认证')
  })
})
