import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import { useMutation, useQuery } from '@/data'
import { alert, confirm } from '@/utils/dialog'
import { formatDateTime } from '@/utils/membership'
import { goBackOr } from '@/utils/nav'
import './index.scss'

const ANNOUNCEMENTS_URL = '/pages/messages/announcements/index'

/** One announcement in full; its publisher's staff may edit or withdraw it here. */
export default function AnnouncementPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const announcement = useQuery('messages', 'announcement', { id })
  const withdrawal = useMutation('messages', 'withdrawAnnouncement', {
    success: '已撤回',
    onSuccess: () => goBackOr(ANNOUNCEMENTS_URL),
    onError: (e) => void alert('撤回失败', e.message),
  })

  const withdraw = async () => {
    const ok = await confirm({ title: '撤回这条公告？', content: '撤回后职工将看不到它，且不能恢复。', confirmText: '撤回', danger: true })
    if (ok) await withdrawal.run({ id })
  }

  return (
    <View className='page announcement'>
      <PageState query={announcement}>
        {(a) => (
          <>
            <View className='card announcement__card'>
              <Text className='announcement__title'>{a.title}</Text>
              <Text className='announcement__meta'>
                {a.pinned ? '置顶 · ' : ''}
                {a.orgName} · {formatDateTime(a.publishedAt)}
              </Text>
              <Text className='announcement__body'>{a.body}</Text>
              {a.updatedAt !== a.publishedAt ? <Text className='announcement__updated'>修改于 {formatDateTime(a.updatedAt)}</Text> : null}
            </View>
            {a.canManage ? (
              <View className='row-actions announcement__actions'>
                <Btn
                  kind='secondary'
                  className='announcement__edit'
                  onClick={() => Taro.navigateTo({ url: `/pages/messages/publish/index?id=${encodeURIComponent(a.id)}` })}
                >
                  修改
                </Btn>
                <Btn kind='danger' className='announcement__withdraw' onClick={withdraw}>
                  撤回
                </Btn>
              </View>
            ) : null}
          </>
        )}
      </PageState>
    </View>
  )
}
