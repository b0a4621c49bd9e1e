import type { membershipApi } from '../../src/contracts/membership/api'
import type { Ctx, Impl } from '../_core/contract'
import { countySettings } from '../_core/county'
import { AppError, conflict, forbidden, notFound } from '../_core/errors'
import { governsOrg } from '../_core/auth'
import { DuplicateKeyError } from '../_core/store/port'
import { APPLICATIONS, ID_LOCKS, OPENID_LOCKS, toDetail, toMine, type ApplicationDoc } from './model'
import { PHONE_CHECKS, verifiedPhone } from './phone'
import { keysOf, myLive, unionPhone } from './shared'

/** 「请联系乐陵市总工会（电话 0534-6221234）」: whom to call when the roster and the person disagree. */
async function callUnion(ctx: Ctx, orgId: string | null, orgName: string | null): Promise<string> {
  const county = await countySettings(ctx.store)
  const id = orgId ?? county?.orgId ?? null
  const name = orgName ?? county?.name ?? '所在工会'
  const phone = id ? await unionPhone(ctx, id) : undefined
  return `${name}${phone ? `（电话 ${phone}）` : ''}`
}

const TOO_OFTEN = '认证太频繁了，请一小时后再试'

/**
 * 会员认证: a member on a union's roster takes the e-card with this WeChat account. Name, 身份证号 and the phone on
 * the roster must all agree, the phone verified by WeChat; one 身份证号 goes to one account, whoever asks first,
 * however many ask at once (the claim and the account's lock are one transaction).
 */
export const claimAction: Impl<typeof membershipApi.claim> = {
  audit: 'membership.claim',
  // Against walking through 身份证号: few tries per account, and few per number whoever tries it.
  rateLimit: [
    { key: (_i, ctx) => `membership-claim:${ctx.caller.openid}`, max: 5, perMs: 3600_000, message: TOO_OFTEN },
    { key: (i, ctx) => `membership-claim-id:${keysOf(ctx).pii.hash(i.idNumber)}`, max: 10, perMs: 3600_000, message: TOO_OFTEN },
  ],
  handler: async (input, ctx) => {
    const { pii } = keysOf(ctx)
    const openid = ctx.caller.openid
    const phone = await verifiedPhone(ctx, input.phoneVerificationId)
    const idHash = pii.hash(input.idNumber)
    const lock = await ctx.store.get<{ _id: string; appId: string }>(ID_LOCKS, idHash)
    const doc = lock ? await ctx.store.get<ApplicationDoc>(APPLICATIONS, lock.appId) : null
    if (doc?.applicantOpenid === openid && doc.status === 'approved') return toMine(doc)

    const mine = await myLive(ctx)
    if (mine) throw conflict(mine.status === 'approved' ? '您已是工会会员，可以直接查看会员卡' : '您已有一份入会申请，请先在「入会」中查看进度')

    // Who to call depends on how much matched: the 身份证号 and name (as 会员查询 would tell) name the union.
    const sameName = !!doc && doc.name === input.name.trim()
    if (!doc || doc.status !== 'approved' || doc.source !== 'roster' || !sameName) {
      const union = await callUnion(ctx, sameName ? doc.orgId : null, sameName ? doc.orgName : null)
      throw notFound(`没有找到与您填写的姓名和身份证号一致的会员记录。如果您已入会，请联系${union}核对名册；也可以直接申请入会。`)
    }
    if (pii.decrypt(doc.phoneCipher) !== phone) {
      // Said under the phone itself, where the person looks: the form shows field errors there, not the summary.
      const message = `与工会名册中的手机号不一致。请验证名册上的号码，或联系${await callUnion(ctx, doc.orgId, doc.orgName)}更新名册`
      throw new AppError('VALIDATION_FAILED', message, [{ path: 'phoneVerificationId', message }])
    }
    if (doc.applicantOpenid)
      throw conflict(`这张会员卡已被另一个微信账号领取。如果不是您本人操作，请联系${await callUnion(ctx, doc.orgId, doc.orgName)}处理`)

    const at = ctx.now().toISOString()
    try {
      const claimed = await ctx.store.transaction(async (tx) => {
        const current = await tx.get<ApplicationDoc>(APPLICATIONS, doc._id)
        if (!current || current.status !== 'approved' || current.source !== 'roster') throw conflict('会籍刚刚已变更，请稍后再试')
        if (current.applicantOpenid === openid) return current
        if (current.applicantOpenid) throw conflict('这张会员卡刚刚已被另一个微信账号领取，请联系工会处理')
        await tx.insert(OPENID_LOCKS, { _id: openid, appId: current._id })
        const next: ApplicationDoc = {
          ...current,
          applicantOpenid: openid,
          claimedAt: at,
          activeAt: at,
          phoneVerified: true,
          timeline: [...current.timeline, { at, status: 'claimed', note: '本人通过会员认证领取电子会员卡' }],
        }
        await tx.put(APPLICATIONS, next)
        await tx.remove(PHONE_CHECKS, { _id: openid })
        await ctx.audit(tx, current._id, { claimed: false }, { claimed: true })
        return next
      })
      ctx.log.info('membership_claimed', { id: claimed._id, org: claimed.orgId })
      return toMine(claimed)
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e
      // This account's lock exists: a double tap that already claimed, or an application made meanwhile.
      const now = await ctx.store.get<ApplicationDoc>(APPLICATIONS, doc._id)
      if (now?.applicantOpenid === openid) return toMine(now)
      throw conflict('您已有一份入会申请，请先在「入会」中查看进度')
    }
  },
}

