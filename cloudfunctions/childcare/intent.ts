import type { childcareApi } from '../../src/contracts/childcare/api'
import { seasonOption, upcomingSeasons, type IntentView } from '../../src/contracts/childcare/intent'
import { gradeRange } from '../../src/contracts/childcare/rules'
import { beijingDateTime } from '../../src/contracts/time'
import type { Store } from '../_core/store/port'
import type { Ctx, Impl } from '../_core/contract'
import { AppError, notFound } from '../_core/errors'
import { CHILDREN, CLASSES, INTENTS, gradeIn, type ChildDoc, type ClassDoc, type IntentDoc } from './model'
import { requireConsent } from './privacy'

/**
 * 意向登记. One registration per child per season (`_id = ${season}:${childId}`): registering again changes the
 * area, weeks or note. Staff see counts only. When a class opens, registrants whose season and area match and
 * whose child's grade is within the class's range are told in the same write that creates the class, before
 * booking opens (classes.ts): the rule is 「登记过意向的家长最先知道」, not a reserved place.
 */

const PAGE = 500
/** A county's registrations for one season are read in pages keyed by `_id` (the indexes end in it). */
const MAX_PAGES = 40

async function allWhere(ctx: Ctx, where: Record<string, string | number>): Promise<IntentDoc[]> {
  const out: IntentDoc[] = []
  let after = ''
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await ctx.store.find<IntentDoc>(INTENTS, {
      where: { ...where, ...(after ? { _id: { $gt: after } } : {}) },
      orderBy: [['_id', 'asc']],
      limit: PAGE,
    })
    out.push(...page)
    if (page.length < PAGE) break
    after = page[page.length - 1]._id
  }
  return out
}
type Area = { _id: string; name: string; disabled?: boolean; order?: number }

function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ path, message }])
}

function toView(d: IntentDoc): IntentView {
  return {
    id: d._id,
    childId: d.childId,
    childName: d.childName,
    season: d.season,
    seasonLabel: seasonOption(d.season)?.label ?? String(d.season),
    areaId: d.areaId,
    areaName: d.areaName,
    grade: d.grade,
    weeks: d.weeks ?? null,
    note: d.note,
    createdAt: d.createdAt,
    ...(d.matched ? { matched: d.matched } : {}),
  }
}

async function activeAreas(ctx: Ctx): Promise<Area[]> {
  const docs = await ctx.store.find<Area>('areas', { orderBy: [['order', 'asc']], limit: 200 })
  return docs.filter((a) => !a.disabled)
}

export const intentOptionsAction: Impl<typeof childcareApi.intentOptions> = {
  handler: async (_input, ctx) => ({
    seasons: upcomingSeasons(ctx.now()),
    areas: (await activeAreas(ctx)).map((a) => ({ id: a._id, name: a.name })),
  }),
}

export const registerIntentAction: Impl<typeof childcareApi.registerIntent> = {
  rateLimit: { key: (_i, c) => `cc_intent:${c.caller.openid}`, max: 30, perMs: 3600e3, message: '登记太频繁，请稍后再试' },
  handler: async (input, ctx) => {
    // The child's record already carries the guardian's consent; a withdrawn consent stops new registrations too.
    await requireConsent(ctx)
    const child = await ctx.store.get<ChildDoc>(CHILDREN, input.childId)
    if (!child || child.parentOpenid !== ctx.caller.openid || child.deletedAt) throw fieldError('childId', '请选择您登记过的孩子')
    const season = upcomingSeasons(ctx.now()).find((s) => s.season === input.season)
    if (!season) throw fieldError('season', '请从列表中选择托管时段')
    const area = await ctx.store.get<Area>('areas', input.areaId)
    if (!area || area.disabled) throw fieldError('areaId', '请从列表中选择街道/乡镇')
    const grade = gradeIn(child, season.from)
    if (grade < 1 || grade > 9) throw fieldError('childId', `${child.name} 在${season.label}不在一年级至初三之间，无法登记`)
    const id = `${season.season}:${child._id}`
    const now = ctx.now().toISOString()
    const doc: IntentDoc = {
      _id: id,
      parentOpenid: ctx.caller.openid,
      childId: child._id,
      childName: child.name,
      season: season.season,
      areaId: area._id,
      areaName: area.name,
      grade,
      weeks: input.weeks ?? null,
      note: input.note,
      createdAt: now,
    }
    // put: registering the same child for the same season again replaces the earlier choice (one per child).
    const old = await ctx.store.get<IntentDoc>(INTENTS, id)
    await ctx.store.put(INTENTS, { ...doc, createdAt: old?.createdAt ?? now, ...(old?.matched ? { matched: old.matched } : {}) })
    return toView({ ...doc, createdAt: old?.createdAt ?? now, ...(old?.matched ? { matched: old.matched } : {}) })
  },
}

