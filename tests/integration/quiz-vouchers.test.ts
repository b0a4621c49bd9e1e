jest.setTimeout(120_000)

import type { ActionName } from '../../src/contracts/api'
import { startGateway, type Data, type TestGateway } from './harness'
import { createCampaign, grantDraws } from './quiz-helpers'

/**
 * 驿站券: won by a pick, claimed for a signed code, used once by a keeper of the station it names (or any station),
 * only while valid. Many keepers and taps scanning the same code at once: exactly one succeeds, over SQLite and the
 * CloudBase double (snapshot transactions, 8–25 ms per request), because the use is one conditional update.
 */

const SHIZHONG = 'st-shizhong'
const POST = 'st-post-main'

const voucherPrizes = {
  prizeMode: 'pick',
  prizes: [
    { name: '驿站免费饮品一份', kind: 'voucher', quantity: 50, weight: 1, stationId: SHIZHONG, validDays: 7 },
    { name: '驿站充电一次', kind: 'voucher', quantity: 50, weight: 1, validDays: 3 },
  ],
}

const modes = [
  { name: 'over SQLite', opts: {} },
  { name: 'over the CloudBase double (8–25 ms per request)', opts: { backend: 'cloudbase' as const, cloudLatencyMs: [8, 25] as [number, number] } },
]

