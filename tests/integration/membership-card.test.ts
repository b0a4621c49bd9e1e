import { approvedMember } from '../utils/builders'
import { startGateway, type Data, type TestGateway } from './harness'
import type { ActionName } from '../../src/contracts/api'

const T0 = new Date('2026-11-23T10:00:00+08:00')

let gw: TestGateway
let worker: string
let staff: string
const m = <A extends ActionName<'membership'>>(token: string, action: A, ...data: Data<'membership', A>) =>
  gw.as(token).call('membership', action, ...data)

beforeAll(async () => {
  gw = await startGateway()
  ;({ token: worker } = await approvedMember(gw, 'demo-worker'))
  staff = await gw.login('demo-staff')
})
afterAll(() => gw.close())
beforeEach(() => {
  gw.clock.now = T0
})

describe('dynamic membership card', () => {
  test('the card carries a QR and an 8-character 核验码 valid for 5 minutes', async () => {
    const card = (await m(worker, 'card')).data!
    expect(card.qr).toMatchObject({ ttlSec: 300, issuedAt: T0.toISOString(), expiresAt: new Date(T0.getTime() + 300_000).toISOString() })
    expect(card.qr.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/)
    expect(card.qr.payload.startsWith('GH2.')).toBe(true)
  }, 30_000)

  test('QR and code verify 有效 now and 已过期 after the window; a fresh card is 有效 again', async () => {
    const card = (await m(worker, 'card')).data!
    for (const payload of [card.qr.payload, card.qr.code, `${card.qr.code.slice(0, 4)}-${card.qr.code.slice(4)}`.toLowerCase()]) {
      expect((await m(staff, 'verifyCard', { payload })).data!).toMatchObject({
        valid: true,
        status: 'valid',
        label: '有效',
        memberNo: card.memberNo,
        nameMasked: '王**',
      })
    }
    gw.clock.now = new Date(T0.getTime() + 6 * 60_000)
    for (const payload of [card.qr.payload, card.qr.code]) {
      expect((await m(staff, 'verifyCard', { payload })).data!).toMatchObject({
        valid: false,
        status: 'expired',
        label: expect.stringMatching(/^已过期/),
      })
    }
    const fresh = (await m(worker, 'card')).data!
    expect(fresh.qr.code).not.toBe(card.qr.code)
    expect((await m(staff, 'verifyCard', { payload: fresh.qr.code })).data!.status).toBe('valid')
  }, 30_000)

  test('a code nobody was given is 无效; typed codes are rate-limited per verifier, scans counted apart', async () => {
    const admin = await gw.login('demo-admin')
    const card = (await m(worker, 'card')).data!
    let limited = 0
    for (let i = 0; i < 31; i++) {
      const r = await m(admin, 'verifyCard', { payload: `ZZZZ${String(i).padStart(4, '0')}` })
      if (r.ok) expect(r.data!).toMatchObject({ valid: false, status: 'invalid' })
      else if (r.error!.code === 'RATE_LIMITED') limited++
    }
    expect(limited).toBe(1)
    expect((await m(admin, 'verifyCard', { payload: card.qr.code })).error!.code).toBe('RATE_LIMITED')
    expect((await m(admin, 'verifyCard', { payload: card.qr.payload })).data!.status).toBe('valid')
  }, 30_000)
})
