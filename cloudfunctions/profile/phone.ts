import { maskPhone, PHONE_RE } from '../../src/contracts/membership/idcard'
import type { profileApi } from '../../src/contracts/profile/api'
import type { Ctx, Impl } from '../_core/contract'
import { AppError, invalid } from '../_core/errors'
import { newId } from '../_core/ids'
import type { Pii } from '../_core/keys'
import { DuplicateKeyError, type Doc } from '../_core/store/port'
import { APPLICATIONS, type ApplicationDoc } from '../membership/model'
import { keysOf, LIVE } from '../membership/shared'
import { CASES, type CaseDoc } from '../legalAid/model'

/** One per person (`_id` = openid): the phone they verified, and a verified one awaiting their confirmation. */
export const PROFILES = 'profiles'

export interface ProfileDoc extends Doc {
  phoneCipher?: string
  phoneMasked?: string
  phoneVerifiedAt?: string
  pendingPhone?: { id: string; phoneCipher: string; phoneMasked: string; expiresAt: string } | null
}

/** Long enough to read the confirmation, short enough that a phone left unlocked does not keep it open. */
const PENDING_MS = 10 * 60_000
/** the contact phone of a case still being handled follows the person; a closed case's file stays as it was */
const OPEN_CASE = ['submitted', 'accepted', 'assigned', 'in_progress']
/** a person's own records are few; this only bounds one call */
const MAX = 50

const CODE_REFUSED = '手机号验证已失效（5 分钟内有效，只能使用一次），请重新验证'

function open(pii: Pii, sealed: string | null | undefined): string | null {
  if (!sealed) return null
  try {
    return pii.decrypt(sealed)
  } catch {
    return null
  }
}

/** The number the person has now: the verified one, else their live 入会 application's. */
async function currentPhone(ctx: Ctx, pii: Pii, profile: ProfileDoc | null): Promise<string | null> {
  const verified = open(pii, profile?.phoneCipher)
  if (verified) return verified
  const [app] = await ctx.store.find<ApplicationDoc>(APPLICATIONS, {
    where: { applicantOpenid: ctx.caller.openid, status: { $in: LIVE } },
    orderBy: [['submittedAt', 'desc']],
    limit: 1,
  })
  return open(pii, app?.phoneCipher)
}

async function savePending(ctx: Ctx, pending: NonNullable<ProfileDoc['pendingPhone']>): Promise<void> {
  const _id = ctx.caller.openid
  if (await ctx.store.update(PROFILES, { _id }, { set: { pendingPhone: pending } })) return
  try {
    await ctx.store.insert(PROFILES, { _id, pendingPhone: pending })
  } catch (e) {
    // Two verifications at once: the other created the document; the later one wins, as it would by update.
    if (!(e instanceof DuplicateKeyError)) throw e
    await ctx.store.update(PROFILES, { _id }, { set: { pendingPhone: pending } })
  }
}

export const verifyPhoneAction: Impl<typeof profileApi.verifyPhone> = {
  // Every exchange is a paid call to WeChat, and a wrong code is someone guessing: few per hour.
  rateLimit: { key: (_i, ctx) => `profile-verify-phone:${ctx.caller.openid}`, max: 5, perMs: 3600_000, message: '验证太频繁了，请一小时后再试' },
  handler: async (input, ctx) => {
    const { pii } = keysOf(ctx)
    const checked = await ctx.phone.exchange(input.code)
    if (!checked.ok) {
      if (checked.reason === 'invalid_code') throw invalid([{ path: 'code', message: CODE_REFUSED }], CODE_REFUSED)
      throw new AppError('INTERNAL', '微信手机号验证暂时不可用，请稍后再试')
    }
    const phone = checked.phone.trim()
    if ((checked.countryCode && checked.countryCode !== '86') || !PHONE_RE.test(phone)) {
      const message = '只能使用中国大陆 11 位手机号，请换一个号码验证'
      throw invalid([{ path: 'phone', message }], message)
    }
    const profile = await ctx.store.get<ProfileDoc>(PROFILES, ctx.caller.openid)
    const current = await currentPhone(ctx, pii, profile)
    if (current === phone) {
      const message = '这就是您现在的手机号，无需更换'
      throw invalid([{ path: 'phone', message }], message)
    }
    const pending = {
      id: newId(),
      phoneCipher: pii.encrypt(phone),
      phoneMasked: maskPhone(phone),
      expiresAt: new Date(ctx.now().getTime() + PENDING_MS).toISOString(),
    }
    await savePending(ctx, pending)
    ctx.log.info('phone_verified', { pending: true })
    return {
      verificationId: pending.id,
      phoneMasked: pending.phoneMasked,
      ...(current ? { currentMasked: maskPhone(current) } : {}),
      expiresAt: pending.expiresAt,
    }
  },
}

