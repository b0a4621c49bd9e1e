import type { AnnouncementAudience, AnnouncementDetail, AnnouncementSummary, InboxItem } from '../../src/contracts/messages/schemas'
import { MAX_ATTEMPTS, type OutboxDoc } from '../_core/outbox'
import type { Doc } from '../_core/store/port'

export const ANNOUNCEMENTS = 'announcements'

export interface AnnouncementDoc extends Doc {
  title: string
  body: string
  pinned: boolean
  status: 'published' | 'withdrawn'
  /** the publishing union; staff of it (or above it) may edit and withdraw */
  orgId: string
  orgName: string
  /** who sees it: the publishing union's members, or every worker (county federation staff only) */
  audience?: AnnouncementAudience
  /** 'county', or the publishing org's id for members only: one `$in` lists what a reader may see */
  audienceKey?: string
  publishedAt: string
  updatedAt: string
  publishedBy: string
  withdrawnAt?: string
  withdrawnBy?: string
}

/** Domains write `page` with or without the leading slash; navigation needs it. */
function pageUrl(page: string | undefined): string | undefined {
  if (!page) return undefined
  return '/' + page.replace(/^\/+/, '')
}

/** Whether the notice also went out as a WeChat 服务通知: only `sent` did; skipped, refused and given-up did not. */
function wechatReach(doc: OutboxDoc): InboxItem['wechat'] {
  if (doc.status === 'sent') return 'sent'
  if (doc.status === 'skipped' || doc.status === 'refused' || (doc.status === 'failed' && doc.attempts >= MAX_ATTEMPTS)) return 'inbox_only'
  return 'waiting'
}

export function toInboxItem(doc: OutboxDoc): InboxItem {
  return {
    id: doc._id,
    title: doc.title,
    body: doc.body,
    page: pageUrl(doc.page),
    createdAt: doc.createdAt,
    read: !!doc.readAt,
    wechat: wechatReach(doc),
  }
}

const EXCERPT_MAX = 60

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length > EXCERPT_MAX ? flat.slice(0, EXCERPT_MAX) + '…' : flat
}

export function toSummary(doc: AnnouncementDoc): AnnouncementSummary {
  return {
    id: doc._id,
    title: doc.title,
    excerpt: excerpt(doc.body),
    pinned: doc.pinned,
    publishedAt: doc.publishedAt,
    orgName: doc.orgName,
    audience: doc.audience ?? 'county',
  }
}

export function toDetail(doc: AnnouncementDoc, canManage: boolean): AnnouncementDetail {
  return { ...toSummary(doc), body: doc.body, updatedAt: doc.updatedAt, canManage }
}

export const COUNTY_AUDIENCE = 'county'

export function audienceKey(audience: AnnouncementAudience, orgId: string): string {
  return audience === 'county' ? COUNTY_AUDIENCE : orgId
}
