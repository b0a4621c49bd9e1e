import { messagesApi } from '../../src/contracts/messages/api'
import { governedOrgIds, governsOrg, orgChain, scopesOf } from '../_core/auth'
import { countySettings } from '../_core/county'
import { APPLICATIONS } from '../membership/model'
import { implement, type Ctx } from '../_core/contract'
import { conflict, forbidden, notFound } from '../_core/errors'
import { OUTBOX, type OutboxDoc } from '../_core/outbox'
import type { Where } from '../_core/store/port'
import { deliveryStats } from './delivery'
import { ANNOUNCEMENTS, audienceKey, COUNTY_AUDIENCE, toDetail, toInboxItem, toSummary, type AnnouncementDoc } from './model'

/** The caller's unread notices; `readAt` is null from the moment a notice is queued (see enqueueNotice). */
const unreadWhere = (ctx: Ctx): Where => ({ openid: ctx.caller.openid, readAt: null })

async function publishedAnnouncement(ctx: Ctx, id: string): Promise<AnnouncementDoc> {
  const doc = await ctx.store.get<AnnouncementDoc>(ANNOUNCEMENTS, id)
  if (!doc || doc.status !== 'published') throw notFound('公告不存在或已撤回')
  return doc
}

/** An announcement is managed by staff/admins of the union that published it or of a union above it. */
async function managedAnnouncement(ctx: Ctx, id: string): Promise<AnnouncementDoc> {
  const doc = await publishedAnnouncement(ctx, id)
  if (!(await governsOrg(ctx.store, ctx.caller, doc.orgId))) throw forbidden('这条公告由其他工会发布，您不能修改')
  return doc
}

/** Where a new announcement comes from: the highest union the caller is staff or admin of (the county first). */
async function publisherOrg(ctx: Ctx): Promise<{ id: string; name: string }> {
  const scopes = [...scopesOf(ctx.caller, 'staff'), ...scopesOf(ctx.caller, 'admin')]
  const root = await countyRoot(ctx)
  const id = scopes.includes(root ?? '') ? root : scopes[0]
  if (!id) throw forbidden('您还没有所属工会，不能发布公告')
  const org = await ctx.store.get<{ _id: string; name: string }>('orgs', id)
  return { id, name: org?.name ?? '工会' }
}

const COUNTY_ONLY = '只有县总工会的工作人员可以面向全县职工发布公告'

/** The county root: announcements to every worker come only from its staff. */
async function countyRoot(ctx: Ctx): Promise<string | null> {
  return (await countySettings(ctx.store))?.orgId ?? null
}

/**
 * What a reader may see, as `audienceKey` values: county-wide notices, those of the union they are a member of
 * and the unions above it, and, for cadres, those of their unions, the unions above and the unions below them.
 */
async function readerKeys(ctx: Ctx): Promise<string[]> {
  const keys = new Set<string>([COUNTY_AUDIENCE])
  const [member] = await ctx.store.find<{ _id: string; orgId: string }>(APPLICATIONS, {
    where: { applicantOpenid: ctx.caller.openid, status: 'approved' },
    limit: 1,
  })
  const roots = [...scopesOf(ctx.caller, 'staff'), ...scopesOf(ctx.caller, 'admin')]
  for (const org of member ? [member.orgId, ...roots] : roots) for (const id of await orgChain(ctx.store, org)) keys.add(id)
  for (const id of await governedOrgIds(ctx.store, ctx.caller)) keys.add(id)
  return [...keys]
}

/** Announcements stored before audiences existed: the county's stay county-wide, any other union's go to its members. */
async function migrateLegacy(ctx: Ctx): Promise<void> {
  const legacy = await ctx.store.find<AnnouncementDoc>(ANNOUNCEMENTS, { where: { audienceKey: null }, limit: 50 })
  if (!legacy.length) return
  const root = await countyRoot(ctx)
  for (const d of legacy) {
    const audience = d.orgId === root ? 'county' : 'members'
    await ctx.store.update(ANNOUNCEMENTS, { _id: d._id, audienceKey: null }, { set: { audience, audienceKey: audienceKey(audience, d.orgId) } })
  }
}

