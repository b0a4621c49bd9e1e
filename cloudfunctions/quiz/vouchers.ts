import { maskName } from '../../src/contracts/membership/idcard'
import type { quizApi } from '../../src/contracts/quiz/api'
import type { Prize, VoucherTerms, VoucherView } from '../../src/contracts/quiz/schemas'
import {
  VOUCHER_ALPHABET,
  VOUCHER_QR_PREFIX,
  formatVoucherCode,
  normalizeVoucherCode,
  type VoucherRedemption,
  type VoucherStationRow,
} from '../../src/contracts/quiz/vouchers'
import { addDays, beijingDay, beijingMonthDayTime } from '../../src/contracts/time'
import { governsOrg, scopesOf, type Caller } from '../_core/auth'
import type { Ctx, Impl } from '../_core/contract'
import { AppError, conflict, forbidden, invalid } from '../_core/errors'
import type { Pii } from '../_core/keys'
import { findAll } from '../_core/paging'
import { DuplicateKeyError, type Store } from '../_core/store/port'
import { qrImage } from '../membership/card'
import { DRAWS, VOUCHERS, type CampaignDoc, type CampaignPrize, type DrawDoc, type VoucherDoc } from './model'
import { DEFAULT_VALID_DAYS, campaignOr404 } from './shared'

/**
 * 驿站券: a prize used once at a station. Claiming it makes its voucher document, whose id is its code; a keeper's
 * 核销 is one conditional update of that document alone (issued → redeemed), so of any number of scans at once
 * exactly one succeeds, on SQLite and on CloudBase alike, with no transaction.
 *
 * The code is derived with the server's keyed hash: 8 characters from the draw (the same code however often the
 * claim is retried, so a retry after a crash never makes a second voucher) and 4 that sign those 8. A code that
 * was guessed or mistyped fails the signature before anything is read.
 */

const STATIONS = 'stations'

function toAlphabet(hex: string, n: number): string {
  let out = ''
  for (let i = 0; i < n; i++) out += VOUCHER_ALPHABET[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % VOUCHER_ALPHABET.length]
  return out
}

const signature = (pii: Pii, body: string) => toAlphabet(pii.hash(`quiz-voucher-sig:${body}`), 4)

/** The voucher code of a won draw (12 characters, no dashes). */
function voucherCodeFor(pii: Pii, drawId: string): string {
  const body = toAlphabet(pii.hash(`quiz-voucher-id:${drawId}`), 8)
  return body + signature(pii, body)
}

function signedByUs(pii: Pii, code: string): boolean {
  return signature(pii, code.slice(0, 8)) === code.slice(8)
}

/** A voucher prize's terms; prizes from before 驿站券 were configured are good at any station for 30 days. */
function termsOf(p: CampaignPrize): VoucherTerms {
  return { stationId: p.stationId ?? '', stationName: p.stationName ?? '', validDays: p.validDays ?? DEFAULT_VALID_DAYS }
}

/**
 * Staff's prize table as stored: a voucher's station must exist, be open and belong to the caller's union (or
 * one below it); its name is kept with the prize. Other kinds carry no voucher terms.
 */
export async function withVoucherTerms(store: Store, caller: Caller, prizes: Prize[]): Promise<Prize[]> {
  const out: Prize[] = []
  const bad: { path: string; message: string }[] = []
  for (const [i, p] of prizes.entries()) {
    const { stationId, validDays, anyStation: _any, ...rest } = p
    if (p.kind !== 'voucher') {
      out.push(rest)
      continue
    }
    let stationName = ''
    if (stationId) {
      const st = await store.get<{ _id: string; name: string; orgId: string; status: string }>(STATIONS, stationId)
      if (!st || st.status !== 'active') bad.push({ path: `prizes.${i}.stationId`, message: '这个驿站不存在或已撤销，请重新选择' })
      else if (!(await governsOrg(store, caller, st.orgId))) bad.push({ path: `prizes.${i}.stationId`, message: '只能选择本工会及下级工会的驿站' })
      else stationName = st.name
    }
    out.push({ ...rest, stationId: stationId ?? '', stationName, validDays: validDays ?? DEFAULT_VALID_DAYS } as Prize)
  }
  if (bad.length) throw invalid(bad)
  return out
}

