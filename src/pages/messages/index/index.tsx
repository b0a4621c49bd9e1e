import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useRef, useState } from 'react'
import Btn from '@/components/Btn'
import StateView from '@/components/StateView'
import type { InboxItem } from '@/contracts/messages/schemas'
import { ensureSignedIn } from '@/api/session'
import { usePagedList } from '@/hooks/usePagedList'
import { formatDateTime } from '@/utils/membership'
import { fetchInbox, markAllRead, markRead, openPage, PAGE_SIZE } from '../shared/api'
import './index.scss'

/** 消息中心: every notice this person received (review results and the like), newest first. */
export default function Inbox() {
  const { list, load } = usePagedList<InboxItem>({ clearOnFirstPage: false })
  const [unread, setUnread] = useState(0)
  const [readIds, setReadIds] = useState<Set<string>>(new Set())
  const shown = useRef(false)

  const fetchPage = async (page: number) => {
    const res = await fetchInbox(page)
    if (res.ok) {
      setUnread(res.data.unread)
      if (page === 1) setReadIds(new Set())
    }
    return res
  }

  const refresh = () => load(fetchPage, 1)

  // On every show: back from the page a notice opened, or a new notice since.
  useDidShow(() => {
    if (!ensureSignedIn()) return
    shown.current = true
    void refresh()
  })

  usePullDownRefresh(async () => {
    await refresh()
    Taro.stopPullDownRefresh()
  })

  const isRead = (n: InboxItem) => n.read || readIds.has(n.id)

  const open = (n: InboxItem) => {
    if (!isRead(n)) {
      // Shown as read at once; the server's answer brings the true unread count.
      setReadIds((s) => new Set(s).add(n.id))
      setUnread((u) => Math.max(0, u - 1))
      void markRead([n.id]).then((res) => res.ok && setUnread(res.data.unread))
    }
    if (n.page) openPage(n.page)
  }

  const readAll = async () => {
    const res = await markAllRead()
    if (res.ok) {
      setReadIds(new Set(list.items.map((n) => n.id)))
      setUnread(res.data.unread)
    } else {
      void Taro.showToast({ title: res.error.message, icon: 'none' })
    }
  }

  if (list.page === 0) {
    return (
      <View className='page inbox'>
        {list.error ? (
          <StateView kind='error' title='加载失败' detail={list.error.message} actions={[{ text: '重试', onClick: () => void refresh() }]} />
        ) : (
          <StateView kind='loading' title='正在加载…' />
        )}
      </View>
    )
  }
  if (!list.items.length) {
    return (
      <View className='page inbox'>
        <StateView kind='empty' title='暂无消息' detail='入会审核结果等通知会出现在这里。' />
      </View>
    )
  }

  return (
    <View className='page inbox'>
      <View className='inbox__head'>
        <Text className='muted inbox__summary'>{unread ? `${unread} 条未读` : '全部已读'}</Text>
        {unread ? (
          <Btn kind='ghost' size='sm' className='inbox__read-all' onClick={readAll}>
            全部已读
          </Btn>
        ) : null}
      </View>
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
      {list.error ? (
        <StateView
          kind='error'
          title='加载失败'
          detail={list.error.message}
          actions={[{ text: '重试', onClick: () => void load(fetchPage, list.page + 1) }]}
        />
      ) : null}
      {list.items.length < list.total && !list.error ? (
        <Btn kind='secondary' className='inbox__more' loading={list.loading} onClick={() => load(fetchPage, list.page + 1)}>
          加载更多
        </Btn>
      ) : null}
      {list.items.length >= list.total && list.total > PAGE_SIZE ? <Text className='footnote'>没有更多了</Text> : null}
    </View>
  )
}
