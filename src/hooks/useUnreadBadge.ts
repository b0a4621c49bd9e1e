import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { TAB_PAGES } from '@/api/session'
import { useQuery, type Query } from '@/data'

const ME_TAB = TAB_PAGES.indexOf('/pages/me/index')

/**
 * Puts the unread count on the 我的 tab (WeChat's tab bar badge; Taro draws the same in H5). WeChat refuses it off
 * a tab page (「not TabBar page」), which only means the tab pages set it again when they show.
 */
export function showUnreadOnTab(count: number): void {
  const set = count > 0 ? Taro.setTabBarBadge({ index: ME_TAB, text: count > 99 ? '99+' : String(count) }) : Taro.removeTabBarBadge({ index: ME_TAB })
  void Promise.resolve(set).catch(() => undefined)
}

/** For the tab pages: the unread count, asked whenever the page shows, mirrored on the 我的 tab. */
export function useUnreadBadge(enabled: boolean): Query<{ count: number }> {
  const unread = useQuery('messages', 'unreadCount', {}, { enabled, pullToRefresh: false })
  const count = unread.data?.count
  useEffect(() => {
    if (count !== undefined) showUnreadOnTab(count)
  }, [count])
  return unread
}
