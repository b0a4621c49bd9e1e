import * as z from 'zod'
import '../zod'
import { docId, text } from '../fields'

/** Inputs of the `messages` function: the in-app inbox (消息中心) and the union's announcements (通知公告). */

const page = z.number({ error: '页码应为数字' }).int('页码应为整数').min(1, '页码从 1 开始').max(1000, '页码过大').default(1)

export const inboxInput = z.object({
  page,
  pageSize: z.number({ error: '每页条数应为数字' }).int('每页条数应为整数').min(1, '每页至少 1 条').max(50, '每页最多 50 条').default(20),
})

const MARK_READ_MAX = 100

/** Either the ids of some notices, or `all: true` for every unread one; only the caller's own are touched. */
export const markReadInput = z
  .object({
    ids: z
      .array(docId('消息编号'), { error: '消息编号应为列表' })
      .min(1, '请选择要标记的消息')
      .max(MARK_READ_MAX, `一次最多标记 ${MARK_READ_MAX} 条`)
      .optional(),
    all: z.literal(true, { error: 'all 只能为 true' }).optional(),
  })
  .refine((v) => !!v.ids || !!v.all, { message: '请选择要标记为已读的消息', path: ['ids'] })

export const ANNOUNCEMENT_TITLE_MAX = 40
export const ANNOUNCEMENT_BODY_MAX = 1000

export const announcementsInput = z.object({
  page,
  pageSize: z.number({ error: '每页条数应为数字' }).int('每页条数应为整数').min(1, '每页至少 1 条').max(50, '每页最多 50 条').default(20),
})

export const announcementInput = z.object({ id: docId('公告编号') })

/** The publish/edit form and the server share this: without `id` a new announcement, with it an edit. */
export const publishAnnouncementInput = z.object({
  id: docId('公告编号').optional(),
  title: text('标题', { max: ANNOUNCEMENT_TITLE_MAX }),
  body: text('正文', { max: ANNOUNCEMENT_BODY_MAX, multiline: true }),
  pinned: z.boolean({ error: '置顶应为是或否' }).default(false),
  /**
   * members: the publishing union's members (and its cadres); county: every worker, for county federation staff
   * only. A new announcement without it goes to members; an edit without it keeps its audience.
   */
  audience: z.enum(['members', 'county'], { error: '请选择发布范围' }).optional(),
})

export type PublishAnnouncementInput = z.input<typeof publishAnnouncementInput>

export const withdrawAnnouncementInput = z.object({ id: docId('公告编号') })

export interface InboxItem {
  id: string
  title: string
  body: string
  /** the page the notice opens, with a leading slash (/pages/membership/index/index) */
  page?: string
  createdAt: string
  read: boolean
  /** what WeChat did with it: a 服务通知 went out, is still to go, or it is here only (no subscription left…) */
  wechat: 'sent' | 'waiting' | 'inbox_only'
}

export interface InboxPage {
  items: InboxItem[]
  total: number
  unread: number
}

export interface AnnouncementSummary {
  id: string
  title: string
  /** the first line or so of the body, for lists */
  excerpt: string
  pinned: boolean
  publishedAt: string
  orgName: string
  audience: AnnouncementAudience
}

export type AnnouncementAudience = 'members' | 'county'

export interface AnnouncementDetail extends AnnouncementSummary {
  body: string
  updatedAt: string
  /** the caller may edit and withdraw it (staff or admin of the publishing org or above) */
  canManage: boolean
}

/** One notice key's week on the admin's 通知发送情况 page. */
export interface DeliveryRow {
  key: string
  label: string
  total: number
  sent: number
  /** queued, being sent, or waiting to be retried */
  waiting: number
  /** reached 消息中心 only, and that is no error: the worker had no subscription left, or no template is set up */
  inboxOnly: Array<{ reason: string; label: string; count: number }>
  /** did not reach WeChat and someone should fix why */
  failed: Array<{ reason: string; label: string; count: number }>
}

export interface DeliveryStats {
  /** the first moment counted (7 Beijing days back, from 00:00) */
  since: string
  rows: DeliveryRow[]
}
