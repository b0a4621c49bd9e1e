import { createActivationCode } from '../../cloudfunctions/account/codes'
import { applyForm, idFor } from '../utils/membership'
import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'

jest.setTimeout(180_000)

/**
 * One use, one decision, one outcome, when the requests come at once on CloudBase's own semantics (the real
 * CloudBaseStore over the double: snapshot transactions, the later writer of a document aborted and rerun,
 * 8–25 ms a request) and on SQLite. Each of these reads the code, application or transfer inside the
 * transaction that writes it, so two of them racing write one document and only one commits as it read.
 */
describe.each([
  ['CloudBase double, 8–25 ms a request', 'cloudbase' as const],
  ['SQLite', 'sqlite' as const],
])('%s', (_label, backend) => {
  let gw: TestGateway
  const tokens: Record<string, string> = {}
  const as = async (who: string) => (tokens[who] ??= await gw.login(who))
  const m = <A extends ActionName<'membership'>>(who: string, action: A, ...data: Data<'membership', A>) =>
    gw.as(tokens[who]).call('membership', action, ...data)
  const slow = () => gw.double?.setLatency([8, 25])
  const fast = () => gw.double?.setLatency([0, 0])
  let seq = 301

  beforeAll(async () => {
    gw = await startGateway({ backend })
    for (const who of ['demo-staff', 'demo-admin', 'demo-staff-taishan']) await as(who)
  })
  afterAll(() => gw.close())

  async function pending(who: string, over: Record<string, unknown> = {}): Promise<string> {
    await as(who)
    seq += 2
    const a = await m(who, 'apply', applyForm({ idNumber: idFor(seq), ...over }))
    expect(a.status).toBe(200)
    return a.data!.id
  }

  test('eight people entering one 激活码 at once: one admin', async () => {
    const { code } = await createActivationCode(gw.store, 'org-leling', gw.clock.now)
    const people = Array.from({ length: 8 }, (_, i) => `act-${backend}-${i}`)
    for (const p of people) await as(p)
    slow()
    const answers = await Promise.all(people.map((p) => gw.as(tokens[p]).call('account', 'redeemActivation', { code, name: '管理员' })))
    fast()
    expect(answers.filter((r) => r.ok)).toHaveLength(1)
    for (const r of answers.filter((r) => !r.ok)) expect(r.error!.message).toContain('已被使用')
    const admins = []
    for (const p of people) if (((await gw.store.get('users', p))?.grants as unknown[] | undefined)?.length) admins.push(p)
    expect(admins).toHaveLength(1)
  })

  test('eight people accepting one invitation at once: one grant', async () => {
    const created = await gw.as(tokens['demo-admin']).call('account', 'createInvite', { role: 'staff', orgId: 'org-taishan' })
    const code = created.data!.code
    const people = Array.from({ length: 8 }, (_, i) => `inv-${backend}-${i}`)
    for (const p of people) await as(p)
    slow()
    const answers = await Promise.all(people.map((p) => gw.as(tokens[p]).call('account', 'acceptInvite', { code, name: '干事' })))
    fast()
    expect(answers.filter((r) => r.ok)).toHaveLength(1)
    for (const r of answers.filter((r) => !r.ok)) expect(r.error!.message).toContain('已被使用')
    expect(await gw.store.count('role_grants', { scope: 'org-taishan', role: 'staff', openid: { $in: people } })).toBe(1)
  })

  test('approve, approve and reject of one application at once: one decision, one member number, one audit record', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await pending(`rev-${backend}-${round}`)
      slow()
      const answers = await Promise.all([
        m('demo-staff', 'review', { id, decision: 'approve' }),
        m('demo-admin', 'review', { id, decision: 'approve' }),
        m('demo-staff-taishan', 'review', { id, decision: 'reject', reason: '信息不全' }),
      ])
      fast()
      const ok = answers.filter((r) => r.ok)
      expect(ok).toHaveLength(1)
      for (const r of answers.filter((r) => !r.ok)) expect(r.error!.message).toMatch(/刚刚已被其他工作人员审核|无需再审核/)
      const stored = await gw.store.get<{ _id: string; status: string; memberNo?: string }>('applications', id)
      expect(stored!.status).toBe(ok[0].data!.status)
      expect(await gw.store.count('audit_log', { action: 'membership.review', targetId: id })).toBe(1)
    }
  })

  test('two staff approving the same 12 applications in bulk at once: each approved once, 12 distinct member numbers, nobody told 系统繁忙', async () => {
    const ids = []
    for (let i = 0; i < 12; i++) ids.push(await pending(`bulk-${backend}-${i}`))
    slow()
    const [a, b] = await Promise.all([m('demo-staff', 'bulkApprove', { ids }), m('demo-admin', 'bulkApprove', { ids })])
    fast()
    const results = [...a.data!.results, ...b.data!.results]
    for (const r of results.filter((r: { ok: boolean }) => !r.ok)) expect(r.message).toMatch(/刚刚已被其他工作人员审核|无需再审核/)
    expect(a.data!.approved + b.data!.approved).toBe(12)
    const numbers = []
    for (const id of ids) numbers.push((await gw.store.get<{ _id: string; memberNo: string }>('applications', id))!.memberNo)
    expect(new Set(numbers).size).toBe(12)
  })

  test('approve, reject and the member cancelling one transfer at once: one outcome, and the membership agrees with it', async () => {
    for (let round = 0; round < 3; round++) {
      const who = `tr-${backend}-${round}`
      const id = await pending(who)
      expect((await m('demo-staff', 'review', { id, decision: 'approve' })).ok).toBe(true)
      const t = (await m(who, 'requestTransfer', { toEmployer: '乐陵市人民医院', reason: '调入人民医院工作' })).data!
      slow()
      const answers = await Promise.all([
        m('demo-staff', 'reviewTransfer', { id: t.id, decision: 'approve' }),
        m('demo-admin', 'reviewTransfer', { id: t.id, decision: 'reject', reason: '请先办理离职手续' }),
        m(who, 'cancelTransfer', { id: t.id }),
      ])
      fast()
      const ok = answers.filter((r) => r.ok)
      expect(ok).toHaveLength(1)
      const transfer = (await gw.store.get<{ _id: string; status: string }>('membership_transfers', t.id))!
      expect(transfer.status).toBe(ok[0].data!.status)
      const app = (await gw.store.get<{ _id: string; orgId: string; pendingTransferId?: string }>('applications', id))!
      expect(app.pendingTransferId).toBeUndefined()
      expect(app.orgId).toBe(transfer.status === 'approved' ? 'org-hospital' : 'org-taishan')
      expect(await gw.store.count('audit_log', { action: 'membership.transfer', targetId: t.id })).toBe(1)
    }
  })
})
