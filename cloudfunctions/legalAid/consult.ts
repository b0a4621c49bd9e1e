import { createHash } from 'node:crypto'
import type { legalAidApi } from '../../src/contracts/legalAid/api'
import type { ConsultItem, ConsultStatus } from '../../src/contracts/legalAid/consult'
import { CATEGORY_LABELS, type Category } from '../../src/contracts/legalAid/schemas'
import { beijingDay } from '../../src/contracts/time'
import { governedOrgIds, governsOrg, lawyerServes, type Caller } from '../_core/auth'
import type { Ctx, Impl } from '../_core/contract'
import { requireCounty } from '../_core/county'
import { conflict, forbidden, notFound } from '../_core/errors'
import { DuplicateKeyError } from '../_core/store/port'
import { routeApplication } from '../membership/routing'

/**
 * 咨询 before a case. The question goes to the employer's union when the worker names one the app knows, else
 * to the county federation; that union's lawyers and staff (and the unions above it) read and answer it, as
 * they would its cases. The text is stored like a case's facts; 删除我的数据 deletes the asker's consultations.
 */
export const CONSULTS = 'legal_consults'
const CONSULT_PAGE = 'pages/legalAid/consult/index'

export type ConsultDoc = {
  _id: string
  askerOpenid: string
  askerName: string
  category: Category
  question: string
  employer: string
  orgId: string
  orgName: string
  status: ConsultStatus
  askedAt: string
  answer: string | null
  answeredAt: string | null
  answeredByOpenid: string | null
  answeredBy: string | null
  caseId: string | null
}

function toConsultItem(d: ConsultDoc, viewer: string): ConsultItem {
  return {
    id: d._id,
    category: d.category,
    question: d.question,
    employer: d.employer,
    orgName: d.orgName,
    status: d.status,
    askedAt: d.askedAt,
    answer: d.answer,
    answeredAt: d.answeredAt,
    answeredBy: d.answeredBy,
    caseId: d.caseId,
    mine: d.askerOpenid === viewer,
  }
}

/** A lawyer or staff member of the union the question went to (or a union above it). */
async function answersFor(ctx: Ctx, orgId: string): Promise<boolean> {
  return (await lawyerServes(ctx.store, ctx.caller.grants, orgId)) || (await governsOrg(ctx.store, ctx.caller, orgId))
}

async function loadVisible(ctx: Ctx, id: string): Promise<ConsultDoc> {
  const doc = await ctx.store.get<ConsultDoc>(CONSULTS, id)
  if (!doc) throw notFound('咨询不存在或已删除')
  if (doc.askerOpenid !== ctx.caller.openid && !(await answersFor(ctx, doc.orgId))) throw forbidden('您无权查看这条咨询')
  return doc
}

/** The unions whose questions the caller answers: those they govern as staff, and those they serve as a lawyer. */
async function servedOrgIds(ctx: Ctx): Promise<string[]> {
  const asLawyer: Caller = {
    ...ctx.caller,
    grants: ctx.caller.grants.filter((g) => g.role === 'lawyer' && g.scope).map((g) => ({ ...g, role: 'staff' as const })),
  }
  const [staff, lawyer] = await Promise.all([governedOrgIds(ctx.store, ctx.caller), governedOrgIds(ctx.store, asLawyer)])
  return [...new Set([...staff, ...lawyer])]
}

