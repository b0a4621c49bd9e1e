import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import PagedListState from '@/components/PagedListState'
import { TAB_PAGES } from '@/api/session'
import type { InboxItem } from '@/contracts/messages/schemas'
import { useMutation, usePagedQuery, useQuery } from '@/data'
import { showUnreadOnTab } from '@/hooks/useUnreadBadge'
import { formatDateTime } from '@/utils/membership'
import './index.scss'

const PAGE_SIZE = 20

/** Opens the page a notice points to; a tab page is switched to (switchTab takes no query), any other is pushed. */
function openPage(url: string): void {
  const path = url.split('?')[0]
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path })
  else void Taro.navigateTo({ url })
}

/** 消息中心: every notice this person received (review results, bookings, replies), newest first. */
export default function Inbox() {
  const inbox = usePagedQuery('messages', 'inbox', { pageSize: PAGE_SIZE })
  const unread = useQuery('messages', 'unreadCount', {})
  const [readIds, setReadIds] = useState<Set<string>>(new Set())
  const count = unread.data?.count ?? 0
  const setCount = (n: number) => {
    unread.setData(() => ({ count: n }))
    showUnreadOnTab(n)
  }
  const markRead = useMutation('messages', 'markRead', { onSuccess: (res) => setCount(res.unread) })
  const { list } = inbox

  const isRead = (n: InboxItem) => n.read || readIds.has(n.id)

  const open = (n: InboxItem) => {
    if (!isRead(n)) {
      // Shown as read at once; the server's answer brings the true unread count.
      setReadIds((s) => new Set(s).add(n.id))
      setCount(Math.max(0, count - 1))
      void markRead.run({ ids: [n.id] })
    }
    if (n.page) openPage(n.page)
  }

  const readAll = async () => {
    const res = await markRead.run({ all: true })
    if (res?.ok) setReadIds(new Set(list.items.map((n) => n.id)))
    else if (res) void Taro.showToast({ title: res.error.message, icon: 'none' })
  }

  return (
    <View className='page inbox'>
      {list.items.length ? (
        <View className='inbox__head'>
          <Text className='muted inbox__summary'>{count ? `${count} 条未读` : '全部已读'}</Text>
          {count ? (
            <Btn kind='ghost' size='sm' className='inbox__read-all' loading={markRead.busy} onClick={readAll}>
              全部已读
            </Btn>
          ) : null}
        </View>
      ) : null}
      {list.items.map((n) => (
        <View key={n.id} className={`card inbox-item ${isRead(n) ? '' : 'inbox-item--unread'}`} onClick={() => open(n)}>
          <View className='inbox-item__head'>
            {isRead(n) ? null : <View className='inbox-item__dot' />}
            <Text className='inbox-item__title'>{n.title}</Text>
            <Text className='inbox-item__time'>{formatDateTime(n.createdAt)}</Text>
          </View>
          <Text className='inbox-item__body'>{n.body}</Text>
          {n.wechat === 'waiting' ? null : (
            <Text className={`inbox-item__reach inbox-item__reach--${n.wechat}`}>
              {n.wechat === 'sent' ? '已同时发到微信服务通知' : '仅在消息中心（未发微信提醒）'}
            </Text>
          )}
          {n.page ? <Text className='inbox-item__go'>查看详情 ›</Text> : null}
        </View>
      ))}
      <PagedListState
        list={list}
        onLoad={(page) => (page <= 1 ? inbox.reload() : inbox.more())}
        empty={{ title: '暂无消息', detail: '入会审核结果、预约和案件进展等通知会出现在这里。' }}
        moreClassName='inbox__more'
      />
      {list.items.length && list.items.length >= list.total && list.total > PAGE_SIZE ? <Text className='footnote'>没有更多了</Text> : null}
    </View>
  )
}
