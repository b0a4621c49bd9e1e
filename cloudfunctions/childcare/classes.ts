import type { childcareApi } from '../../src/contracts/childcare/api'
import { seasonOf } from '../../src/contracts/childcare/rules'
import { governedOrgIds, governsOrg, scopesOf } from '../_core/auth'
import type { Ctx, Impl } from '../_core/contract'
import { conflict, forbidden, notFound } from '../_core/errors'
import { newId } from '../_core/ids'
import { dispatchOffers } from './booking'
import { commitSeed, runLottery } from './lottery'
import { CLASSES, toSummary, type ClassDoc } from './model'
import { matchingIntents, tellRegistrant, TELL_IN_CREATE } from './intent'
import { AppError } from '../_core/errors'

/** 托管班 from the union's side: opening and editing a class, the union's class list, and the lottery draw. */

export async function governedClass(ctx: Ctx, id: string): Promise<ClassDoc> {
  const cls = await ctx.store.get<ClassDoc>(CLASSES, id)
  if (!cls) throw notFound('托管班不存在')
  if (!(await governsOrg(ctx.store, ctx.caller, cls.orgId))) throw forbidden('这个托管班不归您所在的工会管理')
  return cls
}

/** The reservation as published: groups, count, and the release time to the minute (the form's precision). */
function priorityKey(p: ClassDoc['priority'] | undefined): string {
  if (!p) return ''
  const release = p.releaseAt ? Math.floor(Date.parse(p.releaseAt) / 60_000) : ''
  return `${[...p.groups].sort().join(',')}|${p.places}|${release}`
}

async function areaOf(ctx: Ctx, areaId: string | null | undefined): Promise<{ _id: string; name: string } | null> {
  if (!areaId) return null
  const area = await ctx.store.get<{ _id: string; name: string; disabled?: boolean }>('areas', areaId)
  if (!area || area.disabled) throw new AppError('VALIDATION_FAILED', '服务街道不正确', [{ path: 'areaId', message: '请从列表中选择服务街道' }])
  return area
}