export const askAction: Impl<typeof legalAidApi.ask> = {
  rateLimit: { key: (_i, c) => c.caller.openid, max: 10, perMs: 24 * 3600e3, message: '今天提的问题太多了，请明天再问或拨打 12351' },
  handler: async (input, ctx) => {
    const now = ctx.now()
    // The same question asked twice the same Beijing day (a double tap, a resend after a lost answer) is one.
    const id =
      'lc_' +
      createHash('sha256')
        .update([ctx.caller.openid, input.category, input.question, beijingDay(now)].join('\u0000'))
        .digest('hex')
        .slice(0, 24)
    if (await ctx.store.get(CONSULTS, id)) return { id }
    const { orgId: countyId } = await requireCounty(ctx.store)
    const route = await routeApplication(ctx.store, { employer: input.employer, newEmploymentType: 'none', region: '' }, countyId)
    const doc: ConsultDoc = {
      _id: id,
      askerOpenid: ctx.caller.openid,
      askerName: ctx.caller.name || '职工',
      category: input.category,
      question: input.question,
      employer: input.employer,
      orgId: route.org._id,
      orgName: route.org.name,
      status: 'open',
      askedAt: now.toISOString(),
      answer: null,
      answeredAt: null,
      answeredByOpenid: null,
      answeredBy: null,
      caseId: null,
    }
    try {
      await ctx.store.insert(CONSULTS, doc)
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e
    }
    ctx.log.info('legal_consult_asked', { id, org: doc.orgId, category: doc.category })
    return { id }
  },
}

export const myConsultsAction: Impl<typeof legalAidApi.myConsults> = {
  handler: async (_i, ctx) => {
    const docs = await ctx.store.find<ConsultDoc>(CONSULTS, {
      where: { askerOpenid: ctx.caller.openid },
      orderBy: [['askedAt', 'desc']],
      limit: 100,
    })
    return { items: docs.map((d) => toConsultItem(d, ctx.caller.openid)) }
  },
}

export const consultAction: Impl<typeof legalAidApi.consult> = {
  handler: async ({ id }, ctx) => toConsultItem(await loadVisible(ctx, id), ctx.caller.openid),
}

export const consultQueueAction: Impl<typeof legalAidApi.consultQueue> = {
  handler: async ({ status = 'open' }, ctx) => {
    const orgs = await servedOrgIds(ctx)
    if (!orgs.length) return { items: [] }
    const docs = await ctx.store.find<ConsultDoc>(CONSULTS, {
      where: { orgId: { $in: orgs }, status },
      // waiting questions in the order they came; answered ones, the latest first
      orderBy: [['askedAt', status === 'open' ? 'asc' : 'desc']],
      limit: 100,
    })
    return { items: docs.map((d) => toConsultItem(d, ctx.caller.openid)) }
  },
}

export const consultCountAction: Impl<typeof legalAidApi.consultCount> = {
  handler: async (_i, ctx) => {
    const orgs = await servedOrgIds(ctx)
    return { count: orgs.length ? await ctx.store.count(CONSULTS, { orgId: { $in: orgs }, status: 'open' }) : 0 }
  },
}

export const answerAction: Impl<typeof legalAidApi.answer> = {
  audit: 'legalAid.answer',
  handler: async ({ id, answer }, ctx) => {
    const doc = await ctx.store.get<ConsultDoc>(CONSULTS, id)
    if (!doc) throw notFound('咨询不存在或已删除')
    if (!(await answersFor(ctx, doc.orgId))) throw forbidden('这条咨询不归您解答')
    const at = ctx.now().toISOString()
    const name = ctx.caller.name || '工会'
    // Two lawyers answering at once: the first one in wins, the second is told (one conditional write by id).
    const next = await ctx.store.transaction(async (tx) => {
      const current = await tx.get<ConsultDoc>(CONSULTS, id)
      if (!current || current.status !== 'open') return null
      const after: ConsultDoc = { ...current, status: 'answered', answer, answeredAt: at, answeredByOpenid: ctx.caller.openid, answeredBy: name }
      await tx.put(CONSULTS, after)
      await ctx.audit(tx, id, { status: current.status }, { status: 'answered' })
      await ctx.notify(tx, {
        openid: current.askerOpenid,
        template: 'legal_aid_message',
        title: '您的法律咨询有了解答',
        body: `${name}：${answer.slice(0, 60)}`,
        page: `${CONSULT_PAGE}?id=${id}`,
        data: { category: CATEGORY_LABELS[current.category], note: answer.slice(0, 20) },
      })
      return after
    })
    if (!next) throw conflict('这条咨询已经有人解答了')
    ctx.log.info('legal_consult_answered', { id, org: next.orgId })
    return toConsultItem(next, ctx.caller.openid)
  },
}