for (const mode of modes) {
  describe(`驿站券 ${mode.name}`, () => {
    let gw: TestGateway
    const tokens: Record<string, string> = {}
    const as = async (who: string) => (tokens[who] ??= await gw.login(who))
    const q = async <A extends ActionName<'quiz'>>(who: string, action: A, ...data: Data<'quiz', A>) =>
      gw.as(await as(who)).call('quiz', action, ...data)

    /** Keepers of a station, as the invite flow leaves them (a grant scoped to the station). */
    async function keepers(prefix: string, station: string, n: number): Promise<string[]> {
      const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`)
      for (const id of ids) await gw.store.put('users', { _id: id, name: `钱站长${id.slice(-1)}`, grants: [{ role: 'keeper', scope: station }] })
      return ids
    }

    /** A worker picks prize `index` and claims it: the code they would show. */
    async function voucher(campaignId: string, who: string, index: number): Promise<string> {
      await grantDraws(gw, campaignId, [who], 1)
      const pick = await q(who, 'pick', { campaignId, prizeId: `${campaignId}.p${index}` })
      expect(pick.data).toMatchObject({ won: true })
      const claimed = await q(who, 'claim', { drawId: pick.data!.drawId })
      expect(claimed.data!.voucher).toMatchObject({ status: 'valid', anyStation: index === 1 })
      expect(claimed.data!.voucher!.qr).toMatch(/^data:image\/png;base64,/)
      return claimed.data!.voucherCode!
    }

    let campaignId: string
    beforeAll(async () => {
      gw = await startGateway(mode.opts)
      gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
      campaignId = (await createCampaign(gw, await as('demo-staff'), voucherPrizes)).id
    })
    afterAll(() => gw.close())

    test('staff configure where a voucher is used: the station is checked and its name kept; 任意驿站 when none', async () => {
      const c = await q('demo-staff', 'getCampaign', { id: campaignId })
      expect(c.data!.prizes.map((p) => p.voucher)).toEqual([
        { stationId: SHIZHONG, stationName: '市中街道办事处劳动者驿站', validDays: 7 },
        { stationId: '', stationName: '', validDays: 3 },
      ])
      const bad = await q('demo-staff', 'upsertCampaign', {
        ...(await import('./quiz-helpers')).campaignInput(),
        prizes: [{ name: '饮品券', kind: 'voucher', quantity: 1, weight: 1, stationId: 'st-nowhere' }],
      } as Data<'quiz', 'upsertCampaign'>[0])
      expect(bad.error!.fields).toEqual([{ path: 'prizes.0.stationId', message: '这个驿站不存在或已撤销，请重新选择' }])
    })

    test('many keepers and taps scanning one code at once: exactly one use, the rest hear 已核销 (when, where)', async () => {
      const code = await voucher(campaignId, 'vw-rush', 0)
      const ks = await keepers('rush-keeper', SHIZHONG, 8)
      const toks = await Promise.all(ks.map((k) => as(k)))
      gw.double?.resetCounts()
      // 8 keepers, 5 taps each, the QR's own text and the typed code mixed
      const results = await Promise.all(
        toks.flatMap((t, i) =>
          Array.from({ length: 5 }, (_, j) =>
            gw.as(t).call('quiz', 'redeemVoucher', { code: (i + j) % 2 ? `QV:${code.replace(/-/g, '')}` : code.toLowerCase(), stationId: SHIZHONG }),
          ),
        ),
      )
      const ok = results.filter((r) => r.ok)
      expect(ok).toHaveLength(1)
      expect(ok[0].data).toMatchObject({
        prizeName: '驿站免费饮品一份',
        stationName: '市中街道办事处劳动者驿站',
        nameMasked: expect.stringMatching(/\*/),
      })
      const refused = results.filter((r) => !r.ok)
      expect(refused).toHaveLength(39)
      for (const r of refused) {
        expect(r.error!.code).toBe('CONFLICT')
        expect(r.error!.message).toMatch(/^已核销：这张券已于 .+ 在「市中街道办事处劳动者驿站」使用过了$/)
      }
      if (gw.double) {
        // per scan: the session, the caller, the rate limit, the voucher and station reads, the one update
        // (refused scans stop there or re-read); the one success also marks the draw and writes the audit
        const total = Object.values(gw.double.counts).reduce((s, n) => s + n, 0)
        expect(total / results.length).toBeLessThan(12)
      }
      const v = (await gw.store.get('quiz_vouchers', code.replace(/-/g, ''))) as unknown as { status: string; redeemedStationId: string }
      expect(v).toMatchObject({ status: 'redeemed', redeemedStationId: SHIZHONG })
      expect(await gw.store.count('audit_log', { action: 'quiz.voucher', targetId: code.replace(/-/g, '') })).toBe(1)
      // the owner sees it used; no QR any more
      const mine = (await q('vw-rush', 'myPrizes')).data!.items[0]
      expect(mine).toMatchObject({ deliveryStatus: 'redeemed', voucher: { status: 'redeemed', redeemedStationName: '市中街道办事处劳动者驿站' } })
      expect(mine.voucher!.qr).toBeUndefined()
      // and staff marking it by hand afterwards cannot count it twice
      expect((await q('demo-staff', 'markRedeemed', { drawId: mine.drawId })).error!.code).toBe('CONFLICT')
    })

    test('a voucher of one station is refused at another (不是本驿站的券); an any-station voucher is good anywhere', async () => {
      const named = await voucher(campaignId, 'vw-named', 0)
      const any = await voucher(campaignId, 'vw-any', 1)
      const [postKeeper] = await keepers('post-keeper', POST, 1)
      const wrong = await q(postKeeper, 'redeemVoucher', { code: named, stationId: POST })
      expect(wrong.error).toMatchObject({ code: 'CONFLICT', message: '不是本驿站的券：这张券只能在「市中街道办事处劳动者驿站」使用' })
      expect(((await gw.store.get('quiz_vouchers', named.replace(/-/g, ''))) as unknown as { status: string }).status).toBe('issued')
      const ok = await q(postKeeper, 'redeemVoucher', { code: any, stationId: POST })
      expect(ok.data).toMatchObject({ prizeName: '驿站充电一次', stationName: expect.any(String) })
    })

    test('only a keeper of the station redeems: not a keeper of another station, a worker or staff', async () => {
      const code = await voucher(campaignId, 'vw-authz', 0)
      const [other] = await keepers('other-keeper', POST, 1)
      const cross = await q(other, 'redeemVoucher', { code, stationId: SHIZHONG })
      expect(cross.error).toMatchObject({ code: 'FORBIDDEN', message: '您不是这个驿站的站长，不能在这里核销' })
      expect((await q('demo-worker', 'redeemVoucher', { code, stationId: SHIZHONG })).error!.code).toBe('FORBIDDEN')
      expect((await q('demo-staff', 'redeemVoucher', { code, stationId: SHIZHONG })).error!.code).toBe('FORBIDDEN')
      // the owner cannot use their own voucher either
      expect((await q('vw-authz', 'redeemVoucher', { code, stationId: SHIZHONG })).error!.code).toBe('FORBIDDEN')
      expect(((await gw.store.get('quiz_vouchers', code.replace(/-/g, ''))) as unknown as { status: string }).status).toBe('issued')
      expect((await q('demo-keeper', 'redeemVoucher', { code, stationId: SHIZHONG })).ok).toBe(true)
    })

    test('a guessed or mistyped code fails its signature, naming the field', async () => {
      const code = (await voucher(campaignId, 'vw-guess', 0)).replace(/-/g, '')
      const flip = code.slice(0, 11) + (code[11] === '2' ? '3' : '2')
      for (const guess of [flip, 'ABCDEFGHJKMN', `${code.slice(0, 4)}2222${code.slice(8)}`]) {
        const r = await q('demo-keeper', 'redeemVoucher', { code: guess, stationId: SHIZHONG })
        expect(r.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'code', message: '券码不正确，请核对后重试' }] })
      }
      const short = await q('demo-keeper', 'redeemVoucher', { code: 'ABC', stationId: SHIZHONG })
      expect(short.error!.fields![0].path).toBe('code')
    })

    test('an expired voucher is refused (已过期) and shows as expired to its owner', async () => {
      const code = await voucher(campaignId, 'vw-expired', 0)
      // won on 11-23 and good for 7 days: the 29th is its last day, the 30th is too late
      gw.clock.now = new Date('2026-11-29T23:50:00+08:00')
      const mine = (await q('vw-expired', 'myPrizes')).data!.items[0]
      expect(mine.voucher).toMatchObject({ status: 'valid', validUntil: '2026-11-29' })
      gw.clock.now = new Date('2026-11-30T00:05:00+08:00')
      const late = await q('demo-keeper', 'redeemVoucher', { code, stationId: SHIZHONG })
      expect(late.error).toMatchObject({ code: 'CONFLICT', message: '已过期：这张券的有效期到 2026-11-29，不能再用' })
      expect((await q('vw-expired', 'myPrizes')).data!.items[0].voucher).toMatchObject({ status: 'expired' })
      gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
    })

    test('staff see issued, used and by station with names masked; staff of another union cannot', async () => {
      gw.clock.now = new Date('2026-12-05T10:00:00+08:00')
      const s = await q('demo-staff', 'voucherStats', { campaignId })
      gw.clock.now = new Date('2026-11-23T10:00:00+08:00')
      const d = s.data!
      expect(d.issued).toBe(6)
      expect(d.redeemed).toBe(3)
      expect(d.expired).toBe(3)
      const row = (id: string) => d.byStation.find((r) => r.stationId === id)
      expect(row(SHIZHONG)).toMatchObject({ stationName: '市中街道办事处劳动者驿站', issued: 5, redeemed: 2 })
      expect(row('')).toMatchObject({ stationName: '任意驿站', issued: 1, redeemed: 0 })
      expect(row(POST)).toMatchObject({ issued: 0, redeemed: 1 })
      expect(d.recent).toHaveLength(3)
      for (const r of d.recent) {
        expect(r.keeperMasked).toMatch(/\*/)
        expect(r.nameMasked).toMatch(/\*|微信用户/)
      }
      expect(JSON.stringify(d)).not.toMatch(/vw-|keeper-/)
      expect((await q('demo-staff-taishan', 'voucherStats', { campaignId })).error!.code).toBe('FORBIDDEN')
      expect((await q('demo-keeper', 'voucherStats', { campaignId })).error!.code).toBe('FORBIDDEN')
    })
  })
}
