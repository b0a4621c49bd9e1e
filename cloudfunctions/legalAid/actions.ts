import { createHash, timingSafeEqual } from 'node:crypto'
import { legalAidApi } from '../../src/contracts/legalAid/api'
import {
  CATEGORIES,
  CATEGORY_LABELS,
  FORM_LABELS,
  GROUP_SIZE,
  MAX_FILES,
  OUTCOME_LABELS,
  STATUSES,
  STATUS_LABELS,
  type AccessLogEntry,
  type CaseDetail,
  type CaseStats,
  type FileInfo,
  type LawyerOption,
} from '../../src/contracts/legalAid/schemas'
import { STEPS, type Actor, type Step } from '../../src/contracts/legalAid/states'
import { governedOrgIds, governsOrg, orgChain, scopesOf, type UserDoc } from '../_core/auth'
import { implement, type Ctx } from '../_core/contract'
import { AppError, conflict, forbidden, invalid, notFound } from '../_core/errors'
import { newId } from '../_core/ids'
import type { Keys } from '../_core/keys'
import { DuplicateKeyError, type Store } from '../_core/store/port'
import { routeApplication } from '../membership/routing'
import { CalendarRangeError, DEFAULT_RULE, daysBetween, dueAt, type DeadlineRule } from './deadlines'
import { fileStorage, sniffType } from './files'
import { ACCESS_LOG, CASES, FILES, MESSAGES, SETTINGS, maskPhone, priorityOf, toDetail, toListItem, type CaseDoc, type FileDoc, type MessageDoc } from './model'

const COUNTY_ID = process.env.COUNTY_ORG_ID ?? 'org-leling'
/** A file link lives this long: long enough to open a photo, too short to pass around. */
export const LINK_TTL_MS = 5 * 60 * 1000
const PAGE = 'pages/legalAid/detail/index'

function keysOf(ctx: Ctx): Keys {
  if (!ctx.keys) {
    ctx.log.error('keys_missing', { hint: 'set PII_KEY and CARD_SIGNING_KEY' })
    throw new AppError('INTERNAL', '服务暂时不可用，请稍后再试')
  }
  return ctx.keys
}

async function loadCase(store: Store, id: string): Promise<CaseDoc> {
  const doc = await store.get<CaseDoc>(CASES, id)
  if (!doc) throw notFound('案件不存在')
  return doc
}

/**
 * Who the caller is to this case: the applicant, the assigned lawyer, or staff of the receiving union or a
 * union above it. Anyone else is refused, admins of another county included.
 */
async function roleOn(ctx: Ctx, doc: CaseDoc): Promise<Actor> {
  if (doc.applicantOpenid === ctx.caller.openid) return 'applicant'
  if (doc.lawyerOpenid && doc.lawyerOpenid === ctx.caller.openid) return 'lawyer'
  if (await governsOrg(ctx.store, ctx.caller, doc.orgId)) return 'staff'
  throw forbidden('您无权查看或办理这个案件')
}

/** Staff and lawyers: as `roleOn`, but the applicant acting through a staff action is refused too. */
async function officialOn(ctx: Ctx, doc: CaseDoc): Promise<Actor> {
  if (doc.lawyerOpenid && doc.lawyerOpenid === ctx.caller.openid) return 'lawyer'
  if (await governsOrg(ctx.store, ctx.caller, doc.orgId)) return 'staff'
  throw forbidden('这个案件不归您办理')
}

