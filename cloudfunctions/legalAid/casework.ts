import type { legalAidApi } from '../../src/contracts/legalAid/api'
import { CATEGORY_LABELS, OUTCOME_LABELS } from '../../src/contracts/legalAid/schemas'
import type { Step } from '../../src/contracts/legalAid/states'
import { governedOrgIds, lawyerServes } from '../_core/auth'
import type { Impl } from '../_core/contract'
import { conflict, forbidden } from '../_core/errors'
import { newId } from '../_core/ids'
import { CASES, firstAidClockOf, MESSAGES, toListItem, type CaseDoc } from './model'
import { detailFor, loadCase, officialOn, PAGE, roleOn } from './shared'
import { move, toApplicant } from './steps'

/** Working a case once it is in: the queue, starting and closing it, messages between the parties, the rating. */

export const listCasesAction: Impl<typeof legalAidApi.listCases> = {
  handler: async ({ status, overdue }, ctx) => {
    const orgs = await governedOrgIds(ctx.store, ctx.caller)
    const where: Record<string, unknown> = orgs.length ? { orgId: { $in: orgs } } : { lawyerOpenid: ctx.caller.openid }
    if (status) where.status = status
    if (overdue) where.dueAt = { $lt: ctx.now().toISOString() }
    let docs = await ctx.store.find<CaseDoc>(CASES, { where: where as never, orderBy: [['submittedAt', 'desc']], limit: 300 })
    // A lawyer lists only the cases of unions they serve, as they may only open those.
    if (!orgs.length) {
      const served = new Map<string, boolean>()
      for (const o of new Set(docs.map((d) => d.orgId))) served.set(o, await lawyerServes(ctx.store, ctx.caller.grants, o))
      docs = docs.filter((d) => served.get(d.orgId))
    }
    // The queue: 先行援助 first (nearest clock first), then cases waiting on the union (群体, 工伤, then the rest),
    // nearest deadline first. 先行援助 is read at `now`, so a case becomes urgent as its hearing comes near.
    const now = ctx.now()
    const aid = new Map(docs.map((d) => [d._id, firstAidClockOf(d, now)?.day ?? '']))
    const waiting = (d: CaseDoc) => (d.dueAt && d.status !== 'needs_docs' ? 0 : 1)
    docs.sort(
      (a, b) =>
        (aid.get(a._id) ? 0 : 1) - (aid.get(b._id) ? 0 : 1) ||
        aid.get(a._id)!.localeCompare(aid.get(b._id)!) ||
        waiting(a) - waiting(b) ||
        a.priority - b.priority ||
        (a.dueAt ?? '').localeCompare(b.dueAt ?? '') ||
        b.submittedAt.localeCompare(a.submittedAt),
    )
    return { items: docs.map((d) => toListItem(d, ctx.now())) }
  },
}

export const transitionAction: Impl<typeof legalAidApi.transition> = {
  audit: 'legalAid.transition',
  handler: async ({ id, to, note, outcome, amountRecovered }, ctx) => {
    const step: Step = to === 'in_progress' ? 'start' : 'close'
    const next = await move(
      ctx,
      id,
      step,
      (_d, at) =>
        step === 'start'
          ? { note: note || '开始办理' }
          : {
              outcome: outcome ?? null,
              amountRecovered: amountRecovered ?? null,
              closedAt: at.toISOString(),
              note: `办结：${OUTCOME_LABELS[outcome!]}${amountRecovered ? `，挽回 ${amountRecovered} 元` : ''}${note ? `。${note}` : ''}`,
            },
      toApplicant(
        step === 'start' ? '您的案件已开始办理' : '您的案件已办结',
        step === 'start' ? note || '律师已开始办理' : `结果：${OUTCOME_LABELS[outcome!]}，欢迎评价`,
      ),
    )
    return detailFor(ctx, next, await officialOn(ctx, next))
  },
}

export const messageAction: Impl<typeof legalAidApi.message> = {
  rateLimit: { key: (_i, c) => c.caller.openid, max: 60, perMs: 3600e3, message: '留言太频繁，请稍后再试' },
  handler: async ({ caseId, text }, ctx) => {
    const doc = await loadCase(ctx.store, caseId)
    const role = await roleOn(ctx, doc)
    if (doc.status === 'declined') throw conflict('案件不予受理，不能再留言')
    const at = ctx.now().toISOString()
    await ctx.store.transaction(async (tx) => {
      await tx.insert(MESSAGES, {
        _id: `msg_${newId()}`,
        caseId,
        at,
        fromOpenid: ctx.caller.openid,
        fromName: ctx.caller.name || '申请人',
        role,
        text,
      })
      const to = role === 'applicant' ? doc.lawyerOpenid : doc.applicantOpenid
      if (to) {
        await ctx.notify(tx, {
          openid: to,
          template: 'legal_aid_message',
          title: role === 'applicant' ? '当事人有新留言' : role === 'lawyer' ? '律师给您留言' : '工会给您留言',
          body: text.slice(0, 60),
          page: `${PAGE}?id=${caseId}`,
          data: { category: CATEGORY_LABELS[doc.category], note: text.slice(0, 20) },
        })
      }
    })
    return detailFor(ctx, doc, role)
  },
}

export const rateAction: Impl<typeof legalAidApi.rate> = {
  handler: async ({ caseId, score, comment }, ctx) => {
    const doc = await loadCase(ctx.store, caseId)
    if (doc.applicantOpenid !== ctx.caller.openid) throw forbidden('只有申请人本人能评价')
    if (doc.status !== 'closed') throw conflict('案件办结后才能评价')
    if (doc.outcome === 'withdrawn') throw conflict('已撤回的案件无需评价')
    const at = ctx.now().toISOString()
    const next = await ctx.store.transaction(async (tx) => {
      const current = await tx.get<CaseDoc>(CASES, caseId)
      if (!current || current.rating) return null
      const after: CaseDoc = {
        ...current,
        rating: { score, comment },
        timeline: [...current.timeline, { at, status: 'rated', note: `评价 ${score} 星`, by: '申请人' }],
      }
      await tx.put(CASES, after)
      return after
    })
    if (!next) throw conflict('您已经评价过了')
    return detailFor(ctx, next, 'applicant')
  },
}
