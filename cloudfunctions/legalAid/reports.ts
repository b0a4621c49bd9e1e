import type { legalAidApi } from '../../src/contracts/legalAid/api'
import { CATEGORIES, CATEGORY_LABELS, STATUSES, STATUS_LABELS, type AccessLogEntry, type CaseStats } from '../../src/contracts/legalAid/schemas'
import { governedOrgIds, governsOrg, scopesOf } from '../_core/auth'
import type { Impl } from '../_core/contract'
import { findAll } from '../_core/paging'
import { forbidden, notFound } from '../_core/errors'
import { daysBetween } from './deadlines'
import { ACCESS_LOG, CASES, SETTINGS, type CaseDoc } from './model'
import { loadCase } from './shared'
import { startOfBeijingDay } from '../../src/contracts/time'

/** The union's overview: statistics, the access log of a case, and its own deadline settings. */

function median(xs: number[]): number | null {
  if (!xs.length) return null
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : Math.round(((s[m - 1] + s[m]) / 2) * 10) / 10
}

/** Beijing midnight of YYYY-MM-DD as UTC ISO text. */
const dayStart = (d: string) => startOfBeijingDay(d).toISOString()

export const statsAction: Impl<typeof legalAidApi.stats> = {
  handler: async ({ from, to }, ctx): Promise<CaseStats> => {
    const orgs = await governedOrgIds(ctx.store, ctx.caller)
    const where: Record<string, unknown> = { orgId: { $in: orgs } }
    const range: Record<string, string> = {}
    if (from) range.$gte = dayStart(from)
    if (to) range.$lt = new Date(Date.parse(dayStart(to)) + 24 * 3600e3).toISOString()
    if (from || to) where.submittedAt = range
    // Every case in range, in pages: a count cut at one read's 1,000 would be wrong without a word.
    const docs = orgs.length ? await findAll<CaseDoc>(ctx.store, CASES, where as never) : []
    const rated = docs.filter((d) => d.rating)
    return {
      total: docs.length,
      byCategory: CATEGORIES.map((key) => ({ key, label: CATEGORY_LABELS[key], count: docs.filter((d) => d.category === key).length })),
      byStatus: STATUSES.map((key) => ({ key, label: STATUS_LABELS[key], count: docs.filter((d) => d.status === key).length })),
      medianDaysToDecision: median(docs.filter((d) => d.decidedAt).map((d) => daysBetween(d.submittedAt, d.decidedAt!))),
      medianDaysToClose: median(docs.filter((d) => d.closedAt && d.outcome !== 'withdrawn').map((d) => daysBetween(d.submittedAt, d.closedAt!))),
      amountRecovered: docs.reduce((s, d) => s + (d.amountRecovered ?? 0), 0),
      rating: {
        average: rated.length ? Math.round((rated.reduce((s, d) => s + d.rating!.score, 0) / rated.length) * 10) / 10 : null,
        count: rated.length,
      },
    }
  },
}

export const accessLogAction: Impl<typeof legalAidApi.accessLog> = {
  handler: async ({ caseId }, ctx) => {
    const doc = await loadCase(ctx.store, caseId)
    if (!(await governsOrg(ctx.store, ctx.caller, doc.orgId))) throw forbidden('这个案件不在您管理的范围内')
    const rows = await ctx.store.find<{
      _id: string
      at: string
      openid: string
      name: string
      role: string
      what: AccessLogEntry['what']
      fileId?: string | null
    }>(ACCESS_LOG, { where: { caseId }, orderBy: [['at', 'desc']], limit: 500 })
    return { items: rows.map((r) => ({ at: r.at, openid: r.openid, name: r.name, role: r.role, what: r.what, fileId: r.fileId ?? null })) }
  },
}

export const setDeadlinesAction: Impl<typeof legalAidApi.setDeadlines> = {
  audit: 'legalAid.setDeadlines',
  handler: async (input, ctx) => {
    if (!scopesOf(ctx.caller, 'staff').concat(scopesOf(ctx.caller, 'admin')).length || !(await governsOrg(ctx.store, ctx.caller, input.orgId))) {
      throw forbidden('只能设置本工会及下级工会的期限')
    }
    const org = await ctx.store.get('orgs', input.orgId)
    if (!org) throw notFound('工会不存在')
    await ctx.store.transaction(async (tx) => {
      const before = await tx.get(SETTINGS, input.orgId)
      const doc = { _id: input.orgId, decisionDays: input.decisionDays, assignDays: input.assignDays, unit: input.unit }
      await tx.put(SETTINGS, doc)
      await ctx.audit(tx, input.orgId, before, doc)
    })
    return { orgId: input.orgId }
  },
}
