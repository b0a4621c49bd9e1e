import { profileApi } from '../../src/contracts/profile/api'
import type { DeleteMyDataResult, KeptRecord, ProfileSummary } from '../../src/contracts/profile/schemas'
import { beijingDay } from '../../src/contracts/time'
import { implement, type Ctx } from '../_core/contract'
import { AppError } from '../_core/errors'
import { APPLICATIONS, type ApplicationDoc } from '../membership/model'
import { releaseLocks, unionPhone } from '../membership/shared'
import { BOOKINGS, CHILDREN, CLASSES, HISTORY, type BookingDoc, type ChildDoc, type ClassDoc } from '../childcare/model'
import { markChildDeleted } from '../childcare/children'
import { cancel } from '../childcare/booking'
import { CASES } from '../legalAid/model'
import { changePhoneAction, PROFILES, verifyPhoneAction, type ProfileDoc } from './phone'

const OUTBOX = 'outbox'
/** legal-aid cases still being handled: the applicant withdraws them first (法律援助 keeps the file otherwise) */
const OPEN_CASE: string[] = ['submitted', 'accepted', 'assigned', 'in_progress']
/** a person's own records are few; this only bounds one call */
const MAX = 200

async function latestApplication(ctx: Ctx): Promise<ApplicationDoc | null> {
  const [doc] = await ctx.store.find<ApplicationDoc>(APPLICATIONS, {
    where: { applicantOpenid: ctx.caller.openid },
    orderBy: [['submittedAt', 'desc']],
    limit: 1,
  })
  return doc ?? null
}

/**
 * 删除我的数据, membership part: a pending or rejected application goes by the withdraw rules (re-read and
 * deleted in one transaction with its locks and an audit record); an approved membership stays.
 */
async function deleteApplications(ctx: Ctx, kept: KeptRecord[]): Promise<number> {
  const docs = await ctx.store.find<ApplicationDoc>(APPLICATIONS, { where: { applicantOpenid: ctx.caller.openid }, limit: MAX })
  let deleted = 0
  for (const doc of docs) {
    if (doc.status === 'approved') {
      const phone = await unionPhone(ctx, doc.orgId)
      kept.push({ what: '工会会籍', reason: `您是${doc.orgName}会员，会籍需由工会办理退会后处理，请联系工会${phone ? `（电话 ${phone}）` : ''}` })
      continue
    }
    if (doc.status === 'revoked') {
      // The revocation is the union's record of a membership that existed (会员档案); it is not the caller's to erase.
      kept.push({ what: '已注销的会籍记录', reason: '会员档案由工会按规定保存' })
      continue
    }
    const removed = await ctx.store.transaction(async (tx) => {
      const current = await tx.get<ApplicationDoc>(APPLICATIONS, doc._id)
      if (!current || (current.status !== 'pending' && current.status !== 'rejected')) return false
      await tx.remove(APPLICATIONS, { _id: current._id })
      await releaseLocks(tx, current)
      await ctx.audit(tx, current._id, { status: current.status }, { status: 'deleted', by: 'deleteMyData' })
      return true
    })
    if (removed) deleted++
    else kept.push({ what: '入会申请', reason: '申请刚刚已审核通过或变更，请刷新后再试' })
  }
  return deleted
}

/**
 * Childcare part: bookings of classes that have ended are only records and go; others are cancelled by the
 * booking rules (a place freed goes to the waitlist), except a confirmed place past its cancel deadline (a
 * running or imminent class: the contract with the organiser), which stays. Children without a booking left
 * go, with their ID-number lock; the caller's cancelled or expired history goes too.
 */
