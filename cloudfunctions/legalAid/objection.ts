import type { legalAidApi } from '../../src/contracts/legalAid/api'
import { OBJECTION_DAYS, type Objection } from '../../src/contracts/legalAid/schemas'
import { orgChain, type OrgDoc } from '../_core/auth'
import type { Ctx, Impl } from '../_core/contract'
import { conflict, forbidden } from '../_core/errors'
import type { CaseDoc } from './model'
import { dueAt } from './deadlines'
import { detailFor, due, loadCase, mayReview, roleOn, ruleFor } from './shared'
import { move, toApplicant } from './steps'

/**
 * 异议 (法律援助法 第四十九条): an applicant refused aid objects once; the union above the receiving one decides within
 * 5 days, upholding the refusal or sending the case back to be decided again. At the top of the tree (the county
 * union has no union above it here) the county's administrators decide, never its staff who refused.
 */

/** The union that reviews: the receiving union's parent, else the receiving union itself (its administrators). */
async function reviewOrgOf(ctx: Ctx, doc: CaseDoc): Promise<{ id: string; name: string; top: boolean }> {
  const chain = await orgChain(ctx.store, doc.orgId)
  const id = chain[1] ?? chain[0]
  const org = await ctx.store.get<OrgDoc>('orgs', id)
  return { id, name: org?.name ?? doc.orgName, top: !chain[1] }
}

export const objectAction: Impl<typeof legalAidApi.object> = {
  audit: 'legalAid.object',
  handler: async ({ id, reason }, ctx) => {
    const doc0 = await loadCase(ctx.store, id)
    if ((await roleOn(ctx, doc0)) !== 'applicant') throw forbidden('只有申请人本人能提出异议')
    if (doc0.objection) throw conflict('这个决定已经提出过异议')
    const review = await reviewOrgOf(ctx, doc0)
    const next = await move(
      ctx,
      id,
      'object',
      (current, at) => {
        if (current.objection) throw conflict('这个决定已经提出过异议')
        const due = dueAt(at, OBJECTION_DAYS, 'days')
        const objection: Objection = {
          reason,
          at: at.toISOString(),
          dueAt: due,
          reviewOrgId: review.id,
          reviewOrgName: review.name,
          decision: null,
          note: '',
          decidedAt: null,
          by: null,
        }
        return { objection, dueAt: due, note: `申请人提出异议，由${review.name}在 ${OBJECTION_DAYS} 日内审查：${reason}` }
      },
      toApplicant('异议已提交', `${review.name}将在 ${OBJECTION_DAYS} 日内审查并答复`),
    )
    return detailFor(ctx, next, 'applicant')
  },
}

export const decideObjectionAction: Impl<typeof legalAidApi.decideObjection> = {
  audit: 'legalAid.decideObjection',
  handler: async ({ id, decision, note }, ctx) => {
    const doc0 = await loadCase(ctx.store, id)
    if (doc0.status !== 'objecting') throw conflict('这个案件没有待审查的异议')
    if (!(await mayReview(ctx, doc0)))
      throw forbidden(
        doc0.declinedBy === ctx.caller.openid ? '不予受理是您作出的，异议须由他人审查' : `异议由${doc0.objection?.reviewOrgName ?? '上级工会'}审查`,
      )
    const text = (note ?? '').trim()
    const rule = await ruleFor(ctx.store, doc0.orgId)
    const decisionDue = await due(ctx, ctx.now(), rule.decisionDays, rule.unit)
    const next = await move(
      ctx,
      id,
      decision,
      (current, at) => {
        const objection: Objection = { ...current.objection!, decision, note: text, decidedAt: at.toISOString(), by: ctx.caller.name || '工作人员' }
        return decision === 'uphold'
          ? { objection, dueAt: null, note: `异议审查：维持不予受理。${text}` }
          : // Sent back: the union decides again, with a fresh decision period from today.
            {
              objection,
              declineReason: null,
              decidedAt: null,
              dueAt: decisionDue.at,
              decisionDue: decisionDue.at,
              deadlineNote: decisionDue.note,
              note: `异议审查：责令重新审查${text ? `。${text}` : ''}`,
            }
      },
      toApplicant(
        decision === 'uphold' ? '异议审查：维持不予受理' : '异议审查：工会将重新审查',
        decision === 'uphold' ? text : `${doc0.orgName}将重新决定是否受理${text ? `：${text}` : ''}`,
      ),
    )
    return detailFor(ctx, next, 'staff')
  },
}
