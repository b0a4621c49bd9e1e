import { applyForm, idFor } from '../utils/membership'
import { startGateway, type TestGateway } from './harness'

/** 会籍状态: staff set 保留会籍 (退休、失业、单位注销) and lift it; the card and the member's page say so. */

jest.setTimeout(60_000)

let gw: TestGateway
let staff: string
let taishanStaff: string

async function member(who: string, seq: number): Promise<{ id: string; token: string }> {
  const token = await gw.login(who)
  const app = await gw.as(token).call('membership', 'apply', applyForm({ idNumber: idFor(seq), name: '保留人' }))
  const ok = await gw.as(staff).call('membership', 'review', { id: app.data!.id, decision: 'approve', reason: '' })
  expect(ok.data!.status).toBe('approved')
  return { id: app.data!.id, token }
}

beforeAll(async () => {
  gw = await startGateway()
  staff = await gw.login('demo-staff')
  taishanStaff = await gw.login('demo-staff-taishan')
})
afterAll(() => gw.close())

test('a retired member keeps the membership with their own union: the card stays valid and says 保留会籍; lifting it restores 正常; both audited', async () => {
  const m = await member('standing-1', 901)
  const set = await gw.as(taishanStaff).call('membership', 'retain', { id: m.id, reason: 'retired', heldBy: 'own', note: '2026 年 6 月退休' })
  expect(set.status).toBe(200)
  expect(set.data!.retained).toMatchObject({ reason: 'retired', label: '保留会籍（退休）', heldByOrgName: '泰山体育产业集团有限公司工会' })

  const card = (await gw.as(m.token).call('membership', 'card', {})).data!
  expect(card).toMatchObject({ status: 'valid', retained: { label: '保留会籍（退休）' } })
  const mine = (await gw.as(m.token).call('membership', 'myStatus', {})).data!.application!
  expect(mine.retained!.label).toBe('保留会籍（退休）')
  expect(mine.timeline.at(-1)).toMatchObject({ status: 'retained', note: '退休，由泰山体育产业集团有限公司工会保留会籍：2026 年 6 月退休' })

  expect((await gw.as(staff).call('membership', 'retain', { id: m.id, reason: 'unemployed', heldBy: 'own', note: '' })).status).toBe(409)
  const lifted = await gw.as(staff).call('membership', 'liftRetain', { id: m.id, note: '' })
  expect(lifted.status).toBe(200)
  expect(lifted.data!.retained).toBeUndefined()
  expect((await gw.as(m.token).call('membership', 'card', {})).data!.retained).toBeUndefined()

  const audit = await gw.store.find<{ _id: string; action: string }>('audit_log', {
    where: { action: { $in: ['membership.retain', 'membership.liftRetain'] } },
  })
  expect(audit.map((a) => a.action).sort()).toEqual(['membership.liftRetain', 'membership.retain'])
})

test('when the employer closes, the union above keeps the membership; only staff over the member may set it', async () => {
  const m = await member('standing-2', 903)
  expect((await gw.as(m.token).call('membership', 'retain', { id: m.id, reason: 'employer_closed', heldBy: 'parent', note: '' })).status).toBe(403)
  const other = await gw
    .as(await gw.login('demo-staff-taishan'))
    .call('membership', 'retain', { id: m.id, reason: 'employer_closed', heldBy: 'parent', note: '' })
  // The member's union is 泰山's own: its staff may; a union elsewhere may not.
  expect(other.status).toBe(200)
  expect(other.data!).toMatchObject({ orgName: '乐陵市总工会', retained: { label: '保留会籍（单位注销）', heldByOrgName: '乐陵市总工会' } })
  // Now held by the county federation: the enterprise union's staff no longer govern it.
  expect((await gw.as(taishanStaff).call('membership', 'liftRetain', { id: m.id, note: '' })).status).toBe(403)
  expect((await gw.as(staff).call('membership', 'liftRetain', { id: m.id, note: '' })).status).toBe(200)
})
