import { MAX_FILES, type CaseDetail, type FileInfo } from '../../src/contracts/legalAid/schemas'
import type { Party } from '../../src/contracts/legalAid/states'
import { governsOrg, lawyerServes, orgChain } from '../_core/auth'
import type { Ctx } from '../_core/contract'
import { AppError, forbidden, notFound } from '../_core/errors'
import { newId } from '../_core/ids'
import type { Keys } from '../_core/keys'
import type { Store } from '../_core/store/port'
import { CalendarRangeError, DEFAULT_RULE, dueAt, type DeadlineRule } from './deadlines'
import { loadUnionCalendar } from '../_core/holidays'
import { ACCESS_LOG, CASES, FILES, MESSAGES, SETTINGS, toDetail, type CaseDoc, type FileDoc, type MessageDoc } from './model'
import { beijingYear } from '../../src/contracts/time'

/** Helpers shared by the 法律援助 flows: loading a case, who the caller is to it, the detail view, deadlines. */

export const PAGE = 'pages/legalAid/detail/index'

export function keysOf(ctx: Ctx): Keys {
  if (!ctx.keys) {
    ctx.log.error('keys_missing', { hint: 'set PII_KEY and CARD_SIGNING_KEY' })
    throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
  }
  return ctx.keys
}

export async function loadCase(store: Store, id: string): Promise<CaseDoc> {
  const doc = await store.get<CaseDoc>(CASES, id)
  if (!doc) throw notFound('案件不存在')
  return doc
}

/**
 * The assigned lawyer, while they still serve the receiving union: a lawyer grant revoked, or scoped to another
 * union, reads nothing of a case once assigned to them.
 */
async function isCaseLawyer(ctx: Ctx, doc: CaseDoc): Promise<boolean> {
  return !!doc.lawyerOpenid && doc.lawyerOpenid === ctx.caller.openid && (await lawyerServes(ctx.store, ctx.caller.grants, doc.orgId))
}

/**
 * Who the caller is to this case: the applicant, the assigned lawyer, or staff of the receiving union or a
 * union above it. Anyone else is refused, admins of another county included.
 */
export async function roleOn(ctx: Ctx, doc: CaseDoc): Promise<Party> {
  if (doc.applicantOpenid === ctx.caller.openid) return 'applicant'
  if (await isCaseLawyer(ctx, doc)) return 'lawyer'
  if (await governsOrg(ctx.store, ctx.caller, doc.orgId)) return 'staff'
  throw forbidden('您无权查看或办理这个案件')
}

/** Staff and lawyers: as `roleOn`, but the applicant acting through a staff action is refused too. */
export async function officialOn(ctx: Ctx, doc: CaseDoc): Promise<Party> {
  if (await isCaseLawyer(ctx, doc)) return 'lawyer'
  if (await governsOrg(ctx.store, ctx.caller, doc.orgId)) return 'staff'
  throw forbidden('这个案件不归您办理')
}

export async function logAccess(ctx: Ctx, doc: CaseDoc, role: Party, what: 'case' | 'file', fileId: string | null = null) {
  if (role === 'applicant') return
  await ctx.store.insert(ACCESS_LOG, {
    _id: `acc_${newId()}`,
    caseId: doc._id,
    at: ctx.now().toISOString(),
    openid: ctx.caller.openid,
    name: ctx.caller.name,
    role,
    what,
    fileId,
  })
}

async function filesOf(store: Store, doc: CaseDoc): Promise<FileInfo[]> {
  if (!doc.fileIds.length) return []
  const files = await store.find<FileDoc>(FILES, { where: { _id: { $in: doc.fileIds } }, limit: MAX_FILES * 3 })
  return files.map((f) => ({ id: f._id, name: f.name, type: f.type, size: f.size }))
}

/**
 * Whether the caller may decide this case's 异议: staff (or admin) of the union above the receiving one, never the
 * person who refused. At the top of the tree (the county union has no union above it here) its administrators.
 */
export async function mayReview(ctx: Ctx, doc: CaseDoc): Promise<boolean> {
  const o = doc.objection
  if (!o || doc.status !== 'objecting') return false
  if (doc.declinedBy === ctx.caller.openid) return false
  const top = !(await orgChain(ctx.store, doc.orgId))[1]
  if (top) return ctx.caller.grants.some((g) => g.role === 'admin' && (!g.scope || g.scope === o.reviewOrgId))
  return governsOrg(ctx.store, ctx.caller, o.reviewOrgId)
}

/** The case as `role` sees it; every read by anyone but the applicant lands in the access log. */
export async function detailFor(ctx: Ctx, doc: CaseDoc, role: Party): Promise<CaseDetail> {
  await logAccess(ctx, doc, role, 'case')
  let phone: string | null = null
  if (role !== 'applicant' && doc.phoneCipher) phone = keysOf(ctx).pii.decrypt(doc.phoneCipher)
  const messages = await ctx.store.find<MessageDoc>(MESSAGES, { where: { caseId: doc._id }, orderBy: [['at', 'asc']], limit: 500 })
  const review = role === 'staff' && doc.status === 'objecting' ? await mayReview(ctx, doc) : false
  return toDetail(doc, ctx.now(), { role, openid: ctx.caller.openid, phone, mayReview: review }, await filesOf(ctx.store, doc), messages)
}

/** The deadline rule of the receiving union, else of the nearest union above it, else the law's 7 + 3 days. */
export async function ruleFor(store: Store, orgId: string): Promise<DeadlineRule> {
  for (const id of await orgChain(store, orgId)) {
    const r = await store.get<{ _id: string; decisionDays: number; assignDays: number; unit: DeadlineRule['unit'] }>(SETTINGS, id)
    if (r) return { decisionDays: r.decisionDays, assignDays: r.assignDays, unit: r.unit }
  }
  return DEFAULT_RULE
}

/**
 * A due instant, never null. Working days follow the package's holiday data, then the union's own entries
 * (工作台「节假日安排」); for a year neither covers the period is counted in natural days, and the case says so
 * (「按自然日计算」) rather than guess which weekdays are holidays.
 */
export async function due(ctx: Ctx, start: Date, days: number, unit: DeadlineRule['unit']): Promise<{ at: string; note: string | null }> {
  if (unit === 'days') return { at: dueAt(start, days, 'days'), note: null }
  const year = beijingYear(start)
  const union = await loadUnionCalendar(ctx.store, [year, year + 1])
  try {
    return { at: dueAt(start, days, unit, union), note: null }
  } catch (e) {
    if (!(e instanceof CalendarRangeError)) throw e
    ctx.log.error('legal_aid_calendar_out_of_range', { date: e.date, message: e.message })
    return {
      at: dueAt(start, days, 'days'),
      note: `按自然日计算：${e.date.slice(0, 4)} 年的节假日安排尚未录入，期限暂按 ${days} 个自然日计算`,
    }
  }
}
