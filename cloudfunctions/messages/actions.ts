import { messagesApi } from '../../src/contracts/messages/api'
import { governsOrg, scopesOf } from '../_core/auth'
import { implement, type Ctx } from '../_core/contract'
import { conflict, forbidden, notFound } from '../_core/errors'
import { OUTBOX, type OutboxDoc } from '../_core/outbox'
import type { Where } from '../_core/store/port'
import { deliveryStats } from './delivery'
import { ANNOUNCEMENTS, toDetail, toInboxItem, toSummary, type AnnouncementDoc } from './model'

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

/** Where a new announcement comes from: the first union the caller is staff or admin of. */
async function publisherOrg(ctx: Ctx): Promise<{ id: string; name: string }> {
  const id = [...scopesOf(ctx.caller, 'staff'), ...scopesOf(ctx.caller, 'admin')][0]
  if (!id) throw forbidden('您还没有所属工会，不能发布公告')
  const org = await ctx.store.get<{ _id: string; name: string }>('orgs', id)
  return { id, name: org?.name ?? '工会' }
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
      const where: Where = { status: 'published' }
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
      return toDetail(doc, await governsOrg(ctx.store, ctx.caller, doc.orgId))
    },
  },

  publishAnnouncement: {
    audit: 'messages.announcement',
    handler: async (input, ctx) => {
      const at = ctx.now().toISOString()
      if (input.id) {
        const id = input.id
        await managedAnnouncement(ctx, id)
        const saved = await ctx.store.transaction(async (tx) => {
          const current = await tx.get<AnnouncementDoc>(ANNOUNCEMENTS, id)
          if (!current || current.status !== 'published') return false
          const next: AnnouncementDoc = { ...current, title: input.title, body: input.body, pinned: input.pinned, updatedAt: at }
          await tx.put(ANNOUNCEMENTS, next)
          await ctx.audit(tx, id, { title: current.title, pinned: current.pinned }, { title: next.title, pinned: next.pinned })
          return true
        })
        if (!saved) throw conflict('这条公告刚刚已被撤回，不能再修改')
        ctx.log.info('announcement_updated', { id, by: ctx.caller.openid })
        return { id, created: false }
      }
      const org = await publisherOrg(ctx)
      const id = await ctx.store.transaction(async (tx) => {
        const doc: Omit<AnnouncementDoc, '_id'> = {
          title: input.title,
          body: input.body,
          pinned: input.pinned,
          status: 'published',
          orgId: org.id,
          orgName: org.name,
          publishedAt: at,
          updatedAt: at,
          publishedBy: ctx.caller.openid,
        }
        const newId = await tx.insert(ANNOUNCEMENTS, doc)
        await ctx.audit(tx, newId, null, { status: 'published', title: doc.title, pinned: doc.pinned })
        return newId
      })
      ctx.log.info('announcement_published', { id, by: ctx.caller.openid })
      return { id, created: true }
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
