import { statusLabel } from '../../src/contracts/membership/options'
import type { membershipApi } from '../../src/contracts/membership/api'
import type { BulkApproveResult } from '../../src/contracts/membership/schemas'
import { beijingDay, beijingYear } from '../../src/contracts/time'
import type { Ctx, Impl } from '../_core/contract'
import { AppError, conflict } from '../_core/errors'
import { requireCounty } from '../_core/county'
import { APPLICATIONS, toDetail, type ApplicationDoc } from './model'
import { nextMemberNo } from './numbers'
import { governedApplication, releaseLocks } from './shared'

/** 入会 from the union's side: review one, approve a batch, revoke a membership. */

async function notifyReview(ctx: Ctx, tx: Ctx['store'], doc: ApplicationDoc) {
  // A roster member nobody has claimed yet has no WeChat account to tell.
  if (!doc.applicantOpenid) return
  const note = doc.rejectReason || (doc.memberNo ? `会员编号 ${doc.memberNo}` : '')
  await ctx.notify(tx, {
    openid: doc.applicantOpenid,
    template: 'membership_review',
    title: `入会申请${statusLabel(doc.status)}`,
    body: `${doc.orgName}：${statusLabel(doc.status)}${note ? `。${note}` : ''}`,
    page: 'pages/membership/index/index',
    data: { org: doc.orgName, result: statusLabel(doc.status), note },
  })
}

/** Shown on the timeline to staff: who decided. */
const reviewerName = (ctx: Ctx) => ctx.caller.name || '工作人员'

type Review = { decision: 'approve' | 'reject'; reason: string }

export async function reviewOne(ctx: Ctx, id: string, review: Review): Promise<ApplicationDoc> {
  const doc = await governedApplication(ctx, id)
  if (doc.status !== 'pending') throw conflict(`这份申请${statusLabel(doc.status)}，无需再审核`)
  const at = ctx.now()
  // Member numbers start with the county's 行政区划代码, set up once for the deployment.
  const { regionCode } = review.decision === 'approve' ? await requireCounty(ctx.store) : { regionCode: '' }
  const updated = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<ApplicationDoc>(APPLICATIONS, id)
    if (!current || current.status !== 'pending') return null
    const next: ApplicationDoc = { ...current, reviewedBy: ctx.caller.openid, reviewedAt: at.toISOString() }
    if (review.decision === 'approve') {
      const year = beijingYear(at)
      next.status = 'approved'
      next.memberNo = await nextMemberNo(tx, regionCode, year)
      next.joinDate = beijingDay(at)
      next.activeAt = at.toISOString()
      next.timeline = [
        ...current.timeline,
        { at: at.toISOString(), status: 'approved', note: `审核通过，会员编号 ${next.memberNo}`, by: reviewerName(ctx) },
      ]
    } else {
      next.status = 'rejected'
      next.rejectReason = review.reason
      next.timeline = [...current.timeline, { at: at.toISOString(), status: 'rejected', note: review.reason, by: reviewerName(ctx) }]
    }
    await tx.put(APPLICATIONS, next)
    // In the same transaction: an approval never lands without its audit record and its notice.
    await ctx.audit(tx, id, { status: current.status }, { status: next.status, reason: next.rejectReason ?? null, memberNo: next.memberNo ?? null })
    await notifyReview(ctx, tx, next)
    return next
  })
  if (!updated) throw conflict('这份申请刚刚已被其他工作人员审核')
  return updated
}

export const bulkApproveAction: Impl<typeof membershipApi.bulkApprove> = {
  audit: 'membership.review',
  handler: async ({ ids }, ctx): Promise<BulkApproveResult> => {
    // At most 20 (the schema): each item is its own all-or-nothing transaction, run 5 at a time so the call
    // ends well inside a cloud function's time limit; the page sends the next 20 after this answer.
    const unique = [...new Set(ids)]
    const results: BulkApproveResult['results'] = new Array(unique.length)
    let next = 0
    const worker = async () => {
      while (next < unique.length) {
        const i = next++
        const id = unique[i]
        try {
          await reviewOne(ctx, id, { decision: 'approve', reason: '' })
          results[i] = { id, ok: true }
        } catch (e) {
          if (!(e instanceof AppError)) {
            ctx.log.error('bulk_approve_item_failed', { id, error: e instanceof Error ? e.message : String(e) })
            results[i] = { id, ok: false, message: '服务暂时不可用，请稍后再试' }
          } else results[i] = { id, ok: false, message: e.message }
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(5, unique.length) }, worker))
    return { approved: results.filter((r) => r.ok).length, results }
  },
}

export const revokeAction: Impl<typeof membershipApi.revoke> = {
  audit: 'membership.revoke',
  handler: async ({ id, reason }, ctx) => {
    const doc = await governedApplication(ctx, id)
    if (doc.status !== 'approved') throw conflict('只有已通过的会员才能注销会籍')
    const at = ctx.now().toISOString()
    const next: ApplicationDoc = {
      ...doc,
      status: 'revoked',
      timeline: [...doc.timeline, { at, status: 'revoked', note: reason, by: reviewerName(ctx) }],
    }
    await ctx.store.transaction(async (tx) => {
      const n = await tx.update(APPLICATIONS, { _id: id, status: 'approved' }, { set: { status: 'revoked', timeline: next.timeline } })
      if (!n) throw conflict('会籍状态刚刚已变更，请刷新后重试')
      // The ID number may join again later (another union, another job).
      await releaseLocks(tx, doc)
      await ctx.audit(tx, id, { status: 'approved' }, { status: 'revoked', reason })
      await notifyReview(ctx, tx, next)
    })
    return toDetail(next)
  },
}
