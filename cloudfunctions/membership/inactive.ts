import dayjs from 'dayjs'
import type { membershipApi } from '../../src/contracts/membership/api'
import {
  INACTIVE_MONTHS,
  inactiveDecisionLabel,
  type InactiveDecision,
  type InactiveItem,
  type InactiveList,
} from '../../src/contracts/membership/standing'
import { beijingDay, beijingYear, startOfBeijingDay } from '../../src/contracts/time'
import type { Ctx, Impl } from '../_core/contract'
import { governedOrgIds, scopesOf } from '../_core/auth'
import { conflict } from '../_core/errors'
import { saveExport } from '../_core/exports'
import { streamedXlsx } from '../_core/xlsx-stream'
import type { Where } from '../_core/store/port'
import { APPLICATIONS, type ApplicationDoc } from './model'
import { governedApplication } from './shared'

/**
 * 半年无活动名单 (章程: six months without dues or activity is grounds for leaving). The app keeps no dues, so the
 * signal is the member's last activity it saw (`activeAt`: joining, 会员认证, opening the e-card, asking for a
 * transfer). The list is for staff to review once a year: each member is marked 保留 or 已查看 for the Beijing year;
 * nothing changes a membership on its own. 保留会籍 members pay no dues by rule and are left out.
 */
export const INACTIVE_REVIEWS = 'membership_inactive_reviews'

interface InactiveReviewDoc {
  _id: string
  appId: string
  orgId: string
  year: number
  decision: InactiveDecision
  note: string
  at: string
  by: string
  byOpenid: string
  [field: string]: unknown
}

/** The same Beijing calendar day six months back (31 Aug → 28/29 Feb), from its first moment. */
export function inactiveCutoff(now: Date): Date {
  return startOfBeijingDay(dayjs(beijingDay(now)).subtract(INACTIVE_MONTHS, 'month').format('YYYY-MM-DD'))
}

/** `activeAt` is set on every way in; records older than it count from when they came in. */
const lastActive = (d: ApplicationDoc) => d.activeAt ?? d.claimedAt ?? d.reviewedAt ?? d.submittedAt

async function inactiveWhere(ctx: Ctx): Promise<{ where: Where; cutoff: Date }> {
  const cutoff = inactiveCutoff(ctx.now())
  const orgIds = await governedOrgIds(ctx.store, ctx.caller)
  return { where: { orgId: { $in: orgIds }, status: 'approved', retained: null, activeAt: { $lt: cutoff.toISOString() } }, cutoff }
}

function toItem(d: ApplicationDoc, mark?: InactiveReviewDoc): InactiveItem {
  return {
    id: d._id,
    name: d.name,
    memberNo: d.memberNo ?? '',
    phoneMasked: d.phoneMasked,
    employer: d.employer,
    orgName: d.orgName,
    lastActiveAt: lastActive(d),
    claimed: !!d.applicantOpenid,
    ...(mark
      ? {
          mark: {
            decision: mark.decision,
            label: inactiveDecisionLabel(mark.decision),
            at: mark.at,
            by: mark.by,
            ...(mark.note ? { note: mark.note } : {}),
          },
        }
      : {}),
  }
}

async function marksOf(ctx: Ctx, year: number, docs: ApplicationDoc[]): Promise<Map<string, InactiveReviewDoc>> {
  if (!docs.length) return new Map()
  const marks = await ctx.store.find<InactiveReviewDoc>(INACTIVE_REVIEWS, {
    where: { _id: { $in: docs.map((d) => `${year}:${d._id}`) } },
    limit: docs.length,
  })
  return new Map(marks.map((m) => [m.appId, m]))
}

export const inactiveAction: Impl<typeof membershipApi.inactive> = {
  handler: async ({ page, pageSize }, ctx): Promise<InactiveList> => {
    const { where, cutoff } = await inactiveWhere(ctx)
    const year = beijingYear(ctx.now())
    const total = await ctx.store.count(APPLICATIONS, where)
    const docs = await ctx.store.find<ApplicationDoc>(APPLICATIONS, {
      where,
      orderBy: [['activeAt', 'asc']],
      skip: (page - 1) * pageSize,
      limit: pageSize,
    })
    const marks = await marksOf(ctx, year, docs)
    return { year, cutoff: cutoff.toISOString(), total, items: docs.map((d) => toItem(d, marks.get(d._id))) }
  },
}