export const messagesActions = implement(messagesApi, {
  inbox: {
    handler: async ({ page, pageSize }, ctx) => {
      const mine: Where = { openid: ctx.caller.openid }
      const [docs, total, unread] = await Promise.all([
        ctx.store.find<OutboxDoc>(OUTBOX, { where: mine, orderBy: [['createdAt', 'desc']], skip: (page - 1) * pageSize, limit: pageSize }),
        ctx.store.count(OUTBOX, mine),
        ctx.store.count(OUTBOX, unreadWhere(ctx)),
      ])
      return { items: docs.map(toInboxItem), total, unread }
    },
  },

  unreadCount: {
    handler: async (_input, ctx) => ({ count: await ctx.store.count(OUTBOX, unreadWhere(ctx)) }),
  },

  markRead: {
    handler: async ({ ids, all }, ctx) => {
      // One conditional update: the caller's openid is part of the condition, so someone else's ids change nothing.
      const where: Where = all ? unreadWhere(ctx) : { ...unreadWhere(ctx), _id: { $in: ids ?? [] } }
      const updated = await ctx.store.update(OUTBOX, where, { set: { readAt: ctx.now().toISOString() } })
      return { updated, unread: await ctx.store.count(OUTBOX, unreadWhere(ctx)) }
    },
  },

  announcements: {
    handler: async ({ page, pageSize }, ctx) => {
      await migrateLegacy(ctx)
      const where: Where = { status: 'published', audienceKey: { $in: await readerKeys(ctx) } }
      const [docs, total] = await Promise.all([
        ctx.store.find<AnnouncementDoc>(ANNOUNCEMENTS, {
          where,
          orderBy: [
            ['pinned', 'desc'],
            ['publishedAt', 'desc'],
          ],
          skip: (page - 1) * pageSize,
          limit: pageSize,
        }),
        ctx.store.count(ANNOUNCEMENTS, where),
      ])
      return { items: docs.map(toSummary), total }
    },
  },

  announcement: {
    handler: async ({ id }, ctx) => {
      const doc = await publishedAnnouncement(ctx, id)
      if (!(await readerKeys(ctx)).includes(doc.audienceKey ?? audienceKey(doc.audience ?? 'county', doc.orgId))) {
        throw notFound('公告不存在或已撤回')
      }
      return toDetail(doc, await governsOrg(ctx.store, ctx.caller, doc.orgId))
    },
  },

  publishAnnouncement: {
    audit: 'messages.announcement',
    handler: async (input, ctx) => {
      const at = ctx.now().toISOString()
      if (input.id) {
        const id = input.id
        const managed = await managedAnnouncement(ctx, id)
        if (input.audience === 'county' && managed.orgId !== (await countyRoot(ctx))) throw forbidden(COUNTY_ONLY)
        const saved = await ctx.store.transaction(async (tx) => {
          const current = await tx.get<AnnouncementDoc>(ANNOUNCEMENTS, id)
          if (!current || current.status !== 'published') return false
          const audience = input.audience ?? current.audience ?? 'members'
          const next: AnnouncementDoc = {
            ...current,
            title: input.title,
            body: input.body,
            pinned: input.pinned,
            audience,
            audienceKey: audienceKey(audience, current.orgId),
            updatedAt: at,
          }
          await tx.put(ANNOUNCEMENTS, next)
          await ctx.audit(
            tx,
            id,
            { title: current.title, pinned: current.pinned, audience: current.audience },
            { title: next.title, pinned: next.pinned, audience: next.audience },
          )
          return true
        })
        if (!saved) throw conflict('这条公告刚刚已被撤回，不能再修改')
        ctx.log.info('announcement_updated', { id, by: ctx.caller.openid })
        return { id, created: false }
      }
      const org = await publisherOrg(ctx)
      const audience = input.audience ?? 'members'
      // A union's staff reach their own members; only the county federation's staff reach every worker.
      if (input.audience === 'county' && org.id !== (await countyRoot(ctx))) throw forbidden(COUNTY_ONLY)
      const id = await ctx.store.transaction(async (tx) => {
        const doc: Omit<AnnouncementDoc, '_id'> = {
          title: input.title,
          body: input.body,
          pinned: input.pinned,
          status: 'published',
          orgId: org.id,
          orgName: org.name,
          audience,
          audienceKey: audienceKey(audience, org.id),
          publishedAt: at,
          updatedAt: at,
          publishedBy: ctx.caller.openid,
        }
        const newId = await tx.insert(ANNOUNCEMENTS, doc)
        await ctx.audit(tx, newId, null, { status: 'published', title: doc.title, pinned: doc.pinned, audience: doc.audience })
        return newId
      })
      ctx.log.info('announcement_published', { id, by: ctx.caller.openid })
      return { id, created: true }
    },
  },

  publishOptions: {
    handler: async (_input, ctx) => {
      const org = await publisherOrg(ctx)
      return { orgName: org.name, countyWide: org.id === (await countyRoot(ctx)) }
    },
  },

  withdrawAnnouncement: {
    audit: 'messages.announcement',
    handler: async ({ id }, ctx) => {
      const doc = await ctx.store.get<AnnouncementDoc>(ANNOUNCEMENTS, id)
      if (!doc) throw notFound('公告不存在')
      if (!(await governsOrg(ctx.store, ctx.caller, doc.orgId))) throw forbidden('这条公告由其他工会发布，您不能撤回')
      // Withdrawing twice (a second tap, or two cadres at once) answers the same and writes one audit record.
      const withdrawn = await ctx.store.transaction(async (tx) => {
        const current = await tx.get<AnnouncementDoc>(ANNOUNCEMENTS, id)
        if (!current || current.status !== 'published') return false
        await tx.put(ANNOUNCEMENTS, { ...current, status: 'withdrawn', withdrawnAt: ctx.now().toISOString(), withdrawnBy: ctx.caller.openid })
        await ctx.audit(tx, id, { status: 'published' }, { status: 'withdrawn' })
        return true
      })
      if (withdrawn) ctx.log.info('announcement_withdrawn', { id, by: ctx.caller.openid })
      return { id, withdrawn: true }
    },
  },

  deliveryStats: {
    handler: async (_input, ctx) => deliveryStats(ctx),
  },
})
