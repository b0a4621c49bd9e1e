import type { Ctx } from '../_core/contract'
import { count, definePersonal, type Erasure } from '../_core/personal'
import {
  ATTEMPTS,
  CAMPAIGNS,
  CERTIFICATES,
  DAILY_ISSUED,
  DAY_COUNTS,
  DAY_STATS,
  DRAWS,
  LEVEL_PROGRESS,
  PLAYERS,
  PRIZES,
  QUESTIONS,
  VOUCHERS,
  type DrawDoc,
  type VoucherDoc,
} from './model'

const MAX = 500

/**
 * A draw stays as a line of the campaign's public fairness table (drawId, value, result: anyone may recompute
 * it, and stock counts rest on it), but nothing of the person does: openid, masked name, claim details (name,
 * phone, address ciphers and masks) and voucher code go. The drawId's personal tag is a one-way hash that
 * names nobody without the openid.
 */
async function erase(ctx: Ctx, out: Erasure): Promise<void> {
  const openid = ctx.caller.openid
  const draws = await ctx.store.find<DrawDoc>(DRAWS, { where: { openid }, limit: MAX })
  let n = 0
  for (const d of draws) {
    const clear: Record<string, unknown> = {
      openid: '',
      nameMasked: '（已删除）',
      erasedAt: ctx.now().toISOString(),
      claimNameMasked: null,
      phoneCipher: null,
      phoneMasked: null,
      addressCipher: null,
      addressMasked: null,
      nameCipher: null,
      voucherCode: null,
      // staff's delivery notes may name the winner (a transfer record); whether and when it went out stays
      deliveryNote: null,
      redeemNote: null,
    }
    n += await ctx.store.update(DRAWS, { _id: d._id, openid }, { set: clear })
  }
  count(out, DRAWS, n)
  // 驿站券: counted in staff's redemption figures, so the voucher stays, without its owner
  const vouchers = await ctx.store.find<VoucherDoc>(VOUCHERS, { where: { openid }, limit: MAX })
  let v = 0
  for (const doc of vouchers) v += await ctx.store.update(VOUCHERS, { _id: doc._id, openid }, { set: { openid: '', nameMasked: '（已删除）' } })
  count(out, VOUCHERS, v)
  if (vouchers.length) {
    out.kept.push({
      what: '驿站券（已去掉您的身份和姓名）',
      reason: '工会按驿站统计券的发出和核销数量',
      retention: '随活动保存，不含任何能识别您的信息',
    })
  }
  if (draws.some((d) => d.issued)) {
    out.kept.push({
      what: '抽奖结果（已去掉您的身份和领奖信息）',
      reason: '抽奖编号和结果是活动公开复算的一部分，奖品库存也据此核对',
      retention: '随活动保存，不含任何能识别您的信息',
    })
  }
}

export default definePersonal({
  collections: {
    [CAMPAIGNS]: { none: '活动设置，由工会填写' },
    [QUESTIONS]: { none: '题库' },
    [PRIZES]: { none: '奖品和库存' },
    [PLAYERS]: { owner: 'openid', erase: 'delete' },
    [DAY_COUNTS]: { owner: 'openid', erase: 'delete' },
    [ATTEMPTS]: { owner: 'openid', erase: 'delete' },
    [DRAWS]: { owner: 'openid', erase: 'domain', how: '去掉身份、姓名和领奖信息，保留抽奖编号和结果供公开复算' },
    [DAILY_ISSUED]: { none: '每天发奖数量' },
    [DAY_STATS]: { none: '每天的答题统计（只有数量）' },
    [LEVEL_PROGRESS]: { owner: 'openid', erase: 'delete' },
    // an erased certificate no longer verifies: its code answers 「查无此证」
    [CERTIFICATES]: { owner: 'openid', erase: 'delete' },
    [VOUCHERS]: { owner: 'openid', erase: 'domain', how: '去掉身份和姓名，保留券的使用记录供工会统计' },
  },
  erase,
})