export const changePhoneAction: Impl<typeof profileApi.changePhone> = {
  audit: 'profile.changePhone',
  rateLimit: {
    key: (_i, ctx) => `profile-change-phone:${ctx.caller.openid}`,
    max: 3,
    perMs: 24 * 3600_000,
    message: '今天更换手机号的次数已达上限，请明天再试',
  },
  handler: async (input, ctx) => {
    const { pii } = keysOf(ctx)
    const openid = ctx.caller.openid
    const profile = await ctx.store.get<ProfileDoc>(PROFILES, openid)
    const pending = profile?.pendingPhone
    const stale = '这次验证已失效，请重新验证手机号'
    if (!pending || pending.id !== input.verificationId) throw invalid([{ path: 'verificationId', message: stale }], stale)
    if (pending.expiresAt <= ctx.now().toISOString()) {
      const message = '验证已超过 10 分钟，请重新验证手机号'
      throw invalid([{ path: 'verificationId', message }], message)
    }
    const phone = pii.decrypt(pending.phoneCipher)
    const old = await currentPhone(ctx, pii, profile)
    const apps = await ctx.store.find<ApplicationDoc>(APPLICATIONS, { where: { applicantOpenid: openid, status: { $in: LIVE } }, limit: MAX })
    // A case's phone is the contact the applicant gave for it: it follows only when it was this same number.
    const cases = old
      ? (await ctx.store.find<CaseDoc>(CASES, { where: { applicantOpenid: openid, status: { $in: OPEN_CASE } }, limit: MAX })).filter(
          (c) => open(pii, c.phoneCipher) === old,
        )
      : []
    const at = ctx.now().toISOString()
    const masked = maskPhone(phone)
    const before = old ? maskPhone(old) : null
    const updated = await ctx.store.transaction(async (tx) => {
      const fresh = await tx.get<ProfileDoc>(PROFILES, openid)
      if (fresh?.pendingPhone?.id !== input.verificationId) return null
      await tx.put(PROFILES, { ...fresh, phoneCipher: pii.encrypt(phone), phoneMasked: masked, phoneVerifiedAt: at, pendingPhone: null })
      await ctx.audit(tx, openid, { phoneMasked: before }, { phoneMasked: masked })
      let membershipApplications = 0
      for (const a of apps) {
        const doc = await tx.get<ApplicationDoc>(APPLICATIONS, a._id)
        if (!doc || doc.applicantOpenid !== openid || !LIVE.includes(doc.status)) continue
        await tx.put(APPLICATIONS, { ...doc, phoneCipher: pii.encrypt(phone), phoneMasked: masked, phoneTail: phone.slice(-4) })
        await ctx.audit(tx, doc._id, { phoneMasked: doc.phoneMasked }, { phoneMasked: masked, by: 'changePhone' })
        membershipApplications++
      }
      let legalCases = 0
      for (const c of cases) {
        const doc = await tx.get<CaseDoc>(CASES, c._id)
        if (!doc || !OPEN_CASE.includes(doc.status)) continue
        await tx.put(CASES, { ...doc, phoneCipher: pii.encrypt(phone), phoneMasked: masked })
        await ctx.audit(tx, doc._id, { phoneMasked: doc.phoneMasked }, { phoneMasked: masked, by: 'changePhone' })
        legalCases++
      }
      return { membershipApplications, legalCases }
    })
    if (!updated) throw invalid([{ path: 'verificationId', message: stale }], stale)
    ctx.log.info('phone_changed', updated)
    return { phoneMasked: masked, updated }
  },
}
