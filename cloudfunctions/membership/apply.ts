import { maskIdNumber, maskPhone } from '../../src/contracts/membership/idcard'
import { statusLabel } from '../../src/contracts/membership/options'
import type { membershipApi } from '../../src/contracts/membership/api'
import type { Ctx, Impl } from '../_core/contract'
import { AppError, conflict, notFound } from '../_core/errors'
import { DuplicateKeyError } from '../_core/store/port'
import { newId } from '../_core/ids'
import { APPLICATIONS, ID_LOCKS, OPENID_LOCKS, toMine, type ApplicationDoc } from './model'
import { routeApplication } from './routing'
import { countySettings, requireCounty } from '../_core/county'
import { keysOf, myLive, releaseLocks } from './shared'
import { PHONE_CHECKS, verifiedPhone } from './phone'
import { driveOf } from './drives'

/** 入会 from the applicant's side: apply (first time, or fixed after 驳回) and withdraw. */

async function regionName(ctx: Ctx, region: string): Promise<string> {
  const area = await ctx.store.get<{ _id: string; name: string; disabled?: boolean }>('areas', region)
  if (!area || area.disabled) throw new AppError('VALIDATION_FAILED', '所在地区不正确', [{ path: 'region', message: '请从列表中选择所在地区' }])
  return area.name
}

/** Which application a duplicate lock points to, to tell a double tap (same person, same data) from a conflict. */
async function lockedApplication(ctx: Ctx, collection: string, id: string): Promise<ApplicationDoc | null> {
  const lock = await ctx.store.get<{ _id: string; appId: string }>(collection, id)
  return lock ? ctx.store.get<ApplicationDoc>(APPLICATIONS, lock.appId) : null
}

const APPLY_TOO_OFTEN = '提交太频繁了，请一小时后再试'

/**
 * The answer when an ID number is locked by someone else's application or membership: it must not say which
 * (that would tell a stranger whether the number's owner is a member), only whom to call.
 */
async function idRefusal(ctx: Ctx): Promise<string> {
  const countyId = (await countySettings(ctx.store))?.orgId
  const county = countyId ? await ctx.store.get<{ _id: string; phone?: string }>('orgs', countyId) : null
  const base = '该身份证号无法提交新的申请，如有疑问请联系工会'
  return county?.phone ? `${base}（电话 ${county.phone}）` : base
}

