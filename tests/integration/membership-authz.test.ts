import { checkDigit } from '../../src/contracts/membership/idcard'
import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'

/**
 * Every membership action × every persona: the applicant, another worker, staff of the org the
 * application was routed to, staff of another org, and the county admin.
 */
const first17 = '37148119880512135'
const ID = first17 + checkDigit(first17)
const FORM = {
  name: '赵师傅',
  gender: '男',
  ethnicity: '汉族',
  idNumber: ID,
  phone: '13700001111',
  education: '初中',
  politicalStatus: '群众',
  employer: '泰山体育产业集团有限公司',
  occupation: '叉车司机',
  hukouType: 'rural',
  newEmploymentType: 'none',
  region: 'area-hujia',
  consent: true,
} as const
type Persona = 'applicant' | 'otherWorker' | 'staffRight' | 'staffOther' | 'admin'
const PERSONAS: Persona[] = ['applicant', 'otherWorker', 'staffRight', 'staffOther', 'admin']

let gw: TestGateway
const token: Record<Persona, string> = {} as Record<Persona, string>
let appId: string
const call = <A extends ActionName<'membership'>>(p: Persona, action: A, ...data: Data<'membership', A>) =>
  gw.as(token[p]).call('membership', action, ...data)
const status = async () => (await gw.store.get<{ _id: string; status: string }>('applications', appId))?.status

beforeAll(async () => {
  gw = await startGateway()
  await gw.store.put('users', { _id: 'mx-staff-hospital', name: '吴干事', grants: [{ role: 'staff', scope: 'org-hospital' }] })
  token.applicant = await gw.login('mx-applicant')
  token.otherWorker = await gw.login('mx-other')
  token.staffRight = await gw.login('demo-staff-taishan')
  token.staffOther = await gw.login('mx-staff-hospital')
  token.admin = await gw.login('demo-admin')
  const r = await call('applicant', 'apply', FORM)
  expect(r.data!.org.id).toBe('org-taishan')
  appId = r.data!.id
})
afterAll(() => gw.close())

const allowed = (set: Persona[]) => (p: Persona) => set.includes(p)

test.each([
  ['listApplications', { status: 'all' }, allowed(['staffRight', 'staffOther', 'admin'])],
  ['exportMembers', {}, allowed(['staffRight', 'staffOther', 'admin'])],
  ['verifyCard', { payload: 'GH1.eyJ2IjoxfQ.c2ln' }, allowed(['staffRight', 'staffOther', 'admin'])],
  ['cardPublicKey', {}, allowed(['staffRight', 'staffOther', 'admin'])],
  ['options', {}, allowed(PERSONAS)],
  ['myStatus', {}, allowed(PERSONAS)],
] as const)('%s: only the allowed personas get past the role check', async (action, data, ok) => {
  for (const p of PERSONAS) {
    const r = await call(p, action, data)
    if (ok(p)) expect([p, r.status]).toEqual([p, 200])
    else expect([p, r.status, r.error!.code]).toEqual([p, 403, 'FORBIDDEN'])
  }
})

test('listing: staff of another org do not see the application; nobody but the applicant sees it in myStatus', async () => {
  const sees = async (p: Persona) =>
    (await call(p, 'listApplications', { status: 'all', pageSize: 50 })).data!.items.some((i: { id: string }) => i.id === appId)
  expect(await sees('staffRight')).toBe(true)
  expect(await sees('admin')).toBe(true)
  expect(await sees('staffOther')).toBe(false)
  for (const p of PERSONAS) {
    const mine = (await call(p, 'myStatus')).data!.application
    expect([p, mine?.id === appId]).toEqual([p, p === 'applicant'])
  }
})

test('getApplication, review, bulkApprove and withdraw on someone else’s application are refused and change nothing', async () => {
  for (const p of ['applicant', 'otherWorker', 'staffOther'] as Persona[]) {
    expect([p, (await call(p, 'getApplication', { id: appId })).status]).toEqual([p, 403])
    expect([p, (await call(p, 'review', { id: appId, decision: 'approve' })).status]).toEqual([p, 403])
    expect([p, (await call(p, 'review', { id: appId, decision: 'reject', reason: '不符合条件' })).status]).toEqual([p, 403])
  }
  for (const p of ['applicant', 'otherWorker'] as Persona[]) expect((await call(p, 'bulkApprove', { ids: [appId] })).status).toBe(403)
  const bulk = await call('staffOther', 'bulkApprove', { ids: [appId] })
  expect(bulk.data!).toMatchObject({ approved: 0, results: [{ id: appId, ok: false }] })
  expect((await call('otherWorker', 'withdraw')).status).toBe(404)
  expect((await call('staffOther', 'withdraw')).status).toBe(404)
  expect(await status()).toBe('pending')
  for (const p of ['staffRight', 'admin'] as Persona[]) expect([p, (await call(p, 'getApplication', { id: appId })).status]).toEqual([p, 200])
})

test('card and revoke: the right staff approve, only the applicant holds a card, only governing staff revoke', async () => {
  for (const p of PERSONAS) expect([p, (await call(p, 'card')).status]).toEqual([p, 404]) // nobody is a member yet
  expect((await call('staffRight', 'review', { id: appId, decision: 'approve' })).status).toBe(200)
  expect((await call('applicant', 'card')).status).toBe(200)
  for (const p of ['otherWorker', 'staffRight', 'staffOther', 'admin'] as Persona[]) expect([p, (await call(p, 'card')).status]).toEqual([p, 404])
  for (const p of ['applicant', 'otherWorker', 'staffOther'] as Persona[]) {
    expect([p, (await call(p, 'revoke', { id: appId, reason: '测试注销' })).status]).toEqual([p, 403])
  }
  expect(await status()).toBe('approved')
  expect((await call('admin', 'revoke', { id: appId, reason: '调离本县' })).status).toBe(200)
  expect(await status()).toBe('revoked')
})

test('a member cannot withdraw an approved application; the applicant can withdraw a pending one', async () => {
  const t = await gw.login('mx-late')
  const f17 = '37148119950101135'
  const r = await gw.as(t).call('membership', 'apply', { ...FORM, idNumber: f17 + checkDigit(f17) })
  expect(r.status).toBe(200)
  expect((await call('staffRight', 'review', { id: r.data!.id, decision: 'approve' })).status).toBe(200)
  expect((await gw.as(t).call('membership', 'withdraw')).status).toBe(409)
})
