import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '@/components/Btn'
import PagedListState from '@/components/PagedListState'
import { allows } from '@/contracts/api'
import { messagesApi } from '@/contracts/messages/api'
import { usePagedQuery } from '@/data'
import { useMe } from '@/hooks/useMe'
import { formatDate } from '@/utils/membership'
import './index.scss'

const PUBLISH_URL = '/pages/messages/publish/index'
const announcementUrl = (id: string) => `/pages/messages/announcement/index?id=${encodeURIComponent(id)}`

/** 通知公告 for everyone, pinned first then newest; staff also publish from here (the workbench opens it). */
export default function Announcements() {
  const { me } = useMe()
  // Reloaded on every show: back from publishing, editing or withdrawing one.
  const announcements = usePagedQuery('messages', 'announcements', {})
  const { list } = announcements
  const canPublish = !!me && allows(messagesApi.publishAnnouncement, me.roles)

  return (
    <View className='page announcements'>
      {canPublish ? (
        <Btn className='announcements__publish' onClick={() => Taro.navigateTo({ url: PUBLISH_URL })}>
          发布公告
        </Btn>
      ) : null}
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
      <PagedListState
        list={list}
        onLoad={(page) => (page <= 1 ? announcements.reload() : announcements.more())}
        empty={{ title: '暂无公告', detail: canPublish ? '点上面的「发布公告」发布第一条。' : '工会发布的通知会出现在这里。' }}
      />
    </View>
  )
}