async function deleteChildcare(ctx: Ctx, kept: KeptRecord[]): Promise<{ bookings: number; children: number }> {
  const openid = ctx.caller.openid
  const today = beijingDay(ctx.now())
  const bookings = await ctx.store.find<BookingDoc>(BOOKINGS, { where: { parentOpenid: openid }, limit: MAX })
  let removedBookings = 0
  const keptChildren = new Set<string>()
  for (const b of bookings) {
    const cls = await ctx.store.get<ClassDoc>(CLASSES, b.classId)
    if (!cls || cls.endDate < today) {
      await ctx.store.transaction(async (tx) => {
        await tx.remove(BOOKINGS, { _id: b._id })
      })
      removedBookings++
      continue
    }
    try {
      await cancel(ctx, b._id)
      removedBookings++
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== 'CLOSED' && e.code !== 'NOT_FOUND')) throw e
      if (e.code === 'NOT_FOUND') continue
      keptChildren.add(b.childId)
      kept.push({
        what: `${b.childName} 的托管预约（${cls.title}）`,
        reason: `已确认参加且已过取消截止时间，托管班结束（${cls.endDate}）后可删除；如需退出请联系${cls.orgName}`,
      })
    }
  }
  await ctx.store.remove(HISTORY, { parentOpenid: openid })
  const children = await ctx.store.find<ChildDoc>(CHILDREN, { where: { parentOpenid: openid, deletedAt: null }, limit: MAX })
  let removedChildren = 0
  for (const child of children) {
    if (keptChildren.has(child._id) || (await ctx.store.count(BOOKINGS, { childId: child._id })) > 0) continue
    // Marked now, gone with its ID lock once no booking that read it can still land (childcare/children.ts).
    await markChildDeleted(ctx, child)
    removedChildren++
  }
  return { bookings: removedBookings, children: removedChildren }
}

export const profileActions = implement(profileApi, {
  summary: {
    handler: async (_input, ctx): Promise<ProfileSummary> => {
      const openid = ctx.caller.openid
      const [app, profile] = await Promise.all([latestApplication(ctx), ctx.store.get<ProfileDoc>(PROFILES, openid)])
      const phoneMasked = profile?.phoneMasked ?? app?.phoneMasked
      const [membershipApplications, children, bookings, notices, legalCases] = await Promise.all([
        ctx.store.count(APPLICATIONS, { applicantOpenid: openid }),
        ctx.store.count(CHILDREN, { parentOpenid: openid, deletedAt: null }),
        ctx.store.count(BOOKINGS, { parentOpenid: openid }),
        ctx.store.count(OUTBOX, { openid }),
        ctx.store.count(CASES, { applicantOpenid: openid }),
      ])
      return {
        name: ctx.caller.name,
        ...(phoneMasked ? { phoneMasked } : {}),
        ...(profile?.phoneMasked ? { phoneVerified: true } : {}),
        ...(app ? { membershipStatus: app.status } : {}),
        holdings: { membershipApplications, children, bookings, notices, legalCases },
      }
    },
  },

  deleteMyData: {
    audit: 'profile.deleteMyData',
    // Each call walks all of a person's records: a few a minute is plenty for a button that is pressed once.
    rateLimit: { key: (_i, ctx) => `profile-delete:${ctx.caller.openid}`, max: 3, perMs: 60_000, message: '操作太频繁了，请一分钟后再试' },
    handler: async (_input, ctx): Promise<DeleteMyDataResult> => {
      const openid = ctx.caller.openid
      const kept: KeptRecord[] = []
      const openCases = await ctx.store.count(CASES, { applicantOpenid: openid, status: { $in: OPEN_CASE } })
      if (openCases > 0) kept.push({ what: '办理中的法律援助案件', reason: '案件正在办理，请先在「法律援助」中撤回申请，再删除' })
      const closedCases = await ctx.store.count(CASES, { applicantOpenid: openid, status: { $in: ['closed', 'declined'] } })
      if (closedCases > 0) kept.push({ what: '已办结的法律援助案件', reason: '法律援助案卷按规定归档保存' })

      const membershipApplications = await deleteApplications(ctx, kept)
      const childcare = await deleteChildcare(ctx, kept)
      const notices = await ctx.store.remove(OUTBOX, { openid })
      // The verified phone (and one awaiting confirmation) is the person's alone: it goes with the rest.
      await ctx.store.remove(PROFILES, { _id: openid })
      ctx.log.info('my_data_deleted', { membershipApplications, ...childcare, notices, kept: kept.length })
      return { deleted: { membershipApplications, children: childcare.children, bookings: childcare.bookings, notices }, kept }
    },
  },

  verifyPhone: verifyPhoneAction,
  changePhone: changePhoneAction,
})
