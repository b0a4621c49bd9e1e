import { maskPhone, PHONE_RE } from '../../src/contracts/membership/idcard'
import type { membershipApi } from '../../src/contracts/membership/api'
import type { Ctx, Impl } from '../_core/contract'
import { AppError, invalid } from '../_core/errors'
import { newId } from '../_core/ids'
import type { Doc } from '../_core/store/port'
import { DuplicateKeyError } from '../_core/store/port'
import { keysOf } from './shared'

/**
 * One per caller (`_id` = openid): the number WeChat's 手机号快速验证 vouched for, waiting for the form that asked
 * (申请入会 or 会员认证). The form sends its id, never the number, so the number on file is one WeChat checked.
 */
export const PHONE_CHECKS = 'membership_phone_checks'

interface PhoneCheckDoc extends Doc {
  checkId: string
  phoneCipher: string
  phoneMasked: string
  expiresAt: string
}

/** Long enough to finish the form after verifying, short enough that a phone left unlocked does not keep it. */
const CHECK_MS = 30 * 60_000
const CODE_REFUSED = '手机号验证已失效（5 分钟内有效，只能使用一次），请重新验证'
const STALE = '手机号验证已过期，请重新验证'

export const verifyPhoneAction: Impl<typeof membershipApi.verifyPhone> = {
  // Every exchange is a paid call to WeChat; a wrong code is someone guessing.
  rateLimit: { key: (_i, ctx) => `membership-verify-phone:${ctx.caller.openid}`, max: 10, perMs: 3600_000, message: '验证太频繁了，请一小时后再试' },
  handler: async (input, ctx) => {
    const { pii } = keysOf(ctx)
    const checked = await ctx.phone.exchange(input.code)
    if (!checked.ok) {
      if (checked.reason === 'invalid_code') throw invalid([{ path: 'phone', message: CODE_REFUSED }], CODE_REFUSED)
      throw new AppError('INTERNAL', '微信手机号验证暂时不可用，请稍后再试')
    }
    const phone = checked.phone.trim()
    if ((checked.countryCode && checked.countryCode !== '86') || !PHONE_RE.test(phone)) {
      const message = '只能使用中国大陆 11 位手机号，请换一个号码验证'
      throw invalid([{ path: 'phone', message }], message)
    }
    const doc: PhoneCheckDoc = {
      _id: ctx.caller.openid,
      checkId: newId(),
      phoneCipher: pii.encrypt(phone),
      phoneMasked: maskPhone(phone),
      expiresAt: new Date(ctx.now().getTime() + CHECK_MS).toISOString(),
    }
    const { _id, ...rest } = doc
    if (!(await ctx.store.update(PHONE_CHECKS, { _id }, { set: rest }))) {
      try {
        await ctx.store.insert(PHONE_CHECKS, doc)
      } catch (e) {
        // Two verifications at once: the later one wins, as it would by update.
        if (!(e instanceof DuplicateKeyError)) throw e
        await ctx.store.update(PHONE_CHECKS, { _id }, { set: rest })
      }
    }
    ctx.log.info('membership_phone_verified', {})
    return { verificationId: doc.checkId, phoneMasked: doc.phoneMasked, expiresAt: doc.expiresAt }
  },
}

/** The number behind a verification this caller made; a field error under 手机号 when it is gone or old. */
export async function verifiedPhone(ctx: Ctx, verificationId: string): Promise<string> {
  const doc = await ctx.store.get<PhoneCheckDoc>(PHONE_CHECKS, ctx.caller.openid)
  if (!doc || doc.checkId !== verificationId || doc.expiresAt <= ctx.now().toISOString())
    throw invalid([{ path: 'phoneVerificationId', message: STALE }], STALE)
  return keysOf(ctx).pii.decrypt(doc.phoneCipher)
}