export const upsertClassAction: Impl<typeof childcareApi.upsertClass> = {
  audit: 'childcare.class',
  handler: async (input, ctx) => {
    const now = ctx.now().toISOString()
    const { id, notice: noticeText, areaId, ...fields } = input
    const area = await areaOf(ctx, areaId)
    if (!id) {
      const orgId = [...scopesOf(ctx.caller, 'staff'), ...scopesOf(ctx.caller, 'admin')][0]
      if (!orgId) throw forbidden('您没有所属工会，不能开班')
      const org = await ctx.store.get<{ _id: string; name: string }>('orgs', orgId)
      const classId = `cc_${newId()}`
      const season = seasonOf(fields.startDate, fields.term)
      // 意向登记: registrants are told first, in the write that creates the class (reads stay outside it).
      const matches = area ? await matchingIntents(ctx, { season, areaId: area._id, gradeMin: fields.gradeMin, gradeMax: fields.gradeMax }) : []
      await ctx.store.transaction(async (tx) => {
        const doc: ClassDoc = {
          _id: classId,
          ...fields,
          areaId: area?._id ?? null,
          ...(area ? { areaName: area.name } : {}),
          ...(matches.length > TELL_IN_CREATE ? { intentsPending: true } : {}),
          remaining: fields.capacity - (fields.priority?.places ?? 0),
          ...(fields.priority ? { priorityRemaining: fields.priority.places, priorityReleased: false } : {}),
          priority: fields.priority ?? null,
          nextSeq: 1,
          waiting: 0,
          toOffer: 0,
          applicants: 0,
          season: seasonOf(fields.startDate, fields.term),
          orgId,
          orgName: org?.name ?? '',
          createdBy: ctx.caller.openid,
          updatedAt: now,
          notice: noticeText ? { version: 1, text: noticeText, updatedAt: now } : null,
          ...(fields.allocation === 'lottery' ? { lottery: await commitSeed(tx, classId) } : {}),
        }
        await tx.insert(CLASSES, doc)
        for (const d of matches.slice(0, TELL_IN_CREATE)) await tellRegistrant(ctx, tx, doc, d, now)
        await ctx.audit(tx, classId, null, { title: doc.title, capacity: doc.capacity, allocation: doc.allocation })
      })
      return { id: classId }
    }
    const cls = await governedClass(ctx, id)
    const opened = Date.parse(now) >= Date.parse(cls.opensAt)
    // Bookings are keyed by the season: once parents can book, the class may not move to another one.
    if (opened && (fields.allocation !== cls.allocation || seasonOf(fields.startDate, fields.term) !== cls.season)) {
      throw conflict('报名开始后不能再改分配方式、托管类型或年份')
    }
    const oldP = cls.priority?.places ?? 0
    const newP = fields.priority?.places ?? 0
    const samePriority = priorityKey(cls.priority) === priorityKey(fields.priority)
    // Reserved places are taken from the moment booking opens: from then on the reservation stays as published.
    if (opened && !samePriority) throw conflict('报名开始后不能再改优先名额')
    const taken = cls.capacity - cls.remaining - cls.toOffer - (cls.priorityRemaining ?? 0)
    if (fields.capacity - newP < taken) throw conflict(`已有 ${taken} 个名额被占用，普通名额不能少于 ${taken}`)
    const delta = fields.capacity - cls.capacity
    const shift = newP - oldP
    const poolChange = delta > 0 && fields.allocation === 'fcfs' ? -shift : delta - shift
    const lottery = fields.allocation === 'lottery' && !cls.lottery ? { lottery: await commitSeed(ctx.store, id) } : {}
    const { capacity: _capacity, ...rest } = fields
    // A changed 告家长书 is a new version: parents booking from now on read and record that one.
    const notice =
      (noticeText || null) === (cls.notice?.text ?? null)
        ? {}
        : { notice: noticeText ? { version: (cls.notice?.version ?? 0) + 1, text: noticeText, updatedAt: now } : null }
    // One guarded update, no transaction: bookings keep taking places during an edit. New places go to the
    // waitlist first (dispatchOffers returns them to the pool when nobody waits); fewer places come out of
    // the pool, and only while the pool still has them.
    const changed = await ctx.store.update(
      CLASSES,
      {
        _id: id,
        capacity: cls.capacity,
        priorityRemaining: cls.priorityRemaining ?? null,
        ...(poolChange < 0 ? { remaining: { $gte: -poolChange } } : {}),
      },
      {
        set: {
          ...rest,
          priority: samePriority ? (cls.priority ?? null) : (fields.priority ?? null),
          ...(samePriority ? {} : { priorityRemaining: newP, priorityReleased: false }),
          ...lottery,
          ...notice,
          season: seasonOf(fields.startDate, fields.term),
          // a caller that does not send the area (older forms) leaves it as it was
          ...(areaId === undefined ? {} : { areaId: area?._id ?? null, areaName: area?.name ?? '' }),
          updatedAt: now,
          touchedAt: now,
        },
        inc:
          delta > 0 && fields.allocation === 'fcfs'
            ? { capacity: delta, toOffer: delta, remaining: poolChange }
            : { capacity: delta, remaining: poolChange },
      },
    )
    if (!changed) throw conflict('名额刚刚有变动（有人报名或取消），请刷新后再保存')
    await ctx.audit(ctx.store, id, { capacity: cls.capacity, opensAt: cls.opensAt }, { capacity: fields.capacity, opensAt: fields.opensAt })
    if (fields.allocation === 'fcfs') await dispatchOffers(ctx, id)
    return { id }
  },
}

export const managedClassesAction: Impl<typeof childcareApi.managedClasses> = {
  handler: async (_input, ctx) => {
    const orgs = await governedOrgIds(ctx.store, ctx.caller)
    const docs = await ctx.store.find<ClassDoc>(CLASSES, { where: { orgId: { $in: orgs } }, orderBy: [['startDate', 'desc']], limit: 100 })
    const now = ctx.now()
    return { items: docs.map((c) => toSummary(c, now)) }
  },
}

export const runLotteryAction: Impl<typeof childcareApi.runLottery> = {
  audit: 'childcare.lottery',
  handler: async ({ classId }, ctx) => {
    const cls = await governedClass(ctx, classId)
    const result = await runLottery(ctx, cls)
    if (!cls.lottery?.drawnAt) await ctx.audit(ctx.store, classId, null, { seedHash: result.seedHash, applications: result.order.length })
    return result
  },
}