export const reviewInactiveAction: Impl<typeof membershipApi.reviewInactive> = {
  audit: 'membership.reviewInactive',
  handler: async ({ id, decision, note }, ctx) => {
    const doc = await governedApplication(ctx, id)
    const cutoff = inactiveCutoff(ctx.now())
    if (doc.status !== 'approved' || doc.retained) throw conflict('这位会员的会籍状态已变更，不在本年度名单中')
    if (Date.parse(lastActive(doc)) >= cutoff.getTime()) throw conflict('这位会员最近半年内有活动，已不在名单中')
    const year = beijingYear(ctx.now())
    const mark: InactiveReviewDoc = {
      _id: `${year}:${id}`,
      appId: id,
      orgId: doc.orgId,
      year,
      decision,
      note,
      at: ctx.now().toISOString(),
      by: ctx.caller.name || '工作人员',
      byOpenid: ctx.caller.openid,
    }
    // One mark per member and year; a second tap or another staff member's later mark replaces it (audited).
    await ctx.store.transaction(async (tx) => {
      const before = await tx.get<InactiveReviewDoc>(INACTIVE_REVIEWS, mark._id)
      await tx.put(INACTIVE_REVIEWS, mark)
      await ctx.audit(tx, id, before ? { decision: before.decision } : null, { decision, note, year })
    })
    return toItem(doc, mark)
  },
}

/** Enough rows for any one union's yearly review; a county's whole list goes by its unions. */
const EXPORT_MAX = 5000

export const exportInactiveAction: Impl<typeof membershipApi.exportInactive> = {
  audit: 'membership.exportInactive',
  handler: async (_input, ctx) => {
    const { where } = await inactiveWhere(ctx)
    const year = beijingYear(ctx.now())
    const docs: ApplicationDoc[] = []
    for (let skip = 0; skip < EXPORT_MAX; skip += 500) {
      const page = await ctx.store.find<ApplicationDoc>(APPLICATIONS, { where, orderBy: [['activeAt', 'asc']], skip, limit: 500 })
      docs.push(...page)
      if (page.length < 500) break
    }
    const marks = new Map<string, InactiveReviewDoc>()
    for (let i = 0; i < docs.length; i += 100) for (const [k, v] of await marksOf(ctx, year, docs.slice(i, i + 100))) marks.set(k, v)
    const file = await streamedXlsx((wb) => {
      const ws = wb.addWorksheet('半年无活动会员', { views: [{ state: 'frozen', ySplit: 1 }] })
      ws.columns = [
        { header: '会员编号', key: 'memberNo', width: 20, style: { numFmt: '@' } },
        { header: '姓名', key: 'name', width: 10 },
        { header: '手机号', key: 'phone', width: 14 },
        { header: '工作单位', key: 'employer', width: 28 },
        { header: '所属工会', key: 'org', width: 30 },
        { header: '最近活动日期', key: 'active', width: 14 },
        { header: '已领取电子会员卡', key: 'claimed', width: 16 },
        { header: '核查结果', key: 'mark', width: 18 },
        { header: '核查说明', key: 'note', width: 30 },
      ]
      ws.getRow(1).font = { bold: true }
      ws.getRow(1).commit()
      for (const d of docs) {
        const m = marks.get(d._id)
        ws.addRow({
          memberNo: d.memberNo,
          name: d.name,
          phone: d.phoneMasked,
          employer: d.employer,
          org: d.orgName,
          active: beijingDay(lastActive(d)),
          claimed: d.applicantOpenid ? '是' : '否',
          mark: m ? inactiveDecisionLabel(m.decision) : '未核查',
          note: m?.note ?? '',
        }).commit()
      }
      ws.commit()
    })
    await ctx.audit(ctx.store, scopesOf(ctx.caller, 'staff')[0] ?? scopesOf(ctx.caller, 'admin')[0] ?? '', null, { count: docs.length, year })
    return saveExport(ctx, `半年无活动会员-${beijingDay(ctx.now())}.xlsx`, file, docs.length)
  },
}