export const releaseClaimAction: Impl<typeof membershipApi.releaseClaim> = {
  audit: 'membership.releaseClaim',
  handler: async ({ id, reason }, ctx) => {
    const doc = await ctx.store.get<ApplicationDoc>(APPLICATIONS, id)
    if (!doc) throw notFound('会员记录不存在')
    if (!(await governsOrg(ctx.store, ctx.caller, doc.orgId))) throw forbidden('这位会员不归您管理的工会')
    if (doc.source !== 'roster') throw conflict('只有名册导入的会员才能解除认证')
    if (!doc.applicantOpenid) throw conflict('这张会员卡还没有人领取')
    const at = ctx.now().toISOString()
    const released = await ctx.store.transaction(async (tx) => {
      const current = await tx.get<ApplicationDoc>(APPLICATIONS, id)
      if (!current || current.applicantOpenid !== doc.applicantOpenid) throw conflict('认证状态刚刚已变更，请刷新后重试')
      const next: ApplicationDoc = {
        ...current,
        applicantOpenid: '',
        claimedAt: undefined,
        timeline: [...current.timeline, { at, status: 'released', note: reason, by: ctx.caller.name || '管理员' }],
      }
      delete next.claimedAt
      await tx.put(APPLICATIONS, next)
      await tx.remove(OPENID_LOCKS, { _id: current.applicantOpenid })
      // The account that held it is in the audit record only (staff screens show no openids).
      await ctx.audit(tx, id, { claimedBy: current.applicantOpenid }, { claimedBy: null, reason })
      return next
    })
    return toDetail(released)
  },
}

const LOOKUP_TOO_OFTEN = '查询太频繁了，请稍后再试'

/**
 * 会员查询 (as 合肥 offers): name and 身份证号 in, 是/不是会员 and the union out — nothing that is not already in the
 * question. A wrong name answers 不是, the same as an unknown number, so the answer never confirms a number alone.
 */
export const lookupAction: Impl<typeof membershipApi.lookup> = {
  rateLimit: [
    { key: (_i, ctx) => `membership-lookup:${ctx.caller.openid}`, max: 10, perMs: 3600_000, message: LOOKUP_TOO_OFTEN },
    { key: (i, ctx) => `membership-lookup-id:${keysOf(ctx).pii.hash(i.idNumber)}`, max: 5, perMs: 24 * 3600_000, message: LOOKUP_TOO_OFTEN },
  ],
  handler: async (input, ctx) => {
    const idHash = keysOf(ctx).pii.hash(input.idNumber)
    const lock = await ctx.store.get<{ _id: string; appId: string }>(ID_LOCKS, idHash)
    const doc = lock ? await ctx.store.get<ApplicationDoc>(APPLICATIONS, lock.appId) : null
    if (!doc || doc.status !== 'approved' || doc.name !== input.name.trim()) return { member: false }
    return { member: true, orgName: doc.orgName }
  },
}
