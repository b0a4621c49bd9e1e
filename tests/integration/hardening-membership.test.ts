import { applyForm, idFor } from '../utils/membership'
import { startGateway, type TestGateway } from './harness'

/** Issue 7 (hardening), items 1, 4, 5 and 7 on the membership function, against the real gateway with store latency. */
const form = applyForm

jest.setTimeout(60_000)
let gw: TestGateway
let admin: string
let seq = 1
/** A fresh applicant with a fresh (odd, so male) ID number; returns their token and application id. */
async function applicant(prefix: string) {
  const n = seq
  seq += 2
  const token = await gw.login(`${prefix}-${n}`)
  const r = await gw.as(token).call('membership', 'apply', form({ idNumber: idFor(n) }))
  expect(r.status).toBe(200)
  return { token, id: r.data!.id as string, openid: `${prefix}-${n}` }
}

beforeAll(async () => {
  gw = await startGateway({ latencyMs: 8 })
  admin = await gw.login('demo-admin')
})
afterAll(() => gw.close())

test('1.1 withdraw cannot delete an application approved meanwhile', async () => {
  const people = await Promise.all(Array.from({ length: 16 }, () => applicant('race-w')))
  // The review starts first; each withdraw starts a little later than the last, so some read 待审核 just before
  // the approval commits and try to delete afterwards.
  const outcomes = await Promise.all(
    people.map(async (p, i) => {
      const [r, w] = await Promise.all([
        gw.as(admin).call('membership', 'review', { id: p.id, decision: 'approve' }),
        new Promise((ok) => setTimeout(ok, i * 4)).then(() => gw.as(p.token).call('membership', 'withdraw', {})),
      ])
      return { p, w, r }
    }),
  )
  for (const { p, w, r } of outcomes) {
    const stored = await gw.store.get<{ _id: string; status: string }>('applications', p.id)
    // Exactly one of the two wins, and the store agrees with what each call answered.
    expect([w.status, r.status].filter((s) => s === 200)).toHaveLength(1)
    if (r.status === 200) {
      expect(stored?.status).toBe('approved')
      expect(w.status).toBe(409)
    } else {
      expect(stored).toBeNull()
    }
  }
  // The withdraw audit record is there exactly for the withdrawals that happened.
  const withdrawn = outcomes.filter((o) => o.w.status === 200).map((o) => o.p.id)
  const audits = await gw.store.find<{ _id: string; targetId: string }>('audit_log', { where: { action: 'membership.withdraw' }, limit: 100 })
  expect(audits.map((a) => a.targetId).sort()).toEqual(withdrawn.sort())
})

test('4.1 bulkApprove takes at most 20 ids a call and reports every item', async () => {
  const people = await Promise.all(Array.from({ length: 21 }, () => applicant('bulk4')))
  const ids = people.map((p) => p.id)
  const tooMany = await gw.as(admin).call('membership', 'bulkApprove', { ids })
  expect(tooMany.status).toBe(400)
  expect(tooMany.error!.fields![0]).toMatchObject({ path: 'ids', message: '一次最多批量通过 20 份，请分批提交' })
  // Nothing of the refused batch happened.
  expect(await gw.store.count('applications', { _id: { $in: ids }, status: 'approved' })).toBe(0)
  // The page sends 20, then the rest.
  const first = await gw.as(admin).call('membership', 'bulkApprove', { ids: [...ids.slice(0, 19), 'app_missing'] })
  expect(first.status).toBe(200)
  expect(first.data!.approved).toBe(19)
  expect(first.data!.results).toHaveLength(20)
  expect(first.data!.results.find((r: { id: string }) => r.id === 'app_missing')).toMatchObject({ ok: false, message: expect.any(String) })
  const rest = await gw.as(admin).call('membership', 'bulkApprove', { ids: ids.slice(19) })
  expect(rest.data!.approved).toBe(2)
  expect(await gw.store.count('applications', { _id: { $in: ids }, status: 'approved' })).toBe(21)
  // Every approved item is whole: its member number, its audit record and its notice.
  for (const p of people) {
    expect(await gw.store.count('audit_log', { targetId: p.id, action: 'membership.review' })).toBe(1)
    expect(await gw.store.count('outbox', { openid: p.openid })).toBe(1)
  }
})

describe('5 probing whether an ID number belongs to a member', () => {
  const REFUSAL = '该身份证号无法提交新的申请，如有疑问请联系工会（电话 0534-6221234）'
  let taken: string[]
  beforeAll(async () => {
    // Six people who hold live applications; their ID numbers are what an outsider would probe.
    taken = []
    for (let i = 0; i < 6; i++) {
      const n = seq
      await applicant('owner5')
      taken.push(idFor(n))
    }
  })

  test('5.1 someone else’s ID number gets a refusal that gives nothing away, with the union’s phone', async () => {
    const r = await gw.as(await gw.login('prober-1')).call('membership', 'apply', form({ idNumber: taken[0] }))
    expect(r.status).toBe(409)
    expect(r.error!.message).toBe(REFUSAL)
    expect(r.error!.message).not.toMatch(/会员|已提交|审核/)
  })

  test('5.2 one caller may try at most 5 times an hour', async () => {
    const t = await gw.login('prober-2')
    const codes: number[] = []
    for (const idNumber of taken) codes.push((await gw.as(t).call('membership', 'apply', form({ idNumber }))).status)
    expect(codes).toEqual([409, 409, 409, 409, 409, 429])
    // An hour later the window has passed.
    gw.clock.now = new Date(gw.clock.now.getTime() + 3600_000)
    expect((await gw.as(t).call('membership', 'apply', form({ idNumber: taken[5] }))).status).toBe(409)
  })

  test('5.3 one ID number may be tried at most 5 times an hour, whoever tries', async () => {
    const codes: number[] = []
    for (let i = 0; i < 6; i++)
      codes.push((await gw.as(await gw.login(`prober-3-${i}`)).call('membership', 'apply', form({ idNumber: taken[3] }))).status)
    expect(codes.slice(0, 5).every((c) => c === 409)).toBe(true)
    expect(codes[5]).toBe(429)
  })
})

test('7.4 listApplications with an impossible date is a 400 naming the field, not a 500', async () => {
  const a = await gw.as(admin).call('membership', 'listApplications', { from: '2026-13-45' })
  expect(a.status).toBe(400)
  expect(a.error!.fields![0]).toMatchObject({ path: 'from', message: expect.stringContaining('开始日期') })
  const b = await gw.as(admin).call('membership', 'listApplications', { to: '2026-02-30' })
  expect(b.status).toBe(400)
  expect(b.error!.fields![0].path).toBe('to')
})

test('10.5 reviewing twice says 「这份申请已通过」 (no 「已已」)', async () => {
  const p = await applicant('typo')
  expect((await gw.as(admin).call('membership', 'review', { id: p.id, decision: 'approve' })).status).toBe(200)
  const again = await gw.as(admin).call('membership', 'review', { id: p.id, decision: 'approve' })
  expect(again.status).toBe(409)
  expect(again.error!.message).toBe('这份申请已通过，无需再审核')
  const revoked = await gw.as(admin).call('membership', 'revoke', { id: p.id, reason: '调离本单位' })
  expect(revoked.status).toBe(200)
  const third = await gw.as(admin).call('membership', 'review', { id: p.id, decision: 'approve' })
  expect(third.error!.message).toBe('这份申请已注销，无需再审核')
})
