import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName, FunctionName } from '../../src/contracts/api'
import { applyForm } from '../utils/membership'
import { FORM as CASE_FORM } from './legalaid-helpers'

jest.setTimeout(30_000)

let gw: TestGateway
const tokens: Record<string, string> = {}
const as = async (who: string) => (tokens[who] ??= await gw.login(who))
const call = async <F extends FunctionName, A extends ActionName<F>>(who: string, fn: F, action: A, ...data: Data<F, A>) =>
  gw.as(await as(who)).call(fn, action, ...data)

/** What WeChat's 手机号快速验证 hands the page; here the gateway's 本地演示 issues it. */
async function codeFor(who: string, phone: string): Promise<string> {
  const r = await gw.post('/api/dev/phone-code', JSON.stringify({ phone }), await as(who))
  expect(r.status).toBe(200)
  return r.json.data.code
}

async function verify(who: string, phone: string) {
  return call(who, 'profile', 'verifyPhone', { code: await codeFor(who, phone) })
}

beforeAll(async () => {
  gw = await startGateway()
})
afterAll(() => gw.close())

test('a verified new phone replaces the membership phone and the open case that gave the old one, masked everywhere, encrypted at rest, audited', async () => {
  const who = 'p-phone'
  expect((await call(who, 'membership', 'apply', applyForm({ phone: '13812345678' }))).status).toBe(200)
  const sameCase = await call(who, 'legalAid', 'submit', { ...CASE_FORM, phone: '13812345678' })
  const otherCase = await call(who, 'legalAid', 'submit', { ...CASE_FORM, facts: CASE_FORM.facts + '另有加班费未付。', phone: '13700001111' })
  expect([sameCase.status, otherCase.status]).toEqual([200, 200])

  const v = await verify(who, '13987654321')
  expect(v.status).toBe(200)
  expect(v.data!).toMatchObject({ phoneMasked: '139****4321', currentMasked: '138****5678' })
  // Verified but not confirmed: nothing has changed yet.
  expect((await call(who, 'profile', 'summary')).data!.phoneMasked).toBe('138****5678')

  const changed = await call(who, 'profile', 'changePhone', { verificationId: v.data!.verificationId })
  expect(changed.status).toBe(200)
  expect(changed.data!).toEqual({ phoneMasked: '139****4321', updated: { membershipApplications: 1, legalCases: 1 } })
  expect(JSON.stringify(changed)).not.toContain('13987654321')

  expect((await call(who, 'profile', 'summary')).data!).toMatchObject({ phoneMasked: '139****4321', phoneVerified: true })
  expect((await call(who, 'membership', 'myStatus')).data!.application!.phoneMasked).toBe('139****4321')
  // Staff see the case's contact in full (a recorded view): the new number on the case that had the old one only.
  expect((await call('demo-staff', 'legalAid', 'get', { id: sameCase.data!.id })).data!.phone).toBe('13987654321')
  expect((await call('demo-staff', 'legalAid', 'get', { id: otherCase.data!.id })).data!.phone).toBe('13700001111')
  // The staff search box finds the member by the new number's tail.
  const found = await call('demo-staff', 'membership', 'listApplications', { q: '4321' })
  expect(found.data!.items.map((i: { phoneMasked: string }) => i.phoneMasked)).toContain('139****4321')

  const raw = ['profiles', 'applications', 'legal_cases', 'audit_log'].map((c) => gw.store.rawDump(c).join('\n')).join('\n')
  expect(raw).not.toContain('13987654321')
  expect(raw).not.toContain('13812345678')
  const audits = (
    await gw.store.find<{ _id: string; action: string; before: unknown; after: unknown }>('audit_log', { where: { action: 'profile.changePhone' } })
  ).map((a) => [a.before, a.after])
  expect(audits).toHaveLength(3)
  expect(audits).toContainEqual([{ phoneMasked: '138****5678' }, { phoneMasked: '139****4321' }])

  // The same verification cannot be applied twice.
  const again = await call(who, 'profile', 'changePhone', { verificationId: v.data!.verificationId })
  expect(again.status).toBe(400)
  expect(again.error!.fields![0]).toMatchObject({ path: 'verificationId', message: '这次验证已失效，请重新验证手机号' })

  // 删除我的数据 takes the verified phone along.
  await call(who, 'profile', 'deleteMyData')
  expect(await gw.store.get('profiles', who)).toBeNull()
})

test('a bad or used code, a number that is not a mainland mobile, the current number and a late confirmation are refused, naming the field', async () => {
  const who = 'p-phone-bad'
  const bogus = await call(who, 'profile', 'verifyPhone', { code: 'abc123notissued' })
  expect(bogus.status).toBe(400)
  expect(bogus.error).toMatchObject({
    code: 'VALIDATION_FAILED',
    fields: [{ path: 'code', message: expect.stringContaining('手机号验证已失效') }],
  })

  const code = await codeFor(who, '13511112222')
  expect((await call(who, 'profile', 'verifyPhone', { code })).status).toBe(200)
  const reused = await call(who, 'profile', 'verifyPhone', { code })
  expect(reused.error!.fields![0].path).toBe('code')

  const empty = await call(who, 'profile', 'verifyPhone', { code: '' })
  expect(empty.error!.fields![0]).toEqual({ path: 'code', message: '缺少手机号验证码，请重新验证' })

  const foreign = await verify(who, '85291234567')
  expect(foreign.status).toBe(400)
  expect(foreign.error!.fields![0]).toEqual({ path: 'phone', message: '只能使用中国大陆 11 位手机号，请换一个号码验证' })

  // (another person from here: four tries count against this one's hourly limit already)
  const next = 'p-phone-late'
  const v = await verify(next, '13511112222')
  expect((await call(next, 'profile', 'changePhone', { verificationId: v.data!.verificationId })).status).toBe(200)
  const same = await verify(next, '13511112222')
  expect(same.error!.fields![0]).toEqual({ path: 'phone', message: '这就是您现在的手机号，无需更换' })

  const late = await verify(next, '13633334444')
  gw.clock.now = new Date(gw.clock.now.getTime() + 11 * 60_000)
  const expired = await call(next, 'profile', 'changePhone', { verificationId: late.data!.verificationId })
  expect(expired.status).toBe(400)
  expect(expired.error!.fields![0]).toEqual({ path: 'verificationId', message: '验证已超过 10 分钟，请重新验证手机号' })
  expect((await call(next, 'profile', 'summary')).data!.phoneMasked).toBe('135****2222')

  // Someone else's verification id is not theirs to apply.
  const theirs = await verify('p-phone-other', '13855556666')
  const stolen = await call(next, 'profile', 'changePhone', { verificationId: theirs.data!.verificationId })
  expect(stolen.error!.fields![0].path).toBe('verificationId')
})

test('verification is limited to five an hour and changes to three a day, per person', async () => {
  const who = 'p-phone-busy'
  const phones = ['13900000001', '13900000002', '13900000003', '13900000004']
  for (const [i, phone] of phones.entries()) {
    const v = await verify(who, phone)
    expect(v.status).toBe(200)
    const c = await call(who, 'profile', 'changePhone', { verificationId: v.data!.verificationId })
    if (i < 3) expect(c.status).toBe(200)
    else expect(c.error).toEqual({ code: 'RATE_LIMITED', message: '今天更换手机号的次数已达上限，请明天再试' })
  }
  expect((await verify(who, '13900000005')).status).toBe(200)
  const sixth = await verify(who, '13900000006')
  expect(sixth.status).toBe(429)
  expect(sixth.error!.message).toBe('验证太频繁了，请一小时后再试')
})