/** Makes (or finds, on a retried claim) the voucher of a won draw; returns its code. */
export async function issueVoucher(ctx: Ctx, d: DrawDoc, c: CampaignDoc | null): Promise<string> {
  if (!ctx.keys) throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
  const code = voucherCodeFor(ctx.keys.pii, d._id)
  const prize = c?.prizes.find((p) => p.id === d.prizeId)
  const terms = prize ? termsOf(prize) : { stationId: '', stationName: '', validDays: DEFAULT_VALID_DAYS }
  const today = beijingDay(ctx.now())
  const doc: VoucherDoc = {
    _id: code,
    drawId: d._id,
    campaignId: d.campaignId,
    orgId: c?.orgId ?? '',
    openid: d.openid,
    nameMasked: d.nameMasked,
    prizeName: d.prizeName ?? '',
    stationId: terms.stationId,
    stationName: terms.stationName,
    issuedAt: ctx.now().toISOString(),
    validUntil: addDays(today, terms.validDays - 1),
    status: 'issued',
  }
  try {
    await ctx.store.insert(VOUCHERS, doc)
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
  }
  return code
}

const usedMessage = (v: VoucherDoc) =>
  `已核销：这张券已于 ${beijingMonthDayTime(v.redeemedAt ?? v.issuedAt, true)} 在「${v.redeemedStationName || '工会'}」使用过了`

/** The owner's view in 我的奖品, with the QR to show while it can be used. */
export async function voucherView(store: Store, code: string, now: Date): Promise<VoucherView | undefined> {
  const key = normalizeVoucherCode(code)
  const v = key ? await store.get<VoucherDoc>(VOUCHERS, key) : null
  if (!v) return undefined
  const status = v.status === 'redeemed' ? 'redeemed' : beijingDay(now) > v.validUntil ? 'expired' : 'valid'
  return {
    code: formatVoucherCode(v._id),
    ...(status === 'valid' ? { qr: await qrImage(VOUCHER_QR_PREFIX + v._id) } : {}),
    stationName: v.stationName || '任意驿站',
    anyStation: !v.stationId,
    validUntil: v.validUntil,
    status,
    ...(v.redeemedAt ? { redeemedAt: v.redeemedAt, redeemedStationName: v.redeemedStationName ?? '' } : {}),
  }
}

/**
 * Staff marking a voucher used by hand (the older 核销 of the 奖品发放 page) takes the same single step, so a
 * keeper's scan and a staff mark can never both count.
 */
export async function redeemByStaff(ctx: Ctx, code: string): Promise<boolean> {
  const key = normalizeVoucherCode(code)
  if (!key || !(await ctx.store.get<VoucherDoc>(VOUCHERS, key))) return true
  const set = {
    status: 'redeemed',
    redeemedAt: ctx.now().toISOString(),
    redeemedStationName: '工会',
    redeemedBy: ctx.caller.openid,
    redeemedByName: ctx.caller.name,
  }
  return (await ctx.store.update(VOUCHERS, { _id: key, status: 'issued' }, { set })) > 0
}