async function logAccess(ctx: Ctx, doc: CaseDoc, role: Actor, what: 'case' | 'file', fileId: string | null = null) {
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

/** The case as `role` sees it; every read by anyone but the applicant lands in the access log. */
async function detailFor(ctx: Ctx, doc: CaseDoc, role: Actor): Promise<CaseDetail> {
  await logAccess(ctx, doc, role, 'case')
  let phone: string | null = null
  if (role !== 'applicant' && doc.phoneCipher) phone = keysOf(ctx).pii.decrypt(doc.phoneCipher)
  const messages = await ctx.store.find<MessageDoc>(MESSAGES, { where: { caseId: doc._id }, orderBy: [['at', 'asc']], limit: 500 })
  return toDetail(doc, ctx.now(), { role, openid: ctx.caller.openid, phone }, await filesOf(ctx.store, doc), messages)
}

/** The deadline rule of the receiving union, else of the nearest union above it, else the law's 7 + 3 days. */
async function ruleFor(store: Store, orgId: string): Promise<DeadlineRule> {
  for (const id of await orgChain(store, orgId)) {
    const r = await store.get<{ _id: string; decisionDays: number; assignDays: number; unit: DeadlineRule["unit"] }>(SETTINGS, id)
    if (r) return { decisionDays: r.decisionDays, assignDays: r.assignDays, unit: r.unit }
  }
  return DEFAULT_RULE
}

/**
 * A due instant, or null with a note when the holiday calendar has no data for the period: the calendar
 * throws rather than guess, the error is logged loudly, and the case records why it has no timer.
 */
function due(ctx: Ctx, start: Date, days: number, unit: DeadlineRule['unit']): { at: string | null; note: string | null } {
  try {
    return { at: dueAt(start, days, unit), note: null }
  } catch (e) {
    if (!(e instanceof CalendarRangeError)) throw e
    ctx.log.error('legal_aid_calendar_out_of_range', { date: e.date, message: e.message })
    return { at: null, note: `节假日数据未覆盖 ${e.date.slice(0, 4)} 年，无法按工作日计算期限，请人工掌握并升级日历数据` }
  }
}

const STEP_VERBS: Record<Step, string> = { accept: '受理', decline: '不予受理', assign: '指派律师', start: '开始办理', close: '办结', withdraw: '撤回' }

/**
 * One step of the state machine: checks who the caller is to the case and that the step may leave its
 * current state, then applies the change, its timeline entry, audit record and notices in one transaction.
 */
async function move(
  ctx: Ctx,
  id: string,
  step: Step,
  change: (doc: CaseDoc, at: Date) => Partial<CaseDoc> & { note: string },
  notices: (next: CaseDoc) => Array<{ openid: string; title: string; body: string }>,
): Promise<CaseDoc> {
  const doc = await loadCase(ctx.store, id)
  const actor = step === 'withdraw' ? await roleOn(ctx, doc) : await officialOn(ctx, doc)
  const rule = STEPS[step]
  if (!rule.by.includes(actor)) throw forbidden(actor === 'lawyer' ? `律师不能${STEP_VERBS[step]}案件` : actor === 'applicant' ? '只有工作人员能办理这一步' : `只有申请人本人能${STEP_VERBS[step]}`)
  if (!rule.from.includes(doc.status)) throw conflict(`案件${STATUS_LABELS[doc.status]}，不能${STEP_VERBS[step]}`)
  const at = ctx.now()
  const next = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<CaseDoc>(CASES, id)
    if (!current || current.status !== doc.status || current.lawyerOpenid !== doc.lawyerOpenid) return null
    const { note, ...fields } = change(current, at)
    const after: CaseDoc = {
      ...current,
      ...fields,
      status: rule.to,
      timeline: [...current.timeline, { at: at.toISOString(), status: rule.to, note, by: ctx.caller.name || (actor === 'applicant' ? '申请人' : '工作人员') }],
    }
    await tx.put(CASES, after)
    await ctx.audit(tx, id, { status: current.status, lawyer: current.lawyerOpenid }, { status: after.status, lawyer: after.lawyerOpenid, step })
    for (const n of notices(after)) {
      await ctx.notify(tx, {
        openid: n.openid,
        template: 'legal_aid_update',
        title: n.title,
        body: n.body,
        page: `${PAGE}?id=${id}`,
        data: { category: CATEGORY_LABELS[after.category], status: STATUS_LABELS[after.status], note: n.body.slice(0, 20) },
      })
    }
    return after
  })
  if (!next) throw conflict('案件刚刚已被其他人处理，请刷新后再试')
  ctx.log.info('legal_aid_step', { id, step, to: rule.to })
  return next
}