export const myIntentsAction: Impl<typeof childcareApi.myIntents> = {
  handler: async (_input, ctx) => {
    const docs = await ctx.store.find<IntentDoc>(INTENTS, { where: { parentOpenid: ctx.caller.openid }, orderBy: [['_id', 'asc']], limit: 100 })
    return { items: docs.map(toView) }
  },
}

export const withdrawIntentAction: Impl<typeof childcareApi.withdrawIntent> = {
  handler: async ({ id }, ctx) => {
    // The owner is part of the condition: nobody can withdraw (or learn of) another parent's registration.
    const n = await ctx.store.remove(INTENTS, { _id: id, parentOpenid: ctx.caller.openid })
    if (!n) throw notFound('这条意向登记不存在或已撤回')
    return { withdrawn: true }
  },
}

export const intentDemandAction: Impl<typeof childcareApi.intentDemand> = {
  handler: async (input, ctx) => {
    const seasons = upcomingSeasons(ctx.now())
    const season = input.season ?? seasons[0]?.season ?? 0
    if (input.season !== undefined && !seasonOption(input.season)) throw fieldError('season', '托管时段不正确')
    const [docs, areas] = await Promise.all([allWhere(ctx, { season }), activeAreas(ctx)])
    const rows = new Map<string, { areaId: string; areaName: string; total: number; byGrade: number[] }>()
    for (const a of areas) rows.set(a._id, { areaId: a._id, areaName: a.name, total: 0, byGrade: new Array(10).fill(0) })
    for (const d of docs) {
      let row = rows.get(d.areaId)
      if (!row) rows.set(d.areaId, (row = { areaId: d.areaId, areaName: d.areaName, total: 0, byGrade: new Array(10).fill(0) }))
      row.total++
      if (d.grade >= 1 && d.grade <= 9) row.byGrade[d.grade]++
    }
    const list = [...rows.values()].filter((r) => r.total > 0).sort((a, b) => b.total - a.total)
    const known = seasons.some((s) => s.season === season) ? seasons : [...seasons, seasonOption(season)!].filter(Boolean)
    return { seasons: known, season, total: docs.length, rows: list }
  },
}

/** Registrations a new class answers: same season and area, the child's grade within the class's range. */
export async function matchingIntents(ctx: Ctx, cls: Pick<ClassDoc, 'season' | 'areaId' | 'gradeMin' | 'gradeMax'>): Promise<IntentDoc[]> {
  if (!cls.areaId) return []
  const docs = await allWhere(ctx, { season: cls.season, areaId: cls.areaId })
  return docs.filter((d) => d.grade >= cls.gradeMin && d.grade <= cls.gradeMax)
}

/** Registrants told inside the class-creation write; a class answering more is finished by the timer. */
export const TELL_IN_CREATE = 100

/** The 消息中心 notice (and WeChat message where subscribed) that a class matching a registration opened. */
export async function tellRegistrant(ctx: Ctx, tx: Store, cls: ClassDoc, d: IntentDoc, at: string): Promise<void> {
  const opens = Date.parse(cls.opensAt) <= Date.parse(at) ? '现在已可报名' : `${beijingDateTime(cls.opensAt)}（北京时间）开放报名`
  await tx.update(INTENTS, { _id: d._id }, { set: { matched: { classId: cls._id, title: cls.title, at } } })
  await ctx.notify(tx, {
    openid: d.parentOpenid,
    template: 'childcare_booking',
    title: '您登记意向的托管班开班了',
    body: `${cls.title}（${cls.areaName ?? d.areaName}，${gradeRange(cls.gradeMin, cls.gradeMax)}）已发布，${opens}。您为${d.childName}登记过意向，所以先通知您。`,
    page: `/pages/childcare/class/index?id=${encodeURIComponent(cls._id)}`,
    data: { class: cls.title.slice(0, 20), child: d.childName, result: '意向托管班已开班' },
  })
}

/**
 * The timer's part: a class created with more matching registrants than one write tells carries
 * `intentsPending`; each pass tells the next batch (one transaction per batch, by-id writes only) and clears
 * the mark when nobody is left. A registrant already told about this class is skipped, so a pass that dies
 * midway is simply repeated.
 */
export async function tellPendingRegistrants(ctx: Ctx): Promise<number> {
  const pending = await ctx.store.find<ClassDoc>(CLASSES, { where: { intentsPending: true }, limit: 20 })
  let told = 0
  for (const cls of pending) {
    const due = (await matchingIntents(ctx, cls)).filter((d) => d.matched?.classId !== cls._id)
    const batch = due.slice(0, TELL_IN_CREATE)
    const at = ctx.now().toISOString()
    await ctx.store.transaction(async (tx) => {
      for (const d of batch) await tellRegistrant(ctx, tx, cls, d, at)
    })
    told += batch.length
    if (due.length <= TELL_IN_CREATE) await ctx.store.update(CLASSES, { _id: cls._id }, { set: { intentsPending: false } })
  }
  return told
}
