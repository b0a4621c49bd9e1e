import Taro from '@tarojs/taro'
import { call } from '@/api/client'
import type { PublishAnnouncementInput } from '@/contracts/messages/schemas'

export const PAGE_SIZE = 20

export const fetchInbox = (page: number) => call('messages', 'inbox', { page, pageSize: PAGE_SIZE })
export const markRead = (ids: string[]) => call('messages', 'markRead', { ids })
export const markAllRead = () => call('messages', 'markRead', { all: true })
export const fetchAnnouncements = (page: number, pageSize = PAGE_SIZE) => call('messages', 'announcements', { page, pageSize })
export const fetchAnnouncement = (id: string) => call('messages', 'announcement', { id })
export const publishAnnouncement = (input: PublishAnnouncementInput) => call('messages', 'publishAnnouncement', input)
export const fetchPublishOptions = () => call('messages', 'publishOptions', {})
export const withdrawAnnouncement = (id: string) => call('messages', 'withdrawAnnouncement', { id })

export const ANNOUNCEMENTS_URL = '/pages/messages/announcements/index'
export const announcementUrl = (id: string) => `/pages/messages/announcement/index?id=${encodeURIComponent(id)}`

/** The tab bar's pages (app.config.ts): they open with switchTab, which takes no query. */
const TAB_PAGES = ['/pages/home/index', '/pages/me/index']

/** Opens the page a notice points to; a tab page is switched to, any other is pushed. */
export function openPage(url: string): void {
  const path = url.split('?')[0]
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path })
  else void Taro.navigateTo({ url })
}
