import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'
import { createCampaign, grantDraws } from './quiz-helpers'
import { PRIZE_DELIVERY } from '../../src/contracts/quiz/delivery'

jest.setTimeout(30_000)

/** Prizes: each kind says truthfully how it arrives; staff record delivery (待发放 → 已发放 → 已核销). */

let gw: TestGateway
const tokens: Record<string, string> = {}
const as = async (who: string) => (tokens[who] ??= await gw.login(who))
const q = async <A extends ActionName<'quiz'>>(who: string, action: A, ...data: Data<'quiz', A>) => gw.as(await as(who)).call('quiz', action, ...data)

beforeAll(async () => {
  gw = await startGateway()
})
afterAll(() => gw.close())

async function won(kind: string, who: string): Promise<{ campaignId: string; drawId: string }> {
  const { id } = await createCampaign(gw, await as('demo-staff'), { prizes: [{ name: `${kind} 奖品`, kind, quantity: 5, weight: 10000 }] })
  await grantDraws(gw, id, [who], 1)
  const d = await q(who, 'draw', { campaignId: id })
  expect(d.data!.won).toBe(true)
  return { campaignId: id, drawId: d.data!.drawId }
}

test('a cash prize is transferred by staff: the winner leaves a name and phone, sees 待发放, then 已发放 with the transfer record', async () => {
  const { campaignId, drawId } = await won('red_packet', 'demo-worker')
  const missing = await q('demo-worker', 'claim', { drawId })
  expect(missing.error!.fields!.map((f: { path: string }) => f.path).sort()).toEqual(['name', 'phone'])
  const c = await q('demo-worker', 'claim', { drawId, name: '王建国', phone: '13912345678' })
  expect(c.data!).toMatchObject({ claimStatus: 'claimed', deliveryStatus: 'pending', phoneMasked: '139****5678' })

  const list = (await q('demo-staff', 'deliveries', { campaignId })).data!
  expect(list.counts).toEqual({ pending: 1, delivered: 0, redeemed: 0 })
  expect(list.items[0]).toMatchObject({ drawId, kind: 'red_packet', status: 'pending', phoneMasked: '139****5678', nameMasked: '王**' })
  expect(JSON.stringify(list)).not.toContain('13912345678')

  expect((await q('demo-staff-taishan', 'markDelivered', { drawId, note: '微信转账 50 元' })).error!.code).toBe('FORBIDDEN')
  expect((await q('demo-staff', 'markDelivered', { drawId, note: '' })).error!.fields![0].path).toBe('note')
  const done = await q('demo-staff', 'markDelivered', { drawId, note: '微信转账 50 元，流水号 4200001234' })
  expect(done.data!).toMatchObject({ status: 'delivered', deliveredByName: '刘干事', deliveryNote: '微信转账 50 元，流水号 4200001234' })
  expect((await q('demo-staff', 'markDelivered', { drawId, note: '再来一次' })).error!.code).toBe('CONFLICT')
  expect((await q('demo-staff', 'markRedeemed', { drawId })).error!.code).toBe('CONFLICT')
  const mine = (await q('demo-worker', 'myPrizes')).data!.items.find((i: { drawId: string }) => i.drawId === drawId)
  expect(mine).toMatchObject({ deliveryStatus: 'delivered', deliveryNote: '微信转账 50 元，流水号 4200001234' })
  expect(await gw.store.count('audit_log', { action: 'quiz.delivery', targetId: drawId })).toBe(1)
})

test('a voucher is 已发放 when its code is shown and 已核销 when staff record it used; an unclaimed prize cannot be delivered', async () => {
  const { campaignId, drawId } = await won('voucher', 'demo-courier')
  expect((await q('demo-staff', 'markDelivered', { drawId, note: '寄出' })).error!.code).toBe('CONFLICT')
  const c = await q('demo-courier', 'claim', { drawId })
  expect(c.data!).toMatchObject({ deliveryStatus: 'delivered' })
  expect(c.data!.voucherCode).toBeTruthy()
  const r = await q('demo-staff', 'markRedeemed', { drawId })
  expect(r.data!.status).toBe('redeemed')
  expect((await q('demo-staff', 'deliveries', { campaignId, status: 'redeemed' })).data!.items).toHaveLength(1)
})

test('no page promises an automatic red packet; every kind says how it is delivered', () => {
  const claim = readFileSync(join(__dirname, '../../src/pages/quiz/claim/index.tsx'), 'utf8')
  expect(claim).not.toMatch(/发到您(当前)?的微信/)
  expect(PRIZE_DELIVERY.red_packet).toContain('工作人员转账')
  for (const text of Object.values(PRIZE_DELIVERY)) expect(text.length).toBeGreaterThan(10)
})
