import * as z from 'zod'
import { mutation, query } from '../api'
import {
  announcementInput,
  announcementsInput,
  inboxInput,
  markReadInput,
  publishAnnouncementInput,
  withdrawAnnouncementInput,
  type AnnouncementDetail,
  type AnnouncementSummary,
  type DeliveryStats,
  type InboxPage,
} from './schemas'

const none = z.object({})
const STAFF = ['staff', 'admin'] as const satisfies readonly ['staff', 'admin']

/** The `messages` cloud function: 消息中心 (each person's own notices) and 通知公告 (announcements for all). */
export const messagesApi = {
  inbox: query<InboxPage>()(inboxInput, 'signedIn'),
  unreadCount: query<{ count: number }>()(none, 'signedIn'),
  markRead: mutation<{ updated: number; unread: number }>()(markReadInput, 'signedIn'),
  announcements: query<{ items: AnnouncementSummary[]; total: number }>()(announcementsInput, 'signedIn'),
  announcement: query<AnnouncementDetail>()(announcementInput, 'signedIn'),
  publishAnnouncement: mutation<{ id: string; created: boolean }>()(publishAnnouncementInput, [...STAFF]),
  /** what the publish form offers: the union it publishes as, and whether it may reach the whole county */
  publishOptions: query<{ orgName: string; countyWide: boolean }>()(none, [...STAFF]),
  withdrawAnnouncement: mutation<{ id: string; withdrawn: boolean }>()(withdrawAnnouncementInput, [...STAFF]),
  /** 通知发送情况: what became of the county's notices over the last 7 days (the county union's admins) */
  deliveryStats: query<DeliveryStats>()(none, ['admin']),
}

declare module '../api' {
  interface Apis {
    messages: typeof messagesApi
  }
}