export const applyAction: Impl<typeof membershipApi.apply> = {
  // Against probing whether an ID number belongs to someone with an application or membership: few tries per
  // caller, and few per ID number (keyed hash, never the number) whoever tries it.
  rateLimit: [
    { key: (_i, ctx) => `membership-apply:${ctx.caller.openid}`, max: 5, perMs: 3600_000, message: APPLY_TOO_OFTEN },
    { key: (i, ctx) => `membership-apply-id:${keysOf(ctx).pii.hash(i.idNumber)}`, max: 5, perMs: 3600_000, message: APPLY_TOO_OFTEN },
  ],
  handler: async (input, ctx) => {
    const { pii } = keysOf(ctx)
    // Before anything else: with no county set up there is nowhere right to send the application.
    const county = await requireCounty(ctx.store)
    const idHash = pii.hash(input.idNumber)
    const at = ctx.now().toISOString()
    const existing = await myLive(ctx)
    if (existing?.status === 'approved') throw conflict('您已是工会会员，无需重复申请')
    if (existing?.status === 'pending') {
      // A double tap sends the same form twice: answer with the one already stored.
      if (existing.idHash === idHash) return toMine(existing)
      throw conflict('您已有一份待审核的入会申请，如需修改请先撤回')
    }
    // The number WeChat vouched for; a typed one only from clients that predate the check.
    const phone = input.phoneVerificationId ? await verifiedPhone(ctx, input.phoneVerificationId) : (input.phone ?? '')
    // 集中入会: the event names the union; otherwise the usual routing by employer, region and industry.
    const drive = await driveOf(ctx, input.drive)
    const route = drive
      ? { org: { _id: drive.orgId, name: drive.orgName }, routedBy: 'drive' as const }
      : await routeApplication(ctx.store, input, county.orgId)
    const fields = {
      applicantOpenid: ctx.caller.openid,
      orgId: route.org._id,
      orgName: route.org.name,
      routedBy: route.routedBy,
      status: 'pending' as const,
      name: input.name,
      gender: input.gender,
      ethnicity: input.ethnicity,
      idCipher: pii.encrypt(input.idNumber),
      idHash,
      idMasked: maskIdNumber(input.idNumber),
      phoneCipher: pii.encrypt(phone),
      phoneMasked: maskPhone(phone),
      phoneTail: phone.slice(-4),
      phoneVerified: !!input.phoneVerificationId,
      ...(drive ? { driveCode: drive._id, driveEvent: drive.event } : {}),
      education: input.education,
      politicalStatus: input.politicalStatus,
      employer: input.employer,
      occupation: input.occupation,
      hukouType: input.hukouType,
      newEmploymentType: input.newEmploymentType,
      region: input.region,
      regionName: await regionName(ctx, input.region),
      consentAt: at,
      submittedAt: at,
      activeAt: at,
    }
    try {
      const doc = await ctx.store.transaction(async (tx) => {
        // used once: the number is now on the application
        if (input.phoneVerificationId) await tx.remove(PHONE_CHECKS, { _id: ctx.caller.openid })
        if (existing) {
          // 已驳回: the applicant fixes the form and sends it again; the lock follows a corrected ID number.
          if (existing.idHash !== idHash) {
            await tx.insert(ID_LOCKS, { _id: idHash, appId: existing._id, openid: ctx.caller.openid })
            await tx.remove(ID_LOCKS, { _id: existing.idHash })
          }
          const next: ApplicationDoc = {
            ...existing,
            ...fields,
            rejectReason: undefined,
            timeline: [...existing.timeline, { at, status: 'resubmitted', note: `修改后重新提交至${route.org.name}` }],
          }
          delete next.rejectReason
          await tx.put(APPLICATIONS, next)
          return next
        }
        const appId = `app_${newId()}`
        await tx.insert(ID_LOCKS, { _id: idHash, appId, openid: ctx.caller.openid })
        await tx.insert(OPENID_LOCKS, { _id: ctx.caller.openid, appId })
        const doc: ApplicationDoc = { _id: appId, ...fields, timeline: [{ at, status: 'submitted', note: `已提交至${route.org.name}` }] }
        await tx.insert(APPLICATIONS, doc)
        return doc
      })
      ctx.log.info('membership_applied', { id: doc._id, org: doc.orgId, routedBy: doc.routedBy })
      return toMine(doc)
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e
      // Someone got there first. If it was this same person with this same ID number, it was a double tap.
      const other = await lockedApplication(ctx, e.collection, e.collection === ID_LOCKS ? idHash : ctx.caller.openid)
      if (other && other.applicantOpenid === ctx.caller.openid && other.idHash === idHash && other.status === 'pending') return toMine(other)
      if (e.collection === ID_LOCKS) throw conflict(await idRefusal(ctx))
      throw conflict('您已有一份入会申请，请勿重复提交')
    }
  },
}

export const withdrawAction: Impl<typeof membershipApi.withdraw> = {
  audit: 'membership.withdraw',
  handler: async (_input, ctx) => {
    const doc = await myLive(ctx)
    if (!doc) throw notFound('没有可撤回的入会申请')
    if (doc.status === 'approved') throw conflict('申请已通过，您已是会员；如需退会请联系所在工会')
    // 个人信息保护法: a withdrawn application is deleted, not flagged. The status read above may be stale (staff
    // can approve meanwhile), so it is read again inside the transaction that deletes, with the audit record.
    await ctx.store.transaction(async (tx) => {
      const current = await tx.get<ApplicationDoc>(APPLICATIONS, doc._id)
      if (!current) throw notFound('没有可撤回的入会申请')
      if (current.status === 'approved') throw conflict('申请刚刚已审核通过，您已是会员；如需退会请联系所在工会')
      if (current.status !== 'pending' && current.status !== 'rejected') throw conflict(`这份申请${statusLabel(current.status)}，无法撤回`)
      await tx.remove(APPLICATIONS, { _id: current._id })
      await releaseLocks(tx, current)
      await ctx.audit(tx, current._id, { status: current.status }, { status: 'deleted' })
    })
    return { withdrawn: true }
  },
}
