import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import Btn from '@/components/Btn'
import StateView from '@/components/StateView'
import { allows } from '@/contracts/api'
import { messagesApi } from '@/contracts/messages/api'
import type { AnnouncementSummary } from '@/contracts/messages/schemas'
import { ensureSignedIn } from '@/api/session'
import { useMe } from '@/hooks/useMe'
import { usePagedList } from '@/hooks/usePagedList'
import { formatDate } from '@/utils/membership'
import { announcementUrl, fetchAnnouncements } from '../shared/api'
import './index.scss'

const PUBLISH_URL = '/pages/messages/publish/index'

/** 通知公告 for everyone, pinned first then newest; staff also publish from here (the workbench opens it). */
export default function Announcements() {
  const { me } = useMe()
  const { list, load } = usePagedList<AnnouncementSummary>({ clearOnFirstPage: false })
  const refresh = () => load(fetchAnnouncements, 1)
  const canPublish = !!me && allows(messagesApi.publishAnnouncement, me.roles)

  // Every show: back from publishing, editing or withdrawing one.
  useDidShow(() => {
    if (ensureSignedIn()) void refresh()
  })
  usePullDownRefresh(async () => {
    await refresh()
    Taro.stopPullDownRefresh()
  })

  const publishBar = canPublish ? (
    <Btn className='announcements__publish' onClick={() => Taro.navigateTo({ url: PUBLISH_URL })}>
      发布公告
    </Btn>
  ) : null

  let body
  if (list.page === 0) {
    body = list.error ? (
      <StateView kind='error' title='加载失败' detail={list.error.message} actions={[{ text: '重试', onClick: () => void refresh() }]} />
    ) : (
      <StateView kind='loading' title='正在加载…' />
    )
  } else if (!list.items.length) {
    body = <StateView kind='empty' title='暂无公告' detail={canPublish ? '点上面的「发布公告」发布第一条。' : '工会发布的通知会出现在这里。'} />
  } else {
    body = (
      <>
        {list.items.map((a) => (
          <View key={a.id} className='card announcement-item' onClick={() => Taro.navigateTo({ url: announcementUrl(a.id) })}>
            <View className='announcement-item__head'>
              {a.pinned ? <Text className='announcement-item__pin'>置顶</Text> : null}
              <Text className='announcement-item__title'>{a.title}</Text>
            </View>
            <Text className='announcement-item__excerpt'>{a.excerpt}</Text>
            <Text className='announcement-item__meta'>
              {a.orgName} · {formatDate(a.publishedAt)}
            </Text>
          </View>
        ))}
        {list.error ? (
          <StateView
            kind='error'
            title='加载失败'
            detail={list.error.message}
            actions={[{ text: '重试', onClick: () => void load(fetchAnnouncements, list.page + 1) }]}
          />
        ) : null}
        {list.items.length < list.total && !list.error ? (
          <Btn kind='secondary' loading={list.loading} onClick={() => load(fetchAnnouncements, list.page + 1)}>
            加载更多
          </Btn>
        ) : null}
      </>
    )
  }

  return (
    <View className='page announcements'>
      {publishBar}
      {body}
    </View>
  )
}
