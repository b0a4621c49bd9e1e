import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName, FunctionName } from '../../src/contracts/api'
import { applyForm, idFor } from '../utils/membership'

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

const withoutPhone = (over: Record<string, unknown> = {}) => {
  const { phone: _typed, ...form } = applyForm(over)
  return form
}

beforeAll(async () => {
  gw = await startGateway()
})
afterAll(() => gw.close())

test('the applicant’s phone comes from WeChat’s check: masked in the answer, encrypted at rest, marked verified for staff, used once', async () => {
  const who = 'm-phone-1'
  const v = await call(who, 'membership', 'verifyPhone', { code: await codeFor(who, '13955554444') })
  expect(v.status).toBe(200)
  expect(v.data!).toMatchObject({ phoneMasked: '139****4444' })
  expect(JSON.stringify(v)).not.toContain('13955554444')

  const applied = await call(who, 'membership', 'apply', withoutPhone({ idNumber: idFor(301), phoneVerificationId: v.data!.verificationId }))
  expect(applied.status).toBe(200)
  expect(applied.data!.phoneMasked).toBe('139****4444')
  const detail = await call('demo-staff', 'membership', 'getApplication', { id: applied.data!.id })
  expect(detail.data!).toMatchObject({ phoneMasked: '139****4444', phoneVerified: true })
  // Staff find the applicant by the verified number's tail.
  const found = await call('demo-staff', 'membership', 'listApplications', { q: '4444' })
  expect(found.data!.items.map((i: { id: string }) => i.id)).toContain(applied.data!.id)

  const raw = ['applications', 'membership_phone_checks', 'audit_log'].map((c) => gw.store.rawDump(c).join('\n')).join('\n')
  expect(raw).not.toContain('13955554444')
  // The verification went with the application: it cannot be replayed.
  expect(gw.store.rawDump('membership_phone_checks').join('')).not.toContain(who)
})

test('an application without a verified phone, with another person’s verification, or with a stale one names 手机号', async () => {
  const who = 'm-phone-2'
  const none = await call(who, 'membership', 'apply', withoutPhone({ idNumber: idFor(303) }))
  expect(none.status).toBe(400)
  expect(none.error!.fields).toEqual([{ path: 'phone', message: '请验证手机号' }])

  // Someone else's verification id is not this caller's number.
  const theirs = await call('m-phone-3', 'membership', 'verifyPhone', { code: await codeFor('m-phone-3', '13766667777') })
  const borrowed = await call(who, 'membership', 'apply', withoutPhone({ idNumber: idFor(303), phoneVerificationId: theirs.data!.verificationId }))
  expect(borrowed.status).toBe(400)
  expect(borrowed.error!.fields![0]).toMatchObject({ path: 'phoneVerificationId', message: '手机号验证已过期，请重新验证' })

  // 30 minutes later the verification has lapsed.
  const mine = await call(who, 'membership', 'verifyPhone', { code: await codeFor(who, '13811112222') })
  gw.clock.now = new Date(gw.clock.now.getTime() + 31 * 60_000)
  const late = await call(who, 'membership', 'apply', withoutPhone({ idNumber: idFor(303), phoneVerificationId: mine.data!.verificationId }))
  expect(late.status).toBe(400)
  expect(late.error!.fields![0].path).toBe('phoneVerificationId')
  expect((await call(who, 'membership', 'myStatus')).data!.application).toBeNull()
})

test('a used or made-up WeChat code and a non-mainland number are refused under 手机号', async () => {
  const who = 'm-phone-4'
  const code = await codeFor(who, '13900001111')
  expect((await call(who, 'membership', 'verifyPhone', { code })).status).toBe(200)
  const again = await call(who, 'membership', 'verifyPhone', { code })
  expect(again.status).toBe(400)
  expect(again.error!.fields![0]).toMatchObject({ path: 'phone', message: expect.stringContaining('重新验证') })
  const foreign = await call(who, 'membership', 'verifyPhone', { code: await codeFor(who, '85291234567') })
  expect(foreign.status).toBe(400)
  expect(foreign.error!.message).toContain('中国大陆')
})