export const redeemVoucherAction: Impl<typeof quizApi.redeemVoucher> = {
  audit: 'quiz.voucher',
  rateLimit: { key: (_i, ctx) => `quiz.redeem:${ctx.caller.openid}`, max: 60, perMs: 60_000, message: '核销太频繁，请稍后再试' },
  handler: async (input, ctx) => {
    if (!scopesOf(ctx.caller, 'keeper').includes(input.stationId)) throw forbidden('您不是这个驿站的站长，不能在这里核销')
    if (!ctx.keys) throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
    const code = normalizeVoucherCode(input.code) as string
    const wrong = () => invalid([{ path: 'code', message: '券码不正确，请核对后重试' }], '券码不正确，请核对后重试')
    if (!signedByUs(ctx.keys.pii, code)) throw wrong()
    const [v, station] = await Promise.all([
      ctx.store.get<VoucherDoc>(VOUCHERS, code),
      ctx.store.get<{ _id: string; name: string; status: string }>(STATIONS, input.stationId),
    ])
    if (!v) throw wrong()
    if (!station || station.status !== 'active') throw conflict('这个驿站已撤销，不能核销')
    if (v.status === 'redeemed') throw conflict(usedMessage(v))
    if (v.stationId && v.stationId !== input.stationId) throw conflict(`不是本驿站的券：这张券只能在「${v.stationName}」使用`)
    if (beijingDay(ctx.now()) > v.validUntil) throw conflict(`已过期：这张券的有效期到 ${v.validUntil}，不能再用`)
    const now = ctx.now().toISOString()
    const set = {
      status: 'redeemed' as const,
      redeemedAt: now,
      redeemedStationId: station._id,
      redeemedStationName: station.name,
      redeemedBy: ctx.caller.openid,
      redeemedByName: ctx.caller.name,
    }
    // The one step that decides: only a scan that finds it still issued moves it.
    if (!(await ctx.store.update(VOUCHERS, { _id: code, status: 'issued' }, { set }))) {
      const cur = await ctx.store.get<VoucherDoc>(VOUCHERS, code)
      throw conflict(usedMessage(cur ?? { ...v, ...set }))
    }
    // The draw's 奖品发放 state follows (staff's list); the voucher document is the record that counts.
    await ctx.store.update(DRAWS, { _id: v.drawId }, { set: { deliveryStatus: 'redeemed', redeemedAt: now, redeemedBy: ctx.caller.openid } })
    await ctx.audit(ctx.store, code, { status: 'issued' }, { status: 'redeemed', stationId: station._id })
    const c = await ctx.store.get<CampaignDoc>('quiz_campaigns', v.campaignId)
    return { prizeName: v.prizeName, campaignTitle: c?.title ?? '', stationName: station.name, redeemedAt: now, nameMasked: v.nameMasked }
  },
}

export const voucherStatsAction: Impl<typeof quizApi.voucherStats> = {
  handler: async ({ campaignId }, ctx) => {
    const c = await campaignOr404(ctx.store, campaignId)
    if (!(await governsOrg(ctx.store, ctx.caller, c.orgId))) throw forbidden('这个活动不归您所在的工会管理')
    const all = await findAll<VoucherDoc>(ctx.store, VOUCHERS, { campaignId: c._id })
    const today = beijingDay(ctx.now())
    const rows = new Map<string, VoucherStationRow>()
    const row = (id: string, name: string) => {
      let r = rows.get(id)
      if (!r) rows.set(id, (r = { stationId: id, stationName: id ? name : '任意驿站', issued: 0, redeemed: 0 }))
      return r
    }
    let redeemed = 0
    let expired = 0
    for (const v of all) {
      row(v.stationId, v.stationName).issued++
      if (v.status === 'redeemed') {
        redeemed++
        // marked used by staff by hand: a row of its own
        row(v.redeemedStationId || '_union', v.redeemedStationName || '工会').redeemed++
      } else if (today > v.validUntil) expired++
    }
    const recent: VoucherRedemption[] = all
      .filter((v) => v.status === 'redeemed')
      .sort((a, b) => String(b.redeemedAt).localeCompare(String(a.redeemedAt)))
      .slice(0, 50)
      .map((v) => ({
        prizeName: v.prizeName,
        nameMasked: v.nameMasked,
        stationName: v.redeemedStationName ?? '',
        redeemedAt: v.redeemedAt ?? '',
        keeperMasked: maskName(v.redeemedByName || '站长'),
      }))
    const byStation = [...rows.values()].sort((a, b) => b.issued + b.redeemed - (a.issued + a.redeemed))
    return { issued: all.length, redeemed, expired, byStation, recent }
  },
}
