import * as z from 'zod'
import { action } from '../api'
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
  inbox: action<InboxPage>()(inboxInput, 'signedIn'),
  unreadCount: action<{ count: number }>()(none, 'signedIn'),
  markRead: action<{ updated: number; unread: number }>()(markReadInput, 'signedIn'),
  announcements: action<{ items: AnnouncementSummary[]; total: number }>()(announcementsInput, 'signedIn'),
  announcement: action<AnnouncementDetail>()(announcementInput, 'signedIn'),
  publishAnnouncement: action<{ id: string; created: boolean }>()(publishAnnouncementInput, [...STAFF]),
  /** what the publish form offers: the union it publishes as, and whether it may reach the whole county */
  publishOptions: action<{ orgName: string; countyWide: boolean }>()(none, [...STAFF]),
  withdrawAnnouncement: action<{ id: string; withdrawn: boolean }>()(withdrawAnnouncementInput, [...STAFF]),
  /** 通知发送情况: what became of the county's notices over the last 7 days (the county union's admins) */
  deliveryStats: action<DeliveryStats>()(none, ['admin']),
}

declare module '../api' {
  interface Apis {
    messages: typeof messagesApi
  }
}