const toApplicant = (title: string, body: string) => (d: CaseDoc) => [{ openid: d.applicantOpenid, title, body }]

async function isUnionLawyer(store: Store, orgId: string, user: UserDoc | null): Promise<boolean> {
  if (!user || !Array.isArray(user.grants)) return false
  const grants = user.grants.filter((g) => g.role === 'lawyer')
  if (!grants.length) return false
  if (grants.some((g) => !g.scope)) return true
  const chain = await orgChain(store, orgId)
  return grants.some((g) => g.scope && chain.includes(g.scope))
}

/** The base64 alphabet, whole groups only: Buffer.from would silently skip anything else. */
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

function linkMac(keys: Keys, payload: string): string {
  return keys.pii.hash(`legalAid.fileLink|${payload}`)
}

function median(xs: number[]): number | null {
  if (!xs.length) return null
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : Math.round(((s[m - 1] + s[m]) / 2) * 10) / 10
}

/** Beijing midnight of YYYY-MM-DD as UTC ISO text. */
const dayStart = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`)).toISOString()

export const legalAidActions = implement(legalAidApi, {
  submit: {
    rateLimit: { key: (_i, c) => c.caller.openid, max: 10, perMs: 24 * 3600e3, message: '今天提交的申请太多了，请明天再试或拨打 12351' },
    handler: async (input, ctx) => {
      const { pii } = keysOf(ctx)
      const now = ctx.now()
      const at = now.toISOString()
      // Same person, same story, same day: a double tap, answered with the case already stored.
      const id =
        'la_' +
        createHash('sha256')
          .update([ctx.caller.openid, input.category, input.employer, input.facts, at.slice(0, 10)].join('\u0000'))
          .digest('hex')
          .slice(0, 24)
      const existing = await ctx.store.get<CaseDoc>(CASES, id)
      if (existing) return { id }
      const files = input.fileIds.length ? await ctx.store.find<FileDoc>(FILES, { where: { _id: { $in: input.fileIds } }, limit: MAX_FILES }) : []
      const fileIds = [...new Set(input.fileIds)]
      if (files.length !== fileIds.length || files.some((f) => f.ownerOpenid !== ctx.caller.openid || f.caseId)) {
        throw invalid([{ path: 'fileIds', message: '证据文件不存在或已用于其他案件，请重新上传' }])
      }
      const route = await routeApplication(ctx.store, { employer: input.employer, newEmploymentType: 'none', region: '' }, COUNTY_ID)
      const rule = await ruleFor(ctx.store, route.org._id)
      const decision = due(ctx, now, rule.decisionDays, rule.unit)
      const urgent = input.category === 'wage' && input.groupSize >= GROUP_SIZE
      const doc: CaseDoc = {
        _id: id,
        applicantOpenid: ctx.caller.openid,
        applicantName: ctx.caller.name || '职工',
        category: input.category,
        employer: input.employer,
        facts: input.facts,
        claim: input.claim,
        amount: input.amount ?? null,
        phoneCipher: pii.encrypt(input.phone),
        phoneMasked: maskPhone(input.phone),
        groupSize: input.groupSize,
        urgent,
        priority: priorityOf(input.category, input.groupSize),
        hardshipExempt: input.category === 'wage' || input.category === 'injury',
        fileIds,
        orgId: route.org._id,
        orgName: route.org.name,
        status: 'submitted',
        form: null,
        declineReason: null,
        lawyerOpenid: null,
        lawyerName: null,
        outcome: null,
        amountRecovered: null,
        rating: null,
        submittedAt: at,
        decidedAt: null,
        assignedAt: null,
        closedAt: null,
        decisionDue: decision.at,
        assignDue: null,
        dueAt: decision.at,
        deadlineNote: decision.note,
        timeline: [{ at, status: 'submitted', note: `已提交至${route.org.name}${urgent ? '（群体案件，优先办理）' : ''}`, by: ctx.caller.name || '申请人' }],
      }
      try {
        await ctx.store.transaction(async (tx) => {
          await tx.insert(CASES, doc)
          for (const f of fileIds) await tx.update(FILES, { _id: f }, { set: { caseId: id } })
          await ctx.notify(tx, {
            openid: ctx.caller.openid,
            template: 'legal_aid_update',
            title: '法律援助申请已提交',
            body: `${CATEGORY_LABELS[doc.category]}：已提交至${doc.orgName}，工会将在期限内决定是否受理`,
            page: `${PAGE}?id=${id}`,
            data: { category: CATEGORY_LABELS[doc.category], status: STATUS_LABELS.submitted, note: doc.orgName.slice(0, 20) },
          })
        })
      } catch (e) {
        if (e instanceof DuplicateKeyError) return { id }
        throw e
      }
      ctx.log.info('legal_aid_submitted', { id, org: doc.orgId, category: doc.category, urgent })
      return { id }
    },
  },

  myCases: {
    handler: async (_i, ctx) => {
      const docs = await ctx.store.find<CaseDoc>(CASES, { where: { applicantOpenid: ctx.caller.openid }, orderBy: [['submittedAt', 'desc']], limit: 100 })
      return { items: docs.map((d) => toListItem(d, ctx.now())) }
    },
  },

  get: {
    handler: async ({ id }, ctx) => {
      const doc = await loadCase(ctx.store, id)
      return detailFor(ctx, doc, await roleOn(ctx, doc))
    },
  },

  message: {
    rateLimit: { key: (_i, c) => c.caller.openid, max: 60, perMs: 3600e3, message: '留言太频繁，请稍后再试' },
    handler: async ({ caseId, text }, ctx) => {
      const doc = await loadCase(ctx.store, caseId)
      const role = await roleOn(ctx, doc)
      if (doc.status === 'declined') throw conflict('案件不予受理，不能再留言')
      const at = ctx.now().toISOString()
      await ctx.store.transaction(async (tx) => {
        await tx.insert(MESSAGES, { _id: `msg_${newId()}`, caseId, at, fromOpenid: ctx.caller.openid, fromName: ctx.caller.name || '申请人', role, text })
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
  },

  rate: {
    handler: async ({ caseId, score, comment }, ctx) => {
      const doc = await loadCase(ctx.store, caseId)
      if (doc.applicantOpenid !== ctx.caller.openid) throw forbidden('只有申请人本人能评价')
      if (doc.status !== 'closed') throw conflict('案件办结后才能评价')
      if (doc.outcome === 'withdrawn') throw conflict('已撤回的案件无需评价')
      const at = ctx.now().toISOString()
      const next = await ctx.store.transaction(async (tx) => {
        const current = await tx.get<CaseDoc>(CASES, caseId)
        if (!current || current.rating) return null
        const after: CaseDoc = { ...current, rating: { score, comment }, timeline: [...current.timeline, { at, status: 'rated', note: `评价 ${score} 星`, by: '申请人' }] }
        await tx.put(CASES, after)
        return after
      })
      if (!next) throw conflict('您已经评价过了')
      return detailFor(ctx, next, 'applicant')
    },
  },

  withdraw: {
    audit: 'legalAid.withdraw',
    handler: async ({ id }, ctx) => {
      const next = await move(
        ctx,
        id,
        'withdraw',
        (_d, at) => ({ outcome: 'withdrawn', closedAt: at.toISOString(), dueAt: null, note: '申请人撤回' }),
        (d) => (d.lawyerOpenid ? [{ openid: d.lawyerOpenid, title: '当事人已撤回申请', body: `${CATEGORY_LABELS[d.category]}案件已由申请人撤回` }] : []),
      )
      return detailFor(ctx, next, 'applicant')
    },
  },

  upload: {
    rateLimit: { key: (_i, c) => c.caller.openid, max: 40, perMs: 3600e3, message: '上传太频繁，请稍后再试' },
    handler: async (input, ctx) => {
      if (!BASE64_RE.test(input.base64)) throw invalid([{ path: 'base64', message: '文件内容不完整，请重新选择' }])
      const bytes = Buffer.from(input.base64, 'base64')
      if (bytes.length !== input.size) throw invalid([{ path: 'size', message: '文件大小与内容不符，请重新选择' }])
      const real = sniffType(bytes)
      if (!real) throw invalid([{ path: 'type', message: '只能上传 JPG、PNG、WebP 图片或 PDF 文件' }])
      if (real !== input.type) throw invalid([{ path: 'type', message: '文件内容与文件类型不符，请重新选择' }])
      let doc: CaseDoc | null = null
      if (input.caseId) {
        doc = await loadCase(ctx.store, input.caseId)
        await roleOn(ctx, doc)
        if (doc.status === 'closed' || doc.status === 'declined') throw conflict(`案件${STATUS_LABELS[doc.status]}，不能再补充材料`)
        if (doc.fileIds.length >= MAX_FILES) throw conflict(`每个案件最多 ${MAX_FILES} 个证据文件`)
      }
      const id = `lf_${newId()}`
      const ref = await fileStorage().put(id, bytes, real)
      const at = ctx.now().toISOString()
      const file: FileDoc = { _id: id, ownerOpenid: ctx.caller.openid, caseId: doc ? doc._id : null, name: input.name, type: real, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), ref, uploadedAt: at }
      if (!doc) await ctx.store.insert(FILES, file)
      else {
        const caseId = doc._id
        const ok = await ctx.store.transaction(async (tx) => {
          const current = await tx.get<CaseDoc>(CASES, caseId)
          if (!current || current.fileIds.length >= MAX_FILES || current.status === 'closed' || current.status === 'declined') return false
          await tx.insert(FILES, file)
          await tx.put(CASES, { ...current, fileIds: [...current.fileIds, id], timeline: [...current.timeline, { at, status: 'file', note: `补充材料：${input.name}`, by: ctx.caller.name || '申请人' }] })
          return true
        })
        if (!ok) throw conflict('案件已变化，不能再补充材料，请刷新')
      }
      return { id, name: file.name, type: file.type, size: file.size }
    },
  },

  fileLink: {
    handler: async ({ fileId }, ctx) => {
      const keys = keysOf(ctx)
      const file = await ctx.store.get<FileDoc>(FILES, fileId)
      if (!file) throw notFound('文件不存在')
      if (file.caseId) await roleOn(ctx, await loadCase(ctx.store, file.caseId))
      else if (file.ownerOpenid !== ctx.caller.openid) throw forbidden('您无权查看这个文件')
      const exp = ctx.now().getTime() + LINK_TTL_MS
      const payload = Buffer.from(JSON.stringify({ f: fileId, o: ctx.caller.openid, e: exp })).toString('base64url')
      return { token: `${payload}.${linkMac(keys, payload)}`, expiresAt: new Date(exp).toISOString() }
    },
  },

  fileData: {
    handler: async ({ token }, ctx) => {
      const keys = keysOf(ctx)
      const [payload, mac] = token.split('.')
      const expected = payload ? linkMac(keys, payload) : ''
      if (!payload || !mac || mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) throw forbidden('文件链接无效')
      let claims: { f: string; o: string; e: number }
      try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
      } catch {
        throw forbidden('文件链接无效')
      }
      if (claims.o !== ctx.caller.openid) throw forbidden('这个文件链接不是发给您的')
      if (!(claims.e > ctx.now().getTime())) throw forbidden('文件链接已过期，请重新打开')
      const file = await ctx.store.get<FileDoc>(FILES, claims.f)
      if (!file) throw notFound('文件不存在')
      // Access is checked again: a lawyer reassigned away since the link was issued reads nothing.
      if (file.caseId) {
        const doc = await loadCase(ctx.store, file.caseId)
        await logAccess(ctx, doc, await roleOn(ctx, doc), 'file', file._id)
      } else if (file.ownerOpenid !== ctx.caller.openid) throw forbidden('您无权查看这个文件')
      const bytes = await fileStorage().get(file.ref)
      return { name: file.name, type: file.type, base64: bytes.toString('base64') }
    },
  },

  newCount: {
    handler: async (_i, ctx) => {
      const orgs = await governedOrgIds(ctx.store, ctx.caller)
      if (!orgs.length) return { count: 0 }
      return { count: await ctx.store.count(CASES, { orgId: { $in: orgs }, status: 'submitted' }) }
    },
  },

  myCaseCount: {
    handler: async (_i, ctx) => ({ count: await ctx.store.count(CASES, { lawyerOpenid: ctx.caller.openid, status: { $in: ['assigned', 'in_progress'] } }) }),
  },

  listCases: {
    handler: async ({ status, overdue }, ctx) => {
      const orgs = await governedOrgIds(ctx.store, ctx.caller)
      const where: Record<string, unknown> = orgs.length ? { orgId: { $in: orgs } } : { lawyerOpenid: ctx.caller.openid }
      if (status) where.status = status
      if (overdue) where.dueAt = { $lt: ctx.now().toISOString() }
      const docs = await ctx.store.find<CaseDoc>(CASES, { where: where as never, orderBy: [['submittedAt', 'desc']], limit: 300 })
      // The queue: cases waiting on the union first (群体, 工伤, then the rest), nearest deadline first.
      const waiting = (d: CaseDoc) => (d.dueAt ? 0 : 1)
      docs.sort((a, b) => waiting(a) - waiting(b) || a.priority - b.priority || (a.dueAt ?? '').localeCompare(b.dueAt ?? '') || b.submittedAt.localeCompare(a.submittedAt))
      return { items: docs.map((d) => toListItem(d, ctx.now())) }
    },
  },

  lawyers: {
    handler: async ({ id }, ctx) => {
      const doc = await loadCase(ctx.store, id)
      if ((await officialOn(ctx, doc)) !== 'staff') throw forbidden('只有工会工作人员能指派律师')
      // The users collection holds staff, lawyers and keepers (workers have no document): a few hundred.
      const users = await ctx.store.find<UserDoc>('users', { limit: 1000 })
      const items: LawyerOption[] = []
      for (const u of users) if (await isUnionLawyer(ctx.store, doc.orgId, u)) items.push({ openid: u._id, name: u.name })
      return { items }
    },
  },

  accept: {
    audit: 'legalAid.accept',
    handler: async ({ id, form, note }, ctx) => {
      const doc0 = await loadCase(ctx.store, id)
      const rule = await ruleFor(ctx.store, doc0.orgId)
      const assign = due(ctx, ctx.now(), rule.assignDays, rule.unit)
      const next = await move(
        ctx,
        id,
        'accept',
        (_d, at) => ({ form, decidedAt: at.toISOString(), assignDue: assign.at, dueAt: assign.at, deadlineNote: assign.note, note: `已受理，援助形式：${FORM_LABELS[form]}${note ? `。${note}` : ''}` }),
        toApplicant('法律援助申请已受理', `援助形式：${FORM_LABELS[form]}，工会将为您指派律师`),
      )
      return detailFor(ctx, next, 'staff')
    },
  },

  decline: {
    audit: 'legalAid.decline',
    handler: async ({ id, reason }, ctx) => {
      const next = await move(
        ctx,
        id,
        'decline',
        (_d, at) => ({ declineReason: reason, decidedAt: at.toISOString(), dueAt: null, note: `不予受理：${reason}` }),
        toApplicant('法律援助申请不予受理', reason),
      )
      return detailFor(ctx, next, 'staff')
    },
  },

  assign: {
    audit: 'legalAid.assign',
    handler: async ({ id, lawyerOpenid }, ctx) => {
      const doc = await loadCase(ctx.store, id)
      const lawyer = await ctx.store.get<UserDoc>('users', lawyerOpenid)
      if ((await officialOn(ctx, doc)) === 'staff' && STEPS.assign.from.includes(doc.status) && !(await isUnionLawyer(ctx.store, doc.orgId, lawyer))) {
        throw invalid([{ path: 'lawyerOpenid', message: '该律师不在本工会的法律援助律师名单中' }])
      }
      const name = lawyer?.name ?? '律师'
      const next = await move(
        ctx,
        id,
        'assign',
        (d, at) => ({ lawyerOpenid, lawyerName: name, assignedAt: at.toISOString(), dueAt: null, note: d.lawyerOpenid ? `改派${name}承办` : `指派${name}承办` }),
        (d) => [
          { openid: d.applicantOpenid, title: '已为您指派律师', body: `${name}承办您的${CATEGORY_LABELS[d.category]}案件` },
          { openid: lawyerOpenid, title: '新的法律援助案件', body: `${d.orgName}指派您承办一件${CATEGORY_LABELS[d.category]}案件` },
        ],
      )
      return detailFor(ctx, next, 'staff')
    },
  },

  transition: {
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
        toApplicant(step === 'start' ? '您的案件已开始办理' : '您的案件已办结', step === 'start' ? note || '律师已开始办理' : `结果：${OUTCOME_LABELS[outcome!]}，欢迎评价`),
      )
      return detailFor(ctx, next, await officialOn(ctx, next))
    },
  },

  stats: {
    handler: async ({ from, to }, ctx): Promise<CaseStats> => {
      const orgs = await governedOrgIds(ctx.store, ctx.caller)
      const where: Record<string, unknown> = { orgId: { $in: orgs } }
      const range: Record<string, string> = {}
      if (from) range.$gte = dayStart(from)
      if (to) range.$lt = new Date(Date.parse(dayStart(to)) + 24 * 3600e3).toISOString()
      if (from || to) where.submittedAt = range
      const docs = orgs.length ? await ctx.store.find<CaseDoc>(CASES, { where: where as never, limit: 1000 }) : []
      const rated = docs.filter((d) => d.rating)
      return {
        total: docs.length,
        byCategory: CATEGORIES.map((key) => ({ key, label: CATEGORY_LABELS[key], count: docs.filter((d) => d.category === key).length })),
        byStatus: STATUSES.map((key) => ({ key, label: STATUS_LABELS[key], count: docs.filter((d) => d.status === key).length })),
        medianDaysToDecision: median(docs.filter((d) => d.decidedAt).map((d) => daysBetween(d.submittedAt, d.decidedAt!))),
        medianDaysToClose: median(docs.filter((d) => d.closedAt && d.outcome !== 'withdrawn').map((d) => daysBetween(d.submittedAt, d.closedAt!))),
        amountRecovered: docs.reduce((s, d) => s + (d.amountRecovered ?? 0), 0),
        rating: { average: rated.length ? Math.round((rated.reduce((s, d) => s + d.rating!.score, 0) / rated.length) * 10) / 10 : null, count: rated.length },
      }
    },
  },

  setDeadlines: {
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
  },

  accessLog: {
    handler: async ({ caseId }, ctx) => {
      const doc = await loadCase(ctx.store, caseId)
      if (!(await governsOrg(ctx.store, ctx.caller, doc.orgId))) throw forbidden('这个案件不在您管理的范围内')
      const rows = await ctx.store.find<{ _id: string; at: string; openid: string; name: string; role: string; what: AccessLogEntry["what"]; fileId?: string | null }>(ACCESS_LOG, { where: { caseId }, orderBy: [['at', 'desc']], limit: 500 })
      return { items: rows.map((r) => ({ at: r.at, openid: r.openid, name: r.name, role: r.role, what: r.what, fileId: r.fileId ?? null })) }
    },
  },
})
